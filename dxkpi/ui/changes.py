"""Thay đổi / Changes: every change to the figures, newest first, hand edits included; "what changed since"."""

from __future__ import annotations

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.editing import writer as w
from dxkpi.editing.history import Entry, History

from . import access, common

KINDS = {
    "add": ("Thêm số liệu", "Figure added"),
    "edit": ("Sửa số liệu", "Figure changed"),
    "remove": ("Xoá số liệu", "Figure removed"),
    "add_source": ("Thêm nguồn", "Source added"),
    "import": ("Nhập từ Excel", "Imported from Excel"),
    "undo": ("Hoàn tác", "Undone"),
    "restore": ("Khôi phục phiên bản", "Version restored"),
    "direct": ("Sửa trực tiếp tệp", "Edited directly"),
    "seen": ("Bắt đầu ghi lịch sử", "History started"),
}


def kind_text(kind: str, lang: str) -> str:
    vi, en = KINDS.get(kind, (kind, kind))
    return fmt.t(lang, vi, en)


def when_text(entry: Entry) -> str:
    """The entry's time on this computer's clock, dd/mm/yyyy HH:MM."""
    return entry.time.astimezone().strftime("%d/%m/%Y %H:%M")


def figure_text(ind: m.Indicator | None, figure: w.Figure, lang: str) -> str:
    """'88,9% (2023, nguồn S16)': the value (or status) as the pages show it, its period and source."""
    if figure.status:
        shown = fmt.status_label(figure.status, lang) if figure.status in fmt.STATUS_STYLE else figure.status
    elif ind is not None:
        qualifiers = [m.Qualifier(q) for q in figure.qualifier if q in {x.value for x in m.Qualifier}]
        shown = fmt.qualified(figure.value, ind, qualifiers, lang)
    else:
        shown = fmt.number(figure.value, lang)
    source = common.t(lang, "nguồn", "source")
    return f"{shown} ({figure.period}, {source} {figure.source})"


def _figure(raw: object) -> w.Figure | None:
    if not isinstance(raw, dict):
        return None
    raw = {**raw, "qualifier": tuple(raw.get("qualifier") or ())}
    try:
        return w.Figure(**raw)
    except TypeError:
        return None


def _task_change(change: dict[str, object], lang: str) -> str:
    """'Nhiệm vụ kh26-nv-01 (kế hoạch kh-cds-2026): báo cáo 20/11/2026, hoan-thanh' and the other task changes."""
    t = common.t
    head = t(
        lang,
        f"Nhiệm vụ {change['task']} (kế hoạch {change.get('plan')})",
        f"Task {change['task']} (plan {change.get('plan')})",
    )
    old, new = change.get("old"), change.get("new")
    if isinstance(new, dict) and "report" in new and isinstance(new["report"], dict):
        report = new["report"]
        status = fmt.task_status_word(str(report.get("status")), lang)
        return f"{head}: {t(lang, 'báo cáo', 'report')} {report.get('date')}, {status}"
    if old is None:
        return f"{head}: {t(lang, 'thêm', 'added')}"
    if new is None:
        return f"{head}: {t(lang, 'xoá', 'removed')}"
    assert isinstance(old, dict) and isinstance(new, dict)
    keys = [k for k in {**old, **new} if old.get(k) != new.get(k)]
    return f"{head}: {t(lang, 'sửa', 'edited')} " + ", ".join(
        f"{k} {old.get(k, '—')} → {new.get(k, '—')}" for k in keys
    )


