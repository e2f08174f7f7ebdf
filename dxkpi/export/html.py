"""The deck as one self-contained HTML file: every slide a section, charts interactive, nothing fetched.

plotly.js is inlined once; each chart is a plotly div. No CDN, no web font, no MathJax: the file opens
offline by double-click. plotly.js fetches at run time only for geo traces (topojson from cdn.plot.ly)
and map traces (tiles and styles); the deck has neither, and a figure with one is refused rather than
exported with a hidden dependency on the network.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline

from dxkpi.presentation import html as h
from dxkpi.presentation.slides import Slide

from .common import ExportError, Report, slug, t

CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "topojsonURL": "",  # never cdn.plot.ly (only geo traces read it)
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

# Trace types for which plotly.js loads data from the network at run time.
NETWORK_TRACES = frozenset(
    {
        "scattergeo",
        "choropleth",
        "scattermap",
        "choroplethmap",
        "densitymap",
        "scattermapbox",
        "choroplethmapbox",
        "densitymapbox",
    }
)

PAGE_CSS = """
<style>
html{scroll-snap-type:y proximity}
body{margin:0;font-family:"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif;
  color:#1b2733;background:#e9ecf0}
.dx-export-slide{box-sizing:border-box;min-height:100vh;padding:3vh 4vw 4vh 4vw;background:#fff;
  scroll-snap-align:start;border-bottom:8px solid #e9ecf0;position:relative}
.dx-export-two{display:grid;grid-template-columns:3fr 2fr;gap:2vw;align-items:start}
.dx-export-chart{margin-bottom:1.5vh}
.dx-export-title .dx-slide{padding-top:18vh}
.dx-export-number{position:absolute;right:2vw;bottom:1.5vh;color:#4a5562;font-size:14px}
@media print{
  html{scroll-snap-type:none}
  body{background:#fff}
  .dx-export-slide{min-height:auto;border:0;break-after:page;page-break-after:always}
}
</style>
"""

# Left/right arrow keys (and a clicker's PageUp/PageDown) move a whole slide.
NAV_JS = """
<script>
document.addEventListener("keydown", function (e) {
  var next = e.key === "ArrowRight" || e.key === "PageDown", prev = e.key === "ArrowLeft" || e.key === "PageUp";
  if (!next && !prev) return;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".dx-export-slide"));
  var y = window.scrollY + 2, i = 0;
  slides.forEach(function (s, k) { if (s.offsetTop <= y) i = k; });
  var j = Math.max(0, Math.min(slides.length - 1, i + (next ? 1 : -1)));
  slides[j].scrollIntoView();
  e.preventDefault();
});
</script>
"""


def _check_offline(figure: go.Figure, lang: str) -> None:
    kinds = sorted({trace.type for trace in figure.data} & NETWORK_TRACES)
    if kinds:
        raise ExportError(
            t(
                lang,
                f"Biểu đồ loại {', '.join(kinds)} cần tải bản đồ từ Internet nên không xuất ra HTML ngoại tuyến được",
                f"Charts of type {', '.join(kinds)} load maps from the Internet, so they cannot go into offline HTML",
            )
        )


def chart_div(figure: go.Figure, div_id: str) -> str:
    """One interactive chart: a div and the script that draws it with the page's plotly.js."""
    return pio.to_html(
        figure,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        config=CONFIG,
        div_id=div_id,
        default_height=f"{figure.layout.height or 450}px",
    )


def section(slide: Slide, number: int, total: int, lang: str) -> str:
    text = h.slide_html(slide, lang)
    if slide.charts:
        charts = "".join(
            f'<div class="dx-export-chart">{chart_div(chart.figure, f"chart-{number:02d}-{slug(chart.key)}")}</div>'
            for chart in slide.charts
        )
        text = f'<div class="dx-export-two"><div>{text}</div><div>{charts}</div></div>'
    return (
        f'<section class="dx-export-slide dx-export-{h.esc(slide.kind)}" id="slide-{number}">{text}'
        f'<div class="dx-export-number">{number} / {total}</div></section>'
    )


def page(report: Report) -> str:
    """The whole HTML document."""
    lang = report.lang
    for slide in report.deck:
        for chart in slide.charts:
            _check_offline(chart.figure, lang)
    total = len(report.deck)
    sections = "\n".join(section(s, i, total, lang) for i, s in enumerate(report.deck, start=1))
    title = h.esc(report.deck[0].title)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="dxkpi">\n'
        f"<title>{title}</title>\n"
        f"{h.CSS}{h.SLIDE_CSS}{PAGE_CSS}"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        "</head>\n<body>\n"
        f"{sections}\n{NAV_JS}</body>\n</html>\n"
    )


def write(report: Report, path: Path, progress: bool | None = None) -> None:
    """Write the deck to `path` as one HTML file (UTF-8). No browser is needed."""
    path.write_text(page(report), encoding="utf-8", newline="\n")
