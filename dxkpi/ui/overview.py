"""Tổng quan / Overview: status counts, the key figures and a status matrix by pillar. No plotly, so it opens fast."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from dxkpi.analysis import plans as p
from dxkpi.analysis.account import final_account
from dxkpi.core import clock, fmt
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
    # The page's HTML between its links goes out as one element: each element is one more for the browser to
    # draw, and a cold overview's time is almost all the browser's (docs/speed.md).
    out = [h.title(fmt.fallback(lang, meta.title, meta.title_en))]
    program = fmt.fallback(lang, meta.program, meta.program_en)
    region_note = fmt.fallback(lang, meta.region_note, meta.region_note_en)
    out.append(f'<div class="dx-meta">{h.esc(program)} · {h.esc(meta.reporting_period)}</div>')
    if region_note:
        out.append(f'<div class="dx-meta">{h.esc(region_note)}</div>')

    indicators = snap.metrics.indicators
    measured = [i for i in indicators if i.kind in (m.Kind.MEASURED, m.Kind.RANK) and snap.metrics.targets_of(i)]
    counts = Counter(common.status_of(snap, i.id) for i in measured)
    span = p.current_span(snap.metrics)
    now = f"{span[0]}–{span[1]}" if span else ""
    out.append(
        h.heading(
            t(
                lang,
                f"Giai đoạn {now}: tiến độ {len(measured)} chỉ tiêu có mục tiêu"
                if now
                else f"Tiến độ {len(measured)} chỉ tiêu có mục tiêu",
                f"{now}: progress of {len(measured)} indicators with a target"
                if now
                else f"Progress of {len(measured)} indicators with a target",
            )
        )
    )
    out.append(h.grid([h.count_card(s, counts.get(s, 0), lang) for s in TRACKED], columns=6))
    out.append(
        '<div class="dx-meta">'
        + h.esc(
            t(
                lang,
                "Mỗi chỉ tiêu đo so với mục tiêu gần nhất chưa đến hạn (2027 nếu Quyết định 2629/QĐ-TTg đặt, nếu "
                "không thì 2030); trang của từng trụ cột ghi mục tiêu lấy từ kế hoạch nào.",
                "Each indicator is measured against its nearest target not yet due (2027 where Decision "
                "2629/QĐ-TTg sets one, else 2030); each pillar's page says which plan each target comes from.",
            )
        )
        + "</div>"
    )
    _open_plans(snap.metrics, lang, out)
    account = final_account(snap.metrics)
    if account.lines:
        out.append(h.heading(final_title(account, lang)))
        out.append(f'<div class="dx-meta">{h.esc(account.headline(lang))}</div>')
        common.flush(out)
        st.page_link(
            str(PAGES / "final_account.py"),
            label=t(lang, f"Xem từng mục tiêu năm {account.year}", f"See every {account.year} target"),
            icon=":material/fact_check:",
        )

    out.append(h.heading(t(lang, "Số liệu nổi bật", "Key figures")))
    by_id = {i.id: i for i in indicators}
    sources = snap.metrics.source_by_id()
    cards = []
    for key in meta.key_figures:
        ind = by_id[key]
        latest = ind.latest_figure()
        if latest is not None:
            cards.append(h.figure_card(ind, latest, sources.get(latest.source), lang))
    if cards:
        out.append(h.grid(cards, columns=3))
    else:
        common.flush(out)
        st.info(t(lang, "Chưa chọn số liệu nổi bật (meta.key_figures).", "No key figures chosen (meta.key_figures)."))

    out.append(h.heading(t(lang, "Trạng thái theo trụ cột", "Status by pillar")))
    out.append(status_matrix(snap, lang))
    common.flush(out)


def _open_plans(metrics: m.Metrics, lang: str, out: list[str]) -> None:
    """The plans under way, each with its counts in the province's sentence, and the way to the Plans page."""
    t = common.t
    plans = p.open_plans(metrics)
    if not plans:
        return
    today = clock.today()
    out.append(h.heading(t(lang, "Các kế hoạch đang thực hiện", "Plans under way")))
    rows = []
    for plan in plans:
        account = p.account_of(metrics, plan, today)
        counts = h.esc(account.target_sentence(lang))
        if account.tasks:
            counts += f"<br>{h.esc(account.task_sentence(lang))}"
        rows.append([h.esc(fmt.plan_title(plan, lang)), h.esc(fmt.period(plan.period, lang)), counts])
    header = [h.esc(x) for x in (t(lang, "Kế hoạch", "Plan"), t(lang, "Kỳ", "Period"), t(lang, "Kết quả", "Counts"))]
    out.append(h.table(header, rows))
    common.flush(out)
    st.page_link(
        str(PAGES / "plans.py"),
        label=t(lang, "Xem từng chỉ tiêu, nhiệm vụ của kế hoạch", "See each plan's targets and tasks"),
        icon=":material/checklist:",
    )


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
