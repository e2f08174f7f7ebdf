"""Numbers, dates, units and labels as a Vietnamese (or English) reader expects them. Pure functions."""

from __future__ import annotations

import datetime as dt
import math
import typing
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from dxkpi.core import model as m

T = typing.TypeVar("T")
Lang = str  # "vi" | "en"

# plotly's layout.separators: decimal mark then thousands mark.
PLOTLY_SEPARATORS = {"vi": ",.", "en": ".,"}


def unaccent(text: str) -> str:
    """Lower case without Vietnamese diacritics: 'Chính quyền số' -> 'chinh quyen so'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def shorten(text: str, limit: int) -> str:
    """The text itself if it has at most `limit` characters, else its start cut at a word and ended with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:  # a word boundary near the end; otherwise cut inside a very long word
        cut = cut[:space]
    return cut.rstrip(" ,.;:·–-") + "…"


def t(lang: Lang, vi: T, en: T) -> T:
    """The Vietnamese or the English wording, by the reader's language: the one place that chooses."""
    return en if lang == "en" else vi


def pick(lang: Lang, pair: tuple[str, str] | list[str]) -> str:
    """The wording of a (Vietnamese, English) pair in the reader's language."""
    return t(lang, pair[0], pair[1])


def fallback(lang: Lang, vi: str, en: str | None) -> str:
    """The reader's language, falling back to the Vietnamese where the file gives no English."""
    return t(lang, vi, en or vi)


MAX_DECIMALS = 4  # a DTI score is published as 0,6386


