"""Changing one figure (or adding one source) in metrics.yaml without touching any other byte.

A change is planned on the text, as a list of whole lines added, replaced or removed at places found
from the YAML node marks of the loader's parser; everything else (comments, blank lines, quote style,
key order, CRLF line ends, a BOM) stays byte for byte. The whole resulting text is checked by the
loader before anything is written, and the write itself is atomic: a temporary file in the same folder,
flushed to disk, then renamed over the old one. Nothing here imports Streamlit.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dxkpi.core import model as m
from dxkpi.reading.loader import MAX_BYTES, decode, load_text, parse, unreadable
from dxkpi.reading.problems import Problem

# Keys of an observation the writer manages, in the order it writes them; any other key is left alone.
OBS_KEYS = ("period", "value", "status", "qualifier", "source", "out_of", "note", "note_en")

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
_PLAIN_PERIOD = re.compile(r"\d{4}|\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}|Q[1-4]/\d{4}")
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
_DASH = re.compile(r"( *)-( +)")


# --- what a change is -------------------------------------------------------------------------------
def given(obj: object, keys: tuple[str, ...]) -> dict[str, object]:
    """The keys of `obj` that have a value (not None, '' or ()), in `keys` order; a tuple as a list, as JSON has it."""
    out: dict[str, object] = {}
    for key in keys:
        value = getattr(obj, key)
        if value not in (None, "", ()):
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


@dataclass(frozen=True)
class Figure:
    """One observation as a form or a spreadsheet row gives it (text as typed, number already read)."""

    period: str
    source: str
    value: float | None = None
    status: str | None = None
    qualifier: tuple[str, ...] = ()
    note: str | None = None
    note_en: str | None = None
    out_of: float | None = None

    def as_dict(self) -> dict[str, object]:
        """The figure as the history records it: only the keys that have a value."""
        return given(self, OBS_KEYS)


@dataclass(frozen=True)
class NewSource:
    """A source to add under sources: (date written dd/mm/yyyy)."""

    id: str
    title: str
    publisher: str
    kind: str
    date: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class AddFigure:
    indicator: str
    figure: Figure


@dataclass(frozen=True)
class EditFigure:
    indicator: str
    index: int  # position in the indicator's observations, as the loader lists them
    figure: Figure


@dataclass(frozen=True)
class RemoveFigure:
    indicator: str
    index: int


@dataclass(frozen=True)
class AddSource:
    source: NewSource


# Keys of a task the writer manages, in the order it writes them; `reports:` is only ever appended to.
TASK_KEYS = ("id", "title", "title_en", "item", "lead", "partners", "due")
REPORT_KEYS = ("date", "status", "reason", "result", "obstacles", "evidence")


@dataclass(frozen=True)
class TaskFields:
    """A task as the form gives it (text as typed)."""

    id: str
    title: str
    lead: str
    due: str
    title_en: str | None = None
    item: str | None = None
    partners: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The task as the history records it: only the keys that have a value."""
        return given(self, TASK_KEYS)


