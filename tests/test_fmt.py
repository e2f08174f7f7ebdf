"""Numbers, dates, periods, units, qualifiers, targets and statuses read as a Vietnamese official writes them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dxkpi.analysis.account import Outcome
from dxkpi.analysis.progress import Status
from dxkpi.core import fmt
from dxkpi.core.model import (
    Claim,
    Comparator,
    Indicator,
    Kind,
    Level,
    Observation,
    Period,
    Pillar,
    Qualifier,
    Source,
    SourceKind,
    Target,
    Unit,
)
from tests.builders import make_indicator, make_observation, year

K, G, H, U = Qualifier.ABOUT, Qualifier.NEARLY, Qualifier.OVER, Qualifier.ESTIMATED

# ----- builders -----


def indicator(
    unit: Unit,
    kind: Kind = Kind.MEASURED,
    unit_label: str | None = None,
    unit_label_en: str | None = None,
) -> Indicator:
    return make_indicator(
        pillar=Pillar.DIGITAL_ECONOMY, unit=unit, kind=kind, unit_label=unit_label, unit_label_en=unit_label_en
    )


def target(
    value: float,
    comparator: Comparator = Comparator.AT_LEAST,
    level: Level = Level.NATIONAL,
    year: int | None = 2025,
) -> Target:
    return Target(value=value, comparator=comparator, level=level, source="qd", year=year)


PERCENT = indicator(Unit.PERCENT)
BILLION = indicator(Unit.BILLION_VND)
FIRMS = indicator(Unit.COUNT, unit_label="doanh nghiệp", unit_label_en="firms")
FILES = indicator(Unit.COUNT, unit_label="hồ sơ", unit_label_en="applications")
RANK = indicator(Unit.RANK, kind=Kind.RANK)
SCORE = indicator(Unit.SCORE)


# ----- numbers -----


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (11500, "11.500", "11,500"),
        (11500.0, "11.500", "11,500"),
        (3031, "3.031", "3,031"),
        (1234567.5, "1.234.567,5", "1,234,567.5"),
        (88.9, "88,9", "88.9"),
        (2.75, "2,75", "2.75"),
        (0, "0", "0"),
        (0.0, "0", "0"),
        (-1500, "-1.500", "-1,500"),
        (-2.5, "-2,5", "-2.5"),
        (None, "—", "—"),
        (float("nan"), "—", "—"),
    ],
)
def test_thousands_use_a_dot_in_vietnamese_and_a_comma_in_english(value, vi, en):
    assert (fmt.number(value, "vi"), fmt.number(value, "en")) == (vi, en)


def test_vietnamese_is_the_default_language_of_a_number():
    assert fmt.number(1234567.5) == "1.234.567,5"


@pytest.mark.parametrize(
    ("value", "decimals", "vi", "en"),
    [
        (1234.5678, 2, "1.234,57", "1,234.57"),
        (88.94, 0, "89", "89"),
        (88.9, 3, "88,9", "88.9"),  # trailing zeros dropped even when decimals are asked for
        (80, 1, "80", "80"),
        (1000000, 2, "1.000.000", "1,000,000"),
    ],
)
def test_explicit_decimals_round_to_that_many_places_and_drop_trailing_zeros(value, decimals, vi, en):
    assert (fmt.number(value, "vi", decimals), fmt.number(value, "en", decimals)) == (vi, en)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [(88.25, "88,25", "88.25"), (99.99, "99,99", "99.99"), (0.6386, "0,6386", "0.6386"), (1.25, "1,25", "1.25")],
)
def test_a_recorded_figure_shows_as_written_never_rounded_to_another_figure(value, vi, en):
    assert (fmt.number(value, "vi"), fmt.number(value, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [(88.25, "88,3", "88.3"), (1.25, "1,3", "1.3"), (0.125, "0,1", "0.1"), (0.055, "0,06", "0.06"), (0, "0", "0")],
)
def test_a_computed_rate_rounds_half_up_to_one_decimal_or_two_below_a_tenth(value, vi, en):
    assert (fmt.rate(value, "vi"), fmt.rate(value, "en")) == (vi, en)


# ----- dates and periods -----


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2021, 10, 19), "19/10/2021"),
        (dt.date(2021, 7, 8), "08/07/2021"),
        (None, "—"),
    ],
)
def test_a_date_reads_day_month_year(value, expected):
    assert fmt.date(value) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (year(2020), "2020"),
        (Period("2016-2020", dt.date(2016, 1, 1), dt.date(2020, 12, 31)), "2016–2020"),
        (Period("12/2023", dt.date(2023, 12, 1), dt.date(2023, 12, 31)), "12/2023"),
        (Period("1/2024", dt.date(2024, 1, 1), dt.date(2024, 1, 31)), "01/2024"),
        (Period("2/2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29)), "02/2024"),
        (Period("8/7/2021 - 19/10/2021", dt.date(2021, 7, 8), dt.date(2021, 10, 19)), "08/07/2021 – 19/10/2021"),
        (Period("19/10/2021", dt.date(2021, 10, 19), dt.date(2021, 10, 19)), "19/10/2021"),
    ],
)
def test_a_period_reads_as_a_year_a_range_of_years_a_month_or_a_date_span(period, expected):
    assert (fmt.period(period, "vi"), fmt.period(period, "en")) == (expected, expected)


def test_a_date_span_inside_one_month_is_not_shown_as_the_whole_month():
    span = Period("1/10/2021 - 19/10/2021", dt.date(2021, 10, 1), dt.date(2021, 10, 19))
    assert fmt.period(span) == "01/10/2021 – 19/10/2021"


# ----- units and qualifiers -----


@pytest.mark.parametrize(
    ("ind", "vi", "en"),
    [
        (PERCENT, "%", "%"),
        (BILLION, "tỷ đồng", "billion VND"),
        (FIRMS, "doanh nghiệp", "firms"),
        (indicator(Unit.COUNT), "", ""),
        (RANK, "", ""),
        (SCORE, "điểm", "points"),
    ],
)
def test_each_unit_is_named_as_a_reader_says_it(ind, vi, en):
    assert (fmt.unit_label(ind, "vi"), fmt.unit_label(ind, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("value", "ind", "vi", "en"),
    [
        (88.9, PERCENT, "88,9%", "88.9%"),
        (11, RANK, "hạng 11", "rank 11"),
        (11500, BILLION, "11.500 tỷ đồng", "11,500 billion VND"),
        (220, FIRMS, "220 doanh nghiệp", "220 firms"),
        (1200, indicator(Unit.COUNT), "1.200", "1,200"),
        (72.5, SCORE, "72,5 điểm", "72.5 points"),
        (None, PERCENT, "—", "—"),
    ],
)
def test_a_value_carries_its_unit(value, ind, vi, en):
    assert (fmt.with_unit(value, ind, "vi"), fmt.with_unit(value, ind, "en")) == (vi, en)


# The article's figures as the overview cards show them.
ARTICLE_CARDS = [
    # "khoảng hơn 193 tỷ đồng"
    (193, BILLION, [K, H], ">193 tỷ đồng", ">193 billion VND"),
    # "khoảng 220 doanh nghiệp"
    (220, FIRMS, [K], "~220 doanh nghiệp", "~220 firms"),
    # "gần 11.500 tỷ đồng"
    (11500, BILLION, [G], "gần 11.500 tỷ đồng", "nearly 11,500 billion VND"),
    # "ước nộp ngân sách Nhà nước gần 200 tỷ đồng", in either order in the file
    (200, BILLION, [G, U], "ước gần 200 tỷ đồng", "est. nearly 200 billion VND"),
    (200, BILLION, [U, G], "ước gần 200 tỷ đồng", "est. nearly 200 billion VND"),
    # "3.031 hồ sơ"
    (3031, FILES, [], "3.031 hồ sơ", "3,031 applications"),
    (88.9, PERCENT, [], "88,9%", "88.9%"),
    (11, RANK, [], "hạng 11", "rank 11"),
    (None, BILLION, [G], "—", "—"),
]


@pytest.mark.parametrize(("value", "ind", "qualifiers", "vi", "en"), ARTICLE_CARDS)
def test_each_article_figure_keeps_its_sources_own_qualifier(value, ind, qualifiers, vi, en):
    assert (fmt.qualified(value, ind, qualifiers, "vi"), fmt.qualified(value, ind, qualifiers, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("qualifiers", "vi", "en"),
    [
        ([K, H], "khoảng, hơn", "about, over"),
        ([G, U], "gần, ước", "nearly, est."),
        ([], "", ""),
    ],
)
def test_qualifiers_are_spelled_out_in_the_sources_order(qualifiers, vi, en):
    assert (fmt.qualifier_words(qualifiers, "vi"), fmt.qualifier_words(qualifiers, "en")) == (vi, en)


# ----- names -----


def test_every_pillar_has_a_name_in_both_languages():
    names = {p: (fmt.pillar(p, "vi"), fmt.pillar(p, "en")) for p in Pillar}
    assert names == {
        Pillar.DIGITAL_GOVERNMENT: ("Chính quyền số", "Digital government"),
        Pillar.DIGITAL_ECONOMY: ("Kinh tế số", "Digital economy"),
        Pillar.DIGITAL_SOCIETY: ("Xã hội số", "Digital society"),
        Pillar.FOUNDATIONS: ("Nền tảng chung", "Foundations"),
    }


def test_an_indicator_is_named_in_the_readers_language():
    assert (fmt.name(PERCENT, "vi"), fmt.name(PERCENT, "en")) == ("chỉ tiêu", "indicator")


@pytest.mark.parametrize(
    ("vi", "en", "in_vi", "in_en"),
    [
        ("ghi chú", "note", "ghi chú", "note"),
        ("ghi chú", None, "ghi chú", "ghi chú"),
        (None, "note", "note", "note"),
        (None, None, None, None),
    ],
)
def test_the_files_own_wording_falls_back_to_the_other_language(vi, en, in_vi, in_en):
    assert (fmt.fallback("vi", vi, en), fmt.fallback("en", vi, en)) == (in_vi, in_en)


# ----- targets -----


@pytest.mark.parametrize(
    ("t", "ind", "vi", "en"),
    [
        (target(80), PERCENT, "≥80% (2025, quốc gia)", "≥80% (2025, national)"),
        (target(80, Comparator.MORE_THAN), PERCENT, ">80% (2025, quốc gia)", ">80% (2025, national)"),
        (target(100, Comparator.EXACTLY), PERCENT, "=100% (2025, quốc gia)", "=100% (2025, national)"),
        (
            target(90, year=None),
            PERCENT,
            "≥90% (chưa nêu năm, quốc gia)",
            "≥90% (no year given, national)",
        ),
        (
            target(1500, level=Level.PROVINCIAL),
            BILLION,
            "≥1.500 tỷ đồng (2025, tỉnh)",
            "≥1,500 billion VND (2025, provincial)",
        ),
        (
            target(300, level=Level.PROVINCIAL, year=2030),
            FIRMS,
            "≥300 doanh nghiệp (2030, tỉnh)",
            "≥300 firms (2030, provincial)",
        ),
    ],
)
def test_a_target_reads_comparator_value_year_and_level(t, ind, vi, en):
    assert (fmt.target(t, ind, "vi"), fmt.target(t, ind, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("t", "vi", "en"),
    [
        (target(50, Comparator.AT_MOST), "hạng ≤50 (2025, quốc gia)", "rank ≤50 (2025, national)"),
        (
            target(10, Comparator.AT_MOST, Level.PROVINCIAL, None),
            "hạng ≤10 (chưa nêu năm, tỉnh)",
            "rank ≤10 (no year given, provincial)",
        ),
    ],
)
def test_a_rank_target_reads_as_a_rank_not_as_at_most_the_top(t, vi, en):
    assert (fmt.target(t, RANK, "vi"), fmt.target(t, RANK, "en")) == (vi, en)


# ----- statuses -----


@pytest.mark.parametrize(
    ("status", "vi", "en", "color"),
    [
        (Status.ACHIEVED, "✔ Đã đạt", "✔ Achieved", "#009E73"),
        (Status.ON_TRACK, "▲ Đúng tiến độ", "▲ On track", "#0072B2"),
        (Status.AT_RISK, "◆ Có nguy cơ chậm", "◆ At risk", "#E69F00"),
        (Status.OFF_TRACK, "✖ Chậm tiến độ", "✖ Off track", "#D55E00"),
        (Status.ONE_OBSERVATION, "● Mới có một số liệu", "● One observation", "#56B4E9"),
        (Status.NO_DATA, "○ Chưa có số liệu", "○ No data", "#8C8C8C"),
        (Status.NO_TARGET, "ℹ Tham khảo, không mục tiêu", "ℹ Context, no target", "#8C8C8C"),
        (Status.DONE, "✔ Đã hoàn thành", "✔ Done", "#009E73"),
        (Status.PILOT, "◐ Thí điểm", "◐ Pilot", "#0072B2"),
        (Status.IN_PROGRESS, "➜ Đang triển khai", "➜ In progress", "#E69F00"),
        (Status.PLANNED, "○ Dự kiến", "○ Planned", "#8C8C8C"),
    ],
)
def test_each_status_has_an_icon_a_word_in_both_languages_and_a_colour(status, vi, en, color):
    assert (fmt.status_label(status, "vi"), fmt.status_label(status, "en"), fmt.status_color(status)) == (
        vi,
        en,
        color,
    )


def test_every_status_progress_can_give_is_styled_and_listed_in_order():
    assert set(fmt.STATUS_ORDER) == {str(s) for s in Status} | {str(o) for o in Outcome}
    unstyled = [
        status
        for status in Status
        if not all(fmt.STATUS_STYLE[str(status)][:3]) or not re.fullmatch(r"#[0-9A-F]{6}", fmt.status_color(status))
    ]
    assert unstyled == []


def test_no_two_pace_statuses_share_a_colour_or_an_icon():
    pace = [Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]
    colors = [fmt.status_color(s) for s in pace]
    icons = [fmt.STATUS_STYLE[str(s)][0] for s in pace]
    assert (len(set(colors)), len(set(icons))) == (4, 4)


def test_a_status_is_accepted_as_its_plain_string():
    assert (fmt.status_label("at_risk", "en"), fmt.status_color("at_risk")) == ("◆ At risk", "#E69F00")


def test_plotly_separators_put_the_decimal_mark_first():
    assert fmt.PLOTLY_SEPARATORS == {"vi": ",.", "en": ".,"}


SHORTEN = [
    ("Kinh tế số", 20, "Kinh tế số"),
    ("x" * 20, 20, "x" * 20),
    ("Tỷ lệ hồ sơ trực tuyến toàn trình", 20, "Tỷ lệ hồ sơ trực…"),
    ("Tỷ lệ hồ sơ, trực tuyến toàn trình", 17, "Tỷ lệ hồ sơ…"),
    ("a" * 30, 10, "a" * 9 + "…"),
    ("ab " + "c" * 30, 10, "ab " + "c" * 6 + "…"),
]


@pytest.mark.parametrize(("text", "limit", "expected"), SHORTEN)
def test_shorten_keeps_short_text_and_cuts_long_text_at_a_word_with_an_ellipsis(text, limit, expected):
    assert fmt.shorten(text, limit) == expected


@pytest.mark.parametrize("text", ["chữ " * 2000, "x" * 5000, "a, " * 3000])
def test_shorten_never_gives_more_than_the_limit(text):
    assert [len(fmt.shorten(text, n)) <= n for n in (10, 90, 300)] == [True] * 3


@pytest.mark.parametrize(
    ("color", "ratio"), [("#009E73", 3.42), ("#8C8C8C", 3.36), ("#000000", 21.0), ("#FFFFFF", 1.0)]
)
def test_contrast_is_the_wcag_ratio_against_white(color, ratio):
    assert round(fmt.contrast(color), 2) == ratio


@pytest.mark.parametrize("status", list(fmt.STATUS_STYLE))
def test_every_status_word_is_drawn_at_aa_contrast_or_more_in_its_own_hue(status):
    ink = fmt.status_ink(status)
    assert fmt.contrast(ink) >= 4.5
    # the same hue: only darkened, channel by channel in proportion, and not darker than needed
    color = fmt.status_color(status)
    assert ink == color or fmt.contrast(color) < 4.5


# ----- the written report -----


@pytest.mark.parametrize(
    ("qualifiers", "vi", "en"),
    [
        ([], "11.500 tỷ đồng", "11,500 billion VND"),
        ([G], "gần 11.500 tỷ đồng", "nearly 11,500 billion VND"),
        ([H, K], "khoảng hơn 11.500 tỷ đồng", "about over 11,500 billion VND"),  # 'khoảng hơn 193', as written
        ([U], "ước 11.500 tỷ đồng", "est. 11,500 billion VND"),
    ],
)
def test_a_report_spells_the_sources_words_out_before_the_same_number_and_unit(qualifiers, vi, en):
    ind = indicator(Unit.BILLION_VND)
    obs = make_observation(11500, qualifier=qualifiers)
    assert (fmt.spoken(obs, ind, "vi"), fmt.spoken(obs, ind, "en")) == (vi, en)
    assert fmt.spoken(obs, ind).endswith(fmt.with_unit(11500, ind))


@pytest.mark.parametrize(
    ("day", "vi", "en"),
    [
        (dt.date(2026, 12, 2), "ngày 02 tháng 12 năm 2026", "2 December 2026"),
        (dt.date(2026, 1, 15), "ngày 15 tháng 01 năm 2026", "15 January 2026"),
        (dt.date(2026, 2, 9), "ngày 09 tháng 02 năm 2026", "9 February 2026"),
        (dt.date(2026, 3, 10), "ngày 10 tháng 3 năm 2026", "10 March 2026"),  # the decree pads only months 1 and 2
    ],
)
def test_a_reports_date_has_the_decrees_leading_zeros(day, vi, en):
    assert (fmt.long_date(day, "vi"), fmt.long_date(day, "en")) == (vi, en)


def test_counts_are_written_with_the_leading_zero_of_official_reports():
    assert [fmt.count_of(6, 28), fmt.count_of(22, 22), fmt.count_of(1, 120)] == ["06/28", "22/22", "01/120"]


def test_every_status_has_an_official_word_in_both_languages():
    every = {str(s) for s in Status} | {str(o) for o in Outcome}
    assert {s: bool(fmt.status_word(s, "vi") and fmt.status_word(s, "en")) for s in every} == dict.fromkeys(every, True)


# ----- the day a figure was published, besides its period -----


@pytest.mark.parametrize(
    ("published", "vi", "en", "vi_period", "en_period"),
    [
        (dt.date(2025, 10, 21), "công bố 21/10/2025", "published 21/10/2025", "2024 · công bố 21/10/2025",
         "2024 · published 21/10/2025"),
        (None, "", "", "2024", "2024"),
    ],
)  # fmt: skip
def test_a_figure_says_when_it_was_published_so_last_years_dti_is_not_read_as_this_years(
    published, vi, en, vi_period, en_period
):
    dti_2024 = Observation(period=year(2024), source="dantri", value=0.6961, published=published)
    assert [fmt.published(dti_2024, "vi"), fmt.published(dti_2024, "en")] == [vi, en]
    assert [fmt.period_published(dti_2024, "vi"), fmt.period_published(dti_2024, "en")] == [vi_period, en_period]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "vietbao.vn nêu: 80% (không vẽ: không phải tỷ lệ hồ sơ)"),
        ("en", "vietbao.vn states: 80% (not charted: not a share of dossiers)"),
    ],
)
def test_another_sources_claim_is_worded_with_its_source_and_why_it_is_not_charted(lang, said):
    claim = Claim(source="vb", value=80, note="không phải tỷ lệ hồ sơ", note_en="not a share of dossiers")
    sources = {"vb": Source(id="vb", title="t", publisher="vietbao.vn", kind=SourceKind.NEWS)}
    assert fmt.claim(claim, indicator(Unit.PERCENT), sources, lang) == said