def number(value: float | None, lang: Lang = "vi", decimals: int | None = None) -> str:
    """11500 -> '11.500' (vi) or '11,500' (en); 88.9 -> '88,9'; None -> '—'.

    Without `decimals` a figure shows as recorded (99.99 stays 99,99, never 100), up to MAX_DECIMALS;
    with `decimals` it is rounded half up to that many places. Trailing zeros are dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if decimals is None:
        decimals = _recorded_decimals(value)
    # Half up, as people round by hand (88,25 -> 88,3).
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0"):
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _recorded_decimals(value: float) -> int:
    """How many decimals the value was written with (its shortest repr), at most MAX_DECIMALS."""
    if float(value).is_integer():
        return 0
    digits = Decimal(repr(float(value))).normalize().as_tuple().exponent
    assert isinstance(digits, int)
    return min(MAX_DECIMALS, max(0, -digits))


def rate(value: float, lang: Lang = "vi") -> str:
    """A computed rate or share (points a year, % of a target): 1 decimal, 2 below 0,1, half up."""
    return number(value, lang, 2 if 0 < abs(value) < 0.1 else 1)


def megabytes(size: int, lang: Lang = "vi") -> str:
    """A file size: 16777216 -> '16 MB'; 21010965 -> '20,0 MB' (vi) or '20.0 MB' (en); MB of 1024 x 1024 bytes."""
    mb = size / (1024 * 1024)
    if mb.is_integer():
        return f"{number(mb, lang)} MB"
    text = f"{mb:,.1f}"  # one decimal always, '20,0': the size is not exactly 20 MB
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{text} MB"


def date(value: dt.date | None) -> str:
    """dd/mm/yyyy, the form used in Vietnamese documents (and kept in English for the same reader)."""
    return "—" if value is None else value.strftime("%d/%m/%Y")


def period(p: m.Period, lang: Lang = "vi") -> str:
    """A period as written in the file, with an en dash for ranges and dd/mm/yyyy dates."""
    if p.start == p.end:
        return date(p.start)
    if p.is_year:
        return str(p.start.year)
    if p.start.day == 1 and p.start.month == 1 and p.end.month == 12 and p.end.day == 31:
        return f"{p.start.year}–{p.end.year}"
    if (
        p.start.day == 1
        and (p.end + dt.timedelta(days=1)).day == 1
        and (p.start.year, p.start.month)
        == (
            p.end.year,
            p.end.month,
        )
    ):
        return f"{p.start.month:02d}/{p.start.year}"
    return f"{date(p.start)} – {date(p.end)}"


UNIT_LABEL = {
    m.Unit.PERCENT: ("%", "%"),
    m.Unit.COUNT: ("", ""),
    m.Unit.BILLION_VND: ("tỷ đồng", "billion VND"),
    m.Unit.RANK: ("", ""),
    m.Unit.SCORE: ("điểm", "points"),
}


def unit_label(ind: m.Indicator, lang: Lang = "vi") -> str:
    """The unit as a reader says it: '%', 'tỷ đồng', 'doanh nghiệp', 'billion VND'."""
    if ind.unit is m.Unit.COUNT:
        return (t(lang, ind.unit_label, ind.unit_label_en)) or ""
    if ind.unit is m.Unit.SCORE and (ind.unit_label or ind.unit_label_en):  # e.g. a DTI score '(thang 0–1)'
        return (t(lang, ind.unit_label, ind.unit_label_en)) or ""
    vi, en = UNIT_LABEL[ind.unit]
    return t(lang, vi, en)


def with_unit(value: float | None, ind: m.Indicator, lang: Lang = "vi", out_of: float | None = None) -> str:
    """A value with its unit: '88,9%', '11.500 tỷ đồng', 'hạng 11' / 'rank 11'; 'hạng 11/63' with `out_of`."""
    text = number(value, lang)
    if value is None:
        return text
    if out_of is not None:
        text = f"{text}/{number(out_of, lang)}"
    if ind.unit is m.Unit.PERCENT:
        return f"{text}%"
    if ind.unit is m.Unit.RANK:
        return t(lang, f"hạng {text}", f"rank {text}")
    label = unit_label(ind, lang)
    return f"{text} {label}" if label else text


# How each qualifier is worded, (vi, en).
QUALIFIER = {
    m.Qualifier.ABOUT: ("khoảng", "about"),
    m.Qualifier.NEARLY: ("gần", "nearly"),
    m.Qualifier.OVER: ("hơn", "over"),
    m.Qualifier.ESTIMATED: ("ước", "est."),
}


def qualified(
    value: float | None,
    ind: m.Indicator,
    qualifiers: list[m.Qualifier],
    lang: Lang = "vi",
    out_of: float | None = None,
) -> str:
    """A figure with its source's own qualifier: '>193 tỷ đồng', '~220 doanh nghiệp', 'gần 11.500 tỷ đồng'.

    'Over' and 'about' become > and ~ (compact and unambiguous); 'nearly' and 'estimated' stay words,
    since a '<' would read as a bound rather than the source's rounding."""
    text = with_unit(value, ind, lang, out_of)
    if value is None:
        return text
    qs = set(qualifiers)
    prefix = ""
    if m.Qualifier.OVER in qs:
        prefix = ">"
    elif m.Qualifier.ABOUT in qs:
        prefix = "~"
    words = []
    if m.Qualifier.ESTIMATED in qs:
        words.append(t(lang, "ước", "est."))
    if m.Qualifier.NEARLY in qs:
        words.append(t(lang, "gần", "nearly"))
    head = " ".join(words)
    return f"{head} {prefix}{text}".strip() if head else f"{prefix}{text}"


def qualifier_words(qualifiers: list[m.Qualifier], lang: Lang = "vi") -> str:
    """The qualifiers as the source words them: 'khoảng, hơn' / 'about, over'; '' when none."""
    return ", ".join(pick(lang, QUALIFIER[q]) for q in qualifiers)


PILLAR = {
    m.Pillar.DIGITAL_GOVERNMENT: ("Chính quyền số", "Digital government"),
    m.Pillar.DIGITAL_ECONOMY: ("Kinh tế số", "Digital economy"),
    m.Pillar.DIGITAL_SOCIETY: ("Xã hội số", "Digital society"),
    m.Pillar.FOUNDATIONS: ("Nền tảng chung", "Foundations"),
}


def pillar(p: m.Pillar, lang: Lang = "vi") -> str:
    vi, en = PILLAR[p]
    return t(lang, vi, en)


def name(ind: m.Indicator, lang: Lang = "vi") -> str:
    return t(lang, ind.name, ind.name_en)


