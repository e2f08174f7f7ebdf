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


@typing.overload
def fallback(lang: Lang, vi: str, en: str | None) -> str: ...
@typing.overload
def fallback(lang: Lang, vi: str | None, en: str | None) -> str | None: ...
def fallback(lang: Lang, vi: str | None, en: str | None) -> str | None:
    """The file's own wording in the reader's language, falling back to the other language where the file
    gives only one (a title with no English, a note written only in English); None when it gives neither."""
    first, other = t(lang, (vi, en), (en, vi))
    return first or other or first


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
    return _marks(text, lang)


_SWAP_MARKS = str.maketrans(",.", ".,")


def _marks(text: str, lang: Lang) -> str:
    """Python's '11,500.5' with the reader's marks: '11.500,5' in Vietnamese, as it is in English."""
    return t(lang, text.translate(_SWAP_MARKS), text)


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
    return f"{_marks(text, lang)} MB"


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


COMPARATOR = {
    m.Comparator.AT_LEAST: "≥",
    m.Comparator.MORE_THAN: ">",
    m.Comparator.AT_MOST: "≤",
    m.Comparator.LESS_THAN: "<",
    m.Comparator.EXACTLY: "=",
}


def target_short(goal: m.Target, ind: m.Indicator, lang: Lang = "vi") -> str:
    """'≥80% (2025)', 'hạng ≤50 (2025)' / 'rank ≤50 (2025)'; no year when the source gives none."""
    if ind.unit is m.Unit.RANK:  # "hạng ≤50", as a reader says it, not "≤hạng 50"
        text = f"{t(lang, 'hạng', 'rank')} {COMPARATOR[goal.comparator]}{number(goal.value, lang)}"
    else:
        text = f"{COMPARATOR[goal.comparator]}{with_unit(goal.value, ind, lang)}"
    return f"{text} ({deadline(goal, lang)})" if goal.year is not None else text


def deadline(target: m.Target, lang: Lang = "vi") -> str:
    """A target's deadline as its source writes it: '2025', 'giai đoạn 2025–2027' / '2025–2027', 'chưa nêu năm'."""
    if target.span is not None:
        return t(lang, f"giai đoạn {period(target.span, lang)}", period(target.span, lang))
    if target.year is not None:
        return str(target.year)
    return t(lang, "chưa nêu năm", "no year given")


def plan_label(plan: m.Plan, lang: Lang = "vi") -> str:
    """A plan as a target's line names it: its document number ('2629/QĐ-TTg'), else its name."""
    return plan.document.number or t(lang, plan.name, plan.name_en)


def plan_title(plan: m.Plan, lang: Lang = "vi") -> str:
    """'Chương trình … (2629/QĐ-TTg, 01/12/2025)': a plan's name with its document, where the file has them."""
    doc = plan.document
    parts = [x for x in (doc.number, date(doc.date) if doc.date else None) if x]
    name_ = t(lang, plan.name, plan.name_en)
    return f"{name_} ({', '.join(parts)})" if parts else name_


def of_total(count: int, total: int) -> str:
    """'02/34': a count out of a total the way provincial reports write it, at least two digits."""
    return f"{count:02d}/{total:02d}"


LEVEL = {"national": ("quốc gia", "national"), "provincial": ("tỉnh", "provincial")}


def target(goal: m.Target, ind: m.Indicator, lang: Lang = "vi") -> str:
    """'≥80% (2025, quốc gia)' / '≥80% (2025, national)'."""
    where = f"({deadline(goal, lang)}, {pick(lang, LEVEL[goal.level.value])})"
    short = target_short(m.Target(goal.value, goal.comparator, goal.level, goal.source), ind, lang)
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
    why = fallback(lang, claim.note, claim.note_en) or ""
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
    # A plan's targets and tasks, in the words provincial reports count them with (docs/progress-method.md).
    "plan": ("▣", "Kế hoạch", "Plan", "#0072B2"),  # a plan's row on a slide: its counts are in the row
    "completed": ("✔", "Hoàn thành", "Achieved", "#009E73"),
    "basically_achieved": ("◕", "Cơ bản hoàn thành", "Basically achieved", "#56B4E9"),
    "not_yet_achieved": ("✖", "Chưa hoàn thành", "Not achieved", "#D55E00"),
    "not_carried_out": ("⊘", "Không thực hiện", "Not carried out", "#CC79A7"),
    "no_info": ("○", "Chưa có thông tin đánh giá", "No information to assess", "#8C8C8C"),
    "task_done": ("✔", "Hoàn thành", "Done", "#009E73"),
    "task_in_progress": ("➜", "Đang thực hiện", "In progress", "#0072B2"),
    "task_not_started": ("○", "Chưa thực hiện", "Not started", "#8C8C8C"),
    "task_not_carried_out": ("⊘", "Không thực hiện", "Not carried out", "#CC79A7"),
}

