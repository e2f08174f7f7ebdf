"""How long the Word report takes against the PDF export, in the same run.

Times, alternating, (a) the full PDF export, `dxkpi.export.export(metrics, "pdf", ...)`, (b) the Word report as the
Download page and the command line make it by default (no charts: no browser), and (c) the Word report with its
charts (`--charts`, drawn by the same browser as the PDF's). Prints the median of N runs of each and the ratios.
Goal: the Word report no slower than the PDF (b/a and c/a at most 1).

    python bench/bench_docx.py [--runs 5] [--metrics metrics.yaml] [--lang vi]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dxkpi.export import export  # noqa: E402


def timed(metrics: Path, fmt: str, out: Path, lang: str, options: dict | None = None) -> float:
    start = time.perf_counter()
    export(metrics, fmt, out, lang, progress=False, options=options)
    elapsed = time.perf_counter() - start
    assert out.stat().st_size > 0
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--metrics", type=Path, default=ROOT / "metrics.yaml")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf, word, charts = Path(tmp) / "b.pdf", Path(tmp) / "b.docx", Path(tmp) / "c.docx"
        jobs = {
            "(a) PDF export": lambda: timed(args.metrics, "pdf", pdf, args.lang),
            "(b) Word report": lambda: timed(args.metrics, "docx", word, args.lang),
            "(c) Word report with charts": lambda: timed(args.metrics, "docx", charts, args.lang, {"charts": True}),
        }
        for job in jobs.values():  # warm-up: imports, fonts, the OS's file cache for the browser
            job()
        times: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(args.runs):
            for name, job in jobs.items():
                times[name].append(job())
        sizes = {name: p.stat().st_size for name, p in zip("abc", (pdf, word, charts), strict=True)}
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    for name, runs in times.items():
        print(f"{name:30} median {medians[name]:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in runs)})")
    a, b, c = medians.values()
    print(f"sizes: {', '.join(f'{k} {v / 1024:.0f} KiB' for k, v in sizes.items())}")
    print(f"ratio b/a = {b / a:.2f}x, c/a = {c / a:.2f}x (goal <= 1x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
