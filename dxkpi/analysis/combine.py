"""The new province's baseline: the former provinces' figures side by side, combined only where arithmetic allows.

For each indicator (matched across the files by its topic, else its id) every former province's figure for the
latest period they all report is set side by side. Counts and money add up; a share combines from its recorded
numerator and denominator. Everything else is refused by a named rule, checked in this order: a milestone; no
figure anywhere or only in some provinces; different units; a rank; a score; different definitions; different
periods; different qualifiers; a share without its parts. A combined figure is a `Combined`, never an
Observation, so nothing can show it as a published one; its `label` always says it is computed and from what.
Pure functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from dxkpi.core import fmt
from dxkpi.core import model as m


class Rule(StrEnum):
    """Why a line is not combined; each has a name and a sentence in both languages (RULES)."""

    MILESTONE = "milestone"
    NO_DATA = "no_data"
    ONLY_ONE = "only_one"
    UNITS = "units"
    RANK = "rank"
    SCORE = "score"
    DEFINITIONS = "definitions"
    PERIODS = "periods"
    QUALIFIERS = "qualifiers"
    NO_PARTS = "no_parts"


class Method(StrEnum):
    SUM = "sum"  # counts and money: the figures add up
    SHARE = "share"  # a share: (n1 + n2) / (d1 + d2)


# The rule's name, (vi, en): what "which rule stopped it" says.
RULE_NAME = {
    Rule.MILESTONE: ("cột mốc", "milestone"),
    Rule.NO_DATA: ("chưa có số liệu", "no data"),
    Rule.ONLY_ONE: ("chỉ một tỉnh có số liệu", "only one province has a figure"),
    Rule.UNITS: ("khác đơn vị", "different units"),
    Rule.RANK: ("thứ hạng", "rank"),
    Rule.SCORE: ("điểm số", "score"),
    Rule.DEFINITIONS: ("khác định nghĩa", "different definitions"),
    Rule.PERIODS: ("khác kỳ", "different periods"),
    Rule.QUALIFIERS: ("khác cách ghi", "different qualifiers"),
    Rule.NO_PARTS: ("tỷ lệ thiếu tử số, mẫu số", "share without its parts"),
}


@dataclass(frozen=True)
class Former:
    """A former province as the baseline reads it: its region id, names and last good model."""

    region: str
    name: str
    name_en: str
    metrics: m.Metrics

    def label(self, lang: str) -> str:
        return fmt.t(lang, self.name, self.name_en)


@dataclass(frozen=True)
class Part:
    """One former province's side of a line: the figure used (if any), where it is from, and its definition."""

    region: str
    name: str
    name_en: str
    indicator: m.Indicator | None  # None when the province's file has no such indicator
    observation: m.Observation | None  # the figure of the shared period, else its latest (a milestone's status)
    source: m.Source | None
    later: m.Observation | None = None  # its latest figure, when newer than the one used

    def label(self, lang: str) -> str:
        return fmt.t(lang, self.name, self.name_en)


@dataclass(frozen=True)
class Combined:
    """A figure computed from the former provinces' figures: always shown as computed, with its inputs."""

    method: Method
    value: float
    period: m.Period
    qualifier: tuple[m.Qualifier, ...]
    parts: tuple[Part, ...]
    numerator: float | None = None  # of a share: the sum of the parts' numerators
    denominator: float | None = None
    out_of: float | None = None  # of a sum of counts "n of N": the sum of the N, when every part gives one

    def figure(self, ind: m.Indicator, lang: str) -> str:
        """'796 thủ tục', '~41,1%': a share is rounded (a division), a sum is exact."""
        rounded = self.method is Method.SHARE
        return fmt.computed(self.value, ind, list(self.qualifier), lang, rounded=rounded, out_of=self.out_of)

    def formula(self, lang: str) -> str:
        """'331 + 465 = 796' or '(731 + 120) / (1.777 + 300) = 41,0%': the arithmetic, on recorded numbers."""
        num = fmt.number
        if self.method is Method.SHARE:
            tops = " + ".join(num(_obs(p).numerator, lang) for p in self.parts)
            bottoms = " + ".join(num(_obs(p).denominator, lang) for p in self.parts)
            return f"({tops}) / ({bottoms}) = {fmt.rate(self.value, lang)}%"
        return " + ".join(num(_obs(p).value, lang) for p in self.parts) + f" = {num(self.value, lang)}"

    def label(self, lang: str) -> str:
        """'Số tính gộp từ Long An và Tây Ninh (cũ), không phải số công bố: 331 + 465 = 796' and its English."""
        names = listing([p.label(lang) for p in self.parts], lang)
        return fmt.t(
            lang,
            f"Số tính gộp từ {names}, không phải số công bố: {self.formula(lang)}",
            f"Computed from {names}, not a published figure: {self.formula(lang)}",
        )


