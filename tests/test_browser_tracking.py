"""Plan tracking, indicator pages, source links and honest charts, in real headless Chromium."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import base_url, browser, page, pytestmark  # noqa: F401 - shared fixtures

PLAN = "documents/taijiang-fyp-14/"


def _row(page, table_selector: str, text: str):
    return page.locator(f"{table_selector} tr", has_text=text).first


@pytest.mark.parametrize("lang, status, result", [("en/", "▼ behind", "2024"), ("", "▼ 滞后", "2024年")])
def test_the_plan_tracking_table_shows_the_2024_result_with_its_status(page, base_url, lang, status, result):
    page.goto(base_url + lang + PLAN + "#tracking")
    row = _row(page, ".portal-tracking", "7.5%")
    text = row.inner_text()
    assert result in text and status in text
    assert ("6%" in text) and ("estimate" in text or "预计" in text)
    # the status is a word with a symbol, never a colour alone
    assert row.locator(".portal-status").inner_text().strip() == status


@pytest.mark.parametrize("lang", ["en/", ""])
def test_a_report_page_says_how_it_stands_against_the_plan(page, base_url, lang):
    page.goto(base_url + lang + "documents/taijiang-report-2024/#tracking")
    text = _row(page, ".portal-tracking", "7.5%").inner_text()
    assert "2024" in text and ("behind" in text or "滞后" in text)


@pytest.mark.parametrize("lang", ["en/", ""])
def test_an_indicator_page_lists_values_from_at_least_three_documents(page, base_url, lang):
    page.goto(base_url + lang + "indicators/gdp/")
    links = page.locator("#values ~ .portal-wide table a[href*='documents/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    documents = {re.search(r"documents/([a-z0-9-]+)/", h).group(1) for h in links}
    assert len(documents) >= 3, documents
    assert page.locator("a", has_text=re.compile("CSV")).count() >= 1


def _source_links(page) -> list[str]:
    hrefs = page.locator("a", has_text=re.compile(r"^(source|原文)$")).evaluate_all("els => els.map(e => e.href)")
    return list(dict.fromkeys(hrefs))


@pytest.mark.parametrize("lang", ["en/", ""])
@pytest.mark.parametrize("start", [PLAN, "documents/fuzhou-report-2023/", "indicators/gdp/"])
def test_every_source_link_lands_on_a_highlighted_sentence_or_row(page, base_url, lang, start):
    page.goto(base_url + lang + start)
    links = _source_links(page)
    assert links, "the page has source links"
    for href in links[:40]:
        page.goto(href)
        page.wait_for_timeout(50)
        anchor = href.split("#", 1)[1]
        marked = page.evaluate("""(id) => {
            let el = document.getElementById(id);
            if (!el || el.classList.contains('portal-s-mark')) el = document.querySelector('.portal-target');
            if (el && el.tagName === 'TR') el = el.querySelector('td');
            if (!el) return null;
            const box = el.getBoundingClientRect();
            return {tag: el.tagName, bg: getComputedStyle(el).backgroundColor, top: box.top, height: box.height};
        }""", anchor)
        assert marked is not None, href
        assert marked["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), (href, marked)
        assert -10 <= marked["top"] < 900 and marked["height"] > 0, (href, marked)  # scrolled into view


def test_a_chart_with_an_outlier_keeps_the_other_bars_readable(page, base_url):
    page.goto(base_url + "en/documents/cangshan-report-2022/chart-growth.svg")
    bars = page.evaluate("""() => [...document.querySelectorAll('.mark-rect path')]
        .map(p => p.getBBox()).map(b => Math.round(b.width))""")
    labels = page.evaluate("() => [...document.querySelectorAll('text')].map(t => t.textContent)")
    assert any("525%" in label and "▶" in label for label in labels), "the outlier is cut and labelled"
    drawn = [w for w in bars if w > 0]
    # One scale for all bars; unclipped, +525% would draw +3% at 1/175 of its length (2 px): cut, it stays readable.
    assert min(drawn) >= 8 and max(drawn) <= 20 * min(drawn), bars


@pytest.mark.parametrize("lang", ["en/", ""])
def test_on_a_phone_no_chart_text_is_smaller_than_11_px(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    page.goto(base_url + lang + "documents/cangshan-report-2022/#charts")
    img = page.locator(".portal-chart img")
    img.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.portal-chart img').naturalWidth > 0")
    shown = page.evaluate("""() => { const i = document.querySelector('.portal-chart img');
        return {src: i.currentSrc, scale: i.getBoundingClientRect().width / i.naturalWidth}; }""")
    assert shown["src"].endswith("-narrow.svg"), shown
    page.goto(shown["src"])
    sizes = page.evaluate("""() => [...document.querySelectorAll('text')]
        .map(t => parseFloat(getComputedStyle(t).fontSize))""")
    smallest = min(sizes) * min(shown["scale"], 1.0)
    assert smallest >= 11, (smallest, shown)
    context.close()