# A task report's status word in the file -> its STATUS_STYLE key (the form's list and the history use the words).
TASK_STATUS = {
    m.TaskStatus.DONE: "task_done",
    m.TaskStatus.IN_PROGRESS: "task_in_progress",
    m.TaskStatus.NOT_STARTED: "task_not_started",
    m.TaskStatus.NOT_CARRIED_OUT: "task_not_carried_out",
}


def task_status_word(status: str, lang: Lang = "vi") -> str:
    """'hoan-thanh' -> 'Hoàn thành' / 'Done'; a word the file does not know is shown as written."""
    key = TASK_STATUS.get(m.TaskStatus(status)) if status in {s.value for s in m.TaskStatus} else None
    return t(lang, STATUS_STYLE[key][1], STATUS_STYLE[key][2]) if key else status


# The statuses of an indicator's progress (the overview and pillar pages count these, in this order).
PROGRESS_STATUSES = list(STATUS_STYLE)[: list(STATUS_STYLE).index("plan")]

# The order statuses are counted and listed in: best first, then the ones that need attention.
STATUS_ORDER = PROGRESS_STATUSES


def status_label(status: str, lang: Lang = "vi") -> str:
    """'✔ Đã đạt' / '✔ Achieved'."""
    icon, vi, en, _ = STATUS_STYLE[str(status)]
    return f"{icon} {t(lang, vi, en)}"


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


# ----- the written report (Báo cáo, Nghị định 30/2020) -----

# A report's prose spells the source's wording out, as the source wrote it: 'khoảng hơn 193 tỷ đồng', never '~>193'.
_SPOKEN_ORDER = (m.Qualifier.ESTIMATED, m.Qualifier.ABOUT, m.Qualifier.NEARLY, m.Qualifier.OVER)


def spoken(obs: m.Observation, ind: m.Indicator, lang: Lang = "vi") -> str:
    """A figure as a report's sentence says it, the source's words spelled out: 'gần 11.500 tỷ đồng',
    'khoảng 96%', 'ước hơn 193 tỷ đồng' / 'nearly 11,500 billion VND'. The number and unit are fmt.figure's."""
    text = with_unit(obs.value, ind, lang, obs.out_of)
    if obs.value is None:
        return text
    words = [pick(lang, QUALIFIER[q]) for q in _SPOKEN_ORDER if q in obs.qualifier]
    return " ".join([*words, text])


# The words official reports count targets and tasks in (Kế hoạch 281/KH-UBND Thanh Hóa, 333/KH-UBND Lạng Sơn):
# hoàn thành, chưa hoàn thành, chưa có thông tin đánh giá; a target not yet due is judged by its pace.
STATUS_OFFICIAL: dict[str, tuple[str, str]] = {
    "achieved": ("Hoàn thành", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "at_risk": ("Có nguy cơ chậm tiến độ", "At risk of delay"),
    "off_track": ("Chậm tiến độ", "Behind schedule"),
    "one_observation": ("Chưa đủ số liệu đánh giá tiến độ", "Too few figures to judge the pace"),
    "no_data": ("Chưa có thông tin đánh giá", "No information to assess"),
    "not_achieved": ("Chưa hoàn thành", "Not achieved"),
    "not_measured": ("Chưa có thông tin đánh giá", "No information to assess"),
    "no_target": ("Số liệu tham khảo, không có mục tiêu", "Context figure, no target"),
    "done": ("Hoàn thành", "Done"),
    "pilot": ("Đang thí điểm", "In pilot"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "planned": ("Đã có kế hoạch, chưa triển khai", "Planned, not started"),
}


def status_word(status: str, lang: Lang = "vi") -> str:
    """A status in an official report's words: 'Hoàn thành', 'Chưa có thông tin đánh giá' / 'Achieved'."""
    return pick(lang, STATUS_OFFICIAL[str(status)])


def count_of(count: int, total: int) -> str:
    """'05/23': a count out of a total with the leading zero official reports write ('06/28 chỉ tiêu')."""
    return f"{count:02d}/{total:02d}"


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def roman(n: int) -> str:
    """1 -> 'I', 4 -> 'IV' (up to 12: parts, sections, quarters and annexes of a report)."""
    return ROMAN[n - 1]


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: dt.date, lang: Lang = "vi") -> str:
    """'ngày 02 tháng 12 năm 2026' (the decree's leading zeros for days below 10 and months 1–2) / '2 December 2026'.

    Nghị định 30/2020 writes months 1 and 2 as 01, 02 and every other month as is: 'tháng 01', 'tháng 12'."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return t(
        lang,
        f"ngày {value.day:02d} tháng {month} năm {value.year}",
        f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}",
    )
