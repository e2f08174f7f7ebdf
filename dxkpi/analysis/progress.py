"""Progress of each indicator towards its target, by the pace method Open SDG uses (Statistics Canada's).

The method, its thresholds and its edge cases are described in docs/progress-method.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from dxkpi.core import clock, fmt
from dxkpi.core.model import (
    Comparator,
    Direction,
    Indicator,
    Kind,
    Level,
    Metrics,
    MilestoneStatus,
    Observation,
    Qualifier,
    Target,
    Unit,
    in_time_order,
    latest_of,
)

ON_TRACK_MIN = 0.95
AT_RISK_MIN = 0.60


class Status(StrEnum):
    """Where an indicator stands against its target (or, for a milestone, the step it has reached)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    ONE_OBSERVATION = "one_observation"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"
    DONE = "done"
    PILOT = "pilot"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"


@dataclass(frozen=True)
class Progress:
    """One indicator's progress: its status, the figures behind it and a one-sentence reason in both languages."""

    indicator_id: str
    status: Status
    target: Target | None
    latest: Observation | None
    baseline: Observation | None
    share: float | None
    observed_rate: float | None
    required_rate: float | None
    ratio: float | None
    pace: str  # "cagr" | "linear" | "none"
    required_path: tuple[tuple[int, float], ...]
    reason_vi: str
    reason_en: str
    horizon: int | None = None  # set when measured against a later target because earlier ones have passed
    passed: tuple[int, ...] = ()  # the years of the targets that have passed before `horizon`

    def horizon_note(self, lang: str) -> str:
        """'(đo so với mục tiêu 2030; mục tiêu 2025 đã qua: xem trang Tổng kết)', or '' when there is no horizon."""
        if not self.horizon:
            return ""
        years = ", ".join(str(y) for y in self.passed)
        return fmt.t(
            lang,
            f"(đo so với mục tiêu {self.horizon}; mục tiêu {years} đã qua: xem trang Tổng kết)",
            f"(measured against the {self.horizon} target; the {years} target has passed: see the final account)",
        )

    def explained(self, lang: str) -> str:
        """The reason with the horizon note where there is one: what a page or a sheet with room shows."""
        note = self.horizon_note(lang)
        return f"{self.reason(lang)} {note}" if note else self.reason(lang)

    def reason(self, lang: str) -> str:
        """The reason in `lang` ("vi" or "en"); any other language is a ValueError."""
        if lang not in ("vi", "en"):
            raise ValueError(f"unknown language: {lang!r}")
        return fmt.t(lang, self.reason_vi, self.reason_en)


@dataclass(frozen=True)
class _Pace:
    """The required (and, with two years of data, observed) annual rate from the baseline, and the required path."""

    method: str  # "cagr": rates are fractions a year; "linear": rates are units a year
    required: float
    observed: float | None
    path: tuple[tuple[int, float], ...]


_MILESTONE_STATUS = {
    MilestoneStatus.DONE: Status.DONE,
    MilestoneStatus.PILOT: Status.PILOT,
    MilestoneStatus.IN_PROGRESS: Status.IN_PROGRESS,
    MilestoneStatus.PLANNED: Status.PLANNED,
}

_MILESTONE_WORDS = {
    Status.DONE: ("đã hoàn thành", "done"),
    Status.PILOT: ("đang thí điểm", "in pilot"),
    Status.IN_PROGRESS: ("đang triển khai", "in progress"),
    Status.PLANNED: ("đã có kế hoạch", "planned"),
}


# ----- public API -----


def assess_all(metrics: Metrics, as_of: dt.date | None = None) -> dict[str, Progress]:
    """Every indicator's progress as of `as_of` (default today), keyed by indicator id, in file order."""
    as_of = as_of or clock.today()
    return {ind.id: assess(ind, metrics.targets_of(ind), as_of) for ind in metrics.indicators}


