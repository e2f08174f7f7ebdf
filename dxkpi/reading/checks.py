"""Checks across the whole model, once it is read: ids, references, ranges, contradictions (errors) and warnings.

Every problem has the file, line and column of the field it is about, kept in the model's `pos`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dxkpi.core import model as m
from dxkpi.reading.problems import Problem, suggest


def check(metrics: m.Metrics, filename: str, problems: list[Problem], files: dict[int, str]) -> None:
    """Problems that only the whole model shows: ids, references, ranges and contradictions."""

    def add(obj: Any, key: str, path: str, code: str, **params: object) -> None:
        line, col = obj.pos.get(key, obj.pos.get("", (1, 1)))
        problems.append(Problem(files.get(id(obj), filename), line, col, path, code, params))

    _unique(metrics.sources, "sources", ("nguồn", "source"), add)
    _unique([t for t in metrics.targets if t.id], "targets", ("mục tiêu", "target"), add)
    _unique(metrics.indicators, "indicators", ("chỉ tiêu", "indicator"), add)
    _unique(metrics.definitions, "definitions", ("định nghĩa", "definition"), add)
    _unique(metrics.plans, "plans", ("kế hoạch", "plan"), add)
    _unique([t for p in metrics.plans for t in p.tasks], "tasks", ("nhiệm vụ", "task"), add)
    if not metrics.indicators:
        line, col = metrics.pos.get("indicators", metrics.pos.get("", (1, 1)))
        problems.append(Problem(filename, line, col, "indicators", "no_indicators", {}))
    source_ids = {s.id for s in metrics.sources}
    shared = metrics.target_by_id()
    indicator_ids = [i.id for i in metrics.indicators]
    for i, key in enumerate(metrics.meta.key_figures if "!" not in metrics.meta.pos else []):
        if key not in indicator_ids:
            line, col = metrics.meta.pos.get("key_figures", (1, 1))
            params = {"value": key, **suggest(key, indicator_ids)}
            problems.append(Problem(filename, line, col, f"meta.key_figures[{i}]", "unknown_indicator", params))

    def check_source(obj: Any, path: str) -> None:
        if "source" in obj.pos and obj.source not in source_ids:
            add(obj, "source", f"{path}.source", "unknown_source", value=obj.source, **suggest(obj.source, source_ids))

    _check_national(metrics, check_source, add, shared=lambda obj: id(obj) in files)
    definition_ids = {d.id for d in metrics.definitions}
    for d in metrics.definitions:
        if d.source is not None:
            check_source(d, f"definitions[{d.id}]")
        if d.merger_source is not None and d.merger_source not in source_ids:
            add(
                d,
                "merger_source",
                f"definitions[{d.id}].merger_source",
                "unknown_source",
                value=d.merger_source,
                **suggest(d.merger_source, source_ids),
            )

    def check_definition(obj: Any, path: str) -> None:
        if obj.definition is not None and obj.definition not in definition_ids:
            add(
                obj,
                "definition",
                f"{path}.definition",
                "unknown_definition",
                value=obj.definition,
                **suggest(obj.definition, definition_ids),
            )

    for ind in metrics.indicators:
        check_definition(ind, f"indicators[{ind.id}]")
        for i, obs in enumerate(ind.observations):
            check_definition(obs, f"indicators[{ind.id}].observations[{i}]")
    plan_ids = [p.id for p in metrics.plans]

    def check_plan(obj: Any, path: str) -> None:
        if obj.plan is not None and obj.plan not in plan_ids:
            add(obj, "plan", f"{path}.plan", "unknown_plan", value=obj.plan, **suggest(obj.plan, plan_ids))

    def check_target(target: m.Target, path: str) -> None:
        check_source(target, path)
        check_plan(target, path)
        _check_target_year(target, path, add)
        for j, judged in enumerate(target.assessed):
            if judged.source is not None:
                check_source(judged, f"{path}.assessed[{j}]")

    _check_plans(metrics.plans, check_source, add)
    target: m.Target | m.TargetRef  # a shared target, or an indicator's own or reference to one
    for i, target in enumerate(metrics.targets):
        check_target(target, f"targets[{target.id or i}]")
    for ind in metrics.indicators:
        base = f"indicators[{ind.id}]"
        check_plan(ind, base)
        if "!" not in ind.pos:
            _check_indicator(ind, base, add)
        _check_observations(ind, ind.observations, f"{base}.observations", check_source, add)
        for i, target in enumerate(ind.targets):
            path = f"{base}.targets[{i}]"
            if isinstance(target, m.TargetRef):
                if target.ref not in shared:
                    add(target, "ref", f"{path}.ref", "unknown_target", value=target.ref, **suggest(target.ref, shared))
                    continue
                target = shared[target.ref]
            else:
                check_target(target, path)
            if "!" not in target.pos and "!" not in ind.pos:
                _check_value(ind, target, path, add)
                _check_direction(ind, target, path, add)


def _check_observations(
    ind: m.Indicator,
    observations: list[m.Observation],
    base: str,
    check_source: Callable[[Any, str], None],
    add: Callable[..., None],
) -> None:
    """Each observation's sources and value, and no two figures for one period under one definition (which would
    one page show?); two definitions' figures of one period are two lines (the national and the provincial DTI)."""
    first: dict[tuple[Any, Any, str], m.Observation] = {}
    for i, obs in enumerate(observations):
        path = f"{base}[{i}]"
        check_source(obs, path)
        for j, cite in enumerate(obs.also):
            check_source(cite, f"{path}.also[{j}]")
        for j, claim in enumerate(obs.claims):
            check_source(claim, f"{path}.claims[{j}]")
        _check_observation(ind, obs, path, add)
        if "period" not in obs.pos or obs.period is None:
            continue
        key = (obs.period.start, obs.period.end, ind.definition_of(obs))
        if key in first:
            add(
                obs,
                "period",
                f"{path}.period",
                "duplicate_period",
                text=obs.period.text,
                first_line=first[key].pos["period"][0],
            )
        else:
            first[key] = obs


