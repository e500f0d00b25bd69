"""Benchmark: build time, pages and page weight. Prints figures; asserts nothing.

Search (index bytes, bytes per query, precision) is measured by scripts/bench_search.py.

    make bench            # the real content, then a synthetic city of 150 documents
    python scripts/bench.py --docs 0   # the real content only

Figures are taken in one run on this machine; compare them as ratios.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import Project, build_site  # noqa: E402
from tests.serve_site import serve  # noqa: E402


def timed_build(project: Project, label: str) -> float:
    started = time.perf_counter()
    report = build_site(project)
    seconds = time.perf_counter() - started
    pages = ", ".join(f"{n} {lang}" for lang, n in report.pages.items())
    print(f"{label:<38} {seconds:6.2f} s   pages: {pages}")
    return seconds


def kb(n: int) -> str:
    return f"{n / 1024:7.1f} KB"


def page_weight(site: Path, page: str) -> None:
    from playwright.sync_api import sync_playwright

    server, base = serve(site, "/portal/")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            tab = browser.new_page()
            sizes: dict[str, int] = {}
            zipped: dict[str, int] = {}

            def record(response):
                body = response.body() if response.ok else b""
                sizes[response.url] = len(body)
                zipped[response.url] = len(gzip.compress(body))

            tab.on("response", record)
            tab.goto(base + page, wait_until="networkidle")
            first = sum(sizes.values())
            print(f"page weight {page:<26} {kb(first)} in {len(sizes)} requests "
                  f"({kb(sum(zipped.values())).strip()} gzipped), first view")
            for url, size in sorted(sizes.items(), key=lambda item: -item[1])[:4]:
                print(f"    {kb(size)}  {url[len(base):]}")
            if not tab.locator(".portal-chart").count():
                browser.close()
                return
            tab.locator(".portal-chart").first.hover()
            tab.wait_for_selector(".portal-chart-live svg", timeout=20000)
            print(f"  + interactive chart{'':<18} {kb(sum(sizes.values()) - first)} more on first hover")
            browser.close()
    finally:
        server.shutdown()


def synthetic_city(count: int, into: Path) -> Project:
    """`count` copies of the Cangshan report under new ids and years: the size of a city's decade."""
    shutil.copytree(ROOT / "content", into / "content")
    shutil.copytree(ROOT / "docs", into / "docs")
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    shutil.copytree(ROOT / "sources", into / "sources")
    text = (ROOT / "content/documents/cangshan-report-2022.yaml").read_text(encoding="utf-8")
    for i in range(count):
        doc_id = f"cangshan-copy-{i:03d}"
        (into / f"content/documents/{doc_id}.yaml").write_text(
            text.replace("id: cangshan-report-2022", f"id: {doc_id}"), encoding="utf-8")
    return Project(into, cache_dir=into / ".cache")


def hostile_source(size: int) -> str:
    """A source of many short numbered lines with growth rates: the worst case for merging figure candidates."""
    names = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    out = ["关于福州市仓山区2022年国民经济和社会发展计划执行情况及2023年计划草案的报告\n\n福州市仓山区发展和改革局\n\n"
           "一、2022年国民经济和社会发展计划执行情况\n\n"]
    total, i = len(out[0].encode()), 0
    while total < size:
        n = len(names)
        name = names[i % n] + names[i // n % n] + names[i // n // n % n] + "产值"
        line = f"{i + 1}.预计地区生产总值增长{i % 9}.{i % 10}%，{name}增长{i % 7}.5%。\n"
        out.append(line)
        total += len(line.encode())
        i += 1
    return "".join(out)


def import_timings(sizes_mb: list[float]) -> None:
    """Seconds to import growing hostile sources: linear work means a flat s/MB column."""
    from generator.importer import load_catalogues, text_to_fields
    from generator.importer.source import SourceText

    catalogues = load_catalogues(ROOT / "content")
    for mb in sizes_mb:
        text = hostile_source(int(mb * 1024 * 1024))
        source = SourceText(path=Path(f"hostile-{mb}MB.txt"), text=text, encoding="utf-8", size=len(text.encode()))
        started, cpu = time.perf_counter(), time.process_time()
        try:
            result = text_to_fields(source, "cangshan", "annual-report", "cangshan-report-2022", catalogues.indicators)
            outcome = f"{len(result.unmatched):,} candidates, draft {len(result.yaml.encode()) / 1e6:.1f} MB"
        except Exception as exc:  # noqa: BLE001 - a refused draft is a result too
            outcome = "refused: the draft would be over the loader's 5 MB"
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        # CPU seconds, not wall time, for the ratio: other processes on a shared machine do not count.
        print(f"import, hostile source {mb:>4} MB{'':<13} {seconds:6.2f} s   {cpu / mb:5.2f} CPU s/MB   {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=150, help="size of the synthetic city (0 to skip)")
    parser.add_argument("--import-mb", default="0.25,0.5,1,2",
                        help="sizes of the hostile import sources, in MB (empty to skip)")
    args = parser.parse_args()
    if args.import_mb:
        import_timings([float(x) for x in args.import_mb.split(",")])
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(ROOT, build_dir=Path(tmp) / "build", site_dir=Path(tmp) / "site",
                          cache_dir=Path(tmp) / "cache")
        cold = timed_build(project, "real content, cold chart cache")
        warm = timed_build(project, "real content, warm chart cache")
        print(f"{'':<38} warm/cold = {warm / cold:.2f}")
        page_weight(project.site_dir, "documents/cangshan-report-2022/")
        page_weight(project.site_dir, "en/documents/cangshan-report-2022/text/")
        if args.docs:
            city = synthetic_city(args.docs, Path(tmp) / "city")
            big = timed_build(city, f"synthetic city, {args.docs + 1} documents")
            print(f"{'':<38} {big / warm:.1f}x the real content for {args.docs + 1}x the documents")


if __name__ == "__main__":
    main()
