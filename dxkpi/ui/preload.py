"""The charts' part of Streamlit's frontend loaded before a chart needs it.

Streamlit's browser code fetches the chunk that draws the pages' charts (EChartsChart.*.js, 1.2 MB with ECharts;
PlotlyChart.*.js, 4.7 MB, before issue 19's change of renderer) only when a chart is first drawn, so the first page
with charts a reader opens waits for it: in a meeting, the click from the overview to a pillar page. On a page
without charts, this asks the browser for the same file, by the same address Streamlit's own loader uses (next to
its index chunk), so the module is fetched and evaluated once and Streamlit's later import finds it ready. It
starts once the page is drawn and has stopped changing for QUIET_MS (the script run finished), or as soon as the
pointer or the keyboard focus reaches the sidebar's navigation, so it never delays the page the reader opened.
(Asking for it at once on a page with charts gained nothing: Streamlit asks for it as early.)

Nothing is drawn; the element holding the script is hidden. If the chunk is not found (another Streamlit), nothing is
added and charts load the usual way."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

CHUNK = "EChartsChart"  # the part of Streamlit's frontend that st.echarts_chart needs
QUIET_MS = 1500  # the page has stopped changing for this long before the load starts by itself

_SCRIPT = """
<style>[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script.dx-preload){display:none}</style>
<script class="dx-preload">
((name, quietMs) => {
  if (window.__dxCharts) return;
  const index = document.querySelector('script[src*="/static/js/index."]');
  if (!index) return;
  const url = new URL(name, index.src).href;
  const load = () => {
    if (window.__dxCharts) return;
    window.__dxCharts = import(url).catch(() => { window.__dxCharts = undefined; });
  };
  const nav = document.querySelector('[data-testid="stSidebarNav"]');
  if (nav) for (const e of ['pointerover', 'focusin']) nav.addEventListener(e, load, {once: true});
  let last = performance.now();
  const watch = new MutationObserver(() => { last = performance.now(); });
  watch.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  const idle = window.requestIdleCallback || (f => setTimeout(f, 0));
  const wait = () => {
    if (window.__dxCharts) { watch.disconnect(); return; }
    const app = document.querySelector('[data-testid="stApp"]');
    const done = app && app.dataset.testScriptState === 'notRunning';
    if (done && performance.now() - last >= quietMs) { watch.disconnect(); idle(load, {timeout: 2000}); }
    else setTimeout(wait, 100);
  };
  wait();
})(%s, %d);
</script>
"""


def static_dir() -> Path:
    """Streamlit's frontend: index.html, and static/js with its chunks."""
    return Path(st.__file__).resolve().parent / "static"


def chunk(js: Path, part: str) -> str | None:
    """The file name of one part in a folder of chunks (ButtonGroup -> ButtonGroup.<hash>.js), or None if there is
    no such part."""
    found = sorted(js.glob(f"{part}.*.js"))
    return found[0].name if len(found) == 1 else None


@functools.cache
def chunk_name(part: str = CHUNK) -> str | None:
    """The file name of one part of Streamlit's frontend (EChartsChart.<hash>.js), or None if this Streamlit has
    no such part."""
    return chunk(static_dir() / "static" / "js", part)


def chart_bundle() -> None:
    """Have the browser load the charts' chunk once this page (one without charts) is drawn."""
    name = chunk_name()
    if name is None:
        return
    script = _SCRIPT % (json.dumps(name), QUIET_MS)
    st.sidebar.html(script, unsafe_allow_javascript=True)
