/* The language switcher links to the same page in the other language, and to the same place:
 * the section, paragraph, sentence or row anchor (#s1-p2-s3) is the same in both languages, so
 * the link carries the current one. Stop the click at the link so that Material's sitemap-based
 * redirect (which falls back to the other language's home page) never overrides it. A file, not
 * an onclick attribute: the pages' Content Security Policy allows no inline code. Loaded at the
 * end of the page, when the links exist. */
(function () {
  "use strict";
  var links = document.querySelectorAll("a.md-select__link");
  function keepAnchor() {
    for (var i = 0; i < links.length; i++) {
      links[i].href = links[i].href.split("#")[0] + location.hash;
    }
  }
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (event) { keepAnchor(); event.stopPropagation(); });
  }
  window.addEventListener("hashchange", keepAnchor);
  keepAnchor();
})();
