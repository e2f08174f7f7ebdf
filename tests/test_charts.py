"""The charts draw what the model and its progress say: the values, the target, the required path, the source."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from dxkpi.analysis.compare import Entry, Panel, groups
from dxkpi.analysis.progress import Status, assess
from dxkpi.core import fmt
from dxkpi.core.model import (
    Citation,
    Comparator,
    Definition,
    Indicator,
    Kind,
    Level,
    Meta,
    Metrics,
    NationalSeries,
    Observation,
    Period,
    Qualifier,
    Source,
    SourceKind,
    Target,
    Unit,
)
from dxkpi.presentation import charts
from dxkpi.reading.loader import load
from dxkpi.reading.regions import Region
from tests.builders import make_indicator, year

# ----- builders -----

PUBLISHER = "Bộ Thông tin và Truyền thông"


def obs(y: int | Period, value: float | None, qualifier: list[Qualifier] | None = None) -> Observation:
    period = year(y) if isinstance(y, int) else y
    return Observation(period=period, source="bo", value=value, qualifier=qualifier or [])


def indicator(
    observations: list[Observation],
    unit: Unit = Unit.PERCENT,
    kind: Kind = Kind.MEASURED,
    name: str = "Tỷ lệ hồ sơ trực tuyến",
    name_en: str = "Share of applications online",
    unit_label: str | None = None,
    unit_label_en: str | None = None,
) -> Indicator:
    return make_indicator(
        name=name,
        name_en=name_en,
        unit=unit,
        kind=kind,
        unit_label=unit_label,
        unit_label_en=unit_label_en,
        observations=observations,
    )


def rank(observations: list[Observation]) -> Indicator:
    return indicator(observations, Unit.RANK, Kind.RANK, "Xếp hạng DTI", "DTI rank")


def target(
    value: float, comparator: Comparator = Comparator.AT_LEAST, year: int | None = 2025, level: Level = Level.NATIONAL
) -> Target:
    return Target(value=value, comparator=comparator, level=level, source="qd", year=year)


def sources(publisher: str = PUBLISHER) -> dict[str, Source]:
    return {"bo": Source(id="bo", title="Báo cáo DTI", publisher=publisher, kind=SourceKind.REPORT)}


# The percent indicator of the brief: 88,9% in 2023 against a national target of more than 80% by 2025.
ONLINE_TARGET = target(80, Comparator.MORE_THAN)


def online() -> Indicator:
    return indicator([obs(2023, 88.9)])


def bar(lang: str = "vi", ind: Indicator | None = None, targets: list[Target] | None = None):
    ind = ind or online()
    targets = [ONLINE_TARGET] if targets is None else targets
    return charts.progress_bar(ind, assess(ind, targets), sources(), lang)


# The rank indicator of the brief: 27th, 21st, 11th, with a provincial target of 10th or better by 2025.
DTI_TARGET = target(10, Comparator.AT_MOST, level=Level.PROVINCIAL)


def dti() -> Indicator:
    return rank([obs(2020, 27), obs(2021, 21), obs(2022, 11)])


def series(lang: str = "vi", ind: Indicator | None = None, targets: list[Target] | None = None):
    ind = ind or dti()
    targets = [DTI_TARGET] if targets is None else targets
    return charts.timeseries(ind, assess(ind, targets), targets, sources(), lang)


# ----- progress bar -----


def test_the_bar_shows_the_latest_value_against_the_target_line():
    fig = bar()
    value, line = fig.data
    assert (value.type, value.orientation, list(value.x), line.type, list(line.x), line.mode) == (
        "bar",
        "h",
        [88.9],
        "scatter",
        [80, 80],
        "lines",
    )


def test_the_bar_is_coloured_by_the_status_and_labelled_with_the_figure():
    fig = bar()
    value, line = fig.data
    assert (value.marker.color, list(value.text), value.name, line.line.color, line.name) == (
        "#009E73",  # achieved: 88,9% > 80%
        ["88,9%"],
        "2023: 88,9%",
        charts.TARGET_COLOR,
        "Mục tiêu &gt;80% (2025, quốc gia)",  # plotly reads its labels as HTML
    )


def test_the_bar_speaks_english_with_english_separators():
    fig = bar("en")
    value, line = fig.data
    assert (list(value.text), value.name, line.name, fig.layout.separators, fig.layout.xaxis.title.text) == (
        ["88.9%"],
        "2023: 88.9%",
        "Target &gt;80% (2025, national)",
        ".,",
        "%",
    )


@pytest.mark.parametrize(("lang", "separators"), [("vi", ",."), ("en", ".,")])
def test_a_percent_bar_runs_from_0_to_105_percent_with_the_readers_separators(lang, separators):
    layout = bar(lang).layout
    assert (list(layout.xaxis.range), layout.xaxis.ticksuffix, layout.separators) == ([0, 105], "%", separators)


def test_the_bar_hover_gives_the_figure_its_period_and_its_publisher():
    (hover,) = bar().data[0].hovertext
    assert hover == f"88,9%<br>Kỳ: 2023<br>Nguồn: {PUBLISHER}"


def test_a_rank_bar_reads_right_to_left_so_first_place_is_at_the_end():
    fig = bar(ind=dti(), targets=[DTI_TARGET])
    value, line = fig.data
    assert (list(value.x), list(line.x), fig.layout.xaxis.autorange, fig.layout.xaxis.title.text) == (
        [11],
        [10, 10],
        "reversed",
        "Thứ hạng (1 là cao nhất)",
    )


def test_a_count_bar_starts_at_zero_and_names_its_unit():
    firms = indicator([obs(2020, 220)], Unit.COUNT, unit_label="doanh nghiệp", unit_label_en="firms")
    fig = bar(ind=firms, targets=[target(300)])
    assert (fig.layout.xaxis.rangemode, fig.layout.xaxis.range, fig.layout.xaxis.title.text) == (
        "tozero",
        None,
        "doanh nghiệp",
    )


def test_there_is_no_bar_without_a_target():
    assert bar(targets=[]) is None


def test_there_is_no_bar_without_a_value():
    assert bar(ind=indicator([])) is None


def test_there_is_no_bar_when_the_latest_observation_has_no_value():
    progress = assess(online(), [ONLINE_TARGET])
    no_value = dataclasses.replace(progress, latest=obs(2023, None))
    assert charts.progress_bar(online(), no_value, sources(), "vi") is None


# ----- time series -----


def END(year: int) -> dt.date:
    """Where a yearly figure, a target or a year of the path sits on the time axis: the year's last day."""
    return dt.date(year, 12, 31)


