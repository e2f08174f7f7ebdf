"""One page per pillar: every indicator with its status, reason, figures, targets and charts.

A pillar with more than ALL_AT_ONCE indicators shows them a page at a time (with a table of them all and a
status filter), each chart drawn when switched on, so the page stays quick to draw however large the file grows."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.presentation import charts, echarts
from dxkpi.presentation import html as h

from . import common

# Up to ALL_AT_ONCE indicators with figures, a pillar shows them all with their charts (the shipped file's
# pillars do); beyond, PAGE_SIZE a page with each chart drawn on request, since a page's first chart costs
# about twice a hello-world page (plotly's script) and each further one a little more.
ALL_AT_ONCE = 25
PAGE_SIZE = 10
ALL = "all"  # the status filter's "every status"
KEPT = "dx-kept-"  # prefix of the session keys that remember a widget's value across pages


def render(pillar: m.Pillar) -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    st.title(fmt.pillar(pillar, lang))
    indicators = [i for i in snap.metrics.indicators if i.pillar is pillar and i.kind is not m.Kind.MILESTONE]
    milestones = [i for i in snap.metrics.indicators if i.pillar is pillar and i.kind is m.Kind.MILESTONE]
    if not indicators and not milestones:
        st.info(t(lang, "Trụ cột này chưa có chỉ tiêu nào.", "This pillar has no indicators yet."))
    # An indicator with a figure, or with the country's line to set beside its targets, gets a block and a chart.
    with_data = [i for i in indicators if i.latest_figure() is not None or snap.metrics.national_of(i)]
    blocked = {i.id for i in with_data}  # by id: comparing whole indicators, n x n, is slow for a big file
    without = [i for i in indicators if i.id not in blocked]
    if len(with_data) <= ALL_AT_ONCE:
        for ind in with_data:
            indicator_block(snap, ind, lang)
    else:
        without = paged(snap, pillar, with_data, without, lang)
    if without:
        st.subheader(t(lang, f"{len(without)} chỉ tiêu chưa có số liệu", f"{len(without)} indicators with no data yet"))
        st.caption(
            t(
                lang,
                f"Có mục tiêu nhưng chưa có số liệu đo được trong {snap.path.name}: bảng không đoán số.",
                f"A target but no measured figure in {snap.path.name} yet: the dashboard does not guess.",
            )
        )
        common.html(no_data_table(snap, without, lang))
    if milestones:
        st.caption(
            t(
                lang,
                f"Trụ cột này còn {len(milestones)} cột mốc: xem trang Cột mốc.",
                f"This pillar also has {len(milestones)} milestones: see the Milestones page.",
            )
        )


def paged(
    snap: common.Loaded, pillar: m.Pillar, with_data: list[m.Indicator], without: list[m.Indicator], lang: str
) -> list[m.Indicator]:
    """A pillar with more indicators than fit on one page: a status filter, a table of every indicator with a
    figure and the page it is on, and the detailed blocks of one page, each chart drawn when switched on.
    Returns the indicators with no data that pass the filter, for the table below."""
    t = common.t
    status_key, page_key, charts_key = (f"dx-{what}-{pillar.value}" for what in ("status", "page", "charts"))
    counts = Counter(common.status_of(snap, i.id) for i in with_data + without)
    statuses = [ALL] + [s for s in fmt.STATUS_ORDER if counts.get(s)]
    _restore(status_key, statuses)
    status = st.segmented_control(
        t(lang, "Lọc theo trạng thái", "Filter by status"),
        statuses,
        format_func=lambda s: (
            f"{t(lang, 'Tất cả', 'All')} ({len(with_data) + len(without)})"
            if s == ALL
            else f"{fmt.status_label(s, lang)} ({counts[s]})"
        ),
        key=status_key,
        on_change=_first_page,
        args=(page_key,),
    )
    _keep(status_key)

    def shown(ind: m.Indicator) -> bool:
        return status in (ALL, None) or common.status_of(snap, ind.id) == status

    chosen = [i for i in with_data if shown(i)]
    if not chosen:
        return [i for i in without if shown(i)]
    pages = (len(chosen) + PAGE_SIZE - 1) // PAGE_SIZE
    st.caption(
        t(
            lang,
            f"{len(chosen)} chỉ tiêu có số liệu, {PAGE_SIZE} chỉ tiêu mỗi trang (bảng cho biết chỉ tiêu ở trang nào); "
            "bật “Biểu đồ” dưới một chỉ tiêu để xem biểu đồ của nó.",
            f"{len(chosen)} indicators with figures, {PAGE_SIZE} a page (the table says which page each is on); "
            "switch on “Chart” under an indicator to see its chart.",
        )
    )
    common.html(f'<div class="dx-index">{index_table(snap, chosen, lang)}</div>')
    _restore(page_key, list(range(pages)))

    def label(p: int) -> str:
        first, last = p * PAGE_SIZE + 1, min((p + 1) * PAGE_SIZE, len(chosen))
        return t(
            lang,
            f"Trang {p + 1}/{pages} · chỉ tiêu {first}–{last} trong {len(chosen)}",
            f"Page {p + 1} of {pages} · indicators {first}–{last} of {len(chosen)}",
        )

    page = st.selectbox(
        t(lang, "Trang chi tiết và biểu đồ", "Details and charts, page"), range(pages), format_func=label, key=page_key
    )
    _keep(page_key)
    _restore(charts_key, [False, True])
    every_chart = st.toggle(
        t(lang, "Vẽ biểu đồ của mọi chỉ tiêu trên trang", "Draw the chart of every indicator on the page"),
        key=charts_key,
    )
    _keep(charts_key)
    for ind in chosen[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        indicator_block(snap, ind, lang, folded=not every_chart)
    back, forward, _ = st.columns([1, 1, 4])
    back.button(
        t(lang, "← Trang trước", "← Previous page"),
        key=f"{page_key}-back",
        disabled=page == 0,
        on_click=_turn,
        args=(page_key, page - 1),
    )
    forward.button(
        t(lang, "Trang sau →", "Next page →"),
        key=f"{page_key}-next",
        disabled=page == pages - 1,
        on_click=_turn,
        args=(page_key, page + 1),
    )
    return [i for i in without if shown(i)]


def _restore(key: str, options: list) -> None:
    """Give widget `key` its value from this session (Streamlit forgets a widget's value while another page
    is shown), or the first option if that value is no longer one (the file changed)."""
    kept = st.session_state.get(key, st.session_state.get(KEPT + key))
    st.session_state[key] = kept if kept in options else options[0]


def _keep(key: str) -> None:
    """Remember widget `key`'s value under a key Streamlit does not clear when the reader changes page."""
    st.session_state[KEPT + key] = st.session_state[key]


