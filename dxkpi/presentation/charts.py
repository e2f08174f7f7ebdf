"""Plotly figures of an indicator: pure functions of the model and its progress, no Streamlit."""

from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go
import plotly.io as pio

from dxkpi.analysis.compare import Line, Panel
from dxkpi.analysis.progress import Progress
from dxkpi.core import fmt
from dxkpi.core import model as m

TARGET_COLOR = "#CC79A7"  # Okabe-Ito reddish purple: apart from every status colour
SERIES_COLOR = "#0072B2"
PATH_COLOR = "#555555"
NATIONAL_COLOR = "#7F7F7F"  # a grey dashed line: a reference, not the province's own figure
FONT_SIZE = 16  # read from the back of a meeting room
# Lines of one indicator under different definitions: colour, dash and marker all differ, so none depends on colour.
DEFINITION_STYLES = [(SERIES_COLOR, "solid", "circle"), ("#E69F00", "dash", "square"), ("#009E73", "dot", "diamond")]
# A region's line on the Compare page, by its place in the list of regions (Okabe-Ito colours, each with its own
# marker and dash, so a region is told apart without colour too; the target's reddish purple is left out).
REGION_STYLES = [
    ("#0072B2", "circle", "solid"),
    ("#D55E00", "square", "dash"),
    ("#009E73", "diamond", "dot"),
    ("#E69F00", "triangle-up", "dashdot"),
    ("#56B4E9", "x", "longdash"),
    ("#000000", "star-triangle-up", "longdashdot"),
]


def _x(text: str) -> str:
    """Text for plotly, which reads <b>, <a href> and the like in labels: the file's text stays text."""
    return html.escape(text, quote=False)


def _axis_title(ind: m.Indicator, lang: str) -> str:
    if ind.unit is m.Unit.RANK:
        return fmt.t(lang, "Thứ hạng (1 là cao nhất)", "Rank (1 is best)")
    return _x(fmt.unit_label(ind, lang)) or fmt.t(lang, "Số lượng", "Count")


def _hover(ind: m.Indicator, obs: m.Observation, sources: dict[str, m.Source], lang: str, who: str = "") -> str:
    """The hover text of a figure: its value as each source words it, its period and source, each escaped."""
    source = sources.get(obs.source)
    cite = source.publisher if source else obs.source
    value = fmt.figure(obs, ind, lang)
    period = fmt.period(obs.period, lang)
    lines = [_x(f"{who}: {value}" if who else value), f"{fmt.t(lang, 'Kỳ', 'Period')}: {_x(period)}"]
    lines.append(f"{fmt.t(lang, 'Nguồn', 'Source')}: {_x(cite)}")
    when = fmt.published(obs, lang)
    if when:
        lines.append(_x(when))
    for other in obs.also:
        other_source = sources.get(other.source)
        wording = fmt.qualified(obs.value, ind, other.qualifier, lang, obs.out_of)
        lines.append(_x(f"{other_source.publisher if other_source else other.source}: {wording}"))
    for claim in obs.claims:
        lines.append(_x(fmt.claim(claim, ind, sources, lang)))
    return "<br>".join(lines)


def _when(p: m.Period) -> dt.date:
    """Where a figure sits on the time axis: the end of its period, so 6/2023 and 12/2023 stand apart."""
    return p.end


def _year_end(year: int) -> dt.date:
    """Where a target (or a year of the required path) sits on the time axis."""
    return dt.date(year, 12, 31)


def by_definition(ind: m.Indicator, figures: list[m.Observation]) -> dict[str, list[m.Observation]]:
    """The figures filed by the definition each follows (Indicator.definition_of), in order of first appearance."""
    split: dict[str, list[m.Observation]] = {}
    for obs in figures:
        split.setdefault(ind.definition_of(obs), []).append(obs)
    return split


# The room each kind of chart's axes and legend usually take, in pixels, as plotly's automargin measured them on the
# shipped files' charts. Starting from it, automargin (kept on, so a longer label still fits) seldom has to push a
# margin; each push costs plotly a second drawing of the chart, which was a third of its drawing time (24 charts:
# 413 ms against 265 ms in the same browser). BULLET has no tick labels on its y axis.
MARGIN = {"l": 80, "r": 10, "t": 50, "b": 60}
BULLET_MARGIN = {**MARGIN, "l": 10}
RANK_MARGIN = {**MARGIN, "l": 60, "b": 75}  # two lines under each year: the year and how many were ranked


