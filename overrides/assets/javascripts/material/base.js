/*
 * Material for MkDocs 9.8 partials/javascripts/base.html, moved out of the page so that the
 * Content-Security-Policy needs no 'unsafe-inline' for scripts (see deploy/nginx.conf).
 * The page's base URL (Material's config.extra.scope or base_url) comes from the script
 * element's data-scope attribute. Loaded synchronously in the head, as the inline script was:
 * the other moved scripts and Material's bundle use these globals.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  window.__md_scope = new URL(script.getAttribute("data-scope") || ".", location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* storage full or disabled: nothing is remembered */
    }
  };
})();
