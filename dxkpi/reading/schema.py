"""The JSON Schema of metrics.yaml, generated from the model so editors check what the loader checks."""

from __future__ import annotations

import dataclasses
import json
import typing
from enum import Enum
from types import UnionType
from typing import Any

from dxkpi.core import model as m

_PERIOD = {
    "type": ["integer", "string"],
    "description": "2020 | 2016-2020 | 12/2023 | 8/7/2021 - 19/10/2021",
    "pattern": r"^\s*\d{1,2}/\d{1,2}/\d{4}|^\s*\d{1,2}/\d{4}|^\s*\d{4}",
}
_DATE = {"type": "string", "description": "dd/mm/yyyy", "pattern": r"^(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})$"}


def _schema_for(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return _schema_for(args[0], defs)
        return {"anyOf": [_schema_for(a, defs) for a in args]}
    if origin is list:
        (arg,) = typing.get_args(hint)
        items = _schema_for(arg, defs)
        if isinstance(arg, type) and issubclass(arg, Enum):
            return {"anyOf": [items, {"type": "array", "items": items}]}  # `qualifier: gan` or a list
        return {"type": "array", "items": items}
    if hint is str:
        return {"type": "string"}
    if hint is float:
        return {"type": "number"}
    if hint is int:
        return {"type": "integer"}
    if hint is m.Period:
        return dict(_PERIOD)
    if hint is m.dt.date:
        return dict(_DATE)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"enum": [e.value for e in hint]}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # reserve first: the model refers to itself only through lists
            defs[name] = _object_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(hint)


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        prop = _schema_for(hints[f.name], defs)
        prop["description"] = f"{f.metadata['vi']} / {f.metadata['en']}"
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a metrics file."""
    defs: dict[str, Any] = {}
    root = _object_schema(m.Metrics, defs)
    # An included file (data/…) holds only sources and shared targets; the root schema covers both
    # kinds of file, so nothing but `meta` and `indicators` is required at the top.
    root["required"] = []
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "metrics.schema.json",
        "title": "metrics.yaml — chỉ tiêu chuyển đổi số / digital-transformation indicators",
        **root,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _type_words(hint: Any) -> str:
    """A field's type as a reader of the README says it."""
    origin = typing.get_origin(hint)
    if origin in (UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return " or ".join(_type_words(a) for a in args)
    if origin is list:
        (arg,) = typing.get_args(hint)
        return f"list of {_type_words(arg)}"
    if isinstance(hint, type) and issubclass(hint, Enum):
        return " \\| ".join(f"`{e.value}`" for e in hint)
    words = {str: "text", float: "number", int: "whole number", m.Period: "period", m.dt.date: "date dd/mm/yyyy"}
    if hint in words:
        return words[hint]
    return f"{hint.__name__} (below)"


SECTIONS = [
    ("top level", m.Metrics),
    ("meta", m.Meta),
    ("sources[]", m.Source),
    ("targets[] (shared)", m.Target),
    ("indicators[]", m.Indicator),
    ("observations[]", m.Observation),
    ("an observation's also[]: another source stating the same figure", m.Citation),
    ("an observation's claims[]: another source's different number, shown beside, never charted", m.Claim),
    ("national[]: the country's series for an indicator (data/national-series.yaml)", m.NationalSeries),
    ("an indicator's targets[]: a target as above, or a reference to a shared one", m.TargetRef),
    ("definitions[]: what a figure measures, written once in data/definitions.yaml", m.Definition),
    ("a target's assessed[]: an official's own judgement", m.Assessment),
    ("plans[]: a plan, programme or resolution (national ones in data/plans.yaml)", m.Plan),
    ("a plan's document", m.Document),
    ("a plan's tasks[]", m.Task),
    ("a task's reports[]", m.TaskReport),
    ("a report's evidence", m.Evidence),
]


def field_reference_markdown() -> str:
    """The field reference of docs/reference/file.md, generated from the model (a test keeps it in step)."""
    out = []
    for title, cls in SECTIONS:
        hints = typing.get_type_hints(cls)
        out.append(f"**{title}**\n\n| key | required | value | meaning |\n|---|---|---|---|")
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            meaning = f"{f.metadata['vi']} / {f.metadata['en']}"
            out.append(f"| `{f.name}` | {'yes' if required else ''} | {_type_words(hints[f.name])} | {meaning} |")
        out.append("")
    return "\n".join(out)
