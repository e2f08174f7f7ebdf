"""The pages' ECharts charts draw what charts.py's plotly figures draw: every trace, point, label, hover and target."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from dxkpi.analysis.compare import Entry, groups
from dxkpi.analysis.progress import assess, assess_all
from dxkpi.core.model import Metrics
from dxkpi.presentation import charts, echarts
from dxkpi.reading.loader import load
from dxkpi.reading.regions import Region
from tests.test_charts import DTI_TARGET, HOSTILE, ONLINE_TARGET, bar, dti, indicator, obs, papi_panel, sources

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "metrics.yaml", *sorted((ROOT / "data" / "regions").glob("*.yaml"))]


def shipped() -> dict[str, Metrics]:
    metrics = {}
    for path in FILES:
        loaded = load(path).metrics
        assert loaded is not None, path
        metrics[path.stem] = loaded
    return metrics


METRICS = shipped()


def figures(lang: str) -> list[tuple[str, charts.go.Figure]]:
    """Every chart of the shipped files' pillar pages and of their Compare page, named for a failure message."""
    found = []
    for name, metrics in METRICS.items():
        progress = assess_all(metrics)
        sources, definitions = metrics.source_by_id(), metrics.definition_by_id()
        for ind in metrics.indicators:
            args = (progress[ind.id], metrics.targets_of(ind), sources, lang, metrics.national_of(ind), definitions)
            figure = charts.indicator_chart(ind, *args)
            if figure is not None:
                found.append((f"{name}:{ind.id}", figure))
    entries = [Entry(Region(n, FILES[k]), m, assess_all(m)) for k, (n, m) in enumerate(METRICS.items())]
    for group in groups(entries, min_regions=1):
        for k, panel in enumerate(group.panels):
            draw = charts.rank_chart if panel.is_rank else charts.comparison_chart
            found.append((f"compare:{group.topic}-{k}", draw(panel, lang)))
    return found


def plain(label: str) -> str:
    return html.unescape(label.replace("<br>", "\n"))


def drawn(option: echarts.Option) -> list[echarts.Option]:
    """The series a reader sees in the legend (the axes' tick labels are series without a name)."""
    return [s for s in option["series"] if s.get("name")]


def traced(figure: charts.go.Figure) -> list[dict]:
    """What each plotly trace shows: its name, points, value labels and hover texts, as plain text (a trace
    without hover texts shows its name; one whose hover is its name, the bullet's target, its name alone)."""
    shown = []
    for trace in figure.data:
        dates = trace.type != "bar"
        xs = [echarts.year_position(v) if dates else float(v) for v in trace.x]
        name = plain(trace.name)
        hover = [plain(t) for t in trace.hovertext] if trace.hovertext is not None else [name] * len(xs)
        shown.append(
            {
                "name": name,
                "x": xs,
                "y": [float(v) for v in trace.y],
                "labels": [plain(t) for t in trace.text] if trace.text is not None else [],
                "hover": [] if trace.hoverinfo == "name" else hover,
            }
        )
    if any(t.type == "bar" for t in figure.data):  # the bullet: a bar on its one row, the target a line across it
        value, target = shown
        shown = [{**value, "y": [0.0]}, {**target, "x": target["x"][:1], "y": [], "labels": []}]
    return shown


def read(option: echarts.Option) -> list[dict]:
    """The same of each ECharts series: dimension 2 is the hover text, dimension 3 the value label."""
    shown = []
    for s in drawn(option):
        if "markLine" in s:  # the bullet's target: a line across the row at its value
            (mark,) = s["markLine"]["data"]
            shown.append({"name": s["name"], "x": [mark["xAxis"]], "y": [], "labels": [], "hover": []})
            continue
        rows = [echarts.row_of(item) for item in s["data"]]
        shown.append(
            {
                "name": s["name"],
                "x": [r[0] for r in rows],
                "y": [0.0 if r[1] == echarts.ROW else r[1] for r in rows],
                "labels": [r[3] for r in rows] if s.get("label", {}).get("show") else [],
                "hover": [r[2] for r in rows] if s["tooltip"]["formatter"] == "{@[2]}" else [],
            }
        )
    return shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_shipped_chart_draws_the_same_series_points_labels_and_hovers_in_both_renderers(lang):
    found = figures(lang)
    assert len(found) > 40  # every pillar page's charts and the Compare page's
    for name, figure in found:
        option, height = echarts.option(figure, lang)
        assert read(option) == traced(figure), name
        # as tall as plotly's, or taller by a long legend's rows: the plot keeps plotly's height between its margins
        plot = height - option["grid"]["top"] - option["grid"]["bottom"]
        plotly_plot = figure.layout.height - figure.layout.margin.t - figure.layout.margin.b
        assert (height >= figure.layout.height, plot >= plotly_plot - 40) == (True, True), (
            name,
            height,
            plot,
            plotly_plot,
        )