def note(vi: str | None, en: str | None, lang: Lang = "vi") -> str | None:
    """The note in the reader's language, falling back to the other one."""
    return (en or vi) if lang == "en" else (vi or en)


COMPARATOR = {
    m.Comparator.AT_LEAST: "≥",
    m.Comparator.MORE_THAN: ">",
    m.Comparator.AT_MOST: "≤",
    m.Comparator.LESS_THAN: "<",
    m.Comparator.EXACTLY: "=",
}


def target_short(t: m.Target, ind: m.Indicator, lang: Lang = "vi") -> str:
    """'≥80% (2025)', 'hạng ≤50 (2025)' / 'rank ≤50 (2025)'; no year when the source gives none."""
    if ind.unit is m.Unit.RANK:  # "hạng ≤50", as a reader says it, not "≤hạng 50"
        text = f"{'rank' if lang == 'en' else 'hạng'} {COMPARATOR[t.comparator]}{number(t.value, lang)}"
    else:
        text = f"{COMPARATOR[t.comparator]}{with_unit(t.value, ind, lang)}"
    return f"{text} ({t.year})" if t.year is not None else text


def target(t: m.Target, ind: m.Indicator, lang: Lang = "vi") -> str:
    """'≥80% (2025, quốc gia)' / '≥80% (2025, national)'."""
    level = {
        "vi": {"national": "quốc gia", "provincial": "tỉnh"},
        "en": {"national": "national", "provincial": "provincial"},
    }
    year = str(t.year) if t.year else ("chưa nêu năm" if lang == "vi" else "no year given")  # `t` is the target here
    where = f"({year}, {level[lang][t.level.value]})"
    short = target_short(m.Target(t.value, t.comparator, t.level, t.source), ind, lang)
    return f"{short} {where}"


def figure(obs: m.Observation, ind: m.Indicator, lang: Lang = "vi") -> str:
    """An observation's value as the source words it: '~96%', 'gần 11.500 tỷ đồng', 'hạng 11/63'."""
    return qualified(obs.value, ind, obs.qualifier, lang, obs.out_of)


def figure_at(obs: m.Observation, ind: m.Indicator, lang: Lang = "vi") -> str:
    """A figure and when: '88,9% năm 2023' / '88.9% in 2023' / '~96% (12/2023)'."""
    text = figure(obs, ind, lang)
    if not obs.period.is_year:
        return f"{text} ({period(obs.period, lang)})"
    return t(lang, f"{text} năm {obs.period.start.year}", f"{text} in {obs.period.start.year}")


def published(obs: m.Observation, lang: Lang = "vi") -> str:
    """'công bố 21/10/2025' / 'published 21/10/2025' for a figure that records its publication day, else ''.
    The one place this is worded: cards, charts, slides and exports all call it."""
    if obs.published is None:
        return ""
    return t(lang, f"công bố {date(obs.published)}", f"published {date(obs.published)}")


def period_published(obs: m.Observation, lang: Lang = "vi") -> str:
    """A figure's period with its publication day where recorded: '2024 · công bố 21/10/2025'."""
    when = published(obs, lang)
    return f"{period(obs.period, lang)} · {when}" if when else period(obs.period, lang)


def claim(claim: m.Claim, ind: m.Indicator, sources: dict[str, m.Source], lang: Lang = "vi") -> str:
    """Another source's different number, beside the figure: 'vietbao.vn, 21/10/2025 nêu: 80% (không vẽ: …)'."""
    who = source_name(sources.get(claim.source), claim.source)
    value = qualified(claim.value, ind, claim.qualifier, lang)
    why = note(claim.note, claim.note_en, lang) or ""
    return t(lang, f"{who} nêu: {value} (không vẽ: {why})", f"{who} states: {value} (not charted: {why})")


