"""How fast a pillar page is completely drawn as the file grows, in headless Chromium, against hello-world.

Serves, the same way (bench_dashboard.py's method and its definition of "complete"), bench/hello_app.py
(the baseline), the dashboard reading a copy of the shipped metrics.yaml and the dashboard reading a
generated valid file of 420 indicators (bench/generate_metrics.py: 105 per pillar, ten yearly figures
each, each with a target). Then measures, in one run, alternating, the median of N fresh loads of:

  - hello-world;
  - the shipped file's pillar page /nen-tang (every indicator drawn with its chart);
  - the large file's pillar page /nen-tang: complete means its status filter, its table of every
    indicator (the pillar's last indicator in it), the page selector and the first page's blocks, each
    with its figures and its "Chart" switch, are there (charts are drawn when switched on);
  - the large file's overview, for information.

Also, for information, on the large file's pillar page, as a ratio to the median hello-world load:
  - pressing "next page" until the next page's blocks are completely drawn (median of N presses);
  - switching one indicator's chart on until it is drawn, on a freshly loaded page (so the charts' script is
    loaded too, as the first chart a reader opens; median of N).
Goal: the large file's pillar page within 3x hello-world.

    python bench/bench_pillar.py [--runs 9] [--indicators 420]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_dashboard import COMPLETE_WATCHER, PAGES, VIEWPORT, count_charts, load_once  # noqa: E402
from bench.generate_metrics import PILLARS, generate  # noqa: E402
from dxkpi.ui.pillar import PAGE_SIZE  # noqa: E402
from tests.serve import CHART, CHART_DRAWN, CHROMIUM_ARGS, NAV, SWITCHES, Server, copy_metrics  # noqa: E402

GOAL_RATIO = 3.0
PILLAR = "nen-tang"


def big_specs(indicators: int) -> dict[str, dict]:
    """What "complete" means for the large file's pages (see bench_dashboard.PAGES)."""
    ids = [i for i in range(indicators) if PILLARS[i % 4] == PILLAR]
    nav = [NAV[0], [SWITCHES, 1]]  # one file, no region switch: the language's only
    return {
        "big-pillar": {
            "app": "big",
            "path": f"/{PILLAR}",
            "counts": [
                ["h1", 1],
                ['[data-testid="stButtonGroup"]', 1],
                [".dx-index .dx-table", 1],
                ['[data-testid="stSelectbox"]', 1],
                ['[class*="st-key-dx-chart-"]', min(PAGE_SIZE, len(ids))],
            ],
            "doc_counts": nav,
            # The first page's first indicator (a block) and the pillar's last one (a line in the table).
            "texts": ["Nền tảng chung", f"Chỉ tiêu số {ids[0]}", f"Chỉ tiêu số {ids[-1]}"],
            "last": '[data-testid="stButton"]',
            "charts": 0,
        },
        "big-overview": {
            "app": "big",
            "path": "/",
            "counts": [["h1", 1], [".dx-card", 6], [".dx-table", 1]],
            "doc_counts": nav,
            "texts": ["Bảng chỉ tiêu thử tải", "Trạng thái theo trụ cột"],
            "last": ".dx-table",
            "charts": 0,
        },
    }


# Installed on an open, complete page before pressing "next page": the first moment the next page's first
# indicator is in the first block, every block's chart switch is there and Streamlit is idle again.
NEXT_WATCHER = """
([first, switches]) => {
  window.__next = undefined;
  const start = performance.now();
  const done = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) return false;
    const blocks = [...document.querySelectorAll('[class*="st-key-ind-"] .dx-name')].map(e => e.textContent);
    if (blocks[0] !== first) return false;
    return document.querySelectorAll('[class*="st-key-dx-chart-"]').length === switches;
  };
  const check = () => { if (window.__next === undefined && done()) window.__next = performance.now() - start; };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
                                                 characterData: true});
  const frame = () => { check(); if (window.__next === undefined) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}
"""


def next_page_times(browser: Browser, url: str, spec: dict, ids: list[int], presses: int) -> list[float]:
    """Seconds from pressing "next page" to the next page completely drawn, page after page."""
    context = browser.new_context(viewport=VIEWPORT)
    times = []
    try:
        context.add_init_script(COMPLETE_WATCHER % json.dumps(spec))
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__complete !== undefined", timeout=60_000)
        for p in range(1, presses + 1):
            first = ids[p * PAGE_SIZE]
            switches = len(ids[p * PAGE_SIZE : (p + 1) * PAGE_SIZE])
            page.evaluate(NEXT_WATCHER, [f"Chỉ tiêu số {first}", switches])
            page.locator(f".st-key-dx-page-{PILLAR}-next button").click()
            page.wait_for_function("() => window.__next !== undefined", timeout=60_000)
            times.append(page.evaluate("window.__next") / 1000)
    finally:
        context.close()
    return times


