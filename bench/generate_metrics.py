"""A large valid metrics file, generated deterministically, for the benchmarks and the tests of big files.

`generate(n)` writes n measured indicators spread over the four pillars in turn, ten yearly figures each
(2016-2025), each citing one source. `plain` mode (what bench_validate.py times) gives every indicator the
same national 2025 target; `mixed` mode gives a third of them a provincial 2030 target instead and a third
no target, and varies the pace of their figures, so a page shows every status a measured indicator can have
(achieved, on track, at risk, off track, no target). The figures are made up: for speed and tests only.

    python bench/generate_metrics.py 420 -o big.yaml [--mixed] [--pillar nen-tang]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PILLARS = ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so", "nen-tang"]
FIRST_YEAR = 2016

HEADER = [
    "meta:",
    "  title: Bảng chỉ tiêu thử tải",
    "  region: 34 tỉnh",
    "  program: Quyết định 749/QĐ-TTg",
    "  reporting_period: 2016-2025",
    "sources:",
    "  - id: bao",
    "    title: Nguồn thử",
    "    publisher: Báo",
    "    kind: news",
    "    date: 19/10/2021",
    "targets:",
    "  - id: qd749-2025",
    "    value: 80",
    "    comparator: at_least",
    "    year: 2025",
    "    level: national",
    "    source: bao",
]

PROVINCIAL_2030 = [
    "  - id: tinh-2030",
    "    value: 90",
    "    comparator: at_least",
    "    year: 2030",
    "    level: provincial",
    "    source: bao",
]


def generate(indicators: int, years: int = 10, *, mixed: bool = False, pillars: list[str] | None = None) -> str:
    """A valid metrics file of `indicators` measured indicators with `years` yearly figures each."""
    cycle = pillars or PILLARS
    out = HEADER + (PROVINCIAL_2030 if mixed else []) + ["indicators:"]
    for i in range(indicators):
        out += [
            f"  - id: chi-tieu-{i}",
            f"    name: Chỉ tiêu số {i}",
            f"    name_en: Indicator {i}",
            f"    pillar: {cycle[i % len(cycle)]}",
            "    unit: percent",
            "    kind: measured",
            "    observations:",
        ]
        for y in range(years):
            out += [
                f"      - period: {FIRST_YEAR + y}",
                f"        value: {_value(i, y, mixed)}",
                "        qualifier: khoang",
                "        source: bao",
            ]
        target = _target(i, mixed)
        if target:
            out += ["    targets:", f"      - ref: {target}"]
    return "\n".join(out) + "\n"


def _value(i: int, y: int, mixed: bool) -> str:
    """The figure of indicator i in year FIRST_YEAR + y; in mixed mode a line rising 0-4 points a year."""
    if not mixed or i % 3 == 0:
        return f"{(i + y * 7) % 100}.5"
    return f"{min(20 + i % 30 + y * (i % 5), 89)}.5"


def _target(i: int, mixed: bool) -> str | None:
    """Which target indicator i refers to, if any."""
    if not mixed or i % 3 == 0:
        return "qd749-2025"
    return "tinh-2030" if i % 3 == 1 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("indicators", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--mixed", action="store_true", help="every status, not only achieved and off track")
    parser.add_argument("--pillar", action="append", choices=PILLARS, help="only these pillars (repeatable)")
    args = parser.parse_args()
    args.output.write_text(generate(args.indicators, args.years, mixed=args.mixed, pillars=args.pillar), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