def test_the_series_plots_each_value_at_the_end_of_its_period():
    line = series().data[0]
    assert (list(line.x), list(line.y), line.name, list(line.text)) == (
        [END(2020), END(2021), END(2022)],
        [27, 21, 11],
        "Xếp hạng DTI",
        ["hạng 27", "hạng 21", "hạng 11"],
    )


def test_observations_are_plotted_in_time_order_whatever_the_file_order():
    line = series(ind=rank([obs(2022, 11), obs(2020, 27), obs(2021, 21)])).data[0]
    assert (list(line.x), list(line.y)) == ([END(2020), END(2021), END(2022)], [27, 21, 11])


def test_a_rank_series_has_first_place_at_the_top():
    assert series().layout.yaxis.autorange == "reversed"


def test_the_target_is_a_star_at_its_year_and_value_named_in_its_hover():
    star = series().data[-1]
    assert (list(star.x), list(star.y), star.mode, star.marker.symbol, star.marker.color, star.name) == (
        [END(2025)],
        [10],
        "markers",
        "star",
        charts.TARGET_COLOR,
        "Mục tiêu",
    )
    # the words are fmt.target's (tested in test_fmt.py)
    assert list(star.hovertext) == ["Mục tiêu " + fmt.target(DTI_TARGET, dti(), "vi")]


def test_targets_at_the_same_year_and_value_share_a_star_whose_hover_names_each():
    national, provincial = target(80), target(80, level=Level.PROVINCIAL)
    later = target(100, year=2030)
    star = series(ind=indicator([obs(2021, 70), obs(2023, 75)]), targets=[national, provincial, later]).data[-1]
    assert (list(star.x), list(star.y), list(star.hovertext)) == (
        [END(2025), END(2030)],
        [80, 100],
        ["Mục tiêu ≥80% (2025, quốc gia) · ≥80% (2025, tỉnh)", "Mục tiêu ≥100% (2030, quốc gia)"],
    )


def test_the_required_path_runs_from_the_baseline_year_to_the_target():
    fig = series()
    progress = assess(dti(), [DTI_TARGET])
    path = fig.data[1]
    assert (path.name, list(path.x), list(path.y), path.x[0], path.y[0], path.x[-1], path.y[-1]) == (
        "Lộ trình cần đạt",
        [END(y) for y, _ in progress.required_path],
        [v for _, v in progress.required_path],
        END(2020),
        27,
        END(2025),
        10,
    )


def test_traces_are_the_series_the_path_and_the_dated_targets():
    in_2030 = target(5, Comparator.AT_MOST, year=2030)
    fig = series("en", targets=[DTI_TARGET, in_2030, target(3, Comparator.AT_MOST, None)])
    assert [(trace.name, list(trace.x)) for trace in fig.data[1:]] == [
        ("Required path", [END(y) for y in range(2020, 2026)]),
        ("Target", [END(2025), END(2030)]),  # the undated target has no place on a time axis
    ]
    assert fig.data[0].name == "DTI rank"


def test_there_is_no_required_path_when_progress_has_none():
    # the baseline (90%) was already past the target, so there is no pace to keep and no path to draw
    ind = indicator([obs(2021, 90), obs(2023, 75)])
    progress = assess(ind, [ONLINE_TARGET])
    fig = charts.timeseries(ind, progress, [ONLINE_TARGET], sources(), "vi")
    assert (progress.status, progress.required_path, [trace.name for trace in fig.data]) == (
        Status.OFF_TRACK,
        (),
        ["Tỷ lệ hồ sơ trực tuyến", "Mục tiêu"],
    )


