"""The update page's task forms: report a task's progress, add, edit or remove a task of the file's own plans.

Each form gives writer edits; the update page previews the exact lines and saves them like a figure.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dxkpi.core import clock, fmt
from dxkpi.core import model as m
from dxkpi.editing import writer as w
from dxkpi.reading.scalars import parse_date, parse_period

from . import common

ACTIONS = {
    "report": ("Báo cáo tiến độ", "Report progress"),
    "add": ("Thêm nhiệm vụ", "Add a task"),
    "edit": ("Sửa nhiệm vụ", "Edit a task"),
    "remove": ("Xoá nhiệm vụ", "Remove a task"),
}
KEYS = ("task_plan", "task_task")  # a chosen plan or task is something typed: a re-read must not lose it


def render(
    opened: w.Opened, metrics: m.Metrics, lang: str, k: Callable[[str], str]
) -> tuple[list[w.Edit], list[str], str] | None:
    """The chosen form: (edits, problems of the fields, the action), or None while nothing is chosen yet.

    `k` makes a widget key of the current generation (the update page's, so a save empties the form)."""
    t = common.t
    own = metrics.own_plans()
    if not own:
        st.info(
            t(
                lang,
                f"{opened.path.name} chưa có kế hoạch nào của tỉnh (phần plans:). Thêm kế hoạch vào tệp trước "
                "(docs/plans.md); kế hoạch quốc gia trong data/plans.yaml không nhận nhiệm vụ từ trang này.",
                f"{opened.path.name} has no plan of its own yet (the plans: section). Add one to the file first "
                "(docs/plans.md); the national plans in data/plans.yaml take no tasks from this page.",
            )
        )
        return None
    by_id = {p.id: p for p in own}
    plan_id = st.selectbox(
        t(lang, "Kế hoạch", "Plan"),
        list(by_id),
        format_func=lambda i: fmt.plan_title(by_id[i], lang),
        key=k("task_plan"),
    )
    plan = by_id[plan_id]
    action = st.radio(
        t(lang, "Việc cần làm với nhiệm vụ", "What to do with a task"),
        list(ACTIONS),
        format_func=lambda a: fmt.pick(lang, ACTIONS[a]),
        horizontal=True,
        key=k("task_action"),
    )
    if action == "add":
        fields, problems = _task_fields(plan, None, lang, k(f"task-add-{plan.id}-"))
        return ([w.AddTask(plan.id, fields)] if fields else [], problems, "task_add")
    task = _task(plan, lang, k("task_task"))
    if task is None:
        return None
    prefix = k(f"task-{action}-{plan.id}-{task.id}-")
    if action == "remove":
        return [w.RemoveTask(plan.id, task.id)], [], "task_remove"
    if action == "edit":
        fields, problems = _task_fields(plan, task, lang, prefix)
        return ([w.EditTask(plan.id, task.id, fields)] if fields else [], problems, "task_edit")
    report, problems = _report_fields(lang, prefix)
    return ([w.AddReport(plan.id, task.id, report)] if report else [], problems, "task_report")


def _task(plan: m.Plan, lang: str, key: str) -> m.Task | None:
    t = common.t
    if not plan.tasks:
        st.caption(t(lang, "Kế hoạch này chưa có nhiệm vụ nào.", "This plan has no task yet."))
        return None
    by_id = {x.id: x for x in plan.tasks}
    chosen = st.selectbox(
        t(lang, "Nhiệm vụ (gõ để tìm)", "Task (type to search)"),
        list(by_id),
        index=None,
        format_func=lambda i: f"{fmt.fallback(lang, by_id[i].title, by_id[i].title_en)} · {by_id[i].lead} · {i}",
        placeholder=t(lang, "Chọn nhiệm vụ…", "Choose a task…"),
        key=key,
    )
    return by_id.get(chosen) if chosen else None


def _task_fields(plan: m.Plan, old: m.Task | None, lang: str, prefix: str) -> tuple[w.TaskFields | None, list[str]]:
    """The task's id (fixed once made), title, agencies, deadline and the document's item; or the problems."""
    t = common.t
    problems: list[str] = []
    if old is None:
        ident = st.text_input(
            t(lang, "Mã nhiệm vụ (không dấu, không đổi về sau, vd. kh26-nv-01)", "Task id (plain, never changed)"),
            key=f"{prefix}id",
        ).strip()
    else:
        ident = old.id
    title = st.text_input(t(lang, "Tên nhiệm vụ", "Title"), value=old.title if old else "", key=f"{prefix}title")
    cols = st.columns(2)
    lead = cols[0].text_input(
        t(lang, "Cơ quan chủ trì", "Agency in charge"), value=old.lead if old else "", key=f"{prefix}lead"
    )
    partners = cols[1].text_input(
        t(lang, "Cơ quan phối hợp (cách nhau bằng dấu ;)", "Coordinating agencies (separated by ;)"),
        value="; ".join(old.partners) if old else "",
        key=f"{prefix}partners",
    )
    cols = st.columns(2)
    due = (
        cols[0]
        .text_input(
            t(lang, "Thời hạn: 30/6/2026, 6/2026, Q2/2026 hoặc 2026", "Deadline: 30/6/2026, 6/2026, Q2/2026 or 2026"),
            value=old.due.text if old else "",
            key=f"{prefix}due",
        )
        .strip()
    )
    item = (
        cols[1]
        .text_input(
            t(lang, "Mục của văn bản (không bắt buộc)", "Item of the document (optional)"),
            value=(old.item or "") if old else "",
            key=f"{prefix}item",
        )
        .strip()
    )
    if old is None and ident and ident in {x.id for x in plan.tasks}:
        problems.append(t(lang, f"Mã '{ident}' đã có trong kế hoạch.", f"The id '{ident}' is already in the plan."))
    if due and not isinstance(parse_period(due), m.Period):
        problems.append(t(lang, f"Thời hạn '{due}' không đọc được.", f"The deadline '{due}' cannot be read."))
    if not (ident and title.strip() and lead.strip() and due):
        return None, problems
    names = tuple(x.strip() for x in partners.split(";") if x.strip())
    fields = w.TaskFields(ident, title.strip(), lead.strip(), due, old.title_en if old else None, item or None, names)
    return fields, problems


def _report_fields(lang: str, prefix: str) -> tuple[w.ReportFields | None, list[str]]:
    """A status report: its date (today by default), status word, and what the agency says with it."""
    t = common.t
    problems: list[str] = []
    cols = st.columns(2)
    day = (
        cols[0]
        .text_input(
            t(lang, "Ngày báo cáo (dd/mm/yyyy)", "Date of the report (dd/mm/yyyy)"),
            value=fmt.date(clock.today()),
            key=f"{prefix}date",
        )
        .strip()
    )
    status = cols[1].selectbox(
        t(lang, "Tình trạng", "Status"),
        [x.value for x in m.TaskStatus],
        format_func=lambda s: fmt.task_status_word(s, lang),
        key=f"{prefix}status",
    )
    reason = st.text_input(
        t(lang, "Lý do (bắt buộc khi không thực hiện)", "Reason (required when not carried out)"), key=f"{prefix}reason"
    ).strip()
    result = st.text_area(t(lang, "Kết quả", "Result"), key=f"{prefix}result", height=68).strip()
    obstacles = st.text_area(t(lang, "Khó khăn, vướng mắc", "Obstacles"), key=f"{prefix}obstacles", height=68).strip()
    ev = st.columns(3)
    number = ev[0].text_input(t(lang, "Số hiệu văn bản minh chứng", "Evidence: document number"), key=f"{prefix}ev_no")
    ev_date = ev[1].text_input(t(lang, "Ngày văn bản", "Its date"), key=f"{prefix}ev_date").strip()
    summary = ev[2].text_input(t(lang, "Trích yếu", "What it is about"), key=f"{prefix}ev_sum")
    for label, text in (
        (t(lang, "Ngày báo cáo", "The report's date"), day),
        (t(lang, "Ngày văn bản", "The evidence's date"), ev_date),
    ):
        if text and parse_date(text) is None:
            problems.append(
                t(lang, f"{label} '{text}' không phải ngày dd/mm/yyyy.", f"{label} '{text}' is not a dd/mm/yyyy date.")
            )
    if not day:
        return None, problems
    report = w.ReportFields(
        day,
        status,
        reason or None,
        result or None,
        obstacles or None,
        number.strip() or None,
        ev_date or None,
        summary.strip() or None,
    )
    return report, problems
