"""Reading metrics.yaml into the model, reporting every problem at once with its line and column.

The file is parsed by PyYAML's C parser into nodes (which keep their marks), and the nodes are turned
into the model here rather than by PyYAML's constructor: that is how duplicate keys, numbers written
the Vietnamese way and unsafe tags are seen at all, and it keeps every position. Nothing is written.
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import os
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import UnionType
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dxkpi.core import model as m
from dxkpi.reading.checks import check, warn
from dxkpi.reading.problems import Problem, suggest, syntax_hint
from dxkpi.reading.scalars import parse_date, parse_number, parse_period

try:  # the C parser is much faster; fall back to the pure-Python one where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 40

_TAG = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# Could be a YAML anchor or alias (&name, *name); only then are the parser's events scanned for them.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s\]},]")
_MISSING = object()

# How each enum is named in messages, (vi, en).
ENUM_WHAT: dict[type, tuple[str, str]] = {
    m.Pillar: ("trụ cột", "pillar"),
    m.Unit: ("đơn vị", "unit"),
    m.Kind: ("loại chỉ tiêu", "kind"),
    m.Direction: ("hướng", "direction"),
    m.Qualifier: ("từ định tính", "qualifier"),
    m.Comparator: ("phép so sánh", "comparator"),
    m.Level: ("cấp", "level"),
    m.MilestoneStatus: ("trạng thái", "status"),
    m.SourceKind: ("loại nguồn", "source kind"),
    m.Language: ("ngôn ngữ", "language"),
    m.PlanLevel: ("cấp kế hoạch", "plan level"),
    m.TaskStatus: ("trạng thái nhiệm vụ", "task status"),
    m.Judgement: ("đánh giá", "judgement"),
}


@dataclass
class LoadResult:
    """What loading a file gives: the model when the file has no problems, and every problem found."""

    metrics: m.Metrics | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.metrics is not None and not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _describe(node: Node) -> dict[str, str]:
    """What a node is, in words for a message: {got_vi, got_en}."""
    if isinstance(node, MappingNode):
        return {"got_vi": "các cặp khoá: giá trị", "got_en": "a mapping of keys"}
    if isinstance(node, SequenceNode):
        return {"got_vi": "một danh sách", "got_en": "a list"}
    return {"got_vi": repr(node.value), "got_en": repr(node.value)}


class _Reader:
    """Turns the nodes of one file into model objects, collecting problems as it goes."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._specs: dict[type, dict[str, tuple[Callable[..., Any], bool]]] = {}

    def problem(self, node: Node, path: str, code: str, **params: object) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, path, code, params))

    # --- scalars -------------------------------------------------------------------------------
    def _scalar(self, node: Node, path: str, expected: tuple[str, str]) -> Any:  # the text, or _MISSING
        if node.tag not in SAFE_TAGS:
            self.problem(node, path, "unsafe_tag", tag=node.tag.replace(_TAG, "!!"))
            return _MISSING
        if not isinstance(node, ScalarNode):
            self.problem(node, path, "wrong_type", expected_vi=expected[0], expected_en=expected[1], **_describe(node))
            return _MISSING
        return node.value

    def read_str(self, node: Node, path: str, depth: int = 0) -> Any:
        return self._scalar(node, path, ("một đoạn chữ", "text"))

    def read_number(self, node: Node, path: str, depth: int = 0) -> Any:
        text = self._scalar(node, path, ("một con số", "a number"))
        if text is _MISSING:
            return _MISSING
        if node.tag == _TAG + "bool":
            self.problem(node, path, "number_words", text=text)
            return _MISSING
        value = parse_number(text, _quoted(node))
        if isinstance(value, tuple):
            self.problem(node, path, value[0], **value[1])
            return _MISSING
        return value

    def read_int(self, node: Node, path: str, depth: int = 0) -> Any:
        text = self._scalar(node, path, ("một số nguyên", "a whole number"))
        if text is _MISSING:
            return _MISSING
        if re.fullmatch(r"\d+", text.strip()) and not _quoted(node):
            return int(text)
        self.problem(
            node, path, "wrong_type", expected_vi="một số nguyên", expected_en="a whole number", **_describe(node)
        )
        return _MISSING

    def read_date(self, node: Node, path: str, depth: int = 0) -> Any:
        text = self._scalar(node, path, ("một ngày", "a date"))
        if text is _MISSING:
            return _MISSING
        day = parse_date(text)
        if day is None:
            self.problem(node, path, "bad_date", text=text)
            return _MISSING
        return day

    def read_period(self, node: Node, path: str, depth: int = 0) -> Any:
        text = self._scalar(node, path, ("một kỳ", "a period"))
        if text is _MISSING:
            return _MISSING
        period = parse_period(text)
        if isinstance(period, tuple):
            self.problem(node, path, period[0], **period[1])
            return _MISSING
        return period

    def enum_reader(self, enum: type[Enum]) -> Callable[[Node, str], Any]:
        values = {e.value: e for e in enum}
        what_vi, what_en = ENUM_WHAT[enum]

        def read(node: Node, path: str, depth: int = 0) -> Any:
            text = self._scalar(node, path, (what_vi, what_en))
            if text is _MISSING:
                return _MISSING
            if text in values:
                return values[text]
            self.problem(
                node,
                path,
                "bad_choice",
                value=text,
                what_vi=what_vi,
                what_en=what_en,
                allowed=", ".join(values),
                **suggest(text, values),
            )
            return _MISSING

        return read

    # --- collections ---------------------------------------------------------------------------
    def _enter(self, node: Node, path: str, depth: int) -> bool:
        """False (with a problem) where a collection node is an alias or nests too deeply."""
        if id(node) in self._seen:
            self.problem(node, path, "alias")
            return False
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(node, path, "too_deep")
            return False
        if node.tag not in SAFE_TAGS:
            self.problem(node, path, "unsafe_tag", tag=node.tag.replace(_TAG, "!!"))
            return False
        return True

    def list_reader(self, item: Callable[..., Any], item_cls: type | None) -> Callable[..., Any]:
        def read(node: Node, path: str, depth: int = 0) -> Any:
            if isinstance(node, ScalarNode) and node.tag == _TAG + "null":
                return []
            if not isinstance(node, SequenceNode):
                # A single qualifier may be written without a list: `qualifier: gan`.
                if isinstance(node, ScalarNode) and item_cls is None:
                    one = item(node, path, depth)
                    return _MISSING if one is _MISSING else [one]
                self.problem(node, path, "not_list", **_describe(node))
                return _MISSING
            if not self._enter(node, path, depth):
                return _MISSING
            out = []
            has_id = item_cls is not None and "id" in self._spec(item_cls)
            for i, child in enumerate(node.value):
                label = _id_of(child) if has_id else None
                child_path = f"{path}[{label or i}]"
                value = item(child, child_path, depth + 1)
                if value is not _MISSING:
                    out.append(value)
            return out

        return read

    def _spec(self, cls: type) -> dict[str, tuple[Callable[..., Any], bool]]:
        """For a model class: each key's reader and whether it is required (built once per class)."""
        spec = self._specs.get(cls)
        if spec is not None:
            return spec
        hints = typing.get_type_hints(cls)
        spec = {}
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            spec[f.name] = (self._reader_for(hints[f.name]), required)
        self._specs[cls] = spec
        return spec

    def _reader_for(self, hint: Any) -> Callable[..., Any]:
        origin = typing.get_origin(hint)
        if origin in (UnionType, typing.Union):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(args) == 1:
                return self._reader_for(args[0])
            if set(args) == {m.Target, m.TargetRef}:
                return self.read_target_or_ref
            if set(args) == {float}:
                return self.read_number
            raise TypeError(hint)
        if origin is list:
            (arg,) = typing.get_args(hint)
            if origin is list and typing.get_origin(arg) in (UnionType, typing.Union):
                return self.list_reader(self.read_target_or_ref, m.Target)
            is_model = dataclasses.is_dataclass(arg)
            return self.list_reader(self._reader_for(arg), arg if is_model else None)
        simple = {str: self.read_str, float: self.read_number, int: self.read_int, m.Period: self.read_period}
        if hint in simple:
            return simple[hint]
        if hint is m.dt.date:
            return self.read_date
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return lambda node, path, depth=0: self.read_object(hint, node, path, depth)
        if isinstance(hint, type) and issubclass(hint, Enum):
            return self.enum_reader(hint)
        raise TypeError(hint)

    def read_target_or_ref(self, node: Node, path: str, depth: int = 0) -> Any:
        if isinstance(node, MappingNode) and any(isinstance(k, ScalarNode) and k.value == "ref" for k, _ in node.value):
            return self.read_object(m.TargetRef, node, path, depth)
        return self.read_object(m.Target, node, path, depth)

    def read_object(self, cls: type, node: Node, path: str, depth: int = 0, allowed: set[str] | None = None) -> Any:
        """A model object from a mapping node; every unknown, duplicate, missing or bad key is reported."""
        if node.tag not in SAFE_TAGS:
            self.problem(node, path, "unsafe_tag", tag=node.tag.replace(_TAG, "!!"))
            return _MISSING
        if not isinstance(node, MappingNode):
            self.problem(node, path, "not_mapping", **_describe(node))
            return _MISSING
        if not self._enter(node, path, depth):
            return _MISSING
        spec = self._spec(cls)
        keys = spec if allowed is None else {k: v for k, v in spec.items() if k in allowed}
        values: dict[str, Any] = {}
        pos: dict[str, m.Pos] = {"": (node.start_mark.line + 1, node.start_mark.column + 1)}
        first_line: dict[str, int] = {}
        broken: list[str] = []  # keys whose value was wrong: the object is kept for later checks
        prefix = f"{path}." if path else ""
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    key_node,
                    path,
                    "wrong_type",
                    expected_vi="tên khoá",
                    expected_en="a key name",
                    **_describe(key_node),
                )
                broken.append("")
                continue
            key = key_node.value
            if key in first_line:
                self.problem(key_node, prefix + key, "duplicate_key", key=key, first_line=first_line[key])
                broken.append(key)
                continue
            first_line[key] = key_node.start_mark.line + 1
            entry = keys.get(key)
            if entry is None:
                self.problem(
                    key_node, prefix + key, "unknown_key", key=key, allowed=", ".join(keys), **suggest(key, keys)
                )
                broken.append(key)
                continue
            reader, required = entry
            if (
                isinstance(value_node, ScalarNode)
                and value_node.tag == _TAG + "null"
                and value_node.value in ("", "~", "null")
            ):
                # An empty value is the same as leaving the key out.
                if required:
                    self.problem(value_node, prefix + key, "missing_key", key=key)
                continue
            value = reader(value_node, prefix + key, depth + 1)
            if value is _MISSING:
                broken.append(key)
                continue
            values[key] = value
            pos[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
        for key, (_, required) in keys.items():
            if required and key not in values:
                if key not in first_line:
                    self.problem(node, prefix + key, "missing_key", key=key)
                # Keep the object (a file with problems never reaches the dashboard) so that
                # references to it do not report a second, misleading problem.
                values[key] = None
                broken.append(key)
        for key, (_, required) in spec.items():
            if required and key not in keys:
                values[key] = None  # not asked for in this kind of file (an included file has no meta)
        if cls is m.Indicator and "direction" not in values and values.get("kind") is m.Kind.RANK:
            values["direction"] = m.Direction.DOWN  # a rank is better when smaller unless told otherwise
        if broken:
            pos["!"] = (0, 0)  # marks an object with a wrong value, so checks that need it skip it
        return cls(**values, pos=pos)


def _id_of(node: Node) -> str | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
            return v.value
    return None


def _read_text(path: Path, filename: str, problems: list[Problem]) -> str | None:
    """The file's text (UTF-8, with or without BOM); None with a problem for anything else."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.append(Problem(filename, 1, 1, "", "too_large", {"size": size, "limit": MAX_BYTES}))
            return None
        data = path.read_bytes()
    except OSError as err:
        problems.append(unreadable(path, filename, err))
        return None
    return decode(data, filename, problems)


def unreadable(path: Path, filename: str, err: OSError) -> Problem:
    """Why a file cannot be read, in words of our own: the system's message is English only."""
    where = {"path": str(path.resolve())}
    if isinstance(err, FileNotFoundError):
        return Problem(filename, 1, 1, "", "file_missing", where)
    if isinstance(err, PermissionError):
        return Problem(filename, 1, 1, "", "no_permission", where)
    return Problem(filename, 1, 1, "", "cannot_read", {**where, "errno": err.errno or 0})


def decode(data: bytes, filename: str, problems: list[Problem]) -> str | None:
    """UTF-8 text from bytes, or None with a problem naming the encoding to save in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:200]):
        problems.append(Problem(filename, 1, 1, "", "encoding_utf16", {"encoding": "UTF-16 (Unicode)"}))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        problems.append(Problem(filename, line, col, "", "encoding_not_utf8", {}))
        return None


def parse(text: str, filename: str, problems: list[Problem]) -> Node | None:
    """The YAML node tree of a text, or None with problems (tabs, syntax)."""
    tabs = list(_TAB_INDENT.finditer(text))
    if tabs:
        for match in tabs:
            line = text.count("\n", 0, match.start()) + 1
            problems.append(Problem(filename, line, match.end() - match.start(), "", "tab_indent", {}))
        return None
    deep = _too_deep(text)
    if deep is not None:  # refused before parsing: PyYAML's C composer recurses and crashes far down
        problems.append(Problem(filename, *deep, "", "too_deep", {}))
        return None
    try:
        if _MAYBE_ANCHOR.search(text) and _report_aliases(text, filename, problems):
            return None
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        quote = _unclosed_quote(text, mark.line + 1 if mark else text.count("\n") + 1)
        if quote is not None:
            problems.append(quote_problem(filename, *quote))
            return None
        problem = err.problem or str(err)
        hint_vi, hint_en = syntax_hint(problem)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(
            Problem(
                filename, line, col, "", "yaml_syntax", {"problem": problem, "hint_vi": hint_vi, "hint_en": hint_en}
            )
        )
    except yaml.YAMLError as err:
        hint_vi, hint_en = syntax_hint(str(err))
        problems.append(
            Problem(filename, 1, 1, "", "yaml_syntax", {"problem": str(err), "hint_vi": hint_vi, "hint_en": hint_en})
        )
    except RecursionError:
        problems.append(Problem(filename, 1, 1, "", "too_deep", {}))
    return None


# A value that opens with a quote: `key: "…`, `- "…` or `- key: '…` (comment lines never match).
_QUOTE_OPENS = re.compile(r"""^(\s*(?:-\s+)?(?:[\w.-]+:\s+)?)(["'])(.*)$""")
_CLOSES = {'"': re.compile(r'(?:[^"\\]|\\.)*"'), "'": re.compile(r"(?:[^']|'')*'")}


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of the last quote opened and not closed on its line, at or above a syntax error.

    PyYAML reads an unclosed quote on until the next quote, lines later, and reports what it then
    finds there; the quote that opened the run is what the reader has to fix."""
    found = None
    for number, line in enumerate(text.splitlines()[:error_line], 1):
        match = _QUOTE_OPENS.match(line)
        if match and not _CLOSES[match.group(2)].match(match.group(3)):
            found = (number, len(match.group(1)) + 1, match.group(2))
    return found


def quote_problem(filename: str, line: int, col: int, quote: str) -> Problem:
    return Problem(filename, line, col, "", "unclosed_quote", {"quote": quote})


_BRACKET = re.compile(r"[\[\]{}]")
_DASHES = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH}}}")  # "- - - …": lists nested on one line


def _too_deep(text: str) -> tuple[int, int] | None:
    """(line, column) where brackets or one-line dashes nest deeper than MAX_DEPTH; None if nothing does."""
    at = None
    opened = text.count("[") + text.count("{")  # str.count and findall run in C: ~1% of parsing time
    if (
        opened > MAX_DEPTH
        and max(itertools.accumulate(1 if c in "[{" else -1 for c in _BRACKET.findall(text))) > MAX_DEPTH
    ):
        depth = 0
        for match in _BRACKET.finditer(text):
            depth += 1 if match.group() in "[{" else -1
            if depth > MAX_DEPTH:
                at = match.start()
                break
    dashes = _DASHES.search(text) if "- -" in text else None
    if dashes and (at is None or dashes.start() < at):
        at = dashes.start()
    if at is None:
        return None
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _quoted(node: Node) -> bool:
    """Whether a scalar was written in quotes ('88' is text, not a number)."""
    return isinstance(node, ScalarNode) and node.style in ('"', "'")


def _report_aliases(text: str, filename: str, problems: list[Problem]) -> bool:
    """Report every anchor and alias; True if there were any. Events are streamed, never expanded,
    so an alias bomb costs no more than its own text."""
    found = False
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            problems.append(Problem(filename, line, col, "", "alias", {}))
            found = True
    return found


def _read_file(path: Path, filename: str, problems: list[Problem]) -> tuple[_Reader, Node] | None:
    text = _read_text(path, filename, problems)
    if text is None:
        return None
    root = parse(text, filename, problems)
    if root is None:
        if not problems:
            problems.append(Problem(filename, 1, 1, "", "empty_file", {}))
        return None
    return _Reader(filename), root


def load(path: str | os.PathLike[str], filename: str | None = None) -> LoadResult:
    """Load and check a metrics file and the files it includes; never writes to them."""
    # Parsing makes hundreds of thousands of small objects and no reference cycles; the cyclic garbage
    # collector would otherwise run over and over for nothing. Paused only for this call.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(path, filename)
    finally:
        if was_enabled:
            gc.enable()


def load_text(text: str, path: str | os.PathLike[str], filename: str | None = None) -> LoadResult:
    """Check a text as if it were saved at `path` (its includes are read beside it); nothing is written."""
    path = Path(path)
    filename = filename or str(path)
    problems: list[Problem] = []
    root = parse(text, filename, problems)
    if root is None:
        if not problems:
            problems.append(Problem(filename, 1, 1, "", "empty_file", {}))
        return LoadResult(None, problems)
    return _load_root(_Reader(filename), root, path, filename, problems)


def _load(path: str | os.PathLike[str], filename: str | None) -> LoadResult:
    path = Path(path)
    filename = filename or str(path)
    problems: list[Problem] = []
    read = _read_file(path, filename, problems)
    if read is None:
        return LoadResult(None, problems)
    reader, root = read
    return _load_root(reader, root, path, filename, problems)


def _load_root(reader: _Reader, root: Node, path: Path, filename: str, problems: list[Problem]) -> LoadResult:
    try:
        metrics = reader.read_object(m.Metrics, root, "")
    except RecursionError:
        reader.problem(root, "", "too_deep")
        metrics = _MISSING
    problems.extend(reader.problems)
    if metrics is _MISSING:
        return LoadResult(None, sorted_problems(problems))
    positions: dict[int, str] = {}  # id(object) -> file it came from, for cross-file messages
    for include in metrics.include:
        _load_include(path, filename, include, metrics, problems, positions)
    check(metrics, filename, problems, positions)
    warn(metrics, filename, problems, positions)
    problems = sorted_problems(problems)
    return LoadResult(None if any(p.severity == "error" for p in problems) else metrics, problems)


def _load_include(
    path: Path, filename: str, include: str, metrics: m.Metrics, problems: list[Problem], files: dict[int, str]
) -> None:
    """Add the sources and shared targets of an included file to the model."""
    inc_path = path.parent / include
    inc_name = os.path.normpath(os.path.join(os.path.dirname(filename), include))
    if not inc_path.is_file():
        line, col = metrics.pos.get("include", (1, 1))
        problems.append(
            Problem(filename, line, col, "include", "include_missing", {"value": include, "path": str(inc_path)})
        )
        return
    read = _read_file(inc_path, inc_name, problems)
    if read is None:
        return
    reader, root = read
    shared = reader.read_object(m.Metrics, root, "", allowed={"sources", "targets", "national", "definitions", "plans"})
    problems.extend(reader.problems)
    if shared is _MISSING:
        return
    for obj in [*shared.sources, *shared.targets, *shared.national, *shared.definitions, *_plan_parts(shared.plans)]:
        files[id(obj)] = inc_name
    for series in shared.national:
        for obs in series.observations:
            files[id(obs)] = inc_name
            for cite in [*obs.also, *obs.claims]:
                files[id(cite)] = inc_name
    metrics.sources.extend(shared.sources)
    metrics.targets.extend(shared.targets)
    metrics.national.extend(shared.national)
    metrics.definitions.extend(shared.definitions)
    for plan in shared.plans:
        plan.included_from = inc_name
    metrics.plans.extend(shared.plans)


def _plan_parts(plans: list[m.Plan]) -> list[object]:
    """Every object of the plans that a problem can point at, so a message names the file it is in."""
    out: list[object] = []
    for plan in plans:
        out += [plan, plan.document]
        for task in plan.tasks:
            out += [task, *task.reports, *[r.evidence for r in task.reports if r.evidence is not None]]
    return out


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line, p.col))
