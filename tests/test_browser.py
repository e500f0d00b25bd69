"""The built site in real headless Chromium, served on 127.0.0.1 under a GitHub Pages-like subpath."""

from __future__ import annotations

import pytest

from generator import search as search_index
from tests import search_queries
from tests.conftest import SUBPATH
from tests.serve_site import serve

import os
from pathlib import Path

pytestmark = [
    pytest.mark.browser,
    # Without Debian's chromium (non-root developer machines) these skip; CI installs it and must run them.
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists() and not os.environ.get("CI"),
                       reason="needs /usr/bin/chromium (apt-get install chromium)"),
]
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DOC = "documents/cangshan-report-2022/"


@pytest.fixture(scope="module")
def base_url(built_site):
    server, url = serve(built_site.site_dir, SUBPATH)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def test_overview_shows_its_chart_as_svg(page, base_url):
    page.goto(base_url + DOC)
    img = page.locator(".portal-chart img")
    assert img.get_attribute("src").endswith(".svg")
    img.scroll_into_view_if_needed()  # the image loads lazily
    page.wait_for_function("() => document.querySelector('.portal-chart img').naturalWidth > 300")
    assert "地区生产总值" in img.get_attribute("alt")


def test_chart_becomes_interactive_from_the_sites_own_scripts(page, base_url):
    page.goto(base_url + DOC)
    assert not any("vega-bundle" in url for url in page.requests), "the chart library loads only on demand"
    page.locator(".portal-chart").hover()
    page.wait_for_selector(".portal-chart-live svg .mark-rect path", timeout=15000)
    assert page.locator(".portal-chart img").is_hidden()
    assert any(url.endswith("assets/vendor/vega-bundle.js") for url in page.requests)
    assert [url for url in page.requests if not url.startswith("http://127.0.0.1")] == []


def test_chart_is_visible_with_javascript_off(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "en/" + DOC)
    page.locator(".portal-chart img").scroll_into_view_if_needed()
    assert page.locator(".portal-chart img").is_visible()
    page.wait_for_function("() => document.querySelector('.portal-chart img').naturalWidth > 300")
    context.close()


def test_switching_language_lands_on_the_same_page(page, base_url):
    page.goto(base_url + DOC + "text/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.portal-lang-en").click()
    page.wait_for_url(base_url + "en/" + DOC + "text/")
    assert page.locator("h1").inner_text().startswith("Report on the Implementation")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.portal-lang-zh").click()
    page.wait_for_url(base_url + DOC + "text/")
    assert page.locator("h1").inner_text().startswith("关于福州市仓山区")


def test_search_index_loads_only_when_a_reader_opens_search(page, base_url):
    page.goto(base_url + DOC, wait_until="networkidle")
    assert not any("/search/" in url for url in page.requests)
    with page.expect_response(lambda r: r.url == base_url + "search/index.json"):
        page.locator(".portal-search-button").click()
    assert page.locator(".portal-search__input").evaluate("e => e === document.activeElement")
    assert not any("/search/p/" in url or "/search/t/" in url for url in page.requests)


def search(page, query: str) -> dict:
    """Type a query into the site's search; returns its results as the page shows them."""
    if not page.locator(".portal-search__input").is_visible():
        page.locator(".portal-search-button").click()
    page.locator(".portal-search__input").fill(query)
    page.wait_for_function("q => document.querySelector('.portal-search').dataset.done === q", arg=query)
    return page.evaluate("""() => {
        const read = sel => Array.from(document.querySelectorAll(sel)).map(li => ({
            unit: Number(li.dataset.unit), lang: li.dataset.lang,
            href: li.querySelector('.portal-search__link').href,
            original: li.querySelector('.portal-search__original') ? li.querySelector('.portal-search__original').href : null,
            doc: li.querySelector('.portal-search__doc').textContent,
            section: li.querySelector('.portal-search__section') ? li.querySelector('.portal-search__section').textContent : '',
            marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}));
        return {status: document.querySelector('.portal-search__status').textContent,
                own: read('.portal-search__results:not(.portal-search__other *) > li'),
                other: read('.portal-search__other li')};
    }""")


