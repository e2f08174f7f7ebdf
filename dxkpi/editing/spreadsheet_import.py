"""A filled-in Excel template (editing.template) read back as edits, and the import that adds them.

Every problem in a filled-in sheet is named by sheet, row and column, with the same explanation the
validator gives for the same mistake in metrics.yaml; the figures and the tasks' status reports are then
added by dxkpi.editing.writer in one planned change and logged by dxkpi.editing.history like a change made
in the app. Nothing here imports Streamlit.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.editing.sheet_layout import FIGURES, REGION_MARK, SOURCES, TASK_STATUS_WORDS, TASKS, SheetLayout
from dxkpi.reading.loader import load_text
from dxkpi.reading.problems import Problem, did_you_mean
from dxkpi.reading.scalars import parse_date, parse_period, typed_number

MAX_ROWS = 5000  # rows read from a sheet


@dataclass(frozen=True)
class CellProblem:
    """A mistake in one cell (or a whole row or sheet when column is ''), with the validator's wording."""

    file: str
    sheet: str
    row: int
    column: str  # the column letter
    header: str
    code: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        return Problem(self.file, self.row, 0, "", self.code, self.params).message(lang)

    def render(self, lang: str = "vi") -> str:
        if not self.sheet:  # about the whole workbook
            return f"{self.file}: {self.message(lang)}"
        sheet, row, column = fmt.t(lang, ("trang", "dòng", "cột"), ("sheet", "row", "column"))
        where = f"{sheet} '{self.sheet}'"
        where += f", {row} {self.row}" if self.row else ""
        where += f", {column} {self.column} ({self.header})" if self.column else ""
        return f"{self.file}: {where}: {self.message(lang)}"


@dataclass
class Reading:
    """What a filled-in workbook asks for: the edits, where each came from, and every problem."""

    edits: list[w.Edit] = field(default_factory=list)
    rows: list[tuple[str, int]] = field(default_factory=list)  # (sheet, row) of each edit
    problems: list[CellProblem] = field(default_factory=list)
    sheets: dict[str, _Sheet] = field(default_factory=dict)


class _Sheet:
    """One sheet with its columns found by header (in either language)."""

    def __init__(self, file: str, ws, layout: SheetLayout, lang: str) -> None:
        self.file, self.ws, self.lang = file, ws, lang
        self.name = ws.title
        self.col: dict[str, int] = {}
        self.layout = layout
        self.written: dict[str, str] = {}  # the header as written in the sheet
        wanted = {_norm(h): key for key, column in layout.columns.items() for h in (column.vi, column.en)}
        for cell in next(ws.iter_rows(min_row=1, max_row=1), ()):
            key = wanted.get(_norm(cell.value)) if isinstance(cell.value, str) else None
            if key and key not in self.col:
                self.col[key] = cell.column
                self.written[key] = " ".join(cell.value.split())

    def header(self, key: str) -> str:
        if key in self.written:
            return self.written[key]
        return self.layout.columns[key].header(self.lang)

    def letter(self, key: str) -> str:
        return get_column_letter(self.col[key]) if key in self.col else ""

    def problem(self, row: int, key: str, code: str, **params: object) -> CellProblem:
        header = self.header(key) if key in self.layout.columns else ""
        return CellProblem(self.file, self.name, row, self.letter(key), header, code, params)

    def value(self, row: tuple, key: str) -> Any:
        index = self.col.get(key)
        if index is None or index > len(row):
            return None
        value = row[index - 1].value
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _find_sheet(book, layout: SheetLayout):
    """The workbook's sheet of a layout, by its name in either language; None when there is none."""
    for ws in book.worksheets:
        if _norm(ws.title) in {_norm(n) for n in layout.names}:
            return ws
    return None


