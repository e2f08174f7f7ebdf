"""Nền từ hai tỉnh cũ / Baseline from the former provinces: their figures side by side, combined only where defined."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dxkpi.analysis import combine
from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.presentation import html as h
from dxkpi.reading.regions import Region

from . import common, data, live

t = common.t


def render() -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    region = common.selected_region()
    regions = data.regions()
    st.title(t(lang, "Nền từ hai tỉnh cũ", "Baseline from the former provinces"))
    name = common.region_name(snap, region, lang)
    predecessors = snap.metrics.meta.predecessors
    if not predecessors:
        _no_predecessors(name, region, regions, lang)
        return
    known = {r.id: r for r in regions}
    former_regions = [known[pid] for pid in predecessors if pid in known]
    snaps = [data.current(r.path) for r in former_regions]
    live.follow(common.current(), *snaps)  # a save of any former province's file reruns this page too
    missing = [pid for pid in predecessors if pid not in known]
    if missing:
        st.error(
            t(
                lang,
                f"Tệp của {name} ghi tỉnh cũ không có tệp: {', '.join(missing)} (meta.predecessors). "
                "Chưa lập được nền khi thiếu số liệu của một tỉnh cũ.",
                f"{name}'s file names former provinces that have no file: {', '.join(missing)} (meta.predecessors). "
                "No baseline without every former province's figures.",
            ),
            icon="⚠️",
        )
        return
    for former, former_snap in zip(former_regions, snaps, strict=True):
        _problems(former, former_snap, lang)
    if any(s.metrics is None for s in snaps):
        return
    formers = [_former(r, s) for r, s in zip(former_regions, snaps, strict=True)]
    _intro(name, formers, snap.metrics.meta.formed, lang)
    for merger in combine.mergers(snap.metrics, formers):
        _merger(merger, name, snap.metrics.source_by_id(), lang)
    _show(combine.baseline(snap.metrics, formers), formers, snaps, lang)


def _former(region: Region, snap: data.Snapshot) -> combine.Former:
    assert snap.metrics is not None
    meta = snap.metrics.meta
    return combine.Former(region.id, meta.region, meta.region_en or meta.region, snap.metrics)


def _no_predecessors(name: str, region: Region, regions: list[Region], lang: str) -> None:
    """Say that this region was not formed by a merger, and point to the regions that were."""
    merged = []
    for other in regions:
        other_snap = data.current(other.path)
        if other_snap.metrics is not None and other_snap.metrics.meta.predecessors:
            merged.append((other, other_snap))
    st.info(
        t(
            lang,
            f"{name} không hình thành từ việc hợp nhất các tỉnh cũ (tệp số liệu không ghi meta.predecessors), "
            "nên không có nền để gộp. Trang này dành cho tỉnh mới sau hợp nhất.",
            f"{name} was not formed by merging former provinces (its file names no meta.predecessors), so there is "
            "no baseline to build. This page is for a province formed by the merger.",
        ),
        icon=":material/info:",
    )
    for other, other_snap in merged:
        assert other_snap.metrics is not None
        other_name = common.region_name(other_snap, other, lang)
        part_of = region.id in other_snap.metrics.meta.predecessors
        if part_of:
            st.write(
                t(
                    lang,
                    f"{name} là một trong các tỉnh cũ hợp nhất thành {other_name}.",
                    f"{name} is one of the former provinces merged into {other_name}.",
                )
            )
        st.button(
            t(lang, f"Xem nền của {other_name}", f"See {other_name}'s baseline"),
            key=f"baseline-go-{other.id}",
            on_click=_choose, args=(other.id,),
            icon=":material/merge:",
        )  # fmt: skip


def _choose(region_id: str) -> None:
    """The button's callback: switch the sidebar's region (it runs before the switch is drawn again)."""
    st.session_state["region"] = region_id


def _problems(region: Region, snap: data.Snapshot, lang: str) -> None:
    """A former province's file with problems: its lines, and whether its last good figures are used."""
    if not snap.problems:
        return
    name = snap.path.name
    n = len(snap.errors)  # a warning listed with them is not a mistake
    if snap.metrics is not None:
        at = snap.read_at
        head = t(
            lang,
            f"Tệp {name} (tỉnh cũ) vừa lưu có {n} lỗi. Bảng dưới đây dùng số liệu hợp lệ gần nhất của tệp đó "
            f"(đọc lúc {at}).",
            f"The saved {name} (a former province) has {n} problem(s). The table below uses its last valid data "
            f"(read at {at}).",
        )
    else:
        head = t(
            lang,
            f"Chưa đọc được tệp {name} (tỉnh cũ): {n} lỗi. Chưa lập được nền khi thiếu số liệu của một tỉnh cũ.",
            f"{name} (a former province) cannot be read: {n} problem(s). No baseline without every former "
            "province's figures.",
        )
    common.problem_box(snap, head, f"baseline-problems-{region.id}", lang)


