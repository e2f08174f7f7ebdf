"""The pages' charts as Apache ECharts options (Streamlit's st.echarts_chart), translated from charts.py's figures.

Why a second renderer: Streamlit's plotly part of its frontend is 4.7 MB, fetched and run cold before a page's first
chart; its ECharts part is 1.2 MB, and draws a pillar page's charts in about half the time (bench/bench_speed.py,
docs/speed.md). plotly stays the chart library of record: charts.py builds every figure, the exports draw those
figures, and this module only re-expresses each one, trace for trace: the same points, names, colours, dashes,
markers, value labels, hover texts, targets and axis titles, so what the page shows is what the export prints.

ECharts formats axis numbers its own way (11,500; 1.5), so the axes' own labels are hidden and each tick's label is
a label of an invisible point at the axis, in fmt.number's words (11.500; 1,5). For the same reason the time axis is
a number of years: a date's place is its year plus the part of the year gone (31/12/2023 is 2023.0, as plotly puts
a year's tick on 31 December). Texts reach ECharts as data: value labels and legend names are drawn as plain text,
and hover texts go through Streamlit's template, which inserts them escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from dxkpi.core import fmt
from dxkpi.presentation.charts import FONT_SIZE, text_px  # one font size, one measure of text, for both renderers

Option = dict[str, Any]
Figure = go.Figure  # what charts.py draws, for the pages to name without importing plotly

INK = "#2A3F5F"  # plotly_white's text colour, 11:1 on white
GRID = "#EBF0F8"  # plotly_white's grid
FONT = "Open Sans, Verdana, Arial, sans-serif"  # plotly's own
LEGEND_ROW = 28  # px a legend row takes at FONT_SIZE
# px a pillar page's chart has on a 1280-pixel projector with the sidebar open, to count the legend's rows; a name
# longer than LEGEND_TEXT wraps onto more lines instead of running off the chart.
CHART_WIDTH = 500
LEGEND_TEXT = 360  # ECharts breaks lines by its own measure, which ran 12 % short of what Chromium drew

# plotly's marker symbols as ECharts draws them; the star and the x as paths of the same shape. ECharts sizes a
# symbol by its box, plotly by about its width across: shapes other than the circle and the square look smaller at
# the same number, so they are drawn SYMBOL_SCALE larger.
SYMBOL_SCALE = {"diamond": 1.3, "triangle-up": 1.3, "star": 1.2, "x": 1.1, "cross": 1.1, "star-triangle-up": 1.3}
SYMBOLS = {
    "circle": "circle",
    "square": "rect",
    "diamond": "diamond",
    "triangle-up": "triangle",
    "star": "path://M0,-10L2.94,-4.05L9.51,-3.09L4.76,1.55L5.88,8.09L0,5L-5.88,8.09L-4.76,1.55L-9.51,-3.09L-2.94,-4.05Z",
    "x": "path://M-10,-7L-7,-10L0,-3L7,-10L10,-7L3,0L10,7L7,10L0,3L-7,10L-10,7L-3,0Z",
    "cross": "path://M-3,-10H3V-3H10V3H3V10H-3V3H-10V-3H-3Z",
    "star-triangle-up": "triangle",
}
DASHES: dict[str, str | list[int]] = {
    "solid": "solid",
    "dash": [9, 9],
    "dot": [3, 3],
    "dashdot": [9, 5, 3, 5],
    "longdash": [15, 5],
    "longdashdot": [15, 5, 3, 5],
}
ROW = "v"  # the bullet chart's one row
TOOLTIP = {"trigger": "item", "confine": True, "extraCssText": "white-space:pre-line;"}
LABEL_POSITIONS = {
    "top center": "top",
    "bottom center": "bottom",
    "middle left": "left",
    "middle right": "right",
    "inside": "insideRight",
}


def text(label: str) -> str:
    """A plotly label as ECharts' plain text: charts.py escaped the file's text for plotly's HTML, and plotly's
    line breaks are <br>."""
    return html.unescape(label.replace("<br>", "\n"))


def year_position(when: dt.date | dt.datetime | str | float) -> float:
    """Where a date sits on the years axis: 31/12/2023 -> 2023.0, 30/06/2023 -> about 2022.5."""
    if isinstance(when, int | float):
        return float(when)
    day = dt.date.fromisoformat(when[:10]) if isinstance(when, str) else when
    if isinstance(day, dt.datetime):
        day = day.date()
    first = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - first).days
    return day.year - 1 + ((day - first).days + 1) / length


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round ticks covering [low, high]: 0, 20, ... 100; 0, 2.500, ... 12.500."""
    if high <= low:
        high = low + (abs(low) or 1)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(k * power for k in (1, 2, 2.5, 5, 10) if k * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    n = round((last - first) / step)
    return [round(first + k * step, 10) for k in range(n + 1)]


def _axis(layout_axis: Any) -> dict[str, Any]:
    return layout_axis.to_plotly_json() if layout_axis is not None else {}


def _title(axis: dict[str, Any]) -> str:
    return text((axis.get("title") or {}).get("text") or "")


def _trace_points(trace: Any, horizontal: bool) -> tuple[list[float], list[float]]:
    """The trace's points as (positions along x, values along y); a horizontal bar's values are its x."""
    xs, ys = list(trace.x or []), list(trace.y or [])
    if horizontal:
        return [float(v) for v in xs], [float(v) for v in ys]
    return [year_position(v) for v in xs], [float(v) for v in ys]


def _value_ticks(values: Sequence[float], axis: dict[str, Any], lang: fmt.Lang) -> tuple[float, float, list[float]]:
    """The value axis' range and ticks: plotly's range and tick values when the figure sets them, else round ones
    over every value (from 0 with `rangemode: tozero`)."""
    if "range" in axis:
        low, high = sorted(float(v) for v in axis["range"])
        ticks = [float(v) for v in axis.get("tickvals") or nice_ticks(low, min(high, 100.0))]  # a percent axis' 105%
        return low, high, [t for t in ticks if low <= t <= high]
    low, high = min(values), max(values)
    if axis.get("rangemode") == "tozero":
        low, high = min(low, 0.0), max(high, 0.0)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0  # plotly leaves room around the markers too
    floor = low - pad if low != 0 else low
    if low >= 0 > floor:  # no negative ticks under figures that cannot be negative
        floor = 0.0
    ticks = nice_ticks(floor, high + pad)
    return ticks[0], ticks[-1], ticks


def _tick_label(value: float, axis: dict[str, Any], lang: fmt.Lang) -> str:
    return fmt.number(value, lang) + (axis.get("ticksuffix") or "")


def _label_series(points: list[tuple[float, float | str, str]], position: str, name: str) -> Option:
    """Invisible points whose labels are an axis' tick labels, in fmt.number's words."""
    return {
        "type": "scatter",
        "id": name,
        "data": [[x, y, label] for x, y, label in points],
        "symbolSize": 0,
        "silent": True,
        "tooltip": {"show": False},
        "z": 0,
        "label": {
            "show": True,
            "position": position,
            "distance": 8,
            "formatter": "{@[2]}",
            "color": INK,
            "fontSize": FONT_SIZE,
        },
    }


def _size(marker: Any) -> float:
    """A marker's size in ECharts' measure (see SYMBOL_SCALE)."""
    return round((marker.size or 6) * SYMBOL_SCALE.get(marker.symbol or "circle", 1.0), 1)


def _series(trace: Any, horizontal: bool) -> Option:
    """One plotly trace as an ECharts series: its points with their value labels (dimension 3) and hover texts
    (dimension 2)."""
    xs, ys = _trace_points(trace, horizontal)
    labels = [text(str(t)) for t in (trace.text or [])] if trace.text is not None else []
    hovers = [text(str(t)) for t in (trace.hovertext or [])] if trace.hovertext is not None else []
    name = text(trace.name or "")
    rows: list[Any] = []
    for k, (x, y) in enumerate(zip(xs, ys, strict=True)):
        rows.append([x, y, hovers[k] if k < len(hovers) else name, labels[k] if k < len(labels) else ""])
    positions = trace.textposition
    if isinstance(positions, list | tuple):  # a label per point: the chart's first and last run inwards
        rows = [_aligned(row, where, _vertical(positions)) for row, where in zip(rows, positions, strict=True)]
    tooltip: Option = {"formatter": "{@[2]}"} if trace.hoverinfo != "name" else {"formatter": "{a}"}
    if trace.type == "bar":
        color = trace.marker.color
        return {
            "type": "bar",
            "name": name,
            "data": rows,
            "itemStyle": {"color": color},
            "barWidth": "50%",
            "label": {"show": bool(labels), "position": "insideRight", "formatter": "{@[3]}", "color": "#FFFFFF"},
            "tooltip": tooltip,
        }
    mode = trace.mode or "lines"
    line, marker = trace.line, trace.marker
    color = line.color or marker.color or INK
    option: Option = {
        "type": "line" if "lines" in mode else "scatter",
        "name": name,
        "data": rows,
        "color": color,
        "tooltip": tooltip,
        "emphasis": {"focus": "none"},
        "z": 3,
    }
    if "lines" in mode:
        option["lineStyle"] = {"color": color, "width": line.width or 2, "type": DASHES.get(line.dash or "solid")}
        option["symbol"] = SYMBOLS.get(marker.symbol or "circle", "circle") if "markers" in mode else "none"
        option["symbolSize"] = _size(marker)
        option["itemStyle"] = {"color": color}
    else:
        option["symbol"] = SYMBOLS.get(marker.symbol or "circle", "circle")
        option["symbolSize"] = _size(marker)
        option["itemStyle"] = {"color": marker.color or color}
    if labels:
        font = trace.textfont.color if trace.textfont is not None else None
        option["label"] = {
            "show": True,
            "position": LABEL_POSITIONS.get(_vertical(trace.textposition), "top"),
            "formatter": "{@[3]}",
            "color": font or INK,
            "fontSize": FONT_SIZE,
        }
    return option


def _vertical(position: Any) -> str:
    """A plotly text position, or the first of a per-point list, as its side above or below the point: "top
    center" for "top right"."""
    first = (position[0] if isinstance(position, list | tuple) else position) or "top center"
    side = first.split()[0]
    return f"{side} center" if side in ("top", "bottom") else first


def _aligned(row: list[Any], position: str, series: str) -> Any:
    """A point whose label has its own place (below when the line's are above; to the right when the line's are to
    the left; starting at the point, "top right": the text runs to the right) as an ECharts data item with that
    label's position and alignment; a point whose label sits where the line's do stays a plain row."""
    side, horizontal = position.split()[0], position.split()[-1]
    if position == series:
        return row
    if side not in ("top", "bottom"):
        return {"value": row, "label": {"position": LABEL_POSITIONS.get(position, "top")}}
    label: Option = {"position": LABEL_POSITIONS[f"{side} center"]}
    if horizontal != "center":
        label["align"] = "left" if horizontal == "right" else "right"
    return {"value": row, "label": label}


def row_of(item: Any) -> list[Any]:
    """A data item's row: [x, y, hover text, value label], whether plain or with its own label options."""
    return item["value"] if isinstance(item, dict) else item


LINE_ICON = "path://M0,0H30V3H0Z"  # a line's legend without a marker: a stroke, as plotly draws it


def _legend_item(series: Option, wrap: bool = True) -> Option:
    """A series' legend entry: its name, and for a line drawn without markers (the required path, the bullet's
    target) a stroke instead of ECharts' own marker."""
    item: Option = {"name": series["name"]}
    if series.get("type") == "line" and series.get("symbol") == "none":
        item["icon"] = LINE_ICON
    if text_px(series["name"], FONT_SIZE) > LEGEND_TEXT:
        # A long name wraps at word breaks (a text width set on every item would make each one that wide).
        cut: Option = {"overflow": "break"} if wrap else {"overflow": "truncate", "ellipsis": "…"}
        item["textStyle"] = {"width": LEGEND_TEXT, **cut}
    return item


def _legend_rows(names: list[str], wrap: bool = True) -> int:
    """How many rows the legend takes at CHART_WIDTH: a marker and a gap beside each name, a name longer than
    LEGEND_TEXT on as many lines as it wraps to."""
    rows, tallest, used = 1, 1, 0.0
    for name in names:
        text = text_px(name, FONT_SIZE)
        width = 40 + min(text, LEGEND_TEXT)
        if used and used + width > CHART_WIDTH:
            rows, tallest, used = rows + tallest, 1, 0.0
        used += width
        tallest = max(tallest, math.ceil(text / LEGEND_TEXT) if wrap else 1)
    return rows + tallest - 1


def _value_axis(low: float, high: float, title: str, gap: float, ticks: list[float], **more: Any) -> Option:
    """A value axis whose own labels are hidden (the tick label series write them) and whose grid lines stand at
    `ticks` only (ECharts' own would count them from the axis' minimum, and add one along a percent axis' 105% top)."""
    return {
        "type": "value",
        "min": low,
        "max": high,
        "name": title,
        "nameLocation": "middle",
        "nameGap": gap,
        "nameTextStyle": {"fontSize": FONT_SIZE, "color": INK},
        "axisLabel": {"show": False},
        "axisTick": {"show": False, "customValues": ticks},
        "splitLine": {"lineStyle": {"color": GRID}},
        "axisLine": {"show": False},
        **more,
    }


def description(series: list[Option], lang: fmt.Lang) -> str:
    """What a screen reader says of the chart: each line's name and its points' labels (or hover texts), in the
    chart's language; ECharts' own would read out the tick labels' invisible points as data."""
    parts = []
    for s in series:
        if not s.get("name"):
            continue
        rows = [row_of(item) for item in s.get("data") or []]
        said = [r[3] or r[2].split("\n")[0] for r in rows]
        if said == [s["name"].rsplit(": ", 1)[-1]]:  # the bullet's bar is named by its value already
            said = []
        parts.append(f"{s['name']}: {'; '.join(said)}" if said else s["name"])
    return fmt.t(lang, "Biểu đồ. ", "Chart. ") + ". ".join(parts) + "."


def option(fig: go.Figure, lang: fmt.Lang = "vi", wrap: bool = True) -> tuple[Option, int]:
    """The ECharts option drawing `fig` (a figure of charts.py), and its height in pixels. A legend name too long
    for the chart wraps, and the chart grows by the rows; with `wrap` False (a slide, whose height is fixed) it is
    cut short with "…" instead."""
    drawn, height = _option(fig, lang, wrap)
    drawn["aria"] = {"enabled": True, "label": {"description": description(drawn["series"], lang)}}
    return drawn, height


def _frame(legend: list[Option], legend_left: float) -> Option:
    """What every chart's option shares: no animation, the text style, the legend above the plot and the tooltip."""
    font = FONT_SIZE
    return {
        "animation": False,
        "textStyle": {"fontFamily": FONT, "fontSize": font, "color": INK},
        "legend": {
            "data": legend,
            "top": 4,
            "left": legend_left,
            "itemWidth": 30,
            "textStyle": {"fontSize": font, "color": INK, "lineHeight": font + 4},
            "selectedMode": True,  # a click on a legend item hides or shows its series
        },
        "tooltip": TOOLTIP | {"textStyle": {"fontSize": font, "color": INK}},
    }


def _option(fig: go.Figure, lang: fmt.Lang, wrap: bool = True) -> tuple[Option, int]:
    layout = fig.layout
    xaxis, yaxis = _axis(layout.xaxis), _axis(layout.yaxis)
    horizontal = any(t.type == "bar" and t.orientation == "h" for t in fig.data)
    series = [_series(t, horizontal) for t in fig.data]
    names = [s["name"] for s in series if s["name"]]
    legend = [_legend_item(s, wrap) for s in series if s["name"]]
    margin = layout.margin.to_plotly_json()
    rows = _legend_rows(names, wrap)
    # The figure's height has room for two rows of legend; each more makes a page's chart taller, not its plot
    # smaller (a slide's keeps its height).
    height = int(layout.height or 340) + (LEGEND_ROW * max(0, rows - 2) if wrap else 0)
    font = FONT_SIZE
    top = 14 + LEGEND_ROW * rows + 10  # the legend above the plot, then room for a value label

    if horizontal:
        return _bullet(series, legend, xaxis, margin, height, top, lang), height

    xs = [row_of(r)[0] for s in series for r in s["data"]]
    ys = [row_of(r)[1] for s in series for r in s["data"]]
    y_low, y_high, y_ticks = _value_ticks(ys, yaxis, lang)
    reversed_y = yaxis.get("autorange") == "reversed" or ("range" in yaxis and yaxis["range"][0] > yaxis["range"][1])
    if "range" in xaxis:
        x_low, x_high = (year_position(v) for v in xaxis["range"])
    else:
        x_low, x_high = min(xs) - 0.35, max(xs) + 0.35  # room for the first and the last value labels
    if xaxis.get("tickvals"):
        x_ticks = [(year_position(v), text(str(t))) for v, t in zip(xaxis["tickvals"], xaxis["ticktext"], strict=True)]
    else:
        x_ticks = [(float(y), str(y)) for y in range(math.ceil(x_low), math.floor(x_high) + 1)]
    bottom = y_low if not reversed_y else y_high  # the value at the foot of the plot
    if reversed_y and "range" not in yaxis:
        y_low, y_high = y_ticks[0], y_ticks[-1]
    x_rows = max(t.count("\n") + 1 for _, t in x_ticks) if x_ticks else 1
    x_font = (xaxis.get("tickfont") or {}).get("size") or font
    labels = [
        _label_series([(x_low, v, _tick_label(v, yaxis, lang)) for v in y_ticks], "left", "dx-y-ticks"),
        _label_series([(x, bottom, t) for x, t in x_ticks], "bottom", "dx-x-ticks"),
    ]
    labels[1]["label"]["fontSize"] = x_font
    labels[1]["label"]["lineHeight"] = x_font + 3
    widest = max((len(_tick_label(v, yaxis, lang)) for v in y_ticks), default=2)
    left = max(margin.get("l", 80), 30 + 9 * widest + 12)
    bottom_px = max(margin.get("b", 60), 12 + x_rows * (x_font + 3) + 30)
    return {
        **_frame(legend, left - 70 if left > 70 else 0),
        "grid": {"left": left, "right": margin.get("r", 10) + 20, "top": top, "bottom": bottom_px},
        "xAxis": _value_axis(x_low, x_high, _title(xaxis), bottom_px - 26, [x for x, _ in x_ticks]),
        "yAxis": _value_axis(y_low, y_high, _title(yaxis), left - 24, y_ticks, inverse=reversed_y),
        "series": [*series, *labels],
    }, height


def _bullet(
    series: list[Option],
    legend: list[Option],
    xaxis: dict[str, Any],
    margin: dict[str, Any],
    height: int,
    top: int,
    lang: fmt.Lang,
) -> Option:
    """The bullet chart: the latest value as a bar on one row, the target as a marked line across the row."""
    font = FONT_SIZE
    bar = next(s for s in series if s["type"] == "bar")
    target = next((s for s in series if s["type"] != "bar"), None)
    values = [r[0] for s in series for r in s["data"]]
    low, high, ticks = _value_ticks(values, {**xaxis, "rangemode": xaxis.get("rangemode", "tozero")}, lang)
    bottom_px = max(margin.get("b", 60), 12 + font + 3 + 30)
    row = height - top - bottom_px  # the plot's height: the one row
    bar["data"] = [[r[0], ROW, r[2], r[3]] for r in bar["data"]]
    bar["barWidth"] = round(row * 0.5 / 1.2)  # plotly's bar: 0.5 of a row 1.2 high
    out = [bar]
    if target is not None:
        value = target["data"][0][0]
        out.append(
            {
                "type": "line",
                "name": target["name"],
                "data": [],
                "symbol": "none",  # the legend shows a line, as the target's is
                "color": target["color"],
                "lineStyle": target["lineStyle"],
                "markLine": {
                    "symbol": ["none", "none"],
                    "silent": False,
                    "label": {"show": False},
                    "lineStyle": {**target["lineStyle"], "type": "solid"},
                    "tooltip": {"formatter": "{b}"},  # a template: ECharts inserts the name escaped
                    "data": [{"xAxis": value, "name": target["name"]}],
                },
            }
        )
    tick_labels = _label_series([(v, ROW, _tick_label(v, xaxis, lang)) for v in ticks], "bottom", "dx-x-ticks")
    tick_labels["label"]["offset"] = [0, row / 2]
    return {
        **_frame(legend, 0),
        "grid": {"left": margin.get("l", 10) + 10, "right": margin.get("r", 10) + 30, "top": top, "bottom": bottom_px},
        "xAxis": _value_axis(
            low, high, _title(xaxis), bottom_px - 26, ticks, inverse=xaxis.get("autorange") == "reversed"
        ),
        "yAxis": {"type": "category", "data": [ROW], "show": False},
        "series": [*out, tick_labels],
    }
