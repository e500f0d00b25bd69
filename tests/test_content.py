"""The published content against its sources: nothing lost, everything translated."""

import re

import pytest

from generator import model as m
from generator import text
from generator.importer import read_source, text_to_fields
from generator.validate import validate_content
from tests.conftest import ROOT

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def portal():
    portal, warnings = validate_content(ROOT / "content", strict=True)
    assert warnings == []
    return portal


def all_chinese(doc: m.Document) -> str:
    """Every Chinese character of a document in reading order: headings, paragraphs, boxes, tables."""
    texts = []
    for part in text.reading_order(doc):
        if part.section:
            texts += [part.section.number or "", part.section.title.zh]
        for _anchor, block in part.blocks:
            texts += text.block_texts(block)
    return "".join(HAN.findall("".join(texts)))


@pytest.mark.parametrize("doc_id, body_starts", [("cangshan-report-2022", "各位代表")])
def test_every_chinese_character_of_the_source_body_is_published(portal, doc_id, body_starts):
    doc = next(d for d in portal.documents if d.id == doc_id)
    source = (ROOT / doc.source.file).read_text(encoding="utf-8")
    body = source[source.index(body_starts):]
    assert all_chinese(doc) == "".join(HAN.findall(body))


def test_every_document_keeps_the_text_the_importer_reads_from_its_source(portal):
    """The importer's cleaning is tested character by character against the seeds; the published
    text must not have lost or gained a character against it (editors fix English, not Chinese)."""
    catalogue = (ROOT / "content" / "indicators.yaml").read_text(encoding="utf-8")
    import yaml

    for doc in portal.documents:
        draft = text_to_fields(read_source(ROOT / doc.source.file), doc.region, doc.kind.value, doc.id,
                               yaml.safe_load(catalogue)).draft
        assert all_chinese(doc) == all_chinese(m.Document.model_validate(draft)), doc.id


def test_every_document_is_fully_translated(portal):
    for doc in portal.documents:
        for _anchor, block in text.document_blocks(doc):
            if isinstance(block, m.Paragraph):
                assert block.en.strip(), block.zh[:30]


def test_cangshan_headline_figures(portal):
    doc = next(d for d in portal.documents if d.id == "cangshan-report-2022")
    got = {(f.indicator, f.year, f.kind.value): f for f in doc.figures}
    assert str(got["gdp", 2022, "estimate"].growth) == "3.0"
    fai = got["fixed-asset-investment", 2022, "estimate"]
    assert (str(fai.value), fai.unit, str(fai.growth)) == ("560", "亿元", "-24.7")
    fdi = got["foreign-investment", 2022, "estimate"]
    assert (str(fdi.value), fdi.unit, str(fdi.growth)) == ("2.75", "亿美元", "525")
    assert str(got["gdp", 2023, "target"].growth) == "5"
    assert got["foreign-investment", 2023, "target"].text.zh == "完成市下达任务"
