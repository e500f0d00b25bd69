"""Screenshots of built pages, desktop and a 390 px phone, in both languages, to look at what changed.

Usage: .venv/bin/python scripts/screenshots.py [site/] [OUT_DIR] PAGE [PAGE ...]
PAGE is a path under a language root, e.g. regions/taijiang/ or documents/taijiang-fyp-14/text/#s1-p1-s1.
Writes OUT_DIR/<page>-<lang>-<desktop|phone>.png (full page, capped at 6000 px high).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.serve_site import serve  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main(site: Path, out: Path, pages: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(site, "/fuzhou-portal/")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for page_path in pages:
                for lang in ("zh", "en"):
                    for size, (w, h) in SIZES.items():
                        page = browser.new_page(viewport={"width": w, "height": h})
                        page.goto(base + ("en/" if lang == "en" else "") + page_path)
                        page.wait_for_timeout(300)
                        name = re.sub(r"[^a-z0-9]+", "-", page_path.lower()).strip("-") or "home"
                        full = "#" not in page_path
                        page.screenshot(path=str(out / f"{name}-{lang}-{size}.png"), full_page=full,
                                        clip=None if not full else {"x": 0, "y": 0, "width": w,
                                                                    "height": min(6000, page.evaluate("document.body.scrollHeight"))})
                        page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]), Path(args[1]), args[2:])
