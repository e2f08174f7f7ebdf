"""The meeting deck as data: title, overview, one slide per pillar, milestones, sources.

Presentation mode, PowerPoint, PDF and HTML all draw the same deck, so a meeting sees the same
figures whichever way they are shown. Pure: plain text and plotly figures, no Streamlit, no HTML.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dxkpi.analysis import plans as p
from dxkpi.analysis.account import Account, Group, Outcome, final_account
from dxkpi.analysis.progress import Progress
from dxkpi.core import clock, fmt
from dxkpi.core import model as m
from dxkpi.presentation import charts

MAX_CHARTS = 2  # per pillar slide: what fits a 16:9 screen at a size a room can read
MAX_ROWS = 4  # rows of a pillar slide beside its charts at 1280x720, names wrapping to two lines
MAX_FINAL_ROWS = 8  # the final-account slide has no charts: the table takes the whole width
# The most characters each piece of a slide shows, so a slide keeps its size whatever the file says:
# longer text is cut with "…" (fmt.shorten) and given in full in the speaker notes.
LIMITS = {
    "title": 90,
    "subtitle": 120,
    "more": 160,
    "line": 320,
    "card": 28,  # a key figure's value, in large type
    "value": 60,
    "label": 110,
    "meta": 90,
    "reason": 160,
}


@dataclass(frozen=True)
class Card:
    """A key figure: '>193 tỷ đồng', what it is, and its period and source."""

    value: str
    label: str
    meta: str


@dataclass(frozen=True)
class Row:
    """One indicator or milestone in a slide's table."""

    status: str
    name: str
    value: str
    target: str
    reason: str


@dataclass(frozen=True)
class Chart:
    key: str  # a file-name-safe id: the indicator id
    title: str
    figure: go.Figure