def _intro(name: str, formers: list[combine.Former], formed: dt.date | None, lang: str) -> None:
    names = combine.listing([f.label(lang) for f in formers], lang)
    when = t(lang, f" từ ngày {fmt.date(formed)}", f" on {fmt.date(formed)}") if formed else ""
    text = t(
        lang,
        f"{name} hợp nhất từ {names}{when}. Mỗi chỉ tiêu: số liệu mới nhất cùng kỳ của các tỉnh cũ, như nguồn ghi. "
        "Chỉ gộp khi phép tính có nghĩa: số đếm và số tiền cùng kỳ, cùng cách ghi thì cộng lại; tỷ lệ chỉ gộp từ tử "
        "số và mẫu số của mọi tỉnh. Thứ hạng, điểm số, số ước với cách ghi khác nhau, khác kỳ, khác định nghĩa thì "
        "không gộp, và bảng nói quy tắc nào ngăn lại. Số gộp là số tính ra, không phải số công bố.",
        f"{name} was formed from {names}{when}. For each indicator: the former provinces' latest figures for the "
        "same period, as their sources word them. They are combined only where the arithmetic is defined: counts "
        "and money for the same period and with the same wording add up; a share combines only from every "
        "province's numerator and denominator. Ranks, scores, estimates worded differently, different periods or "
        "definitions are never combined, and the table says which rule stopped it. A combined figure is computed, "
        "never a published one.",
    )
    common.html(f'<div class="dx-meta">{h.esc(text)}</div>')