def test_the_required_path_is_drawn_whenever_progress_has_one_even_once_the_target_is_met():
    ind = indicator([obs(2021, 70), obs(2023, 88.9)])
    progress = assess(ind, [ONLINE_TARGET])
    fig = charts.timeseries(ind, progress, [ONLINE_TARGET], sources(), "vi")
    assert (progress.status, [trace.name for trace in fig.data], list(fig.data[1].x)) == (
        Status.ACHIEVED,
        ["Tỷ lệ hồ sơ trực tuyến", "Lộ trình cần đạt", "Mục tiêu"],
        [END(y) for y, _ in progress.required_path],
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_series_hover_gives_each_figure_its_period_and_its_publisher(lang):
    span = Period("2016-2020", dt.date(2016, 1, 1), dt.date(2020, 12, 31))
    billions = indicator([obs(span, 193, [Qualifier.ABOUT, Qualifier.OVER]), obs(2021, 210)], Unit.BILLION_VND)
    hover = list(series(lang, billions, []).data[0].hovertext)
    expected = {
        "vi": [
            f"&gt;193 tỷ đồng<br>Kỳ: 2016–2020<br>Nguồn: {PUBLISHER}",
            f"210 tỷ đồng<br>Kỳ: 2021<br>Nguồn: {PUBLISHER}",
        ],
        "en": [
            f"&gt;193 billion VND<br>Period: 2016–2020<br>Source: {PUBLISHER}",
            f"210 billion VND<br>Period: 2021<br>Source: {PUBLISHER}",
        ],
    }
    assert hover == expected[lang]


def test_a_figure_from_an_unknown_source_cites_its_source_id():
    ind = dti()
    fig = charts.timeseries(ind, assess(ind, [DTI_TARGET]), [DTI_TARGET], {}, "vi")
    assert fig.data[0].hovertext[0] == "hạng 27<br>Kỳ: 2020<br>Nguồn: bo"


@pytest.mark.parametrize(
    ("ind", "vi", "en"),
    [
        (dti(), "Thứ hạng (1 là cao nhất)", "Rank (1 is best)"),
        (indicator([obs(2020, 40), obs(2021, 50)]), "%", "%"),
        (indicator([obs(2020, 150), obs(2021, 193)], Unit.BILLION_VND), "tỷ đồng", "billion VND"),
        (
            indicator([obs(2020, 200), obs(2021, 220)], Unit.COUNT, unit_label="doanh nghiệp", unit_label_en="firms"),
            "doanh nghiệp",
            "firms",
        ),
        (indicator([obs(2020, 200), obs(2021, 220)], Unit.COUNT), "Số lượng", "Count"),
    ],
)
def test_axis_titles_name_the_unit_and_the_year_in_both_languages(ind, vi, en):
    titles = {}
    for lang in ("vi", "en"):
        layout = series(lang, ind, []).layout
        titles[lang] = (layout.yaxis.title.text, layout.xaxis.title.text)
    assert titles == {"vi": (vi, "Năm"), "en": (en, "Year")}


@pytest.mark.parametrize(("lang", "separators"), [("vi", ",."), ("en", ".,")])
def test_a_percent_series_runs_from_0_to_105_percent_with_whole_years(lang, separators):
    layout = series(lang, indicator([obs(2021, 70), obs(2023, 88.9)]), [ONLINE_TARGET]).layout
    assert (
        list(layout.yaxis.range),
        layout.yaxis.ticksuffix,
        layout.xaxis.dtick,
        layout.xaxis.tickformat,
        layout.separators,
    ) == ([0, 105], "%", "M12", "%Y", separators)


def test_a_years_tick_is_under_that_years_figure():
    fig = series("vi", indicator([obs(2021, 70), obs(2023, 88.9)]), [ONLINE_TARGET])
    dates = [str(x)[:10] for x in fig.data[0].x]
    tick0 = fig.layout.xaxis.tick0
    # Ticks step 12 months from tick0, so they fall on its day of the year: the day each yearly figure sits on.
    assert (dates, tick0[5:]) == (["2021-12-31", "2023-12-31"], "12-31")


@pytest.mark.parametrize(
    "observations",
    [[], [obs(2022, 11)], [obs(2021, None), obs(2022, 11)]],
    ids=["none", "one", "one-with-a-value"],
)
def test_there_is_no_series_below_two_values(observations):
    ind = rank(observations)
    assert charts.timeseries(ind, assess(ind, [DTI_TARGET]), [DTI_TARGET], sources(), "vi") is None


# Plotly reads <b>, <i>, <a href>, <span style> and <br> in its labels: the file's text must stay text.
HOSTILE = '<a href="http://x">Sở</a>'
HOSTILE_TEXT = '&lt;a href="http://x"&gt;Sở&lt;/a&gt;'


def test_a_hostile_publisher_or_name_stays_text_in_the_hover_and_the_legend():
    ind = rank([obs(2020, 27), obs(2021, 21)])
    ind.name = HOSTILE
    fig = charts.timeseries(ind, assess(ind, [DTI_TARGET]), [DTI_TARGET], sources(HOSTILE), "vi")
    assert (list(fig.data[0].hovertext), fig.data[0].name) == (
        [f"hạng 27<br>Kỳ: 2020<br>Nguồn: {HOSTILE_TEXT}", f"hạng 21<br>Kỳ: 2021<br>Nguồn: {HOSTILE_TEXT}"],
        HOSTILE_TEXT,
    )


def test_a_hostile_unit_stays_text_in_the_bar_labels_and_the_target_name():
    ind = indicator([obs(2020, 220)], Unit.COUNT, unit_label=HOSTILE)
    fig = bar(ind=ind, targets=[target(300)])
    value, line = fig.data
    assert (list(value.text), value.name, line.name) == (
        [f"220 {HOSTILE_TEXT}"],
        f"2020: 220 {HOSTILE_TEXT}",
        f"Mục tiêu ≥300 {HOSTILE_TEXT} (2025, quốc gia)",
    )


@pytest.mark.parametrize("chart", ["bar", "series"])
def test_a_hostile_unit_stays_text_in_the_axis_title(chart):
    if chart == "bar":
        layout = bar(ind=indicator([obs(2020, 220)], Unit.COUNT, unit_label=HOSTILE), targets=[target(300)]).layout
        title = layout.xaxis.title.text
    else:
        ind = indicator([obs(2020, 200), obs(2021, 220)], Unit.COUNT, unit_label=HOSTILE)
        title = series(ind=ind, targets=[]).layout.yaxis.title.text
    assert title == HOSTILE_TEXT


# ----- the country's line, other wordings, one figure -----


def national(observations: list[Observation]) -> NationalSeries:
    return NationalSeries(indicator="x", observations=observations)


def test_the_national_series_is_a_dashed_grey_line_labelled_as_the_countrys_for_reference():
    ind = indicator([obs(2021, 10), obs(2023, 12)])
    country = national([obs(2021, 12.87), obs(2025, 14.02, [Qualifier.ESTIMATED])])
    for lang, label in (("vi", "Cả nước (tham khảo)"), ("en", "Viet Nam (reference)")):
        fig = charts.timeseries(ind, assess(ind, []), [], sources(), lang, national=country)
        line = fig.data[1]
        assert (line.name, list(line.x), list(line.y), line.line.dash, line.line.color, list(line.text)) == (
            label,
            [END(2021), END(2025)],
            [12.87, 14.02],
            "dash",
            charts.NATIONAL_COLOR,
            ["12,87%", "ước 14,02%"] if lang == "vi" else ["12.87%", "est. 14.02%"],
        )
        assert line.textfont.color == "#767676"  # the line's grey #7F7F7F is 4.0:1 on white; its labels 4.54:1
        assert line.hovertext[0] == f"{label}: {'12,87%' if lang == 'vi' else '12.87%'}<br>" + (
            f"Kỳ: 2021<br>Nguồn: {PUBLISHER}" if lang == "vi" else f"Period: 2021<br>Source: {PUBLISHER}"
        )


def test_an_indicator_with_no_figure_of_its_own_still_gets_a_chart_of_the_countrys_line_and_its_targets():
    ind = indicator([])
    country = national([obs(2021, 12.87), obs(2025, 14.02)])
    fig = charts.indicator_chart(ind, assess(ind, [target(20)]), [target(20)], sources(), "vi", country)
    assert [trace.name for trace in fig.data] == ["Cả nước (tham khảo)", "Mục tiêu"]


def test_two_figures_of_one_year_stand_apart_at_the_end_of_their_months():
    june = Period("6/2023", dt.date(2023, 6, 1), dt.date(2023, 6, 30))
    december = Period("12/2023", dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    ind = indicator([obs(june, 40), obs(december, 45)])
    assert list(series(ind=ind, targets=[]).data[0].x) == [dt.date(2023, 6, 30), dt.date(2023, 12, 31)]


def test_a_single_context_figure_is_drawn_as_one_labelled_point():
    ind = indicator([obs(2024, 99.99)], kind=Kind.CONTEXT)
    fig = charts.indicator_chart(ind, assess(ind, []), [], sources(), "vi")
    assert (len(fig.data), list(fig.data[0].x), list(fig.data[0].text)) == (1, [END(2024)], ["99,99%"])


def test_a_single_figure_with_a_target_is_a_bullet_chart():
    fig = charts.indicator_chart(online(), assess(online(), [ONLINE_TARGET]), [ONLINE_TARGET], sources(), "vi")
    assert fig.data[0].orientation == "h"


def test_nothing_to_draw_gives_no_chart():
    ind = indicator([])
    assert charts.indicator_chart(ind, assess(ind, [ONLINE_TARGET]), [ONLINE_TARGET], sources(), "vi") is None


def test_the_hover_shows_every_source_of_a_figure_in_its_own_words():
    figure = obs(Period("12/2023", dt.date(2023, 12, 1), dt.date(2023, 12, 31)), 96, [Qualifier.ABOUT])
    figure.also = [Citation(source="vnn", qualifier=[Qualifier.NEARLY])]
    ind = indicator([obs(2021, 90), figure])
    all_sources = {**sources(), "vnn": Source(id="vnn", title="t", publisher="vietnamnet.vn", kind=SourceKind.NEWS)}
    fig = charts.timeseries(ind, assess(ind, []), [], all_sources, "vi")
    assert fig.data[0].hovertext[1] == f"~96%<br>Kỳ: 12/2023<br>Nguồn: {PUBLISHER}<br>vietnamnet.vn: gần 96%"


def test_a_rank_out_of_a_number_of_provinces_is_labelled_with_it():
    ranked = [Observation(period=year(2023), source="bo", value=57, out_of=63), obs(2024, 41)]
    ranked[1].out_of = 63
    fig = series(ind=rank(ranked), targets=[])
    assert list(fig.data[0].text) == ["hạng 57/63", "hạng 41/63"]


# ----- figures of different definitions on one indicator's chart -----

DTI_DEFINITIONS = {
    "dti-truoc-2024": Definition("dti-truoc-2024", "DTI, phương pháp trước năm 2024", "DTI, the method before 2024"),
    "dti-2024": Definition("dti-2024", "DTI, phương pháp từ năm 2024", "DTI, the method from 2024"),
}


def dti_across_the_method_change() -> Indicator:
    """Ranks 27, 21, 11 by the old method, then 8 and 6 by the 2024 method."""
    later = [dataclasses.replace(obs(y, v), definition="dti-2024") for y, v in ((2024, 8), (2025, 6))]
    ind = rank([obs(2020, 27), obs(2021, 21), obs(2022, 11), *later])
    ind.definition = "dti-truoc-2024"
    return ind


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("vi", ["DTI, phương pháp trước năm 2024", "DTI, phương pháp từ năm 2024"]),
        ("en", ["DTI, the method before 2024", "DTI, the method from 2024"]),
    ],
)
def test_figures_under_another_definition_are_a_separate_line_named_by_its_definition(lang, names):
    ind = dti_across_the_method_change()
    fig = charts.indicator_chart(ind, assess(ind, []), [], sources(), lang, definitions=DTI_DEFINITIONS)
    lines = [(t.name, list(t.x), list(t.y)) for t in fig.data]
    assert lines == [
        (names[0], [END(2020), END(2021), END(2022)], [27, 21, 11]),
        (names[1], [END(2024), END(2025)], [8, 6]),
    ]
    assert fig.data[0].line.dash != fig.data[1].line.dash  # apart without colour too