def _lean_white() -> go.layout.Template:
    """plotly_white for what these charts draw (scatter and bar traces on x/y axes): its layout without the polar,
    ternary, 3-D, geographic and colour-scale parts, its trace defaults for scatter and bar only. Draws the same;
    plotly copies a figure's template into it, and the whole of plotly_white took 8 ms a figure (2 ms this one)
    and 6.6 kB of each chart's JSON (1 kB)."""
    white = pio.templates["plotly_white"]
    layout = white.layout.to_plotly_json()
    for unused in ("polar", "ternary", "scene", "geo", "coloraxis", "colorscale", "mapbox", "map"):
        layout.pop(unused, None)
    return go.layout.Template(layout=layout, data={"scatter": white.data.scatter, "bar": white.data.bar})


TEMPLATE = _lean_white()


def _layout(
    fig: go.Figure, ind: m.Indicator, lang: str, height: int, margin: dict[str, int] | None = None
) -> go.Figure:
    fig.update_layout(
        separators=fmt.PLOTLY_SEPARATORS[lang],
        template=TEMPLATE,
        height=height,
        margin=margin or MARGIN,
        font={"size": FONT_SIZE},
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font_size": FONT_SIZE},
    )
    return fig


def _percent_axis(ind: m.Indicator) -> dict[str, object]:
    if ind.unit is m.Unit.PERCENT:
        return {"range": [0, 105], "ticksuffix": "%"}
    return {}


def progress_bar(
    ind: m.Indicator, progress: Progress, sources: dict[str, m.Source], lang: str = "vi"
) -> go.Figure | None:
    """A bullet chart: the latest value as a bar, the target as a marked line; None without both."""
    latest, target = progress.latest, progress.target
    if latest is None or latest.value is None or target is None:
        return None
    color = fmt.status_color(progress.status)
    fig = go.Figure()
    fig.add_bar(
        x=[latest.value],
        y=[0],
        width=[0.5],
        orientation="h",
        marker_color=color,
        name=_x(f"{fmt.period(latest.period, lang)}: {fmt.figure(latest, ind, lang)}"),
        hovertext=[_hover(ind, latest, sources, lang)],
        hoverinfo="text",
        text=[_x(fmt.figure(latest, ind, lang))],
        textposition="inside",
        insidetextanchor="end",
    )
    fig.add_scatter(
        x=[target.value, target.value],
        y=[-0.4, 0.4],
        mode="lines",
        line={"color": TARGET_COLOR, "width": 4},
        name=_x(fmt.t(lang, "Mục tiêu ", "Target ") + fmt.target(target, ind, lang)),
        hoverinfo="name",
    )
    xaxis = _percent_axis(ind) or {"rangemode": "tozero"}
    if ind.unit is m.Unit.RANK:
        xaxis = {"autorange": "reversed"}
    fig.update_xaxes(title_text=_axis_title(ind, lang), **xaxis)
    fig.update_yaxes(showticklabels=False, range=[-0.6, 0.6], showgrid=False, zeroline=False)
    return _layout(fig, ind, lang, height=190, margin=BULLET_MARGIN)


def _add_targets(fig: go.Figure, ind: m.Indicator, targets: list[m.Target], lang: str) -> None:
    """Every dated target as a star, in one legend entry: targets at the same year and value share a star, whose
    hover names each of them (a national and a provincial ≥80% by 2025, say)."""
    points: dict[tuple[int, float], list[str]] = {}
    for target in targets:
        if target.year is not None:
            points.setdefault((target.year, target.value), []).append(fmt.target(target, ind, lang))
    if not points:
        return
    word = fmt.t(lang, "Mục tiêu", "Target")
    fig.add_scatter(
        x=[_year_end(year) for year, _ in points],
        y=[value for _, value in points],
        mode="markers",
        marker={"symbol": "star", "size": 18, "color": TARGET_COLOR},
        hovertext=[_x(f"{word} " + " · ".join(names)) for names in points.values()],
        hoverinfo="text",
        name=word,
    )


YEAR_END_TICK = "2000-12-31"  # the first of the yearly ticks: each falls on 31 December


