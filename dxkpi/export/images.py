"""Plotly figures to PNG through kaleido v1: one browser session for all of them, at presentation resolution.

kaleido v1 drives a Chrome-family browser installed on the machine (through choreographer). The browser
is looked up once here and handed to kaleido as `path=`; MathJax is switched off (`mathjax=False`),
since kaleido would otherwise load it from a CDN on every page, and plotly.js comes from the plotly
package itself, so rendering needs no network.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import plotly.graph_objects as go

from .common import ExportError, t

WIDTH = 960  # CSS pixels the figure is laid out at
SCALE = 2  # device pixels per CSS pixel: 960 x 2 = 1920 px wide
TIMEOUT = 60  # seconds for any one figure

# Looked for on PATH, then in the usual install folders, when kaleido's own lookup finds nothing
# (older choreographer releases look for Chrome only, and Windows puts neither Chrome nor Edge on PATH).
BROWSER_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
    "microsoft-edge",
)


def _usual_places() -> list[Path]:
    places = [
        Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
        Path("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"),
        Path("/Applications/Chromium.app/Contents/MacOS/Chromium"),
    ]
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        root = os.environ.get(variable)
        if root:
            places.append(Path(root) / "Google" / "Chrome" / "Application" / "chrome.exe")
            places.append(Path(root) / "Microsoft" / "Edge" / "Application" / "msedge.exe")
    return places


def no_browser_message(lang: str) -> str:
    return t(
        lang,
        "Không tìm thấy Chrome/Chromium/Edge để vẽ biểu đồ: cài Google Chrome hoặc Microsoft Edge "
        "(Debian/Ubuntu: apt-get install chromium), hoặc đặt biến môi trường BROWSER_PATH là đường dẫn tới trình duyệt",
        "No Chrome or Chromium found to draw the charts: install Google Chrome or Microsoft Edge "
        "(Debian/Ubuntu: apt-get install chromium), or set BROWSER_PATH to the browser's executable",
    )


def _is_exe(path: str | os.PathLike[str]) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def find_browser(lang: str = "vi") -> str:
    """The browser kaleido will drive: $BROWSER_PATH, kaleido's own lookup, PATH, usual folders; else ExportError."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        if _is_exe(explicit):
            return explicit
        raise ExportError(
            t(
                lang,
                f"BROWSER_PATH={explicit} không phải một trình duyệt chạy được; sửa hoặc bỏ biến này",
                f"BROWSER_PATH={explicit} is not a browser that can be run; fix or unset it",
            )
        )
    try:  # kaleido's lookup (newer choreographer): its own download, PATH, usual folders, Windows registry
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - a lookup that fails, or older choreographer without it, found nothing
        found = None
    if found and _is_exe(found):
        return str(found)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for place in _usual_places():
        if _is_exe(place):
            return str(place)
    raise ExportError(no_browser_message(lang))


class ProgressBar:
    """A one-line progress bar on stderr: '[#######.......]  3/10 Rendering charts'. Silent unless enabled."""

    def __init__(self, total: int, label: str, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = _isatty(self.stream)
        self.enabled = enabled and total > 0
        self.total = total
        self.done = 0
        self.label = label
        self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {self.label}")
        self.stream.flush()

    def advance(self) -> None:
        self.done = min(self.total, self.done + 1)
        self._draw()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


async def _render(figures: Sequence[go.Figure], browser: str, opts: dict[str, object], bar: ProgressBar) -> list[bytes]:
    with warnings.catch_warnings():
        # With plotly < 6.1.1 kaleido warns at import that fig.write_image() will not work; this module
        # calls kaleido's own API, which works with any plotly 6 (as the warning itself says).
        warnings.filterwarnings("ignore", message=r"[\s\S]*You have Plotly version", category=UserWarning)
        import kaleido

    out: list[bytes] = []
    async with kaleido.Kaleido(n=1, timeout=TIMEOUT, mathjax=False, path=browser) as session:
        for figure in figures:
            out.append(await session.calc_fig(figure, opts=dict(opts)))
            bar.advance()
    return out


def _run(coroutine) -> list[bytes]:
    """Run the coroutine to completion, in a thread of its own when this one already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - handed back to the caller's thread
            box["error"] = error

    thread = threading.Thread(target=target, name="dxkpi-kaleido")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def render_png(
    figures: Sequence[go.Figure],
    *,
    width: int = WIDTH,
    scale: float = SCALE,
    lang: str = "vi",
    progress: bool | None = None,
) -> list[bytes]:
    """Every figure as PNG bytes, in order, from one browser session: `width` x `scale` pixels wide.

    The height is each figure's own layout height (450 when it sets none). `progress`: None shows a bar
    on stderr when it is a terminal, False never does. Any failure is an ExportError.
    """
    if not figures:
        return []
    browser = find_browser(lang)
    bar = ProgressBar(len(figures), t(lang, "Đang vẽ biểu đồ", "Rendering charts"), enabled=progress)
    opts = {"format": "png", "width": width, "scale": scale}
    try:
        images = _run(_render(figures, browser, opts, bar))
    except ExportError:
        raise
    except Exception as error:  # noqa: BLE001 - kaleido, choreographer and the browser fail in many ways
        detail = f"{type(error).__name__}: {error}".strip()
        raise ExportError(
            t(
                lang,
                f"Không vẽ được biểu đồ bằng trình duyệt {browser} ({detail})",
                f"Could not render the charts with the browser {browser} ({detail})",
            )
        ) from error
    finally:
        bar.close()
    for image in images:
        if not image.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ExportError(t(lang, "Trình duyệt không trả về ảnh PNG", "The browser did not return a PNG image"))
    return images


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