def describe(entry: Entry, metrics: m.Metrics | None, lang: str) -> list[str]:
    """One line per figure changed: 'Name: old → new'; one per task change or report."""
    t = common.t
    by_id = {i.id: i for i in metrics.indicators} if metrics else {}
    lines = []
    if not entry.valid:
        lines.append(
            t(
                lang,
                "Tệp sau khi sửa có lỗi; không so sánh được từng số liệu.",
                "The edited file has problems; figures could not be compared.",
            )
        )
    for ident in entry.sources_added:
        lines.append(t(lang, f"Thêm nguồn {ident}", f"Source {ident} added"))
    for change in entry.changes:
        if "task" in change:
            lines.append(_task_change(change, lang))
            continue
        ind = by_id.get(str(change.get("indicator")))
        name = fmt.name(ind, lang) if ind else str(change.get("indicator"))
        old, new = _figure(change.get("old")), _figure(change.get("new"))
        if old is None and new is not None:
            lines.append(f"{name}: {t(lang, 'thêm', 'added')} {figure_text(ind, new, lang)}")
        elif new is None and old is not None:
            lines.append(f"{name}: {t(lang, 'xoá', 'removed')} {figure_text(ind, old, lang)}")
        elif old is not None and new is not None:
            lines.append(f"{name}: {figure_text(ind, old, lang)} → {figure_text(ind, new, lang)}")
    if not lines:
        lines.append(
            t(lang, "Không đổi số liệu nào (chỉ chú thích, định dạng…).", "No figure changed (comments, layout…).")
        )
    return lines


def render() -> None:
    snap = common.current()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    st.title(t(lang, "Thay đổi", "Changes"))
    history = History(snap.path)
    logged = history.entries()
    entries = [e for e in logged if e.kind != "seen"]  # the first version the app read: said once, below
    direct = history.direct_edit()
    if direct is not None:
        entries = [*entries, direct]
    started = next((e for e in logged if e.kind == "seen"), None)
    if started is not None:
        st.caption(
            t(
                lang,
                f"Lịch sử bắt đầu {when_text(started)}, lần đầu ứng dụng đọc {snap.path.name}; mọi thay đổi từ đó, "
                "kể cả sửa trực tiếp tệp, đều có ở đây.",
                f"The history starts {when_text(started)}, when the app first read {snap.path.name}; every change "
                "since, hand edits included, is listed here.",
            )
        )
    if not entries:
        st.info(
            t(
                lang,
                "Chưa có thay đổi nào qua ứng dụng. Mỗi lần cập nhật số liệu (trang “Cập nhật số liệu” hoặc "
                "nhập từ Excel) sẽ được ghi lại ở đây.",
                "No change has been made through the app yet. Every update (the “Update figures” page or an "
                "Excel import) is listed here.",
            )
        )
        return
    since = st.date_input(
        t(lang, "Thay đổi từ ngày", "What changed since"), value=None, format="DD/MM/YYYY", key="chg_since"
    )
    shown = [e for e in reversed(entries) if since is None or e.time.astimezone().date() >= since]
    st.caption(t(lang, f"{len(shown)} thay đổi, mới nhất trước.", f"{len(shown)} change(s), newest first."))
    editor = access.served_locally() or bool(st.session_state.get(access.UNLOCKED))
    for entry in shown:
        _entry(entry, snap.metrics, history, editor and entry is not direct, lang)


def _entry(entry: Entry, metrics: m.Metrics | None, history: History, editor: bool, lang: str) -> None:
    t = common.t
    with st.container(border=True, key=f"chg-{entry.number}-{entry.kind}"):
        head = f"**{kind_text(entry.kind, lang)}** · {when_text(entry)}"
        if entry.kind == "direct":
            head += t(lang, " · sửa bằng Notepad hoặc trình soạn thảo khác", " · saved from Notepad or another editor")
        st.markdown(head)
        if entry.who:  # typed by a person: shown as plain text, never as Markdown
            st.text(t(lang, "Người cập nhật: ", "By: ") + entry.who)
        st.code("\n".join(describe(entry, metrics, lang)), language=None, wrap_lines=True)
        if editor and history.version(entry.before) is not None:
            label = t(lang, "Khôi phục bản trước thay đổi này", "Restore the version before this change")
            if st.button(label, key=f"chg-restore-{entry.number}"):
                problems = history.restore(entry.before, access.who(None))
                if problems:
                    st.error(t(lang, "Chưa khôi phục:", "Not restored:"))
                    st.code("\n".join(p.render(lang) for p in problems), language=None, wrap_lines=True)
                    return
                st.rerun()
