/* Runs synchronously in <head>, before the first paint: marks that JavaScript runs. The text size
   and contrast the visitor chose are already on <html>, written by the server from the display
   cookie (madang.pages.display), so nothing here has to apply them. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
})();
