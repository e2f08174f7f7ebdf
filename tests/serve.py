"""A Streamlit app served for a real browser, and what a test or a bench does on its page; shared by the browser
tests and the benches in bench/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
# Debian's chromium, as root, on a machine with no outside network: these flags keep it from trying.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_SECONDS = 60

# The sidebar's language and region switches, whichever widget draws them (pills and a segmented control; a radio
# and a drop-down before issue 19's last change, for --base runs of older commits).
SWITCHES = (
    '[data-testid="stSidebar"] :is([data-testid="stButtonGroup"], [data-testid="stRadio"], [data-testid="stSelectbox"])'
)
# A page's sidebar complete: at least seven links of the navigation, and both switches.
NAV = [['[data-testid="stSidebarNavLink"]', 7], [SWITCHES, 2]]

# A chart on a page, and a JavaScript test of one being drawn: an ECharts chart (the pages, since issue 19) has drawn
# its SVG with its shapes and texts; a plotly chart (a bench's --base run of an older commit) its traces.
CHART = '[data-testid="stEChartsChart"], [data-testid="stPlotlyChart"]'
CHART_DRAWN = (
    "c => c.dataset.testid === 'stPlotlyChart' ? !!c.querySelector('.js-plotly-plot .main-svg g.trace')"
    " : !!(c.querySelector('svg path') && c.querySelector('svg text'))"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def copy_metrics(folder: Path) -> Path:
    """metrics.yaml and the data/ folder it includes, copied into `folder`; returns the copy's path."""
    shutil.copy2(ROOT / "metrics.yaml", folder / "metrics.yaml")
    shutil.copytree(ROOT / "data", folder / "data")
    return folder / "metrics.yaml"


class Server:
    """The app served from the repo root on a free port, ready when it answers /health: "dashboard.py" the way
    README runs it (`python -m dxkpi serve`), any other script (hello-world, another checkout's dashboard.py)
    with `python -m streamlit run <script>`, or, `served`, through the same server as the dashboard."""

    def __init__(self, script: str, log: Path, env: dict[str, str] | None = None, served: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.log = log
        if script == "dashboard.py":
            app = ["dxkpi", "serve"]
        elif served:  # another app through python -m dxkpi serve's server
            app = ["dxkpi.ui.serve", script]
        else:
            app = ["streamlit", "run", script]
        cmd = [sys.executable, "-m", *app, "--server.port", str(self.port)]
        cmd += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
            )
        try:
            self._wait_healthy(script)
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self, script: str) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{script} did not start:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --- what a browser test or a bench does on a page ----------------------------------------------------

# The script run has finished, the connection is up and the status widget ("Running…") is gone.
APP_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning'
    && app.dataset.testConnectionState === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
IDLE_TIMEOUT_MS = 60_000  # generous upper bound on a busy machine; a passing wait returns as soon as it holds


def wait_idle(page: Page) -> None:
    """Until the script run has finished and the connection is up (the status widget is gone)."""
    page.wait_for_function(APP_IDLE, polling="raf", timeout=IDLE_TIMEOUT_MS)


def choose(page: Page, key: str, text: str) -> None:
    """Pick in a selectbox by typing part of the option, as a user searches it."""
    box = page.locator(f".st-key-{key}")
    box.locator("input").click()
    box.locator("input").fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    wait_idle(page)


def type_in(page: Page, key: str, text: str) -> None:
    """Type into a text input and press Enter, then wait for the run it starts."""
    field = page.locator(f".st-key-{key} input")
    field.fill(text)
    field.press("Enter")
    wait_idle(page)