def test_a_line_of_an_undeclared_definition_is_named_by_its_id_and_the_indicators_own_by_its_name():
    ind = rank([obs(2021, 21), dataclasses.replace(obs(2024, 8), definition="dti-2024")])
    fig = charts.indicator_chart(ind, assess(ind, []), [], sources(), "en")
    assert [t.name for t in fig.data] == ["DTI rank", "dti-2024"]


def test_figures_of_one_definition_stay_one_line_named_by_the_indicator():
    ind = dti()
    ind.definition = "dti-truoc-2024"
    fig = charts.indicator_chart(ind, assess(ind, []), [], sources(), "vi", definitions=DTI_DEFINITIONS)
    assert [(t.name, list(t.y)) for t in fig.data] == [("Xếp hạng DTI", [27, 21, 11])]


# ----- the Compare page: a line per region -----


def region(rid: str, name: str, name_en: str | None, *indicators: Indicator, publisher: str = PUBLISHER) -> Entry:
    metrics = Metrics(
        meta=Meta(title="t", region=name, region_en=name_en, program="p", reporting_period="2021–2025"),
        indicators=list(indicators),
        sources=list(sources(publisher).values()),
    )
    return Entry(Region(rid, Path(f"{rid}.yaml")), metrics, {})


def ranked(values: list[tuple[int, float, float | None]]) -> Indicator:
    return rank([dataclasses.replace(obs(y, v), out_of=n) for y, v, n in values])


