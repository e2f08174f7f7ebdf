"""A meeting room of viewers on one server: 50 pages open at once, one save, and the server's idle CPU.

Serves dashboard.py (reading a copy of metrics.yaml in a temporary folder, through DXKPI_METRICS, so the
repository's file is never touched) and, as the baseline, bench/hello_app.py (`st.write("Hello")`), both
the way the browser tests do (tests/serve.py: the dashboard by `python -m dxkpi serve`, hello-world by `python -m
streamlit run`, `--server.headless true`, cwd = repo root, so the same .streamlit/config.toml, on localhost).
Then, in one run:

(a) Load: N viewers open the overview at once, each in its own headless Chromium context (its own
    Streamlit session, as on N laptops); each must show the key figures ("gần 11.500 tỷ đồng") with the
    app idle. Reports how many did, and when the last one did. Goal: all N.
(b) Idle: with the N pages open and idle, the server process's CPU time (user + system, all threads, from
    /proc/<pid>/stat) over a window, as % of one core; the baseline is hello-world with N idle pages over
    the same window. Goal: under 5 % of one core.
(c) Edit: N viewers, and one save of the copy of metrics.yaml with a new figure (11500 <-> 12500,
    alternating); the time from the write returning to the new figure reaching each viewer. In a meeting
    every viewer's browser draws the page on its own laptop; the server's part is to rerun each session
    and send it the page. So here the N viewers are N sessions of Streamlit's own websocket protocol (the
    messages a browser sends and receives, /_stcore/stream), which cost this machine nothing to draw, plus
    one real Chromium page among them, timed until it has drawn the new figure (a MutationObserver in the
    page). Reports max and median over the N + 1 viewers for each of --edits saves; the baseline is the
    same save with one Chromium viewer alone, measured first. Goals: every viewer within 2 s, median
    within 1 s.
(d) For the record, the saves of (c) with the N Chromium pages of (a) instead: then this machine's cores
    also draw all N pages (each 100-250 ms of Chromium CPU), which no server can make up for.

    python bench/bench_viewers.py [--viewers 50] [--edits 3] [--window 20]

Linux only (/proc). Uses Debian's chromium (/usr/bin/chromium) through Playwright; never `playwright install`.
Every wait is bounded; the servers and the browser are stopped at the end, also on failure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.serve import CHROMIUM_ARGS, Server, copy_metrics  # noqa: E402  (the same server the browser tests use)

VIEWPORT = {"width": 1280, "height": 800}
REVENUE = "        value: {}\n"  # the line of the revenue figure in metrics.yaml (gần 11.500 tỷ đồng)
GOAL_IDLE_PERCENT = 5.0
GOAL_EDIT_MAX_S = 2.0
GOAL_EDIT_MEDIAN_S = 1.0
LOAD_DEADLINE_S = 300  # for all N viewers to show the figures
EDIT_DEADLINE_S = 60  # for one save to reach every viewer

# The page is idle and shows `text` among the figure cards.
SHOWS = """text => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
    && [...document.querySelectorAll('.dx-value')].some(el => el.textContent.includes(text));
}"""
HELLO_SHOWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
    && document.querySelector('[data-testid="stMarkdown"]')?.textContent.includes('Hello');
}"""

# Installed in an open page before a save: window.__seen, a promise of the wall-clock time (ms) at which `text`
# is first in a figure card (null if not within the deadline). The bench awaits it: no polling from outside.
EDIT_WATCHER = """([text, deadlineMs]) => {
  window.__seen = new Promise(resolve => {
    const shows = () => [...document.querySelectorAll('.dx-value')].some(el => el.textContent.includes(text));
    const observer = new MutationObserver(() => {
      if (shows()) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); }
    });
    observer.observe(document, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(null); }, deadlineMs);
  });
}"""


def figure(value: int) -> str:
    return f"gần {value // 1000}.{value % 1000:03d} tỷ đồng"


