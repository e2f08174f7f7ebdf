"""Every indicator as a row of an Excel sheet, numbers as numbers; the plans under way (their counts, targets and
tasks), the closed period's final account, and a sheet of the sources.

Values and shares are numeric cells with a number format, so they can be sorted, filtered and
computed with; Excel shows them with the reader's own decimal and thousands marks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dxkpi.analysis import plans as p
from dxkpi.analysis.account import final_account
from dxkpi.core import clock, fmt
from dxkpi.core import model as m
from dxkpi.presentation.plan_rows import target_rows, task_rows
from dxkpi.presentation.slides import final_title

from .common import Report, t

HEADER_FILL = PatternFill("solid", fgColor="F2F4F7")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

# (vi, en, width in characters) for each column of the indicators sheet.
INDICATOR_COLUMNS = [
    ("Trụ cột", "Pillar", 16),
    ("Chỉ tiêu", "Indicator", 48),
    ("Giá trị mới nhất", "Latest value", 14),
    ("Đơn vị", "Unit", 14),
    ("Kỳ", "Period", 14),
    ("Cách nguồn viết", "Qualifier", 14),
    ("Mục tiêu", "Target", 24),
    ("Tỷ lệ so với mục tiêu", "Share of target", 14),
    ("Trạng thái", "Status", 22),
    ("Lý do", "Reason", 60),
    ("Nguồn", "Source", 30),
    ("Mã chỉ tiêu", "Indicator id", 30),
]

# One row per target dated in the period's last year: the figure that counts and how the target ended.
FINAL_COLUMNS = [
    ("Trụ cột", "Pillar", 16),
    ("Chỉ tiêu", "Indicator", 48),
    ("Mục tiêu", "Target", 26),
    ("Nguồn mục tiêu", "Target source", 22),
    ("Số liệu được tính", "Figure counted", 14),
    ("Đơn vị", "Unit", 12),
    ("Kỳ", "Period", 14),
    ("Cách nguồn viết", "Qualifier", 14),
    ("Nguồn số liệu", "Figure source", 26),
    ("Kết quả", "Outcome", 18),
    ("Vì sao", "Why", 70),
    ("Mã chỉ tiêu", "Indicator id", 30),
]

# The plans under way: one row each with its counts in the province's sentence (the Plans page's words).
PLAN_COLUMNS = [
    ("Kế hoạch", "Plan", 50),
    ("Văn bản", "Document", 18),
    ("Kỳ", "Period", 12),
    ("Chỉ tiêu", "Targets", 70),
    ("Nhiệm vụ", "Tasks", 60),
    ("Mã kế hoạch", "Plan id", 18),
]

# Each plan's targets: the state word, the figure counted as a number, and the sentence that says why.
PLAN_TARGET_COLUMNS = [
    ("Kế hoạch", "Plan", 18),
    ("Chỉ tiêu", "Target", 48),
    ("Mục tiêu", "Goal", 26),
    ("Đánh giá", "Assessment", 22),
    ("Kết quả", "Result", 14),
    ("Đơn vị", "Unit", 12),
    ("Kỳ số liệu", "Period", 14),
    ("Vì sao", "Why", 70),
    ("Nguồn", "Source", 26),
]

# Each plan's tasks, the overdue ones first.
TASK_COLUMNS = [
    ("Kế hoạch", "Plan", 18),
    ("Mã nhiệm vụ", "Task id", 16),
    ("Nhiệm vụ", "Task", 48),
    ("Cơ quan chủ trì", "Agency in charge", 26),
    ("Cơ quan phối hợp", "Coordinating", 26),
    ("Thời hạn", "Deadline", 12),
    ("Tình trạng", "Status", 26),
    ("Ngày báo cáo", "Reported", 12),
    ("Kết quả", "Result", 40),
    ("Khó khăn, vướng mắc", "Obstacles", 40),
    ("Văn bản minh chứng", "Evidence", 30),
]

SOURCE_COLUMNS = [
    ("Mã nguồn", "Source id", 22),
    ("Tên văn bản, bài báo", "Title", 60),
    ("Nơi phát hành", "Publisher", 30),
    ("Loại", "Kind", 12),
    ("Ngày", "Date", 12),
    ("Địa chỉ web", "Web address", 50),
    ("Ghi chú", "Note", 50),
]

SOURCE_KIND = {
    m.SourceKind.NEWS: ("báo", "news"),
    m.SourceKind.DECISION: ("văn bản", "decision"),
    m.SourceKind.REPORT: ("báo cáo", "report"),
    m.SourceKind.WEB: ("trang web", "web"),
}


def number_format(value: float) -> str:
    """'#,##0' for whole numbers, else as many decimals as the value has (up to 3): 88.9 -> '#,##0.0'."""
    if float(value).is_integer():
        return "#,##0"
    decimals = min(3, len(repr(float(value)).split(".")[1].rstrip("0")))
    return "#,##0." + "0" * max(1, decimals)


def _unit(ind: m.Indicator, lang: str) -> str:
    if ind.unit is m.Unit.RANK:
        return t(lang, "hạng", "rank")
    if ind.unit is m.Unit.COUNT and not fmt.unit_label(ind, lang):
        return t(lang, "số lượng", "count")
    return fmt.unit_label(ind, lang)


def _sheet(ws: Worksheet, columns: list[tuple[str, str, int]], lang: str) -> None:
    ws.append([fmt.t(lang, vi, en) for vi, en, _ in columns])
    for c, (_, _, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
        cell = ws.cell(row=1, column=c)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    ws.freeze_panes = "A2"


def _finish(ws: Worksheet, columns: list[tuple[str, str, int]]) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 2)}"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP if isinstance(cell.value, str) else TOP


def indicators_sheet(ws: Worksheet, report: Report) -> None:
    lang = report.lang
    metrics = report.metrics
    sources = metrics.source_by_id()
    ws.title = t(lang, "Chỉ tiêu", "Indicators")
    _sheet(ws, INDICATOR_COLUMNS, lang)
    for ind in metrics.indicators:
        prog = report.progress[ind.id]
        obs = prog.latest if ind.kind is m.Kind.MILESTONE else ind.latest_figure()
        source = sources.get(obs.source) if obs else None
        ws.append(
            [
                fmt.pillar(ind.pillar, lang),
                fmt.name(ind, lang),
                obs.value if obs else None,
                _unit(ind, lang),
                fmt.period_published(obs, lang) if obs else None,
                fmt.qualifier_words(obs.qualifier, lang) if obs and obs.qualifier else None,
                fmt.target(prog.target, ind, lang) if prog.target else None,
                prog.share,
                fmt.status_label(prog.status, lang),
                prog.explained(lang),
                f"[{obs.source}] {source.publisher}" if obs and source else (obs.source if obs else None),
                ind.id,
            ]
        )
        row = ws.max_row
        value = ws.cell(row=row, column=3)
        if isinstance(value.value, int | float):
            value.number_format = number_format(value.value)
        share = ws.cell(row=row, column=8)
        if share.value is not None:
            share.number_format = "0.0%"
    _finish(ws, INDICATOR_COLUMNS)


def final_sheet(ws: Worksheet, report: Report) -> None:
    """The final account: every target dated in the period's last year a row, the figure counted as a number."""
    lang = report.lang
    metrics = report.metrics
    sources = metrics.source_by_id()
    account = final_account(metrics)
    ws.title = final_title(account, lang)[:31]  # Excel's limit on a sheet name
    _sheet(ws, FINAL_COLUMNS, lang)
    for line in account.lines:
        ind, obs = line.indicator, line.figure
        source = sources.get(obs.source) if obs else None
        ws.append(
            [
                fmt.pillar(ind.pillar, lang),
                fmt.name(ind, lang),
                fmt.target(line.target, ind, lang),
                line.target.source,
                obs.value if obs else None,
                _unit(ind, lang),
                fmt.period_published(obs, lang) if obs else None,
                fmt.qualifier_words(obs.qualifier, lang) if obs and obs.qualifier else None,
                f"[{obs.source}] {source.publisher}" if obs and source else (obs.source if obs else None),
                fmt.status_label(line.outcome, lang),
                line.sentence(lang),
                ind.id,
            ]
        )
        value = ws.cell(row=ws.max_row, column=5)
        if isinstance(value.value, int | float):
            value.number_format = number_format(value.value)
    _finish(ws, FINAL_COLUMNS)


