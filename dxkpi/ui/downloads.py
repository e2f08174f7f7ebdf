"""Tải về / Download: the meeting files (PDF, PowerPoint, HTML, PNG, Excel) and the Word Báo cáo, from the file as it
is now."""

from __future__ import annotations

import datetime as dt
import functools
import io
import tempfile
import zipfile
from pathlib import Path

import streamlit as st

from dxkpi.analysis import plans
from dxkpi.core import clock, fmt
from dxkpi.core import model as m
from dxkpi.presentation import html as h

from ..export import ExportError, export, images
from . import common, data

# format -> (Vietnamese label, English label, file extension, MIME type)
FORMATS = {
    "pdf": ("Báo cáo PDF (A4 ngang)", "PDF report (A4 landscape)", "pdf", "application/pdf"),
    "pptx": (
        "PowerPoint (các trang trình chiếu)",
        "PowerPoint (the presentation slides)",
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "html": ("Trang HTML mở ngoại tuyến", "HTML page that opens offline", "html", "text/html"),
    "png": ("Ảnh các biểu đồ (PNG, nén zip)", "Chart images (PNG, zipped)", "zip", "application/zip"),
    "xlsx": (
        "Bảng Excel các chỉ tiêu",
        "Excel table of the indicators",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "docx": (
        "Báo cáo Word (dự thảo theo Nghị định 30/2020)",
        "Word report (a draft in the form of Decree 30/2020)",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


NEEDS_BROWSER = ("pdf", "pptx", "png")  # their charts are drawn by a Chrome-family browser (kaleido)
FAILURES = "dx-download-failures"  # session key: format -> why its last download could not be made
PLAN_KEY = "dl-plan"  # session key: the plan the Word report counts, chosen beside its button


def build(path: str, signature: data.Signature, fmt: str, lang: str, plan: str | None = None) -> bytes:
    """The exported file's bytes; cached per saved version of the metrics file (signature), and for the Word report
    per day too (it is dated today, its figures cut off today) and per plan it counts (None: the default one)."""
    if fmt != "docx":
        return _build(path, signature, fmt, lang, None, None)
    return _build(path, signature, fmt, lang, clock.today(), plan)


@functools.lru_cache(maxsize=16)
def _build(path: str, signature: data.Signature, fmt: str, lang: str, today: dt.date | None, plan: str | None) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / ("charts" if fmt == "png" else f"export.{fmt}")
        options = {"today": today, "plan": plan} if today is not None else None
        written = export(path, fmt, out, lang, progress=False, options=options)
        if fmt != "png":
            return written.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for png in sorted(written.glob("*.png")):
                archive.write(png, png.name)
        return buffer.getvalue()


def _maker(snap: data.Snapshot, fmt: str, lang: str, failures: dict[str, str], plan: str | None = None):
    """A callable for st.download_button: the file is made only when the button is pressed.

    If it cannot be made, the callable raises, so the browser saves nothing (never an error message
    under a .pdf name); the reason is kept in `failures` and shown by the page's next run."""

    def make() -> bytes:
        try:
            data = build(str(snap.path), snap.signature, fmt, lang, plan)
        except ExportError as error:
            failures[fmt] = str(error)
            raise
        failures.pop(fmt, None)
        return data

    return make


def choose_plan(metrics: m.Metrics, lang: str) -> str | None:
    """The plan the Word report counts, chosen beside its button and kept for the session: by default the first plan
    open today (the province's own first), as the command line's default; None when the files hold no plan."""
    ordered = plans.plan_order(metrics)
    if not ordered:
        return None
    ids = [x.id for x in ordered]
    if st.session_state.get(PLAN_KEY) not in ids:
        first = plans.open_plans(metrics, clock.today())
        st.session_state[PLAN_KEY] = first[0].id if first else ids[0]
    by_id = {x.id: x for x in ordered}
    chosen: str = st.selectbox(
        common.t(lang, "Kế hoạch được báo cáo trong báo cáo Word", "The plan the Word report counts"),
        ids,
        format_func=lambda i: fmt.plan_title(by_id[i], lang),
        key=PLAN_KEY,
    )
    return chosen


def no_browser(lang: str) -> str | None:
    """Why PDF, PowerPoint and PNG cannot be made on this computer (no browser to draw charts), or None."""
    try:
        images.find_browser(lang)
    except ExportError as error:
        return str(error)
    return None


def render() -> None:
    snap = common.current()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    st.title(t(lang, "Tải về cho cuộc họp", "Download for a meeting"))
    st.caption(
        t(
            lang,
            "Các tệp dùng được khi không có mạng. PDF, PowerPoint và ảnh vẽ biểu đồ bằng Chrome hoặc Edge có sẵn "
            "trên máy; tệp được tạo khi bấm nút (vài giây).",
            "Files that work with no network. PDF, PowerPoint and images draw their charts with the Chrome or Edge "
            "on this computer; each file is made when you press its button (a few seconds).",
        )
    )
    if snap.problems:
        st.warning(
            t(
                lang,
                f"{snap.path.name} đang có lỗi (xem phía trên): sửa xong mới tải về được, để tệp xuất khớp với tệp "
                "số liệu.",
                f"{snap.path.name} has problems (see above): fix them first, so the files match the data file.",
            )
        )
        return
    region = common.selected_region()
    # A region other than the default one is named in the file name, so two provinces' decks never overwrite.
    stem = f"chuyen-doi-so-{lang}" if region.default else f"chuyen-doi-so-{region.id}-{lang}"
    failures: dict[str, str] = st.session_state.setdefault(FAILURES, {})
    missing = no_browser(lang)
    for form, (vi, en, ext, mime) in FORMATS.items():
        blocked = missing if form in NEEDS_BROWSER else None
        plan = None
        if form == "docx" and snap.metrics is not None:  # the Word report's own option, just above its button
            plan = choose_plan(snap.metrics, lang)
        st.download_button(
            t(lang, vi, en),
            data=_maker(snap, form, lang, failures, plan),
            file_name=f"{stem}.{ext}",
            mime=mime,
            key=f"dl-{form}",
            icon=":material/download:",
            disabled=blocked is not None,
        )
        if blocked:  # said before the click, under the button that needs the browser
            st.caption(h.esc(t(lang, "Chưa tạo được trên máy này. ", "Cannot be made on this computer. ") + blocked))
        failure = failures.pop(form, None)
        if failure:
            said = t(lang, "Lần tải trước không tạo được tệp: ", "The last download could not be made: ") + failure
            st.error(h.esc(said))  # Markdown: the reason may quote lines of the metrics file
