"""Every chart of the deck as a PNG file of its own, 1920 px wide, named after its slide and indicator."""

from __future__ import annotations

from pathlib import Path

from .common import Report, chart_file_names, make_folder
from .images import render_png


def write(report: Report, folder: Path, progress: bool | None = None) -> list[Path]:
    """Write '03-chinh-quyen-so-xep-hang-dti.png' and the like into `folder` (created if missing); the paths."""
    figures = [chart.figure for slide in report.deck for chart in slide.charts]
    images = render_png(figures, lang=report.lang, progress=progress)
    make_folder(folder, report.lang)
    paths = []
    for name, data in zip(chart_file_names(report.deck), images, strict=True):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
