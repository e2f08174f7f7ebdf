"""Issue 19's speed goals in one run: every page a meeting shows, cold and in a walk, against hello-world.

Serves, as the browser tests do (tests/serve.py, cwd = the repo root, .streamlit/config.toml for every app),
dashboard.py the way README runs it (`python -m dxkpi serve`), and bench/hello_app.py twice: with plain `python -m
streamlit run` (the goals' baseline) and through the dashboard's server (`hello-served`, for the server's share of a
gain), the dashboard reading a copy of the shipped metrics.yaml and
data/ (Long An, and in data/regions the former and the new Tây Ninh). "Complete" is bench_dashboard.py's: Streamlit
idle and connected, no status widget and no skeleton left, the page's own title in its h1, its texts and counts
present, every chart the page draws (counted in a warm-up load) drawn: an ECharts chart's SVG with its shapes and
texts (a plotly chart with its traces, for --base runs of commits before issue 19's change of renderer), the last
element visible; checked on every DOM mutation and animation frame.

(a) Cold: each page in a fresh browser context (empty cache, new session), median of N loads, the pages
    alternating (the order rotates each round), from navigation start to complete. Goals, against hello-world's
    median in the same run: the overview of both regions with data (/ and /?region=tay-ninh) <= 1.3x; every pillar
    page and the Plans page (/ke-hoach) <= 2x; Compare (/so-sanh) <= 2.5x. The final account is shown for
    information.
(b) Walk: one tab, as a presenter in a meeting: the overview opened cold, then a click on the sidebar's link to
    each pillar page, /tong-ket, /ke-hoach and /so-sanh in turn; each step from the click to the next page
    complete. Each page is shown for --dwell seconds (default 3: the presenter says something about it) before
    the next click; --dwell 0 clicks the moment a page is complete. Goal: each step <= 1.5x hello-world's cold
    median. N walks, median and worst of each step.

Also reported, for where the time goes (medians over the cold loads): when the Streamlit script run finished
(the first "notRunning" after "running"), and when the charts' chunk of Streamlit's frontend (EChartsChart.*.js,
1.2 MB; PlotlyChart.*.js, 4.7 MB, before) started and ended loading.

    python bench/bench_speed.py [--runs 5] [--walks 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.serve import CHART, CHART_DRAWN, CHROMIUM_ARGS, NAV, Server, copy_metrics  # noqa: E402

VIEWPORT = {"width": 1400, "height": 900}
PLOT = CHART
DRAWN_JS = CHART_DRAWN


def _page(path: str, title: str, texts: list[str], last: str, counts: list | None = None, goal: float | None = None):
    return {
        "app": "dashboard",
        "path": path,
        "title": title,
        "counts": [["h1", 1], *(counts or [])],
        "doc_counts": NAV,
        "texts": texts,
        "last": last,
        "charts": None,  # found in the warm-up load: every chart the page draws
        "goal": goal,
    }


PAGES: dict[str, dict] = {
    "hello": {
        "app": "hello",
        "path": "/",
        "title": "",
        "counts": [['[data-testid="stMarkdown"]', 1]],
        "doc_counts": [],
        "texts": ["Hello"],
        "last": '[data-testid="stMarkdown"]',
        "charts": 0,
        "goal": None,
    },
    # hello-world through `python -m dxkpi serve`'s server (dxkpi/ui/serve.py): what Streamlit costs served that way
    "hello-served": {},
    "overview": _page(
        "/",
        "Chỉ tiêu chuyển đổi số tỉnh Long An",
        ["gần 11.500 tỷ đồng", "3.031 hồ sơ", "Trạng thái theo trụ cột"],
        ".dx-table",
        [[".dx-card", 12], [".dx-table", 1]],
        1.3,
    ),
    "overview-tn": _page(
        "/?region=tay-ninh",
        "Chỉ tiêu chuyển đổi số tỉnh Tây Ninh",
        ["Trạng thái theo trụ cột"],
        ".dx-table",
        [[".dx-card", 6], [".dx-table", 1]],
        1.3,
    ),
    "chinh-quyen-so": _page("/chinh-quyen-so", "Chính quyền số", ["3.031 hồ sơ"], PLOT, goal=2.0),
    "kinh-te-so": _page("/kinh-te-so", "Kinh tế số", [], PLOT, goal=2.0),
    "xa-hoi-so": _page("/xa-hoi-so", "Xã hội số", [], PLOT, goal=2.0),
    "nen-tang": _page("/nen-tang", "Nền tảng chung", ["88,9%"], PLOT, goal=2.0),
    "tong-ket": _page("/tong-ket", "Tổng kết", [], ".dx-table", [[".dx-table", 1]]),
    "ke-hoach": _page("/ke-hoach", "Kế hoạch", [], ".dx-table", [[".dx-table", 1]], 2.0),
    "so-sanh": _page(
        "/so-sanh", "So sánh các địa phương", ["hạng 11/63", "95,25%"], PLOT, [[".dx-cmp .dx-table", 12]], 2.5
    ),
}
PAGES["hello-served"] = {**PAGES["hello"], "app": "hello-served"}
WALK = ["overview", "chinh-quyen-so", "kinh-te-so", "xa-hoi-so", "nen-tang", "tong-ket", "ke-hoach", "so-sanh"]
WALK_GOAL = 1.5

# Installed before the page's own scripts. window.__dxWatch(spec) starts watching for `spec` complete (the page
# loaded, or the next one after a click): window.__complete is then performance.now() at its first complete moment.
WATCHER = (
    f"""