def indicator_chart(
    ind: m.Indicator,
    progress: Progress,
    targets: list[m.Target],
    sources: dict[str, m.Source],
    lang: str = "vi",
    national: m.NationalSeries | None = None,
    definitions: dict[str, m.Definition] | None = None,
) -> go.Figure | None:
    """The chart of an indicator: over time when it has two figures or a national line, else a bullet against its
    target, else its single figure; None when there is nothing to draw. `definitions` names the lines of figures
    measured under different definitions (Metrics.definition_by_id())."""
    points = ind.figures()
    has_national = national is not None and bool(national.figures())
    if len(points) >= 2 or has_national:
        return timeseries(ind, progress, targets, sources, lang, national, definitions=definitions)
    if points and progress.target is not None:
        return progress_bar(ind, progress, sources, lang)
    if points:
        return timeseries(ind, progress, targets, sources, lang, minimum=1, definitions=definitions)
    return None


def timeseries(
    ind: m.Indicator,
    progress: Progress,
    targets: list[m.Target],
    sources: dict[str, m.Source],
    lang: str = "vi",
    national: m.NationalSeries | None = None,
    minimum: int = 2,
    definitions: dict[str, m.Definition] | None = None,
) -> go.Figure | None:
    """Figures over time with every dated target marked, the required path and the country's line when given;
    None with fewer than `minimum` figures of the province and no national line. Figures under different
    definitions (a DTI rank before and after the 2024 method) are separate lines, each named by its definition."""
    points = ind.figures()
    reference = national.figures() if national else []
    if len(points) < minimum and not reference:
        return None
    fig = go.Figure()
    split = by_definition(ind, points)
    for k, (definition, figures) in enumerate(split.items()):
        color, dash, symbol = DEFINITION_STYLES[k % len(DEFINITION_STYLES)]
        name = fmt.name(ind, lang) if len(split) == 1 else fmt.definition(ind, definition, definitions or {}, lang)
        fig.add_scatter(
            x=[_when(o.period) for o in figures],
            y=[o.value for o in figures],
            mode="lines+markers+text",
            line={"color": color, "width": 3, "dash": dash},
            marker={"size": 10, "symbol": symbol},
            text=[_x(fmt.figure(o, ind, lang)) for o in figures],
            textposition="top center",
            cliponaxis=False,  # the value labels of the highest point stay readable
            hovertext=[_hover(ind, o, sources, lang) for o in figures],
            hoverinfo="text",
            name=_x(name),
        )
    if national is not None and reference:
        _add_national(fig, ind, national, reference, sources, lang, definitions or {})
    if progress.required_path and points:
        years, values = zip(*progress.required_path, strict=True)
        fig.add_scatter(
            x=[_year_end(y) for y in years],
            y=list(values),
            mode="lines",
            line={"color": PATH_COLOR, "dash": "dot", "width": 2},
            name=fmt.t(lang, "Lộ trình cần đạt", "Required path"),
        )
    _add_targets(fig, ind, targets, lang)
    yaxis = _percent_axis(ind)
    if ind.unit is m.Unit.RANK:
        yaxis = {"autorange": "reversed"}
    fig.update_yaxes(title_text=_axis_title(ind, lang), **yaxis)
    # Periods sit at their end date; ticks stay on whole years, as a reader counts them.
    # A figure sits at the end of its period, so a year's tick is on 31 December: "2020" under the 2020 figure.
    fig.update_xaxes(title_text=fmt.t(lang, "Năm", "Year"), dtick="M12", tick0=YEAR_END_TICK, tickformat="%Y")
    _place_labels(fig, rising_up=ind.unit is not m.Unit.RANK)
    return _layout(fig, ind, lang, height=340)


# About how wide a pillar page's chart plot is on the narrowest page (a 1280-pixel projector, sidebar open).
PILLAR_PLOT_PX = 360


def _place_labels(fig: go.Figure, rising_up: bool = True) -> None:
    """Each value label's place beside its point. Labels at the chart's first and last dates start at their point
    and run inwards (centred, the first ran over the value axis' numbers and the last off the chart); of two points
    of a line too close for both labels side by side, the lower one's label goes below it and the higher one's
    above. `rising_up` is False for a rank axis, where a smaller number is higher."""
    dates = [x for trace in fig.data for x in (trace.x or ())]
    if len(set(dates)) < 2:
        return  # one date: the axis has room either side of it
    first, last = min(dates), max(dates)
    per_day = PILLAR_PLOT_PX / (last - first).days
    for trace in fig.data:
        if trace.text is None or not isinstance(trace.textposition, str):
            continue
        side = trace.textposition.split()[0]  # "top" or "bottom"
        points = list(zip(trace.x, trace.y, trace.text, strict=True))
        trace.textposition = [_place(points, i, side, (first, last), per_day, rising_up) for i in range(len(points))]


