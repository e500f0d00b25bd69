/* Fetch the search index only when a reader turns to search.
 * Material requests search/search_index.json on every page load; with full
 * plans that is ~1 MB (~160 KB gzipped) per language, most of a document
 * page's weight on a phone. This holds that one request back until the
 * search box is focused, its icon tapped or a key pressed (Material's
 * search shortcuts); search then works as before. Loaded before Material's
 * bundle. */
(function () {
  "use strict";
  var held = [];
  var released = false;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__portalSearchIndex = /search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__portalSearchIndex && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (released) return;
    released = true;
    held.forEach(function (call) { send.apply(call[0], call[1]); });
    held = [];
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) release();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest('label[for="__search"], .md-search')) release();
  });
  document.addEventListener("keydown", release, { once: true });
})();
