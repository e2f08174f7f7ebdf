"""The 2021–2025 final account: which figure counts toward a 2025 target, and how each target ended."""

from __future__ import annotations

import datetime as dt

import pytest

from dxkpi.analysis.account import Outcome, account_line, final_account
from dxkpi.core.model import (
    Comparator,
    Kind,
    Level,
    Meta,
    Metrics,
    NationalSeries,
    Observation,
    Period,
    Qualifier,
    Target,
    Unit,
)
from tests.builders import make_indicator, year


def obs(when: int | Period, value: float, qualifier: list[Qualifier] | None = None) -> Observation:
    period = year(when) if isinstance(when, int) else when
    return Observation(period=period, source="src", value=value, qualifier=qualifier or [])


def month(m: int, y: int) -> Period:
    end = (dt.date(y + (m == 12), m % 12 + 1, 1)) - dt.timedelta(days=1)
    return Period(f"{m}/{y}", dt.date(y, m, 1), end)


def goal(value: float, comparator: Comparator = Comparator.AT_LEAST, year_: int = 2025, level=Level.NATIONAL):
    return Target(value=value, comparator=comparator, level=level, source="qd", year=year_)


def work_files(*observations: Observation, unit: Unit = Unit.PERCENT, kind: Kind = Kind.MEASURED):
    return make_indicator(
        id="hscv", name="Hồ sơ công việc", name_en="Work files", unit=unit, kind=kind, observations=list(observations)
    )


@pytest.mark.parametrize(
    ("observations", "target", "outcome", "vi", "en"),
    [
        pytest.param(
            [obs(2022, 70), obs(2024, 92)],
            goal(90),
            Outcome.ACHIEVED,
            "đạt 92% năm 2024, mục tiêu ≥90% (2025, quốc gia): đã đạt",
            "92% in 2024, target ≥90% (2025, national): achieved",
            id="met",
        ),
        pytest.param(
            [obs(2021, 76)],
            goal(80),
            Outcome.NOT_ACHIEVED,
            "đạt 76% năm 2021, mục tiêu ≥80% (2025, quốc gia): không đạt",
            "76% in 2021, target ≥80% (2025, national): not achieved",
            id="missed",
        ),
        pytest.param(
            [],
            goal(50),
            Outcome.NOT_MEASURED,
            "không có số liệu đến hết năm 2025, mục tiêu ≥50% (2025, quốc gia): không đo được",
            "no figure up to the end of 2025, target ≥50% (2025, national): not measured",
            id="not-measured",
        ),
        pytest.param(
            [obs(2024, 70), obs(2026, 95)],
            goal(90),
            Outcome.NOT_ACHIEVED,
            "đạt 70% năm 2024, mục tiêu ≥90% (2025, quốc gia): không đạt; số liệu 95% năm 2026 là sau hạn nên "
            "không tính",
            "70% in 2024, target ≥90% (2025, national): not achieved; the figure 95% in 2026 comes after the "
            "deadline and does not count",
            id="a-later-figure-never-counts",
        ),
        pytest.param(
            [obs(month(1, 2026), 99)],
            goal(90),
            Outcome.NOT_MEASURED,
            "không có số liệu đến hết năm 2025, mục tiêu ≥90% (2025, quốc gia): không đo được; số liệu 99% "
            "(01/2026) là sau hạn nên không tính",
            "no figure up to the end of 2025, target ≥90% (2025, national): not measured; the figure 99% (01/2026) "
            "comes after the deadline and does not count",
            id="only-a-figure-after-the-deadline",
        ),
        pytest.param(
            [obs(month(12, 2025), 90)],
            goal(90),
            Outcome.ACHIEVED,
            "đạt 90% (12/2025), mục tiêu ≥90% (2025, quốc gia): đã đạt",
            "90% (12/2025), target ≥90% (2025, national): achieved",
            id="december-of-the-target-year-counts",
        ),
        pytest.param(
            [obs(2024, 96, [Qualifier.NEARLY])],
            goal(96),
            Outcome.NOT_ACHIEVED,
            "đạt gần 96% năm 2024, mục tiêu ≥96% (2025, quốc gia): không đạt",
            "nearly 96% in 2024, target ≥96% (2025, national): not achieved",
            id="nearly-the-target-is-below-it",
        ),
        pytest.param(
            [obs(2024, 98, [Qualifier.OVER])],
            goal(98, Comparator.MORE_THAN),
            Outcome.ACHIEVED,
            "đạt >98% năm 2024, mục tiêu >98% (2025, quốc gia): đã đạt",
            ">98% in 2024, target >98% (2025, national): achieved",
            id="over-the-target-is-above-it",
        ),
    ],
)
def test_each_target_ends_achieved_not_achieved_or_not_measured_with_the_sentence_saying_why(
    observations, target, outcome, vi, en
):
    line = account_line(work_files(*observations), target)
    assert (line.outcome, line.sentence("vi"), line.sentence("en")) == (outcome, vi, en)


