"""Search stage: one built language site (HTML) -> its sharded search index under <site>/search/.

Runs after MkDocs has built a language into the staging folder and before the
folder is swapped in, so a failed index never publishes. It reads only the
built HTML (the text readers see, under the same anchors), never the content
model, and writes only under the language's search/ folder.

Why our own index rather than MkDocs Material's (lunr) or Pagefind: both
segment Chinese one way when indexing and the browser another way when
searching, so a phrase such as 仓山 or 营商环境 is cut differently on the two
sides and is missed or matched character by character (measured in
scripts/bench_search.py and the README). Here one tokenizer, written twice
(`tokens` below and `tokenize` in assets/javascripts/search.js, kept in step
by tests/test_search.py), cuts both the text and the query:

* a run of Chinese characters becomes its overlapping character bigrams
  (台江区 -> 台江, 江区), one position each, so any phrase of two or more
  characters is a chain of bigrams at consecutive positions and is found
  exactly, wherever jieba would have put the word boundaries;
* a run of letters or digits is a word, lower-cased and lightly stemmed
  (`stem`), so "enterprises" finds "enterprise"; common English words are
  skipped but still take their position.

The index is cut so that a reader downloads only what a query needs:

* search/index.json: the pages (address, title), where each text chunk
  starts, which units are headings, and how many posting shards there are;
* search/p/<n>.json: the postings of the tokens whose FNV-1a hash falls in
  shard n: for each token, its units and positions, delta-coded and written
  as a string of base-64 digits (`encode_numbers`: half the bytes of a JSON
  list of numbers, the search was a fifth of the site);
* search/t/<n>.json: the text of a run of consecutive units (a paragraph,
  heading, list item or table row each), with its anchor and section, for
  the results shown.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from generator.errors import BuildError

INDEX_DIR = "search"
FORMAT = 2
# A shard holds about this many bytes of postings (before gzip), a text chunk this many bytes of text:
# small enough that a query fetches little, large enough that a site is not thousands of tiny files.
SHARD_BYTES = 3000
CHUNK_BYTES = 12000

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Skipped in the index and in queries (they still take their position). Keep in step with search.js.
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or that the this to was were will with".split())


def stem(word: str) -> str:
    """A light English stemmer: plurals, -ing/-ed, -ise/-ize/-isation and a final e. Mirrored in search.js."""
    w = word
    if len(w) <= 3 or not w.isascii() or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith(("ches", "shes")) or (w.endswith("es") and w[-3] in "sxz"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and not w.endswith("eed") and len(w) > 4:
        w = w[:-2]
    for suffix in ("isation", "ization", "ise", "ize"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            w = w[: -len(suffix)] + "is"
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _kind(ch: str) -> tuple[str, str]:
    """The normalised character and its class: h (Chinese), w (letter or digit) or s (separator)."""
    n = unicodedata.normalize("NFKC", ch).lower()
    if len(n) == 1 and _HAN.match(n):
        return n, "h"
    if n and all(c.isalnum() for c in n):
        return n, "w"
    return n, "s"


def tokens(text: str) -> list[tuple[str, int]]:
    """The (token, position) pairs of a text; the query side is search.js `tokenize`.

    Each character is classed and normalised by `_kind`; rather than ask it
    character by character (most of the indexing time), the classes and the
    normalised forms of the characters met so far are two translation tables,
    so a text becomes its string of classes and runs of one class in C.
    `_tokens_by_character` is the plain loop this must equal (a test compares).
    """
    _learn(text)
    classes = text.translate(_CLASS_OF)
    out: list[tuple[str, int]] = []
    pos = 0
    for run in _RUNS.finditer(classes):
        start, end = run.span()
        kind = classes[start]
        if kind == "h":
            han = text[start:end].translate(_NORMAL_OF)
            if len(han) == 1:
                out.append((han, pos))
                pos += 1
            else:
                out.extend(zip(map(han.__getitem__, _pairs(len(han))), range(pos, pos + len(han) - 1)))
                pos += len(han) - 1
        elif kind == "w":
            word = text[start:end].translate(_NORMAL_OF)
            if word not in STOP_WORDS:
                out.append((_stemmed(word), pos))
            pos += 1
    return out


_CLASS_OF: dict[int, str] = {}   # code point -> h, w or s
_NORMAL_OF: dict[int, str] = {}  # code point -> its normalised form (for h and w)
_RUNS = re.compile(r"h+|w+|s+")


def _learn(text: str) -> None:
    """Put the characters of `text` not yet classed into the translation tables."""
    for ch in set(text):
        if ord(ch) not in _CLASS_OF:
            _NORMAL_OF[ord(ch)], _CLASS_OF[ord(ch)] = _kind(ch)


@lru_cache(maxsize=None)
def _pairs(length: int) -> tuple[slice, ...]:
    """The slices of a string's overlapping character pairs."""
    return tuple(slice(i, i + 2) for i in range(length - 1))


