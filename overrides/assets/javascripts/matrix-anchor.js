/*
 * A link to an area of the role matrix (#omrade-...) leads to the area's row of the
 * table. Below the matrix's breakpoint the table is not shown: the matrix reads as one
 * short list an area (policy.css), and a browser does not scroll to a hidden row. There the
 * link leads to the area's list instead (marked data-anchor="omrade-..."), which then has
 * the focus, as the row would have had the reader's place. Loaded only by pages that show
 * the matrix (overrides/main.html); without it the links still lead to the page.
 */
(function () {
  "use strict";

  function shown(element) {
    return !!element && element.getClientRects().length > 0;
  }

  // The element to show for an anchor: the anchor's own when it is shown, else its list.
  function stand_in(id) {
    var target = document.getElementById(id);
    if (!target || shown(target)) {
      return null;
    }
    var lists = document.querySelectorAll("[data-anchor]");
    for (var i = 0; i < lists.length; i++) {
      if (lists[i].getAttribute("data-anchor") === id && shown(lists[i])) {
        return lists[i];
      }
    }
    return null;
  }

  function anchor_of(hash) {
    try {
      return decodeURIComponent(hash.replace(/^#/, ""));
    } catch (error) {
      return "";
    }
  }

  function go_to(element) {
    element.scrollIntoView();
    element.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var element = stand_in(anchor_of(link.getAttribute("href")));
    if (element) {
      event.preventDefault();
      if (location.hash !== link.getAttribute("href")) {
        history.pushState(null, "", link.getAttribute("href"));
      }
      go_to(element);
    }
  });

  function follow_address() {
    var element = stand_in(anchor_of(location.hash));
    if (element) {
      go_to(element);
    }
  }

  window.addEventListener("popstate", follow_address);
  window.addEventListener("hashchange", follow_address);
  follow_address();
})();