def plan_sheets(wb: Workbook, report: Report, as_of: dt.date | None = None) -> None:
    """Three sheets for the plans under way at `as_of` (today): their counts, their targets, their tasks; none when
    the files hold no open plan."""
    lang = report.lang
    metrics = report.metrics
    as_of = as_of or clock.today()
    accounts = [p.account_of(metrics, plan, as_of) for plan in p.open_plans(metrics, as_of)]
    if not accounts:
        return
    sources = metrics.source_by_id()
    plans = wb.create_sheet(t(lang, "Kế hoạch", "Plans"))
    _sheet(plans, PLAN_COLUMNS, lang)
    targets = wb.create_sheet(t(lang, "Chỉ tiêu kế hoạch", "Plan targets"))
    _sheet(targets, PLAN_TARGET_COLUMNS, lang)
    tasks = wb.create_sheet(t(lang, "Nhiệm vụ", "Tasks"))
    _sheet(tasks, TASK_COLUMNS, lang)
    for account in accounts:
        plan = account.plan
        label = fmt.plan_label(plan, lang)
        plans.append(
            [
                fmt.fallback(lang, plan.name, plan.name_en),
                plan.document.number,
                fmt.period(plan.period, lang),
                account.target_sentence(lang),
                account.task_sentence(lang),
                plan.id,
            ]
        )
        for line, row in zip(account.targets, target_rows(account, sources, lang), strict=True):
            figure = line.figure
            unit = _unit(line.indicator, lang) if line.indicator is not None else None
            targets.append(
                [label, row.name, row.goal, row.status_text, figure.value if figure else None, unit]
                + [row.period if figure else None, row.reason, row.source]
            )
            value = targets.cell(row=targets.max_row, column=5)
            if isinstance(value.value, int | float):
                value.number_format = number_format(value.value)
        for r in task_rows(account, lang):
            tasks.append(
                [label, r.id, r.title, r.lead, r.partners or None, r.due, r.status_text, r.reported]
                + [r.result or None, r.obstacles or None, r.evidence or None]
            )
    for ws, columns in ((plans, PLAN_COLUMNS), (targets, PLAN_TARGET_COLUMNS), (tasks, TASK_COLUMNS)):
        _finish(ws, columns)


