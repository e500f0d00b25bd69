"""The search index builder (generator/search.py): tokens, what is indexed, and the files it writes."""

from __future__ import annotations

import gzip
import json
import random
import re

import pytest

from generator.search import (_ArticleText, _Page, _tokens_by_character, build_index, decode_numbers, encode_numbers,
                              shard_of, stem, tokens)

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_chinese_is_cut_into_bigrams_at_consecutive_positions():
    assert tokens("台江区") == [("台江", 0), ("江区", 1)]
    # punctuation ends a run; a lone character stays a token of its own
    assert tokens("仓山、鼓楼。区") == [("仓山", 0), ("鼓楼", 1), ("区", 2)]


def test_words_are_lower_cased_stemmed_and_stop_words_keep_their_place():
    assert tokens("Rural revitalisation of the GDP") == [("rural", 0), ("revitalis", 1), ("gdp", 4)]
    assert tokens("5G网络") == [("5g", 0), ("网络", 1)]
    assert tokens("ＧＤＰ２０２３") == [("gdp2023", 0)]  # fullwidth forms read as their ASCII letters


def test_the_fast_tokenizer_equals_the_character_by_character_definition():
    # tokens() classes characters through cached translation tables; _tokens_by_character is the rule
    # itself (and what search.js mirrors). Mixed scripts, fullwidth and compatibility forms (ﬁ, ①, ㈠),
    # combining marks, stop words and lone characters, then random text from all of the Basic
    # Multilingual Plane and the CJK extensions.
    samples = ["台江区GDP增长6.5%左右，ﬁscal ① ㈠ the Enterprises’ revitalising e\u0301 5G网络 区",
               "ＧＤＰ２０２３年 Ⅻ ½ 仓山、鼓楼。区 of", "", " ", "a", "区", "x区y"]
    rng = random.Random(11)
    alphabet = [chr(c) for c in range(0x20, 0x2FFFF) if not 0xD800 <= c < 0xE000]
    samples += ["".join(rng.choice(alphabet) for _ in range(300)) for _ in range(200)]
    for text in samples:
        assert tokens(text) == _tokens_by_character(text), text


@pytest.mark.parametrize("a, b", [
    ("enterprises", "enterprise"), ("revitalisation", "revitalization"), ("revitalising", "revitalise"),
    ("investments", "investment"), ("increases", "increased"), ("cities", "city"), ("buildings", "build"),
])
def test_inflections_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_unrelated_words_keep_apart():
    assert stem("unemployment") != stem("employment")
    assert stem("gdp") == "gdp" and stem("tech") == "tech"


def test_shard_is_a_stable_hash():
    assert shard_of("台江", 1 << 30) == shard_of("台江", 1 << 30)
    assert {shard_of(t, 64) for t in ("台江", "仓山", "gdp", "investment", "数字", "经济")} != {0}
    assert all(0 <= shard_of(t, 16) < 16 for t in ("a", "台江", "revitalis"))


PAGE = """<html><body><nav><p>导航不索引</p></nav>
<article class="md-content__inner md-typeset">
<h1 id="doc">报告标题<a class="headerlink" href="#doc">&para;</a></h1>
<h2 id="s1">一、 经济运行<a class="headerlink" href="#s1">&para;</a></h2>
<p id="s1-p1">地区生产总值增长<b>6%</b>左右。</p>
<p>没有锚点的段落</p>
<div class="portal-chart" data-spec="x.json" data-search-exclude><img alt="条形图"><noscript><svg><text>123</text></svg></noscript></div>
<p class="portal-chart-caption">图表说明</p>
<details class="info"><summary>图表数据</summary><table><tr><td>999</td></tr></table></details>
<div class="portal-table" id="s1-t1"><table><tr><th>指标</th><th>目标</th></tr><tr><td>台江</td><td>江区</td></tr></table></div>
</article><footer><p>页脚</p></footer></body></html>"""


def test_only_the_article_text_is_indexed_with_its_anchor_and_section():
    page = _Page("documents/x/text/")
    parser = _ArticleText(page, 0)
    parser.feed(PAGE)
    units = [(u.anchor, u.section, u.text, u.heading) for u in page.units]
    assert page.title == "报告标题"
    assert units == [
        ("doc", "", "报告标题", True),
        ("s1", "", "一、 经济运行", True),
        ("s1-p1", "一、 经济运行", "地区生产总值增长6%左右。", False),
        ("s1", "一、 经济运行", "没有锚点的段落", False),
        ("s1-t1", "一、 经济运行", "指标 目标", False),
        # cells are kept apart: 台江 and 江区 in two cells never read as 台江区
        ("s1-t1", "一、 经济运行", "台江 江区", False),
    ]


