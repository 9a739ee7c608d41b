/* Runs synchronously in <head>, before the first paint: marks that JavaScript runs and applies
   the text size the visitor chose earlier, so the page never flickers from one size to another. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  try {
    var size = window.localStorage.getItem("madang:text-size");
    if (size && /^(sm|md|lg|xlg|xxlg)$/.test(size)) {
      root.setAttribute("data-text-size", size);
    }
  } catch (e) {
    /* localStorage can be unavailable (privacy mode); the default size applies. */
  }
})();
