"""Search benchmark: index bytes per language, what a reader downloads per query, and precision.

    make bench                                   # runs this after scripts/bench.py
    python scripts/bench_search.py --docs 0      # the real content only
    python scripts/bench_search.py --pagefind    # also measure Pagefind on the same site (pip install "pagefind[extended]")

For the real content and for a 150-document corpus made from the real documents
(scripts/scale_corpus.py), it prints per language the index on disk (raw and
gzipped, file by file as a server would send it), then runs the query set of
tests/search_queries.py in headless Chromium against the site served under a
subpath, counting every byte fetched from search/ (gzipped) from a cold cache,
and the precision of the top five results: the share that contain the whole
phrase (Chinese) or all its stemmed words (English). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generator.build import Project, build_site  # noqa: E402
from generator.search import tokens, unit_texts  # noqa: E402
from scale_corpus import scale_corpus  # noqa: E402
from tests import search_queries  # noqa: E402
from tests.serve_site import serve  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PREFIX = "/portal/"


def kb(n: float) -> str:
    return f"{n / 1024:8.1f} KB"


def language_dir(site: Path, lang: str) -> Path:
    return site if lang == "zh" else site / lang


def index_on_disk(site: Path, lang: str) -> None:
    files = [p for p in (language_dir(site, lang) / "search").rglob("*.json")]
    raw = sum(p.stat().st_size for p in files)
    zipped = sum(len(gzip.compress(p.read_bytes())) for p in files)
    manifest = language_dir(site, lang) / "search/index.json"
    print(f"  {lang} index on disk   {kb(raw)} raw, {kb(zipped)} gzipped in {len(files)} files; "
          f"opening search fetches {kb(len(gzip.compress(manifest.read_bytes()))).strip()} gzipped")


def contains(lang: str, query: str, text: str) -> bool:
    if lang == "zh":
        return query in text
    return {t for t, _ in tokens(query)} <= {t for t, _ in tokens(text)}


def run_queries(site: Path, lang: str, queries: list[str]) -> tuple[list[int], list[float]]:
    """Per query: gzipped bytes fetched by search (script + index files), and precision of the top five."""
    from playwright.sync_api import sync_playwright

    texts = unit_texts(language_dir(site, lang))
    server, base = serve(site, PREFIX)
    fetched, precision = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()  # a cold cache for every query: the worst case
                page = context.new_page()
                sizes: dict[str, int] = {}

                def record(response):
                    url = response.url
                    if "/search/" in url or url.endswith("search.js"):
                        sizes[url] = len(gzip.compress(response.body())) if response.ok else 0

                page.on("response", record)
                page.goto(base + ("" if lang == "zh" else f"{lang}/"), wait_until="networkidle")
                page.keyboard.press("/")
                page.locator(".portal-search__input").fill(query)
                page.wait_for_function("q => document.querySelector('.portal-search').dataset.done === q",
                                       arg=query, timeout=60000)
                units = page.eval_on_selector_all(
                    ".portal-search__results:not(.portal-search__other *) > li", "els => els.map(e => +e.dataset.unit)")
                top = units[:5]
                good = sum(contains(lang, query, texts[u][0]) for u in top)
                precision.append(good / len(top) if top else 0.0)
                page.wait_for_load_state("networkidle")
                fetched.append(sum(sizes.values()))
                print(f"    {query:<26} {len(units):3} shown, top five {good}/{len(top)} contain it, "
                      f"{kb(sum(sizes.values())).strip()} fetched ({len(sizes)} files)")
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return fetched, precision


# The most frequent words of the plans: the largest posting lists, so the worst case for bytes.
COMMON = {"zh": ["发展", "建设"], "en": ["development", "economic"]}


def measure(site: Path, label: str) -> None:
    print(f"{label}")
    for lang, queries in (("zh", search_queries.ZH), ("en", search_queries.EN)):
        index_on_disk(site, lang)
        fetched, precision = run_queries(site, lang, queries)
        print(f"  {lang} per query: median {kb(statistics.median(fetched)).strip()}, "
              f"max {kb(max(fetched)).strip()} gzipped; precision of the top five "
              f"{statistics.mean(precision):.0%} over {len(queries)} queries")
        print(f"  {lang} most frequent words (the largest downloads):")
        run_queries(site, lang, COMMON[lang])


def pagefind(site: Path) -> None:
    """The option we did not take, measured the same way: Pagefind's own index and its query splitting."""
    import shutil
    import subprocess

    from playwright.sync_api import sync_playwright

    copy = site.parent / "pagefind-site"
    shutil.copytree(site, copy)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--root-selector", "article"],
                   check=True, capture_output=True)
    files = list((copy / "pagefind").rglob("*"))
    print(f"Pagefind 1.5 (extended) on the same site: "
          f"{kb(sum(len(gzip.compress(p.read_bytes())) for p in files if p.is_file())).strip()} gzipped in all")
    server, base = serve(copy, PREFIX)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for quoted in (False, True):
                for lang, queries in (("zh", search_queries.ZH), ("en", search_queries.EN)):
                    page = browser.new_page()
                    page.goto(base + ("" if lang == "zh" else f"{lang}/"))
                    page.evaluate(f"async () => {{ window.pf = await import('{base}pagefind/pagefind.js'); await pf.init(); }}")
                    scores, empty = [], 0
                    for query in queries:
                        texts = page.evaluate("""async (q) => { const r = await pf.search(q); const out = [];
                            for (const x of r.results.slice(0, 5)) { const d = await x.data();
                              out.push(d.sub_results[0] ? d.sub_results[0].excerpt.replace(/<[^>]+>/g, '') : d.excerpt); }
                            return out; }""", f'"{query}"' if quoted else query)
                        empty += not texts
                        scores.append(sum(contains(lang, query, t) for t in texts) / len(texts) if texts else 0.0)
                    print(f"  {lang} {'quoted' if quoted else 'as typed'}: precision of the top five "
                          f"(first section's excerpt) {statistics.mean(scores):.0%}, {empty} queries with no result")
                    page.close()
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=145, help="copies added to the real documents (0 to skip)")
    parser.add_argument("--pagefind", action="store_true", help="also measure Pagefind on the real content")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        real = Project(ROOT, build_dir=Path(tmp) / "build", site_dir=Path(tmp) / "site", cache_dir=ROOT / ".cache")
        build_site(real)
        measure(real.site_dir, f"search, real content ({len(list((ROOT / 'content/documents').glob('*.yaml')))} documents)")
        if args.pagefind:
            pagefind(real.site_dir)
        if args.docs:
            started = time.perf_counter()
            city = scale_corpus(args.docs, Path(tmp) / "city")
            build_site(city)
            total = len(list((city.content_dir / "documents").glob("*.yaml")))
            measure(city.site_dir, f"search, scale corpus ({total} documents, built in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