# Installed before switching a chart on: the first moment one chart is drawn (tests/serve.py's CHART_DRAWN), with no
# placeholder left and Streamlit idle.
CHART_WATCHER = """
() => {
  window.__chart = undefined;
  const start = performance.now();
  const done = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) return false;
    return [...document.querySelectorAll(__CHART__)].some(__DRAWN__);
  };
  const check = () => { if (window.__chart === undefined && done()) window.__chart = performance.now() - start; };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
                                                 characterData: true});
  const frame = () => { check(); if (window.__chart === undefined) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}
""".replace("__CHART__", json.dumps(CHART)).replace("__DRAWN__", CHART_DRAWN)


def chart_on_time(browser: Browser, url: str, spec: dict, first: int) -> float:
    """Seconds from switching the first block's chart on to the chart drawn, on a freshly loaded page."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(COMPLETE_WATCHER % json.dumps(spec))
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__complete !== undefined", timeout=60_000)
        page.evaluate(CHART_WATCHER)
        page.locator(f".st-key-dx-chart-chi-tieu-{first} label").click()
        page.wait_for_function("() => window.__chart !== undefined", timeout=60_000)
        return page.evaluate("window.__chart") / 1000
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="page loads per page, and page turns (default 9)")
    parser.add_argument("--indicators", type=int, default=420, help="indicators in the large file (default 420)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium package is needed (apt-get install chromium)")
    ids = [i for i in range(args.indicators) if PILLARS[i % 4] == PILLAR]
    presses = min(args.runs, (len(ids) - 1) // PAGE_SIZE)
    specs = {"hello": PAGES["hello"], "pillar": PAGES["pillar"], **big_specs(args.indicators)}

    with tempfile.TemporaryDirectory(prefix="bench-pillar-") as tmp:
        folder = Path(tmp)
        shipped = copy_metrics(folder)
        big = folder / "big" / "metrics.yaml"
        big.parent.mkdir()
        big.write_text(generate(args.indicators), encoding="utf-8")
        servers: dict[str, Server] = {}
        try:
            servers["hello"] = Server("bench/hello_app.py", folder / "hello.log")
            servers["dashboard"] = Server("dashboard.py", folder / "shipped.log", {"DXKPI_METRICS": str(shipped)})
            servers["big"] = Server("dashboard.py", folder / "big.log", {"DXKPI_METRICS": str(big)})
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                url = {name: servers[spec["app"]].url + spec["path"] for name, spec in specs.items()}
                specs["pillar"]["charts"] = count_charts(browser, url["pillar"])
                first = {name: load_once(browser, url[name], spec) for name, spec in specs.items()}  # warm-up
                loads: dict[str, list[float]] = {name: [] for name in specs}
                names = list(specs)
                for i in range(args.runs):  # alternate the pages, rotating which goes first
                    for name in names[i % len(names) :] + names[: i % len(names)]:
                        loads[name].append(load_once(browser, url[name], specs[name]))
                turns = next_page_times(browser, url["big-pillar"], specs["big-pillar"], ids, presses)
                opens = [
                    chart_on_time(browser, url["big-pillar"], specs["big-pillar"], ids[0]) for _ in range(args.runs)
                ]
                browser.close()
        finally:
            for server in servers.values():
                server.stop()

    report(args, specs, first, loads, turns, opens)
    return 0


def report(
    args, specs: dict, first: dict[str, float], loads: dict[str, list[float]], turns: list[float], opens: list[float]
) -> None:
    median = {name: statistics.median(times) for name, times in loads.items()}
    base = median["hello"]
    n = args.indicators
    labels = {
        "hello": "hello-world (st.write)",
        "pillar": f"shipped file, /{PILLAR}",
        "big-pillar": f"{n} indicators, /{PILLAR}",
        "big-overview": f"{n} indicators, overview /",
    }
    goals = {"hello": "baseline", "pillar": "(information)", "big-pillar": f"<= {GOAL_RATIO:.1f}x"}
    print(f"page load, navigation start -> complete; median of {args.runs} fresh browser contexts")
    print(f"large file: {n} indicators, {n // 4} on /{PILLAR}, {PAGE_SIZE} a page, charts drawn when switched on")
    print(f"{'page':<30}{'charts':>7}{'median':>9}{'min':>9}{'max':>9}{'first':>9}{'x hello':>9}   goal")
    for name, times in loads.items():
        ratio = median[name] / base
        verdict = f"  {'OK' if ratio <= GOAL_RATIO else 'MISSED'}" if name == "big-pillar" else ""
        print(
            f"{labels[name]:<30}{specs[name]['charts']:>7}{median[name]:>8.3f}s{min(times):>8.3f}s{max(times):>8.3f}s"
            f"{first[name]:>8.3f}s{ratio:>8.2f}x   {goals.get(name, '(information)')}{verdict}"
        )
    print("    (first = the warm-up load right after the servers started; not in the median)")
    for what, times in [
        (f"next page pressed -> next {PAGE_SIZE} indicators drawn", turns),
        ("a chart switched on -> drawn (the charts' first load)", opens),
    ]:
        if times:
            mid = statistics.median(times)
            print(
                f"{what}, median of {len(times)}: {mid:.3f}s ({min(times):.3f}-{max(times):.3f}s), "
                f"{mid / base:.2f}x a hello-world load"
            )


if __name__ == "__main__":
    sys.exit(main())