def read(
    path: str | Path, metrics: m.Metrics, lang: str = "vi", data: bytes | None = None, into: str = "metrics.yaml"
) -> Reading:
    """The edits a filled-in template asks for, or the problems, each at its sheet, row and column."""
    file = Path(path).name
    reading = Reading()
    try:
        book = load_workbook(io.BytesIO(data) if data is not None else path, data_only=True, read_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as err:
        reading.problems.append(CellProblem(file, "", 0, "", "", "not_xlsx", {"error": str(err) or type(err).__name__}))
        return reading
    made_for = (book.properties.keywords or "").removeprefix(REGION_MARK) if book.properties.keywords else ""
    if (book.properties.keywords or "").startswith(REGION_MARK) and made_for != metrics.meta.region:
        params = {"template": made_for, "region": metrics.meta.region}
        reading.problems.append(CellProblem(file, "", 0, "", "", "template_other_region", params))
        return reading
    figures_ws = _find_sheet(book, FIGURES)
    if figures_ws is None:
        names = " / ".join(FIGURES.names)
        reading.problems.append(CellProblem(file, names, 0, "", "", "no_sheet", {"sheet": names}))
        return reading
    figures = _Sheet(file, figures_ws, FIGURES, lang)
    reading.sheets[figures.name] = figures
    tasks_ws = _find_sheet(book, TASKS)
    tasks = _Sheet(file, tasks_ws, TASKS, lang) if tasks_ws is not None else None
    missing = _missing_columns(figures) + (_missing_columns(tasks) if tasks is not None else [])
    reading.problems += missing
    if missing:
        return reading
    known_sources = {s.id for s in metrics.sources}
    sources_ws = _find_sheet(book, SOURCES)
    if sources_ws is not None:
        reading.sheets[sources_ws.title] = _Sheet(file, sources_ws, SOURCES, lang)
        _read_sources(reading.sheets[sources_ws.title], known_sources, reading)
    new_sources = {e.source.id for e in reading.edits if isinstance(e, w.AddSource)}
    _read_figures(figures, metrics, known_sources | new_sources, reading, into)
    if tasks is not None:
        reading.sheets[tasks.name] = tasks
        _read_tasks(tasks, metrics, reading, into)
    return reading


def _missing_columns(sheet: _Sheet) -> list[CellProblem]:
    """A problem for each column the import cannot do without that the sheet's header row lacks."""
    out = []
    for key in sheet.layout.required:
        if key not in sheet.col:
            column = sheet.layout.columns[key]
            header: dict[str, object] = {"header": f"{column.vi} / {column.en}"}
            out.append(CellProblem(sheet.file, sheet.name, 1, "", sheet.header(key), "no_column", header))
    return out


def _read_sources(sheet: _Sheet, known: set[str], reading: Reading) -> None:
    """New sources typed at the bottom of the sources sheet (rows of known sources are left as they are)."""
    if "id" not in sheet.col:
        return
    seen: dict[str, int] = {}
    kinds = [k.value for k in m.SourceKind]
    for number, row in enumerate(sheet.ws.iter_rows(min_row=2, max_row=min(sheet.ws.max_row, MAX_ROWS)), start=2):
        ident = sheet.value(row, "id")
        if ident is None:
            continue
        ident = str(ident)
        if ident in known:
            continue
        if ident in seen:
            reading.problems.append(
                sheet.problem(
                    number, "id", "duplicate_id", id=ident, first_line=seen[ident], what_vi="nguồn", what_en="source"
                )
            )
            continue
        seen[ident] = number
        values = {k: sheet.value(row, k) for k in SOURCES.columns}
        bad = False
        for key in ("title", "publisher", "kind"):
            if values[key] is None:
                reading.problems.append(sheet.problem(number, key, "missing_cell", what=sheet.header(key)))
                bad = True
        kind = str(values["kind"]) if values["kind"] is not None else None
        if kind is not None and kind not in kinds:
            reading.problems.append(
                sheet.problem(
                    number,
                    "kind",
                    "bad_choice",
                    value=kind,
                    what_vi="loại nguồn",
                    what_en="source kind",
                    allowed=", ".join(kinds),
                    **_suggest(kind, kinds),
                )
            )
            bad = True
        date = values["date"]
        if isinstance(date, dt.datetime | dt.date):
            date = fmt.date(date if isinstance(date, dt.date) else date.date())
        if date is not None and parse_date(str(date)) is None:
            reading.problems.append(sheet.problem(number, "date", "bad_date", text=str(date)))
            bad = True
        if bad:
            continue
        reading.edits.append(
            w.AddSource(
                w.NewSource(
                    ident,
                    str(values["title"]),
                    str(values["publisher"]),
                    kind or "",
                    str(date) if date else None,
                    str(values["url"]) if values["url"] else None,
                )
            )
        )
        reading.rows.append((sheet.name, number))


def _suggest(value: str, options: list[str]) -> dict[str, str]:
    best = did_you_mean(value, options)
    if best is None:
        return {"suggest_vi": "", "suggest_en": ""}
    return {"suggest_vi": f" (có phải '{best}'?)", "suggest_en": f" (did you mean '{best}'?)"}


def _period_text(value: Any, number_format: str) -> str:
    """A period cell as text; a cell Excel turned into a date becomes dd/mm/yyyy (or mm/yyyy)."""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{day.day}/{day.month}/{day.year}" if "d" in number_format.lower() else f"{day.month}/{day.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_figures(sheet: _Sheet, metrics: m.Metrics, sources: set[str], reading: Reading, into: str) -> None:
    indicators = {i.id: i for i in metrics.indicators}
    taken: dict[tuple[str, str | None], str | int] = {
        (i.id, o.period.text): "file" for i in metrics.indicators for o in i.observations
    }
    for number, row in enumerate(sheet.ws.iter_rows(min_row=2, max_row=min(sheet.ws.max_row, MAX_ROWS)), start=2):
        if all(sheet.value(row, k) is None for k in FIGURES.inputs):
            continue  # nothing new on this row
        before = len(reading.problems)
        add = reading.problems.append
        ident = sheet.value(row, "id")
        ind = indicators.get(str(ident)) if ident is not None else None
        if ident is None:
            add(sheet.problem(number, "id", "missing_cell", what=sheet.header("id")))
            continue
        if ind is None:
            add(
                sheet.problem(
                    number, "id", "unknown_indicator", value=str(ident), **_suggest(str(ident), list(indicators))
                )
            )
            continue
        raw_period = sheet.value(row, "period")
        period = None
        if raw_period is None:
            add(sheet.problem(number, "period", "missing_cell", what=sheet.header("period")))
        else:
            cell = row[sheet.col["period"] - 1]
            period = _period_text(raw_period, cell.number_format or "")
            parsed = parse_period(period)
            if isinstance(parsed, tuple):
                add(sheet.problem(number, "period", parsed[0], **parsed[1]))
            else:
                period = parsed.text
                if (ind.id, period) in taken:
                    where = "file" if taken[(ind.id, period)] == "file" else taken[(ind.id, period)]
                    add(
                        sheet.problem(
                            number,
                            "period",
                            "figure_exists",
                            period=period,
                            where_vi=_where(where, into, "vi"),
                            where_en=_where(where, into, "en"),
                        )
                    )
        value, status = _value_and_status(sheet, row, number, ind, add)
        qualifier = _qualifier(sheet, row, number, add)
        source = sheet.value(row, "source")
        if source is None:
            add(sheet.problem(number, "source", "missing_cell", what=sheet.header("source")))
        elif str(source) not in sources:
            add(
                sheet.problem(
                    number, "source", "unknown_source", value=str(source), **_suggest(str(source), sorted(sources))
                )
            )
        if len(reading.problems) > before:
            continue
        taken[(ind.id, period)] = number
        note, note_en = sheet.value(row, "note"), sheet.value(row, "note_en")
        figure = w.Figure(
            str(period),
            str(source),
            value,
            status,
            qualifier,
            str(note) if note is not None else None,
            str(note_en) if note_en is not None else None,
        )
        reading.edits.append(w.AddFigure(ind.id, figure))
        reading.rows.append((sheet.name, number))


def _where(where: object, into: str, lang: str) -> str:
    """Where the figure already is: in the region's file (named as it is), or on another row of the sheet."""
    if where == "file":
        return fmt.t(lang, f"trong {into}", f"in {into}")
    return fmt.t(lang, f"ở dòng {where}", f"on row {where}")


def _value_and_status(sheet: _Sheet, row: tuple, number: int, ind: m.Indicator, add) -> tuple[float | None, str | None]:
    raw_value, raw_status = sheet.value(row, "value"), sheet.value(row, "status")
    if ind.kind is m.Kind.MILESTONE:
        if raw_value is not None:
            add(sheet.problem(number, "value", "milestone_needs_status"))
        if raw_status is None:
            if raw_value is None:
                add(sheet.problem(number, "status", "milestone_needs_status"))
            return None, None
        statuses = [s.value for s in m.MilestoneStatus]
        if str(raw_status) not in statuses:
            add(
                sheet.problem(
                    number,
                    "status",
                    "bad_choice",
                    value=str(raw_status),
                    what_vi="trạng thái",
                    what_en="status",
                    allowed=", ".join(statuses),
                    **_suggest(str(raw_status), statuses),
                )
            )
            return None, None
        return None, str(raw_status)
    if raw_status is not None:
        add(sheet.problem(number, "status", "figure_needs_value"))
    if raw_value is None:
        add(sheet.problem(number, "value", "missing_cell", what=sheet.header("value")))
        return None, None
    if isinstance(raw_value, bool):
        add(sheet.problem(number, "value", "number_words", text=str(raw_value)))
        return None, None
    if isinstance(raw_value, int | float):
        number_value: Any = raw_value
        if "%" in (row[sheet.col["value"] - 1].number_format or "") and ind.unit is m.Unit.PERCENT:
            number_value = raw_value * 100  # a cell formatted as a percentage holds 0.96 for 96%
    else:
        number_value = typed_number(str(raw_value), percent=ind.unit is m.Unit.PERCENT)
        if isinstance(number_value, tuple):
            add(sheet.problem(number, "value", number_value[0], **number_value[1]))
            return None, None
    if isinstance(number_value, float) and number_value.is_integer():
        number_value = int(number_value)
    return number_value, None


def _qualifier(sheet: _Sheet, row: tuple, number: int, add) -> tuple[str, ...]:
    raw = sheet.value(row, "qualifier")
    if raw is None:
        return ()
    allowed = [q.value for q in m.Qualifier]
    out = []
    for part in str(raw).replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if part not in allowed:
            add(
                sheet.problem(
                    number,
                    "qualifier",
                    "bad_choice",
                    value=part,
                    what_vi="từ định tính",
                    what_en="qualifier",
                    allowed=", ".join(allowed),
                    **_suggest(part, allowed),
                )
            )
            return ()
        out.append(part)
    return tuple(out)


def _task_status(text: str) -> m.TaskStatus | None:
    """The status a cell names: a word of the drop-down in either language, or the file's own word."""
    wanted = _norm(text)
    for status, words in TASK_STATUS_WORDS.items():
        if wanted in {_norm(status.value), *(_norm(x) for x in words)}:
            return status
    return None


def _date_cell(sheet: _Sheet, row: tuple, number: int, key: str, add) -> str | None:
    """A date cell as dd/mm/yyyy: an Excel date, or text typed dd/mm/yyyy; a problem (and None) otherwise."""
    raw = sheet.value(row, key)
    if raw is None:
        return None
    if isinstance(raw, dt.datetime | dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
    else:
        text = _period_text(raw, "")
        parsed = parse_date(text)
        if parsed is None:
            add(sheet.problem(number, key, "bad_date", text=text))
            return None
        day = parsed
    return f"{day.day}/{day.month}/{day.year}"


def _text(value: Any) -> str | None:
    return None if value is None else _period_text(value, "")


def _read_tasks(sheet: _Sheet, metrics: m.Metrics, reading: Reading, into: str) -> None:
    """A status report for each row with something filled in, for a task of the file's own plans."""
    plans = {plan.id: plan for plan in metrics.own_plans()}
    # (plan, task, date, status) -> where that report already is: in the file, or on an earlier row
    taken: dict[tuple[str, str, str, str], str | int] = {
        (plan.id, task.id, fmt.date(r.date), r.status.value): "file"
        for plan in plans.values()
        for task in plan.tasks
        for r in task.reports
    }
    written_in = "en" if _norm(sheet.name) == _norm(TASKS.en) else "vi"  # the words its drop-down offers
    words = [fmt.t(written_in, vi, en) for vi, en in TASK_STATUS_WORDS.values()]
    for number, row in enumerate(sheet.ws.iter_rows(min_row=2, max_row=min(sheet.ws.max_row, MAX_ROWS)), start=2):
        if all(sheet.value(row, k) is None for k in TASKS.inputs):
            continue  # no report on this row
        before = len(reading.problems)
        add = reading.problems.append
        plan_id, task_id = _text(sheet.value(row, "plan")), _text(sheet.value(row, "id"))
        if plan_id is None or task_id is None:
            key = "plan" if plan_id is None else "id"
            add(sheet.problem(number, key, "missing_cell", what=sheet.header(key)))
            continue
        plan = plans.get(plan_id)
        task = next((t for t in plan.tasks if t.id == task_id), None) if plan is not None else None
        if plan is None or task is None:
            wrong, options = (plan_id, list(plans)) if plan is None else (task_id, [t.id for t in plan.tasks])
            add(
                sheet.problem(
                    number,
                    "plan" if plan is None else "id",
                    "unknown_task",
                    task=task_id,
                    plan=plan_id,
                    into=into,
                    **_suggest(wrong, options),
                )
            )
            continue
        date = _date_cell(sheet, row, number, "date", add)
        if date is None and sheet.value(row, "date") is None:
            add(sheet.problem(number, "date", "missing_cell", what=sheet.header("date")))
        raw_status = _text(sheet.value(row, "status"))
        status = _task_status(raw_status) if raw_status is not None else None
        if raw_status is None:
            add(sheet.problem(number, "status", "missing_cell", what=sheet.header("status")))
        elif status is None:
            add(
                sheet.problem(
                    number,
                    "status",
                    "bad_choice",
                    value=raw_status,
                    what_vi="tình trạng nhiệm vụ",
                    what_en="task status",
                    allowed=", ".join(words),
                    **_suggest(raw_status, words),
                )
            )
        reason = _text(sheet.value(row, "reason"))
        if status is m.TaskStatus.NOT_CARRIED_OUT and reason is None:
            add(sheet.problem(number, "reason", "report_needs_reason", status=raw_status, what=sheet.header("reason")))
        evidence_date = _date_cell(sheet, row, number, "evidence_date", add)
        evidence_number = _text(sheet.value(row, "evidence_number"))
        if evidence_number is None and (evidence_date or sheet.value(row, "evidence_summary") is not None):
            add(sheet.problem(number, "evidence_number", "missing_cell", what=sheet.header("evidence_number")))
        if date is not None and status is not None:
            day = parse_date(date)
            assert day is not None  # made above from a date
            report_key = (plan.id, task.id, fmt.date(day), status.value)
            if report_key in taken:
                where = taken[report_key]
                add(
                    sheet.problem(
                        number,
                        "date",
                        "report_exists",
                        date=date,
                        status=raw_status,
                        where_vi=_where(where, into, "vi"),
                        where_en=_where(where, into, "en"),
                    )
                )
            taken.setdefault(report_key, number)
        if len(reading.problems) > before:
            continue
        assert date is not None and status is not None  # no problem above, so both were read
        summary = _text(sheet.value(row, "evidence_summary"))
        report = w.ReportFields(
            date,
            status.value,
            reason,
            _text(sheet.value(row, "result")),
            _text(sheet.value(row, "obstacles")),
            evidence_number,
            evidence_date,
            summary,
        )
        reading.edits.append(w.AddReport(plan.id, task.id, report))
        reading.rows.append((sheet.name, number))


_OBS_FIELD = re.compile(r"indicators\[(.+?)\]\.observations\[(\d+)\](?:\.(\w+))?")
_SOURCE_FIELD = re.compile(r"sources\[(.+?)\](?:\.(\w+))?")
_REPORT_FIELD = re.compile(r"plans\[(.+?)\]\.tasks\[(.+?)\]\.reports\[(\d+)\](?:\.(\w+))?(?:\.(\w+))?")
# a report's key in the file -> its column in the tasks sheet
_REPORT_COLUMN = {"date": "date", "status": "status", "reason": "reason", "result": "result", "obstacles": "obstacles"}
_EVIDENCE_COLUMN = {"number": "evidence_number", "date": "evidence_date", "summary": "evidence_summary"}


def plan_import(opened: w.Opened, reading: Reading) -> tuple[w.Plan, list[CellProblem | Problem]]:
    """The whole import as one planned change, checked by the loader like any other; each problem the
    check finds in a new figure or source is traced back to its sheet, row and column."""
    model = load_text(opened.text, opened.path, filename=opened.path.name).metrics
    plan = w.plan(opened, reading.edits, model)
    if model is None or not plan.problems:
        return plan, list(plan.problems)
    count = {i.id: len(i.observations) for i in model.indicators}
    reports = {(p.id, t.id): len(t.reports) for p in model.plans for t in p.tasks}
    where: dict[tuple[str, str], tuple[str, int]] = {}
    report_at: dict[tuple[str, str, str], tuple[str, int]] = {}
    for edit, at in zip(reading.edits, reading.rows, strict=True):
        if isinstance(edit, w.AddFigure):
            where[(edit.indicator, str(count[edit.indicator]))] = at
            count[edit.indicator] += 1
        elif isinstance(edit, w.AddSource):
            where[("", edit.source.id)] = at
        elif isinstance(edit, w.AddReport):
            report_at[(edit.plan, edit.task_id, str(reports[(edit.plan, edit.task_id)]))] = at
            reports[(edit.plan, edit.task_id)] += 1
    traced: list[CellProblem | Problem] = []
    for problem in plan.problems:
        report = _REPORT_FIELD.fullmatch(problem.field)
        if report is not None and (report[1], report[2], report[3]) in report_at:
            sheet_name, row = report_at[(report[1], report[2], report[3])]
            sheet = reading.sheets[sheet_name]
            column = _EVIDENCE_COLUMN.get(report[5] or "number", "") if report[4] == "evidence" else ""
            column = column or _REPORT_COLUMN.get(report[4] or "", "")
            traced.append(sheet.problem(row, column, problem.code, **problem.params))
            continue
        found = _OBS_FIELD.fullmatch(problem.field) or _SOURCE_FIELD.fullmatch(problem.field)
        is_obs = found is not None and found.re is _OBS_FIELD
        key = ((found[1], found[2]) if is_obs else ("", found[1])) if found is not None else None
        if key not in where:
            traced.append(problem)  # not in a new figure or source: named by its line in metrics.yaml
            continue
        sheet = reading.sheets[where[key][0]]
        assert found is not None  # a key in `where` came from a match
        column = (found[3] if is_obs else found[2]) or ""
        column = column if column in sheet.col else ""
        traced.append(sheet.problem(where[key][1], column, problem.code, **problem.params))
    return plan, traced


@dataclass
class ImportResult:
    """What an import did or would do: the problems (rendered), or the lines added and whether written."""

    problems: list[str]
    added: list[tuple[int, str]]
    figures: int
    sources: int
    written: bool
    reports: int = 0  # tasks' status reports


def counts(plan: w.Plan) -> tuple[int, int, int]:
    """(figures, sources, task reports) a planned import adds."""
    reports = sum(1 for change in plan.changes if "task" in change)
    return len(plan.changes) - reports, len(plan.sources_added), reports


def import_file(
    xlsx: str | Path,
    metrics_path: str | Path,
    lang: str = "vi",
    dry_run: bool = False,
    who: str | None = None,
    data: bytes | None = None,
) -> ImportResult:
    """Read a filled-in template and, with no problem and not a dry run, add its figures and task reports
    safely in one change and log it."""
    opened = w.open_file(metrics_path)
    if isinstance(opened, list):
        return ImportResult([p.render(lang) for p in opened], [], 0, 0, False)
    metrics = load_text(opened.text, opened.path, filename=opened.path.name)
    if metrics.metrics is None:
        return ImportResult([p.render(lang) for p in metrics.problems], [], 0, 0, False)
    reading = read(xlsx, metrics.metrics, lang, data=data, into=opened.path.name)
    if reading.problems:
        return ImportResult([p.render(lang) for p in reading.problems], [], 0, 0, False)
    plan, problems = plan_import(opened, reading)
    if problems:
        return ImportResult([p.render(lang) for p in problems], [], 0, 0, False)
    added, _ = plan.diff()
    figures, sources, reports = counts(plan)
    if dry_run or not reading.edits:
        return ImportResult([], added, figures, sources, False, reports)
    refused = History(opened.path).save(plan, who, kind="import")
    if refused:
        return ImportResult([p.render(lang) for p in refused], [], 0, 0, False)
    return ImportResult([], added, figures, sources, True, reports)
