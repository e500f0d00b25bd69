/* Source links land on a sentence (#s1-2-p3-s2). Chinese pages have an
 * element for every sentence; an English paragraph has them only where its
 * sentences align with the Chinese ones. Where the sentence has no element,
 * mark and scroll to its paragraph instead, so the link never lands nowhere. */
(function () {
  "use strict";
  function land() {
    var old = document.querySelectorAll(".portal-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("portal-target");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var match = /^(.*)-s\d+$/.exec(id);
    var block = match && document.getElementById(match[1]);
    if (!block) return;
    block.classList.add("portal-target");
    block.scrollIntoView();
  }
  window.addEventListener("hashchange", land);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", land);
  else land();
})();