def test_a_rank_target_is_met_at_or_above_its_place():
    ranked = make_indicator(id="dti", unit=Unit.RANK, kind=Kind.RANK, observations=[obs(2022, 11)])
    line = account_line(ranked, goal(10, Comparator.AT_MOST))
    assert (line.outcome, line.sentence("vi")) == (
        Outcome.NOT_ACHIEVED,
        "đạt hạng 11 năm 2022, mục tiêu hạng ≤10 (2025, quốc gia): không đạt",
    )


def test_the_countrys_figure_gets_its_own_outcome_against_a_national_target_and_is_never_counted():
    country = NationalSeries(indicator="hscv", observations=[obs(2021, 12.87), obs(2025, 14.02), obs(2026, 15)])
    line = account_line(work_files(), goal(20), country)
    assert (line.outcome, line.national.value, line.sentence("en")) == (
        Outcome.NOT_MEASURED,
        14.02,
        "no figure up to the end of 2025, target ≥20% (2025, national): not measured; Viet Nam: 14.02% in 2025, "
        "not achieved by the country",
    )


def metrics(*indicators) -> Metrics:
    return Metrics(
        meta=Meta(title="t", region="r", program="p", reporting_period="2021–2025"), indicators=list(indicators)
    )


def test_two_targets_of_one_indicator_are_two_lines_counted_apart_and_one_row_when_they_end_alike():
    national, provincial = goal(90), goal(90, level=Level.PROVINCIAL)
    ind = work_files(obs(2024, 92))
    ind.targets = [national, provincial, goal(100, year_=2030)]
    account = final_account(metrics(ind))
    (group,) = account.groups()
    assert ([line.target for line in account.lines], account.count(Outcome.ACHIEVED), account.total) == (
        [national, provincial],
        2,
        2,
    )
    assert group.sentence("vi") == "đạt 92% năm 2024, mục tiêu ≥90% (2025, quốc gia), ≥90% (2025, tỉnh): đã đạt"


def test_two_targets_that_end_differently_stay_two_rows():
    ind = work_files(obs(2024, 85))
    ind.targets = [goal(80), goal(90, level=Level.PROVINCIAL)]
    account = final_account(metrics(ind))
    assert [g.outcome for g in account.groups()] == [Outcome.ACHIEVED, Outcome.NOT_ACHIEVED]


def test_only_targets_dated_2025_of_measured_and_rank_indicators_are_accounted():
    undated = Target(value=100, comparator=Comparator.AT_LEAST, level=Level.PROVINCIAL, source="qd")
    measured = work_files(obs(2024, 92))
    measured.targets = [goal(90), goal(100, year_=2030), undated]
    context = make_indicator(id="ctx", kind=Kind.CONTEXT, observations=[obs(2024, 50)])
    account = final_account(metrics(measured, context))
    assert [(line.indicator.id, line.target.year) for line in account.lines] == [("hscv", 2025)]


def test_the_headline_counts_every_outcome_in_both_languages():
    met, missed, unmeasured = work_files(obs(2024, 92)), work_files(obs(2024, 50)), work_files()
    for ind in (met, missed, unmeasured):
        ind.targets = [goal(90)]
    account = final_account(metrics(met, missed, unmeasured))
    assert (account.headline("vi"), account.headline("en")) == (
        "Đạt 1/3 mục tiêu năm 2025 · 1 không đạt · 1 không đo được (chưa có số liệu)",
        "Achieved 1 of 3 targets for 2025 · 1 not achieved · 1 not measured (no data)",
    )