def _check_national(
    metrics: m.Metrics,
    check_source: Callable[[Any, str], None],
    add: Callable[..., None],
    shared: Callable[[Any], bool] = lambda obj: False,
) -> None:
    """Each national series names an indicator of this file and holds figures valid for its unit. A series from a
    shared file (data/national-series.yaml) may name an indicator only some regions have: this one is left out."""
    by_id = {i.id: i for i in metrics.indicators}
    ids = list(by_id)
    seen: dict[str, m.NationalSeries] = {}
    for n, series in enumerate(metrics.national):
        base = f"national[{series.indicator or n}]"
        ind = by_id.get(series.indicator)
        if ind is None:
            if "indicator" in series.pos and not shared(series):
                add(
                    series,
                    "indicator",
                    f"{base}.indicator",
                    "unknown_indicator",
                    value=series.indicator,
                    **suggest(series.indicator, ids),
                )
            continue
        if series.indicator in seen:
            line = seen[series.indicator].pos.get("indicator", (0, 0))[0]
            add(series, "indicator", f"{base}.indicator", "duplicate_national", id=series.indicator, first_line=line)
            continue
        seen[series.indicator] = series
        _check_observations(ind, series.observations, f"{base}.observations", check_source, add)


def _named_in_notes(metrics: m.Metrics) -> set[str]:
    """Source ids a note names ("nguồn S18", "Cũng nêu trong S3, S4"): such a source backs a definition or a note."""
    texts = [metrics.meta.region_note, metrics.meta.region_note_en]
    for ind in metrics.indicators:
        texts += [ind.definition_note, ind.definition_note_en]
        for obs in ind.observations:
            texts += [obs.note, obs.note_en, *(c.note for c in obs.also), *(c.note_en for c in obs.also)]
            texts += [*(c.note for c in obs.claims), *(c.note_en for c in obs.claims)]
        texts += [t.note for t in ind.targets if isinstance(t, m.Target)]
        texts += [t.note_en for t in ind.targets if isinstance(t, m.Target)]
    texts += [t.note for t in metrics.targets] + [t.note_en for t in metrics.targets]
    texts += [s.note for s in metrics.national] + [s.note_en for s in metrics.national]
    words = set()
    for text in texts:
        if text:
            words.update(re.findall(r"[\w-]+", text))
    return words


