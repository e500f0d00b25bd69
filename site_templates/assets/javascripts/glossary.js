/* The glossary's filter box: rows whose Chinese, English or note hold what the reader types
 * (case and spacing ignored). Shown only when this script runs. */
(function () {
  "use strict";
  var box = document.querySelector(".portal-glossary-search");
  if (!box) return;
  var input = box.querySelector("input");
  var none = document.querySelector(".portal-glossary-none");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".portal-glossary tbody tr"));
  function norm(text) { return text.toLowerCase().replace(/\s+/g, ""); }
  var texts = rows.map(function (row) { return norm(row.textContent.replace("¶", "")); });
  function filter() {
    var wanted = norm(input.value), shown = 0;
    rows.forEach(function (row, i) {
      var match = !wanted || texts[i].indexOf(wanted) >= 0;
      row.hidden = !match;
      if (match) shown++;
    });
    none.hidden = shown > 0;
  }
  input.addEventListener("input", filter);
  box.hidden = false;
})();
