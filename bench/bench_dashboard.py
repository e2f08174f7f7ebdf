"""How fast the dashboard opens and how fast a saved edit shows, in headless Chromium, against hello-world.

Serves, as the browser tests do (tests/serve.py, `--server.headless true`, cwd = repo root, so the same
.streamlit/config.toml), bench/hello_app.py (`st.write("Hello")`, the baseline) with `python -m streamlit run` and
dashboard.py, reading a copy of metrics.yaml in a temporary folder, the way README runs it (`python -m dxkpi serve`).
Then measures, in one run:

(a) Page load: from navigation start (performance.timeOrigin) to the page being *complete*, in a fresh
    browser context (cold cache, new session) each run. Complete, for every page alike, is the first moment
    at which all of these hold at once:
      - Streamlit is idle: stApp's data-test-script-state is "notRunning", its connection state is
        "CONNECTED", no stStatusWidget is shown and no stSkeleton placeholder is left (Streamlit shows one
        where a chart goes while its part of the frontend is still loading, after the run has finished);
      - every expected element of the page is in the document (the counts and texts listed in PAGES below,
        and for a page with charts every chart drawn, tests/serve.py's CHART_DRAWN);
      - the page's last expected element is visible (a non-empty box, not visibility:hidden).
    Checked on every DOM mutation and every animation frame. Median of N runs, alternating the pages.
    Goal: overview <= 1.3x hello-world. A pillar page with charts (/nen-tang) is measured for information.
(b) Edit: with the overview open and complete, metrics.yaml is rewritten (the revenue figure alternates
    11500 <-> 12500) at a random moment; the time from the write returning to the new figure being in the
    page (same checks: DOM mutation or frame). Median of N edits. Goal: <= 1 s.

    python bench/bench_dashboard.py [--runs 9]

Uses Debian's chromium (/usr/bin/chromium) through Playwright; never `playwright install`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.serve import CHART, CHART_DRAWN, CHROMIUM_ARGS, NAV, Server, copy_metrics  # noqa: E402  (the same server the browser tests use)

VIEWPORT = {"width": 1400, "height": 900}
GOAL_LOAD_RATIO = 1.3
GOAL_EDIT_S = 1.0
REVENUE = "        value: {}\n"  # the line of the revenue figure in metrics.yaml (gần 11.500 tỷ đồng)

# What "complete" means for each page: elements that must be present (selector, at least n, in stMain or,
# for doc_counts, anywhere), texts stMain must contain, and the last element, which must be visible.
PAGES = {
    "hello": {
        "app": "hello",
        "path": "/",
        "counts": [['[data-testid="stMarkdown"]', 1]],
        "doc_counts": [],
        "texts": ["Hello"],
        "last": '[data-testid="stMarkdown"]',
        "charts": 0,
    },
    "overview": {
        "app": "dashboard",
        "path": "/",
        "counts": [["h1", 1], [".dx-card", 12], [".dx-table", 1]],
        "doc_counts": NAV,
        "texts": [
            "Chỉ tiêu chuyển đổi số tỉnh Long An",
            ">193 tỷ đồng",
            "~220 doanh nghiệp",
            "gần 11.500 tỷ đồng",
            "ước gần 200 tỷ đồng",
            "3.031 hồ sơ",
            "795 hồ sơ",
            "Trạng thái theo trụ cột",
        ],
        "last": ".dx-table",
        "charts": 0,
    },
    "pillar": {
        "app": "dashboard",
        "path": "/nen-tang",
        "counts": [["h1", 1]],
        "doc_counts": NAV,
        "texts": ["Nền tảng chung", "88,9%"],
        "last": CHART,
        "charts": None,  # found in the warm-up run: every chart the page draws
    },
}

# Installed before the page's own scripts: records performance.now() when the page first is complete.
COMPLETE_WATCHER = """
(spec => {
  const visible = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const complete = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED')
      return false;
    if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) return false;
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return false;
    for (const [sel, n] of spec.counts) if (main.querySelectorAll(sel).length < n) return false;
    for (const [sel, n] of spec.doc_counts) if (document.querySelectorAll(sel).length < n) return false;
    const charts = main.querySelectorAll(__CHART__);
    if (charts.length < spec.charts) return false;
    for (const c of charts) if (!(__DRAWN__)(c)) return false;
    const text = main.textContent;
    for (const t of spec.texts) if (!text.includes(t)) return false;
    const last = main.querySelectorAll(spec.last);
    return last.length > 0 && visible(last[last.length - 1]);
  };
  const check = () => {
    if (window.__complete === undefined && complete()) window.__complete = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
                                                 characterData: true});
  const frame = () => { check(); if (window.__complete === undefined) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})(%s);