@lru_cache(maxsize=1 << 16)
def _stemmed(word: str) -> str:
    return stem(word)


def _tokens_by_character(text: str) -> list[tuple[str, int]]:
    """`tokens`, one character at a time: the definition `tokens` must equal, and search.js mirrors."""
    out: list[tuple[str, int]] = []
    pos = 0
    han: list[str] = []
    word: list[str] = []

    def flush_han() -> None:
        nonlocal pos
        if len(han) == 1:
            out.append((han[0], pos))
            pos += 1
        else:
            for a, b in zip(han, han[1:]):
                out.append((a + b, pos))
                pos += 1
        han.clear()

    def flush_word() -> None:
        nonlocal pos
        w = "".join(word)
        if w not in STOP_WORDS:
            out.append((stem(w), pos))
        pos += 1
        word.clear()

    for ch in text:
        n, kind = _kind(ch)
        if kind != "h" and han:
            flush_han()
        if kind != "w" and word:
            flush_word()
        if kind == "h":
            han.append(n)
        elif kind == "w":
            word.append(n)
    if han:
        flush_han()
    if word:
        flush_word()
    return out


# Postings as text: each number in 5-bit groups, low group first, one character a group from the
# URL-safe base-64 alphabet (no character JSON escapes); 32 in a character means another group follows.
_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_DIGIT_VALUE = {ch: n for n, ch in enumerate(_DIGITS)}


def encode_numbers(numbers: list[int]) -> str:
    """Non-negative integers as base-64 digits, 1 character below 32, 2 below 1,024, 3 below 32,768.
    Mirrored by search.js `decodeNumbers`."""
    if numbers and min(numbers) < 0:
        raise ValueError("postings are non-negative (unit ids, positions and their differences)")
    return "".join([_SMALL[n] if n < _SMALL_END else _encode_one(n) for n in numbers])  # nearly all: a lookup


def _encode_one(n: int) -> str:
    out = []
    while n >= 32:
        out.append(_DIGITS[32 | (n & 31)])
        n >>= 5
    out.append(_DIGITS[n])
    return "".join(out)


_SMALL_END = 1 << 15
_SMALL = [_encode_one(n) for n in range(_SMALL_END)]


def decode_numbers(text: str) -> list[int]:
    """The numbers `encode_numbers` wrote."""
    numbers, value, shift = [], 0, 0
    for ch in text:
        d = _DIGIT_VALUE[ch]
        value |= (d & 31) << shift
        if d & 32:
            shift += 5
        else:
            numbers.append(value)
            value, shift = 0, 0
    return numbers


def shard_of(token: str, shards: int) -> int:
    """FNV-1a (32 bit) of the token's UTF-8 bytes, modulo the (power of two) shard count. Mirrored in search.js."""
    h = 0x811C9DC5
    for byte in token.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h & (shards - 1)


@dataclass
class Unit:
    """One searchable block: a paragraph, heading, list item or table row, with where it lives."""

    page: int
    anchor: str
    section: str
    text: str
    heading: bool = False


