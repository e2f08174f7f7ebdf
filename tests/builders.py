"""Model objects for tests, built directly (no YAML): a year, an indicator with defaults; hostile text."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from dxkpi.core.model import Indicator, Kind, Meta, Metrics, Observation, Period, Pillar, Unit


def year(y: int) -> Period:
    """The period of one whole year."""
    return Period(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))


def make_indicator(**fields: Any) -> Indicator:
    """An indicator with neutral defaults; any field may be given."""
    defaults: dict[str, Any] = {
        "id": "x",
        "name": "chỉ tiêu",
        "name_en": "indicator",
        "pillar": Pillar.DIGITAL_GOVERNMENT,
        "unit": Unit.PERCENT,
        "kind": Kind.MEASURED,
    }
    return Indicator(**{**defaults, **fields})


# Text that Markdown, Streamlit's maths, emoji, icons and colours, or HTML would act on if it reached them.
HOSTILE = "**b** $x^2$ :smile: :material/home: :red[r] <b>t</b> [l](http://e.com) _u_ `c` ~~s~~"
# What must never appear in what is sent to the browser: each piece of HOSTILE still able to act.
ACTIVE = ["**b**", "$x^2$", ":smile:", ":material/home:", ":red[", "<b>t", "[l](", "_u_", "`c`", "~~s~~"]
_TEXT_KEYS = (
    "title|title_en|name|name_en|publisher|program|program_en|reporting_period|region|region_note|region_note_en"
    "|note|note_en|definition_note|definition_note_en|unit_label|unit_label_en|number|issuer|issuer_en"
)
_TEXT_LINE = re.compile(rf"^(\s*(?:- )?(?:{_TEXT_KEYS}): ).*$", re.MULTILINE)


# 5,000 characters: a word too long for any line, then ordinary words.
LONG = ("Chỉ-tiêu-dài" * 100 + " " + "chữ rất dài " * 400)[:5000]


def hostile_text(yaml_text: str, text: str = HOSTILE) -> str:
    """A metrics file's every free-text value (titles, names, notes, publishers…) made `text` plus a number."""
    counter = iter(range(1, 100_000))
    return _TEXT_LINE.sub(lambda match: match.group(1) + json.dumps(f"{text} {next(counter)}"), yaml_text)


def make_observation(value: float | None, period: Period | None = None, **fields: Any) -> Observation:
    """A figure for 2024 from source 's' unless told otherwise."""
    return Observation(period=period or year(2024), source=fields.pop("source", "s"), value=value, **fields)


def make_metrics(*indicators: Indicator, region: str = "r", **fields: Any) -> Metrics:
    """A metrics file with these indicators and neutral meta; any Metrics field may be given."""
    meta = Meta(title="t", region=region, program="p", reporting_period="2021–2025")
    return Metrics(meta=fields.pop("meta", meta), indicators=list(indicators), **fields)