def assess(indicator: Indicator, targets: list[Target], as_of: dt.date | None = None) -> Progress:
    """The indicator's progress towards the target `choose_target` picks, counting only figures up to its year.

    `as_of` is the day of the assessment: a target whose year is before it has passed. None assesses as of
    the latest figure."""
    if indicator.kind is Kind.CONTEXT:
        return _plain(indicator, Status.NO_TARGET, None, _latest(indicator), _context_reason())
    target = choose_target(indicator, targets, as_of)
    if indicator.kind is Kind.MILESTONE:
        return _milestone(indicator, target)
    if target is None:
        return _plain(indicator, Status.NO_TARGET, None, _latest(indicator), _untargeted_reason())
    valued = _valued(indicator)
    if not valued:
        return _plain(indicator, Status.NO_DATA, target, None, _no_data_reason())
    series = counted(valued, target)
    if not series:
        return _plain(indicator, Status.NO_DATA, target, None, _only_later_reason(indicator, target, valued[-1]))
    # A target has passed once a later year has data, or once the assessment's year is beyond it.
    now_year = max(valued[-1].period.end_year, as_of.year if as_of else 0)
    # A pace between figures measured two ways would measure the change of method: only the latest's way counts.
    alike = same_definition(indicator, series)
    progress = _measured(indicator, target, alike, now_year)
    if len(alike) < len(series):
        progress = _apart(progress, alike[0])
    passed = _passed_years(targets, target, as_of)
    if not passed:
        return progress
    return _with_horizon(progress, target, passed)


def same_definition(indicator: Indicator, series: list[Observation]) -> list[Observation]:
    """The figures of `series` (in time order) that follow the same definition as its latest one."""
    latest = indicator.definition_of(series[-1])
    return [o for o in series if indicator.definition_of(o) == latest]


def _apart(progress: Progress, first: Observation) -> Progress:
    """The progress, its reason saying that figures of another definition were left out of the pace."""
    since = fmt.period(first.period, "vi"), fmt.period(first.period, "en")
    return dataclasses.replace(
        progress,
        reason_vi=progress.reason_vi + f" (chỉ tính các số cùng định nghĩa với số mới nhất, từ {since[0]})",
        reason_en=progress.reason_en + f" (only figures of the latest figure's definition count, from {since[1]})",
    )


def counted(figures: list[Observation], target: Target) -> list[Observation]:
    """The figures that count toward a target: those whose period ends by the end of the target's year."""
    if target.year is None:
        return figures
    deadline = dt.date(target.year, 12, 31)
    return [o for o in figures if o.period.end <= deadline]


def meets(obs: Observation, target: Target) -> bool:
    """Whether a figure meets the target, reading the source's words: 'gần 96%' is below 96, 'hơn 98%' above 98."""
    value = _value(obs)
    if Qualifier.NEARLY in obs.qualifier and math.isclose(value, target.value):
        return target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
    if Qualifier.OVER in obs.qualifier and math.isclose(value, target.value):
        return target.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN)
    return _meets(value, target)


def choose_target(indicator: Indicator, targets: list[Target], as_of: dt.date | None = None) -> Target | None:
    """The target to measure against: dated first, the nearest year at or after both the latest figure and
    `as_of`'s year (else the last one that has passed), provincial first."""
    dated = [t for t in targets if t.year is not None]
    if not dated:
        return _prefer_provincial(targets)
    since = max(_latest_year(indicator) or 0, as_of.year if as_of else 0)
    ahead = [t for t in dated if _year(t) >= since]
    year = min(_year(t) for t in ahead) if ahead else max(_year(t) for t in dated)
    return _prefer_provincial([t for t in dated if t.year == year])


def _passed_years(targets: list[Target], chosen: Target, as_of: dt.date | None) -> list[int]:
    """Years of dated targets that have passed by `as_of` and come before the chosen one."""
    if as_of is None or chosen.year is None:
        return []
    return sorted({_year(t) for t in targets if t.year is not None and t.year < as_of.year and t.year < chosen.year})


def _with_horizon(progress: Progress, target: Target, passed: list[int]) -> Progress:
    """The progress marked as measured against a later target, the earlier ones having passed."""
    return dataclasses.replace(progress, horizon=target.year, passed=tuple(passed))


# ----- choosing and reading -----


