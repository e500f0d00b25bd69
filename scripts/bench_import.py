"""Importer benchmark: seconds to import growing hostile sources (many short numbered lines with growth rates).

    python scripts/bench_import.py 0.25,0.5,1,2     # also run by scripts/bench.py

Linear work means a flat CPU s/MB column. Prints figures; asserts nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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


if __name__ == "__main__":
    import_timings([float(x) for x in (sys.argv[1] if len(sys.argv) > 1 else "0.25,0.5,1,2").split(",")])