# --- the server's CPU ---------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process (all its threads) so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5), counted from after ")"
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def browser_cpu_seconds(servers: list[Server]) -> float:
    """CPU time so far of this bench's own child processes other than the servers: Chromium and Playwright."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):  # gone meanwhile
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    skip = {server.proc.pid for server in servers}
    total, stack = 0.0, [pid for pid in children.get(os.getpid(), []) if pid not in skip]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        with contextlib.suppress(OSError):  # gone meanwhile
            total += cpu_seconds(pid)
    return total


def idle_percent(server: Server, window: float) -> float:
    """The server's CPU over `window` seconds, as % of one core."""
    start_cpu, start = cpu_seconds(server.proc.pid), time.monotonic()
    time.sleep(window)  # the measurement window itself
    return 100 * (cpu_seconds(server.proc.pid) - start_cpu) / (time.monotonic() - start)


# --- viewers ------------------------------------------------------------------------------------------


def open_viewers(browser: Browser, url: str, n: int) -> tuple[list[BrowserContext], list[Page]]:
    """N viewers, each in its own browser context, all navigating at once (not waiting for each other)."""
    contexts = [browser.new_context(viewport=VIEWPORT) for _ in range(n)]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.goto(url, wait_until="commit")
    return contexts, pages


def wait_all(pages: list[Page], condition: str, arg: object, deadline_s: float) -> list[float | None]:
    """For each page, the seconds from now until `condition(arg)` held; None for a page where it never did."""
    start = time.monotonic()
    shown: list[float | None] = []
    for page in pages:
        left_ms = max(1.0, (start + deadline_s - time.monotonic()) * 1000)
        try:
            page.wait_for_function(condition, arg=arg, timeout=left_ms)
            shown.append(time.monotonic() - start)
        except Exception:  # a timeout or a crashed page: counted as not shown
            shown.append(None)
    return shown


def save(metrics: Path, original: str, value: int) -> float:
    """Write the figure into the copy of metrics.yaml; the wall-clock time (ms) the write returned."""
    metrics.write_text(original.replace(REVENUE.format(11500), REVENUE.format(value)), encoding="utf-8")
    return time.time() * 1000


def edit(pages: list[Page], metrics: Path, original: str, value: int) -> list[float | None]:
    """Save `value` and return, per page, the seconds until it showed (None: not within the deadline)."""
    for page in pages:
        page.evaluate(EDIT_WATCHER, [figure(value), EDIT_DEADLINE_S * 1000])
    saved = save(metrics, original, value)
    seen_at = [page.evaluate("window.__seen") for page in pages]  # each resolves by itself, at most the deadline
    return [None if at is None else (at - saved) / 1000 for at in seen_at]


class Sessions:
    """N Streamlit sessions over the websocket a browser uses, on an event loop of their own thread.

    Each connects to /_stcore/stream, asks for the default page (the BackMsg a browser sends when it opens
    the address) and from then on reads every message the server sends it; `text` is "reached" when a
    message holding it arrives. Nothing is drawn: this is the server's part of a viewer, and all of it.
    """

    def __init__(self, url: str, n: int) -> None:
        self.url = url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.n = n
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.wanted: bytes = b""
        self.reached: list[float | None] = [None] * n  # wall-clock time (ms) each session got `wanted`
        self.tasks: list[asyncio.Task] = []

    def open(self, text: str) -> None:
        """Connect all N at once; they then wait for `text` (see reached)."""
        self.expect(text)
        self.thread.start()

        async def start() -> None:
            self.tasks = [asyncio.create_task(self._session(i)) for i in range(self.n)]

        asyncio.run_coroutine_threadsafe(start(), self.loop).result(timeout=30)

    def expect(self, text: str) -> None:
        """From now on, record when each session receives `text`."""
        self.reached = [None] * self.n
        self.wanted = text.encode()

    def wait(self, deadline_s: float) -> list[float | None]:
        """The wall-clock times (ms) recorded since expect(), once all N have one or at the deadline."""
        end = time.monotonic() + deadline_s
        while None in self.reached and time.monotonic() < end:
            time.sleep(0.05)  # polling a list this process fills; the times are stamped as messages arrive
        return list(self.reached)

    async def _session(self, i: int) -> None:
        async with connect(self.url, subprotocols=["streamlit"], max_size=None) as ws:
            hello = BackMsg()
            hello.rerun_script.query_string = ""
            hello.rerun_script.page_script_hash = ""
            await ws.send(hello.SerializeToString())
            async for message in ws:
                if self.reached[i] is None and self.wanted and self.wanted in message:
                    self.reached[i] = time.time() * 1000

    def close(self) -> None:
        async def stop() -> None:
            for task in self.tasks:
                task.cancel()
            await asyncio.gather(*self.tasks, return_exceptions=True)

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)