@dataclass(frozen=True)
class Refusal:
    """Not combined, and the rule that stopped it."""

    rule: Rule


@dataclass(frozen=True)
class Line:
    """One indicator of the baseline: every former province's part and the verdict."""

    key: str  # the topic (or id) the parts were matched by
    indicator: m.Indicator  # as the new province's file has it, else the first former province's
    parts: tuple[Part, ...]
    verdict: Combined | Refusal
    definitions: tuple[m.Definition, ...] = ()  # the shared definitions, to name them in a sentence

    @property
    def combined(self) -> bool:
        return isinstance(self.verdict, Combined)

    def explain(self, lang: str) -> str:
        """The combined figure's label, or the sentence naming the rule that stopped it."""
        if isinstance(self.verdict, Combined):
            return self.verdict.label(lang)
        return refusal_sentence(self.verdict.rule, self.parts, lang, {d.id: d for d in self.definitions})


def _obs(part: Part) -> m.Observation:
    assert part.observation is not None  # a Combined is only made from parts with figures
    return part.observation


def listing(items: list[str], lang: str) -> str:
    """'A và B', 'A, B và C' / 'A and B'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {fmt.t(lang, 'và', 'and')} {items[-1]}"


def refusal_sentence(rule: Rule, parts: Sequence[Part], lang: str, definitions: dict[str, m.Definition]) -> str:
    """'Không gộp — quy tắc “thứ hạng”: …' / 'Not combined — rule “rank”: …', with each province's detail."""
    vi, en = RULE_NAME[rule]
    head = fmt.t(lang, f"Không gộp — quy tắc “{vi}”: ", f"Not combined — rule “{en}”: ")
    return head + _why(rule, parts, lang, definitions)


def _each(parts: Sequence[Part], lang: str, say: Callable[[Part], str]) -> str:
    """'Long An: 2023; Tây Ninh (cũ): 04/2021': a detail per province."""
    return "; ".join(f"{p.label(lang)}: {say(p)}" for p in parts)


