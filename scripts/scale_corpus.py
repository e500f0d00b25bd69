"""A city's decade of documents, made from the real ones: the scale corpus of the benchmarks.

    python scripts/scale_corpus.py 150 /tmp/city     # writes a project folder, prints its path
    portal --root /tmp/city validate --strict        # the corpus is valid, warnings included

Regions × years, as a city's portal grows: every district and county of
Fuzhou gets one annual report a year, going back a year at a time, and a
five-year plan every fifth year, until the corpus has the size asked for
(150 documents is every district with a decade of reports and plans). Each
document is a real one (its paragraphs, tables, boxes, both languages and its
hundreds of figures) moved to the new region and by whole years: the periods,
the figures' periods and the dates shift together, so `--strict` validation
still holds. The text itself is left as it is: quotes must still be found in
it. Any prefix of the sequence is itself a realistic corpus, so sizes compare.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Fuzhou's other districts and counties (id, zh, en); the real documents' regions take part too.
EXTRA_REGIONS = [
    ("gulou", "鼓楼区", "Gulou District"), ("mawei", "马尾区", "Mawei District"),
    ("changle", "长乐区", "Changle District"), ("minhou", "闽侯县", "Minhou County"),
    ("lianjiang", "连江县", "Lianjiang County"), ("luoyuan", "罗源县", "Luoyuan County"),
    ("minqing", "闽清县", "Minqing County"), ("yongtai", "永泰县", "Yongtai County"),
    ("fuqing", "福清市", "Fuqing"),
]
# Jin'an is left out: its real plan has no date, and the base's tracking (figure-model) cannot rank an
# undated document against a dated one of the same year; the benchmark builds this corpus with the base too.
REAL_REGIONS = ["taijiang", "cangshan"]
REPORTS = ["cangshan-report-2022", "fuzhou-report-2023", "taijiang-report-2024"]
PLANS = ["taijiang-fyp-14", "jinan-fyp-14"]
NEWEST_REPORT = 2021  # the copies go back from here (the real reports cover 2022–2024)

_YEAR_KEYS = re.compile(r"\b(start|end|vision_year|period): (\d{4})(?:-(\d{4}))?\b")
_DATE = re.compile(r"^(date|presented|approved|issued): (\d{4})(-\d\d-\d\d)", re.M)


def _shift(text: str, years: int) -> str:
    """Every period, figure period and date of a document moved back by `years`."""
    def period(m: re.Match) -> str:
        end = f"-{int(m[3]) - years}" if m[3] else ""
        return f"{m[1]}: {int(m[2]) - years}{end}"

    text = _YEAR_KEYS.sub(period, text)
    return _DATE.sub(lambda m: f"{m[1]}: {int(m[2]) - years}{m[3]}", text)


def corpus_plan(count: int) -> list[tuple[str, str, int, str]]:
    """(new id, region, years back, real document) of each copy, newest years first, regions within a year."""
    regions = REAL_REGIONS + [rid for rid, _, _ in EXTRA_REGIONS]
    plan = []
    step = 0
    while len(plan) < count:
        year = NEWEST_REPORT - step
        for n, region in enumerate(regions):
            source = REPORTS[(step + n) % len(REPORTS)]
            plan.append((f"{region}-report-{year}", region, int(source.rsplit("-", 1)[1]) - year, source))
            if step % 5 == 0:  # a five-year plan where a plan period starts: 2021 (14th, real), 2016, 2011...
                number = 14 - step // 5
                if step or region != "taijiang":
                    plan.append((f"{region}-fyp-{number}", region, 5 * (14 - number), PLANS[n % len(PLANS)]))
        step += 1
    return plan[:count]


def scale_corpus(count: int, into: Path, cache_dir: Path | None = None):
    """A project at `into` with the real content plus `count` more documents; returns its Project."""
    from generator.build import Project

    shutil.copytree(ROOT / "content", into / "content")
    shutil.copytree(ROOT / "docs", into / "docs")
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    if (ROOT / "sources").is_dir():
        shutil.copytree(ROOT / "sources", into / "sources")
    regions = into / "content/regions.yaml"
    if count:  # the real content alone keeps its own regions
        regions.write_text(regions.read_text(encoding="utf-8").rstrip("\n") + "\n" + "".join(
            f"  - id: {rid}\n    name: {{zh: {zh}, en: {en}}}\n    level: district\n    parent: fuzhou\n"
            for rid, zh, en in EXTRA_REGIONS), encoding="utf-8")
    texts = {stem: (ROOT / f"content/documents/{stem}.yaml").read_text(encoding="utf-8") for stem in REPORTS + PLANS}
    for new_id, region, years, source in corpus_plan(count):
        text = re.sub(r"^id: .*$", f"id: {new_id}", texts[source], count=1, flags=re.M)
        text = re.sub(r"^region: .*$", f"region: {region}", text, count=1, flags=re.M)
        if not re.search(r"^(issued|approved|presented): ", text, flags=re.M):  # every copy has a date (see above)
            start = int(re.search(r"^plan_period: \{start: (\d{4})", text, flags=re.M)[1])
            text = re.sub(r"^(plan_period: .*)$", rf"\1\nissued: {start + years}-03-01", text, count=1, flags=re.M)
        (into / f"content/documents/{new_id}.yaml").write_text(_shift(text, years), encoding="utf-8")
    return Project(into, cache_dir=cache_dir or ROOT / ".cache")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    project = scale_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(project.root)