def _year(target: Target) -> int:
    """A dated target's year (callers filter out undated targets first)."""
    assert target.year is not None
    return target.year


def _prefer_provincial(targets: list[Target]) -> Target | None:
    """The first provincial target, else the first target, else None."""
    provincial = [t for t in targets if t.level is Level.PROVINCIAL]
    if provincial:
        return provincial[0]
    return targets[0] if targets else None


def _ordered(observations: list[Observation]) -> list[Observation]:
    """Observations by period end (then start), ties kept in file order."""
    return in_time_order(observations)


def _valued(indicator: Indicator) -> list[Observation]:
    """The observations that carry a value, oldest first."""
    return indicator.figures()


def _latest(indicator: Indicator) -> Observation | None:
    """The latest observation carrying a value or a status, or None."""
    return latest_of([o for o in indicator.observations if o.value is not None or o.status is not None])


def _latest_year(indicator: Indicator) -> int | None:
    """The end year of the latest observation, or None without observations."""
    latest = _latest(indicator)
    return latest.period.end_year if latest else None


def _lower_is_better(indicator: Indicator) -> bool:
    """True for direction down and for ranks (kind or unit rank)."""
    return indicator.direction is Direction.DOWN or indicator.kind is Kind.RANK or indicator.unit is Unit.RANK


def _sign(indicator: Indicator) -> int:
    """+1 when higher is better, -1 when lower is better."""
    return -1 if _lower_is_better(indicator) else 1


def _value(obs: Observation) -> float:
    """A valued observation's value (callers pass only valued observations)."""
    assert obs.value is not None
    return obs.value


# ----- the method -----


def _meets(value: float, target: Target) -> bool:
    """Whether `value` satisfies the target's comparator."""
    if target.comparator is Comparator.AT_LEAST:
        return value >= target.value
    if target.comparator is Comparator.MORE_THAN:
        return value > target.value
    if target.comparator is Comparator.AT_MOST:
        return value <= target.value
    if target.comparator is Comparator.LESS_THAN:
        return value < target.value
    return math.isclose(value, target.value, rel_tol=1e-9, abs_tol=1e-12)


def _share(value: float, target: float, lower_is_better: bool) -> float | None:
    """Share of the target reached: value/target, or target/value when lower is better; None on a zero divisor."""
    numerator, denominator = (target, value) if lower_is_better else (value, target)
    if denominator == 0:
        return None
    return numerator / denominator


def _uses_cagr(baseline: float, latest: float, target: float) -> bool:
    """CAGR is defined only from a positive baseline towards a positive target (and a latest value >= 0)."""
    return baseline > 0 and target > 0 and latest >= 0


def _rate(method: str, start: float, end: float, years: int) -> float:
    """Annual rate from `start` to `end` over `years`: compound growth (fraction) or straight line (units)."""
    if method == "cagr":
        return math.pow(end / start, 1 / years) - 1
    return (end - start) / years


def _path(method: str, start: float, rate: float, t0: int, target: Target, unit: Unit) -> tuple[tuple[int, float], ...]:
    """Required values year by year from the baseline year to the target year; percent kept within [0, 100]."""
    year = _year(target)
    points = []
    for y in range(t0, year + 1):
        value = start * (1 + rate) ** (y - t0) if method == "cagr" else start + rate * (y - t0)
        points.append((y, value))
    points[-1] = (year, target.value)
    if unit is not Unit.PERCENT:
        return tuple(points)
    return tuple((y, min(100.0, max(0.0, v))) for y, v in points)


def _pace(indicator: Indicator, baseline: Observation, latest: Observation, target: Target) -> _Pace | None:
    """The pace from the baseline to a dated target; None unless the target lies ahead of it in time and direction."""
    t0, t1 = baseline.period.end_year, latest.period.end_year
    if target.year is None or target.year <= t0:
        return None
    b, v = _value(baseline), _value(latest)
    method = "cagr" if _uses_cagr(b, v, target.value) else "linear"
    required = _rate(method, b, target.value, target.year - t0)
    if _sign(indicator) * required <= 0:
        return None
    observed = _rate(method, b, v, t1 - t0) if t1 > t0 else None
    return _Pace(method, required, observed, _path(method, b, required, t0, target, indicator.unit))


