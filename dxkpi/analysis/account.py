"""The final account of the last closed programme period: every target dated in its last year, met or not.

The period comes from the plans in the files (the most recent national plan that has ended: 749/QĐ-TTg's
2021–2025 in 2026), never from the code.

The rules (docs/progress-method.md, "The final account"): for each target dated `year`, the figure that counts
is the last one whose period ends by 31 December of that year; a figure dated later never counts toward it.
With such a figure the target is achieved or not achieved; without one it is not measured. Pure functions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from dxkpi.analysis.plans import closed_year
from dxkpi.analysis.progress import counted, meets
from dxkpi.core import clock, fmt
from dxkpi.core import model as m


class Outcome(StrEnum):
    """How a target of the period ended; the values are fmt.STATUS_STYLE keys."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NOT_MEASURED = "not_measured"


@dataclass(frozen=True)
class Line:
    """One target of the period: the figure that counts (if any) and the outcome, with the sentence saying why."""

    indicator: m.Indicator
    target: m.Target
    outcome: Outcome
    figure: m.Observation | None  # the last figure at or before the end of the target year
    later: m.Observation | None  # the latest figure dated after it: shown, never counted
    national: m.Observation | None  # the country's figure for the same indicator, for reference
    sentence_vi: str
    sentence_en: str

    def sentence(self, lang: str) -> str:
        return fmt.t(lang, self.sentence_vi, self.sentence_en)


@dataclass(frozen=True)
class Group:
    """The targets of one indicator that ended the same way on the same figure: one row on a page or slide."""

    indicator: m.Indicator
    targets: tuple[m.Target, ...]
    outcome: Outcome
    figure: m.Observation | None
    later: m.Observation | None
    national: m.Observation | None
    sentence_vi: str
    sentence_en: str

    def sentence(self, lang: str) -> str:
        return fmt.t(lang, self.sentence_vi, self.sentence_en)


@dataclass(frozen=True)
class Account:
    """The period's targets in file order and how many ended each way."""

    year: int
    lines: tuple[Line, ...]
    first: int  # the period's first year: 2021 for 2021–2025

    def count(self, outcome: Outcome) -> int:
        return Counter(line.outcome for line in self.lines)[outcome]

    @property
    def total(self) -> int:
        return len(self.lines)

    def groups(self) -> list[Group]:
        """The lines with the targets of one indicator that ended alike (national and provincial ≥80%, say) merged."""
        out: list[Group] = []
        for line in self.lines:
            last = out[-1] if out else None
            if last and last.indicator is line.indicator and last.outcome is line.outcome:
                targets = (*last.targets, line.target)
                vi, en = _sentence(line.indicator, targets, line.outcome, line.figure, line.later, line.national)
                out[-1] = Group(line.indicator, targets, line.outcome, line.figure, line.later, line.national, vi, en)
                continue
            out.append(
                Group(
                    line.indicator,
                    (line.target,),
                    line.outcome,
                    line.figure,
                    line.later,
                    line.national,
                    line.sentence_vi,
                    line.sentence_en,
                )
            )
        return out

    def headline(self, lang: str) -> str:
        """'Đạt 7/31 mục tiêu năm 2025 · 3 không đạt · 21 không đo được' and its English twin."""
        achieved, missed = self.count(Outcome.ACHIEVED), self.count(Outcome.NOT_ACHIEVED)
        unmeasured = self.count(Outcome.NOT_MEASURED)
        return fmt.t(
            lang,
            f"Đạt {achieved}/{self.total} mục tiêu năm {self.year} · {missed} không đạt · "
            f"{unmeasured} không đo được (chưa có số liệu)",
            f"Achieved {achieved} of {self.total} targets for {self.year} · {missed} not achieved · "
            f"{unmeasured} not measured (no data)",
        )


def final_account(metrics: m.Metrics, year: int | None = None) -> Account:
    """Every target dated `year` (by default the last year of the latest closed period) of every measured or rank
    indicator, in file order."""
    if year is None:
        year = closed_year(metrics) or clock.today().year - 1
    lines = []
    for ind in metrics.indicators:
        if ind.kind not in (m.Kind.MEASURED, m.Kind.RANK):
            continue
        national = metrics.national_of(ind)
        for target in metrics.targets_of(ind):
            if target.year == year:
                lines.append(account_line(ind, target, national))
    return Account(year, tuple(lines), _first_year(metrics, year))


