"""How long `validate` takes on a file as large as every province's together, as a ratio to PyYAML.

Generates a valid file (3,400 indicators, ten yearly observations each), then times, in the same run
and alternating, (a) PyYAML's C loader parsing it (`yaml.load(text, CSafeLoader)`, the baseline), the
same with Python's garbage collector paused (dxkpi pauses it while loading, so this is the like-for-like
figure) and (b) `dxkpi.reading.loader.load` reading, checking and building the model from it. Prints the best of N
for each and both ratios. Goal: at most 1.3x.

    python bench/bench_validate.py [--indicators 3400] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate_metrics import generate  # noqa: E402  (the same generator the big-file tests use)
from dxkpi.reading.loader import load


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=3400)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "metrics.yaml"
        path.write_text(generate(args.indicators), encoding="utf-8")
        result = load(path)
        assert result.ok, result.problems[:3]
        figures = sum(len(i.observations) for i in result.metrics.indicators)

        def baseline() -> None:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def baseline_no_gc() -> None:
            gc.disable()
            try:
                baseline()
            finally:
                gc.enable()

        def validate() -> None:
            load(path)

        base, base_no_gc, ours = [], [], []
        for _ in range(args.repeat):  # alternate, so drift in the machine affects all alike
            base.append(best_of(1, baseline))
            base_no_gc.append(best_of(1, baseline_no_gc))
            ours.append(best_of(1, validate))
        size = path.stat().st_size / 1e6
    b, bn, o = min(base), min(base_no_gc), min(ours)
    print(f"file: {args.indicators} indicators, {figures} figures, {size:.1f} MB")
    print(f"PyYAML CSafeLoader load:                 {b:.3f} s")
    print(f"PyYAML CSafeLoader load, GC paused too:  {bn:.3f} s")
    print(f"dxkpi validate (pauses the GC itself):   {o:.3f} s")
    print(f"ratio: {o / b:.2f}x (goal <= 1.30x); against the GC-paused load: {o / bn:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
