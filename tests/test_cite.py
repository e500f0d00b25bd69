"""Citations of a document: BibTeX and CSL-JSON (generator/cite.py)."""

from __future__ import annotations

import datetime as dt
import json

from generator import cite
from generator import model as m
from generator.glossary import TermLinker, term_anchors
from generator.render import load_strings

T = load_strings()


def _doc(**changes) -> m.Document:
    data = dict(id="testville-report-2030", region="cangshan", kind="annual-report",
                review_period={"start": 2030, "end": 2030}, plan_period={"start": 2031, "end": 2031},
                title={"zh": "关于测试区2030年计划执行情况的报告", "en": "Report on R&D_50% {test}"},
                issuer={"zh": "测试区发展和改革局", "en": "Test District Bureau"}, presented=dt.date(2030, 12, 21),
                sections=[{"title": {"zh": "一", "en": "One"}}])
    data.update(changes)
    return m.Document.model_validate(data)


def test_bibtex_escapes_tex_and_braces_the_organisation():
    text = cite.bibtex(_doc(), "en", T["en"], "https://x.test/en/documents/testville-report-2030/")
    assert text.startswith("@report{testville-report-2030,\n")
    assert "  title = {Report on R\\&D\\_50\\% \\{test\\}},\n" in text
    assert "  author = {{Test District Bureau}},\n" in text
    assert "  date = {2030-12-21},\n" in text and "  origtitle = {关于测试区2030年计划执行情况的报告},\n" in text


def test_an_issuer_the_source_does_not_print_is_left_out():
    doc = _doc(issuer=None, presented=None)
    assert "author" not in cite.bibtex(doc, "zh", T["zh"], "u")
    item = json.loads(cite.csl_json(doc, "zh", T["zh"], "u"))[0]
    assert "author" not in item and item["issued"] == {"date-parts": [[2030]]}
    assert item["title"] == "关于测试区2030年计划执行情况的报告" and item["language"] == "zh"


def test_csl_json_names_the_original_only_where_known():
    item = json.loads(cite.csl_json(_doc(source={"url": "https://gov.test/a.html"}), "en", T["en"], "u"))[0]
    assert item["archive_location"] == "https://gov.test/a.html" and item["author"] == [{"literal": "Test District Bureau"}]
    assert "archive_location" not in json.loads(cite.csl_json(_doc(), "en", T["en"], "u"))[0]


def test_glossary_links_the_first_occurrence_where_the_chinese_holds_the_term():
    terms = [m.GlossaryTerm(zh="计划草案", en="draft plan", variants=["draft … plan"]),
             m.GlossaryTerm(zh="区政协", en="district CPPCC committee")]
    linker = TermLinker(terms)
    seen: set[str] = set()
    runs = linker.segments("提请审议计划草案，并请区政协委员", ["The draft plan is submitted. ", "The draft plan again."], seen)
    linked = [(piece, term.zh) for pieces in runs for piece, term in pieces if term]
    assert linked == [("draft plan", "计划草案")], "once per section; no CPPCC in the English, no link"
    assert "".join(piece for pieces in runs for piece, _t in pieces) == "The draft plan is submitted. The draft plan again."
    again = linker.segments("计划草案", ["the draft plan"], seen)
    assert all(term is None for pieces in again for _p, term in pieces), "already linked in this section"
    assert term_anchors(terms) == {"计划草案": "term-draft-plan", "区政协": "term-district-cppcc-committee"}