# Status: an icon and a word as well as a colour, so nothing depends on colour alone. Colours are the
# Okabe-Ito palette, distinguishable with the common colour-vision deficiencies and on a projector.
STATUS_STYLE: dict[str, tuple[str, str, str, str]] = {
    "achieved": ("✔", "Đã đạt", "Achieved", "#009E73"),
    "on_track": ("▲", "Đúng tiến độ", "On track", "#0072B2"),
    "at_risk": ("◆", "Có nguy cơ chậm", "At risk", "#E69F00"),
    "off_track": ("✖", "Chậm tiến độ", "Off track", "#D55E00"),
    "one_observation": ("●", "Mới có một số liệu", "One observation", "#56B4E9"),
    "no_data": ("○", "Chưa có số liệu", "No data", "#8C8C8C"),
    "not_achieved": ("✖", "Không đạt", "Not achieved", "#D55E00"),
    "not_measured": ("○", "Không đo được", "Not measured", "#8C8C8C"),
    "no_target": ("ℹ", "Tham khảo, không mục tiêu", "Context, no target", "#8C8C8C"),
    "done": ("✔", "Đã hoàn thành", "Done", "#009E73"),
    "pilot": ("◐", "Thí điểm", "Pilot", "#0072B2"),
    "in_progress": ("➜", "Đang triển khai", "In progress", "#E69F00"),
    "planned": ("○", "Dự kiến", "Planned", "#8C8C8C"),
}

# The order statuses are counted and listed in: best first, then the ones that need attention.
STATUS_ORDER = list(STATUS_STYLE)


def status_label(status: str, lang: Lang = "vi") -> str:
    """'✔ Đã đạt' / '✔ Achieved'."""
    icon, vi, en, _ = STATUS_STYLE[str(status)]
    return f"{icon} {en if lang == 'en' else vi}"


def status_color(status: str) -> str:
    """The status's Okabe–Ito colour: its signal as a border, a fill, an icon or a bar."""
    return STATUS_STYLE[str(status)][3]


AA_CONTRAST = 4.5  # WCAG 2 AA for body text; a projector washes colours out, so text never goes below it


def contrast(a: str, b: str = "#FFFFFF") -> float:
    """The WCAG 2 contrast ratio of two '#RRGGBB' colours."""
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: str) -> float:
    """WCAG 2 relative luminance of a '#RRGGBB' colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ink(color: str, on: str = "#FFFFFF") -> str:
    """`color` darkened just enough (same hue) for text on `on` to reach WCAG AA's 4.5:1."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    shade = color
    for step in range(101):
        shade = "#" + "".join(f"{round(c * (1 - step / 100)):02X}" for c in rgb)
        if contrast(shade, on) >= AA_CONTRAST:
            return shade
    return shade


def status_ink(status: str) -> str:
    """The colour of a status's text: its own colour, darkened to 4.5:1 on white where it is lighter."""
    return ink(status_color(status))


def national_label(series: m.NationalSeries, lang: Lang = "vi") -> str:
    """'Cả nước (tham khảo)' / 'Viet Nam (reference)': the country's line, never read as the province's."""
    return t(lang, f"{series.label} (tham khảo)", f"{series.label_en} (reference)")


def computed(
    value: float,
    ind: m.Indicator,
    qualifiers: list[m.Qualifier],
    lang: Lang = "vi",
    *,
    rounded: bool,
    out_of: float | None = None,
) -> str:
    """A figure the dashboard computed, worded like a recorded one: '41,1%' (a division, rounded as `rate`)
    or '796 thủ tục' (a sum, exact to its parts' decimals). Callers label it computed."""
    if rounded:
        places = 2 if 0 < abs(value) < 0.1 else 1
        value = float(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return qualified(value, ind, qualifiers, lang, out_of)


def definition(ind: m.Indicator, definition_id: str, definitions: dict[str, m.Definition], lang: Lang = "vi") -> str:
    """What a figure's definition is called: the declared definition's name, else the indicator's own name when
    the definition is the indicator's id (nothing declared), else the id as written."""
    declared = definitions.get(definition_id)
    if declared is not None:
        return t(lang, declared.name, declared.name_en)
    if definition_id == ind.id:
        return name(ind, lang)
    return definition_id


def source_name(source: m.Source | None, source_id: str) -> str:
    """A source as a reader names it: its publisher and date, or its id when the file has no such source."""
    if source is None:
        return source_id
    published = f", {date(source.date)}" if source.date else ""
    return f"{source.publisher}{published}"