def _ratio(indicator: Indicator, pace: _Pace | None) -> float | None:
    """Open SDG's R = s * observed / |required|, s = -1 when lower is better; None without an observed rate."""
    if pace is None or pace.observed is None:
        return None
    return _sign(indicator) * pace.observed / abs(pace.required)


def _status_of_ratio(ratio: float) -> Status:
    """on_track at R >= 0.95, at_risk at 0.60 <= R < 0.95, off_track below (including any backward move)."""
    if ratio >= ON_TRACK_MIN:
        return Status.ON_TRACK
    if ratio >= AT_RISK_MIN:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _measured(indicator: Indicator, target: Target, series: list[Observation], now_year: int) -> Progress:
    """Progress of a measured or rank indicator with data and a target."""
    latest = series[-1]
    earliest = series[0]
    baseline = earliest if earliest.period.end_year < latest.period.end_year else latest
    lower = _lower_is_better(indicator)
    pace = _pace(indicator, baseline, latest, target)
    ratio = _ratio(indicator, pace)
    status, (vi, en) = _judge(indicator, target, baseline, latest, pace, ratio, now_year)
    return Progress(
        indicator_id=indicator.id,
        status=status,
        target=target,
        latest=latest,
        baseline=baseline,
        share=_share(_value(latest), target.value, lower),
        observed_rate=pace.observed if pace else None,
        required_rate=pace.required if pace else None,
        ratio=ratio,
        pace=pace.method if pace else "none",
        required_path=pace.path if pace else (),
        reason_vi=vi,
        reason_en=en,
    )


def _judge(
    indicator: Indicator,
    target: Target,
    baseline: Observation,
    latest: Observation,
    pace: _Pace | None,
    ratio: float | None,
    now_year: int,
) -> tuple[Status, tuple[str, str]]:
    """The status and its reason, by the rules in order: achieved, undated, deadline, one year, pace."""
    if meets(latest, target):
        return Status.ACHIEVED, _achieved_reason(indicator, target, latest)
    if target.year is None:
        return Status.ONE_OBSERVATION, _undated_reason(indicator, target, latest)
    if target.year <= latest.period.end_year or target.year < now_year:
        return Status.OFF_TRACK, _deadline_reason(indicator, target, latest)
    if baseline is latest:
        return Status.ONE_OBSERVATION, _one_year_reason(indicator, target, latest)
    if pace is None or ratio is None:
        return Status.OFF_TRACK, _wrong_way_reason(indicator, target, baseline, latest)
    return _status_of_ratio(ratio), _pace_reason(indicator, target, baseline, latest, pace)


def _milestone(indicator: Indicator, target: Target | None) -> Progress:
    """A milestone keeps the status of its latest observation that has one."""
    stepped = _ordered([o for o in indicator.observations if o.status is not None])
    if not stepped:
        return _plain(indicator, Status.NO_DATA, target, None, _no_data_reason())
    latest = stepped[-1]
    assert latest.status is not None
    status = _MILESTONE_STATUS[latest.status]
    vi, en = _MILESTONE_WORDS[status]
    return _plain(indicator, status, target, latest, (f"{vi} ({latest.period.text})", f"{en} ({latest.period.text})"))


def _plain(
    indicator: Indicator, status: Status, target: Target | None, latest: Observation | None, reason: tuple[str, str]
) -> Progress:
    """A progress with no pace: only a status, what it rests on and its reason."""
    return Progress(
        indicator_id=indicator.id,
        status=status,
        target=target,
        latest=latest,
        baseline=None,
        share=None,
        observed_rate=None,
        required_rate=None,
        ratio=None,
        pace="none",
        required_path=(),
        reason_vi=reason[0],
        reason_en=reason[1],
    )


# ----- words -----


def _fmt(value: float, lang: str) -> str:
    """A computed rate, as fmt.rate words it."""
    return fmt.rate(value, lang)


