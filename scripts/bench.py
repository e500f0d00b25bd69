"""Benchmark at a city's scale: build seconds by stage, memory, bytes, page weight, edit -> preview, budgets.

    make bench                                      # this, then scripts/bench_search.py
    python scripts/bench.py                         # the real content, 150 and 300 documents, base at 150
    python scripts/bench.py --sizes 5 --baseline none --import-mb ""    # the real content only, quickly
    python scripts/bench.py --measure 150 --tmp /tmp/b150 --cold-only    # one size, the cold build only (JSON)

Each size is measured in a process of its own (peak memory is per process):
a project made by scripts/scale_corpus.py (the real content plus copies, by
regions x years), built cold (empty chart cache) and warm, then `portal
serve` started on it and one paragraph edited. `--baseline REV` builds the
150-document corpus with the code of REV (a temporary git worktree) in the
same run, so the time budget is a ratio measured on the same machine at the
same moment. Prints figures and each budget as pass or fail; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
# The pages whose weight a reader feels: the home, a document overview, the longest full text, an indicator.
WEIGHED = {"home": "", "overview": "documents/cangshan-report-2022/", "long text": "en/documents/jinan-fyp-14/text/",
           "indicator": "indicators/gdp/"}
EDITED = "content/documents/cangshan-report-2022.yaml"
# The base of the time budget: main just before the performance work (issue 11) was merged, the last
# code that builds today's content the old way, so both builds read the same corpus in the same run.
BASE = "da46127"


# --- one size, in its own process ----------------------------------------------------------------------------

def measure(size: int, code: Path, tmp: Path, edit: bool, cold_only: bool = False) -> dict:
    """Build a corpus of `size` documents cold then warm with the generator in `code`; every figure of one size."""
    sys.path.insert(0, str(code))
    sys.path.insert(1, str(ROOT / "scripts"))
    from generator.build import Project
    from scale_corpus import scale_corpus

    project = scale_corpus(max(0, size - 5), tmp / "city", cache_dir=tmp / "city" / ".cache")
    project = Project(project.root)  # the project's own .cache/: `portal serve` on it finds the warm cache
    out: dict = {"size": size}
    for run in ("cold",) if cold_only else ("cold", "warm"):
        started = time.perf_counter()
        with TreeMemory() as memory:
            report = build_once(code, project.root)
        out[run] = time.perf_counter() - started
        out[f"{run} stages"] = report["seconds"]
        out["peak MB"] = max(out.get("peak MB", 0), memory.peak / MB)
    out["documents"] = len(list((project.content_dir / "documents").glob("*.yaml")))
    out["pages"] = report["pages"]
    site = project.site_dir
    files = [p for p in site.rglob("*") if p.is_file()]
    out["site bytes"] = sum(p.stat().st_size for p in files)
    out["files"] = len(files)
    out["biggest page"] = max(p.stat().st_size for p in files if p.suffix == ".html")
    for lang in ("zh", "en"):
        folder = (site if lang == "zh" else site / lang) / "search"
        index = [p for p in folder.rglob("*") if p.is_file()]
        out[f"search {lang}"] = sum(p.stat().st_size for p in index)
        out[f"search {lang} gz"] = sum(len(gzip.compress(p.read_bytes())) for p in index)
        manifest = folder / "index.json"
        out[f"search {lang} manifest gz"] = len(gzip.compress(manifest.read_bytes())) if manifest.exists() else 0
    out["sitemaps"] = sum(p.stat().st_size for p in (site / "sitemap.xml", site / "en/sitemap.xml") if p.exists())
    out["largest process MB"] = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if cold_only:
        return out
    out["weights"] = {name: page_weight(site, path) for name, path in WEIGHED.items()}
    if size >= 150:  # what a reader downloads to search: the most frequent words, cold cache, in Chromium
        from bench_search import COMMON, run_queries

        for lang in ("zh", "en"):
            out[f"search {lang} query gz"] = max(run_queries(site, lang, COMMON[lang])[0])
    if edit:
        out["edit to preview"] = edit_to_preview(project.root, code)
    return out


# One `portal build`: a process of its own, as an editor or CI runs it (a warm build in the process of
# the cold one would start with the cold build's heap).
_BUILD = ("import json, pathlib, sys; sys.path.insert(0, sys.argv[1]); from generator.build import Project, build_site; "
          "r = build_site(Project(pathlib.Path(sys.argv[2]))); print(json.dumps({'seconds': dict(r.seconds), 'pages': r.pages}))")


def build_once(code: Path, root: Path) -> dict:
    """Build the project at `root` with the generator in `code`, in a new process: its stage seconds and pages."""
    found = subprocess.run([sys.executable, "-c", _BUILD, str(code), str(root)], capture_output=True, text=True,
                           check=False, cwd=str(code))
    if found.returncode != 0:
        sys.stderr.write(found.stderr[-3000:])
        raise SystemExit(f"building {root} failed")
    return json.loads(found.stdout.strip().splitlines()[-1])


class TreeMemory:
    """The peak memory of this process and every process it starts, sampled together.

    The build runs in several processes at once (two languages, a drawing
    pool), so the largest single process (ru_maxrss) understates what the
    machine needs. This sums each process's proportional set size (shared
    pages split between the forked processes that share them) from /proc,
    every `interval` seconds, in a thread.
    """

    def __init__(self, interval: float = 0.2):
        import threading

        self.peak, self.interval, self.done = 0, interval, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()

    def _sample(self) -> None:
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, sum(_pss_kb(pid) for pid in _tree(os.getpid())) * 1024)


def _tree(root: int) -> list[int]:
    """`root` and its descendants, from /proc/<pid>/stat (field 4 is the parent's pid)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def page_weight(site: Path, page: str) -> dict:
    """What a browser loads for a page, cold cache: requests, bytes gzipped, and bytes of sitemaps among them."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright
    from tests.serve_site import serve

    server, base = serve(site, "/portal/")
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            tab = browser.new_page()

            def record(response):
                sizes[response.url] = len(gzip.compress(response.body())) if response.ok else 0

            tab.on("response", record)
            tab.goto(base + page, wait_until="networkidle")
            browser.close()
    finally:
        server.shutdown()
    return {"requests": len(sizes), "gz": sum(sizes.values()),
            "sitemaps gz": sum(n for url, n in sizes.items() if "sitemap" in url)}


def edit_to_preview(root: Path, code: Path) -> float:
    """Seconds from saving a one-paragraph edit to the preview of `portal serve` showing it."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(code)}
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(root), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=str(code))
    page = f"http://127.0.0.1:{port}/en/documents/cangshan-report-2022/text/"

    def shows(text: str) -> bool:
        try:
            return text in urllib.request.urlopen(page, timeout=5).read().decode("utf-8")
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 1800
        while not shows("</html>") and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(3)  # let the server settle after its first build
        seconds = []
        for n in (1, 2):
            marker = f"Edited for the benchmark, round {n}."
            path = root / EDITED
            text = path.read_text(encoding="utf-8")
            # The English of the preamble's second paragraph: one paragraph of the full text.
            old = "On behalf of the People''s Government of Cangshan District"
            if old not in text:
                return float("nan")
            path.write_text(text.replace(old, f"{marker} {old}", 1), encoding="utf-8")
            started = time.monotonic()
            while not shows(marker) and time.monotonic() < started + 600:
                time.sleep(0.05)
            seconds.append(time.monotonic() - started)
            time.sleep(2)
        return min(seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- the run: sizes, baseline, budgets -------------------------------------------------------------------------

def run_size(size: int, code: Path, edit: bool, cold_only: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
        found = subprocess.run([sys.executable, __file__, "--measure", str(size), "--code", str(code), "--tmp", tmp]
                               + ([] if edit else ["--no-edit"]) + (["--cold-only"] if cold_only else []),
                               capture_output=True, text=True, check=False)
    if found.returncode != 0:
        sys.stderr.write(found.stderr[-3000:])
        raise SystemExit(f"measuring {size} documents failed")
    return json.loads(found.stdout.strip().splitlines()[-1])


def baseline_code(rev: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(into), rev], check=True,
                   capture_output=True)
    return into


def mb(n: float) -> str:
    return f"{n / MB:7.1f} MB"


def show(r: dict) -> None:
    docs = r["documents"]
    print(f"\n{docs} documents ({r['pages']['zh']} + {r['pages']['en']} pages)")
    for run in ("cold", "warm"):
        if f"{run} stages" not in r:  # the base is built cold only
            continue
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r[f"{run} stages"].items())
        print(f"  {run:<5} build {r[run]:7.1f} s   stages (s): {stages}")
    print(f"  peak memory {r['peak MB']:7.0f} MB, all the build's processes together "
          f"(the largest alone: {r.get('largest process MB', 0):.0f} MB)")
    print(f"  site {mb(r['site bytes'])} in {r['files']:,} files, {mb(r['site bytes'] / docs).strip()} per document; "
          f"biggest page {r['biggest page'] / 1024:.0f} KB; sitemaps {r['sitemaps'] / 1024:.0f} KB")
    for lang in ("zh", "en"):
        print(f"  search {lang}: {mb(r[f'search {lang}']).strip()} raw, {mb(r[f'search {lang} gz']).strip()} gzipped "
              f"on disk; opening search fetches {r[f'search {lang} manifest gz'] / 1024:.0f} KB gzipped")
    for name, w in r.get("weights", {}).items():
        print(f"  page weight {name:<10} {w['gz'] / 1024:7.0f} KB gzipped in {w['requests']} requests"
              f" (sitemaps {w['sitemaps gz'] / 1024:.0f} KB)")
    for lang in ("zh", "en"):
        if f"search {lang} query gz" in r:
            print(f"  search {lang}: the most frequent word downloads {r[f'search {lang} query gz'] / 1024:.0f} KB gzipped")
    if "edit to preview" in r:
        print(f"  edit -> preview {r['edit to preview']:6.1f} s (portal serve, one paragraph)")


