"""Progress towards targets: every expected number below is worked out by hand in the comment beside it."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

import pytest

from dxkpi.analysis.progress import AT_RISK_MIN, ON_TRACK_MIN, Progress, Status, assess, assess_all, choose_target
from dxkpi.core.model import (
    Comparator,
    Direction,
    Indicator,
    Kind,
    Language,
    Level,
    Meta,
    Metrics,
    MilestoneStatus,
    Observation,
    Period,
    Pillar,
    Target,
    TargetRef,
    Unit,
)
from tests.builders import make_indicator

# ----- builders -----


def year(y: int) -> Period:
    return Period(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))


def month(m: int, y: int) -> Period:
    return Period(f"{m}/{y}", dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]))


def obs(period: int | Period, value: float | None = None, status: MilestoneStatus | None = None) -> Observation:
    return Observation(
        period=year(period) if isinstance(period, int) else period, source="s", value=value, status=status
    )


def series(values: dict[int, float]) -> list[Observation]:
    return [obs(y, v) for y, v in values.items()]


def target(
    value: float,
    comparator: Comparator = Comparator.AT_LEAST,
    year: int | None = 2025,
    level: Level = Level.PROVINCIAL,
) -> Target:
    return Target(value=value, comparator=comparator, level=level, source="s", year=year)


def indicator(
    observations: list[Observation],
    unit: Unit = Unit.PERCENT,
    kind: Kind = Kind.MEASURED,
    direction: Direction = Direction.UP,
    id: str = "x",
    unit_label: str | None = None,
    unit_label_en: str | None = None,
) -> Indicator:
    return make_indicator(
        id=id,
        pillar=Pillar.DIGITAL_SOCIETY,
        unit=unit,
        kind=kind,
        direction=direction,
        unit_label=unit_label,
        unit_label_en=unit_label_en,
        observations=observations,
    )


def rank(observations: list[Observation]) -> Indicator:
    return indicator(observations, unit=Unit.RANK, kind=Kind.RANK, direction=Direction.DOWN)


def businesses(observations: list[Observation]) -> Indicator:
    return indicator(observations, unit=Unit.COUNT, unit_label="doanh nghiệp", unit_label_en="businesses")


def unzip(path: tuple[tuple[int, float], ...]) -> tuple[list[int], list[float]]:
    """A required path as its years and its values, so the values can be compared with pytest.approx."""
    return [y for y, _ in path], [v for _, v in path]


def figures(p: Progress) -> tuple[object, ...]:
    """The numbers a progress rests on, to compare whole with pytest.approx."""
    return p.status, p.pace, p.observed_rate, p.required_rate, p.ratio


# ----- the thresholds -----


def test_the_thresholds_are_open_sdgs():
    assert (ON_TRACK_MIN, AT_RISK_MIN) == (0.95, 0.60)


# ----- which target -----

NAT_2025 = target(80, year=2025, level=Level.NATIONAL)
PROV_2025 = target(85, year=2025, level=Level.PROVINCIAL)
NAT_2030 = target(100, year=2030, level=Level.NATIONAL)
PROV_2030 = target(100, year=2030, level=Level.PROVINCIAL)
NAT_2020 = target(50, year=2020, level=Level.NATIONAL)
NAT_2022 = target(60, year=2022, level=Level.NATIONAL)
NAT_2023 = target(70, year=2023, level=Level.NATIONAL)
NAT_UNDATED = target(90, year=None, level=Level.NATIONAL)
PROV_UNDATED = target(95, year=None, level=Level.PROVINCIAL)


@pytest.mark.parametrize(
    ("latest_year", "targets", "expected"),
    [
        # same year: the province's own commitment wins, whatever the file order
        (2023, [NAT_2025, PROV_2025], PROV_2025),
        # the nearest year ahead of the data wins over a provincial target further away
        (2023, [PROV_2030, NAT_2025], NAT_2025),
        # a target in the data's own year is still ahead (>=)
        (2023, [NAT_2025, NAT_2023], NAT_2023),
        # every year has passed: the latest one
        (2023, [NAT_2020, NAT_2022], NAT_2022),
        # a dated target wins over undated ones, even provincial
        (2023, [PROV_UNDATED, NAT_2030], NAT_2030),
        # only undated targets: provincial first
        (2023, [NAT_UNDATED, PROV_UNDATED], PROV_UNDATED),
        (2023, [NAT_UNDATED], NAT_UNDATED),
        (2023, [], None),
        # no data yet: every year lies ahead, so the earliest
        (None, [NAT_2030, NAT_2022], NAT_2022),
    ],
)
def test_the_chosen_target_is_the_nearest_dated_one_ahead_of_the_data_preferring_provincial(
    latest_year, targets, expected
):
    ind = indicator([] if latest_year is None else [obs(latest_year, 40)])
    assert choose_target(ind, targets) is expected


def test_the_chosen_target_follows_the_latest_observation_by_period_not_file_order():
    # data from 2026 listed before 2021: the 2025 target has passed, so the 2030 one is chosen
    ind = indicator([obs(2026, 90), obs(2021, 40)])
    assert choose_target(ind, [NAT_2025, NAT_2030]) is NAT_2030


# ----- statuses without a pace -----


def test_an_indicator_without_observations_has_no_data():
    p = assess(indicator([]), [target(80)])
    assert (p.status, p.latest, p.reason_vi, p.reason_en) == (Status.NO_DATA, None, "chưa có số liệu", "no data yet")


def test_a_context_figure_has_no_target():
    figure = obs(2020, 11500)
    p = assess(indicator([figure], unit=Unit.BILLION_VND, kind=Kind.CONTEXT), [target(80)])
    assert (p.status, p.target, p.latest) == (Status.NO_TARGET, None, figure)
    assert (p.reason_vi, p.reason_en) == ("số liệu tham khảo, không có mục tiêu", "context figure, no target")


def test_a_measured_indicator_without_a_target_has_no_target():
    p = assess(indicator(series({2020: 50, 2023: 60})), [])
    assert (p.status, p.target, p.pace) == (Status.NO_TARGET, None, "none")


def test_a_met_target_is_achieved_and_says_so_in_both_languages():
    p = assess(indicator(series({2021: 70, 2023: 88.9})), [target(80)])
    assert p.status is Status.ACHIEVED
    assert p.reason_vi == "đã đạt mục tiêu ≥80% (2025): 88,9% năm 2023"
    assert p.reason_en == "target ≥80% (2025) met: 88.9% in 2023"


@pytest.mark.parametrize(
    ("comparator", "value", "goal", "expected"),
    [
        (Comparator.AT_LEAST, 80, 80, Status.ACHIEVED),
        (Comparator.AT_LEAST, 79.9, 80, Status.ONE_OBSERVATION),
        (Comparator.MORE_THAN, 80, 80, Status.ONE_OBSERVATION),
        (Comparator.MORE_THAN, 80.1, 80, Status.ACHIEVED),
        (Comparator.AT_MOST, 10, 10, Status.ACHIEVED),
        (Comparator.LESS_THAN, 10, 10, Status.ONE_OBSERVATION),
        (Comparator.LESS_THAN, 9.9, 10, Status.ACHIEVED),
        (Comparator.EXACTLY, 100, 100, Status.ACHIEVED),
        (Comparator.EXACTLY, 99, 100, Status.ONE_OBSERVATION),
    ],
)
def test_achievement_respects_the_comparator(comparator, value, goal, expected):
    direction = Direction.DOWN if comparator in (Comparator.AT_MOST, Comparator.LESS_THAN) else Direction.UP
    p = assess(indicator([obs(2023, value)], direction=direction), [target(goal, comparator)])
    assert p.status is expected


def test_a_single_observation_gives_one_observation_with_the_required_pace_only():
    p = assess(indicator([obs(2023, 45)]), [target(80)])
    # required = (80/45)^(1/2) - 1 = sqrt(16/9) - 1 = 4/3 - 1 = 0.333333; path 45, 45*4/3 = 60, 80
    assert figures(p) == (Status.ONE_OBSERVATION, "cagr", None, pytest.approx(1 / 3), None)
    assert p.baseline is p.latest
    assert unzip(p.required_path) == ([2023, 2024, 2025], pytest.approx([45, 60, 80]))
    assert p.reason_vi == "mới có số liệu một năm: 45% năm 2023, chưa tính được tốc độ; mục tiêu ≥80% (2025)"
    assert p.reason_en == "only one year of data: 45% in 2023, no pace yet; target ≥80% (2025)"


def test_observations_in_the_same_year_count_as_one():
    june, december = obs(month(6, 2023), 40), obs(month(12, 2023), 45)
    p = assess(indicator([december, june]), [target(80)])
    # no time elapses between them: the later one (12/2023) is both baseline and latest
    assert (p.status, p.latest, p.baseline, p.observed_rate, p.ratio) == (
        Status.ONE_OBSERVATION,
        december,
        december,
        None,
        None,
    )
    assert p.reason_en == "only one year of data: 45% (12/2023), no pace yet; target ≥80% (2025)"


@pytest.mark.parametrize(
    ("observations", "goal_year", "vi", "en"),
    [
        # the target year is the latest data year
        (series({2020: 50, 2023: 70}), 2023, "70% năm 2023", "70% in 2023"),
        # the target year has passed: the 2023 figure comes after it and does not count
        (series({2020: 50, 2023: 70}), 2022, "50% năm 2020", "50% in 2020"),
        # one observation is enough to know the deadline was missed
        (series({2023: 70}), 2023, "70% năm 2023", "70% in 2023"),
    ],
)
def test_a_target_whose_year_has_come_unmet_is_off_track(observations, goal_year, vi, en):
    p = assess(indicator(observations), [target(80, year=goal_year)])
    assert p.status is Status.OFF_TRACK
    assert p.reason_vi == f"đã đến hạn mục tiêu ≥80% ({goal_year}) mà chưa đạt: {vi}"
    assert p.reason_en == f"target ≥80% ({goal_year}) is due and not met: {en}"


@pytest.mark.parametrize("observations", [series({2023: 45}), series({2020: 30, 2023: 45})])
def test_a_target_without_a_year_reports_the_share_only(observations):
    p = assess(indicator(observations), [target(80, year=None)])
    # share = 45/80 = 0.5625, written 56,3% (half up)
    assert (p.status, p.pace, p.share, p.ratio, p.required_path) == (Status.ONE_OBSERVATION, "none", 0.5625, None, ())
    assert p.reason_vi == (
        "mục tiêu ≥80% không có năm đích nên chưa tính được tốc độ; hiện 45% năm 2023, bằng 56,3% mục tiêu"
    )
    assert p.reason_en == "target ≥80% has no year, so no pace can be computed; 45% in 2023, 56.3% of the target"


# ----- the pace -----


@pytest.mark.parametrize(
    ("latest", "ratio", "expected"),
    [
        # baseline 6400 (2023), target 10000 by 2025: required = (10000/6400)^(1/2) - 1 = 1.25 - 1 = 0.25
        # observed over one year = latest/6400 - 1; R = observed / 0.25
        (7936, 0.96, Status.ON_TRACK),  # 7936/6400 = 1.24 -> 0.24 / 0.25 = 0.96
        (7904, 0.94, Status.AT_RISK),  # 7904/6400 = 1.235 -> 0.235 / 0.25 = 0.94
        (7392, 0.62, Status.AT_RISK),  # 7392/6400 = 1.155 -> 0.155 / 0.25 = 0.62
        (7328, 0.58, Status.OFF_TRACK),  # 7328/6400 = 1.145 -> 0.145 / 0.25 = 0.58
        (6080, -0.20, Status.OFF_TRACK),  # 6080/6400 = 0.95 -> -0.05 / 0.25 = -0.2
    ],
)
def test_the_ratio_of_observed_to_required_growth_sets_the_status(latest, ratio, expected):
    p = assess(businesses(series({2023: 6400, 2024: latest})), [target(10000)])
    assert figures(p) == (expected, "cagr", pytest.approx(latest / 6400 - 1), pytest.approx(0.25), pytest.approx(ratio))


def test_the_required_path_follows_the_constant_growth_rate():
    p = assess(businesses(series({2023: 6400, 2024: 7040})), [target(10000)])
    # 6400 * 1.25 = 8000, 8000 * 1.25 = 10000
    assert unzip(p.required_path) == ([2023, 2024, 2025], pytest.approx([6400, 8000, 10000]))


def test_a_falling_series_is_off_track_when_up_is_better():
    p = assess(indicator(series({2020: 50, 2022: 45})), [target(80)])
    # observed = (45/50)^(1/2) - 1 = sqrt(0.9) - 1 = 0.948683 - 1 = -0.051317
    # required = (80/50)^(1/5) - 1 = 1.6^0.2 - 1 = e^(0.470004/5) - 1 = e^0.0940007 - 1 = 0.098561
    # R = -0.051317 / 0.098561 = -0.520662
    assert figures(p) == (
        Status.OFF_TRACK,
        "cagr",
        pytest.approx(-0.051317, abs=1e-6),
        pytest.approx(0.098561, abs=1e-6),
        pytest.approx(-0.520662, abs=1e-6),
    )
    # in points: (80 - 50)/5 = 6 needed a year, (45 - 50)/2 = -2.5 a year observed
    assert p.reason_vi == "cần tăng 6 điểm %/năm để đạt 80% vào 2025; đang giảm 2,5"
    assert p.reason_en == "needs +6 points a year to reach 80% by 2025; falling 2.5"


def test_a_flat_series_is_off_track_and_says_flat():
    p = assess(indicator(series({2020: 50, 2022: 50})), [target(80)])
    # observed = (50/50)^(1/2) - 1 = 0, so R = 0
    assert (p.status, p.ratio) == (Status.OFF_TRACK, 0)
    assert (p.reason_vi, p.reason_en) == (
        "cần tăng 6 điểm %/năm để đạt 80% vào 2025; không đổi",
        "needs +6 points a year to reach 80% by 2025; flat",
    )


def test_a_rank_climbing_from_27_to_11_is_on_track_for_the_top_10_by_2025():
    r2021, r2022, r2023 = obs(2021, 27), obs(2022, 21), obs(2023, 11)
    p = assess(rank([r2023, r2021, r2022]), [target(10, Comparator.AT_MOST)])
    # baseline 27 (2021), latest 11 (2023); the middle value 21 plays no part
    # observed = (11/27)^(1/2) - 1 = sqrt(0.407407) - 1 = 0.638285 - 1 = -0.361715
    # required = (10/27)^(1/4) - 1 = sqrt(sqrt(0.370370)) - 1 = sqrt(0.608581) - 1 = 0.780116 - 1 = -0.219884
    # lower is better, so R = -1 * (-0.361715) / |-0.219884| = 1.645026
    assert figures(p) == (
        Status.ON_TRACK,
        "cagr",
        pytest.approx(-0.361715, abs=1e-6),
        pytest.approx(-0.219884, abs=1e-6),
        pytest.approx(1.645026, abs=1e-6),
    )
    assert (p.baseline, p.latest) == (r2021, r2023)
    assert p.share == pytest.approx(10 / 11)  # target/latest = 0.909091
    # in places: (27 - 10)/4 = 4.25 needed a year (4,3 half up), (27 - 11)/2 = 8 climbed a year
    assert p.reason_vi == "cần lên 4,3 bậc/năm để đạt hạng 10 vào 2025; đang lên 8"
    assert p.reason_en == "needs to climb 4.3 places a year to reach rank 10 by 2025; climbing 8"


def test_a_lower_is_better_percentage_reverses_the_signs():
    p = assess(
        indicator(series({2020: 20, 2022: 12.8}), direction=Direction.DOWN), [target(5, Comparator.AT_MOST, 2024)]
    )
    # observed = (12.8/20)^(1/2) - 1 = sqrt(0.64) - 1 = 0.8 - 1 = -0.2
    # required = (5/20)^(1/4) - 1 = 0.25^0.25 - 1 = 0.707107 - 1 = -0.292893
    # R = -1 * (-0.2) / 0.292893 = 0.682843
    assert figures(p) == (
        Status.AT_RISK,
        "cagr",
        pytest.approx(-0.2),
        pytest.approx(-0.292893, abs=1e-6),
        pytest.approx(0.682843, abs=1e-6),
    )
    assert p.share == pytest.approx(0.390625)  # target/latest = 5/12.8
    # in points: (5 - 20)/4 = -3.75 needed a year (3,8 half up), (12.8 - 20)/2 = -3.6 a year observed
    assert p.reason_en == "needs -3.8 points a year to reach 5% by 2024; falling 3.6"


def test_a_zero_baseline_falls_back_to_a_linear_pace():
    p = assess(indicator(series({2020: 0, 2023: 3.3})), [target(21)])
    # CAGR divides by the baseline; straight lines instead:
    # observed = (3.3 - 0)/(2023 - 2020) = 1.1 points a year; required = (21 - 0)/(2025 - 2020) = 4.2
    # R = 1.1 / 4.2 = 0.261905
    assert figures(p) == (
        Status.OFF_TRACK,
        "linear",
        pytest.approx(1.1),
        pytest.approx(4.2),
        pytest.approx(0.261905, abs=1e-6),
    )
    assert unzip(p.required_path) == (list(range(2020, 2026)), pytest.approx([0, 4.2, 8.4, 12.6, 16.8, 21]))
    assert p.reason_vi == "cần tăng 4,2 điểm %/năm để đạt 21% vào 2025; đang tăng 1,1"


def test_a_zero_baseline_count_states_its_linear_pace_in_units_a_year():
    p = assess(businesses(series({2020: 0, 2022: 3000})), [target(10000)])
    # observed = 3000/2 = 1500 a year; required = 10000/5 = 2000 a year; R = 1500/2000 = 0.75
    assert figures(p) == (Status.AT_RISK, "linear", 1500, 2000, pytest.approx(0.75))
    assert p.reason_vi == "cần tăng 2.000/năm để đạt 10.000 doanh nghiệp vào 2025; đang tăng 1.500"
    assert p.reason_en == "needs +2,000 a year to reach 10,000 businesses by 2025; rising 1,500"


def test_a_target_of_zero_falls_back_to_a_linear_pace():
    p = assess(indicator(series({2021: 8, 2023: 6}), direction=Direction.DOWN), [target(0, Comparator.AT_MOST)])
    # a constant growth rate never reaches 0; straight lines instead:
    # observed = (6 - 8)/2 = -1 a year; required = (0 - 8)/4 = -2 a year; R = -1 * (-1) / 2 = 0.5
    assert figures(p) == (Status.OFF_TRACK, "linear", -1, -2, 0.5)
    assert unzip(p.required_path) == ([2021, 2022, 2023, 2024, 2025], [8, 6, 4, 2, 0])
    assert p.reason_vi == "cần giảm 2 điểm %/năm để đạt 0% vào 2025; đang giảm 1"


def test_a_percent_target_of_100_is_reachable_and_its_path_never_exceeds_100():
    p = assess(indicator(series({2020: 50, 2022: 70})), [target(100)])
    # observed = (70/50)^(1/2) - 1 = sqrt(1.4) - 1 = 1.183216 - 1 = 0.183216
    # required = (100/50)^(1/5) - 1 = 2^0.2 - 1 = 1.148698 - 1 = 0.148698
    # R = 0.183216 / 0.148698 = 1.232132
    assert figures(p) == (
        Status.ON_TRACK,
        "cagr",
        pytest.approx(0.183216, abs=1e-6),
        pytest.approx(0.148698, abs=1e-6),
        pytest.approx(1.232132, abs=1e-6),
    )
    # 50 * 1.148698^k for k = 0..5: 50, 57.4349, 65.9754, 75.7858, 87.0551, 100
    assert unzip(p.required_path) == (
        list(range(2020, 2026)),
        pytest.approx([50, 57.4349, 65.9754, 75.7858, 87.0551, 100], abs=1e-4),
    )
    assert max(value for _, value in p.required_path) <= 100
    assert p.required_path[-1] == (2025, 100)


def test_a_baseline_already_past_the_target_that_slipped_back_is_off_track():
    p = assess(indicator(series({2020: 82, 2023: 78})), [target(80)])
    # required = (80/82)^(1/5) - 1 < 0 although up is better: there is no pace to keep
    assert (p.status, p.pace, p.required_rate, p.ratio, p.required_path) == (Status.OFF_TRACK, "none", None, None, ())
    assert p.reason_vi == "chưa đạt mục tiêu ≥80% (2025): 82% năm 2020, 78% năm 2023"
    assert p.reason_en == "target ≥80% (2025) not met: 82% in 2020, 78% in 2023"


# ----- reasons in words -----


def test_a_percentage_pace_is_told_in_points_a_year_while_the_status_follows_growth_rates():
    p = assess(indicator(series({2020: 59, 2023: 62.3})), [target(80)])
    # points: required (80 - 59)/5 = 4.2 a year, observed (62.3 - 59)/3 = 1.1 a year
    # status: observed = (62.3/59)^(1/3) - 1 = 1.055932^(1/3) - 1 = 0.018307
    #         required = (80/59)^(1/5) - 1 = 1.355932^(1/5) - 1 = 0.062790
    #         R = 0.0183069 / 0.0627903 = 0.291556
    assert figures(p) == (
        Status.OFF_TRACK,
        "cagr",
        pytest.approx(0.018307, abs=1e-6),
        pytest.approx(0.062790, abs=1e-6),
        pytest.approx(0.291556, abs=1e-5),
    )
    assert p.reason_vi == "cần tăng 4,2 điểm %/năm để đạt 80% vào 2025; đang tăng 1,1"
    assert p.reason_en == "needs +4.2 points a year to reach 80% by 2025; rising 1.1"


def test_a_growth_rate_pace_is_told_in_percent_a_year_with_vietnamese_thousands():
    p = assess(businesses(series({2023: 6400, 2024: 7040})), [target(10000)])
    # required (10000/6400)^(1/2) - 1 = 25%; observed 7040/6400 - 1 = 10%
    assert p.reason_vi == "cần tăng 25%/năm để đạt 10.000 doanh nghiệp vào 2025; đang tăng 10%/năm"
    assert p.reason_en == "needs +25% a year to reach 10,000 businesses by 2025; rising 10% a year"


def test_the_reason_is_given_in_the_language_asked_for():
    p = assess(indicator([]), [target(80)])
    assert (p.reason("vi"), p.reason(Language.EN)) == ("chưa có số liệu", "no data yet")
    with pytest.raises(ValueError):
        p.reason("fr")


# ----- share -----


@pytest.mark.parametrize(
    ("ind", "goal", "share"),
    [
        (indicator([obs(2023, 45)]), target(80), 0.5625),  # up: 45/80
        (rank([obs(2023, 16)]), target(10, Comparator.AT_MOST), 0.625),  # rank: 10/16
        (indicator([obs(2023, 45)]), target(0, Comparator.MORE_THAN), None),  # up, target 0: undefined
        (indicator([obs(2023, 0)], direction=Direction.DOWN), target(0, Comparator.LESS_THAN), None),  # down, 0
    ],
)
def test_the_share_is_latest_over_target_or_target_over_latest_when_lower_is_better(ind, goal, share):
    assert assess(ind, [goal]).share == share


# ----- milestones -----


@pytest.mark.parametrize(
    ("step", "status", "vi", "en"),
    [
        (MilestoneStatus.DONE, Status.DONE, "đã hoàn thành (10/2021)", "done (10/2021)"),
        (MilestoneStatus.PILOT, Status.PILOT, "đang thí điểm (10/2021)", "in pilot (10/2021)"),
        (MilestoneStatus.IN_PROGRESS, Status.IN_PROGRESS, "đang triển khai (10/2021)", "in progress (10/2021)"),
        (MilestoneStatus.PLANNED, Status.PLANNED, "đã có kế hoạch (10/2021)", "planned (10/2021)"),
    ],
)
def test_a_milestone_keeps_the_status_of_its_latest_observation(step, status, vi, en):
    # the latest by period, though listed first; the 2020 step is older
    latest = obs(month(10, 2021), status=step)
    p = assess(indicator([latest, obs(2020, status=MilestoneStatus.PLANNED)], kind=Kind.MILESTONE), [])
    assert (p.status, p.latest, p.reason_vi, p.reason_en) == (status, latest, vi, en)


def test_a_milestone_without_a_status_has_no_data():
    assert assess(indicator([], kind=Kind.MILESTONE), []).status is Status.NO_DATA


# ----- the whole file -----


def test_assess_all_keys_every_indicator_by_id_in_file_order_and_resolves_shared_targets():
    shared = Target(value=80, comparator=Comparator.AT_LEAST, level=Level.NATIONAL, source="s", year=2025, id="t80")
    second = indicator(series({2021: 70, 2023: 88.9}), id="b")
    second.targets = [TargetRef(ref="t80")]
    first = indicator([], id="a", kind=Kind.CONTEXT)
    meta = Meta(title="t", region="r", program="p", reporting_period="2020-2025")
    result = assess_all(Metrics(meta=meta, indicators=[first, second], targets=[shared]))
    assert [(key, p.status, p.target) for key, p in result.items()] == [
        ("a", Status.NO_TARGET, None),
        ("b", Status.ACHIEVED, shared),
    ]


# ----- after the 2021–2025 period: as of a day, and figures that come too late -----

LATE_2026 = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2025, 6, 30), 2025),  # during 2025 the 2025 target is still ahead
        (dt.date(2025, 12, 31), 2025),
        (dt.date(2026, 1, 1), 2030),  # once 2025 has passed, the 2030 one
        (LATE_2026, 2030),
    ],
)
def test_the_target_measured_against_is_the_next_one_not_yet_passed_on_the_day_of_the_assessment(as_of, expected):
    ind = indicator(series({2021: 76, 2022: 83.6}))
    assert choose_target(ind, [target(80), target(100, year=2030)], as_of).year == expected


def test_once_2025_has_passed_the_pace_is_measured_against_2030_and_the_reason_says_so():
    ind = indicator(series({2021: 76, 2023: 84}))
    p = assess(ind, [target(80), target(100, year=2030)], LATE_2026)
    assert (p.status, p.target.year, p.horizon, p.passed) == (Status.ON_TRACK, 2030, 2030, (2025,))
    assert p.explained("vi") == (
        "cần tăng 2,7 điểm %/năm để đạt 100% vào 2030; đang tăng 4 (đo so với mục tiêu 2030; mục tiêu 2025 đã qua: "
        "xem trang Tổng kết)"
    )
    assert p.explained("en").endswith(
        "(measured against the 2030 target; the 2025 target has passed: see the final account)"
    )
    # a slide has room for the reason only; the page and the sheet add the note
    assert p.reason("vi") == "cần tăng 2,7 điểm %/năm để đạt 100% vào 2030; đang tăng 4"


@pytest.mark.parametrize(
    ("values", "status"),
    [({2023: 88.9}, Status.ACHIEVED), ({2021: 40, 2024: 60}, Status.OFF_TRACK)],
)
def test_with_only_a_2025_target_a_later_day_judges_it_as_due(values, status):
    p = assess(indicator(series(values)), [target(80)], LATE_2026)
    assert (p.status, p.target.year, p.horizon, p.horizon_note("vi")) == (status, 2025, None, "")


def test_a_figure_dated_after_the_target_year_never_counts_toward_it():
    p = assess(indicator([obs(2024, 70), obs(month(3, 2026), 95)]), [target(80)], LATE_2026)
    assert (p.status, p.latest.value, p.reason_en) == (
        Status.OFF_TRACK,
        70,
        "target ≥80% (2025) is due and not met: 70% in 2024",
    )


def test_only_figures_after_the_target_year_mean_no_data_for_it():
    p = assess(indicator([obs(month(3, 2026), 95)]), [target(80)], LATE_2026)
    assert (p.status, p.latest, p.reason_en) == (
        Status.NO_DATA,
        None,
        "no figure up to the end of 2025; 95% (03/2026) comes after the target ≥80% (2025) and does not count",
    )


def test_the_sentence_words_a_figure_as_the_card_does():
    # one formatter: a recorded 1.25 is '1,25' on the card and in the sentence; a score keeps its unit
    score = indicator([obs(2023, 1.25)], unit=Unit.SCORE)
    p = assess(score, [target(2, year=2030)], LATE_2026)
    assert p.reason_vi == "mới có số liệu một năm: 1,25 điểm năm 2023, chưa tính được tốc độ; mục tiêu ≥2 điểm (2030)"


def measured_as(definition: str, values: dict[int, float]) -> list[Observation]:
    return [dataclasses.replace(o, definition=definition) for o in series(values)]


@pytest.mark.parametrize(
    ("observations", "expected", "baseline_year", "reason_en"),
    [
        # 50% at level 4 in 2021 against 45% and 60% fully online later: paced from 45 (2023), on track.
        (
            measured_as("muc-4", {2021: 50}) + measured_as("toan-trinh", {2023: 45, 2024: 60}),
            (Status.ON_TRACK, "cagr", pytest.approx(1 / 3), pytest.approx(1 / 3), pytest.approx(1.0)),
            2023,
            "(only figures of the latest figure's definition count, from 2023)",
        ),
        # One figure of the latest definition: no pace yet, whatever the older way measured.
        (
            measured_as("muc-4", {2021: 50, 2022: 55}) + measured_as("toan-trinh", {2024: 60}),
            (Status.ONE_OBSERVATION, "cagr", None, pytest.approx((80 / 60) - 1), None),
            2024,
            "(only figures of the latest figure's definition count, from 2024)",
        ),
        # All of one definition: nothing left out, nothing said (the 2021 figure is the baseline).
        (
            measured_as("toan-trinh", {2021: 50, 2024: 60}),
            (
                Status.OFF_TRACK,
                "cagr",
                pytest.approx((60 / 50) ** (1 / 3) - 1),
                pytest.approx((80 / 50) ** 0.25 - 1),
                pytest.approx(((60 / 50) ** (1 / 3) - 1) / ((80 / 50) ** 0.25 - 1)),
            ),
            2021,
            "",
        ),
    ],
)
def test_the_pace_counts_only_figures_of_the_latest_figures_definition(
    observations, expected, baseline_year, reason_en
):
    p = assess(indicator(observations), [target(80)])
    said = p.reason_en[p.reason_en.index("(only") :] if "(only" in p.reason_en else ""
    assert (figures(p), p.baseline.period.end_year, said) == (expected, baseline_year, reason_en)
