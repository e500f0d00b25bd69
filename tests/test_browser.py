"""The built site in real headless Chromium, served on 127.0.0.1 under a GitHub Pages-like subpath."""

from __future__ import annotations

import pytest

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


def test_search_index_loads_only_when_a_reader_turns_to_search(page, base_url):
    page.goto(base_url + DOC, wait_until="networkidle")
    assert not any("search_index.json" in url for url in page.requests)
    with page.expect_response(lambda r: r.url.endswith("search/search_index.json")):
        page.locator("label.md-search__icon, .md-search__input").first.click()


def search(page, query: str) -> list[str]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key-up; fill() alone types nothing it hears
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


def test_chinese_search_finds_a_word_inside_a_sentence_and_no_english_page(page, base_url):
    page.goto(base_url)
    # 烟台山 stands inside sentences of the text (…推进烟台山历史风貌区…); a common word such as
    # 消费 now also names dozens of indicator pages, which fill the first page of results
    hits = search(page, "烟台山")
    assert any(DOC + "text/" in hit for hit in hits), hits
    assert not any("/en/" in hit for hit in hits), hits


def test_english_search_returns_english_pages(page, base_url):
    page.goto(base_url + "en/")
    hits = search(page, "investment")  # the word the English stemmer used to lose
    assert hits and all("/en/" in hit for hit in hits), hits
    # a word of the text itself ("investment" also names dozens of indicator pages, which come first);
    # a fresh page, so that the results read are this query's, not the last one's
    page.goto(base_url + "en/")
    hits = search(page, "Yantai")
    assert any(DOC + "text/" in hit for hit in hits), hits
    assert all("/en/" in hit for hit in hits), hits


def test_chinese_query_on_the_english_site_finds_no_chinese_page(page, base_url):
    page.goto(base_url + "en/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("固定资产")
    page.locator("input.md-search__input").press("End")
    page.wait_for_timeout(1500)
    hits = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert not any("/en/" not in hit for hit in hits), hits
