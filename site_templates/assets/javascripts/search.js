/* Site search, in the reader's language, with the other language as a fallback.
 *
 * The index is built by generator/search.py: the text is cut into tokens by
 * the same rules as the query here (`tokenize`: Chinese as overlapping
 * character bigrams, words lower-cased and lightly stemmed), so a Chinese
 * phrase of two or more characters is a chain of bigrams at consecutive
 * positions and is found exactly. Nothing is fetched until the reader opens
 * search; then search/index.json (a few KB), and per query only the posting
 * shards of its tokens and the text chunks of the results shown.
 * Keyboard: "/" or "s" opens, arrows move through results, Escape closes. */
(function () {
  "use strict";

  // ---- tokenizer: keep in step with generator/search.py ----------------
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var ALNUM = /^[\p{L}\p{N}]+$/u;
  var ALPHA_ASCII = /^[a-z]+$/;
  var STOP = new Set("a an and are as at be by for from in into is it its of on or that the this to was were will with".split(" "));

  function endsWith(w, s) { return w.slice(-s.length) === s; }

  function stem(word) {
    var w = word;
    if (w.length <= 3 || !ALPHA_ASCII.test(w)) return w;
    if (endsWith(w, "ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (endsWith(w, "sses")) w = w.slice(0, -2);
    else if (endsWith(w, "ches") || endsWith(w, "shes") || (endsWith(w, "es") && "sxz".indexOf(w.charAt(w.length - 3)) >= 0)) w = w.slice(0, -2);
    else if (endsWith(w, "s") && !endsWith(w, "ss") && !endsWith(w, "us") && !endsWith(w, "is")) w = w.slice(0, -1);
    if (endsWith(w, "ing") && w.length > 5) w = w.slice(0, -3);
    else if (endsWith(w, "ed") && !endsWith(w, "eed") && w.length > 4) w = w.slice(0, -2);
    var suffixes = ["isation", "ization", "ise", "ize"];
    for (var i = 0; i < suffixes.length; i++) {
      if (endsWith(w, suffixes[i]) && w.length > suffixes[i].length + 3) { w = w.slice(0, -suffixes[i].length) + "is"; break; }
    }
    if (endsWith(w, "e") && w.length > 4) w = w.slice(0, -1);
    return w;
  }

  /* Tokens of a text: {t: token, pos, start, end, mid, single}; start/end are offsets in the text
   * (mid: where a bigram's second character starts), single: a lone Chinese character. */
  function tokenize(text) {
    var out = [], pos = 0, han = [], word = [], wordStart = 0, offset = 0;
    function flushHan() {
      if (han.length === 1) {
        out.push({ t: han[0].n, pos: pos++, start: han[0].start, end: han[0].end, mid: han[0].start, single: true });
      } else {
        for (var i = 0; i + 1 < han.length; i++) {
          out.push({ t: han[i].n + han[i + 1].n, pos: pos++, start: han[i].start, end: han[i + 1].end, mid: han[i + 1].start });
        }
      }
      han = [];
    }
    function flushWord() {
      var w = word.join("");
      if (!STOP.has(w)) out.push({ t: stem(w), pos: pos, start: wordStart, end: offset, mid: wordStart });
      pos++;
      word = [];
    }
    for (var ch of text) {
      var n = ch.normalize("NFKC").toLowerCase();
      var kind = n.length === 1 && HAN.test(n) ? "h" : (n && ALNUM.test(n) ? "w" : "s");
      if (kind !== "h" && han.length) flushHan();
      if (kind !== "w" && word.length) flushWord();
      if (kind === "h") han.push({ n: n, start: offset, end: offset + ch.length });
      else if (kind === "w") { if (!word.length) wordStart = offset; word.push(n); }
      offset += ch.length;
    }
    if (han.length) flushHan();
    if (word.length) flushWord();
    return out;
  }

  function shardOf(token, shards) {
    var h = 0x811c9dc5, bytes = new TextEncoder().encode(token);
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h & (shards - 1);
  }

  // ---- the query: what must match, in which order ----------------------
  /* A query is one or more groups that must all match in the same paragraph. Spaces separate groups
   * around Chinese text (仓山 数字经济: both phrases); consecutive words stay one group. A group with
   * Chinese, or a "quoted" query, is a phrase: a chain of elements at consecutive offsets. A group of
   * words needs all of them anywhere in the paragraph, and ranks paragraphs where they stand together
   * first. A lone Chinese character next to other tokens (2023年) is not looked up (the index has it
   * inside bigrams) but checked against the text. */
  function parseQuery(raw) {
    var text = raw.trim(), quoted = /^["“].*["”]$/.test(text) && text.length > 2;
    var parts = quoted ? [text.slice(1, -1)] : text.split(/\s+/).filter(Boolean), merged = [];
    parts.forEach(function (part) {
      var han = HAN.test(part), last = merged[merged.length - 1];
      if (!han && last && !last.han) last.text += " " + part; else merged.push({ text: part, han: han });
    });
    var groups = [];
    merged.forEach(function (m) {
      var toks = tokenize(m.text);
      if (!toks.length) return;
      var first = toks[0].pos;
      var elements = toks.map(function (t) { return { t: t.t, off: t.pos - first, single: !!t.single }; });
      groups.push({ elements: elements, phrase: m.han || quoted,
                    lookup: elements.filter(function (e) { return !e.single; }) });
    });
    if (!groups.length) return null;
    return { text: text, groups: groups, han: merged.some(function (m) { return m.han; }),
             ok: groups.every(function (g) { return g.lookup.length; }) };
  }

  function elementMatches(e, tok) {
    if (!tok) return false;
    if (!e.single) return tok.t === e.t;
    return tok.t === e.t || (tok.t.length === 2 && (tok.t.charAt(0) === e.t || tok.t.charAt(1) === e.t));
  }

  /* Where one group matches in tokenized text: {ranges, focus} or null. */
  function matchGroup(group, toks, byPos) {
    var els = group.elements, together = [];
    toks.forEach(function (t) {
      if (!elementMatches(els[0], t)) return;
      var base = t.pos - els[0].off, span = [];
      for (var i = 0; i < els.length; i++) {
        var tok = byPos.get(base + els[i].off);
        if (!elementMatches(els[i], tok)) return;
        span.push(tok);
      }
      var a = span[0], z = span[span.length - 1];
      var from = els[0].single && a.t.length === 2 && a.t.charAt(0) !== els[0].t ? a.mid : a.start;
      var to = els[els.length - 1].single && z.t.length === 2 && z.t.charAt(1) !== els[els.length - 1].t ? z.mid : z.end;
      together.push([from, to]);
    });
    if (group.phrase) return together.length ? { ranges: together, focus: together[0][0] } : null;
    // all words, anywhere: highlight where they stand together, or else each word where it occurs
    var wanted = new Set(els.map(function (e) { return e.t; })), seen = new Set(), words = [];
    toks.forEach(function (t) { if (wanted.has(t.t)) { seen.add(t.t); words.push([t.start, t.end]); } });
    if (seen.size !== wanted.size) return null;
    if (together.length) return { ranges: together, focus: together[0][0] };
    return { ranges: words, focus: merge(words)[0][0] };
  }

  /* Where the query matches in a text: {ranges: [start, end) to highlight, focus: where the excerpt
   * should start (the first place the first group stands together)}, or null when it does not match. */
  function matchText(query, text) {
    var toks = tokenize(text), byPos = new Map(), ranges = [], focus = null;
    toks.forEach(function (t) { byPos.set(t.pos, t); });
    for (var g = 0; g < query.groups.length; g++) {
      var found = matchGroup(query.groups[g], toks, byPos);
      if (!found) return null;
      ranges = ranges.concat(found.ranges);
      if (focus === null) focus = found.focus;
    }
    return { ranges: merge(ranges), focus: focus };
  }

  function merge(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else out.push(r.slice());
    });
    return out;
  }

  // ---- one language's index --------------------------------------------
  var cache = new Map();
  function getJSON(url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      }));
    }
    return cache.get(url);
  }

  function undelta(list) { var out = [], sum = 0; list.forEach(function (d) { sum += d; out.push(sum); }); return out; }

  function Index(lang, root) {
    this.lang = lang;
    this.root = root;                       // this language's site root (URL ending in /)
    this.base = root + "search/";
  }

  Index.prototype.load = function () {
    var self = this;
    if (!this.ready) {
      this.ready = getJSON(this.base + "index.json").then(function (m) {
        self.meta = m;
        self.chunks = undelta(m.chunks);
        self.headings = new Set(undelta(m.headings));
        return self;
      });
    }
    return this.ready;
  };

  /* The numbers of a postings string (search.py encode_numbers): base-64 digits, 5 bits each,
     low group first; 32 in a digit means the number goes on. */
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function decodeNumbers(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text.charAt(i));
      value += (d & 31) * Math.pow(2, shift);
      if (d & 32) { shift += 5; } else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }

  /* Postings of one token: Map unit -> positions. */
  Index.prototype.postings = function (token) {
    return getJSON(this.base + "p/" + shardOf(token, this.meta.shards) + ".json").then(function (shard) {
      // own keys only: a token such as "constructor" must not find what every object inherits
      if (!Object.prototype.hasOwnProperty.call(shard, token)) return new Map();
      var flat = decodeNumbers(shard[token]), map = new Map();
      for (var i = 0, unit = 0; i < flat.length;) {
        unit += flat[i]; var n = flat[i + 1], positions = [], p = 0;
        for (var k = 0; k < n; k++) { p += flat[i + 2 + k]; positions.push(p); }
        map.set(unit, positions);
        i += 2 + n;
      }
      return map;
    });
  };

  /* Ranked units [{unit, score}] for a parsed query: every group must match in the unit. */
  Index.prototype.rank = function (query) {
    var self = this;
    return Promise.all(query.groups.map(function (g) {
      return Promise.all(g.lookup.map(function (e) { return self.postings(e.t); }));
    })).then(function (perGroup) {
      var scores = null;
      perGroup.forEach(function (lists, g) { scores = groupScores(query.groups[g], lists, scores); });
      var results = [];
      scores.forEach(function (score, unit) { results.push({ unit: unit, score: score + (self.headings.has(unit) ? 3 : 0) }); });
      results.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
      return results;
    });
  };

  /* unit -> score for one group, among the units `previous` groups kept (all units for the first):
   * the whole group together counts most, then how often its words occur. */
  function groupScores(group, lists, previous) {
    var order = lists.map(function (_, i) { return i; }).sort(function (a, b) { return lists[a].size - lists[b].size; });
    var out = new Map();
    lists[order[0]].forEach(function (_, unit) {
      if (previous && !previous.has(unit)) return;
      for (var i = 0; i < lists.length; i++) if (!lists[i].has(unit)) return;
      var sets = lists.map(function (l) { return new Set(l.get(unit)); });
      var together = 0;
      lists[0].get(unit).forEach(function (p) {
        var base = p - group.lookup[0].off;
        for (var i = 1; i < sets.length; i++) if (!sets[i].has(base + group.lookup[i].off)) return;
        together++;
      });
      if (group.phrase && !together) return;
      var occurrences = Math.min.apply(null, lists.map(function (l) { return l.get(unit).length; }));
      out.set(unit, (previous ? previous.get(unit) : 0) + 10 * together + (group.phrase ? 0 : occurrences));
    });
    return out;
  }

  /* The text of units: [{unit, page: [url, title], anchor, section, text}]. */
  Index.prototype.units = function (units) {
    var self = this;
    return Promise.all(units.map(function (u) {
      var c = upperBound(self.chunks, u) - 1;
      return getJSON(self.base + "t/" + c + ".json").then(function (chunk) {
        var row = chunk[u - self.chunks[c]];
        return { unit: u, page: self.meta.pages[row[0]], anchor: row[1], section: row[2], text: row[3] };
      });
    }));
  };

  function upperBound(sorted, x) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /* Search one index: ranked, checked against the text, `limit` results from `from`. */
  function searchIndex(index, query, from, limit) {
    return index.load().then(function (ix) { return ix.rank(query); }).then(function (ranked) {
      var batch = ranked.slice(from, from + limit);
      return index.units(batch.map(function (r) { return r.unit; })).then(function (units) {
        var hits = [];
        units.forEach(function (u) {
          var found = matchText(query, u.text);
          if (found) { u.ranges = found.ranges; u.focus = found.focus; hits.push(u); }
        });
        return { total: ranked.length, hits: hits, more: from + limit < ranked.length };
      });
    });
  }

  // ---- the dialog ----------------------------------------------------------
  var PAGE = 20;
  var strings = {}, lang = document.documentElement.lang || "zh", other = lang === "zh" ? "en" : "zh";
  var dialog, input, status, list, otherBox, otherStatus, otherList, moreButton, opener, lastFocus;
  var indexes = {}, current = { query: null, shown: 0 }, timer = null, generation = 0;

  function siteRoot() {
    var meta = document.querySelector('meta[name="portal-site-root"]');
    return new URL(meta ? meta.content.replace(/\/?$/, "/") : "./", document.baseURI).href;
  }
  function languageRoot(l) { return siteRoot() + (l === "zh" ? "" : l + "/"); }
  function indexOf(l) { return indexes[l] || (indexes[l] = new Index(l, languageRoot(l))); }
  function say(key, n) { return (strings[key] || key).replace("{n}", n); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function excerpt(text, ranges, focus) {
    var frag = document.createDocumentFragment(), MAX = 160, from = 0;
    if (text.length > MAX) from = Math.max(0, Math.min(focus - 30, text.length - MAX));
    var to = Math.min(text.length, from + MAX);
    // in spaced text, cut at spaces rather than inside a word
    var space = text.indexOf(" ", from);
    if (from > 0 && space >= 0 && space < Math.min(focus, from + 15)) from = space + 1;
    space = text.lastIndexOf(" ", to);
    if (to < text.length && space > Math.max(focus, to - 15)) to = space;
    var at = from;
    if (from > 0) frag.appendChild(document.createTextNode("…"));
    ranges.forEach(function (r) {
      if (r[1] <= from || r[0] >= to) return;
      var a = Math.max(r[0], from), b = Math.min(r[1], to);
      if (a > at) frag.appendChild(document.createTextNode(text.slice(at, a)));
      frag.appendChild(el("mark", null, text.slice(a, b)));
      at = b;
    });
    if (to > at) frag.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  /* One result. For the other language's results, the main link goes to the same paragraph of this
   * language's page (pages and anchors are the same in both), a second link to the original. */
  function resultItem(hit, from) {
    var li = el("li", "portal-search__result"), url = hit.page[0] + (hit.anchor ? "#" + hit.anchor : "");
    var here = from.lang === lang, a = el("a", "portal-search__link");
    li.dataset.unit = hit.unit;           // which unit of which index: lets tests read the whole paragraph
    li.dataset.lang = from.lang;
    a.href = languageRoot(lang) + url;
    var title = hit.page[1];
    if (!here && indexes[lang] && indexes[lang].meta) {
      var own = indexes[lang].meta.pages.filter(function (p) { return p[0] === hit.page[0]; })[0];
      if (own) title = own[1];
    }
    var where = el("span", "portal-search__where");
    where.appendChild(el("span", "portal-search__doc", title));
    if (hit.section && hit.section !== title) where.appendChild(el("span", "portal-search__section", hit.section));
    a.appendChild(where);
    var p = el("span", "portal-search__excerpt");
    p.lang = from.lang;
    p.appendChild(excerpt(hit.text, hit.ranges, hit.focus));
    a.appendChild(p);
    li.appendChild(a);
    if (!here) {
      var orig = el("a", "portal-search__original", say("original_" + from.lang));
      orig.href = languageRoot(from.lang) + url;
      orig.lang = from.lang;
      li.appendChild(orig);
    }
    return li;
  }

  function render(target, found, index) {
    found.hits.forEach(function (hit) { target.appendChild(resultItem(hit, index)); });
  }

  function run(text) {
    var mine = ++generation;
    list.textContent = ""; otherList.textContent = ""; otherBox.hidden = true; moreButton.hidden = true;
    delete dialog.dataset.done;
    var query = parseQuery(text);
    current = { query: query, shown: 0 };
    function done() { if (mine === generation) dialog.dataset.done = text; }  // for tests and scripts
    if (!text.trim()) { status.textContent = ""; return done(); }
    if (!query || !query.ok) { status.textContent = say("too_short"); return done(); }
    status.textContent = say("searching");
    var own = indexOf(lang), alt = indexOf(other);
    // A query in the other language's script (Chinese on the English site, Latin letters on the
    // Chinese site) also asks the other index; any query with no result here does too.
    var otherScript = lang === "zh" ? !query.han && /[a-z]/.test(query.text.toLowerCase()) : query.han;
    searchIndex(own, query, 0, PAGE).then(function (found) {
      if (mine !== generation) return;
      render(list, found, own);
      current.shown = PAGE;
      moreButton.hidden = !found.more;
      status.textContent = found.total ? say(found.total === 1 ? "one" : "many", found.total) : say("none");
      if (found.total && !otherScript) return;
      return alt.load().then(function () { return searchIndex(alt, query, 0, found.total ? 5 : PAGE); }).then(function (elsewhere) {
        if (mine !== generation || !elsewhere.total) return;
        otherBox.hidden = false;
        otherStatus.textContent = say("other_" + other, elsewhere.total);
        render(otherList, elsewhere, alt);
      });
    }).then(done, function (err) {
      if (mine === generation) status.textContent = say("failed");
      done();
      if (window.console) console.error(err);
    });
  }

  function more() {
    var mine = generation, q = current.query, own = indexOf(lang);
    searchIndex(own, q, current.shown, PAGE).then(function (found) {
      if (mine !== generation) return;
      var first = list.children.length;
      render(list, found, own);
      current.shown += PAGE;
      moreButton.hidden = !found.more;
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
  }

  function links() { return Array.prototype.slice.call(dialog.querySelectorAll(".portal-search__link, .portal-search__original")); }

  function onKey(event) {
    if (event.key === "Escape") { event.preventDefault(); close(); return; }
    var all = links(), at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      if (event.key === "ArrowDown") (at < 0 ? all[0] : all[Math.min(at + 1, all.length - 1)]).focus();
      else if (at <= 0) input.focus();
      else all[at - 1].focus();
    } else if (event.key === "Tab") {
      // keep focus inside the dialog while it is open
      var focusable = [input, closeButton()].concat(all, moreButton.hidden ? [] : [moreButton]);
      var i = focusable.indexOf(document.activeElement);
      if (event.shiftKey && i <= 0) { event.preventDefault(); focusable[focusable.length - 1].focus(); }
      else if (!event.shiftKey && i === focusable.length - 1) { event.preventDefault(); focusable[0].focus(); }
    }
  }

  function closeButton() { return dialog.querySelector(".portal-search__close"); }

  function build() {
    dialog = el("div", "portal-search");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", say("label"));
    dialog.hidden = true;
    var panel = el("div", "portal-search__panel");
    var form = el("form", "portal-search__form");
    form.setAttribute("role", "search");
    input = el("input", "portal-search__input");
    input.type = "search";
    input.setAttribute("aria-label", say("label"));
    input.placeholder = say("placeholder");
    input.autocomplete = "off";
    input.spellcheck = false;
    var closer = el("button", "portal-search__close", "×");
    closer.type = "button";
    closer.setAttribute("aria-label", say("close"));
    form.appendChild(input);
    form.appendChild(closer);
    status = el("p", "portal-search__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list = el("ol", "portal-search__results");
    moreButton = el("button", "portal-search__more", say("more"));
    moreButton.type = "button";
    moreButton.hidden = true;
    otherBox = el("section", "portal-search__other");
    otherBox.hidden = true;
    otherStatus = el("p", "portal-search__status");
    otherList = el("ol", "portal-search__results");
    otherBox.appendChild(otherStatus);
    otherBox.appendChild(otherList);
    [form, status, list, moreButton, otherBox].forEach(function (x) { panel.appendChild(x); });
    dialog.appendChild(panel);
    document.body.appendChild(dialog);

    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(input.value); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(input.value); }, 120); });
    closer.addEventListener("click", close);
    moreButton.addEventListener("click", more);
    dialog.addEventListener("keydown", onKey);
    dialog.addEventListener("click", function (e) {
      if (e.target === dialog) close();
      else if (e.target.closest("a")) close(true);
    });
  }

  function open() {
    if (!dialog) build();
    lastFocus = document.activeElement;
    dialog.hidden = false;
    document.documentElement.classList.add("portal-search-open-page");
    input.focus();
    input.select();
    indexOf(lang).load().catch(function () { status.textContent = say("failed"); });
  }

  function close(keepFocus) {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    document.documentElement.classList.remove("portal-search-open-page");
    if (keepFocus !== true && lastFocus && lastFocus.focus) lastFocus.focus();
  }

  function init() {
    var data = document.getElementById("portal-search-strings");
    strings = data ? JSON.parse(data.textContent) : {};
    opener = document.querySelector(".portal-search-button");
    if (opener) {
      opener.hidden = false;
      opener.addEventListener("click", open);
    }
    // "/" or "s" opens search from anywhere but a text field; captured before the theme's own shortcuts.
    window.addEventListener("keydown", function (event) {
      var t = event.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "/" || event.key === "s" || event.key === "S") {
        event.preventDefault();
        event.stopPropagation();
        open();
      }
    }, true);
  }

  window.portalSearch = { tokenize: tokenize, stem: stem, shardOf: shardOf, decodeNumbers: decodeNumbers, open: open };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