def _place(
    points: list[tuple[dt.date, float | None, str]],
    i: int,
    side: str,
    ends: tuple[dt.date, dt.date],
    per_day: float,
    rising_up: bool,
) -> str:
    """The plotly text position of point `i`'s label on a line of `points` (date, value, label): see _place_labels."""
    when, value, label = points[i]
    here = side
    for j in (i - 1, i + 1):
        if not 0 <= j < len(points):
            continue
        other, other_value, other_label = points[j]
        if value is None or other_value is None or value == other_value:
            continue
        if not _too_close(when, other, label, other_label, per_day):
            continue
        here = "top" if (value > other_value) == rising_up else "bottom"
    horizontal = "right" if when == ends[0] else "left" if when == ends[1] else "center"
    return f"{here} {horizontal}"


def _add_national(
    fig: go.Figure,
    ind: m.Indicator,
    national: m.NationalSeries,
    reference: list[m.Observation],
    sources: dict[str, m.Source],
    lang: str,
    definitions: dict[str, m.Definition],
) -> None:
    """The country's figures as grey dashed reference lines: one line per definition (the national DTI of set 922
    and of set 405 and the provincial-level value never share one), each named by its definition when there are
    several."""
    label = fmt.national_label(national, lang)
    split = by_definition(ind, reference)
    symbols = ["diamond", "triangle-up", "x", "cross"]
    for k, (definition, figures) in enumerate(split.items()):
        name = label if len(split) == 1 else f"{label} · {fmt.definition(ind, definition, definitions, lang)}"
        fig.add_scatter(
            x=[_when(o.period) for o in figures],
            y=[o.value for o in figures],
            mode="lines+markers+text",
            line={"color": NATIONAL_COLOR, "width": 2, "dash": "dash"},
            marker={"size": 8, "symbol": symbols[k % len(symbols)]},
            text=[_x(fmt.figure(o, ind, lang)) for o in figures],
            textposition="bottom center",
            textfont={"color": fmt.ink(NATIONAL_COLOR)},  # the line's grey, darkened to 4.5:1 for its labels
            cliponaxis=False,
            hovertext=[_hover(ind, o, sources, lang, who=label) for o in figures],
            hoverinfo="text",
            name=_x(name),
        )


# ----- the Compare page: a line per region -----


def _region_style(line: Line, order: list[str]) -> tuple[str, str, str]:
    """A region's colour, marker and dash: the same on every chart of the page (by its place in `order`)."""
    rid = line.entry.region.id
    k = order.index(rid) if rid in order else len(order)
    return REGION_STYLES[k % len(REGION_STYLES)]


def _line_name(line: Line, panel: Panel, lang: str) -> str:
    """The region's name; with its indicator's name where the region has two lines on the panel."""
    name = line.entry.name(lang)
    same = [other for other in panel.lines if other.entry.region.id == line.entry.region.id]
    return f"{name} · {fmt.name(line.indicator, lang)}" if len(same) > 1 else name


# Where each region's value labels go, by its place: to either side, so two regions' figures of one period (which
# sit one above the other) stay readable.
_TEXT_POSITIONS = ["middle left", "middle right", "top center", "bottom center"]


def _add_region_lines(
    fig: go.Figure, panel: Panel, lang: str, order: list[str], across: int = 1, rising_up: bool = True
) -> None:
    """A line per region of the panel, with its value labels; `rising_up` is False on a rank axis (1 at the top)."""
    span = _date_range(panel)
    per_day = _plot_px(across, 78) / ((span[1] - span[0]).days or 1)
    for k, line in enumerate(panel.lines):
        color, symbol, dash = _region_style(line, order)
        name = _line_name(line, panel, lang)
        sources = line.entry.metrics.source_by_id()
        fig.add_scatter(
            x=[_when(o.period) for o in line.figures],
            y=[o.value for o in line.figures],
            mode="lines+markers+text",
            line={"color": color, "width": 3, "dash": dash},
            marker={"size": 11, "symbol": symbol},
            text=[_x(fmt.figure(o, line.indicator, lang)) for o in line.figures],
            textposition=_outwards(line, _TEXT_POSITIONS[k % len(_TEXT_POSITIONS)], per_day, lang, rising_up),
            textfont={"color": fmt.ink(color)},  # the region's hue, darkened to 4.5:1 on white for text
            cliponaxis=False,
            hovertext=[_hover(line.indicator, o, sources, lang, who=name) for o in line.figures],
            hoverinfo="text",
            name=_x(name),
        )