# A figure is "much older" than its indicator's others when it ends more than this many years before
# the next one: a whole five-year plan apart, which in this file is most often a mistyped year.
OLD_FIGURE_YEARS = 5


def warn(metrics: m.Metrics, filename: str, problems: list[Problem], files: dict[int, str]) -> None:
    """Warnings: shown beside the data, never in place of it (a source nobody cites, a far older figure)."""
    observations = [o for i in metrics.indicators for o in i.observations]
    observations += [o for series in metrics.national for o in series.observations]
    cited = {o.source for o in observations} | {c.source for o in observations for c in o.also}
    cited |= {c.source for o in observations for c in o.claims}
    cited |= {t.source for t in metrics.targets}
    cited |= {d.source for d in metrics.definitions if d.source}
    cited |= {d.merger_source for d in metrics.definitions if d.merger_source}
    cited |= {t.source for i in metrics.indicators for t in i.targets if isinstance(t, m.Target)}
    named = _named_in_notes(metrics)
    for source in metrics.sources:
        # A source from an included file is shared by several regions' files: one of them not citing it is normal.
        if id(source) in files:
            continue
        if source.id is not None and source.id not in cited and source.id not in named:
            line, col = source.pos.get("id", source.pos.get("", (1, 1)))
            where = files.get(id(source), filename)
            problems.append(Problem(where, line, col, f"sources[{source.id}]", "unused_source", {"id": source.id}))
    for ind in metrics.indicators:
        if ind.kind is m.Kind.MILESTONE:
            continue
        figures = [(o.period.end, i, o) for i, o in enumerate(ind.observations) if o.period is not None]
        dated = sorted(figures, key=lambda x: x[0])
        gaps = [k for k in range(len(dated) - 1) if dated[k + 1][0].year - dated[k][0].year > OLD_FIGURE_YEARS]
        if not gaps:
            continue
        after = dated[gaps[-1] + 1][2]
        for end, i, obs in dated[: gaps[-1] + 1]:
            line, col = obs.pos.get("period", obs.pos.get("", (1, 1)))
            years = after.period.end.year - end.year
            params = {"period": obs.period.text, "next_period": after.period.text, "years": years}
            path = f"indicators[{ind.id}].observations[{i}].period"
            problems.append(Problem(filename, line, col, path, "old_figure", params))


def _unique(items: list[Any], section: str, what: tuple[str, str], add: Callable[..., None]) -> None:
    first: dict[str, Any] = {}
    for item in items:
        if item.id is None:
            continue
        if item.id in first:
            line = first[item.id].pos.get("id", (0, 0))[0]
            add(
                item,
                "id",
                f"{section}[{item.id}].id",
                "duplicate_id",
                id=item.id,
                first_line=line,
                what_vi=what[0],
                what_en=what[1],
            )
        else:
            first[item.id] = item


def _check_indicator(ind: m.Indicator, path: str, add: Callable[..., None]) -> None:
    if ind.kind is m.Kind.RANK and (ind.unit is not m.Unit.RANK or ind.direction is not m.Direction.DOWN):
        add(ind, "kind", f"{path}.kind", "rank_kind")
    if ind.kind is m.Kind.CONTEXT and ind.targets:
        add(ind, "targets", f"{path}.targets", "context_target")


def _check_target_year(target: m.Target, path: str, add: Callable[..., None]) -> None:
    if "year" in target.pos and "span" in target.pos:
        add(target, "span", f"{path}.span", "span_and_year")
        return
    if target.year is not None and not 2020 <= target.year <= 2030:
        key = "year" if "year" in target.pos else "span"
        add(target, key, f"{path}.{key}", "year_range", value=target.year)


def _check_plans(plans: list[m.Plan], check_source: Callable[[Any, str], None], add: Callable[..., None]) -> None:
    """Each plan's document and each task report's source exist; a task not carried out says why."""
    for plan in plans:
        base = f"plans[{plan.id}]"
        if isinstance(plan.document, m.Document):
            check_source(plan.document, f"{base}.document")
        for task in plan.tasks:
            for j, report in enumerate(task.reports):
                path = f"{base}.tasks[{task.id}].reports[{j}]"
                if report.source is not None:
                    check_source(report, path)
                if report.status is m.TaskStatus.NOT_CARRIED_OUT and not report.reason and "!" not in report.pos:
                    add(report, "status", f"{path}.reason", "reason_required", status=report.status.value)


