"""Tests for generator/importer/draft.py: the YAML text of a draft and its atomic writing."""

import datetime as dt
import os
from decimal import Decimal

import pytest
import yaml

from generator.importer.draft import SCHEMA_LINE, document_texts, to_yaml, write_draft

DOC = {
    "id": "demo-report-2026",
    "title": {"zh": "关于2026年计划执行情况的报告", "en": ""},
    "presented": dt.date(2027, 1, 5),
    "sections": [
        {
            "number": "一、",
            "title": {"zh": "执行情况", "en": ""},
            "body": [
                {"zh": "#开头的段落：要加引号。", "en": ""},
                {"table": {"header": [[{"zh": "指标", "en": ""}, {"zh": "2026年", "en": ""}]],
                           "rows": [[{"zh": "地区生产总值", "en": ""}, {"zh": "6.5左右", "en": ""}]], "notes": []}},
            ],
        }
    ],
    "figures": [{"indicator": "gdp", "period": 2026, "kind": "estimate", "growth": Decimal("4.10"), "quote": "地区生产总值"}],
}


def test_the_yaml_starts_with_the_schema_line_and_loads_back_to_the_same_data():
    text = to_yaml(DOC, [], ["Draft imported by a test."])
    assert text.splitlines()[:2] == [SCHEMA_LINE, "# Draft imported by a test."]
    loaded = yaml.safe_load(text)
    assert loaded["sections"] == DOC["sections"]
    assert loaded["presented"] == dt.date(2027, 1, 5)


def test_numbers_keep_the_decimals_the_source_prints():
    text = to_yaml(DOC, [], [])
    assert "growth: 4.10," in text


def test_short_texts_cells_and_figures_are_written_on_one_line():
    text = to_yaml(DOC, [], [])
    assert "title: {zh: 执行情况, en: ''}" in text
    assert "- [{zh: 地区生产总值, en: ''}, {zh: 6.5左右, en: ''}]" in text
    assert "- {indicator: gdp, period: 2026, kind: estimate, growth: 4.10, quote: 地区生产总值}" in text


def test_trailing_comments_list_what_the_editor_must_look_at():
    text = to_yaml(DOC, ["unmatched indicator candidates:", "  line 3: 第一产业增加值", "a message\nover two lines"], [])
    assert text.endswith("# unmatched indicator candidates:\n#   line 3: 第一产业增加值\n# a message over two lines\n")


def test_document_texts_lists_every_chinese_string_in_reading_order():
    assert document_texts(DOC) == ["一、", "执行情况", "#开头的段落：要加引号。", "指标", "2026年", "地区生产总值", "6.5左右"]


def test_write_draft_writes_the_whole_file(tmp_path):
    out = tmp_path / "draft.yaml"
    write_draft("a: 1\n", out)
    assert out.read_text(encoding="utf-8") == "a: 1\n"
    assert os.listdir(tmp_path) == ["draft.yaml"]


def test_write_draft_never_leaves_a_partial_file_or_a_temporary_one(tmp_path, monkeypatch):
    out = tmp_path / "draft.yaml"
    out.write_text("old: kept\n", encoding="utf-8")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_draft("new: 1\n", out)
    assert out.read_text(encoding="utf-8") == "old: kept\n"
    assert os.listdir(tmp_path) == ["draft.yaml"]


def test_a_written_draft_is_an_ordinary_readable_file(tmp_path):
    import os
    import stat

    from generator.importer import write_draft

    out = tmp_path / "draft.yaml"
    write_draft("id: x\n", out)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
