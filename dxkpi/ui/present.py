"""Trình chiếu / Presentation mode at /present: one slide at a time, sized for a 16:9 projector."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from dxkpi.presentation import echarts
from dxkpi.presentation import html as h
from dxkpi.presentation.slides import build_deck

from . import common
from .app import PAGES

CHART_HEIGHT = 250  # two charts stacked fit a 1280x720 screen under the title

# No app chrome: sidebar, header, toolbar and the page padding are hidden on this page only.
CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {display:none !important}
.block-container, [data-testid="stMainBlockContainer"] {padding:1.2vh 3vw 0 3vw !important; max-width:100% !important}
[data-testid="stAppViewContainer"] > section, [data-testid="stMain"] {overflow:hidden}
.st-key-dx-nav {position:fixed; bottom:1vh; left:0; right:0; padding:0 3vw; background:#fff; z-index:10}
.st-key-dx-nav button {font-size:clamp(14px,2vh,24px)}
.dx-counter {font-size:clamp(16px,2.4vh,28px); text-align:center; font-weight:700; line-height:2.2}
</style>
"""

# Arrow keys and PageUp/PageDown (what a presenter's clicker sends) press the buttons. The script runs
# in a same-origin iframe, so it listens on the app's document; the flag keeps one listener per tab.
KEYS_JS = """
<script>
const doc = window.parent.document;
if (!doc.__dxKeys) {
  doc.__dxKeys = true;
  doc.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      const exit = doc.querySelector(".st-key-dx-nav a");
      if (exit) { e.preventDefault(); exit.click(); }
      return;
    }
    const next = ["ArrowRight", "PageDown", " "].includes(e.key);
    const prev = ["ArrowLeft", "PageUp"].includes(e.key);
    if (!next && !prev) return;
    const target = e.target && e.target.tagName;
    if (target === "INPUT" || target === "TEXTAREA") return;
    const button = doc.querySelector(next ? ".st-key-dx-next button" : ".st-key-dx-prev button");
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
}
</script>
"""


def _index(total: int) -> int:
    """The current slide (0-based) from ?slide=k (1-based), kept in range."""
    try:
        k = int(st.query_params.get("slide", "1"))
    except ValueError:
        k = 1
    return min(max(k, 1), total) - 1


def _go(k: int) -> None:
    st.query_params["slide"] = str(k + 1)


def render() -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    deck = build_deck(snap.metrics, snap.progress, lang)
    total = len(deck)
    i = _index(total)
    slide = deck[i]
    common.html(CHROME_CSS + h.SLIDE_CSS)
    if slide.charts:
        left, right = st.columns([3, 2])
        with left:
            common.html(h.slide_html(slide, lang))
        with right:
            for chart in slide.charts:
                figure = chart.figure
                figure.update_layout(height=CHART_HEIGHT)
                # A slide's chart keeps its height: a long legend name is cut short, as the slide's texts are.
                common.chart(echarts.option(figure, lang, wrap=False), f"slide-{i}-{chart.key}")
    else:
        common.html(h.slide_html(slide, lang))
    with st.container(key="dx-nav"):
        leave, prev, counter, nxt = st.columns([1, 3, 4, 3], vertical_alignment="center")
        leave.page_link(
            str(PAGES / "overview.py"),
            label=common.t(lang, "Thoát", "Exit"),
            icon=":material/close:",
            query_params={"lang": lang},
            help=common.t(lang, "Thoát trình chiếu (phím Esc)", "Leave presentation mode (Esc key)"),
        )
        prev.button("◀", key="dx-prev", disabled=i == 0, on_click=_go, args=(i - 1,), use_container_width=True)
        with counter:
            common.html(f'<div class="dx-counter">{i + 1} / {total}</div>')
        nxt.button("▶", key="dx-next", disabled=i == total - 1, on_click=_go, args=(i + 1,), use_container_width=True)
    components.html(KEYS_JS, height=0)
