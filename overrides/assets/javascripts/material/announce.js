/*
 * Material for MkDocs 9.8 partials/javascripts/announce.html, moved out of the page (no inline
 * script under the Content-Security-Policy). Keeps an announcement hidden that the reader
 * has dismissed (feature announce.dismiss).
 */
(function () {
  "use strict";
  var banner = document.querySelector("[data-md-component=announce]");
  if (banner) {
    var content = banner.querySelector(".md-typeset");
    if (__md_hash(content.innerHTML) === __md_get("__announce")) {
      banner.hidden = true;
    }
  }
})();
