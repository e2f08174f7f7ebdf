"""Plotly figures of an indicator: pure functions of the model and its progress, no Streamlit."""

from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go

from . import fmt
from . import model as m
from .progress import Progress

TARGET_COLOR = "#CC79A7"  # Okabe-Ito reddish purple: apart from every status colour
SERIES_COLOR = "#0072B2"
PATH_COLOR = "#555555"
NATIONAL_COLOR = "#7F7F7F"  # a grey dashed line: a reference, not the province's own figure
FONT_SIZE = 16  # read from the back of a meeting room


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
    for other in obs.also:
        other_source = sources.get(other.source)
        wording = fmt.qualified(obs.value, ind, other.qualifier, lang, obs.out_of)
        lines.append(_x(f"{other_source.publisher if other_source else other.source}: {wording}"))
    return "<br>".join(lines)


def _when(p: m.Period) -> dt.date:
    """Where a figure sits on the time axis: the end of its period, so 6/2023 and 12/2023 stand apart."""
    return p.end


def _year_end(year: int) -> dt.date:
    """Where a target (or a year of the required path) sits on the time axis."""
    return dt.date(year, 12, 31)


def _layout(fig: go.Figure, ind: m.Indicator, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        separators=fmt.PLOTLY_SEPARATORS[lang],
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
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
    return _layout(fig, ind, lang, height=190)


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


def indicator_chart(
    ind: m.Indicator,
    progress: Progress,
    targets: list[m.Target],
    sources: dict[str, m.Source],
    lang: str = "vi",
    national: m.NationalSeries | None = None,
) -> go.Figure | None:
    """The chart of an indicator: over time when it has two figures or a national line, else a bullet against its
    target, else its single figure; None when there is nothing to draw."""
    points = ind.figures()
    has_national = national is not None and bool(national.figures())
    if len(points) >= 2 or has_national:
        return timeseries(ind, progress, targets, sources, lang, national)
    if points and progress.target is not None:
        return progress_bar(ind, progress, sources, lang)
    if points:
        return timeseries(ind, progress, targets, sources, lang, minimum=1)
    return None


def timeseries(
    ind: m.Indicator,
    progress: Progress,
    targets: list[m.Target],
    sources: dict[str, m.Source],
    lang: str = "vi",
    national: m.NationalSeries | None = None,
    minimum: int = 2,
) -> go.Figure | None:
    """Figures over time with every dated target marked, the required path and the country's line when given;
    None with fewer than `minimum` figures of the province and no national line."""
    points = ind.figures()
    reference = national.figures() if national else []
    if len(points) < minimum and not reference:
        return None
    fig = go.Figure()
    if points:
        fig.add_scatter(
            x=[_when(o.period) for o in points],
            y=[o.value for o in points],
            mode="lines+markers+text",
            line={"color": SERIES_COLOR, "width": 3},
            marker={"size": 10},
            text=[_x(fmt.figure(o, ind, lang)) for o in points],
            textposition="top center",
            cliponaxis=False,  # the value labels of the highest point stay readable
            hovertext=[_hover(ind, o, sources, lang) for o in points],
            hoverinfo="text",
            name=_x(fmt.name(ind, lang)),
        )
    if national is not None and reference:
        label = fmt.national_label(national, lang)
        fig.add_scatter(
            x=[_when(o.period) for o in reference],
            y=[o.value for o in reference],
            mode="lines+markers+text",
            line={"color": NATIONAL_COLOR, "width": 2, "dash": "dash"},
            marker={"size": 8, "symbol": "diamond"},
            text=[_x(fmt.figure(o, ind, lang)) for o in reference],
            textposition="bottom center",
            textfont={"color": NATIONAL_COLOR},
            cliponaxis=False,
            hovertext=[_hover(ind, o, sources, lang, who=label) for o in reference],
            hoverinfo="text",
            name=_x(label),
        )
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
    fig.update_xaxes(title_text=fmt.t(lang, "Năm", "Year"), dtick="M12", tickformat="%Y")
    return _layout(fig, ind, lang, height=340)
