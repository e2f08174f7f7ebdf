"""Reading numbers, dates and periods as Vietnamese officials write them; mistakes come back as codes."""

from __future__ import annotations

import datetime as dt
import functools
import re

from dxkpi.core.model import Period

Issue = tuple[str, dict[str, object]]

_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_VN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_WITH_UNIT = re.compile(r"([+-]?[\d.,]*\d)\s*(%|\S.*)")
_LETTER = re.compile(r"[^\W\d_]")


def _plain_fix(text: str) -> str:
    """The number a Vietnamese-written figure means, written the way this file wants it."""
    if _VN_THOUSANDS.fullmatch(text) or (text.count(".") > 1):
        return text.replace(".", "").replace(",", ".")
    if _DECIMAL_COMMA.fullmatch(text):
        return text.replace(",", ".")
    return text


def parse_number(text: str, quoted: bool) -> float | int | Issue:
    """A number from a scalar's raw text, or the code of the mistake it shows."""
    text = text.strip()
    if _VN_THOUSANDS.fullmatch(text) and "." in text:
        if text.count(".") > 1 or "," in text:
            reads = {"yaml_reads_vi": "chữ, không phải số", "yaml_reads_en": "text, not a number"}
        else:
            reads = {"yaml_reads_vi": f"{float(text):g}".replace(".", ","), "yaml_reads_en": f"{float(text):g}"}
        return "vn_thousands", {"text": text, "fix": _plain_fix(text), **reads}
    if _PLAIN.fullmatch(text):
        if quoted:
            return "quoted_number", {"text": text}
        return float(text) if "." in text else int(text)
    if _COMMA_THOUSANDS.fullmatch(text):
        return "ambiguous_comma", {
            "text": text,
            "fix_decimal": text.replace(",", "."),
            "fix_thousands": text.replace(",", ""),
        }
    if _DECIMAL_COMMA.fullmatch(text):
        return "decimal_comma", {"text": text, "fix": _plain_fix(text)}
    m = _WITH_UNIT.fullmatch(text)
    if m and _LETTER.search(m.group(2)) or (m and m.group(2).strip() == "%"):
        number = m.group(1)
        fix = _plain_fix(number)
        return "number_with_unit", {"text": text, "fix": fix}
    if _LETTER.search(text) and not re.search(r"\d", text):
        return "number_words", {"text": text}
    return "wrong_type", {
        "expected_vi": "một con số",
        "expected_en": "a number",
        "got_vi": repr(text),
        "got_en": repr(text),
    }


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH = re.compile(r"(\d{1,2})/(\d{4})")
_YEAR = re.compile(r"\d{4}")
# A quarter as officials write it: "Q2/2026", "quý 2/2026", "quý II/2026".
_QUARTER = re.compile(r"(?:q|quý\s*)(1|2|3|4|i|ii|iii|iv)/(\d{4})", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def parse_date(text: str) -> dt.date | None:
    """A date written dd/mm/yyyy or yyyy-mm-dd, or None."""
    text = text.strip()
    try:
        if m := _VN_DATE.fullmatch(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := _ISO_DATE.fullmatch(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _point(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of one end of a period: a year, a quarter, a month or a date."""
    text = text.strip()
    if q := _QUARTER.fullmatch(text):
        quarter = _ROMAN.get(q[1].lower()) or int(q[1])
        year = int(q[2])
        return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if _YEAR.fullmatch(text):
        year = int(text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := _MONTH.fullmatch(text):
        month, year = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        return dt.date(year, month, 1), _month_end(year, month)
    day = parse_date(text)
    if day is None:
        return None
    return day, day


# "2016-2020", "2016 – 2020", "8/7/2021 - 19/10/2021", "8/7/2021 đến 19/10/2021", "2016 to 2020"
_SPAN = re.compile(r"\s*(?:[-–—]|đến|to)\s*")


@functools.lru_cache(maxsize=4096)  # the same few periods recur thousands of times; Period is immutable
def parse_period(text: str) -> Period | Issue:
    """A Period from its written form, or the code of the mistake."""
    text = str(text).strip()
    parts = [p for p in _SPAN.split(text)] if not _ISO_DATE.fullmatch(text) else [text]
    if len(parts) == 1:
        point = _point(parts[0])
        if point is None:
            return "bad_period", {"text": text}
        return Period(text, point[0], point[1])
    if len(parts) != 2:
        return "bad_period", {"text": text}
    first, last = _point(parts[0]), _point(parts[1])
    if first is None or last is None:
        return "bad_period", {"text": text}
    if last[1] < first[0]:
        return "period_backwards", {"text": text}
    return Period(text, first[0], last[1])


def typed_number(text: str, percent: bool = False) -> float | int | Issue:
    """A number as typed in a form or a spreadsheet cell, understood the Vietnamese way when that is
    unambiguous ('11.500' -> 11500, '88,9' -> 88.9, '96%' -> 96 for a percentage); otherwise the same
    code and explanation the validator gives for it in the file (e.g. '1,500' is ambiguous)."""
    text = text.strip()
    got = parse_number(text, quoted=False)
    if not isinstance(got, tuple):
        return got
    code, params = got
    fix = str(params.get("fix", ""))
    if code in ("vn_thousands", "decimal_comma") and _PLAIN.fullmatch(fix):
        return float(fix) if "." in fix else int(fix)
    if code == "number_with_unit" and percent and text.endswith("%"):
        inner = typed_number(text[:-1], percent=False)
        if not isinstance(inner, tuple):
            return inner
    return got
