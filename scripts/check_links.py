"""Check a built site offline: every link, anchor, image, script and stylesheet resolves, and nothing loads from another host.

    python scripts/check_links.py site --site-url https://USER.github.io/REPO/

Reads the HTML files (and the sitemaps) of the folder as a server would serve
them under the subpath of --site-url (default: mkdocs.yml's site_url), with
each page's <base href> honoured. Prints one line per problem
(`PAGE: what: URL`) and a summary; exit 1 when there is any problem.

Why not linkchecker (PyPI): it crawls through an HTTP server, follows
external links over the network unless told not to, and needs configuration
for anchors; this reads files, runs in about a second, needs no network and
checks exactly what the site promises (own-host resources, anchors, the
hreflang alternates and the sitemaps).
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

# Tags and attributes that make the browser fetch something (a request to another host is an error).
RESOURCES = {("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"), ("embed", "src"),
             ("object", "data"), ("video", "src"), ("audio", "src"), ("video", "poster"), ("input", "src")}
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, bool]] = []  # (what, url, fetched)
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        for key in ("id", "name"):
            if key in a and tag != "meta":
                self.ids.add(a[key])
        if tag == "base" and "href" in a and self.base is None:
            self.base = a["href"]
        if tag == "a" and "href" in a:
            self.refs.append(("link", a["href"], False))
        elif tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            self.refs.append((f"link rel={'/'.join(sorted(rels))}", a["href"], bool(rels & FETCHING_LINK_RELS)))
        for t, attr in RESOURCES:
            if tag == t and attr in a:
                self.refs.append((f"{tag} {attr}", a[attr], True))
        if "srcset" in a:
            for part in a["srcset"].split(","):
                if part.strip():
                    self.refs.append((f"{tag} srcset", part.split()[0], True))
        if "data-spec" in a:  # the chart loader fetches it
            self.refs.append(("chart spec", a["data-spec"], True))


def check_site(site: Path, site_url: str) -> tuple[list[str], dict[str, int]]:
    """Every problem found, and counts of what was checked."""
    root = urlsplit(site_url if site_url.endswith("/") else site_url + "/")
    origin = f"{root.scheme}://{root.netloc}"
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    problems: list[str] = []
    checked = {"pages": len(pages), "links": 0, "anchors": 0, "resources": 0, "sitemap entries": 0}

    def target(url_path: str) -> Path | None:
        """The file a server would send for a path under the site root, or None."""
        if not url_path.startswith(root.path):
            return None
        rel = unquote(url_path[len(root.path):])
        path = site / rel
        if rel.endswith("/") or rel == "" or path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    for rel, page in pages.items():
        page_url = origin + root.path + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        base = urljoin(page_url, page.base) if page.base else page_url
        for what, raw, fetched in page.refs:
            url = urljoin(base, raw.strip())
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel") or (parts.scheme == "data" and fetched):
                continue
            if parts.scheme == "javascript":
                problems.append(f"{rel}: {what}: javascript: URL: {raw}")
                continue
            if f"{parts.scheme}://{parts.netloc}" != origin:
                if fetched:
                    problems.append(f"{rel}: {what} loads from another host: {raw}")
                continue  # a link out to another site is the reader's choice, not a request
            checked["resources" if fetched else "links"] += 1
            file = target(parts.path)
            if file is None:
                problems.append(f"{rel}: {what} broken: {raw}")
                continue
            if parts.fragment and file.suffix == ".html":
                checked["anchors"] += 1
                other = pages.get(file.relative_to(site).as_posix())
                if other is not None and unquote(parts.fragment) not in other.ids:
                    problems.append(f"{rel}: {what} to a missing anchor: {raw}")
    for sitemap in sorted(site.rglob("sitemap*.xml")):
        for url in re.findall(r'(?:<loc>|href=")([^<"]+)', sitemap.read_text(encoding="utf-8")):
            checked["sitemap entries"] += 1
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}" != origin or target(parts.path) is None:
                problems.append(f"{sitemap.relative_to(site)}: entry does not resolve: {url}")
    return problems, checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--site-url", help="the published address (default: mkdocs.yml's site_url)")
    args = parser.parse_args()
    site_url = args.site_url or yaml.safe_load(Path("mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    problems, checked = check_site(args.site, site_url)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems; checked " + ", ".join(f"{n} {what}" for what, n in checked.items()))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
