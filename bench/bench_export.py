"""How long the PDF export takes, as a ratio to drawing its charts alone.

Times, in the same run and alternating, (a) rendering the deck's figures to PNG in one kaleido session
with the same browser and settings the export uses (the baseline: what any PDF with these charts
costs), and (b) the whole PDF export, `dxkpi.export.export(metrics, "pdf", ...)`: loading and checking
the file, building the deck, rendering the charts, writing the PDF. Prints the median of N runs of each
and the ratio. Goal: at most 1.5x.

    python bench/bench_export.py [--runs 5] [--metrics metrics.yaml] [--lang vi]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dxkpi.export import export  # noqa: E402
from dxkpi.export.common import prepare  # noqa: E402
from dxkpi.export.images import SCALE, TIMEOUT, WIDTH, find_browser  # noqa: E402


async def _render(figures, browser: str) -> list[bytes]:
    import kaleido

    async with kaleido.Kaleido(n=1, timeout=TIMEOUT, mathjax=False, path=browser) as session:
        return [await session.calc_fig(f, opts={"format": "png", "width": WIDTH, "scale": SCALE}) for f in figures]


def baseline(figures, browser: str) -> float:
    start = time.perf_counter()
    images = asyncio.run(_render(figures, browser))
    elapsed = time.perf_counter() - start
    assert len(images) == len(figures)
    return elapsed


def full_pdf(metrics: Path, out: Path, lang: str) -> float:
    start = time.perf_counter()
    export(metrics, "pdf", out, lang, progress=False)
    elapsed = time.perf_counter() - start
    assert out.stat().st_size > 0
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--metrics", type=Path, default=ROOT / "metrics.yaml")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    args = parser.parse_args()

    browser = find_browser(args.lang)
    figures = [c.figure for s in prepare(args.metrics, args.lang).deck for c in s.charts]
    print(f"browser: {browser}; {len(figures)} charts at {WIDTH}x{SCALE} = {WIDTH * SCALE} px wide; {args.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.pdf"
        baseline(figures, browser)  # warm-up: imports, font registration, the OS's file cache for the browser
        full_pdf(args.metrics, out, args.lang)
        a, b = [], []
        for _ in range(args.runs):
            a.append(baseline(figures, browser))
            b.append(full_pdf(args.metrics, out, args.lang))
        size = out.stat().st_size
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"(a) charts alone, one kaleido session: median {ma:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in a)})")
    print(f"(b) full PDF export:                   median {mb:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in b)})")
    print(f"PDF size {size / 1024:.0f} KiB; ratio b/a = {mb / ma:.2f}x (goal <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