def publish_seconds(r: dict, run: str = "cold") -> float:
    """Wall seconds of MkDocs: the languages run side by side, so the longer of the two."""
    stages = r[f"{run} stages"]
    per_language = [v for k, v in stages.items() if k.startswith("mkdocs")]
    return max(per_language) if stages.get("mkdocs") is None else stages["mkdocs"]


def budgets(results: dict[int, dict], base: dict | None) -> list[tuple[str, str, bool | None]]:
    """(budget, measured, passed) for each budget of issue 11; passed is None when a size was not run."""
    out = []
    r150, r300, r5 = results.get(150), results.get(300), results.get(5)
    if r150 and base:
        ratio = r150["cold"] / base["cold"]
        out.append(("cold build at 150 <= 45 % of the base's", f"{r150['cold']:.0f} s / {base['cold']:.0f} s = {ratio:.0%}",
                    ratio <= 0.45))
    if r150:
        drawing = r150["cold stages"].get("drawing", 0.0)
        own = 1 - (publish_seconds(r150) + drawing) / r150["cold"]
        out.append(("generator's own stages <= 20 % of the cold build at 150 (all but MkDocs and vl-convert "
                    f"drawing; with drawing {own + drawing / r150['cold']:.0%})", f"{own:.0%}", own <= 0.20))
    if r150 and r300:
        t = r300["cold"] / r150["cold"]
        out.append(("time(300) / time(150) <= 2.1", f"{t:.2f}", t <= 2.1))
        b = r300["site bytes"] / r150["site bytes"]
        out.append(("site bytes(300) / bytes(150) <= 2.1", f"{b:.2f}", b <= 2.1))
    if r150:
        per = r150["site bytes"] / r150["documents"]
        out.append(("site per document at 150 <= 1 MB", mb(per).strip(), per <= MB))
        fetched = max(w["sitemaps gz"] for w in r150["weights"].values())
        small = r5 and fetched <= max(w["sitemaps gz"] for w in r5["weights"].values()) + 512
        out.append(("no page fetches what grows with the site (sitemaps fetched at 150 = at 5)",
                    f"{fetched / 1024:.1f} KB", bool(small)))
    for size, limit in ((5, 2), (150, 10)):
        r = results.get(size)
        if r and "edit to preview" in r:
            out.append((f"edit -> preview at {size} <= {limit} s", f"{r['edit to preview']:.1f} s",
                        r["edit to preview"] <= limit))
    if r300:
        out.append(("peak memory at 300 <= 2 GB", f"{r300['peak MB']:.0f} MB", r300["peak MB"] <= 2048))
    if r150:
        for lang in ("zh", "en"):
            # What a reader downloads: search.js, the manifest and the shards and texts of the most frequent words.
            got = r150.get(f"search {lang} query gz")
            if got is not None:
                out.append((f"search download {lang} at 150 <= 1.5 MB gzipped (most frequent word, cold cache)",
                            mb(got).strip(), got <= 1.5 * MB))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5,150,300", help="corpus sizes in documents (5 is the real content)")
    parser.add_argument("--baseline", default=BASE,
                        help="git revision to measure at 150 documents in the same run ('none' to skip)")
    parser.add_argument("--import-mb", default="0.25,0.5,1,2", help="sizes of the hostile import sources ('' to skip)")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-edit", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cold-only", action="store_true",
                        help="with --measure: the cold build and the bytes only (a quick look at one size)")
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.code, args.tmp, not args.no_edit, args.cold_only)))
        sys.stdout.flush()
        return
    if args.import_mb:
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_import import import_timings

        import_timings([float(x) for x in args.import_mb.split(",")])
    sizes = [int(x) for x in args.sizes.split(",") if x]
    results = {}
    for size in sizes:
        results[size] = run_size(size, ROOT, edit=size <= 150)
        show(results[size])
    base = None
    if args.baseline != "none" and 150 in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-base-") as tmp:
            code = baseline_code(args.baseline, Path(tmp) / "code")
            try:
                base = run_size(150, code, edit=False, cold_only=True)  # the ratio needs its cold build only
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(code)], check=False)
        print(f"\nbase ({args.baseline}), for the ratios:", end="")
        show(base)
    print("\nbudgets (issue 11), measured in this run:")
    for name, got, passed in budgets(results, base):
        print(f"  {'PASS' if passed else 'FAIL'}  {name:<78} {got}")


if __name__ == "__main__":
    main()
