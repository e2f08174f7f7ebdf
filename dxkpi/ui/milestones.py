"""Cột mốc / Milestones: the platforms connected and the projects under way, with status and date."""

from __future__ import annotations

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.presentation import html as h

from . import common


def render() -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    st.title(t(lang, "Cột mốc", "Milestones"))
    sources = snap.metrics.source_by_id()
    rows = []
    for ind in snap.metrics.indicators:
        if ind.kind is not m.Kind.MILESTONE:
            continue
        status = common.status_of(snap, ind.id)
        latest = ind.latest_observation()
        note = fmt.fallback(lang, latest.note, latest.note_en) if latest else None
        rows.append(
            [
                h.badge(status, lang),
                h.esc(fmt.name(ind, lang)) + (f'<div class="dx-meta">{h.esc(note)}</div>' if note else ""),
                h.esc(fmt.pillar(ind.pillar, lang)),
                h.esc(fmt.period(latest.period, lang)) if latest else "—",
                h.esc(fmt.source_name(sources.get(latest.source), latest.source)) if latest else "—",
            ]
        )
    if not rows:
        st.info(t(lang, "Chưa có cột mốc nào.", "No milestones yet."))
        return
    header = [
        h.esc(x)
        for x in (
            t(lang, "Trạng thái", "Status"),
            t(lang, "Cột mốc", "Milestone"),
            t(lang, "Trụ cột", "Pillar"),
            t(lang, "Thời điểm", "Date"),
            t(lang, "Nguồn", "Source"),
        )
    ]
    common.html(h.table(header, rows))