const PLOT = {json.dumps(PLOT)}, DRAWN = {DRAWN_JS};
"""
    + """
(() => {
  const visible = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  let spec = null;
  window.__states = [];
  const complete = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED')
      return false;
    if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) return false;
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return false;
    if (spec.title) {
      const h1 = main.querySelector('h1');
      if (!h1 || !h1.textContent.includes(spec.title)) return false;
    }
    for (const [sel, n] of spec.counts) if (main.querySelectorAll(sel).length < n) return false;
    for (const [sel, n] of spec.doc_counts) if (document.querySelectorAll(sel).length < n) return false;
    const charts = main.querySelectorAll(PLOT);
    if (charts.length < spec.charts) return false;
    for (const c of charts) if (!DRAWN(c)) return false;
    const text = main.textContent;
    for (const t of spec.texts) if (!text.includes(t)) return false;
    const last = main.querySelectorAll(spec.last);
    return last.length > 0 && visible(last[last.length - 1]);
  };
  const check = () => {
    if (spec && window.__complete === undefined && complete()) window.__complete = performance.now();
  };
  const frame = () => { check(); requestAnimationFrame(frame); };
  window.__dxWatch = s => { spec = s; window.__complete = undefined; window.__states = []; check(); };
  const start = () => {
    new MutationObserver(records => {
      for (const r of records)
        if (r.type === 'attributes' && r.attributeName === 'data-test-script-state')
          window.__states.push([performance.now(), r.target.dataset.testScriptState]);
      check();
    }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    requestAnimationFrame(frame);
  };
  start();
})();
"""
)

# When the script run finished and the charts' chunk loaded, in ms since navigation start.
TIMINGS = r"""() => {
  const done = window.__states.filter(([t, s]) => s === 'notRunning').map(([t]) => t);
  const chunk = performance.getEntriesByType('resource').find(e => /\/(PlotlyChart|EChartsChart)\./.test(e.name));
  return {run: done.length ? done[done.length - 1] : null,
          chunk: chunk ? [chunk.startTime, chunk.responseEnd] : null};
}"""


def spec_js(spec: dict) -> str:
    keys = ("title", "counts", "doc_counts", "texts", "last", "charts")
    return json.dumps({k: spec[k] for k in keys})


def load_once(browser: Browser, url: str, spec: dict) -> tuple[float, dict]:
    """Seconds from navigation start to complete in a fresh context, and the run's and the chunk's timings."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(WATCHER + f"\nwindow.__dxWatch({spec_js(spec)});")
        page = context.new_page()
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_function("() => window.__complete !== undefined", timeout=90_000)
        except Exception as e:
            raise RuntimeError(f"{url} was never complete by {spec_js(spec)}") from e
        return page.evaluate("window.__complete") / 1000, page.evaluate(TIMINGS)
    finally:
        context.close()