def papi_panel() -> Panel:
    """PAPI ranks of two provinces: 46 and 45 of 63 for one, 60 and 2 of 63 for the other; then one year of 34."""
    long_an = region("long-an", "Long An", None, ranked([(2023, 46, 63), (2024, 45, 63)]))
    tay_ninh = region("tay-ninh-cu", "Tây Ninh (cũ)", "Tây Ninh (former)", ranked([(2023, 60, 63), (2024, 2, 63)]))
    new = region("tay-ninh", "Tây Ninh", None, ranked([(2025, 5, 34)]))
    (group,) = groups([long_an, tay_ninh, new])
    (panel,) = group.panels
    return panel


def test_a_rank_chart_has_rank_1_at_the_top_and_reaches_down_to_the_last_place():
    layout = charts.rank_chart(papi_panel(), "vi").layout
    assert (list(layout.yaxis.range), list(layout.yaxis.tickvals), layout.yaxis.title.text) == (
        [64, 0],  # the first number is the bottom: the axis runs from 63 up to 1
        [1, 10, 20, 30, 40, 50, 60],
        "Thứ hạng (1 là cao nhất)",
    )


@pytest.mark.parametrize(
    ("lang", "ticks"),
    [
        ("vi", ["2023<br>63 tỉnh", "2024<br>63 tỉnh", "2025<br>34 tỉnh"]),
        ("en", ["2023<br>63 provinces", "2024<br>63 provinces", "2025<br>34 provinces"]),
    ],
)
def test_a_rank_chart_shows_under_each_year_how_many_provinces_were_ranked(lang, ticks):
    layout = charts.rank_chart(papi_panel(), lang).layout
    assert (list(layout.xaxis.tickvals), list(layout.xaxis.ticktext)) == ([END(2023), END(2024), END(2025)], ticks)