def edit_sessions(sessions: Sessions, page: Page, metrics: Path, original: str, value: int) -> list[float | None]:
    """Save `value`; per viewer (the N sessions, then the Chromium page) the seconds until it reached it."""
    page.evaluate(EDIT_WATCHER, [figure(value), EDIT_DEADLINE_S * 1000])
    sessions.expect(figure(value))
    saved = save(metrics, original, value)
    reached = sessions.wait(EDIT_DEADLINE_S)
    drawn = page.evaluate("window.__seen")
    return [None if at is None else (at - saved) / 1000 for at in [*reached, drawn]]


def close(contexts: list[BrowserContext]) -> None:
    for context in contexts:
        context.close()


# --- the run ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=50, help="pages open at once (default 50)")
    parser.add_argument("--edits", type=int, default=3, help="saves with every viewer open (default 3)")
    parser.add_argument("--window", type=float, default=20.0, help="idle CPU window in seconds (default 20)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium package is needed (apt-get install chromium)")
    if not Path("/proc/self/stat").exists():
        sys.exit("this benchmark reads the server's CPU time from /proc (Linux)")

    with tempfile.TemporaryDirectory(prefix="bench-viewers-") as tmp:
        folder = Path(tmp)
        metrics = copy_metrics(folder)
        original = metrics.read_text(encoding="utf-8")
        assert original.count(REVENUE.format(11500)) == 1, "the revenue line of metrics.yaml has changed"
        servers: list[Server] = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                try:
                    results = run(browser, servers, folder, metrics, original, args)
                finally:
                    browser.close()
        finally:
            for server in servers:
                server.stop()
    report(args, **results)
    return 0 if results["ok"] else 1


def run(browser: Browser, servers: list[Server], folder: Path, metrics: Path, original: str, args) -> dict:
    n = args.viewers
    # Baseline for (b): hello-world with N idle pages.
    hello = Server("bench/hello_app.py", folder / "hello.log")
    servers.append(hello)
    contexts, pages = open_viewers(browser, hello.url + "/", n)
    hello_loaded = wait_all(pages, HELLO_SHOWN, None, LOAD_DEADLINE_S)
    hello_idle = idle_percent(hello, args.window)
    close(contexts)
    hello.stop()

    dashboard = Server("dashboard.py", folder / "dashboard.log", {"DXKPI_METRICS": str(metrics)})
    servers.append(dashboard)
    url = dashboard.url + "/"
    # Baseline for (c): the same save with one viewer.
    contexts, pages = open_viewers(browser, url, 1)
    wait_all(pages, SHOWS, figure(11500), LOAD_DEADLINE_S)
    one = [edit(pages, metrics, original, value)[0] for value in (12500, 11500)]
    close(contexts)

    # (a) N viewers at once.
    contexts, pages = open_viewers(browser, url, n)
    loaded = wait_all(pages, SHOWS, figure(11500), LOAD_DEADLINE_S)
    # (b) idle, once every viewer that loaded is idle (SHOWS checks that).
    idle = idle_percent(dashboard, args.window)
    # (d) the saves with the N Chromium pages on this machine, for the record.
    drawn, cpu = [], []
    value = 11500
    for _ in range(args.edits):
        value = 12500 if value == 11500 else 11500
        server_before, browser_before = cpu_seconds(dashboard.proc.pid), browser_cpu_seconds(servers)
        drawn.append(edit(pages, metrics, original, value))
        cpu.append((cpu_seconds(dashboard.proc.pid) - server_before, browser_cpu_seconds(servers) - browser_before))
    close(contexts)
    metrics.write_text(original, encoding="utf-8")

    # (c) N viewers as sessions of Streamlit's protocol, and one Chromium page among them.
    sessions = Sessions(url, n)
    try:
        sessions.open(figure(11500))
        opened = sessions.wait(LOAD_DEADLINE_S)
        contexts, pages = open_viewers(browser, url, 1)
        wait_all(pages, SHOWS, figure(11500), LOAD_DEADLINE_S)
        edits, server = [], []
        value = 11500
        for _ in range(args.edits):
            value = 12500 if value == 11500 else 11500
            before = cpu_seconds(dashboard.proc.pid)
            edits.append(edit_sessions(sessions, pages[0], metrics, original, value))
            server.append(cpu_seconds(dashboard.proc.pid) - before)
        close(contexts)
    finally:
        sessions.close()
    metrics.write_text(original, encoding="utf-8")

    ok = None not in loaded and idle < GOAL_IDLE_PERCENT and None not in opened and all(edit_ok(e) for e in edits)
    return {
        "hello_loaded": hello_loaded,
        "hello_idle": hello_idle,
        "one": one,
        "loaded": loaded,
        "idle": idle,
        "edits": edits,
        "server": server,
        "drawn": drawn,
        "cpu": cpu,
        "ok": ok,
    }


