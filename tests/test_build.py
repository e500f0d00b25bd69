import html
import json
import re

import pytest

from generator.build import build_site
from generator.errors import BuildError, ContentError
from generator.write import check_output_dir
from tests.conftest import MINIMAL_DOCUMENT, write_document

def test_whole_site_builds_in_both_languages(built_site):
    site = built_site.site_dir
    for page in ("index.html", "documents/cangshan-report-2022/index.html",
                 "documents/cangshan-report-2022/text/index.html", "regions/cangshan/index.html",
                 "data/index.html", "about/index.html", "404.html"):
        assert (site / page).is_file(), page
        assert (site / "en" / page).is_file(), f"en/{page}"


def test_chart_is_an_svg_with_chinese_text(built_site):
    svg = (built_site.site_dir / "documents/cangshan-report-2022/chart-growth.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "地区生产总值" in svg and "2023年比上年增长（目标）" in svg
    svg_en = (built_site.site_dir / "en/documents/cangshan-report-2022/chart-growth.svg").read_text(encoding="utf-8")
    assert "Gross domestic product (GDP)" in svg_en and "地区" not in svg_en


def test_built_site_references_no_other_host(built_site):
    external = re.compile(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1)""")
    for page in built_site.site_dir.rglob("*.html"):
        found = external.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page}: {found}"
    assert (built_site.site_dir / "assets/vendor/vega-bundle.js").stat().st_size > 500_000


def test_data_downloads_hold_every_figure(built_site):
    data = json.loads((built_site.site_dir / "documents/cangshan-report-2022/data.json").read_text(encoding="utf-8"))
    gdp = [f for f in data["figures"] if f["indicator"] == "gdp"]
    assert [(f["period_start"], f["kind"], f["growth_pct"]) for f in gdp] == [(2022, "estimate", 3.0), (2023, "target", 5)]
    assert data["document"]["document"] == "cangshan-report-2022" and data["document"]["figures"] == len(data["figures"])
    csv_text = (built_site.site_dir / "documents/cangshan-report-2022/data.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("region,region_zh,region_en,document,document_kind")
    whole = (built_site.site_dir / "data/figures.csv").read_text(encoding="utf-8-sig").splitlines()
    figures = sum(f.read_text(encoding="utf-8").count("- {indicator:") + f.read_text(encoding="utf-8").count("- indicator:")
                  for f in (built_site.root / "content" / "documents").glob("*.yaml"))
    assert len(whole) - 1 == figures  # one row per figure of every document
    documents = (built_site.site_dir / "data/documents.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(documents) - 1 == len(list((built_site.root / "content" / "documents").glob("*.yaml")))


def test_the_data_is_published_once_per_cut_and_format(built_site):
    """A copy nobody needs costs a third of the site at a city's scale: no whole-portal JSON, no indicator JSON."""
    site = built_site.site_dir
    assert sorted(p.name for p in (site / "data").iterdir() if p.is_file()) == [
        "datapackage.json", "documents.csv", "figures.csv", "figures.sqlite", "index.html"]
    assert (site / "indicators/gdp/data.csv").is_file() and not (site / "indicators/gdp/data.json").exists()
    assert not list(site.glob("en/**/data.*"))  # the rows carry both languages: published once, at the root


def test_the_compare_page_links_each_comparison_on_its_indicator_page(built_site):
    """The comparisons live once, on the indicator pages; the compare page is their index and stays small."""
    compare = (built_site.site_dir / "en/compare/index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./indicators/([^/"]+)/#compare"', compare)
    assert "gdp" in links and len(links) == len(set(links))  # each indicator once
    for indicator in links:
        page = (built_site.site_dir / f"en/indicators/{indicator}/index.html").read_text(encoding="utf-8")
        assert 'id="compare"' in page and 'id="compare-' in page, indicator
    gdp = re.search(r'<tr id="gdp">(.*?)</tr>', compare).group(1)
    assert "<td>2</td><td>2020, 2023</td>" in gdp  # two years compared
    article = compare[compare.index("<article"):compare.index("</article>")]
    assert "Cangshan District" not in article  # no figures of its own: not a second copy of every table


def test_broken_content_leaves_the_previous_site_untouched(project):
    build_site(project)
    before = sorted(p.relative_to(project.site_dir) for p in project.site_dir.rglob("*"))
    write_document(project.root, MINIMAL_DOCUMENT.replace("period: 2030, kind", "period: soon, kind"))
    with pytest.raises(ContentError):
        build_site(project)
    after = sorted(p.relative_to(project.site_dir) for p in project.site_dir.rglob("*"))
    assert before == after


def test_output_folder_may_not_overlap_the_content(project):
    with pytest.raises(BuildError, match="overlaps"):
        check_output_dir(project.content_dir / "site", [project.content_dir])


def test_same_commit_builds_the_same_bytes(project, tmp_path):
    build_site(project)
    first = {p.relative_to(project.site_dir): p.read_bytes() for p in project.site_dir.rglob("*") if p.is_file()}
    build_site(project)
    second = {p.relative_to(project.site_dir): p.read_bytes() for p in project.site_dir.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_full_text_has_headings_with_stable_anchors(built_site):
    page = (built_site.site_dir / "en/documents/cangshan-report-2022/text/index.html").read_text(encoding="utf-8")
    assert '<h2 id="s1">1. Implementation of the 2022' in page
    assert '<h3 id="s1-2">(2) ' in page
    assert '<p id="s1-p1" lang="en">' in page and '<span id="preamble"></span>' in page
    assert "\\#" not in page and "{ #" not in page


def test_hostile_titles_and_names_are_escaped_in_page_titles_and_navigation(project):
    regions = project.content_dir / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8").replace(
        "name: {zh: 仓山区, en: Cangshan District}", 'name: {zh: "仓山区<img src=x onerror=alert(2)>", en: Cangshan}'),
        encoding="utf-8")
    write_document(project.root, MINIMAL_DOCUMENT.replace(
        "title: {zh: 关于测试区2030年计划执行情况的报告,", 'title: {zh: "报告</title><script>alert(1)</script>",'))
    build_site(project)
    for page in project.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<img src=x" not in html, page
    page = (project.site_dir / "documents/testville-report-2030/index.html").read_text(encoding="utf-8")
    assert "报告&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_handwritten_page_may_not_replace_a_generated_one(project):
    (project.docs_dir / "en" / "data.md").write_text("# Data\n", encoding="utf-8")
    with pytest.raises(BuildError, match="docs/en/data.md would replace a generated page"):
        build_site(project)


def test_no_english_page_shows_chinese_numbering_attachments_or_document_numbers(built_site):
    """English readers see 1. (1) Attachment and a translated document number, never 1、（1）附件 〔2021〕."""
    chinese_only = re.compile(r"(?<![\u3400-\u9fff])\d+、|[（(][一二三四五六七八九十]+[）)]|附件|附录|〔\d{4}〕")
    found = {}
    for page in (built_site.site_dir / "en").rglob("*.html"):
        if page.parent.name == "glossary":
            continue  # the glossary lists the Chinese terms on purpose
        article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S)
        shown = re.sub(r"<(\w+)\b[^>]*\blang=\"zh\"[^>]*>.*?</\1>", " ", article.group(0), flags=re.S) if article else ""
        text = html.unescape(re.sub(r"<[^>]+>", " ", shown))  # the Chinese shown beside the English is the original
        hits = chinese_only.findall(text)
        if hits:
            found[str(page.relative_to(built_site.site_dir))] = hits[:5]
    assert found == {}