def count_charts(browser: Browser, url: str) -> int:
    """How many charts the page draws: the run finished, no skeleton left and every chart drawn."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(
            """() => {
              const app = document.querySelector('[data-testid="stApp"]');
              if (!app || app.dataset.testScriptState !== 'notRunning') return false;
              if (!document.querySelector('[data-testid="stMain"] h1')) return false;
              if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) return false;
              const charts = document.querySelectorAll(PLOT);
              return [...charts].every(DRAWN);
            }""".replace("PLOT", json.dumps(PLOT)).replace("DRAWN", DRAWN_JS),
            polling=500,
            timeout=90_000,
        )
        return page.locator(PLOT).count()
    finally:
        context.close()


def walk_once(browser: Browser, base: str, dwell: float) -> list[float]:
    """One tab: the overview cold, then a click on each next page's sidebar link; seconds from click to complete."""
    context = browser.new_context(viewport=VIEWPORT)
    steps = []
    try:
        context.add_init_script(WATCHER + f"\nwindow.__dxWatch({spec_js(PAGES[WALK[0]])});")
        page = context.new_page()
        page.goto(base + "/", wait_until="commit")
        page.wait_for_function("() => window.__complete !== undefined", timeout=90_000)
        steps.append(page.evaluate("window.__complete") / 1000)
        for name in WALK[1:]:
            time.sleep(dwell)  # the page in front of the room
            spec = PAGES[name]
            link = f'[data-testid="stSidebarNavLink"][href$="{spec["path"]}"]'
            start = page.evaluate(
                "([spec, link]) => { window.__dxWatch(spec); const t = performance.now();"
                " document.querySelector(link).click(); return t; }",
                [json.loads(spec_js(spec)), link],
            )
            page.wait_for_function("() => window.__complete !== undefined", timeout=90_000)
            steps.append((page.evaluate("window.__complete") - start) / 1000)
    finally:
        context.close()
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold loads of each page (default 5)")
    parser.add_argument("--walks", type=int, default=3, help="meeting walks (default 3)")
    parser.add_argument("--dwell", type=float, default=3.0, help="seconds each walk page is shown (default 3)")
    parser.add_argument("--only", nargs="*", help="cold-load only these pages (hello always); no walk unless named")
    parser.add_argument(
        "--base", help="also serve DIR/dashboard.py (another checkout) and cold-load its pages, as '<page>@base'"
    )
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium package is needed (apt-get install chromium)")
    first = ["hello", "hello-served"]
    names = list(PAGES) if not args.only else [*first, *[n for n in args.only if n in PAGES and n not in first]]
    walks = args.walks if not args.only or "walk" in args.only else 0
    if args.base:
        for name in names[2:]:
            PAGES[name + "@base"] = {**PAGES[name], "app": "base"}
        names += [name + "@base" for name in names[2:]]

    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        folder = Path(tmp)
        metrics = copy_metrics(folder)
        servers: dict[str, Server] = {}
        try:
            servers["hello"] = Server("bench/hello_app.py", folder / "hello.log")
            servers["hello-served"] = Server("bench/hello_app.py", folder / "hello-served.log", served=True)
            servers["dashboard"] = Server("dashboard.py", folder / "dashboard.log", {"DXKPI_METRICS": str(metrics)})
            if args.base:
                script = str(Path(args.base).resolve() / "dashboard.py")
                servers["base"] = Server(script, folder / "base.log", {"DXKPI_METRICS": str(metrics)})
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                url = {
                    name: servers[spec["app"]].url + spec["path"]
                    for name, spec in PAGES.items()
                    if spec["app"] in servers
                }
                for name, spec in PAGES.items():
                    if name not in url:
                        continue
                    if spec["charts"] is None:
                        spec["charts"] = count_charts(browser, url[name])
                for name in names:  # warm-up: the server's first run of each page, not counted
                    load_once(browser, url[name], PAGES[name])
                loads: dict[str, list[float]] = {name: [] for name in names}
                timings: dict[str, list[dict]] = {name: [] for name in names}
                for i in range(args.runs):
                    k = i % len(names)
                    for name in names[k:] + names[:k]:
                        seconds, timing = load_once(browser, url[name], PAGES[name])
                        loads[name].append(seconds)
                        timings[name].append(timing)
                walked, walked_base = [], []
                for _ in range(walks):  # with --base, its walks alternate with this checkout's
                    walked.append(walk_once(browser, servers["dashboard"].url, args.dwell))
                    if args.base:
                        walked_base.append(walk_once(browser, servers["base"].url, args.dwell))
                browser.close()
        finally:
            for server in servers.values():
                server.stop()
    base = statistics.median(loads["hello"])
    report(args.runs, loads, timings)
    if walked:
        report_walk(walked, base, f", {args.dwell:g} s on each page,")
    if walked_base:
        report_walk(walked_base, base, f" of --base, {args.dwell:g} s on each page,")
    return 0


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(runs: int, loads: dict[str, list[float]], timings: dict[str, list[dict]]) -> None:
    base = statistics.median(loads["hello"])
    served = statistics.median(loads["hello-served"]) if loads.get("hello-served") else float("nan")
    print(f"(a) cold: navigation start -> complete, fresh context each load; median of {runs}")
    print(
        f"{'page':<22}{'charts':>7}{'median':>9}{'min':>8}{'max':>8}{'x hello':>9}{'range':>13}   goal"
        f"{'run':>12}{'chunk':>16}{'x served':>10}"
    )
    for name, times in loads.items():
        spec = PAGES[name]
        ratio = statistics.median(times) / base
        goal = spec["goal"]
        verdict = "" if goal is None else f"<= {goal:.1f}x {'OK' if ratio <= goal else 'MISSED'}"
        run = _med([t["run"] / 1000 for t in timings[name] if t["run"] is not None])
        chunks = [t["chunk"] for t in timings[name] if t["chunk"]]
        chunk = (
            f"{_med([c[0] / 1000 for c in chunks]):.2f}-{_med([c[1] / 1000 for c in chunks]):.2f}s" if chunks else "-"
        )
        print(
            f"{name:<22}{spec['charts']:>7}{statistics.median(times):>8.2f}s{min(times):>7.2f}s{max(times):>7.2f}s"
            f"{ratio:>8.2f}x{min(times) / base:>6.2f}-{max(times) / base:.2f}x   {verdict:<14}"
            f"{run:>8.2f}s{chunk:>16}{statistics.median(times) / served:>9.2f}x"
        )
    print("    (x hello: median / hello's median; range: each load / hello's median; run: the script run finished;")
    print("     chunk: the charts' frontend chunk requested - received, since navigation start; x served: median /")
    print("     the median of hello-served, hello-world through python -m dxkpi serve's server like the dashboard)")


def report_walk(walked: list[list[float]], base: float, which: str) -> None:
    print(
        f"(b) walk{which} in one tab: click -> next page complete; {len(walked)} walks; goal each step <= {WALK_GOAL}x "
        f"hello ({WALK_GOAL * base:.2f} s)"
    )
    print(f"{'step':<18}{'median':>9}{'max':>8}{'x hello':>9}{'worst':>8}   goal")
    for k, name in enumerate(WALK):
        times = [w[k] for w in walked]
        ratio = statistics.median(times) / base
        verdict = "(cold load)" if k == 0 else f"{'OK' if max(times) / base <= WALK_GOAL else 'MISSED'}"
        print(
            f"{'-> ' + name:<18}{statistics.median(times):>8.2f}s{max(times):>7.2f}s{ratio:>8.2f}x"
            f"{max(times) / base:>7.2f}x   {verdict}"
        )
    print("    all walks (s): " + " | ".join(" ".join(f"{s:.2f}" for s in w) for w in walked))


if __name__ == "__main__":
    sys.exit(main())