def test_a_rank_chart_of_only_the_34_provinces_reaches_down_to_34():
    new = region("tay-ninh", "Tây Ninh", None, ranked([(2025, 5, 34), (2026, 3, 34)]))
    other = region("an-giang", "An Giang", None, ranked([(2025, 20, 34)]))
    (group,) = groups([new, other])
    layout = charts.rank_chart(group.panels[0], "vi").layout
    assert (list(layout.yaxis.range), list(layout.xaxis.ticktext)) == ([35, 0], ["2025<br>34 tỉnh", "2026<br>34 tỉnh"])


def test_a_rank_with_no_out_of_is_labelled_with_its_year_alone():
    a = region("a", "A", None, ranked([(2023, 12, None)]))
    b = region("b", "B", None, ranked([(2023, 30, 63)]))
    (group,) = groups([a, b])
    assert list(charts.rank_chart(group.panels[0], "vi").layout.xaxis.ticktext) == ["2023<br>63 tỉnh"]
    alone = region("c", "C", None, ranked([(2022, 12, None)]))
    (group,) = groups([a, alone])
    assert list(charts.rank_chart(group.panels[0], "vi").layout.xaxis.ticktext) == ["2022", "2023"]


def test_a_comparison_chart_has_a_line_per_region_each_figure_at_its_periods_end():
    fig = charts.rank_chart(papi_panel(), "en")
    assert [(t.name, list(t.x), list(t.y), list(t.text)) for t in fig.data] == [
        ("Long An", [END(2023), END(2024)], [46, 45], ["rank 46/63", "rank 45/63"]),
        ("Tây Ninh (former)", [END(2023), END(2024)], [60, 2], ["rank 60/63", "rank 2/63"]),
        ("Tây Ninh", [END(2025)], [5], ["rank 5/34"]),
    ]
    styles = {(t.line.color, t.marker.symbol, t.line.dash) for t in fig.data}
    assert len(styles) == 3  # each region its colour, marker and dash


def test_a_comparison_charts_figures_are_written_in_their_regions_hue_at_aa_contrast_on_white():
    fig = charts.rank_chart(papi_panel(), "en")
    # the Okabe-Ito line colours stay; the labels darken: vermilion was 3.87:1 on white, bluish green 3.42:1
    assert [(t.line.color, t.textfont.color) for t in fig.data] == [
        ("#0072B2", "#0072B2"),
        ("#D55E00", "#C25600"),
        ("#009E73", "#008662"),
    ]
    assert all(fmt.contrast(t.textfont.color) >= fmt.AA_CONTRAST for t in fig.data)


def test_a_rank_label_on_the_side_its_line_comes_from_or_goes_to_sits_above_or_below_that_stretch():
    fig = charts.rank_chart(papi_panel(), "vi")
    assert [(t.name, t.textposition) for t in fig.data] == [
        # left of each point; 45/63's line comes in from 46, lower on the chart: above it ("hạng 45/63" sat on it)
        ("Long An", ("middle left", "top left")),
        # right of each point; 60/63's line goes on up to 2: below it
        ("Tây Ninh (cũ)", ("bottom right", "middle right")),
        ("Tây Ninh", "top center"),  # one point, no line
    ]


@pytest.mark.parametrize(
    ("values", "places"),
    [
        ([60.0, 70.0, 80.0], ("middle left", "top left", "top left")),  # rising: the line in runs lower
        ([80.0, 70.0, 60.0], ("middle left", "bottom left", "bottom left")),  # falling: it runs higher
        ([70.0, 70.0], ("middle left", "top left")),  # level: above it
    ],
)
def test_a_comparison_label_beside_its_point_is_moved_off_the_line_coming_in_to_it(values, places):
    long_an = region("long-an", "Long An", None, indicator([obs(2021 + k, v) for k, v in enumerate(values)]))
    other = region("tay-ninh", "Tây Ninh", None, indicator([obs(2025, 95.25)]))
    (group,) = groups([long_an, other])
    fig = charts.comparison_chart(group.panels[0], "vi")
    assert fig.data[0].textposition == places