@dataclass
class _Page:
    url: str
    title: str = ""
    units: list[Unit] = field(default_factory=list)


_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "caption", "blockquote", "figcaption"}
_CELL_BREAKS = {"td", "th", "br", "dd"}  # a space between table cells, so two cells never read as one word
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Never indexed: scripts, chart pictures and their fallbacks (the data table under each chart repeats the
# figures table), heading permalinks (¶), and anything marked data-search-exclude.
_SKIP_TAGS = {"script", "style", "noscript", "svg", "template", "details", "button"}
_SKIP_CLASSES = {"headerlink", "portal-chart", "portal-chart-caption", "md-source-file"}


class _ArticleText:
    """Cuts the <article> of a Material page into units, skipping what readers do not read as text.

    A target of lxml's HTML parser (libxml2, in C): it calls start, end and
    data as it reads; the standard library's HTMLParser, in Python, gave the
    same units at two and a half times the time.
    """

    def __init__(self, page: _Page, index: int):
        self.page, self.index = page, index
        self.depth = 0            # open elements inside <article>, 0 = outside
        self.skip_at = 0          # depth at which a skipped subtree started
        self.ids: list[tuple[int, str]] = []  # (depth, id) of open elements that carry an id
        self.block: list | None = None        # [tag, depth, anchor, parts]
        self.section, self.section_anchor = "", ""

    def feed(self, html: str) -> None:
        """Read a page (only its articles: see `_articles`)."""
        article = _articles(html)
        if article:
            etree.fromstring(article.encode("utf-8"), etree.HTMLParser(target=self, encoding="utf-8"))

    def close(self) -> None:
        """lxml calls this at the end of the page; the units are already on the page."""

    def start(self, tag, a):
        if not self.depth:
            if tag == "article":
                self.depth = 1
            return
        if tag in _CELL_BREAKS and self.block is not None and not self.skip_at:
            self.block[3].append(" ")
        if tag in _VOID:
            return
        self.depth += 1
        if self.skip_at:
            return
        classes = set((a.get("class") or "").split())
        if tag in _SKIP_TAGS or classes & _SKIP_CLASSES or "data-search-exclude" in a:
            self.skip_at = self.depth
            return
        if a.get("id"):
            self.ids.append((self.depth, a["id"]))
        if tag in _BLOCKS and self.block is None:
            anchor = a.get("id") or (self.ids[-1][1] if self.ids else "") or self.section_anchor
            self.block = [tag, self.depth, anchor, []]

    def end(self, tag):
        if not self.depth or tag in _VOID:
            return
        if self.skip_at and self.depth == self.skip_at:
            self.skip_at = 0
        elif not self.skip_at and self.block and self.block[1] == self.depth:
            self._end_block()
        while self.ids and self.ids[-1][0] >= self.depth:
            self.ids.pop()
        self.depth -= 1

    def data(self, data):
        if self.depth and not self.skip_at and self.block is not None:
            self.block[3].append(data)

    def _end_block(self):
        tag, _, anchor, parts = self.block
        self.block = None
        text = " ".join("".join(parts).split())
        if not text:
            return
        heading = tag in _HEADINGS
        if heading:
            if tag == "h1" and not self.page.title:
                self.page.title = text
            self.section, self.section_anchor = text, anchor
        self.page.units.append(Unit(self.index, anchor, "" if heading else self.section, text, heading))


def read_pages(site_dir: Path, skip: list[Path]) -> list[_Page]:
    """Every page of one language site, in path order (not 404.html, not the other languages' folders)."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        if any(path.is_relative_to(s) for s in skip) or path.parent.name == INDEX_DIR:
            continue
        url = path.parent.relative_to(site_dir).as_posix()
        page = _Page("" if url == "." else url + "/")
        _ArticleText(page, len(pages)).feed(path.read_text(encoding="utf-8"))
        if page.units:
            pages.append(page)
    return pages


def _articles(html: str) -> str:
    """The part of a page from its first <article> to its last </article>: all the parser reads (a third
    of a page's tags are the header, navigation and footer around it)."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end + len("</article>")] if 0 <= start < end else ""


def _pow2_at_least(n: int) -> int:
    p = 16
    while p < n and p < 8192:
        p *= 2
    return p


def build_index(pages: list[_Page], lang: str) -> dict[str, str]:
    """The index files (path under search/ -> JSON text) for one language's pages."""
    units = [u for page in pages for u in page.units]
    # token -> [last unit, its postings: unit delta, count, position deltas, ...], built in unit order
    postings: dict[str, list] = {}
    for uid, unit in enumerate(units):
        here: dict[str, list[int]] = {}
        for token, pos in tokens(unit.text):
            if token in here:
                here[token].append(pos)
            else:
                here[token] = [pos]
        for token, positions in here.items():
            entry = postings.get(token)
            if entry is None:
                entry = postings[token] = [0, []]
            flat = entry[1]
            flat += (uid - entry[0], len(positions), positions[0])
            if len(positions) > 1:
                flat += map(int.__sub__, positions[1:], positions)
            entry[0] = uid

    encoded: dict[str, str] = {}
    size = 0
    for token, (_, flat) in postings.items():
        encoded[token] = encode_numbers(flat)
        size += len(token) * 3 + 6 + len(encoded[token])
    shards = _pow2_at_least(size // SHARD_BYTES)
    shard_maps: list[dict[str, str]] = [{} for _ in range(shards)]
    for token in sorted(encoded):
        shard_maps[shard_of(token, shards)][token] = encoded[token]

    files = {f"p/{n}.json": _dump(m) for n, m in enumerate(shard_maps)}
    chunk_starts, chunk, chunk_size = [], [], 0
    for uid, unit in enumerate(units):
        if not chunk:
            chunk_starts.append(uid)
        chunk.append([unit.page, unit.anchor, unit.section, unit.text])
        chunk_size += len(unit.text.encode("utf-8")) + len(unit.section.encode("utf-8"))
        if chunk_size >= CHUNK_BYTES or uid == len(units) - 1:
            files[f"t/{len(chunk_starts) - 1}.json"] = _dump(chunk)
            chunk, chunk_size = [], 0
    headings = [uid for uid, unit in enumerate(units) if unit.heading]
    files["index.json"] = _dump({
        "format": FORMAT, "lang": lang, "shards": shards, "units": len(units),
        "pages": [[page.url, page.title] for page in pages],
        "chunks": _deltas(chunk_starts), "headings": _deltas(headings),
    })
    return files


def write_search_index(site_dir: Path, lang: str, skip: list[Path] = ()) -> dict[str, int]:
    """Index one built language site into <site_dir>/search/; returns bytes written per kind of file."""
    pages = read_pages(site_dir, list(skip))
    if not pages:
        raise BuildError(f"search: no page with text found in the {lang} site ({site_dir})")
    files = build_index(pages, lang)
    out = site_dir / INDEX_DIR
    sizes = {"index": 0, "postings": 0, "text": 0}
    for name, text in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        sizes["index" if name == "index.json" else "postings" if name.startswith("p/") else "text"] += len(data)
    return sizes


def _deltas(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + numbers[:-1], numbers)]


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def unit_texts(site_dir: Path) -> dict[int, tuple[str, bool, str]]:
    """Unit id -> (text, is a heading, section), read back from a built index (for tests and the benchmark)."""
    folder = site_dir / INDEX_DIR
    meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    starts, headings, total = [], set(), 0
    for d in meta["chunks"]:
        total += d
        starts.append(total)
    total = 0
    for d in meta["headings"]:
        total += d
        headings.add(total)
    out = {}
    for n, start in enumerate(starts):
        rows = json.loads((folder / "t" / f"{n}.json").read_text(encoding="utf-8"))
        out.update({start + i: (row[3], start + i in headings, row[2]) for i, row in enumerate(rows)})
    return out