@dataclass(frozen=True)
class Slide:
    kind: str  # "title" | "overview" | "final" | "pillar" | "milestones" | "sources"
    title: str
    subtitle: str = ""
    cards: tuple[Card, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()  # (status, number of indicators)
    rows: tuple[Row, ...] = ()
    more: str = ""  # e.g. "and 9 indicators with no data yet"
    all_rows: tuple[Row, ...] = ()  # every indicator, for a report that has room (PDF); rows is what a screen fits
    charts: tuple[Chart, ...] = ()
    lines: tuple[str, ...] = ()  # free lines: the title slide's details, the sources slide's citations
    notes: tuple[str, ...] = field(default=())  # speaker notes: the sources behind this slide
    full_text: tuple[str, ...] = ()  # texts shortened to fit the slide, in full
    item_word: tuple[str, str] = ("Chỉ tiêu", "Indicator")  # what a row of the table is, for its column heading

    def speaker_notes(self, lang: str) -> tuple[str, ...]:
        """The sources behind the slide, then the full text of whatever was shortened on it."""
        if not self.full_text:
            return self.notes
        return (*self.notes, fmt.t(lang, "Toàn văn phần bị rút gọn:", "In full, what is shortened:"), *self.full_text)


def fit(slide: Slide) -> Slide:
    """The slide with every text cut to its LIMITS, and the full text of each cut one kept in full_text."""
    full: list[str] = []

    def cut(text: str, limit: str) -> str:
        short = fmt.shorten(text, LIMITS[limit])
        if short != text and text not in full:
            full.append(text)
        return short

    def row(r: Row) -> Row:
        return Row(
            r.status, cut(r.name, "label"), cut(r.value, "value"), cut(r.target, "value"), cut(r.reason, "reason")
        )

    return dataclasses.replace(
        slide,
        title=cut(slide.title, "title"),
        subtitle=cut(slide.subtitle, "subtitle"),
        cards=tuple(Card(cut(c.value, "card"), cut(c.label, "label"), cut(c.meta, "meta")) for c in slide.cards),
        rows=tuple(row(r) for r in slide.rows),
        more=cut(slide.more, "more"),
        all_rows=tuple(row(r) for r in slide.all_rows),
        charts=tuple(Chart(c.key, cut(c.title, "label"), c.figure) for c in slide.charts),
        lines=tuple(cut(line, "line") for line in slide.lines),
        full_text=tuple(full),
    )


def citation(source: m.Source, lang: str) -> str:
    """'[S16] news.baolongan.vn, “Title”, 01/02/2024, https://…'."""
    parts = [source.publisher, f"“{source.title}”"]
    if source.date:
        parts.append(fmt.date(source.date))
    if source.url:
        parts.append(source.url)
    return f"[{source.id}] " + ", ".join(parts)


def _notes(source_ids: list[str], sources: dict[str, m.Source], lang: str) -> tuple[str, ...]:
    seen = list(dict.fromkeys(source_ids))
    head = fmt.t(lang, "Nguồn của trang này:", "Sources of this slide:")
    return (head, *(citation(sources[s], lang) for s in seen if s in sources))


def _data_date(metrics: m.Metrics) -> str:
    ends = [o.period for i in metrics.indicators for o in i.observations]
    if not ends:
        return "—"
    return fmt.period(max(ends, key=lambda p: p.end))


def title_slide(metrics: m.Metrics, lang: str) -> Slide:
    meta = metrics.meta
    title = fmt.fallback(lang, meta.title, meta.title_en)
    program = fmt.fallback(lang, meta.program, meta.program_en)
    lines = [program, fmt.t(lang, "Kỳ báo cáo: ", "Reporting period: ") + meta.reporting_period]
    lines.append(fmt.t(lang, "Số liệu mới nhất: ", "Latest data: ") + _data_date(metrics))
    note = fmt.fallback(lang, meta.region_note, meta.region_note_en)
    if note:
        lines.append(note)
    region = fmt.fallback(lang, meta.region, meta.region_en)
    return Slide("title", title, subtitle=region, lines=tuple(lines))


def _counts(statuses: list[str]) -> tuple[tuple[str, int], ...]:
    counted = Counter(statuses)
    return tuple((s, counted[s]) for s in fmt.STATUS_ORDER if counted.get(s))


def overview_slide(metrics: m.Metrics, progress: dict[str, Progress], lang: str) -> Slide:
    sources = metrics.source_by_id()
    by_id = {i.id: i for i in metrics.indicators}
    cards, cited = [], []
    for key in metrics.meta.key_figures:
        ind = by_id[key]
        obs = ind.latest_figure()
        if obs is None:
            continue
        source = sources.get(obs.source)
        where = f"{fmt.period_published(obs, lang)} · {source.publisher if source else obs.source}"
        cards.append(Card(fmt.figure(obs, ind, lang), fmt.name(ind, lang), where))
        cited.append(obs.source)
    tracked = [i for i in metrics.indicators if i.kind in (m.Kind.MEASURED, m.Kind.RANK) and metrics.targets_of(i)]
    counts = _counts([str(progress[i.id].status) for i in tracked])
    title = fmt.t(lang, "Tổng quan", "Overview")
    subtitle = fmt.t(lang, f"{len(tracked)} chỉ tiêu có mục tiêu", f"{len(tracked)} indicators with a target")
    return Slide("overview", title, subtitle, cards=tuple(cards), counts=counts, notes=_notes(cited, sources, lang))


def _row(ind: m.Indicator, prog: Progress, metrics: m.Metrics, lang: str) -> Row:
    obs = ind.latest_figure()
    value = "—"
    if obs is not None:
        value = f"{fmt.figure(obs, ind, lang)} ({fmt.period_published(obs, lang)})"
    target = fmt.target(prog.target, ind, lang) if prog.target else ""
    return Row(str(prog.status), fmt.name(ind, lang), value, target, prog.reason(lang))


def pillar_slide(metrics: m.Metrics, progress: dict[str, Progress], pillar: m.Pillar, lang: str) -> Slide:
    sources = metrics.source_by_id()
    inds = [i for i in metrics.indicators if i.pillar is pillar and i.kind is not m.Kind.MILESTONE]
    # Indicators measured against a target come first: a room sees how the province stands before context figures.
    with_data = sorted((i for i in inds if i.latest_figure() is not None), key=lambda i: progress[i.id].target is None)
    without = len(inds) - len(with_data)
    all_rows = tuple(
        _row(i, progress[i.id], metrics, lang) for i in [*with_data, *(i for i in inds if i not in with_data)]
    )
    rows = all_rows[: min(MAX_ROWS, len(with_data))]
    more_count = without + max(0, len(with_data) - MAX_ROWS)
    more = ""
    if more_count:
        more = fmt.t(
            lang,
            f"và {more_count} chỉ tiêu khác ({without} chưa có số liệu) — xem bảng điều khiển",
            f"and {more_count} more indicators ({without} with no data yet) — see the dashboard",
        )
    chart_list: list[Chart] = []
    # The charts a room sees first are of indicators measured against a target, then context figures.
    charted = sorted(
        [*with_data, *(i for i in inds if i not in with_data and metrics.national_of(i))],
        key=lambda i: progress[i.id].target is None,
    )
    for ind in charted:
        if len(chart_list) == MAX_CHARTS:
            break
        prog = progress[ind.id]
        figure = charts.indicator_chart(
            ind, prog, metrics.targets_of(ind), sources, lang, metrics.national_of(ind), metrics.definition_by_id()
        )
        if figure is not None:
            chart_list.append(Chart(ind.id, fmt.name(ind, lang), figure))
    cited = [obs.source for i in with_data if (obs := i.latest_figure()) is not None]
    cited += [target.source for i in inds if (target := progress[i.id].target) is not None]
    counts = _counts([str(progress[i.id].status) for i in inds])
    return Slide(
        "pillar",
        fmt.pillar(pillar, lang),
        fmt.t(lang, f"{len(inds)} chỉ tiêu", f"{len(inds)} indicators"),
        counts=counts,
        rows=rows,
        more=more,
        all_rows=all_rows,
        charts=tuple(chart_list),
        notes=_notes(cited, sources, lang),
    )


def milestones_slide(metrics: m.Metrics, progress: dict[str, Progress], lang: str) -> Slide:
    sources = metrics.source_by_id()
    rows, cited = [], []
    for ind in metrics.indicators:
        obs = ind.latest_observation()
        if ind.kind is not m.Kind.MILESTONE or obs is None:
            continue
        rows.append(Row(str(progress[ind.id].status), fmt.name(ind, lang), fmt.period(obs.period, lang), "", ""))
        cited.append(obs.source)
    counts = _counts([r.status for r in rows])
    return Slide(
        "milestones",
        fmt.t(lang, "Cột mốc nền tảng và dự án", "Platform milestones and projects"),
        counts=counts,
        rows=tuple(rows),
        notes=_notes(cited, sources, lang),
    )


SHORT_CITATION = 64  # characters: one line in a column of the sources slide at 1280x720, with thirty or more sources


def short_citation(source: m.Source) -> str:
    """'[S16] news.baolongan.vn, 22/10/2021': what a screen of thirty sources has room for (the notes say the rest)."""
    date = f", {fmt.date(source.date)}" if source.date else ""
    return fmt.shorten(f"[{source.id}] {source.publisher}{date}", SHORT_CITATION)


def sources_slide(metrics: m.Metrics, deck: list[Slide], lang: str) -> Slide:
    """Every source cited by the slides before it, in order of first citation: short on the slide, in full in the
    speaker notes (and in the PDF, which has room)."""
    sources = metrics.source_by_id()
    ids: list[str] = []
    for slide in deck:
        for note in slide.notes[1:]:
            source_id = note.split("]")[0][1:]
            if source_id not in ids:
                ids.append(source_id)
    return Slide(
        "sources",
        fmt.t(lang, "Nguồn số liệu", "Sources"),
        fmt.t(
            lang,
            "Mọi số liệu đều dẫn nguồn; tên bài và địa chỉ web trong ghi chú của trang này và trong tệp số liệu",
            "Every figure is sourced; titles and web addresses are in this slide's notes and in the figures file",
        ),
        lines=tuple(short_citation(sources[i]) for i in ids if i in sources),
        notes=_notes(ids, sources, lang),
    )


def final_title(account: Account, lang: str) -> str:
    """'Tổng kết giai đoạn 2021–2025' / '2021–2025 final account'."""
    first = account.first
    return fmt.t(lang, f"Tổng kết giai đoạn {first}–{account.year}", f"{first}–{account.year} final account")


def final_groups(account: Account) -> list[Group]:
    """The account's rows in the order a meeting reads them: misses first (they need action), then achieved, then
    not measured; file order within each."""
    order = {Outcome.NOT_ACHIEVED: 0, Outcome.ACHIEVED: 1, Outcome.NOT_MEASURED: 2}
    return sorted(account.groups(), key=lambda g: order[g.outcome])


def final_row(group: Group, lang: str) -> Row:
    """An indicator's targets that ended alike, as a row: outcome, indicator, the figure that counts, the targets,
    the sentence."""
    value = fmt.figure_at(group.figure, group.indicator, lang) if group.figure else "—"
    targets = " · ".join(fmt.target(t, group.indicator, lang) for t in group.targets)
    return Row(str(group.outcome), fmt.name(group.indicator, lang), value, targets, group.sentence(lang))


def final_slide(metrics: m.Metrics, lang: str, account: Account | None = None) -> Slide:
    """The period's targets: counts on top (of targets), then a row per indicator, misses first; a screen shows the
    measured ones (up to MAX_FINAL_ROWS), all_rows holds every one."""
    account = account or final_account(metrics)
    sources = metrics.source_by_id()
    groups = final_groups(account)
    all_rows = tuple(final_row(g, lang) for g in groups)
    measured = [r for r in all_rows if r.status != Outcome.NOT_MEASURED]
    rows = tuple(measured[:MAX_FINAL_ROWS])
    rest = len(all_rows) - len(rows)
    more = ""
    if rest:
        unmeasured = sum(1 for g in groups if g.outcome is Outcome.NOT_MEASURED)
        more = fmt.t(
            lang,
            f"và {rest} chỉ tiêu khác ({unmeasured} không đo được vì chưa có số liệu) — xem trang Tổng kết",
            f"and {rest} more indicators ({unmeasured} not measured for want of data) — see the Final account page",
        )
    counts = tuple((str(o), account.count(o)) for o in Outcome)
    cited = [g.figure.source for g in groups if g.figure] + [t.source for g in groups for t in g.targets]
    return Slide(
        "final",
        final_title(account, lang),
        account.headline(lang),
        counts=counts,
        rows=rows,
        more=more,
        all_rows=all_rows,
        notes=_notes(cited, sources, lang),
    )


def _more(rows: list[Row], lang: str, what: tuple[str, str]) -> str:
    """'và 3 kế hoạch khác — xem trang Kế hoạch' when a slide's table cannot hold every row; else ''."""
    rest = len(rows) - MAX_FINAL_ROWS
    if rest <= 0:
        return ""
    return fmt.t(
        lang, f"và {rest} {what[0]} khác — xem trang Kế hoạch", f"and {rest} more {what[1]} — see the Plans page"
    )


def plans_slide(metrics: m.Metrics, accounts: list[p.PlanAccount], lang: str) -> Slide | None:
    """The plans under way, one row each with its counts in the province's sentence (the Plans page's words);
    None when the files hold no open plan."""
    if not accounts:
        return None
    rows = []
    for account in accounts:
        plan = account.plan
        counts = account.target_sentence(lang)
        if account.tasks:
            counts += " · " + account.task_sentence(lang)
        label = fmt.plan_label(plan, lang)  # the document number a meeting knows it by; the page has the full name
        rows.append(Row("plan", label, fmt.period(plan.period, lang), "", counts))
    as_of = accounts[0].as_of
    return Slide(
        "final",
        fmt.t(lang, "Các kế hoạch đang thực hiện", "Plans under way"),
        fmt.t(lang, f"Số liệu tính đến ngày {fmt.date(as_of)}", f"Figures as of {fmt.date(as_of)}"),
        rows=tuple(rows[:MAX_FINAL_ROWS]),
        all_rows=tuple(rows),
        more=_more(rows, lang, ("kế hoạch", "plans")),
        notes=_notes([a.plan.document.source for a in accounts], metrics.source_by_id(), lang),
        item_word=("Kế hoạch", "Plan"),
    )


def overdue_slide(accounts: list[p.PlanAccount], lang: str) -> Slide | None:
    """The overdue tasks of the plans under way, for the chair who asks who is late; None when there are none."""
    lines = [x for account in accounts for x in account.overdue]
    if not lines:
        return None
    rows = []
    for line in lines:
        obstacles = line.report.obstacles if line.report is not None and line.report.obstacles else ""
        reason = " · ".join(x for x in (line.status(lang), fmt.plan_label(line.plan, lang), obstacles) if x)
        due = fmt.period(line.due, lang) if line.due is not None else "—"
        rows.append(Row(str(line.state), line.title(lang), line.lead, fmt.t(lang, f"hạn {due}", f"due {due}"), reason))
    as_of = accounts[0].as_of
    return Slide(
        "final",
        fmt.t(lang, "Nhiệm vụ quá hạn", "Overdue tasks"),
        fmt.t(
            lang,
            f"{len(rows)} nhiệm vụ, tính đến ngày {fmt.date(as_of)}",
            f"{len(rows)} tasks, as of {fmt.date(as_of)}",
        ),
        rows=tuple(rows[:MAX_FINAL_ROWS]),
        all_rows=tuple(rows),
        more=_more(rows, lang, ("nhiệm vụ", "tasks")),
        item_word=("Nhiệm vụ", "Task"),
    )


def build_deck(metrics: m.Metrics, progress: dict[str, Progress], lang: str = "vi") -> list[Slide]:
    """The whole deck in order: title, overview, the plans under way and their overdue tasks, the closed period's
    final account, the four pillars, milestones, sources."""
    deck = [title_slide(metrics, lang), overview_slide(metrics, progress, lang)]
    today = clock.today()
    accounts = [p.account_of(metrics, plan, today) for plan in p.open_plans(metrics, today)]  # counted once for both
    deck += [s for s in (plans_slide(metrics, accounts, lang), overdue_slide(accounts, lang)) if s is not None]
    deck.append(final_slide(metrics, lang))
    deck += [pillar_slide(metrics, progress, p, lang) for p in m.Pillar]
    deck.append(milestones_slide(metrics, progress, lang))
    deck.append(sources_slide(metrics, deck, lang))
    return [fit(slide) for slide in deck]