def _why(rule: Rule, parts: Sequence[Part], lang: str, definitions: dict[str, m.Definition]) -> str:
    t = fmt.t
    with_figure = [p.label(lang) for p in parts if p.observation is not None and p.observation.value is not None]
    without = [p.label(lang) for p in parts if p.observation is None or p.observation.value is None]
    if rule is Rule.MILESTONE:
        return t(
            lang,
            "cột mốc là một trạng thái (đã xong, đang làm…), không phải con số để cộng.",
            "a milestone is a status (done, in progress…), not a number to add.",
        )
    if rule is Rule.NO_DATA:
        return t(lang, "chưa tỉnh cũ nào có số liệu.", "no former province has a figure.")
    if rule is Rule.ONLY_ONE:
        return t(
            lang,
            f"chỉ {listing(with_figure, lang)} có số liệu; {listing(without, lang)} không có, nên không có tổng.",
            f"only {listing(with_figure, lang)} has a figure; {listing(without, lang)} has none, so there is no total.",
        )
    if rule is Rule.UNITS:
        units = _each(parts, lang, lambda p: _unit(p.indicator, lang) if p.indicator else "—")
        return t(lang, f"hai số liệu khác đơn vị ({units}).", f"the figures are in different units ({units}).")
    if rule is Rule.RANK:
        return t(
            lang,
            "thứ hạng không cộng hay lấy trung bình được; tỉnh mới sẽ được xếp hạng riêng.",
            "a rank cannot be added or averaged; the new province will be ranked on its own.",
        )
    if rule is Rule.SCORE:
        keys = [p.indicator.definition_of(p.observation) for p in parts if p.indicator and p.observation]
        if any(k in definitions and definitions[k].merger_rule for k in keys):
            return t(
                lang,
                "điểm không cộng được; số của tỉnh mới theo quy tắc công bố ở trên (từ các chỉ số chính, không từ "
                "điểm tổng).",
                "a score is not added; the new province's figure follows the published rule above (from the main "
                "indices, not the total scores).",
            )
        return t(
            lang,
            "điểm của một bộ chỉ số không cộng được, và trung bình điểm hai tỉnh không phải điểm của tỉnh mới.",
            "an index score cannot be added, and the average of two provinces' scores is not the new province's.",
        )
    if rule is Rule.DEFINITIONS:
        names = _each(parts, lang, lambda p: _definition(p, lang, definitions))
        return t(
            lang,
            f"hai tỉnh đo theo định nghĩa khác nhau ({names}).",
            f"the provinces measure it differently ({names}).",
        )
    if rule is Rule.PERIODS:
        periods = _each(parts, lang, lambda p: fmt.period(_obs(p).period, lang))
        return t(
            lang,
            f"không có kỳ nào cả hai tỉnh cùng có số liệu ({periods}).",
            f"there is no period for which both provinces have a figure ({periods}).",
        )
    if rule is Rule.QUALIFIERS:
        none = t(lang, "không có", "none")
        words = _each(
            parts, lang, lambda p: f"“{fmt.qualifier_words(_obs(p).qualifier, lang)}”" if _obs(p).qualifier else none
        )
        return t(
            lang,
            f"nguồn ghi số liệu khác nhau ({words}); cộng lại sẽ không biết tổng là ước hay chính xác.",
            f"the sources word the figures differently ({words}); a total would be neither estimate nor exact.",
        )
    # Rule.NO_PARTS
    missing = [p.label(lang) for p in parts if not _has_parts(_obs(p))]
    return t(
        lang,
        f"tỷ lệ chỉ gộp được từ tử số và mẫu số của mọi tỉnh; chưa ghi cho {listing(missing, lang)}.",
        f"a share combines only from every province's numerator and denominator; none recorded for "
        f"{listing(missing, lang)}.",
    )


def _unit(ind: m.Indicator, lang: str) -> str:
    return fmt.unit_label(ind, lang) or ind.unit.value


def _definition(part: Part, lang: str, definitions: dict[str, m.Definition]) -> str:
    """The definition's short name if the shared definitions know it, else its id (the indicator's, by default)."""
    if part.indicator is None or part.observation is None:
        return "—"
    key = part.indicator.definition_of(part.observation)
    known = definitions.get(key)
    if known is None:
        return key
    return fmt.t(lang, known.name, known.name_en)


def _has_parts(obs: m.Observation) -> bool:
    return obs.numerator is not None and obs.denominator is not None


def _period_key(obs: m.Observation) -> tuple[object, object]:
    return obs.period.start, obs.period.end


def _dec(value: float | None) -> Decimal:
    """A recorded number as written (0.1 stays 0.1), so a sum has no binary rounding in it."""
    return Decimal(repr(float(value or 0)))


