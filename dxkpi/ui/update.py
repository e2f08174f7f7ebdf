"""Cập nhật số liệu / Update figures: add, edit or remove a figure, with the exact YAML lines shown first.

The file is read once when the form opens (its bytes are kept in the session); a save is refused if the
file changed on disk since then, and what was typed stays in the form. Every save goes through
dxkpi.editing.writer (only its own lines, checked by the loader, atomic) and dxkpi.editing.history (logged, undoable).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.reading.loader import load_text
from dxkpi.reading.problems import Problem
from dxkpi.reading.scalars import typed_number

from . import access, changes, common, importer, task_form

OPENED = "upd_opened"  # the file as read when the form opened
FLASH = "upd_flash"  # the message to show after a save's rerun
MODEL = "upd_model"  # (signature, model) of the opened file
PLAN = "upd_plan"  # ((signature, edits), plan) of the last preview
GEN = "upd_gen"  # how many saves this session made: part of the form's widget keys, so a save empties the form
NEW_SOURCE = "\0new"
SOURCE_KINDS = {
    "news": ("Bài báo", "News"),
    "decision": ("Văn bản", "Decision"),
    "report": ("Báo cáo", "Report"),
    "web": ("Trang web", "Web page"),
}


@dataclass
class Form:
    """What the form gives: the edits to plan, or the problems of the fields themselves."""

    edits: list[Any]  # the edits (w.Edit); a figure form ends with its w.Figure, which the caller wraps
    problems: list[str]


def render() -> None:
    snap = common.current()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    st.title(t(lang, "Cập nhật số liệu", "Update figures"))
    if not access.may_edit(lang):
        return
    history = History(snap.path)
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon="✅")
    opened = _opened(snap.path)
    if isinstance(opened, list):
        _problems(opened, lang)
        return
    on_disk = history.current_signature()
    if on_disk != opened.signature and not _typing():
        st.session_state.pop(OPENED, None)  # nothing typed yet: simply work on the file as it is now
        opened = _opened(snap.path)
        if isinstance(opened, list):
            _problems(opened, lang)
            return
    if on_disk != opened.signature:
        st.warning(
            t(
                lang,
                f"Tệp {snap.path.name} vừa được lưu ở nơi khác sau khi mở biểu mẫu. Lưu bây giờ sẽ bị từ chối; "
                "bấm “Đọc lại tệp” để làm việc trên bản mới (số liệu đã nhập vẫn giữ).",
                f"{snap.path.name} was saved elsewhere after this form opened. Saving now would be refused; "
                "press “Read the file again” to work on the new version (what you typed is kept).",
            ),
            icon="⚠️",
        )
        if st.button(t(lang, "Đọc lại tệp", "Read the file again"), key="upd_reload"):
            st.session_state.pop(OPENED, None)
            st.rerun()
    metrics = _model(opened)
    if metrics is None:
        st.error(t(lang, "Tệp đang có lỗi; sửa tệp trước khi cập nhật.", "The file has problems; fix it first."))
        return
    _undo(history, metrics, lang)
    modes = {"add": ("Thêm số liệu", "Add a figure"), "edit": ("Sửa hoặc xoá", "Edit or remove")}
    modes["tasks"] = ("Nhiệm vụ", "Tasks")
    modes["import"] = ("Nhập từ Excel", "Import from Excel")
    mode = st.radio(
        t(lang, "Việc cần làm", "What to do"),
        list(modes),
        format_func=lambda k: fmt.pick(lang, modes[k]),
        horizontal=True,
        key="upd_mode",
    )
    name = st.text_input(
        t(lang, "Người cập nhật (không bắt buộc)", "Your name (optional)"), key="upd_who", max_chars=80
    )
    if mode == "import":
        message = importer.render_import(opened, metrics, history, access.who(name), lang)
        if message:
            _done(message)
        return
    if mode == "tasks":
        chosen = task_form.render(opened, metrics, lang, _k)
        if chosen is None:
            return
        edits, problems, action = chosen
        if edits or problems:
            _preview_and_save(opened, metrics, history, Form(edits, problems), access.who(name), lang, action)
        return
    form = _add_form(metrics, lang) if mode == "add" else _edit_form(metrics, lang)
    if form is None:
        return
    _preview_and_save(opened, metrics, history, form, access.who(name), lang, mode)


def _typing() -> bool:
    """Whether the form has something in it (an indicator chosen), which a re-read must not lose."""
    return any(st.session_state.get(_k(key)) for key in ("add_indicator", "edit_indicator", *task_form.KEYS))


def _k(name: str) -> str:
    """A form widget's key in the current generation: new widgets (empty, in the browser too) after a save."""
    gen = st.session_state.get(GEN, 0)
    return name if gen == 0 else f"g{gen}-{name}"


