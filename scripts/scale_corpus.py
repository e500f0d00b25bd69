"""A city's decade of documents, made from the real ones: the scale corpus for the search benchmark.

    python scripts/scale_corpus.py 150 /tmp/city     # writes a project folder, prints its path

Each copy is a real document under a new id, issued by one of Fuzhou's other districts and counties and
moved by whole years (periods, figure years and date shift together, so validation still holds), so
the corpus has the size, vocabulary and repetition of real plans rather than one text 150 times over.
The text itself is left as it is: quotes must still be found in it.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Fuzhou's other districts and counties (id, zh, en).
EXTRA_REGIONS = [
    ("gulou", "鼓楼区", "Gulou District"), ("mawei", "马尾区", "Mawei District"),
    ("changle", "长乐区", "Changle District"), ("minhou", "闽侯县", "Minhou County"),
    ("lianjiang", "连江县", "Lianjiang County"), ("luoyuan", "罗源县", "Luoyuan County"),
    ("minqing", "闽清县", "Minqing County"), ("yongtai", "永泰县", "Yongtai County"),
    ("fuqing", "福清市", "Fuqing"),
]
_YEAR_KEYS = re.compile(r"\b(start|end|year|vision_year): (\d{4})\b")
_DATE = re.compile(r"^(date: )(\d{4})(-\d\d-\d\d)", re.M)


def _shift(text: str, years: int) -> str:
    text = _YEAR_KEYS.sub(lambda m: f"{m[1]}: {int(m[2]) - years}", text)
    return _DATE.sub(lambda m: f"{m[1]}{int(m[2]) - years}{m[3]}", text)


def scale_corpus(count: int, into: Path):
    """A temp project with the real content plus `count` copies of the real documents; returns its Project."""
    from generator.build import Project

    shutil.copytree(ROOT / "content", into / "content")
    shutil.copytree(ROOT / "docs", into / "docs")
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    if (ROOT / "sources").is_dir():
        shutil.copytree(ROOT / "sources", into / "sources")
    regions = into / "content/regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8").rstrip("\n") + "\n" + "".join(
        f"  - id: {rid}\n    name: {{zh: {zh}, en: {en}}}\n    level: district\n    parent: fuzhou\n"
        for rid, zh, en in EXTRA_REGIONS), encoding="utf-8")
    originals = sorted((ROOT / "content/documents").glob("*.yaml"))
    for i in range(count):
        source = originals[i % len(originals)]
        text = source.read_text(encoding="utf-8")
        region = EXTRA_REGIONS[(i // len(originals)) % len(EXTRA_REGIONS)][0]
        years = 1 + i // (len(originals) * len(EXTRA_REGIONS))  # each (document, region) pair once per year step
        new_id = f"{region}-{source.stem}-{i:03d}"
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
        text = re.sub(r"^region: .*$", f"region: {region}", text, count=1, flags=re.M)
        (into / f"content/documents/{new_id}.yaml").write_text(_shift(text, years), encoding="utf-8")
    return Project(into, cache_dir=ROOT / ".cache")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    project = scale_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(project.root)
