"""Stage 6, finish: what the published site needs beyond what MkDocs writes.

Input: the freshly built site folder (both languages, before it is swapped in).
Output: the same folder, with

- one sitemap per language root that lists each page in both languages, with
  `xhtml:link rel="alternate" hreflang` pairs (MkDocs writes one language each),
  as sitemap-pages.xml, named by a sitemap.xml index of constant size;
- a Content Security Policy on every page, as a `<meta http-equiv>` tag (GitHub
  Pages sends no headers of ours): scripts only from the site itself or inline
  scripts whose SHA-256 is listed, no other origin, no eval;
- a 404 page that finds the site's root at run time, so that its styles and
  links work under whatever subpath the site is served from, even when
  `site_url` still holds a placeholder.

Deterministic: the same site in gives the same bytes out. It reads nothing
outside the folder and writes nothing outside it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from generator import urls

# No eval of any kind (the search is plain JavaScript, Vega runs its expression
# interpreter). Styles may be inline: Material and the chart library set style
# attributes, which run no code.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
_NOT_CODE = re.compile(r"\b(?:src=|type=\"application/(?:ld\+)?json\")")
_HEAD_START = re.compile(r"<head>\s*(?:<meta charset=\"utf-8\">)?")


def finish_site(site: Path) -> None:
    """Sitemaps of both languages, the 404 page's root finder, a CSP on every page."""
    base = _write_sitemaps(site)
    if base is not None:
        _fix_404(site / "404.html", urlsplit(base).path)
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        page.write_text(with_policy(text), encoding="utf-8")


def page_times(site: Path) -> dict[Path, int]:
    """Every page's modification time, to tell afterwards which pages a dirty build rewrote."""
    return {page: page.stat().st_mtime_ns for page in site.rglob("*.html")}


def finish_pages(site: Path, before: dict[Path, int], base: str) -> int:
    """What `finish_site` does to pages, for those written since `before` was taken (the preview's
    dirty builds): new pages, and pages whose time changed — not a clock threshold, which would
    count the pages of a build that ended a moment earlier.

    Returns their number. Both steps leave a finished page as it is, so a page
    finished before is never finished twice. The sitemaps are the caller's:
    the same pages give the same sitemaps.
    """
    fresh = [page for page in sorted(site.rglob("*.html")) if before.get(page) != page.stat().st_mtime_ns]
    if site / "404.html" in fresh:
        _fix_404(site / "404.html", urlsplit(base).path)
    for page in fresh:
        text = page.read_text(encoding="utf-8")
        if policy_of(text) is None:
            page.write_text(with_policy(text), encoding="utf-8")
    return len(fresh)


def with_policy(html: str) -> str:
    """The page with a CSP meta tag naming the hash of each of its inline scripts."""
    hashes = sorted({f"'sha256-{_digest(m.group('body'))}'" for m in _INLINE_SCRIPT.finditer(html)
                     if not _NOT_CODE.search(m.group("attrs"))})
    tag = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=" ".join(hashes))}">'
    head = _HEAD_START.search(html)
    if head is None:
        return html
    return html[:head.end()] + tag + html[head.end():]


def policy_of(html: str) -> str | None:
    """The CSP a finished page declares (for tests and the test server)."""
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    return m.group(1) if m else None


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


# --- sitemaps ------------------------------------------------------------------------

# The list of pages; sitemap.xml is an index that names it.
PAGES_SITEMAP = "sitemap-pages.xml"
_URL = re.compile(r"<url>\s*<loc>(?P<loc>[^<]*)</loc>\s*(?:<lastmod>(?P<lastmod>[^<]*)</lastmod>)?", re.S)


