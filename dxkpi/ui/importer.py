"""The import part of the update page: download the template (all tasks, or one agency's), upload it filled in,
check, then add the figures and task reports in one change."""

from __future__ import annotations

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.editing import spreadsheet_import as x
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.editing.template import agencies, template_bytes

from . import common

UPLOADS = "upd_uploads"  # how many imports this session has made


def _template_name(lang: str, agency: str | None = None) -> str:
    """'mau-so-lieu.xlsx', or 'mau-so-lieu-tay-ninh.xlsx' for a region other than the default one; an agency's
    template ends with the agency's name, unaccented ('…-so-noi-vu.xlsx')."""
    region = common.selected_region()
    stem = fmt.t(lang, "mau-so-lieu", "figures-template")
    stem = stem if region.default else f"{stem}-{region.id}"
    if agency:
        stem += "-" + "-".join(fmt.unaccent(agency).split())
    return f"{stem}.xlsx"


def render_import(opened: w.Opened, metrics: m.Metrics, history: History, who: str | None, lang: str) -> str | None:
    """The import controls; returns the success message once the figures are written, else None."""
    t = common.t
    leads = agencies(metrics)
    agency = None
    if leads:
        everyone = t(lang, "Mọi cơ quan", "Every agency")
        chosen = st.selectbox(
            t(lang, "Nhiệm vụ trong tệp mẫu", "Tasks in the template"),
            [everyone, *leads],
            key="upd_agency",
            help=t(
                lang,
                "Mỗi sở, ngành tải tệp mẫu chỉ có các nhiệm vụ do mình chủ trì; các chỉ tiêu vẫn đủ cả.",
                "Each department downloads a template with only the tasks it leads; every indicator stays.",
            ),
        )
        agency = None if chosen == everyone else chosen
    st.download_button(
        t(lang, "Tải tệp Excel mẫu", "Download the Excel template"),
        data=template_bytes(metrics, lang, agency),
        file_name=_template_name(lang, agency),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="upd_template",
        icon="📥",
    )
    st.caption(
        t(
            lang,
            "Điền các cột tô vàng (kỳ mới, giá trị mới, nguồn…) ở những dòng có số liệu mới; nguồn mới thì thêm "
            "ở cuối trang “Nguồn”. Báo cáo nhiệm vụ: ở trang “Nhiệm vụ”, điền ngày báo cáo, tình trạng và kết quả "
            "ở dòng của nhiệm vụ. Các dòng để trống được bỏ qua.",
            "Fill the yellow columns (new period, value, source…) on the rows with a new figure; add a new source "
            "at the bottom of the “Sources” sheet. Task reports: on the “Tasks” sheet, fill the report date, status "
            "and result on the task's row. Empty rows are skipped.",
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
        st.info(t(lang, "Tệp không có số liệu hay báo cáo mới nào.", "The file has no new figure or report."))
        return None
    added, _ = plan.diff()
    what = _counted(*x.counts(plan), lang)
    st.markdown(t(lang, f"**Sẽ thêm {what}:**", f"**Will add {what}:**"))
    st.code("\n".join(f"{line:>5}  {text}" for line, text in added), language=None, wrap_lines=True)
    if not st.button(t(lang, "Nhập vào tệp", "Import into the file"), type="primary", key="upd_import", icon="💾"):
        return None
    refused = history.save(plan, who, kind="import")
    if refused:
        st.error(t(lang, "Không ghi gì:", "Nothing was written:"), icon="⛔")
        st.code("\n".join(p.render(lang) for p in refused), language=None, wrap_lines=True)
        return None
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    return t(lang, f"Đã nhập {what}.", f"Imported {what}.")


def _counted(figures: int, sources: int, reports: int, lang: str) -> str:
    """'3 số liệu, 0 nguồn' and, when there are some, ', 2 báo cáo nhiệm vụ'."""
    vi, en = f"{figures} số liệu, {sources} nguồn", f"{figures} figure(s), {sources} source(s)"
    if reports:
        vi, en = f"{vi}, {reports} báo cáo nhiệm vụ", f"{en}, {reports} task report(s)"
    return common.t(lang, vi, en)
