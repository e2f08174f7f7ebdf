"""The Compare page: every region's figures side by side, ranks over the years, definitions kept apart."""

from __future__ import annotations

import functools
from collections.abc import Hashable

import streamlit as st

from dxkpi.analysis import compare
from dxkpi.presentation import charts
from dxkpi.presentation import html as h
from dxkpi.reading.regions import Region

from . import common, data, live

t = common.t


def render() -> None:
    """Every region's snapshot, followed for live reload: the ranks, then each indicator two regions report."""
    lang = st.session_state.get("lang", "vi")
    st.title(t(lang, "So sánh các địa phương", "Comparing regions"))
    regions = data.regions()
    snaps = {r.id: data.current(r.path) for r in regions}
    live.follow(*snaps.values())  # a save of any region's file reruns the page (replaces app.py's one file)
    if len(regions) < 2:
        only = common.region_name(snaps[regions[0].id], regions[0], lang)
        st.info(
            t(
                lang,
                f"Chỉ có một địa phương ({only}): chưa có gì để so sánh. Mỗi địa phương khác là một tệp trong "
                "data/regions/ (xem docs/guide-vi.md, “Thêm một địa phương”).",
                f"There is only one region ({only}): nothing to compare yet. Each other region is a file in "
                "data/regions/ (see docs/guide-en.md, “Add a region”).",
            )
        )
        return
    entries = [entry for r in regions if (entry := _entry(r, snaps[r.id], regions, lang)) is not None]
    if len(entries) < 2:
        st.info(
            t(
                lang,
                "Chưa đọc được tệp của ít nhất hai địa phương: chưa có gì để so sánh.",
                "The files of fewer than two regions can be read: nothing to compare yet.",
            )
        )
        return
    order = [e.region.id for e in entries]
    key = ("compare", tuple(common.snapshot_key(snap) for snap in snaps.values()))
    names = ", ".join(common.region_label(e.region, lang, regions) for e in entries)
    intro = t(
        lang,
        f"Các địa phương: {names}. Trạng thái của mỗi địa phương tính theo mục tiêu của chính địa phương đó.",
        f"Regions: {names}. Each region's status is against its own targets.",
    )
    common.html(f'<div class="dx-meta">{h.esc(intro)}</div>')
    common.html("<style>.dx-cmp .dx-badge{white-space:normal;border-radius:10px}</style>")
    every = compare.groups(entries, min_regions=1)
    ranks = [g for g in every if g.is_rank]
    others = [g for g in every if not g.is_rank and len(g.regions) >= 2]
    st.header(t(lang, "Thứ hạng", "Ranks"))
    st.caption(
        t(
            lang,
            "Hạng 1 ở trên cùng. Dưới mỗi năm là số tỉnh, thành phố được xếp hạng năm đó (63 tỉnh đến 30/6/2025, "
            "34 tỉnh từ 1/7/2025).",
            "Rank 1 is at the top. Under each year, how many provinces were ranked that year (63 until 30/6/2025, "
            "34 from 1/7/2025).",
        )
    )
    if not ranks:
        st.info(t(lang, "Chưa địa phương nào có số liệu thứ hạng.", "No region has a rank figure yet."))
    for group in ranks:
        group_block(group, lang, order, key)
    st.header(t(lang, "Chỉ tiêu hai địa phương trở lên cùng có số liệu", "Indicators two or more regions report"))
    if not others:
        st.info(
            t(
                lang,
                "Chưa có chỉ tiêu nào mà hai địa phương cùng có số liệu.",
                "No indicator has figures from two regions yet.",
            )
        )
    for group in others:
        group_block(group, lang, order, key)


def _entry(region: Region, snap: data.Snapshot, regions: list[Region], lang: str) -> compare.Entry | None:
    """The region's entry, from its last good model; a file with problems is said so here (the chosen region's
    problems are in the banner above), and a file never read is left out."""
    label = common.region_label(region, lang, regions)
    if snap.problems and region.id != common.selected_region().id:
        problems_block(region, snap, label, lang)
    if snap.metrics is None:
        return None
    return compare.Entry(region, snap.metrics, snap.progress)


