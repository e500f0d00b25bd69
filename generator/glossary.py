"""Glossary consistency: an English text renders every glossary term its Chinese contains.

Stage: validate (a rule across files). Input: the validated portal. Output:
(document, path to the text, term) for every text whose Chinese holds a
glossary term and whose English lacks the agreed rendering. Pure; the
validator turns them into located problems (warnings; errors under --strict).
"""

from __future__ import annotations

import re
from typing import Iterator

from generator import model as m

_EXPLANATION = re.compile(r"\([^)]*\)|（[^）]*）")
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+")
_SKIP_LEADING = {"the", "a", "an"}


def rendering_patterns(term: m.GlossaryTerm) -> list[re.Pattern]:
    """Regexes that find the agreed rendering (or a variant) in English text.

    Case, punctuation, quotes, hyphens and plural endings do not count;
    explanations in ( ) and a leading article are not part of the rendering.
    """
    forms = []
    for form in [*term.en.split(" / "), *term.variants]:
        forms += [form, _EXPLANATION.sub(" ", form)]  # "China Southeast (Fujian) Science City" both ways
    patterns = []
    for form in forms:
        pieces = []
        for piece in form.split("…"):  # … in a variant: up to eight words in between
            words = [w.lower() for w in _WORD.findall(piece)]
            if not pieces:
                while words and words[0] in _SKIP_LEADING and len(words) > 1:
                    words = words[1:]
            if words:
                pieces.append(r"[^A-Za-z0-9]+".join(re.escape(w) + r"(?:s|es|d|ed)?" for w in words))
        if pieces:
            body = r"(?:[^A-Za-z0-9]+[A-Za-z0-9'’]+){0,8}?[^A-Za-z0-9]+".join(pieces)
            patterns.append(re.compile(r"(?<![A-Za-z0-9])" + body + r"(?![A-Za-z0-9])", re.I))
    return patterns


def text_units(doc: m.Document) -> Iterator[tuple[tuple, m.LocalizedText | m.TableCell]]:
    """(path in the document file, text) for every translated text of a document."""
    yield ("title",), doc.title

    def blocks(path: tuple, items: list) -> Iterator:
        for i, block in enumerate(items):
            here = path + (i,)
            if isinstance(block, m.BoxBlock):
                yield here + ("box", "title"), block.box.title
                for j, item in enumerate(block.box.items):
                    yield here + ("box", "items", j), item
            elif isinstance(block, m.TableBlock):
                table = block.table
                if table.caption:
                    yield here + ("table", "caption"), table.caption
                for key in ("header", "rows"):
                    for r, row in enumerate(getattr(table, key)):
                        for c, cell in enumerate(row):
                            if cell.en:
                                yield here + ("table", key, r, c), cell
                for j, note in enumerate(table.notes):
                    yield here + ("table", "notes", j), note
            else:
                yield here, block

    def sections(path: tuple, items: list[m.Section]) -> Iterator:
        for i, section in enumerate(items):
            here = path + (i,)
            yield here + ("title",), section.title
            yield from blocks(here + ("body",), section.body)
            yield from sections(here + ("sections",), section.sections)
            yield from blocks(here + ("closing",), section.closing)

    yield from blocks(("preamble",), doc.preamble)
    yield from sections(("sections",), doc.sections)
    yield from blocks(("closing",), doc.closing)


class GlossaryCheck:
    """The glossary check, prepared once for a glossary and run on each document.

    Each term's patterns are compiled once, and a text is tried only against
    the terms whose first two characters it contains (a portal of 150
    documents has tens of thousands of texts and hundreds of terms).
    """

    def __init__(self, glossary: list[m.GlossaryTerm]):
        self.longer = [t.zh for t in glossary]
        # first two characters -> (place in the glossary, term, patterns): warnings keep the glossary's order
        self.by_start: dict[str, list[tuple[int, m.GlossaryTerm, list[re.Pattern]]]] = {}
        for place, term in enumerate(glossary):
            patterns = rendering_patterns(term) if term.check and term.zh else []
            if patterns:
                self.by_start.setdefault(term.zh[:2], []).append((place, term, patterns))

    def misses(self, doc: m.Document) -> Iterator[tuple[tuple, m.GlossaryTerm]]:
        """(path, term) for every text of `doc` whose Chinese holds `term` but whose English lacks its rendering."""
        for path, text in text_units(doc):
            if not text.en:
                continue  # a missing translation is reported on its own
            zh = text.zh
            starts = ({zh[i:i + 2] for i in range(len(zh))} | set(zh)) & self.by_start.keys()  # terms of one character too
            for _place, term, patterns in sorted(c for start in starts for c in self.by_start[start]):
                if term.zh in zh and not _inside_longer_term(term.zh, zh, self.longer) \
                        and not any(p.search(text.en) for p in patterns):
                    yield path, term