def edit_ok(seen: list[float | None]) -> bool:
    """Every viewer reached, within the goals."""
    return (
        None not in seen
        and max(s for s in seen if s is not None) <= GOAL_EDIT_MAX_S
        and statistics.median(s for s in seen if s is not None) <= GOAL_EDIT_MEDIAN_S
    )


# --- report -------------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def report(args, hello_loaded, hello_idle, one, loaded, idle, edits, server, drawn, cpu, ok) -> None:
    n = args.viewers
    done = [s for s in loaded if s is not None]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{n} viewers on one server, {os.cpu_count()} cores; load average at the end (1/5/15 min) {load}")
    last = f"{max(done):.1f} s" if done else "-"
    print(f"(a) load: {len(done)}/{n} show the figures (the last after {last})   goal: all  {verdict(len(done) == n)}")
    hello_done = sum(s is not None for s in hello_loaded)
    print(
        f"(b) idle server CPU over {args.window:.0f} s with {n} open pages: {idle:.2f} % of one core"
        f"   goal: < {GOAL_IDLE_PERCENT:.0f} %  {verdict(idle < GOAL_IDLE_PERCENT)}"
    )
    ratio = f"{idle / hello_idle:.2f}x" if hello_idle > 0 else "-"
    print(f"    baseline hello-world with {hello_done}/{n} open pages: {hello_idle:.2f} % ({ratio})")
    base = [s for s in one if s is not None]
    base_median = statistics.median(base) if base else float("nan")
    print(f"(c) save -> new figure reaching {n} sessions + 1 Chromium page; {len(edits)} saves")
    for i, (seen, server_cpu) in enumerate(zip(edits, server, strict=True), 1):
        got = [s for s in seen if s is not None]
        page = seen[-1]
        if not got:
            print(f"    save {i}: reached 0/{n + 1}  MISSED")
            continue
        high, mid = max(got), statistics.median(got)
        drawn_at = f"{page:.2f} s" if page is not None else "never"
        print(
            f"    save {i}: reached {len(got)}/{n + 1}; max {high:.2f} s, median {mid:.2f} s"
            f" ({mid / base_median:.1f}x one viewer); the Chromium page drew it at {drawn_at}"
            f"   goal: max <= {GOAL_EDIT_MAX_S:.0f} s, median <= {GOAL_EDIT_MEDIAN_S:.0f} s  {verdict(edit_ok(seen))}"
        )
        print(
            f"        server CPU until the last viewer had it: {server_cpu:.2f} s"
            f" ({1000 * server_cpu / n:.0f} ms a viewer)"
        )
    print(f"    baseline, one Chromium viewer alone: {' '.join(f'{s:.2f} s' for s in base)}")
    print(f"(d) for the record: the same saves with the {n} Chromium pages of (a), all drawn on this machine")
    for i, (seen, (server_cpu, browser_cpu)) in enumerate(zip(drawn, cpu, strict=True), 1):
        got = [s for s in seen if s is not None]
        if not got:
            print(f"    save {i}: drawn in 0/{n}")
            continue
        print(
            f"    save {i}: drawn in {len(got)}/{n}; max {max(got):.2f} s, median {statistics.median(got):.2f} s;"
            f" CPU server {server_cpu:.2f} s, Chromium {browser_cpu:.2f} s"
            f" ({1000 * server_cpu / n:.0f} + {1000 * browser_cpu / n:.0f} ms a viewer)"
        )
    print("ALL GOALS MET" if ok else "SOME GOAL MISSED")


if __name__ == "__main__":
    sys.exit(main())