@pytest.fixture(scope="module")
def index_text(built_site):
    """unit id -> (text, is heading, section), per language, read from the built index files."""
    return {lang: search_index.unit_texts(built_site.site_dir / ("" if lang == "zh" else lang)) for lang in ("zh", "en")}


@pytest.mark.parametrize("query", search_queries.ZH)
def test_chinese_query_finds_the_whole_phrase_in_every_result(page, base_url, index_text, query):
    page.goto(base_url)
    found = search(page, query)
    containing = sum(query in unit[0] for unit in index_text["zh"].values())
    assert containing >= 4 and len(found["own"]) == min(20, containing), found["status"]  # every paragraph found
    assert str(containing) in found["status"]
    for hit in found["own"]:  # precision over every result shown, not only the top five
        text, heading, section = index_text["zh"][hit["unit"]]
        assert query in text, (query, text)
        assert query in hit["marks"], hit["marks"]  # the whole phrase highlighted, never single characters
        assert hit["doc"] and hit["section"] in ("", section) and (hit["section"] or heading or section == hit["doc"])
        assert hit["href"].startswith(base_url) and "/en/" not in hit["href"]
    counts = [index_text["zh"][hit["unit"]][0].count(query) for hit in found["own"]]
    assert counts[0] == max(counts)


@pytest.mark.parametrize("query", search_queries.EN)
def test_english_query_finds_all_its_words_in_the_top_results(page, base_url, index_text, query):
    page.goto(base_url + "en/")
    found = search(page, query)
    wanted = {token for token, _ in search_index.tokens(query)}
    containing = sum(wanted <= {t for t, _ in search_index.tokens(unit[0])} for unit in index_text["en"].values())
    assert containing >= 5 and len(found["own"]) == min(20, containing), found["status"]
    assert str(containing) in found["status"]
    for hit in found["own"][:5]:
        text, heading, section = index_text["en"][hit["unit"]]
        assert wanted <= {token for token, _ in search_index.tokens(text)}, (query, text)
        assert hit["doc"] and hit["section"] in ("", section) and (hit["section"] or heading or section == hit["doc"])
        assert hit["href"].startswith(base_url + "en/")
    best = found["own"][0]["marks"]
    assert any(mark.lower() == query.lower() for mark in best), best  # words together rank first


def test_two_characters_never_match_words_that_merely_share_one(page, base_url, index_text):
    page.goto(base_url)
    for query in ("台江", "仓山"):
        found = search(page, query)
        assert all(query in index_text["zh"][hit["unit"]][0] for hit in found["own"])
        assert all(mark == query for hit in found["own"] for mark in hit["marks"])


def test_space_separated_phrases_must_all_be_in_the_paragraph(page, base_url, index_text):
    page.goto(base_url)
    found = search(page, "仓山 数字经济")
    assert found["own"]
    assert all("数字经济" in index_text["zh"][h["unit"]][0] and "仓山" in index_text["zh"][h["unit"]][0] for h in found["own"])
    found = search(page, "2023年")  # a lone character next to a number is checked against the text
    assert found["own"] and all("2023年" in index_text["zh"][h["unit"]][0] for h in found["own"])


def test_more_results_come_in_pages_of_twenty(page, base_url, index_text):
    page.goto(base_url)
    assert len(search(page, "台江")["own"]) == 20
    page.locator(".portal-search__more").click()
    page.wait_for_function("() => document.querySelectorAll('.portal-search__results > li').length > 20")
    units = page.eval_on_selector_all(".portal-search__results > li", "els => els.map(e => +e.dataset.unit)")
    assert len(units) == 40 == len(set(units)) and all("台江" in index_text["zh"][u][0] for u in units)
    assert page.evaluate("() => document.activeElement.closest('li') === document.querySelectorAll('.portal-search__results > li')[20]")


