"""The app's frame: page setup, language, navigation, the watcher and the problem banner."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dxkpi.analysis.account import final_account
from dxkpi.core import fmt
from dxkpi.core.model import Metrics

from . import common, data, live, preload

PAGES = Path(__file__).resolve().parent / "pages"

# (file, url path, icon, Vietnamese title, English title)
PAGE_TABLE = [
    ("overview.py", "", ":material/dashboard:", "Tổng quan", "Overview"),
    ("plans.py", "ke-hoach", ":material/checklist:", "Kế hoạch", "Plans"),
    ("final_account.py", "tong-ket", ":material/fact_check:", "Tổng kết 2021–2025", "2021–2025 final account"),
    ("baseline.py", "nen-tu-tinh-cu", ":material/merge:", "Nền từ hai tỉnh cũ", "Baseline from the former provinces"),
    ("chinh_quyen_so.py", "chinh-quyen-so", ":material/account_balance:", "Chính quyền số", "Digital government"),
    ("kinh_te_so.py", "kinh-te-so", ":material/trending_up:", "Kinh tế số", "Digital economy"),
    ("xa_hoi_so.py", "xa-hoi-so", ":material/groups:", "Xã hội số", "Digital society"),
    ("nen_tang.py", "nen-tang", ":material/hub:", "Nền tảng chung", "Foundations"),
    ("compare.py", "so-sanh", ":material/compare_arrows:", "So sánh", "Compare"),
    ("milestones.py", "cot-moc", ":material/flag:", "Cột mốc", "Milestones"),
    ("sources.py", "nguon", ":material/menu_book:", "Nguồn", "Sources"),
    ("present.py", "present", ":material/slideshow:", "Trình chiếu", "Present"),
    ("downloads.py", "tai-ve", ":material/download:", "Tải về", "Download"),
    ("update.py", "cap-nhat", ":material/edit_note:", "Cập nhật số liệu", "Update figures"),
    ("changes.py", "thay-doi", ":material/history:", "Thay đổi", "Changes"),
]

# The sidebar's sections, by url path: what a reader comes for (following, the merger, a meeting, updating).
SECTIONS = [
    (
        ("Theo dõi", "Tracking"),
        ["", "ke-hoach", "tong-ket", "chinh-quyen-so", "kinh-te-so", "xa-hoi-so", "nen-tang", "cot-moc"],
    ),
    (("Tỉnh hợp nhất", "The merged province"), ["nen-tu-tinh-cu", "so-sanh"]),
    (("Cuộc họp", "Meetings"), ["present", "tai-ve", "nguon"]),
    (("Cập nhật", "Updating"), ["cap-nhat", "thay-doi"]),
]

# The pages that draw charts as they open; every other page has the browser load the charts' chunk once drawn.
CHART_PAGES = {"chinh-quyen-so", "kinh-te-so", "xa-hoi-so", "nen-tang", "so-sanh", "present"}


def main() -> None:
    """The whole run of a page; one that a save of the file asked for waits its turn (live.turn)."""
    with live.turn():
        _run()


def _closed_period(metrics: Metrics | None) -> str:
    """'2021–2025': the closed period the plans give, for the final account's place in the sidebar."""
    if metrics is None:
        return ""
    account = final_account(metrics)
    return f"{account.first}–{account.year}"


def _run() -> None:
    st.set_page_config(page_title="Chuyển đổi số · DX KPI", page_icon="📊", layout="wide")
    first = data.current()
    default = first.metrics.meta.language.value if first.metrics else "vi"
    lang = common.language(default)
    region = common.region(lang)
    snap = common.current()
    # The first page is the default one, which Streamlit always serves at "/" (it takes no url_path).
    closed = _closed_period(snap.metrics)
    pages = {
        url: st.Page(
            PAGES / file,
            title=fmt.t(lang, f"Tổng kết {closed}", f"{closed} final account")
            if url == "tong-ket" and closed
            else fmt.t(lang, vi, en),
            icon=icon,
            **({"default": True} if i == 0 else {"url_path": url}),
        )
        for i, (file, url, icon, vi, en) in enumerate(PAGE_TABLE)
    }
    sections = {common.t(lang, vi, en): [pages.pop(url) for url in urls if url in pages] for (vi, en), urls in SECTIONS}
    if pages:  # a page no section names still gets a place
        sections[next(iter(sections))].extend(pages.values())
    page = st.navigation(sections, expanded=True)
    common.style()
    live.follow(snap)  # a save of the file reruns this page from the server
    common.problem_banner(snap, lang)
    common.link_banner(region, lang)
    if page.url_path != "present":  # a slide keeps its whole screen; the warnings are on every other page
        common.warning_banner(snap, lang)
    if snap.metrics is None:
        name = common.file_shown(snap.path)
        st.info(
            common.t(
                lang,
                f"Mở {name} bằng Notepad hoặc VS Code, sửa các dòng nêu trên rồi lưu (Encoding: UTF-8). "
                "Trang sẽ tự hiện số liệu khi tệp hợp lệ. Hướng dẫn: docs/guide-vi.md, “Sửa tệp metrics.yaml”.",
                f"Open {name} in Notepad or VS Code, fix the lines above and save (Encoding: UTF-8). "
                "The page shows the figures by itself once the file is valid. "
                "See docs/guide-en.md, “Editing metrics.yaml”.",
            )
        )
        return
    page.run()
    if page.url_path not in CHART_PAGES:
        # Last: its hidden element loads Streamlit's Html part, which the page itself may not need.
        preload.chart_bundle()
