"""How fast the Compare page of three regions is completely drawn, in headless Chromium, against a pillar page.

Serves, the same way (bench_dashboard.py's method and its definition of "complete"), the dashboard reading a
copy of the shipped metrics.yaml and data/ (Long An, and in data/regions the former and the new Tây Ninh), and
bench/hello_app.py for information. Then measures, in one run, alternating, the median of N fresh loads of:

  - the single-region pillar page /chinh-quyen-so (the baseline): every indicator of Long An's digital
    government with its chart, every chart drawn;
  - the Compare page /so-sanh: every region's file read, the rank charts and a chart per definition of each
    indicator two regions report, every chart drawn, and the last one visible;
  - hello-world, for information.
Goal: the Compare page within 2x the pillar page.

    python bench/bench_compare.py [--runs 9]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_dashboard import PAGES, count_charts, load_once  # noqa: E402
from tests.serve import CHART, CHROMIUM_ARGS, NAV, Server, copy_metrics  # noqa: E402

GOAL_RATIO = 2.0

SPECS = {
    "pillar": {
        "app": "dashboard",
        "path": "/chinh-quyen-so",
        "counts": [["h1", 1]],
        "doc_counts": NAV,
        "texts": ["Chính quyền số", "3.031 hồ sơ", "Thứ hạng chỉ số chuyển đổi số"],
        "last": CHART,
        "charts": None,  # found in the warm-up run: every chart the page draws
    },
    "compare": {
        "app": "dashboard",
        "path": "/so-sanh",
        "counts": [["h1", 1], [".dx-cmp .dx-table", 12]],  # a table per topic: 4 ranks and 8 indicators
        "doc_counts": NAV,
        # The first rank, the last topic's second definition, and a figure of each of the three regions.
        "texts": ["So sánh các địa phương", "hạng 11/63", "hạng 2/63", "95,25%", "Phủ sóng 4G, nguồn không nói"],
        "last": CHART,
        "charts": None,
    },
    "hello": PAGES["hello"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="page loads per page (default 9)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium package is needed (apt-get install chromium)")
    specs = {name: dict(spec) for name, spec in SPECS.items()}

    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        folder = Path(tmp)
        metrics = copy_metrics(folder)
        servers: dict[str, Server] = {}
        try:
            servers["hello"] = Server("bench/hello_app.py", folder / "hello.log")
            servers["dashboard"] = Server("dashboard.py", folder / "dashboard.log", {"DXKPI_METRICS": str(metrics)})
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                url = {name: servers[spec["app"]].url + spec["path"] for name, spec in specs.items()}
                for name in ("pillar", "compare"):
                    specs[name]["charts"] = count_charts(browser, url[name])
                    assert specs[name]["charts"] >= 1, f"{name} drew no chart"
                first = {name: load_once(browser, url[name], spec) for name, spec in specs.items()}  # warm-up
                loads: dict[str, list[float]] = {name: [] for name in specs}
                names = list(specs)
                for i in range(args.runs):  # alternate the pages, rotating which goes first
                    for name in names[i % len(names) :] + names[: i % len(names)]:
                        loads[name].append(load_once(browser, url[name], specs[name]))
                browser.close()
        finally:
            for server in servers.values():
                server.stop()

    report(args.runs, specs, first, loads)
    return 0


def report(runs: int, specs: dict, first: dict[str, float], loads: dict[str, list[float]]) -> None:
    median = {name: statistics.median(times) for name, times in loads.items()}
    base = median["pillar"]
    ratio = median["compare"] / base
    labels = {
        "pillar": "pillar /chinh-quyen-so",
        "compare": "compare /so-sanh, 3 regions",
        "hello": "hello-world (st.write)",
    }
    goals = {"pillar": "baseline", "compare": f"<= {GOAL_RATIO:.1f}x", "hello": "(information)"}
    print(f"page load, navigation start -> complete (every chart drawn); median of {runs} fresh browser contexts")
    print(f"{'page':<30}{'charts':>7}{'median':>9}{'min':>9}{'max':>9}{'first':>9}{'x pillar':>10}   goal")
    for name, times in loads.items():
        verdict = f"  {'OK' if ratio <= GOAL_RATIO else 'MISSED'}" if name == "compare" else ""
        print(
            f"{labels[name]:<30}{specs[name]['charts']:>7}{median[name]:>8.3f}s{min(times):>8.3f}s{max(times):>8.3f}s"
            f"{first[name]:>8.3f}s{median[name] / base:>9.2f}x   {goals[name]}{verdict}"
        )
    print("    (first = the warm-up load right after the servers started; not in the median)")
    print(f"compare / pillar: {ratio:.2f}x; compare / hello-world: {median['compare'] / median['hello']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
