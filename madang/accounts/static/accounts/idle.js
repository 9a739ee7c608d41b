/*
 * Idle sign-out countdown with "시간 연장" (안전성 확보조치 기준 제6조④; KWCAG 2.2.1 timing
 * adjustable). Markup: templates/accounts/idle/countdown.html. No dependencies.
 *
 * - shows "로그아웃까지 남은 시간 MM:SS", counting down from the server's idle time-out;
 * - `data-warning` seconds before the end opens a modal dialog (focus moves into it, the
 *   warning is announced through an aria-live region) with "시간 연장" and "로그아웃";
 * - "시간 연장" POSTs to `data-extend-url` (CSRF header) and restarts from the answer;
 * - at zero, POSTs the hidden form to /session/expired/, which signs out and shows
 *   "장시간 사용하지 않아 로그아웃되었습니다" on the sign-in page;
 * - tabs of the same site share the deadline through localStorage, so working in one tab does
 *   not sign another out.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "madang-idle-deadline";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return pad(Math.floor(s / 60)) + ":" + pad(s % 60);
  }

  function interpolate(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key];
    });
  }

  function csrfToken(root) {
    if (root.dataset.csrfToken) return root.dataset.csrfToken;
    var config = document.getElementById("wagtail-config");
    if (config) {
      try {
        return JSON.parse(config.textContent).CSRF_TOKEN || "";
      } catch (e) {
        /* fall through */
      }
    }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function postForm(action, token, extra) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = action;
    form.hidden = true;
    var fields = Object.assign({ csrfmiddlewaretoken: token }, extra || {});
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  function init(root) {
    if (root.dataset.madangIdleReady) return;
    if (root.dataset.require && !document.querySelector(root.dataset.require)) return;
    root.dataset.madangIdleReady = "1";
    if (root.dataset.mount) {
      var mount = document.querySelector(root.dataset.mount);
      if (mount) mount.insertBefore(root, mount.firstChild);
    }

    var timeout = Number(root.dataset.timeout);
    var warning = Number(root.dataset.warning);
    var timeEl = root.querySelector("[data-madang-idle-time]");
    var dialog = root.querySelector("[data-madang-idle-dialog]");
    var dialogTime = root.querySelector("[data-madang-idle-dialog-time]");
    var live = root.querySelector("[data-madang-idle-live]");
    var status = root.querySelector("[data-madang-idle-status]");
    var expiredForm = root.querySelector("[data-madang-idle-expired-form]");
    var strings = root.querySelector("[data-madang-idle-strings]").dataset;
    var deadline = Date.now() + timeout * 1000;
    var warned = false;
    var finished = false;
    var returnFocus = null;
    var timer = null;

    function share() {
      try {
        window.localStorage.setItem(STORAGE_KEY, String(deadline));
      } catch (e) {
        /* storage may be off; each tab then counts alone */
      }
    }

    function spoken(seconds) {
      var s = Math.max(0, Math.ceil(seconds));
      return interpolate(strings.minutes, { m: Math.floor(s / 60), s: s % 60 });
    }

    function openDialog(left) {
      warned = true;
      returnFocus = document.activeElement;
      if (typeof dialog.showModal === "function") {
        dialog.showModal();
      } else {
        dialog.setAttribute("open", "");
      }
      var primary = dialog.querySelector(".primary[data-madang-idle-extend]");
      if (primary) primary.focus();
      live.textContent = interpolate(strings.warning, { time: spoken(left) });
    }

    function closeDialog() {
      warned = false;
      if (dialog.open) dialog.close();
      if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
      returnFocus = null;
    }

    function expire() {
      if (finished) return;
      finished = true;
      window.clearInterval(timer);
      expiredForm.elements.csrfmiddlewaretoken.value = csrfToken(root);
      expiredForm.submit();
    }

    function tick() {
      var left = (deadline - Date.now()) / 1000;
      var text = clock(left);
      timeEl.textContent = text;
      dialogTime.textContent = text;
      if (left <= 0) {
        expire();
        return;
      }
      if (left <= warning && !warned) {
        openDialog(left);
      } else if (warned && dialog.open) {
        var s = Math.ceil(left);
        if (s % 60 === 0 || s === 30 || s === 10) {
          live.textContent = interpolate(strings.warning, { time: spoken(s) });
        }
      } else if (left > warning && warned) {
        closeDialog();
      }
    }

    function extend() {
      var request = new XMLHttpRequest();
      request.open("POST", root.dataset.extendUrl);
      request.setRequestHeader("X-CSRFToken", csrfToken(root));
      request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        if (request.status === 200) {
          var data = JSON.parse(request.responseText);
          deadline = Date.now() + Number(data.expires_in) * 1000;
          share();
          closeDialog();
          tick();
          status.textContent = interpolate(strings.extended, { time: spoken(data.expires_in) });
        } else if (request.status === 401 || request.status === 403) {
          expire();
        } else {
          status.textContent = strings.failed;
        }
      };
      request.onerror = function () {
        status.textContent = strings.failed;
      };
      request.send();
    }

    function logout() {
      finished = true;
      window.clearInterval(timer);
      if (root.dataset.logoutUrl) {
        postForm(root.dataset.logoutUrl, csrfToken(root));
      } else {
        expiredForm.elements.csrfmiddlewaretoken.value = csrfToken(root);
        expiredForm.submit();
      }
    }

    Array.prototype.forEach.call(root.querySelectorAll("[data-madang-idle-extend]"), function (b) {
      b.addEventListener("click", extend);
    });
    root.querySelector("[data-madang-idle-logout]").addEventListener("click", logout);
    // Escape closes the dialog; the countdown and its "시간 연장" button stay on the page.
    dialog.addEventListener("close", function () {
      if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
    });
    window.addEventListener("storage", function (event) {
      if (event.key === STORAGE_KEY && event.newValue && Number(event.newValue) > deadline) {
        deadline = Number(event.newValue);
        tick();
      }
    });

    root.hidden = false;
    share();
    tick();
    timer = window.setInterval(tick, 1000);
    root.madangIdle = {
      // For tests and for pages that want to show the dialog sooner.
      setRemaining: function (seconds) {
        deadline = Date.now() + seconds * 1000;
        tick();
      },
    };
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-madang-idle]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