def _check_observation(ind: m.Indicator, obs: m.Observation, path: str, add: Callable[..., None]) -> None:
    if "!" in obs.pos or "!" in ind.pos:
        return
    if ind.kind is m.Kind.MILESTONE:
        if obs.status is None or obs.value is not None:
            add(obs, "value" if obs.value is not None else "", path, "milestone_needs_status")
        return
    if obs.value is None or obs.status is not None:
        add(obs, "status" if obs.status is not None else "", path, "figure_needs_value")
        return
    _check_value(ind, obs, path, add)
    _check_share_parts(ind, obs, path, add)


def _decimals(value: float) -> int:
    """How many decimals a recorded number was written with (41.11 -> 2), as far as a float tells."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _check_share_parts(ind: m.Indicator, obs: m.Observation, path: str, add: Callable[..., None]) -> None:
    """A share's numerator and denominator come together, on a percent, and agree with its value as rounded."""
    n, d = obs.numerator, obs.denominator
    if n is None and d is None:
        return
    key = "numerator" if n is not None else "denominator"
    if ind.unit is not m.Unit.PERCENT:
        add(obs, key, f"{path}.{key}", "share_not_percent", unit=ind.unit.value)
        return
    if n is None or d is None:
        missing = "denominator" if n is not None else "numerator"
        add(obs, key, f"{path}.{missing}", "share_part_missing", missing=missing, given=key)
        return
    if d <= 0 or n < 0 or n > d:
        add(obs, "denominator", f"{path}.denominator", "share_parts_range", numerator=n, denominator=d)
        return
    share = 100 * n / d
    tolerance = 0.5 * 10 ** -_decimals(obs.value or 0) + 1e-9
    if obs.value is not None and abs(share - obs.value) > tolerance:
        add(
            obs,
            "numerator",
            f"{path}.numerator",
            "share_mismatch",
            numerator=n,
            denominator=d,
            share=share,
            value=obs.value,
        )


_WHAT_CANNOT_BE_NEGATIVE = {
    m.Unit.COUNT: ("số đếm", "count"),
    m.Unit.BILLION_VND: ("số tiền", "sum of money"),
    m.Unit.SCORE: ("điểm số", "score"),
}


def _check_value(ind: m.Indicator, obj: Any, path: str, add: Callable[..., None]) -> None:
    value = obj.value
    if value is None:
        return
    where = f"{path}.value"
    if ind.unit is m.Unit.PERCENT and not 0 <= value <= 100:
        add(obj, "value", where, "percent_range", value=value)
    elif ind.unit is m.Unit.RANK and (value < 1 or value != int(value)):
        add(obj, "value", where, "rank_range", value=value)
    elif ind.unit in _WHAT_CANNOT_BE_NEGATIVE and value < 0:
        what_vi, what_en = _WHAT_CANNOT_BE_NEGATIVE[ind.unit]
        add(obj, "value", where, "negative", value=value, what_vi=what_vi, what_en=what_en)


_RAISING = {m.Comparator.AT_LEAST, m.Comparator.MORE_THAN}
_LOWERING = {m.Comparator.AT_MOST, m.Comparator.LESS_THAN}


def _check_direction(ind: m.Indicator, target: m.Target, path: str, add: Callable[..., None]) -> None:
    up = ind.direction is m.Direction.UP
    if (up and target.comparator in _LOWERING) or (not up and target.comparator in _RAISING):
        add(
            target,
            "comparator",
            f"{path}.comparator",
            "target_direction",
            comparator=target.comparator.value,
            direction=ind.direction.value,
            why_vi="chỉ tiêu càng cao càng tốt cần 'at_least'" if up else "chỉ tiêu càng thấp càng tốt cần 'at_most'",
            why_en="a higher-is-better indicator needs 'at_least'"
            if up
            else "a lower-is-better indicator needs 'at_most'",
        )