def merger_sentences(merger: combine.Merger, name: str, sources: dict[str, m.Source], lang: str) -> list[str]:
    """The published rule, the publisher's figure for the new province (or that there is none yet) and the figure
    computed by the rule only when every main index of every former province is recorded, with its inputs."""
    ind, definition = merger.indicator, merger.definition
    what = fmt.name(ind, lang)
    version = fmt.t(lang, definition.name, definition.name_en)
    source = fmt.source_name(sources.get(merger.definition.merger_source or ""), merger.definition.merger_source or "")
    out = [
        t(
            lang,
            f"{what}, {version}. Quy tắc của Bộ cho tỉnh sau sáp nhập: {merger.rule(lang)} Nguồn: {source}.",
            f"{what}, {version}. The ministry's rule for a merged province: {merger.rule(lang)} Source: {source}.",
        )
    ]
    if merger.published is not None:
        figure = fmt.figure_at(merger.published, ind, lang)
        when = fmt.published(merger.published, lang)
        when = f", {when}" if when else ""
        cited = fmt.source_name(sources.get(merger.published.source), merger.published.source)
        out.append(
            t(
                lang,
                f"Số Bộ công bố cho {name}: {figure}{when} ({cited}).",
                f"The ministry's figure for {name}: {figure}{when} ({cited}).",
            )
        )
    else:
        out.append(
            t(
                lang,
                f"Bảng chưa ghi số Bộ công bố cho {name} theo {version} (chưa tìm thấy nguồn nêu số này).",
                f"The file records no ministry figure for {name} under {version} (no source stating it was found).",
            )
        )
    n = len(definition.main_indices)
    formers = list(dict.fromkeys((i.former, i.former_en) for i in merger.inputs))
    if merger.means is not None and merger.period is not None:
        names = {i.index: fmt.name(i.indicator, lang) for i in merger.inputs if i.indicator is not None}
        parts = []
        for index, mean in merger.means:
            values = [i.observation for i in merger.inputs if i.index == index and i.observation is not None]
            shown = " + ".join(fmt.number(o.value, lang) for o in values)
            parts.append(f"{names.get(index, index)}: ({shown}) / {len(values)} = {fmt.number(round(mean, 4), lang)}")
        period = fmt.period(merger.period, lang)
        out.append(
            t(
                lang,
                f"Tính theo quy tắc của Bộ, không phải số công bố ({period}): " + "; ".join(parts) + ".",
                f"Computed by the ministry's rule, not a published figure ({period}): " + "; ".join(parts) + ".",
            )
        )
    else:
        counts = "; ".join(f"{t(lang, vi, en)}: {merger.recorded(vi)}/{n}" for vi, en in formers)
        out.append(
            t(
                lang,
                f"Chưa tính: quy tắc cần đủ {n} chỉ số chính của mỗi tỉnh cũ cùng một kỳ; bảng đang ghi {counts}.",
                f"Not computed: the rule needs all {n} main indices of every former province for one period; "
                f"the files record {counts}.",
            )
        )
    return out


def _merger(merger: combine.Merger, name: str, sources: dict[str, m.Source], lang: str) -> None:
    st.subheader(t(lang, "Số của tỉnh sau sáp nhập theo quy tắc công bố", "A merged figure by the published rule"))
    for sentence in merger_sentences(merger, name, sources, lang):
        common.html(f'<div class="dx-meta">{h.esc(sentence)}</div>')


def _show(lines: list[combine.Line], formers: list[combine.Former], snaps: list[data.Snapshot], lang: str) -> None:
    """The lines in four groups: combined; refused with every figure; only some provinces; none."""
    combined = [line for line in lines if line.combined]
    rest = [line for line in lines if not line.combined]
    every = [line for line in rest if all(p.observation is not None for p in line.parts)]
    some = [line for line in rest if any(p.observation is not None for p in line.parts) and line not in every]
    none = [line for line in rest if all(p.observation is None for p in line.parts)]
    common.html(
        '<div class="dx-meta" style="margin:8px 0 4px">'
        + h.esc(
            t(
                lang,
                f"{len(combined)} chỉ tiêu gộp được · {len(every)} không gộp dù mọi tỉnh cũ có số liệu · "
                f"{len(some)} chỉ một tỉnh cũ có số liệu · {len(none)} chưa tỉnh cũ nào có số liệu",
                f"{len(combined)} combined · {len(every)} not combined though every former province has a figure · "
                f"{len(some)} with a figure in one former province only · {len(none)} with no figure in any",
            )
        )
        + "</div>"
    )
    st.subheader(t(lang, "Số tính gộp", "Combined (computed) figures"))
    if combined:
        common.html(_table(combined, formers, lang))
    else:
        st.info(
            t(
                lang,
                "Chưa chỉ tiêu nào gộp được: với số liệu hiện có, không cặp số liệu nào thỏa quy tắc gộp "
                "(xem lý do từng chỉ tiêu bên dưới).",
                "Nothing combines yet: with the figures on file, no pair meets the rules for combining "
                "(see each indicator's reason below).",
            )
        )
    if every:
        st.subheader(
            t(lang, "Mọi tỉnh cũ có số liệu, nhưng không gộp", "Every former province has a figure, not combined")
        )
        common.html(_table(every, formers, lang))
    # The long tail, folded: a figure from one province alone is no baseline for the merged one.
    if some:
        label = t(
            lang, f"Chỉ một tỉnh cũ có số liệu ({len(some)})", f"A figure in one former province only ({len(some)})"
        )
        with st.expander(label, icon=":material/looks_one:"):
            common.html(_table(some, formers, lang))
    if none:
        label = t(lang, f"Chưa tỉnh cũ nào có số liệu ({len(none)})", f"No figure in any former province ({len(none)})")
        with st.expander(label, icon=":material/block:"):
            names = [fmt.name(line.indicator, lang) for line in none]
            common.html(f'<div class="dx-meta">{h.esc(" · ".join(names))}</div>')


