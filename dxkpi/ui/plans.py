"""Kế hoạch / Plans: a plan's targets and tasks counted the province's way, overdue tasks first, by agency."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dxkpi.analysis import plans as p
from dxkpi.core import clock, fmt
from dxkpi.core import model as m
from dxkpi.presentation import html as h
from dxkpi.presentation.plan_rows import TaskRow, target_rows, task_rows

from . import common

ALL = "__all__"


def choose_plan(metrics: m.Metrics, lang: str) -> m.Plan | None:
    """The plan chooser; the choice is kept in the address (?plan=qd-2629) like the region and the language."""
    ordered = p.plan_order(metrics)
    if not ordered:
        return None
    ids = [x.id for x in ordered]
    if st.session_state.get("plan") not in ids:
        wanted = st.query_params.get("plan")
        st.session_state["plan"] = wanted if wanted in ids else ids[0]
    by_id = {x.id: x for x in ordered}
    chosen = st.selectbox(
        common.t(lang, "Kế hoạch", "Plan"),
        ids,
        format_func=lambda i: fmt.plan_title(by_id[i], lang),
        key="plan",
    )
    if st.query_params.get("plan") != chosen:
        st.query_params["plan"] = chosen
    return by_id[chosen]


def render() -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    metrics = snap.metrics
    st.title(t(lang, "Kế hoạch", "Plans"))
    plan = choose_plan(metrics, lang)
    if plan is None:
        st.info(
            t(
                lang,
                "Tệp số liệu chưa có kế hoạch nào (phần plans:). Cách thêm: docs/plans.md.",
                "The files hold no plan yet (the plans: section). How to add one: docs/plans.md.",
            )
        )
        return
    as_of = clock.today()
    account = p.account_of(metrics, plan, as_of)
    sources = metrics.source_by_id()
    _header(plan, sources, as_of, lang)
    _counts(account, lang)
    _targets(account, sources, lang)
    _tasks(account, lang)


def _header(plan: m.Plan, sources: dict[str, m.Source], as_of: dt.date, lang: str) -> None:
    t = common.t
    doc = plan.document
    level = {
        m.PlanLevel.NATIONAL: t(lang, "cấp quốc gia", "national"),
        m.PlanLevel.PROVINCIAL: t(lang, "cấp tỉnh", "provincial"),
        m.PlanLevel.DEPARTMENT: t(lang, "cấp sở, ngành", "a department's"),
    }[plan.level]
    issuer = fmt.fallback(lang, doc.issuer, doc.issuer_en)
    common.html(f'<div class="dx-lead">{h.esc(fmt.plan_title(plan, lang))}</div>')
    lines = [
        t(
            lang,
            f"Kỳ {fmt.period(plan.period, lang)} · {level} · ban hành: {issuer}",
            f"Period {fmt.period(plan.period, lang)} · {level} · issued by {issuer}",
        ),
        t(lang, "Nguồn", "Source") + ": " + fmt.source_name(sources.get(doc.source), doc.source),
    ]
    note = fmt.fallback(lang, plan.note, plan.note_en)
    if note:
        lines.append(note)
    lines.append(t(lang, f"Số liệu tính đến ngày {fmt.date(as_of)}", f"Figures as of {fmt.date(as_of)}"))
    common.html('<div class="dx-meta">' + "<br>".join(h.esc(x) for x in lines) + "</div>")


def _counts(account: p.PlanAccount, lang: str) -> None:
    n = len(account.targets)
    if n:
        cards = [h.count_card(str(s), account.count(s), lang, of=n) for s in p.TargetState]
        common.html(h.grid(cards, columns=5))
    common.html(f'<div class="dx-lead" data-testid="dx-plan-targets">{h.esc(account.target_sentence(lang))}</div>')
    common.html(f'<div class="dx-lead" data-testid="dx-plan-tasks">{h.esc(account.task_sentence(lang))}</div>')


def _targets(account: p.PlanAccount, sources: dict[str, m.Source], lang: str) -> None:
    t = common.t
    st.subheader(t(lang, "Chỉ tiêu", "Targets"))
    rows = target_rows(account, sources, lang)
    if not rows:
        st.caption(t(lang, "Kế hoạch này chưa có chỉ tiêu nào trong tệp.", "This plan has no target in the files."))
        return
    present = [s for s in p.TargetState if any(r.status == s for r in rows)]
    chosen = st.selectbox(
        t(lang, "Lọc theo trạng thái", "Filter by status"),
        [ALL, *present],
        format_func=lambda s: t(lang, "Tất cả", "All") if s == ALL else fmt.status_label(s, lang),
        key="plan_target_status",
    )
    shown = [r for r in rows if chosen == ALL or r.status == chosen]
    header = [
        h.esc(x)
        for x in (
            t(lang, "Trạng thái", "Status"),
            t(lang, "Chỉ tiêu", "Target"),
            t(lang, "Mục tiêu", "Goal"),
            t(lang, "Kết quả", "Result"),
            t(lang, "Vì sao", "Why"),
            t(lang, "Nguồn", "Source"),
        )
    ]
    body = [
        [
            h.badge(r.status, lang),
            h.esc(r.name),
            h.esc(r.goal),
            h.esc(r.figure) + (f'<div class="dx-meta">{h.esc(r.period)}</div>' if r.period != "—" else ""),
            h.esc(r.reason),
            h.esc(r.source),
        ]
        for r in shown
    ]
    common.html(h.table(header, body))


def _lateness(row: TaskRow, lang: str) -> str:
    """Under the status badge: whether the task is past its deadline and not done, or was done after it."""
    t = common.t
    if row.overdue:
        return f'<div class="dx-meta">{h.esc(t(lang, "⚠ Quá hạn", "⚠ Overdue"))}</div>'
    if row.late:
        return f'<div class="dx-meta">{h.esc(t(lang, "Hoàn thành quá hạn", "Done late"))}</div>'
    return ""


def _tasks(account: p.PlanAccount, lang: str) -> None:
    t = common.t
    st.subheader(t(lang, "Nhiệm vụ", "Tasks"))
    rows = task_rows(account, lang)
    if not rows:
        st.caption(
            t(
                lang,
                "Kế hoạch này chưa có nhiệm vụ nào trong tệp. Cán bộ nhập nhiệm vụ của mình ở phần tasks: của kế "
                "hoạch (docs/plans.md).",
                "This plan has no task in the files yet. Officials enter their own under the plan's tasks: "
                "(docs/plans.md).",
            )
        )
        return
    agencies = sorted({r.lead for r in rows if r.lead != "—"})
    left, right = st.columns(2)
    with left:
        status = st.selectbox(
            t(lang, "Lọc theo trạng thái", "Filter by status"),
            [ALL, "overdue", *[s for s in p.TaskState if any(r.status == s for r in rows)]],
            format_func=lambda s: (
                t(lang, "Tất cả", "All")
                if s == ALL
                else (t(lang, "⚠ Quá hạn", "⚠ Overdue") if s == "overdue" else fmt.status_label(s, lang))
            ),
            key="plan_task_status",
        )
    agency = ALL
    if agencies:  # the files' milestones name no agency: no filter that offers only "All"
        with right:
            agency = st.selectbox(
                t(lang, "Lọc theo cơ quan chủ trì", "Filter by agency in charge"),
                [ALL, *agencies],
                format_func=lambda a: t(lang, "Tất cả", "All") if a == ALL else a,
                key="plan_task_agency",
            )
    shown = [
        r
        for r in rows
        if (status == ALL or r.status == status or (status == "overdue" and r.overdue))
        and (agency == ALL or r.lead == agency)
    ]
    header = [
        h.esc(x)
        for x in (
            t(lang, "Trạng thái", "Status"),
            t(lang, "Nhiệm vụ", "Task"),
            t(lang, "Cơ quan chủ trì", "Agency in charge"),
            t(lang, "Thời hạn", "Deadline"),
            t(lang, "Báo cáo gần nhất", "Latest report"),
            t(lang, "Kết quả, khó khăn", "Result, obstacles"),
        )
    ]
    body = [
        [
            h.badge(r.status, lang) + _lateness(r, lang),
            h.esc(r.title) + f'<div class="dx-meta">{h.esc(r.id)}</div>',
            h.esc(r.lead) + (f'<div class="dx-meta">{h.esc(r.partners)}</div>' if r.partners else ""),
            h.esc(r.due),
            h.esc(r.reported),
            "<br>".join(h.esc(x) for x in (r.result, r.obstacles, r.evidence) if x),
        ]
        for r in shown
    ]
    common.html(h.table(header, body))
    table = account.agencies()
    if not table:
        return
    st.subheader(t(lang, "Theo cơ quan chủ trì", "By agency in charge"))
    header = [
        h.esc(x)
        for x in (
            t(lang, "Cơ quan", "Agency"),
            t(lang, "Số nhiệm vụ", "Tasks"),
            t(lang, "Hoàn thành", "Done"),
            t(lang, "Đang thực hiện", "In progress"),
            t(lang, "Chưa thực hiện", "Not started"),
            t(lang, "Quá hạn", "Overdue"),
        )
    ]
    body = [
        [
            h.esc(a.agency),
            *(f'<span class="dx-num">{n}</span>' for n in (a.total, a.done, a.in_progress, a.not_started, a.overdue)),
        ]
        for a in table
    ]
    common.html(h.table(header, body))
