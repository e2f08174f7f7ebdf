"""Tải về / Download: the meeting files (PDF, PowerPoint, HTML, PNG, Excel) from the file as it is now."""

from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from pathlib import Path

import streamlit as st

from ..export import ExportError, export
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
}


@functools.lru_cache(maxsize=16)
def build(path: str, signature: data.Signature, fmt: str, lang: str) -> bytes:
    """The exported file's bytes; cached per saved version of the metrics file (signature)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / ("charts" if fmt == "png" else f"export.{fmt}")
        written = export(path, fmt, out, lang, progress=False)
        if fmt != "png":
            return written.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for png in sorted(written.glob("*.png")):
                archive.write(png, png.name)
        return buffer.getvalue()


def _maker(snap: data.Snapshot, fmt: str, lang: str):
    """A callable for st.download_button: the file is made only when the button is pressed."""

    def make() -> bytes:
        try:
            return build(str(snap.path), snap.signature, fmt, lang)
        except ExportError as error:  # shown in the file itself is all a deferred download can do
            return str(error).encode("utf-8")

    return make


def render() -> None:
    snap = data.current()
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
                "metrics.yaml đang có lỗi (xem phía trên): sửa xong mới tải về được, để tệp xuất khớp với tệp số liệu.",
                "metrics.yaml has problems (see above): fix them first, so the files match the data file.",
            )
        )
        return
    stem = f"chuyen-doi-so-{lang}"
    for fmt, (vi, en, ext, mime) in FORMATS.items():
        st.download_button(
            t(lang, vi, en),
            data=_maker(snap, fmt, lang),
            file_name=f"{stem}.{ext}",
            mime=mime,
            key=f"dl-{fmt}",
            icon=":material/download:",
        )
