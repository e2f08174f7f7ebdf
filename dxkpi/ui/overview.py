"""Tổng quan / Overview: status counts, the key figures and a status matrix by pillar. No plotly, so it opens fast."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from .. import fmt
from .. import html as h
from .. import model as m
from . import common, data

TRACKED = ["achieved", "on_track", "at_risk", "off_track", "one_observation", "no_data"]


def render() -> None:
    snap = data.current()
    lang = st.session_state.get("lang", "vi")
    meta = snap.metrics.meta
    t = common.t
    st.title((meta.title_en or meta.title) if lang == "en" else meta.title)
    program = (meta.program_en or meta.program) if lang == "en" else meta.program
    region_note = fmt.note(meta.region_note, meta.region_note_en, lang)
    common.html(f'<div class="dx-meta">{h.esc(program)} · {h.esc(meta.reporting_period)}</div>')
    if region_note:
        common.html(f'<div class="dx-meta">{h.esc(region_note)}</div>')

    indicators = snap.metrics.indicators
    measured = [i for i in indicators if i.kind in (m.Kind.MEASURED, m.Kind.RANK) and snap.metrics.targets_of(i)]
    counts = Counter(common.status_of(snap, i.id) for i in measured)
    st.subheader(
        t(
            lang,
            f"Tiến độ {len(measured)} chỉ tiêu có mục tiêu",
            f"Progress of {len(measured)} indicators with a target",
        )
    )
    common.html(h.grid([h.count_card(s, counts.get(s, 0), lang) for s in TRACKED], columns=6))

    st.subheader(t(lang, "Số liệu nổi bật", "Key figures"))
    by_id = {i.id: i for i in indicators}
    sources = snap.metrics.source_by_id()
    cards = []
    for key in meta.key_figures:
        ind = by_id[key]
        latest = ind.latest_figure()
        if latest is not None:
            cards.append(h.figure_card(ind, latest, sources.get(latest.source), lang))
    if cards:
        common.html(h.grid(cards, columns=3))
    else:
        st.info(t(lang, "Chưa chọn số liệu nổi bật (meta.key_figures).", "No key figures chosen (meta.key_figures)."))

    st.subheader(t(lang, "Trạng thái theo trụ cột", "Status by pillar"))
    common.html(status_matrix(snap, lang))


def status_matrix(snap: data.Snapshot, lang: str) -> str:
    """Pillars down, statuses across; each cell the number of indicators (milestones counted apart)."""
    statuses = [s for s in fmt.STATUS_ORDER]
    rows_counts = {
        p: Counter(common.status_of(snap, i.id) for i in snap.metrics.indicators if i.pillar is p) for p in m.Pillar
    }
    used = [s for s in statuses if any(c.get(s) for c in rows_counts.values())]
    header = [h.esc(common.t(lang, "Trụ cột", "Pillar"))] + [h.badge(s, lang) for s in used]
    rows = []
    for pillar, counts in rows_counts.items():
        cells = [f'<span class="dx-num">{counts.get(s, 0) or "·"}</span>' for s in used]
        rows.append([h.esc(fmt.pillar(pillar, lang))] + cells)
    return h.table(header, rows)