def judge(sides: Sequence[tuple[Former, m.Indicator | None]]) -> tuple[tuple[Part, ...], Combined | Refusal]:
    """Every former province's part for one indicator and the verdict, by the rules in the module docstring."""
    indicators = [ind for _, ind in sides if ind is not None]
    if any(ind.kind is m.Kind.MILESTONE for ind in indicators):
        parts = tuple(_part(f, ind, ind.latest_observation() if ind else None) for f, ind in sides)
        return parts, Refusal(Rule.MILESTONE)
    latest = [(f, ind, ind.latest_figure() if ind else None) for f, ind in sides]
    parts = tuple(_part(f, ind, obs) for f, ind, obs in latest)
    having = [obs for _, _, obs in latest if obs is not None]
    if not having:
        return parts, Refusal(Rule.NO_DATA)
    if len(having) < len(sides):
        return parts, Refusal(Rule.ONLY_ONE)
    real = [ind for _, ind in sides if ind is not None]  # every side has a figure, hence an indicator
    if len({ind.unit for ind in real}) > 1 or len({ind.unit_label for ind in real if ind.unit_label}) > 1:
        return parts, Refusal(Rule.UNITS)
    first = real[0]
    if first.unit is m.Unit.RANK or any(ind.kind is m.Kind.RANK for ind in real):
        return parts, Refusal(Rule.RANK)
    if first.unit is m.Unit.SCORE:
        return parts, Refusal(Rule.SCORE)
    shared = _latest_shared_period(real)
    if shared is not None:
        chosen = [next(o for o in reversed(ind.figures()) if _period_key(o) == shared) for ind in real]
        parts = tuple(_part(f, ind, obs) for (f, ind), obs in zip(sides, chosen, strict=True))
    else:
        chosen = [obs for _, _, obs in latest if obs is not None]
    if len({ind.definition_of(obs) for ind, obs in zip(real, chosen, strict=True)}) > 1:
        return parts, Refusal(Rule.DEFINITIONS)
    if shared is None:
        return parts, Refusal(Rule.PERIODS)
    if len({frozenset(obs.qualifier) for obs in chosen}) > 1:
        return parts, Refusal(Rule.QUALIFIERS)
    qualifier = tuple(q for q in m.Qualifier if q in chosen[0].qualifier)
    period = chosen[0].period
    if first.unit is m.Unit.PERCENT:
        if not all(_has_parts(obs) for obs in chosen):
            return parts, Refusal(Rule.NO_PARTS)
        top = sum((_dec(obs.numerator) for obs in chosen), Decimal(0))
        bottom = sum((_dec(obs.denominator) for obs in chosen), Decimal(0))
        value = float(100 * top / bottom)
        return parts, Combined(Method.SHARE, value, period, qualifier, parts, float(top), float(bottom))
    total = float(sum((_dec(obs.value) for obs in chosen), Decimal(0)))
    out_of = None
    if all(obs.out_of is not None for obs in chosen):
        out_of = float(sum((_dec(obs.out_of) for obs in chosen), Decimal(0)))
    return parts, Combined(Method.SUM, total, period, qualifier, parts, out_of=out_of)


def _latest_shared_period(indicators: Sequence[m.Indicator]) -> tuple[object, object] | None:
    """The latest (end, then start) period for which every indicator has a figure, or None."""
    common = set.intersection(*({_period_key(o) for o in ind.figures()} for ind in indicators))
    if not common:
        return None
    return max(common, key=lambda key: (key[1], key[0]))  # type: ignore[no-any-return]


def _part(former: Former, ind: m.Indicator | None, obs: m.Observation | None) -> Part:
    source = former.metrics.source_by_id().get(obs.source) if obs is not None else None
    latest = ind.latest_figure() if ind is not None else None
    later = latest if latest is not None and obs is not None and latest is not obs and obs.value is not None else None
    return Part(former.region, former.name, former.name_en, ind, obs, source, later)


def _pick(metrics: m.Metrics, key: str) -> m.Indicator | None:
    """The file's indicator for a topic: the one whose id is the key, else the first on that topic."""
    on_topic = [ind for ind in metrics.indicators if ind.topic_key == key]
    return next((ind for ind in on_topic if ind.id == key), on_topic[0] if on_topic else None)