def _decode(text: str) -> dict[int, list[int]]:
    flat = decode_numbers(text)
    out, i, unit = {}, 0, 0
    while i < len(flat):
        unit += flat[i]
        n = flat[i + 1]
        positions, p = [], 0
        for d in flat[i + 2:i + 2 + n]:
            p += d
            positions.append(p)
        out[unit] = positions
        i += 2 + n
    return out


def test_postings_numbers_round_trip_in_few_characters():
    numbers = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 10**9, 5]
    text = encode_numbers(numbers)
    assert decode_numbers(text) == numbers
    assert [len(encode_numbers([n])) for n in (0, 31, 32, 1023, 1024, 32767)] == [1, 1, 2, 2, 3, 3]
    assert json.dumps(text) == f'"{text}"'  # nothing JSON escapes


def test_index_files_find_a_phrase_and_its_paragraph():
    page = _Page("documents/x/text/")
    _ArticleText(page, 0).feed(PAGE)
    files = build_index([page], "zh")
    meta = json.loads(files["index.json"])
    assert meta["lang"] == "zh" and meta["pages"] == [["documents/x/text/", "报告标题"]]

    def postings(token):
        shard = json.loads(files[f"p/{shard_of(token, meta['shards'])}.json"])
        return _decode(shard.get(token, ""))

    chain = [postings(t) for t, _ in tokens("生产总值")]
    units = [u for u in chain[0] if all(any(p + k in c.get(u, []) for p in chain[0][u]) for k, c in enumerate(chain))]
    chunk = json.loads(files["t/0.json"])
    assert [chunk[u][1:] for u in units] == [["s1-p1", "一、 经济运行", "地区生产总值增长6%左右。"]]
    assert 1 in set(json.loads(files["index.json"])["headings"])  # the h2 is unit 1 (deltas: 0, 1)


def test_built_site_has_an_index_per_language_without_chart_fallbacks(built_site):
    for folder, lang in ((built_site.site_dir, "zh"), (built_site.site_dir / "en", "en")):
        meta = json.loads((folder / "search/index.json").read_text(encoding="utf-8"))
        assert meta["lang"] == lang and meta["units"] > 500
        urls = [p[0] for p in meta["pages"]]
        assert "documents/cangshan-report-2022/text/" in urls and not any(u.startswith("en/") for u in urls)
        texts = [row for chunk in sorted((folder / "search/t").glob("*.json"))
                 for row in json.loads(chunk.read_text(encoding="utf-8"))]
        assert len(texts) == meta["units"]
        assert not any(word in row[3] for row in texts for word in ("条形图", "Bar chart", "图表数据", "Chart data"))
        if lang == "en":
            text_page = urls.index("documents/cangshan-report-2022/text/")
            assert not any(CJK.search(row[3]) for row in texts if row[0] == text_page)
    assert not (built_site.site_dir / "search/search_index.json").exists()  # the theme's index is gone


def test_what_a_reader_first_downloads_is_small(built_site):
    manifest = (built_site.site_dir / "search/index.json").read_bytes()
    assert len(gzip.compress(manifest)) < 25_000  # ~14 KB with 5 documents and 563 indicator pages
    shards = sorted((built_site.site_dir / "search/p").glob("*.json"), key=lambda p: p.stat().st_size)
    assert len(gzip.compress(shards[-1].read_bytes())) < 40_000


def test_a_failed_index_never_publishes(project, monkeypatch):
    from generator import build
    from generator.errors import BuildError

    build.build_site(project)
    before = (project.site_dir / "search/index.json").read_bytes()

    def broken(*args, **kwargs):
        raise BuildError("search: broken on purpose")

    monkeypatch.setattr(build, "write_search_index", broken)
    with pytest.raises(BuildError, match="broken on purpose"):
        build.build_site(project)
    assert (project.site_dir / "search/index.json").read_bytes() == before
    assert not [p for p in project.site_dir.parent.iterdir() if p.name.startswith(".site-")]  # no staging left
