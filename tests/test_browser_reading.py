"""Reading and citing the full texts in real Chromium (issue 8): reading views, anchors across the
language switch, permalinks and citations, the glossary, phones, provenance and footer, and axe-core."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import search as search_index
from tests.conftest import ROOT
from tests.test_browser import base_url, browser, pytestmark  # noqa: F401 - the same marks, server and browser

DOC = "documents/cangshan-report-2022/"
TEXT = DOC + "text/"
LANGS = {"zh": "", "en": "en/"}
PHONE = {"width": 390, "height": 844}
# axe-core from the npm package (package.json; `make test` runs npm ci), injected into the page, never from a CDN.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def new_page(browser, viewport=None, **options):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, **options)
    return context, context.new_page()


# --- 1. side by side ---------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_full_text_reads_side_by_side_and_the_choice_persists(browser, base_url, lang):
    context, page = new_page(browser)
    page.goto(base_url + LANGS[lang] + TEXT)
    first = page.locator(".portal-pair").nth(1)
    own, other = first.locator(f":scope > p[lang={lang}]"), first.locator(":scope > .portal-other")
    assert own.is_visible() and other.is_hidden(), "the page language alone by default"
    page.get_by_role("button", name=re.compile("中英对照|Chinese \\| English")).click()
    assert other.is_visible()
    zh_box = first.locator(':scope > [lang="zh"]').bounding_box()
    en_box = first.locator(':scope > [lang="en"]').bounding_box()
    assert zh_box["x"] + zh_box["width"] <= en_box["x"], "Chinese on the left, English on the right"
    assert abs(zh_box["y"] - en_box["y"]) < 2, "the pair starts on the same line"
    heading = page.locator(".portal-pair-h").first
    h_zh, h_en = (heading.locator(f'[lang="{x}"], h2' if x == lang else f'.portal-other').first.bounding_box()
                  for x in ("zh", "en")) if lang == "zh" else (heading.locator('.portal-other').bounding_box(),
                                                               heading.locator("h2").bounding_box())
    assert h_zh["x"] < h_en["x"] and abs(h_zh["y"] - h_en["y"]) < 30, "headings aligned side by side"
    page.goto(base_url + LANGS[lang] + "documents/taijiang-fyp-14/text/")
    table = page.locator(".portal-pair:has(.portal-table)").first
    assert table.locator(".portal-other").is_visible(), "the choice persists, and tables pair too"
    sides = [table.locator(f'.portal-table[lang="{x}"]').bounding_box() for x in ("zh", "en")]
    assert sides[0]["x"] < sides[1]["x"] and abs(sides[0]["y"] - sides[1]["y"]) < 2
    page.goto(base_url + LANGS[lang] + TEXT)
    page.get_by_role("button", name=re.compile("段下附英文|Chinese under each paragraph")).click()
    own_box, other_box = own.bounding_box(), other.bounding_box()
    assert other_box["y"] >= own_box["y"] + own_box["height"] - 1, "the other language under the paragraph"
    page.get_by_role("button", name=re.compile("仅中文|English only")).click()
    assert other.is_hidden()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_side_by_side_stacks_on_a_phone(browser, base_url, lang):
    context, page = new_page(browser, PHONE)
    page.add_init_script("localStorage.setItem('portal-text-view', 'pair')")
    page.goto(base_url + LANGS[lang] + TEXT)
    pair = page.locator(".portal-pair").nth(1)
    zh, en = pair.locator(':scope > [lang="zh"]').bounding_box(), pair.locator(':scope > [lang="en"]').bounding_box()
    assert zh["y"] + zh["height"] <= en["y"] + 1, "Chinese above English"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


def test_search_indexes_only_the_page_language(built_site):
    units = {lang: search_index.unit_texts(built_site.site_dir / path) for lang, path in LANGS.items()}
    zh_texts = " ".join(text for text, _h, _s in units["zh"].values())
    en_texts = " ".join(text for text, _h, _s in units["en"].values())
    # The Chinese paragraph hidden in the English full text (and the reverse) is in the pages, never in their index.
    en_page = (built_site.site_dir / "en" / TEXT / "index.html").read_text(encoding="utf-8")
    assert "受福州市仓山区人民政府委托" in en_page
    assert "受福州市仓山区人民政府委托" not in en_texts and "受福州市仓山区人民政府委托" in zh_texts
    assert "On behalf of the People's Government of Cangshan District" not in zh_texts
    assert "On behalf of the People's Government of Cangshan District" in en_texts


# --- 2. anchors, permalinks, citations ---------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_keeps_the_anchor(browser, base_url, lang):
    context, page = new_page(browser)
    page.goto(base_url + LANGS[lang] + TEXT + "#s2-5-p3")
    other = "en" if lang == "zh" else "zh"
    page.locator(".md-header__option .md-select").hover()
    page.locator(f"a.portal-lang-{other}").click()
    page.wait_for_url(re.compile(r"#s2-5-p3$"))
    assert page.evaluate("document.documentElement.lang") == other
    assert page.evaluate("window.scrollY") > 2000, "lands on the paragraph, not the top"
    box = page.locator("#s2-5-p3").bounding_box()
    assert 0 <= box["y"] < 900
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_item_and_row_has_a_permalink_shown_on_hover_and_focus(browser, base_url, lang):
    context, page = new_page(browser)
    page.goto(base_url + LANGS[lang] + "documents/taijiang-fyp-14/text/")
    counts = page.evaluate("""() => {
      const blocks = document.querySelectorAll('article p[id]:not(.portal-other), article .portal-box li[id], article .portal-table tr[id]');
      let missing = 0;
      blocks.forEach(b => { const a = b.querySelector('.portal-permalink'); if (!a || a.getAttribute('href') !== '#' + b.id) missing++; });
      return [blocks.length, missing];
    }""")
    assert counts[0] > 100 and counts[1] == 0
    link = page.locator("#s1-p1 > .portal-permalink")
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 0
    page.locator("#s1-p1").hover()
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 1
    page.mouse.move(0, 0)
    link.focus()
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 1
    row = page.locator(".portal-table tr[id] .portal-permalink").first
    row.focus()
    assert float(row.evaluate("a => getComputedStyle(a).opacity")) == 1
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_cite_copies_a_citation_in_the_readers_language(browser, base_url, lang):
    context, page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(base_url + LANGS[lang] + TEXT)
    page.locator("#s1-1-p2").hover()
    page.locator("#s1-1-p2 > .portal-cite").click()
    page.wait_for_selector(".portal-cite-status--shown")
    text = page.evaluate("navigator.clipboard.readText()")
    if lang == "zh":
        assert text.startswith("福州市仓山区发展和改革局：《关于福州市仓山区2022年国民经济和社会发展计划执行情况")
        assert "2022年12月21日" in text and "，（一）" in text and "第2段" in text
        assert re.search(r"访问日期：\d{4}年\d{1,2}月\d{1,2}日", text)
    else:
        assert text.startswith("Cangshan District Development and Reform Bureau, Fuzhou, “Report on the Implementation")
        assert "21 December 2022" in text and ", (1) " in text and "paragraph 2" in text
        assert re.search(r"accessed \d{1,2} [A-Z][a-z]+ \d{4}", text)
    assert "/documents/cangshan-report-2022/text/#s1-1-p2" in text
    page.goto(base_url + LANGS[lang] + "documents/taijiang-fyp-14/text/")
    page.locator(".portal-table tr[id]").first.locator(".portal-cite").click()
    assert re.search("表格第1行|table row 1", page.evaluate("navigator.clipboard.readText()"))
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_each_document_offers_bibtex_and_csl_json(built_site, lang):
    folder = built_site.site_dir / LANGS[lang] / DOC
    bib = (folder / "citation.bib").read_text(encoding="utf-8")
    csl = json.loads((folder / "citation.json").read_text(encoding="utf-8"))
    title = "关于福州市仓山区2022年国民经济和社会发展计划执行情况" if lang == "zh" else "Report on the Implementation of Cangshan"
    assert bib.startswith("@report{cangshan-report-2022,") and title in bib and "date = {2022-12-21}" in bib
    assert csl[0]["title"].startswith(title) and csl[0]["issued"] == {"date-parts": [[2022, 12, 21]]}
    assert csl[0]["URL"].endswith(f"/{LANGS[lang]}{DOC}")
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="citation.bib"' in html and 'href="citation.json"' in html


# --- 3. glossary ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_have_anchors_a_filter_and_notes_in_the_page_language(browser, base_url, lang):
    context, page = new_page(browser)
    page.goto(base_url + LANGS[lang] + "glossary/")
    rows = page.locator(".portal-glossary tbody tr")
    total = rows.count()
    assert total > 300 and page.locator(".portal-glossary tbody tr[id^='term-']").count() == total
    note = page.locator("tr:has(td:text-is('区政协')) td").nth(2).inner_text()
    assert note == ("中国人民政治协商会议" if lang == "zh" else "Chinese People's Political Consultative Conference")
    page.get_by_label(re.compile("筛选术语|Filter the terms")).fill("draft plan")
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < 10 and all("draft" in r.inner_text().lower() for r in visible)
    page.get_by_label(re.compile("筛选术语|Filter the terms")).fill("区政协")
    assert [r.locator("td").nth(1).inner_text() for r in rows.all() if r.is_visible()] == ["district CPPCC committee"]
    page.get_by_label(re.compile("筛选术语|Filter the terms")).fill("zzzzqq")
    assert page.locator(".portal-glossary-none").is_visible()
    context.close()


def test_english_text_links_the_first_occurrence_per_section_and_shows_the_chinese(browser, base_url):
    context, page = new_page(browser)
    page.goto(base_url + "en/" + TEXT)
    term = page.locator("#preamble-p1 a.portal-term").first
    assert term.inner_text().startswith("Fellow deputies")
    tip = term.locator(".portal-term-zh")
    assert tip.bounding_box()["width"] <= 1
    term.focus()
    assert tip.bounding_box()["width"] > 10 and tip.inner_text() == "各位代表"
    per_section = page.evaluate("""() => {
      let seen = new Set(), repeats = 0;
      for (const el of document.querySelectorAll('article h2, article h3, article h4, article a.portal-term')) {
        if (el.tagName !== 'A') { seen = new Set(); continue; }
        const href = el.getAttribute('href'); if (seen.has(href)) repeats++; seen.add(href);
      }
      return [document.querySelectorAll('article a.portal-term').length, repeats];
    }""")
    assert per_section[0] > 50 and per_section[1] == 0
    href = term.get_attribute("href")
    term.click()
    page.wait_for_url(re.compile(r"/en/glossary/#term-"))
    assert page.locator(href[href.index("#"):]).is_visible()
    zh_page = (base_url + TEXT)
    page.goto(zh_page)
    assert page.locator("article a.portal-term").count() == 0, "the Chinese text is the original: no links in it"
    context.close()


# --- 4. phones ----------------------------------------------------------------------------

PAGE_KINDS = ["", "regions/cangshan/", "indicators/gdp/", DOC, TEXT, "data/", "glossary/", "compare/", "indicators/"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_on_a_phone(browser, base_url, lang):
    context, page = new_page(browser, PHONE)
    wide = []
    for path in PAGE_KINDS:
        page.goto(base_url + LANGS[lang] + path)
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            wide.append(path)
    assert wide == []
    page.goto(base_url + LANGS[lang] + DOC)
    dt_box = page.locator(".portal-meta dt").first.bounding_box()
    dd_box = page.locator(".portal-meta dd").first.bounding_box()
    assert dd_box["y"] >= dt_box["y"] + dt_box["height"] - 1, "metadata stacks: the value under its label"
    issuer = page.locator(".portal-meta dd").nth(2).bounding_box()
    assert issuer["width"] > 300
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_wide_tables_scroll_in_their_box_with_a_sticky_first_column(browser, base_url, lang):
    context, page = new_page(browser, PHONE)
    page.goto(base_url + LANGS[lang] + "documents/taijiang-fyp-14/")
    for selector in (".portal-tracking .md-typeset__scrollwrap",):
        box = page.locator(selector).first
        assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table is wider than the phone"
        first = box.locator("tbody td:first-child").first
        before = first.bounding_box()["x"]
        box.evaluate("b => b.scrollLeft = 400")
        after = first.bounding_box()["x"]
        assert 0 <= after <= before, "the first column stays in view (at the box's edge)"
        assert box.locator("tbody td:nth-child(2)").first.bounding_box()["x"] < after, "the others scroll under it"
    page.goto(base_url + LANGS[lang] + "documents/taijiang-fyp-14/text/")
    table = page.locator(".portal-table[id]").first
    table.scroll_into_view_if_needed()
    assert table.evaluate("t => getComputedStyle(t).overflowX") == "auto"
    assert table.locator("td").first.evaluate("td => getComputedStyle(td).position") == "sticky"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_headline_table_becomes_cards_on_a_phone(browser, base_url, lang):
    context, page = new_page(browser, PHONE)
    page.goto(base_url + LANGS[lang] + DOC)
    row = page.locator(".portal-headline tbody tr").first
    cells = row.locator("td")
    name, value = cells.first.bounding_box(), cells.nth(1).bounding_box()
    assert value["y"] >= name["y"] + name["height"] - 1 and name["width"] > 300, "one card per indicator"
    assert "%(" not in row.inner_text(), "English puts a space before a parenthesis"
    label = cells.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == cells.nth(1).get_attribute("data-label") != ""
    context.close()


# --- 5. provenance and footer; 6. meta ---------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_provenance_footer_and_description_speak_the_page_language(browser, base_url, lang):
    context, page = new_page(browser)
    page.goto(base_url + LANGS[lang] + DOC)
    provenance = page.locator(".portal-provenance").inner_text()
    assert ("未链接原文" if lang == "zh" else "original not linked") in provenance
    assert page.locator(".portal-provenance a[rel~=external]").count() == 0, "no original URL is known: none invented"
    footer = page.locator(".portal-footer")
    assert footer.locator('a[rel="license"]').get_attribute("href") == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC BY 4.0" in footer.inner_text()
    assert footer.locator("a[href*='github.com']").count() == 1
    built = footer.locator("time").get_attribute("datetime")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", built)
    shown = footer.locator("time").inner_text()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日" if lang == "zh" else r"\d{1,2} [A-Z][a-z]+ \d{4}", shown)
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert bool(re.search(r"[\u4e00-\u9fff]", description)) == (lang == "zh")
    context.close()


HANDWRITTEN = ("about", "methodology", "editing", "scaling")
EN_GLUED = re.compile(r"[a-z)][,:;][A-Za-z“(]")  # "Part of:Fuzhou", "Fuzhou,Taijiang"
ZH_SPACED = re.compile(r"[\u4e00-\u9fff] [，。：；、）]|[，。：；、（] [\u4e00-\u9fff]")  # "一、 2022", "计划 ："


def _article_text(path: Path) -> str:
    import html as html_module

    page = path.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S)
    text = re.sub(r"<(script|code|pre)\b.*?</\1>|<span class=\"portal-chart-hint\">.*?</span>", "",
                  article.group(0) if article else "", flags=re.S)
    return html_module.unescape(re.sub(r"<[^>]*>", "", text))


@pytest.mark.parametrize("lang", LANGS)
def test_punctuation_is_spaced_as_each_language_writes_it(built_site, lang):
    found = []
    for path in sorted((built_site.site_dir / LANGS[lang]).rglob("index.html")):
        relative = path.relative_to(built_site.site_dir).as_posix()
        if any(f"{name}/" in relative for name in HANDWRITTEN) or (lang == "zh" and relative.startswith("en/")):
            continue
        text = _article_text(path)
        found += [(relative, text[max(0, m.start() - 20):m.end() + 20])
                  for m in (EN_GLUED if lang == "en" else ZH_SPACED).finditer(text)]
    assert found == []


def test_english_colons_keep_their_space_and_chinese_headings_no_stray_space(built_site):
    en = (built_site.site_dir / "en" / DOC / "index.html").read_text(encoding="utf-8")
    zh_text = (built_site.site_dir / TEXT / "index.html").read_text(encoding="utf-8")
    visible = re.sub(r"<[^>]*>", "", en)
    assert "Original publication: " in visible and "Chart data: Growth" in visible and "Notes: The" in visible
    assert "一、2022年国民经济和社会发展计划执行情况" in zh_text and "一、 2022" not in zh_text


# --- 7. accessibility ---------------------------------------------------------------------

AXE_PAGES = ["", "regions/cangshan/", "indicators/gdp/", DOC, TEXT]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_or_critical_violation(browser, base_url, lang, viewport):
    assert AXE.exists(), "axe-core comes from npm: run `npm ci` (make test does)"
    # bypass_csp: the pages allow no injected script; axe is the test's, not the site's.
    context, page = new_page(browser, viewport, bypass_csp=True)
    found = {}
    for path in AXE_PAGES:
        page.goto(base_url + LANGS[lang] + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[path] = bad
    assert found == {}
    context.close()
