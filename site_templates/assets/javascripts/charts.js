/* Chart loader. Every chart is first shown as an SVG drawn at build time
 * (readable with JavaScript off). The Vega bundle (~300 KB gzipped) is loaded
 * from this site only when a reader reaches for a chart (hover, focus, tap),
 * so document pages stay light on phones; then the chart becomes interactive. */
(function () {
  "use strict";
  var bundle = null;

  function siteRoot() {
    var meta = document.querySelector('meta[name="portal-site-root"]');
    return meta ? meta.content.replace(/\/?$/, "/") : "./";
  }

  function loadBundle() {
    if (!bundle) {
      bundle = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = siteRoot() + "assets/vendor/vega-bundle.js";
        script.onload = function () { resolve(window.vegaEmbed); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return bundle;
  }

  function activate(box) {
    if (box.dataset.state) return;
    box.dataset.state = "loading";
    // The narrow variant on phones: the same type size, labels above the bars.
    var narrow = box.dataset.specNarrow && window.matchMedia("(max-width: 600px)").matches;
    var specUrl = new URL(narrow ? box.dataset.specNarrow : box.dataset.spec, document.baseURI);
    Promise.all([loadBundle(), fetch(specUrl).then(function (r) { return r.json(); })])
      .then(function (results) {
        var embed = results[0], spec = results[1];
        var target = document.createElement("div");
        target.className = "portal-chart-live";
        box.appendChild(target);
        return embed(target, spec, {
          actions: { export: true, source: false, compiled: false, editor: false },
          renderer: "svg"
        }).then(function () {
          var still = box.querySelector("picture") || box.querySelector("img");
          if (still) still.hidden = true;
          box.dataset.state = "live";
        });
      })
      .catch(function () { box.dataset.state = "static"; });
  }

  function setup() {
    document.querySelectorAll(".portal-chart[data-spec]").forEach(function (box) {
      box.tabIndex = 0;
      ["pointerenter", "focusin", "touchstart", "click"].forEach(function (type) {
        box.addEventListener(type, function () { activate(box); }, { once: true, passive: true });
      });
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