def _amount(indicator: Indicator, value: float, lang: str) -> str:
    """A value with its unit, as fmt.with_unit words it: 80%, hạng 10, 11.500 doanh nghiệp, 0,64 điểm."""
    return fmt.with_unit(value, indicator, lang)


def _target_text(indicator: Indicator, target: Target, lang: str) -> str:
    """The target as a comparison, with its year when it has one: ≥80% (2025), hạng ≤10 (2025)."""
    return fmt.target_short(target, indicator, lang)


def _at(indicator: Indicator, obs: Observation, lang: str) -> str:
    """An observation's figure and when, as fmt.figure_at words it: ~96% (12/2023), 88,9% năm 2023."""
    return fmt.figure_at(obs, indicator, lang)


def _context_reason() -> tuple[str, str]:
    """Reason for a context figure."""
    return "số liệu tham khảo, không có mục tiêu", "context figure, no target"


def _untargeted_reason() -> tuple[str, str]:
    """Reason for a measured indicator that has no target."""
    return "chưa có mục tiêu để đối chiếu", "no target to measure against"


def _only_later_reason(indicator: Indicator, target: Target, later: Observation) -> tuple[str, str]:
    """Reason when every figure is dated after the target's year: none of them counts toward it."""
    return (
        f"chưa có số liệu đến hết năm {target.year}; {_at(indicator, later, 'vi')} là sau hạn "
        f"mục tiêu {_target_text(indicator, target, 'vi')} nên không tính",
        f"no figure up to the end of {target.year}; {_at(indicator, later, 'en')} comes after the "
        f"target {_target_text(indicator, target, 'en')} and does not count",
    )


def _no_data_reason() -> tuple[str, str]:
    """Reason for an indicator without observations."""
    return "chưa có số liệu", "no data yet"


def _achieved_reason(indicator: Indicator, target: Target, latest: Observation) -> tuple[str, str]:
    """Reason for a met target."""
    return (
        f"đã đạt mục tiêu {_target_text(indicator, target, 'vi')}: {_at(indicator, latest, 'vi')}",
        f"target {_target_text(indicator, target, 'en')} met: {_at(indicator, latest, 'en')}",
    )


def _deadline_reason(indicator: Indicator, target: Target, latest: Observation) -> tuple[str, str]:
    """Reason for a target whose year has come without it being met."""
    return (
        f"đã đến hạn mục tiêu {_target_text(indicator, target, 'vi')} mà chưa đạt: {_at(indicator, latest, 'vi')}",
        f"target {_target_text(indicator, target, 'en')} is due and not met: {_at(indicator, latest, 'en')}",
    )


def _undated_reason(indicator: Indicator, target: Target, latest: Observation) -> tuple[str, str]:
    """Reason for a target without a year: no pace, only the share reached."""
    share = _share(_value(latest), target.value, _lower_is_better(indicator))
    vi_share = f", bằng {_fmt(share * 100, 'vi')}% mục tiêu" if share is not None else ""
    en_share = f", {_fmt(share * 100, 'en')}% of the target" if share is not None else ""
    return (
        f"mục tiêu {_target_text(indicator, target, 'vi')} không có năm đích nên chưa tính được tốc độ; "
        f"hiện {_at(indicator, latest, 'vi')}{vi_share}",
        f"target {_target_text(indicator, target, 'en')} has no year, so no pace can be computed; "
        f"{_at(indicator, latest, 'en')}{en_share}",
    )


def _one_year_reason(indicator: Indicator, target: Target, latest: Observation) -> tuple[str, str]:
    """Reason for data from a single year: no observed pace yet."""
    return (
        f"mới có số liệu một năm: {_at(indicator, latest, 'vi')}, chưa tính được tốc độ; "
        f"mục tiêu {_target_text(indicator, target, 'vi')}",
        f"only one year of data: {_at(indicator, latest, 'en')}, no pace yet; "
        f"target {_target_text(indicator, target, 'en')}",
    )