@dataclass(frozen=True)
class ReportFields:
    """One status report on a task as the form or a spreadsheet row gives it (dates written dd/mm/yyyy)."""

    date: str
    status: str
    reason: str | None = None
    result: str | None = None
    obstacles: str | None = None
    evidence_number: str | None = None
    evidence_date: str | None = None
    evidence_summary: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The report as the history records it: only the fields that have a value."""
        return given(self, tuple(f.name for f in fields(self)))


@dataclass(frozen=True)
class AddTask:
    plan: str
    task: TaskFields


@dataclass(frozen=True)
class EditTask:
    plan: str
    task_id: str
    task: TaskFields


@dataclass(frozen=True)
class RemoveTask:
    plan: str
    task_id: str


@dataclass(frozen=True)
class AddReport:
    plan: str
    task_id: str
    report: ReportFields


TaskEdit = AddTask | EditTask | RemoveTask | AddReport
Edit = AddFigure | EditFigure | RemoveFigure | AddSource | AddTask | EditTask | RemoveTask | AddReport


def figure_of(obs: m.Observation) -> Figure:
    """The Figure that an observation of the model reads as."""
    return Figure(
        period=obs.period.text,
        source=obs.source,
        value=obs.value,
        status=obs.status.value if obs.status else None,
        qualifier=tuple(q.value for q in obs.qualifier),
        note=obs.note,
        note_en=obs.note_en,
        out_of=getattr(obs, "out_of", None),
    )


# --- the file as read ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Opened:
    """A metrics file as read when a form opened: its bytes, their signature, the text and its style."""

    path: Path
    data: bytes
    text: str  # without the BOM
    bom: bool
    newline: str

    @property
    def signature(self) -> str:
        return signature_of(self.data)


def signature_of(data: bytes) -> str:
    """The content signature used to see that a file changed: SHA-256 of its bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def open_file(path: str | os.PathLike[str]) -> Opened | list[Problem]:
    """The file ready to be changed, or the problems that stop reading it."""
    path = Path(path)
    problems: list[Problem] = []
    try:
        if path.stat().st_size > MAX_BYTES:
            return [Problem(path.name, 1, 1, "", "too_large", {"size": path.stat().st_size, "limit": MAX_BYTES})]
        data = path.read_bytes()
    except OSError as err:
        return [unreadable(path, path.name, err)]
    return opened_from(path, data, problems)


def opened_from(path: Path, data: bytes, problems: list[Problem] | None = None) -> Opened | list[Problem]:
    problems = [] if problems is None else problems
    text = decode(data, path.name, problems)
    if text is None:
        return problems
    first = _BREAK.search(text)
    newline = "\r\n" if first and first.group() == "\r\n" else "\n"
    return Opened(path, data, text, data.startswith(b"\xef\xbb\xbf"), newline)


def split_lines(text: str) -> list[str]:
    """Lines with their own line ends, split where YAML counts lines; ''.join gives the text back."""
    lines, start = [], 0
    for match in _BREAK.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


