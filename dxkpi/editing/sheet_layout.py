"""The workbook's layout, shared by the template (editing.template) and the import (editing.spreadsheet_import):
each sheet's name and columns, each column's header in both languages, its width and what a department does with it.

Each sheet is a SheetLayout here, listed in SHEETS: the template writes its header row and widths, and the
import finds it and its columns by their names in either language. The tasks sheet's status words are
TASK_STATUS_WORDS: the template's drop-down offers them, the import reads them back as the file's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from dxkpi.core import fmt
from dxkpi.core import model as m

# The workbook's keywords property holds REGION_MARK + meta.region: an import into another province's file is refused.
REGION_MARK = "dxkpi-region: "


@dataclass(frozen=True)
class Column:
    """One column: its header in Vietnamese and English (the import finds the column by either) and its width."""

    vi: str
    en: str
    width: int
    fill: bool = False  # filled in by the department: shaded in the template, and a row with none of them is skipped
    text: bool = False  # typed as text, so Excel does not turn 12/2023 into a date

    def header(self, lang: str) -> str:
        return fmt.t(lang, self.vi, self.en)


@dataclass(frozen=True)
class SheetLayout:
    """One sheet: its name in both languages, its columns in order by key, and those an import cannot do without."""

    vi: str
    en: str
    columns: dict[str, Column]
    required: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, str]:
        return (self.vi, self.en)

    def name(self, lang: str) -> str:
        return fmt.t(lang, self.vi, self.en)

    def letter(self, key: str) -> str:
        """The column letter of a key in the template: 'A' for the first column."""
        return get_column_letter(list(self.columns).index(key) + 1)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The keys of the columns a department fills in."""
        return tuple(key for key, column in self.columns.items() if column.fill)


FIGURES = SheetLayout(
    "Số liệu",
    "Figures",
    {
        "id": Column("Mã chỉ tiêu", "Indicator id", 30),
        "name": Column("Chỉ tiêu", "Indicator", 48),
        "pillar": Column("Trụ cột", "Pillar", 16),
        "unit": Column("Đơn vị", "Unit", 12),
        "latest": Column("Số liệu mới nhất", "Latest figure", 24),
        "latest_period": Column("Kỳ của số liệu mới nhất", "Its period", 16),
        "latest_source": Column("Nguồn của số liệu mới nhất", "Its source", 22),
        "period": Column("Kỳ mới", "New period", 14, fill=True, text=True),
        "value": Column("Giá trị mới", "New value", 14, fill=True),
        "status": Column("Trạng thái mới (cột mốc)", "New status (milestones)", 16, fill=True),
        "qualifier": Column("Từ định tính", "Qualifier", 14, fill=True),
        "source": Column("Nguồn mới", "New source", 22, fill=True),
        "note": Column("Ghi chú", "Note", 40, fill=True),
        "note_en": Column("Ghi chú tiếng Anh", "Note in English", 40, fill=True),
    },
    required=("id", "period", "value", "source"),
)

# New sources are typed at the bottom, under the file's own: every column is the department's, none is shaded.
SOURCES = SheetLayout(
    "Nguồn",
    "Sources",
    {
        "id": Column("Mã nguồn", "Source id", 24),
        "title": Column("Tên văn bản, bài báo", "Title", 60),
        "publisher": Column("Nơi phát hành", "Publisher", 30),
        "kind": Column("Loại nguồn", "Kind", 12),
        "date": Column("Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)", 16, text=True),
        "url": Column("Địa chỉ web", "Web address", 50),
    },
)

# One row per task of the file's own plans (of one agency with --agency): the department fills in its report.
TASKS = SheetLayout(
    "Nhiệm vụ",
    "Tasks",
    {
        "id": Column("Mã nhiệm vụ", "Task id", 18),
        "plan": Column("Mã kế hoạch", "Plan id", 18),
        "title": Column("Nhiệm vụ", "Task", 48),
        "lead": Column("Cơ quan chủ trì", "Agency in charge", 28),
        "due": Column("Thời hạn", "Deadline", 12),
        "latest": Column("Tình trạng hiện tại", "Current status", 26),
        "date": Column("Ngày báo cáo (dd/mm/yyyy)", "Report date (dd/mm/yyyy)", 16, fill=True, text=True),
        "status": Column("Tình trạng", "Status", 18, fill=True),
        "reason": Column("Lý do (khi không thực hiện)", "Reason (when not carried out)", 30, fill=True),
        "result": Column("Kết quả", "Result", 36, fill=True),
        "obstacles": Column("Khó khăn, vướng mắc", "Obstacles", 36, fill=True),
        "evidence_number": Column("Số hiệu văn bản minh chứng", "Evidence: document number", 20, fill=True),
        "evidence_date": Column(
            "Ngày văn bản minh chứng (dd/mm/yyyy)", "Evidence: date (dd/mm/yyyy)", 16, fill=True, text=True
        ),
        "evidence_summary": Column("Trích yếu văn bản minh chứng", "Evidence: what it is about", 40, fill=True),
    },
    required=("id", "plan", "date", "status"),
)

# A task's status as the sheet writes it, in both languages (the drop-down offers the template's language;
# the import takes either, or the file's own word such as dang-thuc-hien).
# The words are fmt's, the one place a status is worded.
TASK_STATUS_WORDS: dict[m.TaskStatus, tuple[str, str]] = {
    status: (fmt.STATUS_STYLE[key][1], fmt.STATUS_STYLE[key][2]) for status, key in fmt.TASK_STATUS.items()
}


def task_status_word(status: m.TaskStatus, lang: str) -> str:
    return fmt.task_status_word(status.value, lang)


# The sheets in the workbook's order (the tasks sheet only when the file has a task to report on).
SHEETS = (FIGURES, TASKS, SOURCES)