def test_a_region_keeps_its_colour_on_every_chart_of_the_page():
    order = ["long-an", "tay-ninh-cu", "tay-ninh"]
    tay_ninh = region("tay-ninh", "Tây Ninh", None, indicator([obs(2025, 95.25)]))
    long_an = region("long-an", "Long An", None, indicator([obs(2023, 88.9)]))
    (group,) = groups([long_an, tay_ninh])
    fig = charts.comparison_chart(group.panels[0], "vi", order)
    papi = charts.rank_chart(papi_panel(), "vi", order)
    assert [t.line.color for t in fig.data] == [papi.data[0].line.color, papi.data[2].line.color]


@pytest.mark.parametrize(
    ("lang", "hover", "ticks"),
    [
        ("vi", f"Tây Ninh: 95,25%<br>Kỳ: 10/2025<br>Nguồn: {PUBLISHER}", ["2023", "10/2025"]),
        ("en", f"Tây Ninh: 95.25%<br>Period: 10/2025<br>Source: {PUBLISHER}", ["2023", "10/2025"]),
    ],
)
def test_a_comparison_chart_labels_each_figures_period_under_it_and_names_the_region_in_the_hover(lang, hover, ticks):
    october = Period("10/2025", dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    long_an = region("long-an", "Long An", None, indicator([obs(2023, 88.9)]))
    tay_ninh = region("tay-ninh", "Tây Ninh", None, indicator([obs(october, 95.25)]))
    (group,) = groups([long_an, tay_ninh])
    fig = charts.comparison_chart(group.panels[0], lang)
    assert (fig.data[1].hovertext[0], list(fig.layout.xaxis.ticktext), list(fig.layout.yaxis.range)) == (
        hover,
        ticks,
        [0, 105],
    )
    assert list(fig.layout.xaxis.tickvals) == [END(2023), dt.date(2025, 10, 31)]


def test_a_hostile_region_name_or_publisher_stays_text_on_a_comparison_chart():
    a = region("a", HOSTILE, None, indicator([obs(2023, 88.9)]), publisher=HOSTILE)
    b = region("b", "B", None, indicator([obs(2024, 90)]))
    (group,) = groups([a, b])
    trace = charts.comparison_chart(group.panels[0], "vi").data[0]
    assert (trace.name, trace.hovertext[0]) == (
        HOSTILE_TEXT,
        f"{HOSTILE_TEXT}: 88,9%<br>Kỳ: 2023<br>Nguồn: {HOSTILE_TEXT}",
    )


DAY0 = dt.date(2020, 1, 1)


def days(*offsets: int) -> list[dt.date]:
    return [DAY0 + dt.timedelta(days=d) for d in offsets]


@pytest.mark.parametrize(
    ("at", "labels", "drawn"),
    [
        # 100 days over 100 pixels; '2021' at 10 px is 22.4 px wide: labels 60 px apart stay on one line
        ([20, 80], ["2021", "2022"], ["2021", "2022"]),
        ([20, 30], ["2021", "2022"], ["2021", "<br>2022"]),  # 10 px apart: the second goes below the first
        ([20, 30, 60], ["2021", "2022", "2023"], ["2021", "<br>2022", "2023"]),  # the third has room on the first line
        ([20, 30, 40], ["2021", "2022", "2023"], ["2021", "<br>2022", "<br><br>2023"]),  # the third, a row lower
        ([20, 30], ["2021<br>63 tỉnh", "2022<br>63 tỉnh"], ["2021<br>63 tỉnh", "<br><br>2022<br>63 tỉnh"]),
    ],
)
def test_a_tick_label_that_would_run_into_the_one_before_it_goes_below_it(at, labels, drawn):
    ticks = dict(zip(days(*at), labels, strict=True))
    assert list(charts.staggered(ticks, days(0, 100), plot_px=100, font=10).values()) == drawn


def test_long_ans_two_online_service_figures_three_months_apart_have_their_periods_on_two_lines():
    """76% in 2021 and 83,6% on 11/03/2022, a chart of three across: '2021' and '11/03/2022' were written over each
    other; beside its table, the other region's one figure has its period alone."""
    entries = [Entry(Region(p.stem, p), load(p).metrics, {}) for p in (SHIPPED / "metrics.yaml",
               SHIPPED / "data/regions/tay-ninh-cu.yaml", SHIPPED / "data/regions/tay-ninh.yaml")]  # fmt: skip
    (group,) = [g for g in groups(entries) if g.topic == "dich-vu-cong-truc-tuyen"]
    ticks = [list(charts.comparison_chart(p, "vi", None, 3).layout.xaxis.ticktext) for p in group.panels]
    assert ticks == [["2021", "<br>11/03/2022"], ["11/2023"], ["12/2025"]]


# ----- the shipped DTI: each set its own line, the country's sets their own reference lines -----

SHIPPED = Path(__file__).parent.parent


def shipped(path: str) -> Metrics:
    metrics = load(SHIPPED / path).metrics
    assert metrics is not None
    return metrics


def shipped_chart(path: str, ident: str, lang: str):
    metrics = shipped(path)
    ind = next(i for i in metrics.indicators if i.id == ident)
    targets = metrics.targets_of(ind)
    return charts.indicator_chart(
        ind,
        assess(ind, targets),
        targets,
        metrics.source_by_id(),
        lang,
        metrics.national_of(ind),
        metrics.definition_by_id(),
    )


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "vi",
            [
                ("DTI cấp tỉnh, bộ 1726/QĐ-BTTTT (DTI 2020–2021, 63 tỉnh)", [27, 21]),
                ("DTI cấp tỉnh, bộ 922/QĐ-BTTTT (DTI 2022–2023, 63 tỉnh)", [11]),
            ],
        ),
        (
            "en",
            [
                ("Provincial DTI, set 1726/QĐ-BTTTT (DTI 2020–2021, 63 provinces)", [27, 21]),
                ("Provincial DTI, set 922/QĐ-BTTTT (DTI 2022–2023, 63 provinces)", [11]),
            ],
        ),
    ],
)
def test_long_ans_dti_ranks_of_two_sets_are_two_lines_never_one(lang, lines):
    fig = shipped_chart("metrics.yaml", "xep-hang-dti", lang)
    assert [(t.name, list(t.y)) for t in fig.data] == lines