@pytest.mark.parametrize(
    ("day", "position"),
    [
        (dt.date(2023, 12, 31), 2023.0),
        (dt.date(2024, 12, 31), 2024.0),  # a leap year ends on its tick as well
        (dt.date(2024, 1, 1), 2023 + 1 / 366),
        (dt.date(2023, 6, 30), 2022 + 181 / 365),
        ("2025-12-31", 2025.0),
    ],
)
def test_a_date_sits_on_the_years_axis_where_plotly_puts_it_a_year_s_tick_on_31_december(day, position):
    assert echarts.year_position(day) == pytest.approx(position)


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 105, [0, 25, 50, 75, 100, 125]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (10_000, 13_000, [10_000, 11_000, 12_000, 13_000]),
        (10_350, 12_650, [10_000, 10_500, 11_000, 11_500, 12_000, 12_500, 13_000]),
        (0.6, 0.85, [0.6, 0.65, 0.7, 0.75, 0.8, 0.85]),
    ],
)
def test_axis_ticks_are_round_numbers_covering_the_values(low, high, ticks):
    assert echarts.nice_ticks(low, high) == ticks


def tick_labels(option: echarts.Option, axis: str) -> list[str]:
    (ticks,) = [s for s in option["series"] if s.get("id") == f"dx-{axis}-ticks"]
    return [row[2] for row in ticks["data"]]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("vi", ["10.000", "10.500", "11.000", "11.500", "12.000", "12.500", "13.000"]),
        ("en", ["10,000", "10,500", "11,000", "11,500", "12,000", "12,500", "13,000"]),
    ],
)
def test_the_value_axis_writes_its_numbers_the_reader_s_way_not_echarts_own(lang, labels):
    metrics = METRICS["metrics"]
    (ind,) = [i for i in metrics.indicators if i.id == "doanh-thu-dn-cong-nghe-so"]  # gần 11.500 tỷ đồng
    progress = assess_all(metrics)[ind.id]
    figure = charts.indicator_chart(ind, progress, metrics.targets_of(ind), metrics.source_by_id(), lang)
    option, _ = echarts.option(figure, lang)
    assert (tick_labels(option, "y"), option["yAxis"]["axisLabel"]["show"]) == (labels, False)


def percent_chart(publisher: str | None = None) -> charts.go.Figure:
    ind = indicator([obs(2021, 76), obs(2023, 88.9)])
    said = sources(publisher) if publisher else sources()
    return charts.timeseries(ind, assess(ind, [ONLINE_TARGET]), [ONLINE_TARGET], said, "vi")


def test_a_percent_axis_runs_from_0_to_100_percent_with_its_sign_and_the_years_below():
    option, _ = echarts.option(percent_chart(), "vi")
    assert (tick_labels(option, "y"), tick_labels(option, "x")) == (
        ["0%", "20%", "40%", "60%", "80%", "100%"],
        ["2021", "2022", "2023", "2024", "2025"],
    )


def test_a_rank_chart_keeps_1_at_the_top_and_the_provinces_ranked_under_each_year():
    option, _ = echarts.option(charts.rank_chart(papi_panel(), "vi"), "vi")
    assert (option["yAxis"]["inverse"], option["yAxis"]["min"], option["yAxis"]["max"]) == (True, 0, 64)
    assert tick_labels(option, "y") == ["1", "10", "20", "30", "40", "50", "60"]
    assert tick_labels(option, "x") == ["2023\n63 tỉnh", "2024\n63 tỉnh", "2025\n34 tỉnh"]


