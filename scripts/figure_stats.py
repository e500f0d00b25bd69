"""What the figures cover: per document, figures by kind and by growth basis; the catalogue by category.

Usage: .venv/bin/python scripts/figure_stats.py   (reads content/; prints Markdown tables)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.validate import validate_content  # noqa: E402

KINDS = ("baseline", "target", "estimate", "actual")
BASES = ("previous-year", "average-annual", "cumulative")


def main() -> None:
    portal, _ = validate_content(Path(__file__).resolve().parent.parent / "content")
    print("| document | figures | " + " | ".join(KINDS) + " | growth: " + " | ".join(BASES)
          + " | points | from tables | also | comparability | nature |")
    print("|---" * (len(KINDS) + len(BASES) + 7) + "|")
    for doc in sorted(portal.documents, key=lambda d: d.id):
        kinds = Counter(f.kind.value for f in doc.figures)
        bases = Counter(f.basis.value for f in doc.figures if f.basis)
        points = sum(1 for f in doc.figures if f.growth is not None and f.growth_unit.value == "points")
        tables = sum(1 for f in doc.figures if f.column)
        also = sum(1 for f in doc.figures if f.also)
        comparable = sum(1 for f in doc.figures if f.comparability)
        nature = sum(1 for f in doc.figures if f.nature)
        print(f"| {doc.id} | {len(doc.figures)} | " + " | ".join(str(kinds[k]) for k in KINDS) + " | "
              + " | ".join(str(bases[b]) for b in BASES) + f" | {points} | {tables} | {also} | {comparable} | {nature} |")
    print()
    used = {f.indicator for d in portal.documents for f in d.figures}
    print("| category | indicators | with figures |")
    print("|---|---|---|")
    for category in portal.categories:
        ids = [i.id for i in portal.indicators if i.category == category.id]
        print(f"| {category.id} | {len(ids)} | {sum(1 for i in ids if i in used)} |")
    print(f"| all | {len(portal.indicators)} | {len(used)} |")


if __name__ == "__main__":
    main()