def glossary_misses(glossary: list[m.GlossaryTerm], doc: m.Document) -> Iterator[tuple[tuple, m.GlossaryTerm]]:
    """(path, term) for every text of `doc` whose Chinese holds `term` but whose English lacks its rendering."""
    return GlossaryCheck(glossary).misses(doc)


def _inside_longer_term(term: str, text: str, terms: list[str]) -> bool:
    """Whether every occurrence of `term` in `text` is part of a longer glossary term
    (旧屋区改造 inside 连片旧屋区改造): the longer term's rendering is what counts there."""
    rest = text
    for other in sorted((o for o in terms if term in o and o != term), key=len, reverse=True):
        rest = rest.replace(other, "\0")
    return term not in rest


# --- links from the English full text to the glossary --------------------------------

def term_anchors(glossary: list[m.GlossaryTerm]) -> dict[str, str]:
    """{Chinese term: anchor on the glossary page}: the English rendering as a slug ("term-draft-plan"),
    numbered when two renderings slug alike, so every term keeps one stable id."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for term in glossary:
        base = "term-" + ("-".join(w.lower() for w in _WORD.findall(term.en.split(" / ")[0])) or "x")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        anchors[term.zh] = anchor
    return anchors


class TermLinker:
    """Finds, in an English text, the first occurrence per section of each glossary term its Chinese holds."""

    def __init__(self, glossary: list[m.GlossaryTerm]):
        self.anchors = term_anchors(glossary)
        self.terms = [(t, rendering_patterns(t)) for t in glossary]
        self.terms = [(t, p) for t, p in self.terms if p]
        self.longer = [t.zh for t in glossary]
        # first two characters -> places in self.terms: a block is tried only against the terms it may hold
        self.by_start: dict[str, list[int]] = {}
        for place, (term, _patterns) in enumerate(self.terms):
            self.by_start.setdefault(term.zh[:2], []).append(place)

    def _candidates(self, zh: str) -> list[tuple[m.GlossaryTerm, list[re.Pattern]]]:
        """The terms whose first two characters `zh` holds, in glossary order (as trying every term would)."""
        starts = ({zh[i:i + 2] for i in range(len(zh))} | set(zh)) & self.by_start.keys()
        return [self.terms[place] for place in sorted(p for start in starts for p in self.by_start[start])]

    def segments(self, zh: str, pieces: list[str], seen: set[str]) -> list[list[tuple[str, m.GlossaryTerm | None]]]:
        """`pieces` (the English sentences of one block, in order) cut into (text, term or None) runs.

        A term is linked where the block's Chinese holds it (not only inside a longer term) and
        it was not linked yet in this section (`seen`, updated); matches never overlap.
        """
        found: list[tuple[int, int, int, m.GlossaryTerm]] = []  # (piece, start, end, term)
        for term, patterns in self._candidates(zh):
            if term.zh in seen or term.zh not in zh or _inside_longer_term(term.zh, zh, self.longer):
                continue
            hit = None
            for i, piece in enumerate(pieces):
                for pattern in patterns:
                    match = pattern.search(piece)
                    if match and (hit is None or (i, match.start()) < hit[:2]):
                        hit = (i, match.start(), match.end(), term)
                if hit:
                    break
            if hit:
                found.append(hit)
        out = []
        for i, piece in enumerate(pieces):
            runs, at = [], 0
            # longest first where two start together; a later match inside an earlier one is dropped
            for _i, start, end, term in sorted((f for f in found if f[0] == i), key=lambda f: (f[1], -f[2])):
                if start < at:
                    continue
                if start > at:
                    runs.append((piece[at:start], None))
                runs.append((piece[start:end], term))
                seen.add(term.zh)
                at = end
            if at < len(piece) or not runs:
                runs.append((piece[at:], None))
            out.append(runs)
        return out
