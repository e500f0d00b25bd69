"""Tests for generator/text.py: the exact place a figure's quote comes from (sentence, table row, box item)."""

from generator import model as m
from generator.text import exact_anchor, sentences

DOCUMENT = m.Document.model_validate({
    "id": "testville-report-2030", "region": "cangshan", "kind": "annual-report",
    "review_period": {"start": 2030, "end": 2030}, "plan_period": {"start": 2031, "end": 2031},
    "title": {"zh": "关于测试区2030年计划执行情况的报告"},
    "sections": [{
        "number": "一、", "title": {"zh": "执行情况"},
        "body": [
            {"zh": "经济运行稳中有进。预计全年地区生产总值增长6%左右；固定资产投资120.5亿元。居民消费持续回暖！"},
            {"box": {"number": "专栏1", "title": {"zh": "重点项目"}, "items": [{"zh": "测试产业园"}, {"zh": "测试物流中心，总投资12亿元"}]}},
            {"table": {"header": [[{"zh": "指标"}, {"zh": "2030年"}]],
                       "rows": [[{"zh": "地区生产总值（亿元）"}, {"zh": "600"}], [{"zh": "固定资产投资（亿元）"}, {"zh": "120.5"}]]}},
        ],
    }],
})


def test_a_paragraph_is_cut_after_each_full_stop_semicolon_and_exclamation_and_joins_back():
    text = DOCUMENT.sections[0].body[0].zh
    assert sentences(text) == ["经济运行稳中有进。", "预计全年地区生产总值增长6%左右；", "固定资产投资120.5亿元。", "居民消费持续回暖！"]
    assert "".join(sentences(text)) == text


def test_a_prose_quote_lands_on_its_sentence():
    assert exact_anchor(DOCUMENT, "地区生产总值增长6%左右") == "s1-p1-s2"
    assert exact_anchor(DOCUMENT, "固定资产投资120.5亿元") == "s1-p1-s3"
    assert exact_anchor(DOCUMENT, "居民消费持续回暖") == "s1-p1-s4"


def test_a_quote_with_an_ellipsis_lands_on_the_sentence_of_its_first_words():
    assert exact_anchor(DOCUMENT, "预计…增长6%左右") == "s1-p1-s2"


def test_a_whole_table_row_lands_on_its_row_and_a_box_quote_on_its_item():
    assert exact_anchor(DOCUMENT, "固定资产投资（亿元） 120.5") == "s1-p3-r2"
    assert exact_anchor(DOCUMENT, "地区生产总值（亿元）") == "s1-p3-r1"
    assert exact_anchor(DOCUMENT, "测试物流中心，总投资12亿元") == "s1-p2-i2"


def test_a_quote_found_nowhere_has_no_anchor():
    assert exact_anchor(DOCUMENT, "地区生产总值增长7%") is None
