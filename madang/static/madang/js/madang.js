/* Madang's own behaviour on top of KRDS's ui-script.js. Deferred; everything is bound on
   DOMContentLoaded, after KRDS has bound its own handlers, so ours run after theirs. */
(function () {
  "use strict";

  var SIZES = ["sm", "md", "lg", "xlg", "xxlg"];

  /* The header's text-size menu writes the same cookie as the "화면 설정" form
     (madang.pages.display: "<size>.<contrast>"), so the server renders the choice next time. */
  function saveDisplayCookie(size) {
    var root = document.documentElement;
    var name = root.getAttribute("data-display-cookie") || "madang_display";
    var contrast = root.getAttribute("data-krds-mode") === "high-contrast" ? "high" : "default";
    if (size === "md" && contrast === "default") {
      document.cookie = name + "=; path=/; max-age=0; samesite=lax";
    } else {
      document.cookie = name + "=" + size + "." + contrast + "; path=/; max-age=31536000; samesite=lax";
    }
  }

  function setTextSize(size) {
    if (SIZES.indexOf(size) === -1) size = "md";
    var root = document.documentElement;
    if (size === "md") root.removeAttribute("data-text-size");
    else root.setAttribute("data-text-size", size);
    saveDisplayCookie(size);
    markTextSize(size);
  }

  function markTextSize(size) {
    document.querySelectorAll("[data-madang-text-size] .item-link[data-text-size]").forEach(function (btn) {
      var on = btn.getAttribute("data-text-size") === size;
      btn.classList.toggle("active", on);
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      // KRDS's drop-down marks the chosen item with aria-selected, which a button may not carry.
      btn.removeAttribute("aria-selected");
      var sr = btn.querySelector(".sr-only");
      if (sr) sr.textContent = "";
    });
  }

  function initTextSize() {
    var current = document.documentElement.getAttribute("data-text-size") || "md";
    markTextSize(current);
    document.querySelectorAll("[data-madang-text-size] [data-text-size]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        setTextSize(btn.getAttribute("data-text-size"));
      });
    });
  }

  function initLanguageLinks() {
    // KRDS adds aria-selected to every drop-down item; on links it means nothing, so drop it.
    document.querySelectorAll(".krds-language .item-link").forEach(function (link) {
      link.removeAttribute("aria-selected");
      var sr = link.querySelector(".sr-only");
      if (sr) sr.textContent = ""; // aria-current says which is chosen, in every language
    });
  }

  function initMobileMenu() {
    var nav = document.getElementById("mobile-nav");
    if (!nav) return;
    var toggle = document.querySelector('[aria-controls="mobile-nav"]');
    var close = nav.querySelector("#close-nav");
    if (!toggle || !close) return;

    // KRDS leaves aria-expanded out (commented out in ui-script.js); keep it in step.
    new MutationObserver(function () {
      toggle.setAttribute("aria-expanded", nav.classList.contains("is-open") ? "true" : "false");
    }).observe(nav, { attributes: true, attributeFilter: ["class"] });

    // KRDS closes the mobile menu only with its close button; Escape must close it too
    // and give focus back to the button that opened it (KWCAG 6.1.1, 6.1.2).
    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && nav.classList.contains("is-open")) {
        event.preventDefault();
        close.click();
        toggle.focus();
      }
    });
    close.addEventListener("click", function () {
      // KRDS moves focus back on transitionend, which never fires when motion is reduced.
      window.setTimeout(function () {
        if (!nav.contains(document.activeElement) || nav.style.display === "none") toggle.focus();
      }, 450);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initTextSize();
    initLanguageLinks();
    initMobileMenu();
  });
})();
