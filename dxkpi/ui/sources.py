"""Nguồn / Sources: every source with its full citation and the figures and targets taken from it."""

from __future__ import annotations

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.presentation import html as h

from . import common

KIND = {
    "news": ("Bài báo", "News article"),
    "decision": ("Văn bản", "Decision"),
    "report": ("Báo cáo", "Report"),
    "web": ("Trang web", "Web page"),
}


def figure_text(ind: m.Indicator, obs: m.Observation, lang: str) -> str:
    """A figure as cited: its qualified value, or a milestone's status."""
    if obs.value is not None:
        return fmt.figure(obs, ind, lang)
    return fmt.status_label(str(obs.status), lang)


def render() -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    st.title(t(lang, "Nguồn", "Sources"))
    metrics = snap.metrics
    for source in metrics.sources:
        figures = [
            f"{fmt.name(i, lang)}: {figure_text(i, o, lang)} ({fmt.period(o.period, lang)})"
            for i in metrics.indicators
            for o in i.observations
            if o.source == source.id
        ]
        targets = [
            f"{fmt.name(i, lang)}: {fmt.target(tg, i, lang)}"
            for i in metrics.indicators
            for tg in metrics.targets_of(i)
            if tg.source == source.id
        ]
        kind = fmt.pick(lang, KIND[source.kind.value])
        parts = [source.publisher, f"“{source.title}”"]
        if source.date:
            parts.append(fmt.date(source.date))
        citation = ", ".join(h.esc(p) for p in parts)
        url = f'<div class="dx-meta">{h.esc(source.url)}</div>' if source.url else ""
        note = f'<div class="dx-meta">{h.esc(source.note)}</div>' if source.note else ""
        items = (
            "".join(f"<li>{h.esc(x)}</li>" for x in figures + targets)
            or f"<li>{h.esc(t(lang, 'Không có số liệu nào dẫn nguồn này.', 'No figure cites this source.'))}</li>"
        )
        with st.container(border=True, key=f"src-{source.id}"):
            head = f'<b>[{h.esc(source.id)}]</b> {citation} <span class="dx-meta">({h.esc(kind)})</span>'
            common.html(f'<div class="dx-name">{head}</div>{url}{note}<ul class="dx-meta">{items}</ul>')
