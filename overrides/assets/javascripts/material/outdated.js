/*
 * Material for MkDocs 9.8 partials/javascripts/outdated.html, moved out of the page (no inline
 * script under the Content-Security-Policy). Shows the banner of a replaced version at once
 * when the bundle has already found, earlier in this session, that the version is outdated.
 * The base URL comes from the script element's data-base attribute and is resolved against
 * the page, as the bundle does (Material's inline script failed on a relative base URL).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var banner = document.querySelector("[data-md-component=outdated]");
  var base = new URL(script.getAttribute("data-base") || ".", location);
  if (banner && __md_get("__outdated", sessionStorage, base) === true) {
    banner.hidden = false;
  }
})();