def _first_year(metrics: m.Metrics, year: int) -> int:
    """The first year of the national plan period that ends in `year`; five years back when no plan says."""
    starts = [
        p.period.start.year for p in metrics.plans if p.level is m.PlanLevel.NATIONAL and p.period.end.year == year
    ]
    return min(starts) if starts else year - 4


def account_line(ind: m.Indicator, target: m.Target, national: m.NationalSeries | None = None) -> Line:
    """The outcome of one dated target, by the rules in the module docstring."""
    assert target.year is not None
    figures = ind.figures()
    counting = counted(figures, target)
    figure = counting[-1] if counting else None
    later = figures[-1] if figures and figures[-1] not in counting else None
    reference = _national_figure(ind, national, target.year)
    if figure is None:
        outcome = Outcome.NOT_MEASURED
    else:
        outcome = Outcome.ACHIEVED if meets(figure, target) else Outcome.NOT_ACHIEVED
    vi, en = _sentence(ind, (target,), outcome, figure, later, reference)
    return Line(ind, target, outcome, figure, later, reference, vi, en)


def _national_figure(ind: m.Indicator, national: m.NationalSeries | None, year: int) -> m.Observation | None:
    """The country's last figure up to the end of `year` under the indicator's own definition, if there is a series
    (a narrower measure, a bank account for a payment account, is shown on the chart but never set against the
    target)."""
    if national is None:
        return None
    own = ind.definition or ind.id
    alike = [o for o in national.observations if ind.definition_of(o) == own]
    return m.latest_of([o for o in alike if o.value is not None], until=dt.date(year, 12, 31))


_OUTCOME_WORDS = {
    Outcome.ACHIEVED: ("đã đạt", "achieved"),
    Outcome.NOT_ACHIEVED: ("không đạt", "not achieved"),
    Outcome.NOT_MEASURED: ("không đo được", "not measured"),
}


def _sentence(
    ind: m.Indicator,
    targets: tuple[m.Target, ...],
    outcome: Outcome,
    figure: m.Observation | None,
    later: m.Observation | None,
    national: m.Observation | None,
) -> tuple[str, str]:
    """'đạt 92% năm 2024, mục tiêu ≥90% (2025, tỉnh): đã đạt' and its English twin, with what else a reader needs."""
    goal_vi = ", ".join(fmt.target(t, ind, "vi") for t in targets)
    goal_en = ", ".join(fmt.target(t, ind, "en") for t in targets)
    year = targets[0].year
    word_vi, word_en = _OUTCOME_WORDS[outcome]
    if figure is not None:
        vi = f"đạt {fmt.figure_at(figure, ind, 'vi')}, mục tiêu {goal_vi}: {word_vi}"
        en = f"{fmt.figure_at(figure, ind, 'en')}, target{'s' if len(targets) > 1 else ''} {goal_en}: {word_en}"
        if figure.caveat:  # a figure that fits only imperfectly never counts silently
            vi += f"; lưu ý: {figure.caveat}"
            en += f"; caveat: {figure.caveat_en or figure.caveat}"
    else:
        vi = f"không có số liệu đến hết năm {year}, mục tiêu {goal_vi}: {word_vi}"
        en = f"no figure up to the end of {year}, target{'s' if len(targets) > 1 else ''} {goal_en}: {word_en}"
    if later is not None:
        vi += f"; số liệu {fmt.figure_at(later, ind, 'vi')} là sau hạn nên không tính"
        en += f"; the figure {fmt.figure_at(later, ind, 'en')} comes after the deadline and does not count"
    own = [t for t in targets if t.level is m.Level.NATIONAL]
    if national is not None and own:
        # A national target is the country's own: its figure has an outcome against it too (a provincial one's not).
        met = all(meets(national, t) for t in own)
        own_vi, own_en = _OUTCOME_WORDS[Outcome.ACHIEVED if met else Outcome.NOT_ACHIEVED]
        vi += f"; cả nước: {fmt.figure_at(national, ind, 'vi')}, {own_vi}"
        en += f"; Viet Nam: {fmt.figure_at(national, ind, 'en')}, {own_en} by the country"
    elif national is not None:
        vi += f"; cả nước: {fmt.figure_at(national, ind, 'vi')} (tham khảo)"
        en += f"; Viet Nam: {fmt.figure_at(national, ind, 'en')} (for reference)"
    return vi, en