def _outwards(line: Line, position: str, per_day: float, lang: str, rising_up: bool = True) -> str | list[str]:
    """The labels' place beside a region's points: `position` for each, except that of two points too close for
    labels on the same side, the earlier one's goes to its left and the later one's to its right; and a label on
    the side the line comes in from or goes on to sits above that stretch of line, or below it, not across it."""
    if position not in ("middle left", "middle right") or len(line.figures) < 2:
        return position
    dates = [_when(o.period) for o in line.figures]
    labels = [fmt.figure(o, line.indicator, lang) for o in line.figures]
    places = [position] * len(dates)
    for i in range(1, len(dates)):
        if _too_close(dates[i], dates[i - 1], labels[i], labels[i - 1], per_day):
            places[i - 1], places[i] = "middle left", "middle right"
    values = [o.value for o in line.figures]
    return [_clear_of_line(values, i, place, rising_up) for i, place in enumerate(places)]


def _clear_of_line(values: list[float | None], i: int, place: str, rising_up: bool) -> str:
    """Point `i`'s label at `place` ("middle left" or "middle right"), moved above its point when the line on that
    side runs lower on the chart (or level), below when it runs higher: a label beside its point was written
    across the line coming in to it ("hạng 45/63" on a line from 46 to 45)."""
    j = i - 1 if place == "middle left" else i + 1
    here, there = values[i], (values[j] if 0 <= j < len(values) else None)
    if here is None or there is None:
        return place
    lower = there <= here if rising_up else there >= here
    return f"{'top' if lower else 'bottom'} {place.split()[1]}"


def _date_range(panel: Panel) -> list[dt.date]:
    """The time axis: every figure of the panel, with room either side for the value labels beside the first and
    the last figures (one year alone is not a point)."""
    dates = [_when(o.period) for line in panel.lines for o in line.figures]
    pad = max(dt.timedelta(days=365), (max(dates) - min(dates)) * 0.4)
    return [min(dates) - pad, max(dates) + pad]


def comparison_chart(panel: Panel, lang: str = "vi", order: list[str] | None = None, across: int = 1) -> go.Figure:
    """The figures of one definition, a line per region, over time (a period at its end date), drawn `across` to a
    row of the page (beside its table: 2)."""
    order = order if order is not None else [line.entry.region.id for line in panel.lines]
    ind = panel.indicator
    fig = go.Figure()
    _add_region_lines(fig, panel, lang, order, across)
    yaxis = _percent_axis(ind) or {"rangemode": "tozero"}
    fig.update_yaxes(title_text=_axis_title(ind, lang), **yaxis)
    span = _date_range(panel)
    ticks = staggered(period_ticks(panel, lang), span, _plot_px(across, 78), FONT_SIZE)  # 78: '100%'
    fig.update_xaxes(
        title_text=fmt.t(lang, "Kỳ số liệu", "Period"),
        tickvals=list(ticks),
        ticktext=list(ticks.values()),
        range=span,
        automargin=True,
    )
    return _layout(fig, ind, lang, height=340)


def period_ticks(panel: Panel, lang: str = "vi") -> dict[dt.date, str]:
    """A tick under each figure's place on the time axis (its period's end), labelled with that period: a 2024
    figure reads '2024', never the next year's tick it sits beside."""
    ticks: dict[dt.date, str] = {}
    for obs in sorted((o for line in panel.lines for o in line.figures), key=lambda o: _when(o.period)):
        ticks.setdefault(_when(obs.period), _x(fmt.period(obs.period, lang)))
    return ticks


# The narrowest page a chart of the Compare page is drawn on: a 1280-pixel projector with the sidebar open leaves
# about 790 pixels for the page's content, which a chart shares with the rest of its row.
PAGE_PX = 790
TICK_GAP_PX = 8
_NARROW = set(" /.,:;()|il")  # about half a digit's width in the charts' sans-serif


def _plot_px(across: int, left: int) -> float:
    """The width of a chart's plot when `across` charts share the narrowest page's row: the column less the gap
    between columns, the plot's `left` margin and ECharts' right one."""
    return PAGE_PX / max(across, 1) - 16 - left - 30