def _opened(path) -> w.Opened | list[Problem]:
    opened = st.session_state.get(OPENED)
    if isinstance(opened, w.Opened) and opened.path == path:
        return opened
    opened = w.open_file(path)
    if isinstance(opened, w.Opened):
        st.session_state[OPENED] = opened
    return opened


def _model(opened: w.Opened) -> m.Metrics | None:
    """The model of the file as the form read it (kept for the session: the form reruns on every keystroke)."""
    kept = st.session_state.get(MODEL)
    if kept is not None and kept[0] == opened.signature:
        return kept[1]
    metrics = load_text(opened.text, opened.path, filename=opened.path.name).metrics
    st.session_state[MODEL] = (opened.signature, metrics)
    return metrics


def _plan(opened: w.Opened, edits: list[w.Edit], metrics: m.Metrics) -> w.Plan:
    """The plan for these edits on this file, made once: the preview's plan is the one Save writes."""
    key = (opened.signature, tuple(edits))
    kept = st.session_state.get(PLAN)
    if kept is not None and kept[0] == key:
        return kept[1]
    plan = w.plan(opened, edits, metrics)
    st.session_state[PLAN] = (key, plan)
    return plan


def _problems(problems: list[Problem], lang: str) -> None:
    # st.code shows the text as written: nothing typed in the form can render as Markdown or HTML.
    st.code("\n".join(p.render(lang) for p in problems), language=None, wrap_lines=True)


def _undo(history: History, metrics: m.Metrics, lang: str) -> None:
    t = common.t
    last = history.last_change()
    if last is None:
        return
    with st.container(border=True, key="upd-undo"):
        st.markdown(f"**{t(lang, 'Thay đổi gần nhất', 'Last change')}** · {changes.when_text(last)}")
        st.code("\n".join(changes.describe(last, metrics, lang)), language=None, wrap_lines=True)
        if st.button(t(lang, "Hoàn tác thay đổi này", "Undo this change"), key="upd_undo", icon="↩️"):
            problems = history.undo(access.who(st.session_state.get("upd_who")))
            if problems:
                st.error(t(lang, "Chưa hoàn tác:", "Not undone:"))
                _problems(problems, lang)
                return
            _done(t(lang, "Đã hoàn tác thay đổi gần nhất.", "The last change was undone."))


def _done(message: str) -> None:
    st.session_state[FLASH] = message
    st.session_state[GEN] = st.session_state.get(GEN, 0) + 1
    st.session_state.pop(OPENED, None)
    st.rerun()


# --- the fields -----------------------------------------------------------------------------------------
def _indicator(metrics: m.Metrics, lang: str, key: str, only_with_figures: bool = False) -> m.Indicator | None:
    t = common.t
    pool = [i for i in metrics.indicators if i.observations or not only_with_figures]
    by_id = {i.id: i for i in pool}
    chosen = st.selectbox(
        t(lang, "Chỉ tiêu (gõ để tìm)", "Indicator (type to search)"),
        list(by_id),
        index=None,
        format_func=lambda i: f"{fmt.name(by_id[i], lang)} · {i}",
        placeholder=t(lang, "Chọn chỉ tiêu…", "Choose an indicator…"),
        key=_k(key),
    )
    return by_id.get(chosen) if chosen else None