def test_one_chinese_character_asks_for_a_second(page, base_url):
    page.goto(base_url)
    found = search(page, "台")
    assert found["own"] == [] and "两个汉字" in found["status"]


def test_chinese_query_on_the_english_site_offers_the_chinese_text_and_its_english_pages(page, base_url, index_text):
    page.goto(base_url + "en/" + DOC)
    found = search(page, "数字经济")
    assert len(found["other"]) >= 5 and "Chinese original" in page.inner_text(".portal-search__other")
    for hit in found["other"]:
        assert hit["lang"] == "zh" and "数字经济" in index_text["zh"][hit["unit"]][0]
        path = hit["original"][len(base_url):]
        assert "/en/" not in hit["original"] and hit["href"] == base_url + "en/" + path  # same page, same paragraph
    page.goto(found["other"][0]["href"])
    anchor = found["other"][0]["href"].split("#")[1]
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_english_query_on_the_chinese_site_offers_the_english_pages(page, base_url, index_text):
    page.goto(base_url)
    found = search(page, "Cangshan")
    assert len(found["other"]) >= 5
    assert all(hit["lang"] == "en" and "/en/" not in hit["href"] and "/en/" in hit["original"] for hit in found["other"])


def test_a_query_with_no_result_in_either_language_says_so(page, base_url):
    page.goto(base_url + "en/")
    found = search(page, "zzyzx")
    assert found["own"] == [] and found["other"] == [] and "Nothing found" in found["status"]


def test_a_word_every_javascript_object_has_is_searched_like_any_other(page, base_url):
    # "constructor" is in no Chinese page: its shard lacks it, and must not hand back Object's own property.
    page.goto(base_url)
    found = search(page, "constructor")
    assert found["own"] == [] and any("/en/scaling/" in hit["original"] for hit in found["other"])


def test_search_works_from_the_keyboard(page, base_url):
    page.goto(base_url + "en/" + DOC)
    page.keyboard.press("/")
    page.keyboard.type("digital economy")
    page.wait_for_function("() => document.querySelector('.portal-search').dataset.done === 'digital economy'")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("() => document.activeElement.href")
    assert first and "#" in first
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.href") != first
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    assert page.locator(".portal-search").is_hidden()
    page.keyboard.press("/")
    assert page.locator(".portal-search__input").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".portal-search").is_hidden()


def test_search_fetches_nothing_from_another_host(browser, base_url):
    context = browser.new_context()
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + DOC)
    assert len(search(page, "固定资产投资")["own"]) >= 5
    assert requests and all(url.startswith(base_url) for url in requests), requests
    context.close()


def test_browser_and_index_cut_text_the_same_way(page, base_url, index_text):
    page.goto(base_url)
    samples = [unit[0] for lang in ("zh", "en") for unit in list(index_text[lang].values())[::7]]
    samples += ["ＧＤＰ２０２３年", "Revitalising enterprises' 5G网络", "台江区、仓山区。区"]
    in_browser = page.evaluate("texts => texts.map(t => portalSearch.tokenize(t).map(k => [k.t, k.pos]))", samples)
    assert in_browser == [[[t, p] for t, p in search_index.tokens(text)] for text in samples]
    words = ["台江", "仓山", "gdp", "revitalis", "数字", "5g"]
    assert page.evaluate("ws => ws.map(w => portalSearch.shardOf(w, 4096))", words) == [
        search_index.shard_of(w, 4096) for w in words]
    # The postings as the index writes them read back as the same numbers in the browser.
    numbers = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 99_999, 2**31 + 5, 7, 0]
    assert page.evaluate("t => portalSearch.decodeNumbers(t)", search_index.encode_numbers(numbers)) == numbers
