"""What the Compare page sets side by side: each indicator several regions report. Pure: no Streamlit.

Indicators are grouped by `Indicator.topic_key` (the topic if written, else the id). Within a group every figure
is filed under its definition (`Indicator.definition_of`), and each definition gets a panel of its own, a line
per region: figures measured differently never share a line or an axis, and the group says why they are apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dxkpi.analysis.progress import Progress
from dxkpi.core import fmt
from dxkpi.core import model as m
from dxkpi.reading.regions import Region


@dataclass(frozen=True)
class Entry:
    """One region as compared: its file's last good model and the progress of each of its indicators."""

    region: Region
    metrics: m.Metrics
    progress: Mapping[str, Progress]

    def name(self, lang: str) -> str:
        """The region's name as its file writes it (meta.region, or region_en in English)."""
        meta = self.metrics.meta
        return fmt.fallback(lang, meta.region, meta.region_en)


@dataclass(frozen=True)
class Member:
    """A region's indicator in a group: one row of the group's table."""

    entry: Entry
    indicator: m.Indicator


@dataclass(frozen=True)
class Line:
    """A region's figures (of one indicator) under one definition, oldest first: one line of a panel."""

    entry: Entry
    indicator: m.Indicator
    figures: tuple[m.Observation, ...]


@dataclass(frozen=True)
class Panel:
    """A group's figures under one definition and one unit: one chart, a line per region."""

    definition: str
    lines: tuple[Line, ...]

    @property
    def unit(self) -> m.Unit:
        return self.lines[0].indicator.unit

    @property
    def is_rank(self) -> bool:
        return self.unit is m.Unit.RANK

    @property
    def indicator(self) -> m.Indicator:
        """The indicator whose unit and wording the panel's axis uses (the first line's)."""
        return self.lines[0].indicator

    def label(self, lang: str) -> str:
        """The definition's declared name, else the name of the indicator it stands for."""
        line = self.lines[0]
        return fmt.definition(line.indicator, self.definition, line.entry.metrics.definition_by_id(), lang)

    def note(self, lang: str) -> str | None:
        """How this definition measures: the declared definition's note, else its indicators' definition notes."""
        line = self.lines[0]
        declared = line.entry.metrics.definition_by_id().get(self.definition)
        if declared is not None and (declared.note or declared.note_en):
            return fmt.fallback(lang, declared.note, declared.note_en)
        notes = [fmt.fallback(lang, ln.indicator.definition_note, ln.indicator.definition_note_en) for ln in self.lines]
        kept = list(dict.fromkeys(n for n in notes if n))
        return " ".join(kept) or None

    def regions(self, lang: str) -> list[str]:
        """The names of the regions with a line in the panel, in order."""
        return list(dict.fromkeys(line.entry.name(lang) for line in self.lines))


@dataclass(frozen=True)
class Row:
    """One line of a group's table, as plain text in the reader's language (escape it before any HTML)."""

    region: str
    indicator: str
    figure: str
    period: str
    qualifiers: str
    source: str
    status: str  # a progress.Status value, for the badge's colour
    status_label: str
    definition: str


@dataclass(frozen=True)
class Group:
    """The indicators of one topic that the regions report: their latest figures and their panels."""

    topic: str
    members: tuple[Member, ...]
    panels: tuple[Panel, ...]

    @property
    def regions(self) -> list[str]:
        """The ids of the regions in the group, in order."""
        return list(dict.fromkeys(member.entry.region.id for member in self.members))

    @property
    def definitions(self) -> list[str]:
        """The definitions its figures follow, in order of first appearance."""
        return list(dict.fromkeys(panel.definition for panel in self.panels))

    @property
    def is_rank(self) -> bool:
        """Every figure of the group is a rank (drawn on a rank chart)."""
        return all(panel.is_rank for panel in self.panels)

    def title(self, lang: str) -> str:
        """The names of its indicators, each once: 'Thứ hạng PAPI'; two names where the regions name it apart."""
        return " · ".join(dict.fromkeys(fmt.name(member.indicator, lang) for member in self.members))

    def rows(self, lang: str) -> list[Row]:
        """A row per region's indicator: its latest figure, period, wording, source and status against its targets."""
        rows = []
        for member in self.members:
            ind, entry = member.indicator, member.entry
            latest = ind.latest_figure()
            if latest is None:  # a member always has a figure; kept safe for a hand-built group
                continue
            progress = entry.progress.get(ind.id)
            status = str(progress.status) if progress is not None else "no_data"
            source = entry.metrics.source_by_id().get(latest.source)
            definitions = entry.metrics.definition_by_id()
            rows.append(
                Row(
                    region=entry.name(lang),
                    indicator=fmt.name(ind, lang),
                    figure=fmt.figure(latest, ind, lang),
                    period=fmt.period(latest.period, lang),
                    qualifiers=fmt.qualifier_words(latest.qualifier, lang),
                    source=fmt.source_name(source, latest.source),
                    status=status,
                    status_label=fmt.status_label(status, lang),
                    definition=fmt.definition(ind, ind.definition_of(latest), definitions, lang),
                )
            )
        return rows

    def why_apart(self, lang: str) -> list[str]:
        """Why its figures are on separate charts: a sentence, then each definition with its regions and how it
        measures; empty when every figure follows one definition."""
        definitions = self.definitions
        if len(definitions) < 2:
            return []
        n = len(definitions)
        lines = [
            fmt.t(
                lang,
                f"Không nối thành một đường, không chung một trục: các số liệu này theo {n} định nghĩa khác nhau, "
                "nên mỗi định nghĩa có biểu đồ riêng.",
                f"Never joined into one line or put on one axis: these figures follow {n} different definitions, "
                "so each definition has a chart of its own.",
            )
        ]
        for definition in definitions:
            panels = [p for p in self.panels if p.definition == definition]
            regions = list(dict.fromkeys(name for p in panels for name in p.regions(lang)))
            text = f"{panels[0].label(lang)} ({', '.join(regions)})"
            note = panels[0].note(lang)
            lines.append(f"{text}: {note}" if note else text)
        return lines


def groups(entries: list[Entry], min_regions: int = 2) -> list[Group]:
    """Every topic that at least `min_regions` regions report (an indicator with a figure), in the order the
    regions' files first list it."""
    found: dict[str, list[Member]] = {}
    for entry in entries:
        for ind in entry.metrics.indicators:
            if ind.figures():
                found.setdefault(ind.topic_key, []).append(Member(entry, ind))
    return [
        Group(topic, tuple(members), panels(members))
        for topic, members in found.items()
        if len({member.entry.region.id for member in members}) >= min_regions
    ]


def panels(members: list[Member]) -> tuple[Panel, ...]:
    """The members' figures filed by (definition, unit), a line per region's indicator, in order of appearance."""
    lines: dict[tuple[str, m.Unit], list[Line]] = {}
    for member in members:
        ind = member.indicator
        by_definition: dict[str, list[m.Observation]] = {}
        for obs in ind.figures():
            by_definition.setdefault(ind.definition_of(obs), []).append(obs)
        for definition, figures in by_definition.items():
            lines.setdefault((definition, ind.unit), []).append(Line(member.entry, ind, tuple(figures)))
    return tuple(Panel(definition, tuple(found)) for (definition, _), found in lines.items())
