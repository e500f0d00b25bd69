/* The language switcher links to the same page in the other language. Stop the
 * click at the link so that Material's sitemap-based redirect (which falls back
 * to the other language's home page) never overrides it. A file, not an
 * onclick attribute: the pages' Content Security Policy allows no inline code.
 * Loaded at the end of the page, when the links exist. */
(function () {
  "use strict";
  document.querySelectorAll("a.md-select__link").forEach(function (link) {
    link.addEventListener("click", function (event) { event.stopPropagation(); });
  });
})();
