/*
 * Material for MkDocs 9.8 partials/javascripts/content.html, moved out of the page (no inline
 * script under the Content-Security-Policy). Opens the content tab that the address points
 * to, and, with the feature content.tabs.link (data-tabs-link on the script element), the
 * tabs the reader chose last.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (script.hasAttribute("data-tabs-link")) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        var all = Array.from(labels.getElementsByTagName("label"));
        /* The first of the stored tabs that this set has, as in Material. */
        for (var i = 0; i < tabs.length; i++) {
          var found = all.find(function (label) { return label.innerText.trim() === tabs[i]; });
          if (found) {
            document.getElementById(found.htmlFor).checked = true;
            return;
          }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) {
    target.checked = target.name.startsWith("__tabbed_");
  }
})();