# --- writing values the way the file writes them -------------------------------------------------
def _printable(ch: str) -> bool:
    c = ord(ch)
    return 0x20 <= c <= 0x7E or 0xA0 <= c <= 0xD7FF or (0xE000 <= c <= 0xFFFD and c != 0xFEFF) or c >= 0x10000


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote(text: str) -> str:
    """A YAML double-quoted string that reads back as exactly `text`."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _printable(ch):
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def word(text: str) -> str:
    """An id or a fixed choice: plain when YAML reads it back as the same text, else quoted."""
    if _PLAIN_WORD.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return quote(text)


def period_text(text: str) -> str:
    """A period as the file header writes them: 2024 and 12/2023 plain, "2016-2020" in quotes."""
    return text if _PLAIN_PERIOD.fullmatch(text) else quote(text)


def date_text(text: str) -> str:
    return text if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text) else quote(text)


def number_text(value: float) -> str:
    """A plain number with a decimal point and no exponent: 11500, 88.9."""
    if float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text


def figure_values(figure: Figure) -> dict[str, str]:
    """key -> the value as written in YAML, for the keys the figure has, in OBS_KEYS order."""
    out: dict[str, str] = {"period": period_text(figure.period)}
    if figure.value is not None:
        out["value"] = number_text(figure.value)
    if figure.status:
        out["status"] = word(figure.status)
    if len(figure.qualifier) == 1:
        out["qualifier"] = word(figure.qualifier[0])
    elif figure.qualifier:
        out["qualifier"] = "[" + ", ".join(word(q) for q in figure.qualifier) + "]"
    out["source"] = word(figure.source)
    if figure.out_of is not None:
        out["out_of"] = number_text(figure.out_of)
    if figure.note:
        out["note"] = quote(figure.note)
    if figure.note_en:
        out["note_en"] = quote(figure.note_en)
    return out


def source_values(source: NewSource) -> dict[str, str]:
    out = {
        "id": word(source.id),
        "title": quote(source.title),
        "publisher": quote(source.publisher),
        "kind": word(source.kind),
    }
    if source.date:
        out["date"] = date_text(source.date)
    if source.url:
        out["url"] = quote(source.url)
    if source.note:
        out["note"] = quote(source.note)
    return out


def task_values(task: TaskFields) -> dict[str, str]:
    """key -> the value as written in YAML, in TASK_KEYS order."""
    out = {"id": word(task.id), "title": quote(task.title)}
    if task.title_en:
        out["title_en"] = quote(task.title_en)
    if task.item:
        out["item"] = quote(task.item)
    out["lead"] = quote(task.lead)
    if task.partners:
        out["partners"] = "[" + ", ".join(quote(x) for x in task.partners) + "]"
    out["due"] = period_text(task.due)
    return out


def task_of(task: m.Task) -> TaskFields:
    """The TaskFields a task of the model reads as."""
    return TaskFields(task.id, task.title, task.lead, task.due.text, task.title_en, task.item, tuple(task.partners))


def report_values(report: ReportFields) -> dict[str, str]:
    """key -> the value as written in YAML, in REPORT_KEYS order; the evidence as one {…} line."""
    out = {"date": date_text(report.date), "status": word(report.status)}
    for key in ("reason", "result", "obstacles"):
        value = getattr(report, key)
        if value:
            out[key] = quote(value)
    if report.evidence_number:
        parts = [f"number: {quote(report.evidence_number)}"]
        if report.evidence_date:
            parts.append(f"date: {date_text(report.evidence_date)}")
        if report.evidence_summary:
            parts.append(f"summary: {quote(report.evidence_summary)}")
        out["evidence"] = "{" + ", ".join(parts) + "}"
    return out


def item_lines(values: dict[str, str], dash_col: int, key_col: int) -> list[str]:
    """A block list item ("- key: value" then one key a line), lines without their line ends."""
    lines = []
    for i, (key, value) in enumerate(values.items()):
        lead = " " * dash_col + "-" + " " * (key_col - dash_col - 1) if i == 0 else " " * key_col
        lines.append(f"{lead}{key}: {value}")
    return lines


# --- finding places in the node tree --------------------------------------------------------------
class LayoutError(Exception):
    """The file is written in a way the writer does not change by itself (e.g. a flow-style list)."""

    def __init__(self, line: int, what_vi: str, what_en: str) -> None:
        super().__init__(what_en)
        self.line, self.what_vi, self.what_en = line, what_vi, what_en


def _get(node: Node, key: str) -> tuple[ScalarNode, Node] | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null") and node.value in ("", "~", "null")


def last_line(node: Node) -> int:
    """The 0-based line on which a node's own text ends."""
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return last_line(last[1] if isinstance(node, MappingNode) else last)
    end, start = node.end_mark, node.start_mark
    # A block scalar's end mark sits at the start of the line after it.
    return end.line - 1 if end.column == 0 and end.line > start.line else end.line


def _item_start(lines: list[str], item: Node) -> tuple[int, int, int]:
    """(line, dash column, key column) of a block list item written '- key: ...' on one line."""
    line, col = item.start_mark.line, item.start_mark.column
    match = _DASH.fullmatch(lines[line][:col]) if isinstance(item, MappingNode) else None
    if match is None:
        raise LayoutError(
            line + 1, "mục danh sách không viết dạng '- khoá: giá trị'", "a list item not written '- key:'"
        )
    return line, len(match.group(1)), col


def _block_list(lines: list[str], node: Node, what: str) -> list[tuple[int, int, int, int]]:
    """Each item of a block list as (first line, last line, dash column, key column)."""
    if not isinstance(node, SequenceNode) or node.flow_style:
        raise LayoutError(
            node.start_mark.line + 1,
            f"danh sách {what} viết trên một dòng [ ... ]",
            f"the {what} list written on one line [ ... ]",
        )
    out = []
    for item in node.value:
        first, dash, key = _item_start(lines, item)
        if isinstance(item, MappingNode) and item.flow_style:
            raise LayoutError(first + 1, f"mục {what} viết dạng {{ ... }}", f"a {what} item written {{ ... }}")
        out.append((first, last_line(item), dash, key))
    return out