def _figure_fields(ind: m.Indicator, metrics: m.Metrics, lang: str, prefix: str, old: w.Figure | None) -> Form:
    """Period, value or status, qualifier, source (or a new one) and notes; the figure or the problems."""
    t = common.t
    problems: list[str] = []
    cols = st.columns(2)
    period = (
        cols[0]
        .text_input(
            t(lang, "Kỳ số liệu", "Period"),
            value=old.period if old else "",
            placeholder="2024 · 2016-2020 · 12/2023 · 8/7/2021 - 19/10/2021",
            key=f"{prefix}period",
        )
        .strip()
    )
    value: float | None = None
    status: str | None = None
    if ind.kind is m.Kind.MILESTONE:
        statuses = [s.value for s in m.MilestoneStatus]
        status = cols[1].selectbox(
            t(lang, "Trạng thái", "Status"),
            statuses,
            index=statuses.index(old.status) if old and old.status in statuses else None,
            format_func=lambda s: fmt.status_label(s, lang),
            key=f"{prefix}status",
        )
    else:
        unit = fmt.unit_label(ind, lang) or "—"
        typed = (
            cols[1]
            .text_input(
                t(lang, f"Giá trị (đơn vị: {unit})", f"Value (unit: {unit})"),
                value=w.number_text(old.value) if old and old.value is not None else "",
                placeholder="11.500 · 88,9",
                key=f"{prefix}value",
            )
            .strip()
        )
        if typed:
            got = typed_number(typed, percent=ind.unit is m.Unit.PERCENT)
            if isinstance(got, tuple):
                code, params = got
                problems.append(t(lang, "Giá trị: ", "Value: ") + Problem("", 0, 0, "", code, params).message(lang))
            else:
                value = got
    out_of: float | None = None
    if ind.kind is not m.Kind.MILESTONE:
        typed = st.text_input(
            t(lang, "Trên tổng số (không bắt buộc): hạng 11 trên 63 → 63", "Out of (optional): rank 11 of 63 → 63"),
            value=w.number_text(old.out_of) if old and old.out_of is not None else "",
            key=f"{prefix}out_of",
        ).strip()
        if typed:
            got = typed_number(typed)
            if isinstance(got, tuple):
                message = Problem("", 0, 0, "", got[0], got[1]).message(lang)
                problems.append(t(lang, "Trên tổng số: ", "Out of: ") + message)
            else:
                out_of = got
    qualifiers = [q.value for q in m.Qualifier]
    qualifier = st.multiselect(
        t(lang, "Từ định tính của nguồn", "The source's wording"),
        qualifiers,
        default=list(old.qualifier) if old else [],
        format_func=lambda q: fmt.pick(lang, fmt.QUALIFIER[m.Qualifier(q)]),
        key=f"{prefix}qualifier",
    )
    sources = {s.id: s for s in metrics.sources}
    options = [*sources, NEW_SOURCE]
    source = st.selectbox(
        t(lang, "Nguồn", "Source"),
        options,
        index=options.index(old.source) if old and old.source in sources else None,
        format_func=lambda s: (
            t(lang, "➕ Thêm nguồn mới…", "➕ Add a new source…")
            if s == NEW_SOURCE
            else f"{s} · {sources[s].title[:90]}"
        ),
        placeholder=t(lang, "Chọn nguồn…", "Choose a source…"),
        key=f"{prefix}source",
    )
    edits: list[w.Edit] = []
    if source == NEW_SOURCE:
        new = _new_source_fields(lang, prefix)
        if new is None:
            problems.append(
                t(lang, "Nguồn mới cần mã, tên và nơi ban hành.", "A new source needs an id, title, publisher.")
            )
        else:
            edits.append(w.AddSource(new))
            source = new.id
    note = st.text_input(t(lang, "Ghi chú", "Note"), value=(old.note or "") if old else "", key=f"{prefix}note")
    note_en = st.text_input(
        t(lang, "Ghi chú tiếng Anh", "Note in English"),
        value=(old.note_en or "") if old else "",
        key=f"{prefix}note_en",
    )
    if not period:
        problems.append(t(lang, "Cần kỳ số liệu.", "A period is needed."))
    if ind.kind is m.Kind.MILESTONE and status is None:
        problems.append(t(lang, "Cần trạng thái.", "A status is needed."))
    if ind.kind is not m.Kind.MILESTONE and value is None and not any("Giá trị" in p or "Value" in p for p in problems):
        problems.append(t(lang, "Cần giá trị (một con số).", "A value (a number) is needed."))
    if not source:
        problems.append(t(lang, "Cần nguồn.", "A source is needed."))
    figure = w.Figure(
        period=period,
        source=source or "",
        value=value,
        status=status,
        qualifier=tuple(qualifier),
        note=note.strip() or None,
        note_en=note_en.strip() or None,
        out_of=out_of,
    )
    return Form([*edits, figure], problems)  # the figure is turned into an edit by the caller


def _new_source_fields(lang: str, prefix: str) -> w.NewSource | None:
    t = common.t
    with st.container(border=True, key=f"{prefix}newsource"):
        st.caption(t(lang, "Nguồn mới (thêm vào phần sources của tệp)", "New source (added under sources:)"))
        cols = st.columns(2)
        ident = cols[0].text_input(
            t(lang, "Mã nguồn", "Source id"), placeholder="bao-long-an-2024-05", key=f"{prefix}src_id"
        )
        kind = cols[1].selectbox(
            t(lang, "Loại nguồn", "Kind"),
            list(SOURCE_KINDS),
            format_func=lambda k: fmt.pick(lang, SOURCE_KINDS[k]),
            key=f"{prefix}src_kind",
        )
        title = st.text_input(t(lang, "Tên bài báo, văn bản", "Title"), key=f"{prefix}src_title")
        publisher = st.text_input(t(lang, "Cơ quan, tờ báo", "Publisher"), key=f"{prefix}src_publisher")
        cols = st.columns(2)
        date = cols[0].text_input(t(lang, "Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"), key=f"{prefix}src_date")
        url = cols[1].text_input(t(lang, "Địa chỉ web", "Web address"), key=f"{prefix}src_url")
    if not (ident.strip() and title.strip() and publisher.strip()):
        return None
    return w.NewSource(ident.strip(), title.strip(), publisher.strip(), kind, date.strip() or None, url.strip() or None)