def _write_sitemaps(site: Path) -> str | None:
    """Rewrite sitemap.xml (both languages) and en/sitemap.xml (English), each page with its alternates.

    Returns the site's published root, read from the Chinese sitemap (None when there is none).
    """
    pages: dict[str, dict[str, tuple[str, str]]] = {}  # lang -> {page path: (loc, lastmod)}
    roots: dict[str, str] = {}
    for lang in urls.LANGUAGES:
        folder = site if lang == urls.DEFAULT_LANGUAGE else site / lang
        sitemap = folder / "sitemap.xml"
        if not sitemap.exists():
            return None
        found = [(m.group("loc"), m.group("lastmod") or "") for m in _URL.finditer(sitemap.read_text(encoding="utf-8"))]
        if not found:
            return None
        roots[lang] = min((loc for loc, _ in found), key=len)  # the language's home page
        pages[lang] = {loc[len(roots[lang]):]: (loc, lastmod) for loc, lastmod in found}
    for lang in urls.LANGUAGES:
        listed = [(lang, path) for path in sorted(pages[lang])]
        if lang == urls.DEFAULT_LANGUAGE:  # the root sitemap lists the pages of every language
            listed += [(other, path) for other in urls.LANGUAGES if other != lang for path in sorted(pages[other])]
        entries = []
        for page_lang, path in listed:
            loc, lastmod = pages[page_lang][path]
            links = "".join(
                f'\n         <xhtml:link rel="alternate" hreflang="{alt}" href="{escape(pages[alt][path][0])}"/>'
                for alt in urls.LANGUAGES if path in pages[alt])
            entries.append(f"    <url>\n         <loc>{escape(loc)}</loc>"
                           + (f"\n         <lastmod>{lastmod}</lastmod>" if lastmod else "") + links + "\n    </url>")
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n")
        folder = site if lang == urls.DEFAULT_LANGUAGE else site / lang
        (folder / PAGES_SITEMAP).write_text(xml, encoding="utf-8")
        (folder / f"{PAGES_SITEMAP}.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
        # sitemap.xml is an index naming the list: Material's language switcher fetches each language's
        # sitemap.xml on the home pages, and the list grows with the site while the index does not.
        lastmod = max((pages[page_lang][path][1] for page_lang, path in listed), default="")
        index = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                 f"    <sitemap>\n         <loc>{escape(roots[lang] + PAGES_SITEMAP)}</loc>"
                 + (f"\n         <lastmod>{lastmod}</lastmod>" if lastmod else "") + "\n    </sitemap>\n</sitemapindex>\n")
        (folder / "sitemap.xml").write_text(index, encoding="utf-8")
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(index.encode("utf-8"), mtime=0))
    return roots[urls.DEFAULT_LANGUAGE]


# --- 404 -------------------------------------------------------------------------------

# Run before any stylesheet is requested: keep the configured root when the page
# is served under it, otherwise ask each enclosing folder, shortest first, for
# the site's stylesheet and take the first that has it.
_ROOT_FINDER = """(function(){var b=document.getElementById("portal-root"),p=location.pathname,c=b.getAttribute("href");\
if(p.indexOf(c)===0)return;var s=p.split("/").slice(1,-1);for(var i=0;i<=s.length;i++){\
var r="/"+s.slice(0,i).join("/")+(i?"/":"");try{var x=new XMLHttpRequest();x.open("HEAD",r+"assets/stylesheets/portal.css",false);\
x.send();if(x.status===200){b.setAttribute("href",r);return}}catch(e){}}})();"""


def _fix_404(page: Path, prefix: str) -> None:
    """Links of the 404 page relative to a <base> that a small script points at the site's real root."""
    if not page.exists() or not prefix.startswith("/"):
        return
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    html = page.read_text(encoding="utf-8")
    if 'id="portal-root"' in html:
        return  # finished before
    html = re.sub(rf'(\s(?:href|src|content)="){re.escape(prefix)}/?', r"\1", html)  # base_url + "/" doubles it
    html = html.replace(f'"base": "{prefix.rstrip("/")}"', '"base": "."')
    html = html.replace(f'__md_scope=new URL("{prefix.rstrip("/")}",location)', '__md_scope=new URL(".",document.baseURI)')
    head = _HEAD_START.search(html)
    if head is None:
        return
    finder = f'<base id="portal-root" href="{prefix}"><script>{_ROOT_FINDER}</script>'
    page.write_text(html[:head.end()] + finder + html[head.end():], encoding="utf-8")