def _wrong_way_reason(
    indicator: Indicator, target: Target, baseline: Observation, latest: Observation
) -> tuple[str, str]:
    """Reason when the baseline was already at or past the target but the latest value does not meet it."""
    return (
        f"chưa đạt mục tiêu {_target_text(indicator, target, 'vi')}: "
        f"{_at(indicator, baseline, 'vi')}, {_at(indicator, latest, 'vi')}",
        f"target {_target_text(indicator, target, 'en')} not met: "
        f"{_at(indicator, baseline, 'en')}, {_at(indicator, latest, 'en')}",
    )


def _pace_reason(
    indicator: Indicator, target: Target, baseline: Observation, latest: Observation, pace: _Pace
) -> tuple[str, str]:
    """Reason comparing the required and observed pace: points a year for percent, places for ranks, else % a year."""
    b, v, t = _value(baseline), _value(latest), target.value
    t0, t1, ty = baseline.period.end_year, latest.period.end_year, _year(target)
    goal_vi = f"để đạt {_amount(indicator, t, 'vi')} vào {ty}"
    goal_en = f"to reach {_amount(indicator, t, 'en')} by {ty}"
    if indicator.unit is Unit.RANK:
        return _places_reason((b - t) / (ty - t0), (b - v) / (t1 - t0), goal_vi, goal_en)
    if indicator.unit is Unit.PERCENT:
        return _per_year_reason((t - b) / (ty - t0), (v - b) / (t1 - t0), " điểm %", " points", "", goal_vi, goal_en)
    if pace.method == "linear":
        assert pace.observed is not None
        return _per_year_reason(pace.required, pace.observed, "", "", "", goal_vi, goal_en)
    assert pace.observed is not None
    return _per_year_reason(pace.required * 100, pace.observed * 100, "%", "%", "%", goal_vi, goal_en)


def _per_year_reason(
    required: float, observed: float, unit_vi: str, unit_en: str, observed_unit: str, goal_vi: str, goal_en: str
) -> tuple[str, str]:
    """'cần tăng 4,2 điểm %/năm để đạt 80% vào 2025; đang tăng 1,1' and its English twin."""
    need_vi = f"cần {'tăng' if required >= 0 else 'giảm'} {_fmt(abs(required), 'vi')}{unit_vi}/năm"
    need_en = f"needs {'+' if required >= 0 else '-'}{_fmt(abs(required), 'en')}{unit_en} a year"
    now_vi, now_en = _moving(observed, observed_unit)
    return f"{need_vi} {goal_vi}; {now_vi}", f"{need_en} {goal_en}; {now_en}"


def _moving(observed: float, unit: str) -> tuple[str, str]:
    """'đang tăng 1,1' / 'rising 1.1', falling, or flat when it rounds to zero; `unit` '%' adds '/năm', 'a year'."""
    if _fmt(abs(observed), "en") == "0":
        return "không đổi", "flat"
    per_vi, per_en = (f"{unit}/năm", f"{unit} a year") if unit else ("", "")
    word_vi, word_en = ("tăng", "rising") if observed > 0 else ("giảm", "falling")
    return (
        f"đang {word_vi} {_fmt(abs(observed), 'vi')}{per_vi}",
        f"{word_en} {_fmt(abs(observed), 'en')}{per_en}",
    )


def _places_reason(required: float, observed: float, goal_vi: str, goal_en: str) -> tuple[str, str]:
    """'cần lên 4,3 bậc/năm để đạt hạng 10 vào 2025; đang lên 8' (places climbed a year) and its English twin."""
    need_vi = f"cần lên {_fmt(required, 'vi')} bậc/năm {goal_vi}"
    need_en = f"needs to climb {_fmt(required, 'en')} places a year {goal_en}"
    if _fmt(abs(observed), "en") == "0":
        return f"{need_vi}; giữ nguyên", f"{need_en}; unchanged"
    word_vi, word_en = ("lên", "climbing") if observed > 0 else ("tụt", "slipping")
    return (
        f"{need_vi}; đang {word_vi} {_fmt(abs(observed), 'vi')}",
        f"{need_en}; {word_en} {_fmt(abs(observed), 'en')}",
    )
