/* Reading a full text: the reading view (page language alone, Chinese | English side by side,
 * or the other language under each paragraph), remembered in localStorage; and a "cite" button
 * beside each permalink that copies a citation in the page's language. Loaded in <head>, so the
 * remembered view applies before the page is drawn; the rest waits for the document. The wording
 * comes from the page (site_templates/strings.yaml through document_text.md.j2). */
(function () {
  "use strict";
  var KEY = "portal-text-view";
  var VIEWS = ["one", "pair", "under"];
  var root = document.documentElement;

  function stored() {
    try { var v = localStorage.getItem(KEY); return VIEWS.indexOf(v) >= 0 ? v : "one"; } catch (e) { return "one"; }
  }
  function apply(view) {
    VIEWS.forEach(function (v) { root.classList.toggle("portal-view-" + v, v === view); });
    var buttons = document.querySelectorAll(".portal-view-switch button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-view") === view));
    }
  }
  apply(stored());

  function buildSwitch(box) {
    var label = document.createElement("span");
    label.className = "portal-view-switch__label";
    label.id = "portal-view-label";
    label.textContent = box.getAttribute("data-label");
    box.appendChild(label);
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", "portal-view-label");
    VIEWS.forEach(function (view) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.setAttribute("data-view", view);
      button.textContent = box.getAttribute("data-" + view);
      button.addEventListener("click", function () {
        try { localStorage.setItem(KEY, view); } catch (e) { /* private mode: this page only */ }
        apply(view);
      });
      box.appendChild(button);
    });
    box.hidden = false;
    apply(stored());
  }

  function dateText(data, day) {
    return data.date_format.replace("{year}", day.getFullYear()).replace("{month}", day.getMonth() + 1)
      .replace("{day}", day.getDate()).replace("{month_name}", (data.month_names || [])[day.getMonth()] || day.getMonth() + 1);
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    var links = copy.querySelectorAll(".headerlink");
    for (var i = 0; i < links.length; i++) links[i].remove();
    return copy.textContent.trim();
  }

  /* The section a block belongs to: its anchor starts with the section's (s1-2-p3 is in s1-2),
   * or with "preamble" / "closing" for the text outside any section. */
  function sectionOf(id, data) {
    var part = id.replace(/-p\d+(-[ri]\d+)?$/, "");
    if (part === "preamble") return data.preamble;
    if (part === "closing") return data.closing;
    var heading = document.getElementById(part);
    return heading ? headingText(heading) : "";
  }

  function citation(data, id) {
    var place = /-p(\d+)-r(\d+)$/.exec(id), kind = "row";
    if (!place) { place = /-p(\d+)-i(\d+)$/.exec(id); kind = "item"; }
    if (!place) { place = /-p(\d+)$/.exec(id); kind = "paragraph"; }
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = (canonical ? canonical.href : location.href.split("#")[0]) + "#" + id;
    var values = {
      issuer: data.issuer, title: data.title, date: data.date, site: data.site, url: url,
      section: sectionOf(id, data), accessed: dateText(data, new Date()),
      place: data.place[kind].replace("{p}", place ? place[1] : "").replace("{n}", place && place[2] ? place[2] : "")
    };
    return data.format.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function addCiteButtons(data) {
    var status = document.createElement("p");
    status.className = "portal-cite-status";
    status.setAttribute("role", "status");
    status.setAttribute("data-search-exclude", "");
    document.body.appendChild(status);
    var links = document.querySelectorAll("article .portal-permalink");
    for (var i = 0; i < links.length; i++) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "portal-cite";
      button.textContent = data.button;
      button.setAttribute("aria-label", data.label);
      links[i].after(button);
    }
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".portal-cite");
      if (!button) return;
      var link = button.previousElementSibling;
      var id = link.getAttribute("href").slice(1);
      var text = citation(data, id);
      button.setAttribute("data-citation", text);
      function show(prefix) { status.textContent = prefix + text; status.classList.add("portal-cite-status--shown"); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { show(data.copied); }, function () { show(data.failed); });
      } else {
        show(data.failed);
      }
    });
  }

  function ready() {
    var box = document.querySelector(".portal-view-switch");
    if (box) buildSwitch(box);
    var json = document.getElementById("portal-cite-data");
    if (json) addCiteButtons(JSON.parse(json.textContent));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
