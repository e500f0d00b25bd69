/* Source links land on a sentence (#s1-2-p3-s2). Chinese pages wrap every
 * sentence; an English paragraph wraps its sentences only where they align
 * with the Chinese ones, and otherwise holds an empty mark per sentence at its
 * start. Landing on such a mark (or on no element at all), mark and scroll to
 * the whole paragraph instead, so the link never lands on nothing. */
(function () {
  "use strict";
  function land() {
    var old = document.querySelectorAll(".portal-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("portal-target");
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!id || (target && !target.classList.contains("portal-s-mark"))) return;
    var match = /^(.*)-s\d+$/.exec(id);
    var block = target ? target.closest("p") : match && document.getElementById(match[1]);
    if (!block) return;
    block.classList.add("portal-target");
    block.scrollIntoView();
  }
  window.addEventListener("hashchange", land);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", land);
  else land();
})();
