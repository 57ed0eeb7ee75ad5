/*
 * Material for MkDocs 9.8 partials/javascripts/palette.html, moved out of the page (no inline
 * script under the Content-Security-Policy). Runs synchronously right after the palette
 * toggle in the header, before the page is painted: the reader's chosen colour scheme is
 * applied at once, without a flash of the other scheme.
 */
(function () {
  "use strict";
  var palette = __md_get("__palette");
  if (!palette || !palette.color) {
    return;
  }
  if (palette.color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector(light
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    palette.color.media = input.getAttribute("data-md-color-media");
    palette.color.scheme = input.getAttribute("data-md-color-scheme");
    palette.color.primary = input.getAttribute("data-md-color-primary");
    palette.color.accent = input.getAttribute("data-md-color-accent");
  }
  Object.entries(palette.color).forEach(function (entry) {
    document.body.setAttribute("data-md-color-" + entry[0], entry[1]);
  });
})();
