"""The Excel template a department fills in: a row per indicator with its latest figure and empty cells for the
new one, a row per task of the file's own plans with its current status and empty cells for the new report, and
the sources, new ones typed at the bottom. Its sheets and columns are editing.sheet_layout's.

`agency` makes one department's template: only the tasks it leads. The figures sheet keeps every indicator:
the files do not say which agency reports which indicator."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.editing.sheet_layout import FIGURES, REGION_MARK, SHEETS, SOURCES, TASKS, SheetLayout, task_status_word

INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")  # the cells to fill in
HEADER_FILL = PatternFill("solid", fgColor="F2F4F7")
NEW_SOURCE_ROWS = 200  # room for new sources typed at the bottom


class UnknownAgency(ValueError):
    """An agency no task of the file's own plans is led by; `known` lists those that are."""

    def __init__(self, agency: str, known: list[str]) -> None:
        super().__init__(agency)
        self.agency, self.known = agency, known


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def agencies(metrics: m.Metrics) -> list[str]:
    """The agencies in charge of the tasks of the file's own plans, each once, in the order they first appear."""
    out: dict[str, str] = {}
    for plan in metrics.own_plans():
        for task in plan.tasks:
            out.setdefault(_norm(task.lead), task.lead)
    return list(out.values())


def tasks_of(metrics: m.Metrics, agency: str | None = None) -> list[tuple[m.Plan, m.Task]]:
    """The tasks of the file's own plans, in file order; only those `agency` leads when given (spaces and
    letter case aside). An agency that leads none is UnknownAgency."""
    rows = [(plan, task) for plan in metrics.own_plans() for task in plan.tasks]
    if agency is None:
        return rows
    mine = [(plan, task) for plan, task in rows if _norm(task.lead) == _norm(agency)]
    if not mine:
        raise UnknownAgency(agency, agencies(metrics))
    return mine


def template(metrics: m.Metrics, lang: str = "vi", agency: str | None = None) -> Workbook:
    """A workbook with a row per indicator (id, latest figure, empty cells for the new one), a row per task
    (the file's own plans', or one agency's) when there is one, and the sources."""
    tasks = tasks_of(metrics, agency)
    book = Workbook()
    # Which province the template is for: an import into another province's file is refused.
    book.properties.keywords = REGION_MARK + metrics.meta.region
    book.properties.title = metrics.meta.title
    for index, layout in enumerate(layout for layout in SHEETS if layout is not TASKS or tasks):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = layout.name(lang)
        _header(ws, layout, lang)
    sheet, sources = book[FIGURES.name(lang)], book[SOURCES.name(lang)]
    for row, ind in enumerate(metrics.indicators, start=2):
        latest = ind.latest_observation()
        values: dict[str, Any] = {
            "id": ind.id,
            "name": fmt.name(ind, lang),
            "pillar": fmt.pillar(ind.pillar, lang),
            "unit": fmt.unit_label(ind, lang) or ind.unit.value,
        }
        if latest is not None:
            values["latest"] = (
                fmt.status_label(str(latest.status), lang)
                if latest.status
                else fmt.qualified(latest.value, ind, latest.qualifier, lang)
            )
            values["latest_period"] = latest.period.text
            values["latest_source"] = latest.source
        for col, (key, column) in enumerate(FIGURES.columns.items(), start=1):
            cell = sheet.cell(row=row, column=col, value=values.get(key))
            if column.fill:
                cell.fill = INPUT_FILL
            if column.text:
                cell.number_format = "@"
    last = max(len(metrics.indicators) + 1, 2)
    for row, src in enumerate(metrics.sources, start=2):
        values = {
            "id": src.id,
            "title": src.title,
            "publisher": src.publisher,
            "kind": src.kind.value,
            "date": fmt.date(src.date) if src.date else None,
            "url": src.url,
        }
        for col, key in enumerate(SOURCES.columns, start=1):
            sources.cell(row=row, column=col, value=values[key])
    source_rows = len(metrics.sources) + 1 + NEW_SOURCE_ROWS
    for key, column in SOURCES.columns.items():
        if column.text:
            letter = SOURCES.letter(key)
            for row in range(2, source_rows + 1):
                sources[f"{letter}{row}"].number_format = "@"
    _choices(sheet, FIGURES, "status", [s.value for s in m.MilestoneStatus], last)
    _choices(sheet, FIGURES, "qualifier", [q.value for q in m.Qualifier], last, strict=False)
    _choices(sheet, FIGURES, "source", f"'{SOURCES.name(lang)}'!$A$2:$A${source_rows}", last)
    _choices(sources, SOURCES, "kind", [k.value for k in m.SourceKind], source_rows)
    if tasks:
        _tasks(book[TASKS.name(lang)], tasks, lang)
    return book


def _tasks(ws, tasks: list[tuple[m.Plan, m.Task]], lang: str) -> None:
    """A row per task: what it is and its current status, then the empty cells of the new report."""
    for row, (plan, task) in enumerate(tasks, start=2):
        report = task.latest_report()
        latest = fmt.t(lang, "Chưa có báo cáo", "No report yet")
        if report is not None:
            word = task_status_word(report.status, lang)
            latest = fmt.t(
                lang, f"{word} (báo cáo {fmt.date(report.date)})", f"{word} (reported {fmt.date(report.date)})"
            )
        values: dict[str, Any] = {
            "id": task.id,
            "plan": plan.id,
            "title": fmt.fallback(lang, task.title, task.title_en),
            "lead": task.lead,
            "due": fmt.period(task.due, lang),
            "latest": latest,
        }
        for col, (key, column) in enumerate(TASKS.columns.items(), start=1):
            cell = ws.cell(row=row, column=col, value=values.get(key))
            if column.fill:
                cell.fill = INPUT_FILL
            if column.text:
                cell.number_format = "@"
    words = [task_status_word(s, lang) for s in m.TaskStatus]
    _choices(ws, TASKS, "status", words, len(tasks) + 1)


def _header(ws, layout: SheetLayout, lang: str) -> None:
    """The header row in the reader's language, bold on grey and wrapped, the column widths, and frozen panes."""
    for col, (key, column) in enumerate(layout.columns.items(), start=1):
        cell = ws.cell(row=1, column=col, value=column.header(lang))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[layout.letter(key)].width = column.width
    ws.freeze_panes = "B2"


def _choices(ws, layout: SheetLayout, key: str, options: list[str] | str, last: int, strict: bool = True) -> None:
    """A drop-down list on a column; strict refuses anything else (the qualifier also takes 'khoang, hon')."""
    letter = layout.letter(key)
    formula = options if isinstance(options, str) else '"' + ",".join(options) + '"'
    rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict)
    ws.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{last}")


def template_bytes(metrics: m.Metrics, lang: str = "vi", agency: str | None = None) -> bytes:
    out = io.BytesIO()
    template(metrics, lang, agency).save(out)
    return out.getvalue()