def _add_form(metrics: m.Metrics, lang: str) -> Form | None:
    ind = _indicator(metrics, lang, "add_indicator")
    if ind is None:
        return None
    latest = ind.latest_observation()
    if latest is not None:
        st.caption(
            common.t(lang, "Số liệu mới nhất: ", "Latest figure: ")
            + changes.figure_text(ind, w.figure_of(latest), lang)
        )
    form = _figure_fields(ind, metrics, lang, _k(f"add-{ind.id}-"), None)
    *edits, figure = form.edits
    return Form([*edits, w.AddFigure(ind.id, figure)], form.problems)


def _edit_form(metrics: m.Metrics, lang: str) -> Form | None:
    t = common.t
    ind = _indicator(metrics, lang, "edit_indicator", only_with_figures=True)
    if ind is None:
        return None
    index = st.selectbox(
        t(lang, "Số liệu", "Figure"),
        list(range(len(ind.observations))),
        format_func=lambda i: changes.figure_text(ind, w.figure_of(ind.observations[i]), lang),
        key=_k(f"edit-{ind.id}-which"),
    )
    old = w.figure_of(ind.observations[index])
    prefix = _k(f"edit-{ind.id}-{index}-")
    if st.toggle(t(lang, "Xoá số liệu này", "Remove this figure"), key=f"{prefix}remove"):
        return Form([w.RemoveFigure(ind.id, index)], [])
    form = _figure_fields(ind, metrics, lang, prefix, old)
    *edits, figure = form.edits
    return Form([*edits, w.EditFigure(ind.id, index, figure)], form.problems)


# --- preview and save -----------------------------------------------------------------------------------
def _preview_and_save(
    opened: w.Opened, metrics: m.Metrics, history: History, form: Form, who: str | None, lang: str, mode: str
) -> None:
    t = common.t
    plan = None if form.problems else _plan(opened, form.edits, metrics)
    if plan is not None and plan.text != opened.text:
        added, removed = plan.diff()
        st.markdown(t(lang, f"**Thay đổi trong {opened.path.name}:**", f"**Changes to {opened.path.name}:**"))
        for label, lines in (
            (t(lang, "Thêm các dòng", "Adds lines"), added),
            (t(lang, "Bỏ các dòng", "Removes lines"), removed),
        ):
            if lines:
                where = f"{lines[0][0]}–{lines[-1][0]}" if len(lines) > 1 else str(lines[0][0])
                st.caption(f"{label} {where}")
                st.code("\n".join(text for _, text in lines), language="yaml", wrap_lines=True)
    if form.problems or (plan is not None and plan.problems):
        st.error(t(lang, "Chưa ghi được, cần sửa:", "Not saved yet; please fix:"), icon="⚠️")
        if form.problems:
            st.code("\n".join(form.problems), language=None, wrap_lines=True)
        if plan is not None:
            _problems(plan.problems, lang)
    removing = bool(form.edits) and isinstance(form.edits[-1], w.RemoveFigure | w.RemoveTask)
    label = t(lang, "Xoá", "Remove") if removing else t(lang, "Lưu vào tệp", "Save to the file")
    if not st.button(label, type="primary", key="upd_save", icon="💾"):
        return
    if plan is None or plan.problems:
        st.error(t(lang, "Không ghi gì vì còn lỗi ở trên.", "Nothing was written: see the problems above."))
        return
    problems = history.save(plan, who)
    if problems:
        st.error(t(lang, "Không ghi gì:", "Nothing was written:"), icon="⛔")
        _problems(problems, lang)
        return
    message = {
        "add": t(lang, "Đã thêm số liệu.", "The figure was added."),
        "edit": t(lang, "Đã xoá số liệu.", "The figure was removed.")
        if removing
        else t(lang, "Đã lưu thay đổi.", "The change was saved."),
        "task_add": t(lang, "Đã thêm nhiệm vụ.", "The task was added."),
        "task_edit": t(lang, "Đã lưu thay đổi của nhiệm vụ.", "The task's change was saved."),
        "task_remove": t(lang, "Đã xoá nhiệm vụ.", "The task was removed."),
        "task_report": t(lang, "Đã ghi báo cáo tiến độ.", "The progress report was saved."),
    }[mode]
    _done(message)