def _table(lines: list[combine.Line], formers: list[combine.Former], lang: str) -> str:
    header = [h.esc(t(lang, "Chỉ tiêu", "Indicator"))]
    header += [h.esc(f.label(lang)) for f in formers]
    header.append(h.esc(t(lang, "Gộp (số tính) hoặc vì sao không", "Combined (computed), or why not")))
    rows = []
    for line in lines:
        row = [
            h.esc(fmt.name(line.indicator, lang))
            + f'<div class="dx-meta">{h.esc(fmt.pillar(line.indicator.pillar, lang))}</div>'
        ]
        row += [_part_cell(part, line.indicator, lang) for part in line.parts]
        row.append(_verdict_cell(line, lang))
        rows.append(row)
    return h.table(header, rows)


def _part_cell(part: combine.Part, shown: m.Indicator, lang: str) -> str:
    """A former province's figure as recorded, its period and source (and its indicator, when named otherwise)."""
    obs, ind = part.observation, part.indicator
    if obs is None or ind is None:
        return h.esc(t(lang, "chưa có số liệu", "no data"))
    value = fmt.status_label(obs.status.value, lang) if obs.status is not None else fmt.figure(obs, ind, lang)
    meta = [f"{t(lang, 'Kỳ', 'Period')} {fmt.period(obs.period, lang)}"]
    meta.append(f"{t(lang, 'Nguồn', 'Source')}: {fmt.source_name(part.source, obs.source)}")
    cell = f'<b>{h.esc(value)}</b><div class="dx-meta">{h.esc(" · ".join(meta))}</div>'
    if ind.id != shown.id and fmt.name(ind, lang) != fmt.name(shown, lang):
        cell += f'<div class="dx-meta">{h.esc(t(lang, "Chỉ tiêu: ", "Indicator: ") + fmt.name(ind, lang))}</div>'
    if part.later is not None:
        later = t(
            lang,
            f"Có số liệu mới hơn: {fmt.figure_at(part.later, ind, lang)} (tỉnh kia không có số liệu kỳ đó)",
            f"A newer figure: {fmt.figure_at(part.later, ind, lang)} (the other province has none for that period)",
        )
        cell += f'<div class="dx-meta">{h.esc(later)}</div>'
    return cell


def _verdict_cell(line: combine.Line, lang: str) -> str:
    verdict = line.verdict
    if isinstance(verdict, combine.Combined):
        chip = t(lang, "Số tính gộp, không phải số công bố", "Computed, not a published figure")
        value = verdict.figure(line.indicator, lang)
        period = f"{t(lang, 'Kỳ', 'Period')} {fmt.period(verdict.period, lang)}"
        sources = "; ".join(
            f"{p.label(lang)}: {fmt.source_name(p.source, p.observation.source)}"
            for p in verdict.parts
            if p.observation is not None
        )
        return (
            f'<span class="dx-badge" style="border-color:#0072B2;color:{fmt.ink("#0072B2")}">{h.esc(chip)}</span>'
            f'<div class="dx-value" style="font-size:1.4rem">{h.esc(value)}</div>'
            f'<div class="dx-meta">{h.esc(verdict.label(lang))}</div>'
            f'<div class="dx-meta">{h.esc(period + " · " + t(lang, "Nguồn", "Sources") + ": " + sources)}</div>'
        )
    return h.esc(line.explain(lang))