def problems_block(region: Region, snap: data.Snapshot, label: str, lang: str) -> None:
    """A region whose file has problems: what is shown instead and the problems, as `validate` words them."""
    # Errors are counted; the lines list the file's warnings too, as `validate` does.
    name, n = common.file_shown(snap.path), len(snap.errors)
    if snap.metrics is not None:
        at = snap.read_at
        head = t(
            lang,
            f"{label}: tệp {name} vừa lưu có {n} lỗi; so sánh dùng số liệu hợp lệ gần nhất (đọc lúc {at}).",
            f"{label}: the saved {name} has {n} problem(s); compared with its last valid data (read at {at}).",
        )
    else:
        head = t(
            lang,
            f"{label}: tệp {name} có {n} lỗi, chưa đọc được: địa phương này chưa được so sánh.",
            f"{label}: {name} has {n} problem(s) and cannot be read: this region is not compared.",
        )
    common.problem_box(snap, head, f"cmp-problems-{region.id}", lang, warn=True)


def group_block(group: compare.Group, lang: str, order: list[str], key: Hashable) -> None:
    """A topic: its table of latest figures, why its definitions are apart, and a chart per definition.

    One chart sits beside the table; two or more (one per definition) sit side by side below it. `key` holds what
    the page's figures depend on (every region's snapshot)."""
    panels = group.panels
    with st.container(border=True, key=f"cmp-{group.topic}"):
        common.html(f'<div class="dx-name" style="font-size:1.2rem;font-weight:700">{h.esc(group.title(lang))}</div>')
        if len(panels) == 1:
            left, right = st.columns(2)
            with left:
                facts(group, lang)
            columns = [right]
        else:
            facts(group, lang)
            # Each chart at its column's foot: a name on two lines above one chart, one line above the next, would
            # otherwise set their plots, and the x axes the reader compares along, at different heights.
            columns = st.columns(len(panels), vertical_alignment="bottom")
        for k, (panel, column) in enumerate(zip(panels, columns, strict=True)):
            with column:
                if len(panels) > 1:
                    common.html(f'<div class="dx-name"><b>{h.esc(panel.label(lang))}</b></div>')
                draw = charts.rank_chart if panel.is_rank else charts.comparison_chart
                across = 2 if len(panels) == 1 else len(panels)  # beside its table, or in a row of its own
                drawn = common.chart_of(
                    (key, group.topic, k, tuple(order)), functools.partial(draw, panel, lang, order, across), lang
                )
                if drawn is not None:
                    common.chart(drawn, f"cmp-chart-{group.topic}-{k}")


def facts(group: compare.Group, lang: str) -> None:
    """The group's table, and what sets its figures apart."""
    if len(group.regions) == 1:
        only = group.members[0].entry.name(lang)
        said = t(lang, f"Chỉ {only} có số liệu này.", f"Only {only} reports it.")
        common.html(f'<div class="dx-meta">{h.esc(said)}</div>')
    common.html(table(group, lang))
    why = group.why_apart(lang)
    if why:
        lines = "".join(f'<div style="margin-top:4px">{h.esc(line)}</div>' for line in why[1:])
        common.html(f'<div class="dx-meta"><b>ℹ️ {h.esc(why[0])}</b>{lines}</div>')


def table(group: compare.Group, lang: str) -> str:
    """The group's latest figures, a row per region's indicator, as escaped HTML. The indicator and its definition
    are named where the group has several definitions (else the group's title names it)."""
    rows = group.rows(lang)
    named = len(group.definitions) > 1
    header = [t(lang, "Địa phương", "Region")]
    if named:
        header.append(t(lang, "Chỉ tiêu · định nghĩa", "Indicator · definition"))
    header += [
        t(lang, "Số liệu mới nhất", "Latest figure"),
        t(lang, "Nguồn", "Source"),
        t(lang, "Trạng thái", "Status"),
    ]
    cells = []
    for row in rows:
        line = [h.esc(row.region)]
        if named:
            definition = (
                f'<div class="dx-meta">{h.esc(row.definition)}</div>' if row.definition != row.indicator else ""
            )
            line.append(h.esc(row.indicator) + definition)
        # The period, and the source's own words, under the figure: the table shares its width with a chart.
        said = [t(lang, f"Kỳ {row.period}", f"Period {row.period}")]
        if row.qualifiers:
            said.append(t(lang, f"nguồn ghi “{row.qualifiers}”", f"source says “{row.qualifiers}”"))
        figure = f'<b>{h.esc(row.figure)}</b><div class="dx-meta">{h.esc(" · ".join(said))}</div>'
        line += [figure, h.esc(row.source), h.badge(row.status, lang)]
        cells.append(line)
    # A status badge may wrap here: the table shares its width with a chart.
    return f'<div class="dx-cmp">{h.table([h.esc(x) for x in header], cells)}</div>'