def sources_sheet(ws: Worksheet, report: Report) -> None:
    lang = report.lang
    ws.title = t(lang, "Nguồn", "Sources")
    _sheet(ws, SOURCE_COLUMNS, lang)
    for s in report.metrics.sources:
        kind = SOURCE_KIND.get(s.kind, (str(s.kind), str(s.kind)))
        ws.append([s.id, s.title, s.publisher, fmt.pick(lang, kind), s.date, s.url, s.note])
        row = ws.max_row
        date = ws.cell(row=row, column=5)
        if isinstance(date.value, dt.date):
            date.number_format = "dd/mm/yyyy"
        if s.url:
            link = ws.cell(row=row, column=6)
            link.hyperlink = s.url
            link.style = "Hyperlink"
    _finish(ws, SOURCE_COLUMNS)


def build(report: Report, path: Path) -> None:
    wb = Workbook()
    indicators_sheet(wb.active, report)
    plan_sheets(wb, report)
    final_sheet(wb.create_sheet(), report)
    sources_sheet(wb.create_sheet(), report)
    props = wb.properties
    props.title = report.deck[0].title
    props.creator = "dxkpi"
    props.language = fmt.t(report.lang, "vi-VN", "en-GB")
    wb.save(str(path))


def write(report: Report, path: Path, progress: bool | None = None) -> None:
    """Write the workbook to `path`. No browser is needed."""
    build(report, path)