""".replace("__CHART__", json.dumps(CHART)).replace("__DRAWN__", CHART_DRAWN)

# Installed on the open overview before an edit: the wall-clock time the new figure is first in the page,
# and the script-state changes (to split the time into "until the rerun starts" and "rerun and render").
EDIT_WATCHER = """
text => {
  window.__seen = undefined;
  window.__states = [];
  const app = document.querySelector('[data-testid="stApp"]');
  const now = () => performance.timeOrigin + performance.now();
  const check = () => {
    if (window.__seen !== undefined) return;
    const main = document.querySelector('[data-testid="stMain"]');
    if (main && main.textContent.includes(text)) { window.__seen = now(); }
  };
  if (window.__observer) window.__observer.disconnect();
  window.__observer = new MutationObserver(records => {
    for (const r of records)
      if (r.type === 'attributes' && r.attributeName === 'data-test-script-state')
        window.__states.push([now(), app.dataset.testScriptState]);
    check();
  });
  window.__observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const frame = () => { check(); if (window.__seen === undefined) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}
"""

APP_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED';
}"""


# --- servers ------------------------------------------------------------------------------------------


# --- measurements -------------------------------------------------------------------------------------


def load_once(browser: Browser, url: str, spec: dict) -> float:
    """Seconds from navigation start to complete, in a fresh context."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(COMPLETE_WATCHER % json.dumps(spec))
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__complete !== undefined", timeout=60_000)
        return page.evaluate("window.__complete") / 1000
    finally:
        context.close()


def count_charts(browser: Browser, url: str) -> int:
    """How many charts the page shows once everything has settled (the warm-up)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(APP_IDLE, timeout=60_000)
        page.wait_for_function(f"() => [...document.querySelectorAll({json.dumps(CHART)})].some({CHART_DRAWN})")
        page.wait_for_timeout(1500)
        return page.locator(CHART).count()
    finally:
        context.close()


def edit_latencies(browser: Browser, url: str, metrics: Path, runs: int) -> list[tuple[float, float]]:
    """(save -> new figure visible, save -> the rerun that shows it starts) for each of `runs` edits."""
    original = metrics.read_text(encoding="utf-8")
    assert original.count(REVENUE.format(11500)) == 1, "the revenue line of metrics.yaml has changed"
    rng = random.Random(749)
    context = browser.new_context(viewport=VIEWPORT)
    results = []
    try:
        context.add_init_script(COMPLETE_WATCHER % json.dumps(PAGES["overview"]))
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__complete !== undefined", timeout=60_000)
        value = 11500
        for _ in range(runs):
            value = 12500 if value == 11500 else 11500
            shown = f"gần {value // 1000}.{value % 1000:03d} tỷ đồng"
            wait_idle(page)
            time.sleep(rng.uniform(0.1, 0.9))  # a random phase, so no save lines up with periodic work
            page.evaluate(EDIT_WATCHER, shown)
            metrics.write_text(original.replace(REVENUE.format(11500), REVENUE.format(value)), encoding="utf-8")
            saved = time.time() * 1000
            page.wait_for_function("() => window.__seen !== undefined", timeout=30_000)
            seen, states = page.evaluate("[window.__seen, window.__states]")
            starts = [t for t, s in states if s == "running" and saved <= t <= seen]
            rerun = (starts[-1] - saved) / 1000 if starts else float("nan")
            results.append(((seen - saved) / 1000, rerun))
    finally:
        context.close()
        metrics.write_text(original, encoding="utf-8")
    return results


def wait_idle(page: Page) -> None:
    page.wait_for_function(APP_IDLE, polling="raf", timeout=30_000)


# --- report -------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="page loads per page, and edits (default 9)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium package is needed (apt-get install chromium)")

    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        folder = Path(tmp)
        metrics = copy_metrics(folder)
        servers = {
            "hello": Server("bench/hello_app.py", folder / "hello.log"),
            "dashboard": Server("dashboard.py", folder / "dashboard.log", {"DXKPI_METRICS": str(metrics)}),
        }
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                url = {name: servers[spec["app"]].url + spec["path"] for name, spec in PAGES.items()}
                PAGES["pillar"]["charts"] = count_charts(browser, url["pillar"])
                assert PAGES["pillar"]["charts"] >= 1, "the pillar page drew no chart"
                first = {name: load_once(browser, url[name], spec) for name, spec in PAGES.items()}  # warm-up
                loads: dict[str, list[float]] = {name: [] for name in PAGES}
                names = list(PAGES)
                for i in range(args.runs):  # alternate the pages, rotating which goes first
                    for name in names[i % 3 :] + names[: i % 3]:
                        loads[name].append(load_once(browser, url[name], PAGES[name]))
                edits = edit_latencies(browser, url["overview"], metrics, args.runs)
                browser.close()
        finally:
            for server in servers.values():
                server.stop()

    report(args.runs, first, loads, edits)
    return 0


def report(runs: int, first: dict[str, float], loads: dict[str, list[float]], edits: list[tuple[float, float]]) -> None:
    median = {name: statistics.median(times) for name, times in loads.items()}
    base = median["hello"]
    ratio = median["overview"] / base
    print(f"(a) page load, navigation start -> complete; median of {runs} fresh browser contexts")
    print(f"{'page':<28}{'median':>9}{'min':>9}{'max':>9}{'first':>9}{'x hello':>9}   goal")
    labels = {"hello": "hello-world (st.write)", "overview": "overview /", "pillar": "pillar /nen-tang (charts)"}
    goals = {"hello": "baseline", "overview": f"<= {GOAL_LOAD_RATIO:.1f}x", "pillar": "(information)"}
    for name, times in loads.items():
        print(
            f"{labels[name]:<28}{median[name]:>8.3f}s{min(times):>8.3f}s{max(times):>8.3f}s{first[name]:>8.3f}s"
            f"{median[name] / base:>8.2f}x   {goals[name]}"
            + (f"  {'OK' if ratio <= GOAL_LOAD_RATIO else 'MISSED'}" if name == "overview" else "")
        )
    print("    (first = the warm-up load right after the server started; not in the median)")
    seen = [s for s, _ in edits]
    rerun = [r for _, r in edits if r == r]
    edit_median = statistics.median(seen)
    print(f"(b) edit: metrics.yaml saved -> new figure in the open overview; {len(seen)} edits")
    print(f"{'':<28}{'median':>9}{'min':>9}{'max':>9}   goal")
    print(
        f"{'save -> visible':<28}{edit_median:>8.3f}s{min(seen):>8.3f}s{max(seen):>8.3f}s   <= {GOAL_EDIT_S:.1f} s"
        f"  {'OK' if edit_median <= GOAL_EDIT_S else 'MISSED'}"
        f"  ({sum(s <= GOAL_EDIT_S for s in seen)}/{len(seen)} edits within)"
    )
    if rerun:
        low, high = min(rerun), max(rerun)
        print(f"{'  of which until last run':<28}{statistics.median(rerun):>8.3f}s{low:>8.3f}s{high:>8.3f}s")
    print(f"    all edits (s): {' '.join(f'{s:.2f}' for s in seen)}")


if __name__ == "__main__":
    sys.exit(main())
