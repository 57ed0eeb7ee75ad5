/*
 * Search results labelled by their document, on a site of several governing documents.
 *
 * Material renders each page found as a link whose heading (h1) names the page; this
 * script adds, after that heading, the name of the document the page belongs to: every
 * page of a further document's folder, and the first document's own pages (those that
 * carry its adopted text, and its facts). The site's shared pages (roles, follow-up,
 * glossary) get no label. The build writes this file, with the table of documents
 * below as JSON, only for a site of several documents (macros/site/search.py); each
 * name is set as text, never as markup.
 */
(function () {
  "use strict";
  var documents = /*DOCUMENTS*/[];
  var config = document.getElementById("__config");
  var list = document.querySelector(".md-search-result__list");
  if (!config || !list || !documents.length) {
    return;
  }
  var base = new URL(JSON.parse(config.textContent).base || ".", location.href);

  /* The page's address from the site's root, as the build writes it ("riktlinjer/"). */
  function relative(href) {
    var url = new URL(href, location.href);
    if (url.origin !== base.origin || url.pathname.indexOf(base.pathname) !== 0) {
      return null;
    }
    var path = url.pathname.slice(base.pathname.length);
    try {
      return decodeURIComponent(path);
    } catch (error) {
      return path;
    }
  }

  function documentOf(path) {
    for (var i = 0; i < documents.length; i++) {
      var entry = documents[i];
      if (entry.mapp ? path.indexOf(entry.mapp) === 0 : path === entry.sida) {
        return entry.namn;
      }
    }
    return null;
  }

  function label() {
    var links = list.querySelectorAll("a.md-search-result__link");
    for (var i = 0; i < links.length; i++) {
      var heading = links[i].querySelector("article > h1");
      if (!heading || links[i].querySelector(".search-result-document")) {
        continue;
      }
      var path = relative(links[i].href);
      var name = path === null ? null : documentOf(path);
      if (!name) {
        continue;
      }
      var tag = document.createElement("span");
      tag.className = "md-tag search-result-document";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Dokument: ";
      tag.appendChild(hidden);
      tag.appendChild(document.createTextNode(name));
      var holder = document.createElement("div");
      holder.className = "md-tags";
      holder.appendChild(tag);
      heading.parentNode.insertBefore(holder, heading.nextSibling);
    }
  }

  new MutationObserver(label).observe(list, { childList: true, subtree: true });
  label();
})();