def _first_page(page_key: str) -> None:
    st.session_state[page_key] = 0


def _turn(page_key: str, page: int) -> None:
    st.session_state[page_key] = page


def index_table(snap: common.Loaded, indicators: list[m.Indicator], lang: str) -> str:
    """Every indicator with a figure, one line each: its page, name, status, latest figure and target."""
    t = common.t
    rows = []
    plans = snap.metrics.plan_by_id()
    for n, ind in enumerate(indicators):
        progress = snap.progress[ind.id]
        latest = ind.latest_figure()
        figure = h.esc(fmt.figure_at(latest, ind, lang)) if latest is not None else "—"
        target = h.esc(fmt.target(progress.target, ind, lang)) if progress.target is not None else "—"
        plan = plans.get(progress.target.plan or "") if progress.target is not None else None
        if plan is not None:  # which plan the target being measured against comes from
            target += f'<div class="dx-meta">{h.esc(fmt.plan_label(plan, lang))}</div>'
        rows.append(
            [
                f'<span class="dx-num">{n // PAGE_SIZE + 1}</span>',
                h.esc(fmt.name(ind, lang)),
                h.badge(progress.status, lang),
                figure,
                target,
            ]
        )
    header = [
        h.esc(x)
        for x in (
            t(lang, "Trang", "Page"),
            t(lang, "Chỉ tiêu", "Indicator"),
            t(lang, "Trạng thái", "Status"),
            t(lang, "Số liệu mới nhất", "Latest figure"),
            t(lang, "Mục tiêu", "Target"),
        )
    ]
    return h.table(header, rows)


def no_data_table(snap: common.Loaded, indicators: list[m.Indicator], lang: str) -> str:
    """Indicators with no figure: name, status, their targets and the definition note, compactly."""
    t = common.t
    sources = snap.metrics.source_by_id()
    rows = []
    for ind in indicators:
        targets = "<br>".join(
            h.esc(f"{fmt.target(tg, ind, lang)} · {fmt.source_name(sources.get(tg.source), tg.source)}")
            for tg in snap.metrics.targets_of(ind)
        )
        definition = fmt.fallback(lang, ind.definition_note, ind.definition_note_en)
        name = h.esc(fmt.name(ind, lang)) + (f'<div class="dx-meta">ℹ️ {h.esc(definition)}</div>' if definition else "")
        rows.append([name, h.badge(common.status_of(snap, ind.id), lang), targets or "—"])
    header = [
        h.esc(x)
        for x in (t(lang, "Chỉ tiêu", "Indicator"), t(lang, "Trạng thái", "Status"), t(lang, "Mục tiêu", "Targets"))
    ]
    return h.table(header, rows)