def text_px(text: str, font: float) -> float:
    """About how wide `text` is drawn at `font` pixels: 0.56 em a character, 0.28 em a narrow one."""
    return sum(0.28 if c in _NARROW else 0.56 for c in html.unescape(text)) * font


def _too_close(when: dt.date, other: dt.date, label: str, other_label: str, per_day: float) -> bool:
    """Whether two points' value labels, side by side at `per_day` pixels a day, would run into each other."""
    room = (text_px(label, FONT_SIZE) + text_px(other_label, FONT_SIZE)) / 2 + TICK_GAP_PX
    return abs((when - other).days) * per_day < room


def staggered(ticks: dict[dt.date, str], span: list[dt.date], plot_px: float, font: float) -> dict[dt.date, str]:
    """The time axis' tick labels, each that would run into the one before it on its line moved down below it, as
    many rows as it takes (a leading line break for each line of the labels above): none is written over another."""
    total = (span[1] - span[0]).days or 1
    height = max((label.count("<br>") + 1 for label in ticks.values()), default=1)
    ends: list[float] = []  # for each row of labels, where its last one ends, in pixels from the axis' start
    out: dict[dt.date, str] = {}
    for when, label in ticks.items():
        centre = (when - span[0]).days / total * plot_px
        half = max(text_px(line, font) for line in label.split("<br>")) / 2
        row = next((r for r, end in enumerate(ends) if centre - half >= end + TICK_GAP_PX), len(ends))
        ends[row : row + 1] = [centre + half]
        out[when] = "<br>" * (row * height) + label
    return out


def provinces_ranked(panel: Panel, lang: str = "vi") -> dict[dt.date, str]:
    """Under each date of the panel, its period and how many provinces were ranked that time, as the figures'
    `out_of` say: {31/12/2022: '2022<br>63 tỉnh'}; just the period where no figure says."""
    counts: dict[dt.date, list[float]] = {}
    for line in panel.lines:
        for obs in line.figures:
            ranked = counts.setdefault(_when(obs.period), [])
            if obs.out_of is not None and obs.out_of not in ranked:
                ranked.append(obs.out_of)
    labels = {}
    for when, label in period_ticks(panel, lang).items():
        if counts[when]:
            n = ", ".join(fmt.number(c, lang) for c in counts[when])
            label += "<br>" + fmt.t(lang, f"{n} tỉnh", f"{n} provinces")
        labels[when] = label
    return labels


def _rank_ticks(bottom: float) -> list[int]:
    """Rank 1, then every ten down to the bottom of the axis."""
    return [1, *range(10, int(bottom) + 1, 10)]


def rank_chart(panel: Panel, lang: str = "vi", order: list[str] | None = None, across: int = 1) -> go.Figure:
    """Ranks over the years, a line per region, 1 at the top; under each year, how many provinces were ranked;
    drawn `across` to a row of the page (beside its table: 2)."""
    order = order if order is not None else [line.entry.region.id for line in panel.lines]
    fig = go.Figure()
    _add_region_lines(fig, panel, lang, order, across, rising_up=False)
    figures = [o for line in panel.lines for o in line.figures]
    # The axis reaches the last place of the longest ranking, so a rank reads against how many were ranked.
    bottom = max([o.value for o in figures if o.value is not None] + [o.out_of for o in figures if o.out_of])
    fig.update_yaxes(
        title_text=fmt.t(lang, "Thứ hạng (1 là cao nhất)", "Rank (1 is best)"),
        range=[bottom + 1, 0],  # reversed: 1 at the top
        tickvals=_rank_ticks(bottom),
        zeroline=False,
    )
    span = _date_range(panel)
    ticks = staggered(provinces_ranked(panel, lang), span, _plot_px(across, RANK_MARGIN["l"]), FONT_SIZE - 3)
    fig.update_xaxes(
        title_text=fmt.t(lang, "Năm · số tỉnh được xếp hạng", "Year · provinces ranked"),
        tickvals=list(ticks),
        ticktext=list(ticks.values()),
        tickangle=0,  # two short lines under each year, never slanted
        tickfont={"size": FONT_SIZE - 3},
        range=span,
        automargin=True,
    )
    return _layout(fig, panel.indicator, lang, height=380, margin=RANK_MARGIN)