def _indicator_node(root: Node, indicator_id: str) -> MappingNode | None:
    found = _get(root, "indicators")
    if found is None or not isinstance(found[1], SequenceNode):
        return None
    for item in found[1].value:
        ident = _get(item, "id")
        if ident is not None and isinstance(ident[1], ScalarNode) and ident[1].value == indicator_id:
            return item
    return None


def _item_with_id(node: Node | None, ident: str) -> MappingNode | None:
    """The item of a block list whose `id:` is `ident`."""
    if not isinstance(node, SequenceNode):
        return None
    for item in node.value:
        found = _get(item, "id")
        if (
            isinstance(item, MappingNode)
            and found is not None
            and isinstance(found[1], ScalarNode)
            and found[1].value == ident
        ):
            return item
    return None


def _list_style(lines: list[str], root: Node, key: str) -> tuple[int, int] | None:
    """(dash offset, key offset) from its parent key of any non-empty block list `key:` in the file."""
    indicators = _get(root, "indicators")
    if indicators is None or not isinstance(indicators[1], SequenceNode):
        return None
    for ind in indicators[1].value:
        found = _get(ind, key)
        if found and isinstance(found[1], SequenceNode) and not found[1].flow_style and found[1].value:
            try:
                _, dash, col = _item_start(lines, found[1].value[0])
            except LayoutError:
                continue
            return dash - found[0].start_mark.column, col - found[0].start_mark.column
    return None


# --- line operations ----------------------------------------------------------------------------------
@dataclass
class _Ops:
    """Whole-line operations on the current lines, applied bottom up so line numbers stay valid.

    `origin` gives, for each current line, its number in the file as opened (None for a line added),
    and `removed` collects the numbers of the opened file's lines taken out: that is how a plan knows
    exactly which lines it adds and removes, with no guessing by a text diff.
    """

    lines: list[str]
    newline: str
    origin: list[int | None]
    removed: list[int]
    ops: list[tuple[float, int, int, list[str]]] = field(default_factory=list)

    def replace(self, first: int, last: int, new: list[str]) -> None:
        self.ops.append((first, first, last + 1, new))

    def insert_after(self, line: int, new: list[str]) -> None:
        self.ops.append((line + 0.5, line + 1, line + 1, new))

    def text(self) -> str:
        lines = list(self.lines)
        for _, start, stop, new in sorted(self.ops, key=lambda op: op[0], reverse=True):
            if new and lines and start == len(lines) and not _BREAK.search(lines[-1]):
                lines[-1] += self.newline  # the last line had no line end; one is needed after it now
            lines[start:stop] = [line + self.newline for line in new]
            self.removed.extend(o for o in self.origin[start:stop] if o is not None)
            self.origin[start:stop] = [None] * len(new)
        return "".join(lines)