def indicator_block(snap: common.Loaded, ind: m.Indicator, lang: str, folded: bool = False) -> None:
    """One indicator: name, status badge and reason, latest figure, targets, charts and notes.

    Folded, a switch under the figures draws the chart below them only when the reader turns it on."""
    t = common.t
    progress = snap.progress[ind.id]
    targets = snap.metrics.targets_of(ind)
    sources = snap.metrics.source_by_id()
    definitions = snap.metrics.definition_by_id()
    with st.container(border=True, key=f"ind-{ind.id}"):
        common.html(
            f'<div class="dx-name" style="font-size:1.25rem;font-weight:700">{h.esc(fmt.name(ind, lang))}</div>'
            f'<div style="margin:6px 0">{h.badge(progress.status, lang)} '
            f'<span class="dx-meta">{h.esc(progress.explained(lang))}</span></div>'
        )
        national = snap.metrics.national_of(ind)
        key = ("pillar", common.snapshot_key(snap), ind.id)

        def build() -> echarts.Figure | None:
            return charts.indicator_chart(ind, progress, targets, sources, lang, national, definitions)

        # A folded block's chart is not even built until switched on (building one takes ~8 ms of the run).
        drawn = None if folded else common.chart_of(key, build, lang)
        # A figure with no chart gets the whole width; so does a folded block's, whose chart goes below it.
        left, right = st.columns([1, 2]) if drawn is not None else (st.container(), None)
        # One element for the whole column: each st.html is a React element of its own to draw.
        parts: list[str] = []
        latest = ind.latest_figure()
        if latest is not None:
            parts.append(f'<div class="dx-value">{h.esc(fmt.figure(latest, ind, lang))}</div>')
            parts.append(
                common.source_caption(
                    snap,
                    latest.source,
                    fmt.period_published(latest, lang),
                    fmt.qualifier_words(latest.qualifier, lang),
                    lang,
                )
            )
            for line in [*h.other_wordings(ind, latest, sources, lang), *h.claims(ind, latest, sources, lang)]:
                parts.append(f'<div class="dx-meta">{h.esc(line)}</div>')
            note = fmt.fallback(lang, latest.note, latest.note_en)
            if note:
                parts.append(f'<div class="dx-meta">{h.esc(note)}</div>')
        else:
            ink = fmt.status_ink("no_data")  # grey text at 4.5:1 on white
            none = h.esc(t(lang, "Chưa có số liệu", "No data"))
            parts.append(f'<div class="dx-value" style="color:{ink}">{none}</div>')
        if national is not None:
            parts.append(f'<div class="dx-meta">{h.esc(h.national_line(ind, national, sources, lang))}</div>')
            country = national.latest_figure()
            for line in h.claims(ind, country, sources, lang) if country is not None else []:
                parts.append(f'<div class="dx-meta">{h.esc(line)}</div>')
        if targets:
            plans = snap.metrics.plan_by_id()
            lines = [
                f"{h.esc(t(lang, 'Mục tiêu', 'Target'))} {h.esc(fmt.target(tg, ind, lang))} · "
                f"{h.esc(fmt.source_name(sources.get(tg.source), tg.source))}"
                + (f" · {h.esc(fmt.plan_label(plans[tg.plan], lang))}" if tg.plan in plans else "")
                for tg in targets
            ]
            parts.append('<div class="dx-meta">' + "<br>".join(lines) + "</div>")
        definition = fmt.fallback(lang, ind.definition_note, ind.definition_note_en)
        if definition:
            parts.append(f'<div class="dx-meta">ℹ️ {h.esc(definition)}</div>')
        with left:
            common.html('<div class="dx-facts">' + "".join(parts) + "</div>")
        if folded:
            # Not drawn until asked: the first chart of a page costs more than the rest of it (plotly's script).
            if not st.toggle(t(lang, "Biểu đồ", "Chart"), key=f"dx-chart-{ind.id}"):
                return
            drawn = common.chart_of(key, build, lang)
            if drawn is None:
                st.caption(t(lang, "Chưa có số liệu nào để vẽ.", "No figure to draw yet."))
        if drawn is None:
            return
        with right if right is not None else st.container():
            common.chart(drawn, f"chart-{ind.id}")