def test_the_bullet_chart_draws_the_latest_value_as_a_bar_on_its_row_and_the_target_as_a_line_across_it():
    option, height = echarts.option(bar(), "vi")
    bars, target = drawn(option)
    assert (bars["type"], bars["data"][0][:2], bars["data"][0][3], option["yAxis"]["type"]) == (
        "bar",
        [88.9, echarts.ROW],
        "88,9%",
        "category",
    )
    assert (target["name"], target["markLine"]["data"][0]["xAxis"], height) == (
        "Mục tiêu >80% (2025, quốc gia)",
        80,
        190,
    )


def test_a_file_s_text_reaches_echarts_as_data_inserted_by_templates_never_as_markup():
    ind = dti()
    figure = charts.timeseries(ind, assess(ind, [DTI_TARGET]), [DTI_TARGET], sources(HOSTILE), "vi")
    option, _ = echarts.option(figure, "vi")
    figures_series = drawn(option)[0]
    assert figures_series["tooltip"] == {"formatter": "{@[2]}"}  # Streamlit inserts dimension 2 escaped
    assert HOSTILE in echarts.row_of(figures_series["data"][0])[2]  # the source's own words, not pre-escaped twice
    every_formatter = [
        f
        for s in option["series"]
        for f in [s.get("tooltip", {}).get("formatter"), s.get("label", {}).get("formatter")]
        + [s.get("markLine", {}).get("tooltip", {}).get("formatter")]
        if f
    ]
    assert set(every_formatter) <= {"{@[2]}", "{@[3]}", "{a}", "{b}"}


def test_a_label_placed_apart_from_its_lines_has_its_own_position_and_alignment():
    """76% below its point and starting there (the chart's first date), 83,6% above its point."""
    fig = charts.indicator_chart(*shipped_args("dvctt-muc-4"))
    figures = drawn(echarts.option(fig, "vi")[0])[0]
    placed = []
    for item in figures["data"]:
        label = figures["label"] | (item["label"] if isinstance(item, dict) else {})
        placed.append((echarts.row_of(item)[3], label["position"], label.get("align")))
    assert placed == [("76%", "bottom", "left"), ("83,6%", "top", None)]


def test_a_rank_label_moved_off_its_line_is_drawn_above_or_below_its_point_running_away_from_it():
    """On PAPI's chart, 45/63 above its point and ending there, 60/63 below its point and starting there."""
    option = echarts.option(charts.rank_chart(papi_panel(), "vi"), "vi")[0]
    placed = []
    for series in drawn(option)[:2]:
        for item in series["data"]:
            label = series["label"] | (item["label"] if isinstance(item, dict) else {})
            placed.append((echarts.row_of(item)[3], label["position"], label.get("align")))
    assert placed == [
        ("hạng 46/63", "left", None),
        ("hạng 45/63", "top", "right"),
        ("hạng 60/63", "bottom", "left"),
        ("hạng 2/63", "right", None),
    ]


@pytest.mark.parametrize(
    ("ident", "styles"),
    [
        ("chi-so-sipas", [{"width": echarts.LEGEND_TEXT, "overflow": "break"}]),  # the SIPAS index's 84 characters
        ("dvctt-muc-4", [None, None, None]),  # the indicator, the required path, the target: short enough
    ],
)
def test_a_legend_name_too_long_for_a_projectors_chart_wraps_and_a_short_one_keeps_its_own_width(ident, styles):
    fig = charts.indicator_chart(*shipped_args(ident))
    legend = echarts.option(fig, "vi")[0]["legend"]["data"]
    assert [item.get("textStyle") for item in legend] == styles


def shipped_args(ident: str) -> tuple:
    metrics = METRICS["metrics"]
    ind = next(i for i in metrics.indicators if i.id == ident)
    targets = metrics.targets_of(ind)
    progress = assess_all(metrics)[ind.id]
    return ind, progress, targets, metrics.source_by_id(), "vi", metrics.national_of(ind), metrics.definition_by_id()


def test_on_a_slide_a_long_legend_name_is_cut_short_and_the_chart_keeps_its_height():
    fig = charts.indicator_chart(*shipped_args("chi-so-dti"))
    page, page_height = echarts.option(fig, "vi")
    slide, slide_height = echarts.option(fig, "vi", wrap=False)
    styles = {item.get("textStyle", {}).get("overflow") for item in slide["legend"]["data"]}
    # the province's DTI fits; the country's three longer names are cut short on the slide, wrapped on the page
    assert (styles, slide_height, page_height > fig.layout.height) == ({None, "truncate"}, fig.layout.height, True)
