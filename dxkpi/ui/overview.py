"""Tổng quan / Overview: status counts, the key figures and a status matrix by pillar. No plotly, so it opens fast."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from dxkpi.analysis.account import Outcome, final_account
from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.presentation import html as h
from dxkpi.presentation.slides import final_title

from . import common
from .app import PAGES

TRACKED = ["achieved", "on_track", "at_risk", "off_track", "one_observation", "no_data"]


def render() -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    meta = snap.metrics.meta
    t = common.t
    common.title(fmt.fallback(lang, meta.title, meta.title_en))
    program = fmt.fallback(lang, meta.program, meta.program_en)
    region_note = fmt.fallback(lang, meta.region_note, meta.region_note_en)
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
    horizons = sorted({p.horizon for p in snap.progress.values() if p.horizon})
    if horizons:
        years = ", ".join(str(y) for y in horizons)
        common.html(
            '<div class="dx-meta">'
            + h.esc(
                t(
                    lang,
                    f"Giai đoạn 2021–2025 đã kết thúc: chỉ tiêu nào có mục tiêu {years} thì tiến độ đo so với mục "
                    f"tiêu {years} (ghi rõ trong lý do); mục tiêu 2025 được tổng kết riêng.",
                    f"The 2021–2025 period has ended: where an indicator has a {years} target, its pace is measured "
                    f"against {years} (the reason says so); the 2025 targets have their own final account.",
                )
            )
            + "</div>"
        )
    account = final_account(snap.metrics)
    if account.lines:
        st.subheader(final_title(account, lang))
        common.html(
            h.grid(
                [h.count_card(str(o), account.count(o), lang, of=account.total) for o in Outcome],
                columns=3,
            )
        )
        st.page_link(
            str(PAGES / "final_account.py"),
            label=t(lang, "Xem từng mục tiêu năm 2025", "See every 2025 target"),
            icon=":material/fact_check:",
        )

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


def status_matrix(snap: common.Loaded, lang: str) -> str:
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
