"""One page per pillar: every indicator with its status, reason, figures, targets and charts."""

from __future__ import annotations

import streamlit as st

from .. import charts, fmt
from .. import html as h
from .. import model as m
from . import common

CHART_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"scale": 2},
}


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
    without = [i for i in indicators if i not in with_data]
    for ind in with_data:
        indicator_block(snap, ind, lang)
    if without:
        st.subheader(t(lang, f"{len(without)} chỉ tiêu chưa có số liệu", f"{len(without)} indicators with no data yet"))
        st.caption(
            t(
                lang,
                "Có mục tiêu nhưng chưa có số liệu đo được trong metrics.yaml: bảng không đoán số.",
                "A target but no measured figure in metrics.yaml yet: the dashboard does not guess.",
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


def no_data_table(snap: common.Loaded, indicators: list[m.Indicator], lang: str) -> str:
    """Indicators with no figure: name, status, their targets and the definition note, compactly."""
    t = common.t
    sources = snap.metrics.source_by_id()
    rows = []
    for ind in indicators:
        targets = "<br>".join(
            h.esc(f"{fmt.target(tg, ind, lang)} · {h.source_name(sources.get(tg.source), tg.source)}")
            for tg in snap.metrics.targets_of(ind)
        )
        definition = fmt.note(ind.definition_note, ind.definition_note_en, lang)
        name = h.esc(fmt.name(ind, lang)) + (f'<div class="dx-meta">ℹ️ {h.esc(definition)}</div>' if definition else "")
        rows.append([name, h.badge(common.status_of(snap, ind.id), lang), targets or "—"])
    header = [
        h.esc(x)
        for x in (t(lang, "Chỉ tiêu", "Indicator"), t(lang, "Trạng thái", "Status"), t(lang, "Mục tiêu", "Targets"))
    ]
    return h.table(header, rows)


def indicator_block(snap: common.Loaded, ind: m.Indicator, lang: str) -> None:
    """One indicator: name, status badge and reason, latest figure, targets, charts and notes."""
    t = common.t
    progress = snap.progress[ind.id]
    targets = snap.metrics.targets_of(ind)
    sources = snap.metrics.source_by_id()
    with st.container(border=True, key=f"ind-{ind.id}"):
        common.html(
            f'<div class="dx-name" style="font-size:1.25rem;font-weight:700">{h.esc(fmt.name(ind, lang))}</div>'
            f'<div style="margin:6px 0">{h.badge(progress.status, lang)} '
            f'<span class="dx-meta">{h.esc(progress.explained(lang))}</span></div>'
        )
        figure = charts.indicator_chart(ind, progress, targets, sources, lang, snap.metrics.national_of(ind))
        # A figure with no chart (a context figure, a single value with no target) gets the whole width.
        left, right = st.columns([1, 2]) if figure is not None else (st.container(), None)
        with left:
            latest = ind.latest_figure()
            if latest is not None:
                common.html(f'<div class="dx-value">{h.esc(fmt.figure(latest, ind, lang))}</div>')
                common.html(
                    common.source_caption(
                        snap,
                        latest.source,
                        fmt.period(latest.period, lang),
                        fmt.qualifier_words(latest.qualifier, lang),
                        lang,
                    )
                )
                for line in h.other_wordings(ind, latest, sources, lang):
                    common.html(f'<div class="dx-meta">{h.esc(line)}</div>')
                note = fmt.note(latest.note, latest.note_en, lang)
                if note:
                    common.html(f'<div class="dx-meta">{h.esc(note)}</div>')
            else:
                common.html(
                    f'<div class="dx-value" style="color:#8C8C8C">{h.esc(t(lang, "Chưa có số liệu", "No data"))}</div>'
                )
            national = snap.metrics.national_of(ind)
            if national is not None:
                common.html(f'<div class="dx-meta">{h.esc(h.national_line(ind, national, sources, lang))}</div>')
            if targets:
                lines = [
                    f"{h.esc(t(lang, 'Mục tiêu', 'Target'))} {h.esc(fmt.target(tg, ind, lang))} · "
                    f"{h.esc(h.source_name(sources.get(tg.source), tg.source))}"
                    + (f" · {h.esc(tg.program)}" if tg.program else "")
                    for tg in targets
                ]
                common.html('<div class="dx-meta">' + "<br>".join(lines) + "</div>")
            definition = fmt.note(ind.definition_note, ind.definition_note_en, lang)
            if definition:
                common.html(f'<div class="dx-meta">ℹ️ {h.esc(definition)}</div>')
        if right is not None:
            with right:
                st.plotly_chart(figure, config=CHART_CONFIG, key=f"chart-{ind.id}", theme=None)
