"""Offline exports of the meeting deck: PDF report, PowerPoint, one-file HTML, chart PNGs and an Excel table;
and the Word Báo cáo in the form of Nghị định 30/2020 (report_docx.py).

    export("metrics.yaml", "pdf", None, "vi")  ->  Path("dxkpi-vi.pdf")

Every failure is an ExportError whose message is written for the person exporting, in their language.
PDF, PowerPoint and PNG draw their charts through kaleido with a Chrome-family browser on the machine;
HTML, Excel and Word need none (Word only for its optional charts). No Streamlit here.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from .common import ExportError, check_folder, check_writable, prepare, t, write_file

__all__ = ["EXTENSIONS", "FORMATS", "ExportError", "default_output", "export"]

# format -> file extension ("" for the PNG folder)
EXTENSIONS = {"pdf": "pdf", "pptx": "pptx", "html": "html", "png": "", "xlsx": "xlsx", "docx": "docx"}
MODULES = {"docx": "report_docx"}  # format -> module, where the two differ
FORMATS = tuple(EXTENSIONS)


def default_output(fmt: str, lang: str, region: str | None = None) -> Path:
    """'dxkpi-vi.pdf' ('dxkpi-tay-ninh-vi.pdf' for a region named) in the current folder; a folder for PNG."""
    stem = f"dxkpi-{region}" if region else "dxkpi"
    if fmt == "png":
        return Path(f"{stem}-png-{lang}")
    return Path(f"{stem}-{lang}.{EXTENSIONS[fmt]}")


def _writer(fmt: str):
    # Imported on demand: each writer brings its own heavy library (reportlab, python-pptx, kaleido, openpyxl).
    return importlib.import_module(f"{__package__}.{MODULES.get(fmt, fmt)}").write


def export(
    metrics_path: str | os.PathLike[str],
    fmt: str,
    out_path: str | os.PathLike[str] | None = None,
    lang: str = "vi",
    *,
    progress: bool | None = None,
    options: dict[str, Any] | None = None,
) -> Path:
    """Export the deck of `metrics_path` as `fmt` (pdf, pptx, html, png, xlsx) to `out_path`; the path written.

    `out_path` None means default_output(fmt, lang). For png it is a folder, created if missing. `progress`:
    None shows a progress bar on stderr while charts render if stderr is a terminal; False never does.
    `options` go to the Word report (report_docx.write: as_of, kind, charts, today); no other format takes any.
    """
    if lang not in ("vi", "en"):
        raise ExportError(f"Ngôn ngữ không hợp lệ / unknown language: {lang!r} (vi, en)")
    if fmt not in EXTENSIONS:
        raise ExportError(
            t(lang, f"Định dạng không hợp lệ: {fmt!r}", f"Unknown format: {fmt!r}") + f" ({', '.join(FORMATS)})"
        )
    out = Path(out_path) if out_path is not None else default_output(fmt, lang)
    # The cheap checks first: a wrong output path fails before the charts are drawn.
    if fmt == "png":
        check_folder(out, lang)
    else:
        check_writable(out, lang)
    try:
        report = prepare(metrics_path, lang, deck=fmt != "docx")  # the report draws no slide
        write = _writer(fmt)
        extra = options or {}
        if fmt == "png":
            write(report, out, progress)
        else:
            write_file(out, lambda tmp: write(report, tmp, progress, **extra), lang)
    except ExportError:
        raise
    except Exception as error:  # noqa: BLE001 - the command line shows a message, never a traceback
        raise ExportError(
            t(
                lang,
                f"Không xuất được {fmt.upper()} ({type(error).__name__}: {error})",
                f"Could not export {fmt.upper()} ({type(error).__name__}: {error})",
            )
        ) from error
    return out