# --- planning ------------------------------------------------------------------------------------------
@dataclass
class Plan:
    """The result of a change, not yet written: the new text, the lines it adds and removes, problems."""

    before: Opened
    text: str
    problems: list[Problem]
    changes: list[dict[str, object]]  # {indicator, old, new}, as the history records them
    sources_added: list[str]
    origin: list[int | None] | None = None  # see _Ops; None when the plan was not made by plan()
    removed_lines: list[int] = field(default_factory=list)

    @property
    def data(self) -> bytes:
        return (b"\xef\xbb\xbf" if self.before.bom else b"") + self.text.encode("utf-8")

    @property
    def ok(self) -> bool:
        return not self.problems

    def diff(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """(added, removed) lines as (1-based line number, text): added in the new file, removed in the old."""
        old, new = split_lines(self.before.text), split_lines(self.text)
        ends = "\r\n\x85\u2028\u2029"
        if self.origin is not None and len(self.origin) == len(new):
            added = [(i + 1, new[i].rstrip(ends)) for i, o in enumerate(self.origin) if o is None]
            return added, [(i + 1, old[i].rstrip(ends)) for i in sorted(self.removed_lines)]
        added, removed = [], []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("replace", "delete"):
                removed += [(i + 1, old[i].rstrip("\r\n\x85\u2028\u2029")) for i in range(i1, i2)]
            if tag in ("replace", "insert"):
                added += [(j + 1, new[j].rstrip("\r\n\x85\u2028\u2029")) for j in range(j1, j2)]
        return added, removed


def _problem(opened: Opened, line: int, code: str, **params: object) -> Problem:
    return Problem(opened.path.name, line, 1, "", code, params)


def plan(opened: Opened, edits: Sequence[Edit], metrics: m.Metrics | None = None) -> Plan:
    """Apply the edits to the text, one after another, and check the whole result with the loader.

    Indicators and figure numbers refer to the file as opened (which must be valid); the edits are all
    applied even when one of them gives a problem, so the check reports every problem at once.
    """
    name = opened.path.name
    if metrics is None:  # the caller may pass the model of opened.text it already has
        current = load_text(opened.text, opened.path, filename=name)
        if current.metrics is None:
            return Plan(opened, opened.text, current.errors, [], [])
        metrics = current.metrics
    text = opened.text
    changes: list[dict[str, object]] = []
    sources_added: list[str] = []
    origin: list[int | None] = list(range(len(split_lines(text))))
    removed: list[int] = []
    for edit in edits:
        problems: list[Problem] = []
        root = _nodes(text, name, problems)
        if root is None:
            return Plan(opened, text, problems, changes, sources_added)
        try:
            ops = _Ops(split_lines(text), opened.newline, origin, removed)
            text, change = _apply(ops, root, metrics, edit, name)
        except LayoutError as err:
            problem = _problem(opened, err.line, "layout_unsupported", what_vi=err.what_vi, what_en=err.what_en)
            return Plan(opened, text, [problem], changes, sources_added)
        if isinstance(change, Problem):
            return Plan(opened, text, [change], changes, sources_added)
        if isinstance(edit, AddSource):
            sources_added.append(edit.source.id)
        else:
            assert isinstance(change, dict)
            changes.append(change)
    result = load_text(text, opened.path, filename=name)
    # Errors stop a write; a warning (a source left uncited, say) is the file's owner's to settle, as in the app.
    return Plan(opened, text, result.errors, changes, sources_added, origin, removed)


_last_nodes: tuple[str, Node] | None = None  # the node tree of the text last parsed: a form plans on the same text


def _nodes(text: str, name: str, problems: list[Problem]) -> Node | None:
    """The YAML node tree of a text (read only here), parsed again only when the text differs."""
    global _last_nodes
    if _last_nodes is not None and _last_nodes[0] == text:
        return _last_nodes[1]
    root = parse(text, name, problems)
    if root is not None:
        _last_nodes = (text, root)
    return root


def _apply(ops: _Ops, root: Node, metrics: m.Metrics, edit: Edit, name: str) -> tuple[str, object]:
    """The text with one edit made, and the change as the history records it (or a Problem)."""
    lines, text = ops.lines, "".join(ops.lines)
    if isinstance(edit, AddSource):
        _add_source(ops, root, edit.source)
        return ops.text(), {}
    if isinstance(edit, AddTask | EditTask | RemoveTask | AddReport):
        return _apply_task(ops, root, metrics, edit, name)
    indicators = {i.id: i for i in metrics.indicators}
    ind = indicators.get(edit.indicator)
    node = _indicator_node(root, edit.indicator)
    if ind is None or node is None:
        line = metrics.pos.get("indicators", (1, 1))[0]
        params = {"value": edit.indicator, "suggest_vi": "", "suggest_en": ""}
        return text, Problem(name, line, 1, "", "unknown_indicator", params)
    if isinstance(edit, AddFigure):
        _add_figure(ops, root, node, edit.figure)
        return ops.text(), {"indicator": ind.id, "old": None, "new": edit.figure.as_dict()}
    if not 0 <= edit.index < len(ind.observations):
        line = ind.pos.get("", (1, 1))[0]
        return text, Problem(name, line, 1, "", "no_such_figure", {"indicator": ind.id, "number": edit.index + 1})
    listed = _get(node, "observations")
    assert listed is not None  # the indicator has this figure, so it has observations
    items = _block_list(lines, listed[1], "observations")
    old = figure_of(ind.observations[edit.index])
    first, last, _, _ = items[edit.index]
    if isinstance(edit, RemoveFigure):
        ops.replace(first, last, [])
        return ops.text(), {"indicator": ind.id, "old": old.as_dict(), "new": None}
    _edit_figure(ops, listed[1].value[edit.index], old, edit.figure)
    return ops.text(), {"indicator": ind.id, "old": old.as_dict(), "new": edit.figure.as_dict()}


def _apply_task(ops: _Ops, root: Node, metrics: m.Metrics, edit: TaskEdit, name: str) -> tuple[str, object]:
    """The text with one task edit made (only plans written in this file), and the change as the history has it."""
    text = "".join(ops.lines)
    plans = _get(root, "plans")
    plan_node = _item_with_id(plans[1] if plans else None, edit.plan)
    plan = metrics.plan_by_id().get(edit.plan)
    if plan_node is None or plan is None:
        line = metrics.pos.get("plans", metrics.pos.get("", (1, 1)))[0]
        params = {"value": edit.plan, "suggest_vi": "", "suggest_en": ""}
        return text, Problem(name, line, 1, "", "unknown_plan", params)
    tasks = _get(plan_node, "tasks")
    if isinstance(edit, AddTask):
        _append_item(ops, root, plan_node, "tasks", task_values(edit.task))
        return ops.text(), {"plan": plan.id, "task": edit.task.id, "old": None, "new": edit.task.as_dict()}
    task = next((t for t in plan.tasks if t.id == edit.task_id), None)
    task_node = _item_with_id(tasks[1] if tasks else None, edit.task_id)
    if task is None or task_node is None or tasks is None:
        line = plan.pos.get("", (1, 1))[0]
        return text, Problem(name, line, 1, "", "no_such_task", {"plan": plan.id, "task": edit.task_id})
    old = task_of(task)
    if isinstance(edit, AddReport):
        _append_item(ops, root, task_node, "reports", report_values(edit.report))
        change = {"plan": plan.id, "task": task.id, "old": None, "new": {"report": edit.report.as_dict()}}
        return ops.text(), change
    if isinstance(edit, RemoveTask):
        index = tasks[1].value.index(task_node)
        first, last, _, _ = _block_list(ops.lines, tasks[1], "tasks")[index]
        ops.replace(first, last, [])
        return ops.text(), {"plan": plan.id, "task": task.id, "old": old.as_dict(), "new": None}
    _edit_keys(ops, task_node, task_values(old), task_values(edit.task), TASK_KEYS)
    return ops.text(), {"plan": plan.id, "task": task.id, "old": old.as_dict(), "new": edit.task.as_dict()}


def _append_item(ops: _Ops, root: Node, parent: MappingNode, key: str, values: dict[str, str]) -> None:
    """Add an item at the end of the block list `key:` of `parent`, making the list if it has none."""
    found = _get(parent, key)
    if found is not None and isinstance(found[1], SequenceNode) and found[1].value:
        _, last, dash, col = _block_list(ops.lines, found[1], key)[-1]
        ops.insert_after(last, item_lines(values, dash, col))
        return
    key_col = parent.value[0][0].start_mark.column
    dash_off, key_off = 2, 4  # the files' own style: "tasks:" then "  - id: …"
    new_items = item_lines(values, key_col + dash_off, key_col + key_off)
    if found is not None:  # `tasks:` with nothing after it, or `tasks: []`
        line = found[0].start_mark.line
        ops.replace(line, last_line(found[1]), [" " * key_col + f"{key}:", *new_items])
        return
    ops.insert_after(last_line(parent), [" " * key_col + f"{key}:", *new_items])


def _add_figure(ops: _Ops, root: Node, node: MappingNode, figure: Figure) -> None:
    values = figure_values(figure)
    found = _get(node, "observations")
    if found is not None and not _is_null(found[1]) and not (isinstance(found[1], SequenceNode) and not found[1].value):
        items = _block_list(ops.lines, found[1], "observations")
        _, last, dash, key = items[-1]
        ops.insert_after(last, item_lines(values, dash, key))
        return
    key_col = node.value[0][0].start_mark.column
    dash_off, key_off = _list_style(ops.lines, root, "observations") or (2, 4)
    new_items = item_lines(values, key_col + dash_off, key_col + key_off)
    if found is not None:  # `observations:` with nothing after it, or `observations: []`
        line = found[0].start_mark.line
        ops.replace(line, last_line(found[1]), [" " * key_col + "observations:", *new_items])
        return
    # No observations yet: put the list before targets (as the file does elsewhere), else at the end.
    keys = [k.value for k, _ in node.value]
    if "targets" in keys and keys.index("targets") > 0:
        after = last_line(node.value[keys.index("targets") - 1][1])
    else:
        after = last_line(node.value[-1][1])
    ops.insert_after(after, [" " * key_col + "observations:", *new_items])


def _edit_figure(ops: _Ops, item: MappingNode, old: Figure, new: Figure) -> None:
    """Replace the lines of the keys whose value changed; add and remove keys; leave the rest alone."""
    _edit_keys(ops, item, figure_values(old), figure_values(new), OBS_KEYS)


def _edit_keys(
    ops: _Ops, item: MappingNode, old_values: dict[str, str], new_values: dict[str, str], managed: tuple[str, ...]
) -> None:
    """In one mapping item: replace the changed keys' lines, add and remove keys; other keys stay as they are."""
    pairs = {k.value: (k, v) for k, v in item.value if isinstance(k, ScalarNode)}
    key_col = item.start_mark.column
    dash_line = item.start_mark.line
    anchor = None  # the last line of the previous managed key that stays in place
    inserts: dict[int, list[str]] = {}
    for key in managed:
        here = pairs.get(key)
        if here is not None:
            first, last = here[0].start_mark.line, last_line(here[1])
            if key not in new_values:
                if first == dash_line:
                    raise LayoutError(first + 1, f"xoá khoá đầu mục '{key}'", f"removing the first key '{key}'")
                ops.replace(first, last, [])
                continue
            if old_values.get(key) != new_values[key]:
                lead = ops.lines[first][: here[0].start_mark.column]
                ops.replace(first, last, [f"{lead}{key}: {new_values[key]}"])
            anchor = last
        elif key in new_values:
            at = anchor if anchor is not None else last_line(item)
            inserts.setdefault(at, []).append(f"{' ' * key_col}{key}: {new_values[key]}")
    for at, new_lines in inserts.items():
        ops.insert_after(at, new_lines)


def _add_source(ops: _Ops, root: Node, source: NewSource) -> None:
    values = source_values(source)
    found = _get(root, "sources")
    if found is not None and isinstance(found[1], SequenceNode) and found[1].value:
        _, last, dash, key = _block_list(ops.lines, found[1], "sources")[-1]
        ops.insert_after(last, item_lines(values, dash, key))
        return
    if found is not None:
        line = found[0].start_mark.line
        ops.replace(line, last_line(found[1]), ["sources:", *item_lines(values, 2, 4)])
        return
    ops.insert_after(len(ops.lines) - 1, ["sources:", *item_lines(values, 2, 4)])


def still_unchanged(opened: Opened) -> Problem | None:
    """None if the file on disk is still what the form read; else the refusal to write."""
    try:
        now = opened.path.read_bytes()
    except OSError as err:
        return unreadable(opened.path, opened.path.name, err)
    if signature_of(now) != opened.signature:
        return _problem(opened, 1, "file_changed", name=opened.path.name)
    return None