def test_the_new_tay_ninhs_dti_chart_draws_each_of_the_countrys_sets_as_its_own_reference_line():
    fig = shipped_chart("data/regions/tay-ninh.yaml", "chi-so-dti", "vi")
    assert [(t.name, list(t.y), t.line.dash) for t in fig.data] == [
        ("Cả nước (tham khảo) · DTI quốc gia, bộ 922/QĐ-BTTTT (đến DTI 2023)", [0.7326], "dash"),
        ("Cả nước (tham khảo) · DTI quốc gia, bộ 405/QĐ-BKHCN (từ DTI 2024)", [0.7955], "dash"),
        ("Cả nước (tham khảo) · DTI cấp tỉnh, bộ 405/QĐ-BKHCN (từ DTI 2024)", [0.6961], "dash"),
    ]
    assert fig.data[2].hovertext[0] == (
        "Cả nước (tham khảo): 0,6961 (thang 0–1)<br>Kỳ: 2024<br>Nguồn: dantri.com.vn<br>công bố 21/10/2025"
    )


def test_a_claim_of_another_source_is_in_the_hover_of_the_charted_figure_never_a_point():
    fig = shipped_chart("data/regions/tay-ninh.yaml", "ho-so-xu-ly-toan-trinh", "vi")
    (country,) = [t for t in fig.data if t.name == "Cả nước (tham khảo)"]
    assert list(country.y) == [45.8, 39.51, 39.98, 51.7]
    assert "vietbao.vn, 21/10/2025 nêu: 80% (không vẽ: '80% dịch vụ công" in country.hovertext[2]


@pytest.mark.parametrize("path", ["metrics.yaml", "data/regions/tay-ninh-cu.yaml", "data/regions/tay-ninh.yaml"])
def test_no_line_of_any_shipped_chart_joins_figures_of_two_definitions(path):
    metrics = shipped(path)
    for ind in metrics.indicators:
        fig = shipped_chart(path, ind.id, "en")
        if fig is None or fig.data[0].orientation == "h":
            continue
        national = metrics.national_of(ind)
        own = charts.by_definition(ind, ind.figures())
        country = charts.by_definition(ind, national.figures()) if national else {}
        lines = [t for t in fig.data if t.mode and "lines" in t.mode and t.name != "Required path"]
        assert len(lines) == len(own) + len(country), ind.id


@pytest.mark.parametrize(
    ("ident", "places"),
    [
        # 76% in 2021 and 83,6% on 11/03/2022: the lower one's label below it, running right from the first date
        ("dvctt-muc-4", [("bottom right", "top center")]),
        # the province's 2020 figure runs right from the first date; the country's 2025 one left from the last
        ("dn-cong-nghe-so", [("top right",), ("bottom left",)]),
        # two ranks a year apart: each runs inwards from its end of the chart
        ("xep-hang-papi", [("top right", "top left")]),
    ],
)
def test_value_labels_at_a_charts_first_and_last_dates_run_inwards_and_two_close_ones_part(ident, places):
    fig = shipped_chart("metrics.yaml", ident, "vi")
    assert [tuple(t.textposition) for t in fig.data if t.text is not None] == places


def test_a_chart_of_one_date_keeps_its_labels_centred_above_their_points():
    ind = indicator([obs(2023, 88.9)])
    fig = charts.timeseries(ind, assess(ind, []), [], sources(), minimum=1)
    assert [t.textposition for t in fig.data if t.text is not None] == ["top center"]


def test_a_regions_two_close_figures_on_a_compare_chart_have_their_labels_on_either_side():
    entries = [Entry(Region(p.stem, p), load(p).metrics, {}) for p in (SHIPPED / "metrics.yaml",
               SHIPPED / "data/regions/tay-ninh-cu.yaml")]  # fmt: skip
    (group,) = [g for g in groups(entries) if g.topic == "dich-vu-cong-truc-tuyen"]
    long_an = charts.comparison_chart(group.panels[0], "vi", None, 2).data[0]
    assert (list(long_an.text), list(long_an.textposition)) == (["76%", "83,6%"], ["middle left", "middle right"])
