"""The built pages under a strict Content Security Policy, and the 404 page under a subpath it was not built for.

Every page carries its policy as a <meta http-equiv> tag (GitHub Pages sends
no headers of ours); the test server sends the same policy as a header too,
as a web server in front of the site could. Chromium reports every violation
as a `securitypolicyviolation` event, which the tests collect.
"""

from __future__ import annotations

import re

import pytest

from generator.finish import POLICY, policy_of
from tests.conftest import SUBPATH
from tests.serve_site import serve
from tests.test_browser import DOC, browser, pytestmark  # noqa: F401 - the same marks and browser

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber));
"""


def test_every_page_declares_a_strict_policy(built_site):
    for page in built_site.site_dir.rglob("*.html"):
        policy = policy_of(page.read_text(encoding="utf-8"))
        assert policy, page
        scripts = re.search(r"script-src ([^;]*)", policy).group(1).split()
        assert scripts[0] == "'self'" and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert all(s.startswith("'sha256-") for s in scripts[1:]) and "'wasm-unsafe-eval'" not in scripts
        assert not re.search(r"https?:|\*", policy), f"{page}: no other origin may be named"


@pytest.fixture(scope="module")
def strict_server(built_site):
    """The site, also sending one enforced policy as a header: the hashes of every page's inline scripts."""
    hashes = set()
    for page in built_site.site_dir.rglob("*.html"):
        hashes |= set(re.findall(r"'sha256-[^']*'", policy_of(page.read_text(encoding="utf-8"))))
    header = POLICY.format(hashes=" ".join(sorted(hashes)))
    server, url = serve(built_site.site_dir, SUBPATH, headers={"Content-Security-Policy": header})
    yield url
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("path", ["", "en/", DOC, "en/" + DOC + "text/", "en/data/", "regions/cangshan/"])
def test_pages_run_with_no_policy_violation(page, strict_server, path):
    page.goto(strict_server + path, wait_until="networkidle")
    assert page.locator(".md-header").is_visible()
    assert _violations(page) == []
    assert [url for url in page.requests if not url.startswith("http://127.0.0.1")] == []


def test_interactive_chart_needs_no_eval(page, strict_server):
    """Vega compiles expressions with new Function unless told to interpret them (`ast: true` in charts.js)."""
    page.goto(strict_server + DOC)
    page.locator(".portal-chart").first.hover()
    page.wait_for_selector(".portal-chart-live svg .mark-rect path", timeout=20000)
    page.locator(".portal-chart-live svg .mark-rect path").first.hover()  # tooltips evaluate expressions too
    page.wait_for_timeout(300)
    assert _violations(page) == []
    assert not [e for e in page.errors if "unsafe-eval" in e or "Content Security Policy" in e]


def test_search_and_language_switch_work_under_the_policy(page, strict_server):
    page.goto(strict_server + "en/")
    page.locator(".portal-search-button").click()
    page.locator(".portal-search__input").fill("investment")
    page.wait_for_function("() => document.querySelector('.portal-search').dataset.done === 'investment'")
    assert page.locator(".portal-search__results > li").count() > 0
    page.goto(strict_server + DOC + "text/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.portal-lang-en").click()
    page.wait_for_url(strict_server + "en/" + DOC + "text/")
    assert _violations(page) == []


def test_404_page_finds_its_styles_under_a_subpath_it_was_not_built_for(page, built_site):
    """Built for /fuzhou-portal/, served at /somewhere-else/: the styles and links still work."""
    server, url = serve(built_site.site_dir, "/somewhere-else/")
    try:
        response = page.goto(url + "no/such/page/", wait_until="networkidle")  # answered with 404.html
        assert response.status == 404
        css = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
        assert len(css) >= 3 and all(u.startswith(url + "assets/stylesheets/") for u in css), css
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        about = page.locator("a[href='about/']").first.evaluate("a => a.href")
        assert about == url + "about/"
        assert _violations(page) == []
    finally:
        server.shutdown()