def baseline(new: m.Metrics | None, formers: Sequence[Former]) -> list[Line]:
    """A line per indicator topic in the new province's file or any former one's: the new file's order first.

    Indicators are matched across files by topic (an indicator's topic, else its id), so a 'level 4' share and a
    'full-process' share of the same topic meet on one line and are refused for their definitions. An
    indicator left over (a second one on the same topic in one file) gets a line of its own, matched by id."""
    files = ([new] if new is not None else []) + [f.metrics for f in formers]
    keys = list(dict.fromkeys(ind.topic_key for metrics in files for ind in metrics.indicators))
    definitions = tuple({d.id: d for metrics in files for d in metrics.definitions}.values())
    lines: list[Line] = []
    used: set[tuple[int, str]] = set()
    for key in keys:
        sides = [(f, _pick(f.metrics, key)) for f in formers]
        mine = _pick(new, key) if new is not None else None
        lines.append(_line(key, mine, sides, definitions))
        used |= {(i, ind.id) for i, (_, ind) in enumerate(sides) if ind is not None}
    for i, former in enumerate(formers):
        for ind in former.metrics.indicators:
            if (i, ind.id) in used:
                continue
            sides = [(f, next((x for x in f.metrics.indicators if x.id == ind.id), None)) for f in formers]
            used |= {(j, x.id) for j, (_, x) in enumerate(sides) if x is not None}
            lines.append(_line(ind.id, None, sides, definitions))
    return lines


def _line(
    key: str,
    mine: m.Indicator | None,
    sides: list[tuple[Former, m.Indicator | None]],
    definitions: tuple[m.Definition, ...],
) -> Line:
    parts, verdict = judge(sides)
    shown = mine or next((ind for _, ind in sides if ind is not None), None)
    assert shown is not None  # the key came from one of the files
    return Line(key, shown, parts, verdict, definitions)


# ----- a published merger rule (the DTI's): stated, the ministry's figure shown, computed only from every input -----


@dataclass(frozen=True)
class Input:
    """One main index of one former province: the figure recorded under the rule's definition, if any."""

    former: str  # the former province's name, in the reader's language at the time of use
    former_en: str
    index: str  # the main index's indicator id
    indicator: m.Indicator | None
    observation: m.Observation | None


@dataclass(frozen=True)
class Merger:
    """A definition whose publisher states how a merged province's figure is made (the DTI: the mean of the former
    provinces' main indices): the rule, the figure the publisher gave the new province (if any) and, only when every
    main index of every former province is recorded for one period, each index's mean computed by that rule."""

    indicator: m.Indicator  # the new province's indicator under this definition
    definition: m.Definition
    published: m.Observation | None
    inputs: tuple[Input, ...]
    means: tuple[tuple[str, float], ...] | None  # (index id, mean of the former provinces), when computed
    period: m.Period | None

    def rule(self, lang: str) -> str:
        return fmt.fallback(lang, self.definition.merger_rule, self.definition.merger_rule_en) or ""

    def recorded(self, former: str) -> int:
        return sum(1 for i in self.inputs if i.former == former and i.observation is not None)


def mergers(new: m.Metrics, formers: Sequence[Former]) -> list[Merger]:
    """Every indicator of the new province whose definition carries a merger rule, in file order."""
    definitions = new.definition_by_id()
    out = []
    for ind in new.indicators:
        definition = definitions.get(ind.definition or "")
        if definition is None or not definition.merger_rule:
            continue
        published = m.latest_of([o for o in ind.figures() if ind.definition_of(o) == definition.id])
        inputs = []
        for former in formers:
            by_id = {i.id: i for i in former.metrics.indicators}
            for index in definition.main_indices:
                found = by_id.get(index)
                figures = [o for o in found.figures() if found.definition_of(o) == definition.id] if found else []
                inputs.append(Input(former.name, former.name_en, index, found, m.latest_of(figures)))
        means, period = _means(definition, inputs)
        out.append(Merger(ind, definition, published, tuple(inputs), means, period))
    return out


def _means(
    definition: m.Definition, inputs: list[Input]
) -> tuple[tuple[tuple[str, float], ...] | None, m.Period | None]:
    """Each main index's mean over the former provinces, when every input is recorded for one and the same period."""
    observations = [i.observation for i in inputs]
    if not definition.main_indices or any(o is None or o.value is None for o in observations):
        return None, None
    periods = {(o.period.start, o.period.end) for o in observations if o is not None}
    if len(periods) != 1:
        return None, None
    means = []
    for index in definition.main_indices:
        values = [i.observation.value for i in inputs if i.index == index and i.observation is not None]
        means.append((index, sum(v for v in values if v is not None) / len(values)))
    first = observations[0]
    assert first is not None
    return tuple(means), first.period
