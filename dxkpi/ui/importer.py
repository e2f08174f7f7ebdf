"""The import part of the update page: download the template, upload it filled in, check, then add."""

from __future__ import annotations

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.editing import spreadsheet_import as x
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.editing.template import template_bytes

from . import common

UPLOADS = "upd_uploads"  # how many imports this session has made


def _template_name(lang: str) -> str:
    """'mau-so-lieu.xlsx', or 'mau-so-lieu-tay-ninh.xlsx' for a region other than the default one."""
    region = common.selected_region()
    stem = fmt.t(lang, "mau-so-lieu", "figures-template")
    return f"{stem}.xlsx" if region.default else f"{stem}-{region.id}.xlsx"


def render_import(opened: w.Opened, metrics: m.Metrics, history: History, who: str | None, lang: str) -> str | None:
    """The import controls; returns the success message once the figures are written, else None."""
    t = common.t
    st.download_button(
        t(lang, "Tải tệp Excel mẫu", "Download the Excel template"),
        data=template_bytes(metrics, lang),
        file_name=_template_name(lang),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="upd_template",
        icon="📥",
    )
    st.caption(
        t(
            lang,
            "Điền các cột tô vàng (kỳ mới, giá trị mới, nguồn…) ở những dòng có số liệu mới; nguồn mới thì thêm "
            "ở cuối trang “Nguồn”. Các dòng để trống được bỏ qua.",
            "Fill the yellow columns (new period, value, source…) on the rows with a new figure; add a new source "
            "at the bottom of the “Sources” sheet. Empty rows are skipped.",
        )
    )
    # A new key after each import empties the uploader, so the same file is not offered a second time.
    key = f"upd_xlsx_{st.session_state.get(UPLOADS, 0)}"
    upload = st.file_uploader(t(lang, "Tệp Excel đã điền", "The filled-in Excel file"), type=["xlsx"], key=key)
    if upload is None:
        return None
    reading = x.read(upload.name, metrics, lang, data=upload.getvalue(), into=opened.path.name)
    problems: list = list(reading.problems)
    plan = None
    if not problems:
        plan, problems = x.plan_import(opened, reading)
    if problems:
        st.error(t(lang, "Chưa nhập được, cần sửa trong tệp Excel:", "Not imported; fix in the Excel file:"), icon="⚠️")
        st.code("\n".join(p.render(lang) for p in problems), language=None, wrap_lines=True)
        return None
    if plan is None or not reading.edits:
        st.info(t(lang, "Tệp không có số liệu mới nào.", "The file has no new figure."))
        return None
    added, _ = plan.diff()
    n, s = len(plan.changes), len(plan.sources_added)
    st.markdown(t(lang, f"**Sẽ thêm {n} số liệu, {s} nguồn:**", f"**Will add {n} figure(s), {s} source(s):**"))
    st.code("\n".join(f"{line:>5}  {text}" for line, text in added), language=None, wrap_lines=True)
    if not st.button(t(lang, "Nhập vào tệp", "Import into the file"), type="primary", key="upd_import", icon="💾"):
        return None
    refused = history.save(plan, who, kind="import")
    if refused:
        st.error(t(lang, "Không ghi gì:", "Nothing was written:"), icon="⛔")
        st.code("\n".join(p.render(lang) for p in refused), language=None, wrap_lines=True)
        return None
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    return t(lang, f"Đã nhập {n} số liệu, {s} nguồn.", f"Imported {n} figure(s), {s} source(s).")
