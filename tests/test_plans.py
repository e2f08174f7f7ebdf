"""A plan is counted the way the province counts it: each target's state and each task's at a cut-off date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dxkpi.analysis import plans as p
from dxkpi.analysis.account import final_account
from dxkpi.core import clock
from dxkpi.core import model as m
from dxkpi.reading.loader import load
from dxkpi.reading.scalars import parse_period
from tests.builders import make_indicator, make_metrics, make_observation, year

ROOT = Path(__file__).resolve().parent.parent
D = dt.date


def period(text: str) -> m.Period:
    parsed = parse_period(text)
    assert isinstance(parsed, m.Period)
    return parsed


def target(value: float = 80, *, plan: str = "kh", **fields) -> m.Target:
    defaults = {"comparator": m.Comparator.AT_LEAST, "level": m.Level.PROVINCIAL, "source": "s", "year": 2025}
    return m.Target(value=value, plan=plan, **{**defaults, **fields})


def a_plan(*tasks: m.Task, id: str = "kh") -> m.Plan:
    doc = m.Document(issuer="UBND tỉnh", source="s", number="01/KH-UBND")
    return m.Plan(id, "Kế hoạch", "Plan", m.PlanLevel.PROVINCIAL, period("2026"), doc, tasks=list(tasks))


def task(due: str, *reports: m.TaskReport, lead: str = "Sở KH&CN", id: str = "nv") -> m.Task:
    return m.Task(id=id, title="Nhiệm vụ", lead=lead, due=period(due), reports=list(reports))


def report(day: dt.date, status: m.TaskStatus, **fields) -> m.TaskReport:
    return m.TaskReport(date=day, status=status, **fields)


TODAY = D(2026, 12, 2)


def line(tg: m.Target, *figures: m.Observation, as_of: dt.date = TODAY) -> p.TargetLine:
    return p.target_line(tg, make_indicator(observations=list(figures)), as_of)


# ---- targets ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "state", "exceeded"),
    [
        (85, p.TargetState.ACHIEVED, True),  # vượt: beyond the target
        (80, p.TargetState.ACHIEVED, False),  # exactly met: hoàn thành, not vượt
        (70, p.TargetState.NOT_ACHIEVED, False),
    ],
)
def test_a_figure_by_the_deadline_decides_achieved_over_achieved_or_not(value, state, exceeded):
    got = line(target(80), make_observation(value, year(2025)))
    assert (got.state, got.exceeded) == (state, exceeded)


def test_a_figure_dated_after_the_deadline_never_counts_toward_it():
    got = line(target(80), make_observation(60, year(2024)), make_observation(90, year(2026)))
    assert (got.state, got.figure.value, got.later.value) == (p.TargetState.NOT_ACHIEVED, 60, 90)
    assert "sau hạn" in got.sentence("vi") and "after the deadline" in got.sentence("en")


def test_a_target_with_no_figure_up_to_its_deadline_has_no_information_to_assess():
    got = line(target(80), make_observation(95, year(2026)))
    assert (got.state, got.figure) == (p.TargetState.NO_INFO, None)
    assert fmt_word(got) == "chưa có thông tin đánh giá"


def fmt_word(got: p.TargetLine) -> str:
    return got.sentence("vi").split(": ", 1)[1].split(";")[0]


def test_a_span_deadline_is_due_at_the_end_of_the_span_and_shown_as_the_source_writes_it():
    tg = target(100, year=None, span=period("2025-2027"))
    assert (tg.year, tg.deadline) == (2027, D(2027, 12, 31))
    got = line(tg, make_observation(95.13, period("12/2025")), as_of=D(2026, 12, 2))
    assert got.open and got.state is p.TargetState.NOT_ACHIEVED
    assert "giai đoạn 2025–2027" in got.sentence("vi")
    assert "chưa đến hạn, tiến độ" in got.sentence("vi")
    assert line(tg, make_observation(100, period("6/2027")), as_of=D(2027, 12, 31)).state is p.TargetState.ACHIEVED


def test_a_figure_after_the_cut_off_date_is_not_counted_either():
    got = line(target(80), make_observation(90, period("11/2025")), as_of=D(2025, 10, 1))
    assert (got.state, got.later.value) == (p.TargetState.NO_INFO, 90)


@pytest.mark.parametrize(
    ("judgement", "state", "word"),
    [
        (m.Judgement.BASICALLY_ACHIEVED, p.TargetState.BASICALLY, "cơ bản hoàn thành"),
        (m.Judgement.NOT_CARRIED_OUT, p.TargetState.NOT_CARRIED_OUT, "không thực hiện"),
    ],
)
def test_an_official_s_judgement_decides_the_target_with_its_reason(judgement, state, word):
    judged = m.Assessment(status=judgement, reason="đã đạt 78%, còn 2 xã chưa có cáp", date=D(2026, 1, 15))
    got = line(target(80, assessed=[judged]), make_observation(78, year(2025)))
    assert got.state is state
    assert f"{word} theo đánh giá ngày 15/01/2026, lý do: đã đạt 78%, còn 2 xã chưa có cáp" in got.sentence("vi")


def test_a_judgement_dated_after_the_cut_off_is_not_yet_known():
    judged = m.Assessment(status=m.Judgement.BASICALLY_ACHIEVED, reason="r", date=D(2027, 1, 15))
    assert line(target(80, assessed=[judged]), make_observation(78, year(2025))).state is p.TargetState.NOT_ACHIEVED


def test_a_figure_that_fits_only_imperfectly_carries_its_caveat_into_the_reason():
    figure = make_observation(100, period("5/2023"), caveat="nguồn không nêu mức độ", caveat_en="no levels named")
    got = line(target(100, comparator=m.Comparator.AT_LEAST), figure)
    assert got.state is p.TargetState.ACHIEVED
    assert got.sentence("vi").endswith("lưu ý: nguồn không nêu mức độ")
    assert got.sentence("en").endswith("caveat: no levels named")


def test_a_target_no_indicator_measures_is_counted_with_no_information():
    got = p.target_line(target(100, name="100% khu công nghiệp có 5G", name_en="5G in every zone"), None, D(2026, 1, 1))
    assert (got.state, got.name("vi"), got.name("en")) == (
        p.TargetState.NO_INFO,
        "100% khu công nghiệp có 5G",
        "5G in every zone",
    )
    assert "tệp chưa có chỉ tiêu nào đo mục tiêu này" in got.sentence("vi")


# ---- tasks ------------------------------------------------------------------------------------------------

DONE, DOING, TODO, DROPPED = (
    m.TaskStatus.DONE,
    m.TaskStatus.IN_PROGRESS,
    m.TaskStatus.NOT_STARTED,
    m.TaskStatus.NOT_CARRIED_OUT,
)


@pytest.mark.parametrize(
    ("due", "reports", "as_of", "state", "overdue", "late"),
    [
        ("6/2026", [(D(2026, 6, 20), DONE)], D(2026, 12, 2), p.TaskState.DONE, False, False),  # đúng hạn
        ("6/2026", [(D(2026, 3, 1), DOING), (D(2026, 8, 5), DONE)], D(2026, 12, 2), p.TaskState.DONE, False, True),
        ("Q4/2026", [(D(2026, 9, 1), DOING)], D(2026, 12, 2), p.TaskState.IN_PROGRESS, False, False),  # trong hạn
        ("6/2026", [(D(2026, 3, 1), DOING)], D(2026, 12, 2), p.TaskState.IN_PROGRESS, True, False),  # quá hạn
        ("2026", [], D(2027, 1, 1), p.TaskState.NOT_STARTED, True, False),  # no report yet, past its year
        ("2026", [(D(2026, 5, 1), DROPPED)], D(2027, 1, 1), p.TaskState.NOT_CARRIED_OUT, False, False),
        ("6/2026", [(D(2026, 8, 5), DONE)], D(2026, 7, 1), p.TaskState.NOT_STARTED, True, False),  # report not yet
    ],
)
def test_a_task_takes_its_last_report_by_the_cut_off_and_is_late_against_its_deadline(
    due, reports, as_of, state, overdue, late
):
    made = task(due, *[report(d, s, reason="r" if s is DROPPED else None) for d, s in reports])
    got = p.task_line(a_plan(made), made, as_of)
    assert (got.state, got.overdue, got.late) == (state, overdue, late)


def test_the_counts_come_in_the_province_s_own_sentence():
    figures = [make_observation(v, year(2025)) for v in (90, 80, 70)]
    inds = [make_indicator(id=f"i{k}", observations=[f], targets=[target(80)]) for k, f in enumerate(figures)]
    dropped = m.Assessment(status=m.Judgement.NOT_CARRIED_OUT, reason="dừng theo chỉ đạo", date=D(2025, 6, 1))
    inds.append(make_indicator(id="i3", targets=[target(80, assessed=[dropped])]))
    inds.append(make_indicator(id="i4", targets=[target(80)]))
    tasks = [
        task("6/2026", report(D(2026, 6, 1), DONE), id="a"),
        task("6/2026", report(D(2026, 7, 1), DONE), id="b"),
        task("6/2026", report(D(2026, 5, 1), DOING), id="c"),
        task("2027", report(D(2026, 5, 1), DOING), id="d"),
        task("2026", id="e"),
    ]
    plan = a_plan(*tasks)
    got = p.account_of(make_metrics(*inds, plans=[plan]), plan, D(2026, 12, 2))
    assert got.target_sentence("vi") == (
        "Hoàn thành 02/05 chỉ tiêu (vượt 01); 01/05 chưa hoàn thành; 01/05 không thực hiện; "
        "01/05 chưa có thông tin đánh giá"
    )
    assert got.target_sentence("en") == (
        "Achieved 02/05 targets (over-achieved 01); 01/05 not achieved; 01/05 not carried out; "
        "01/05 no information to assess"
    )
    assert got.task_sentence("vi") == (
        "Hoàn thành 02/05 nhiệm vụ (01 quá hạn); 02/05 đang thực hiện (01 quá hạn); 01/05 chưa thực hiện"
    )
    assert [x.id for x in got.overdue] == ["c"]


def test_the_agency_table_puts_the_agency_with_most_overdue_tasks_first():
    tasks = [
        task("6/2026", report(D(2026, 6, 1), DONE), lead="Sở Nội vụ", id="a"),
        task("6/2026", report(D(2026, 5, 1), DOING), lead="Sở Tài chính", id="b"),
        task("3/2026", lead="Sở Tài chính", id="c"),
        task("2027", report(D(2026, 5, 1), DOING), lead="Sở Nội vụ", id="d"),
    ]
    plan = a_plan(*tasks)
    got = p.account_of(make_metrics(make_indicator(), plans=[plan]), plan, D(2026, 12, 2)).agencies()
    assert got == [
        p.AgencyRow("Sở Tài chính", total=2, done=0, in_progress=1, not_started=1, overdue=2),
        p.AgencyRow("Sở Nội vụ", total=2, done=1, in_progress=1, not_started=0, overdue=0),
    ]


def test_two_plans_setting_targets_for_one_indicator_are_each_counted_in_their_own_plan():
    ind = make_indicator(
        observations=[make_observation(95, year(2025))], targets=[target(90, plan="a"), target(99, plan="b")]
    )
    metrics = make_metrics(ind, plans=[a_plan(id="a"), a_plan(id="b")])
    got = {x.id: [t.state for t in p.account_of(metrics, x, D(2026, 1, 1)).targets] for x in metrics.plans}
    assert got == {"a": [p.TargetState.ACHIEVED], "b": [p.TargetState.NOT_ACHIEVED]}


# ---- the shipped files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["metrics.yaml", "data/regions/tay-ninh.yaml", "data/regions/tay-ninh-cu.yaml"])
def test_the_shipped_plans_validate_and_every_target_plan_exists(path):
    result = load(ROOT / path)
    assert result.metrics is not None, [p.render("en") for p in result.errors]
    ids = {x.id for x in result.metrics.plans}
    assert {"qd-749", "qd-942", "qd-411", "qd-2629", "nq-57", "nq-71", "qd-912", "qd-1588"} <= ids


def test_the_new_tay_ninh_holds_its_own_plans_with_the_2030_targets_of_the_sources():
    metrics = load(ROOT / "data/regions/tay-ninh.yaml").metrics
    got = {
        (x.target.plan, x.target.value, x.target.year)
        for plan in metrics.plans
        if plan.level is m.PlanLevel.PROVINCIAL
        for x in p.account_of(metrics, plan, D(2026, 12, 2)).targets
    }
    assert {("tn-nq57-2030", 30, 2030), ("tn-nq57-2030", 10, 2030), ("tn-nq57-2030", 90, 2030)} <= got
    assert {("tn-ha-tang-so", 70, 2030), ("tn-ha-tang-so", 100, 2030), ("tn-ha-tang-so", 4, 2030)} <= got


def test_plan_749_s_final_account_is_counted_from_the_plans_not_from_a_year_in_the_code(monkeypatch):
    metrics = load(ROOT / "metrics.yaml").metrics
    monkeypatch.setenv(clock.ENV, "02/12/2026")
    account = final_account(metrics)
    assert (account.first, account.year) == (2021, 2025)
    assert (account.total, account.count(account.lines[0].outcome.__class__("achieved"))) == (28, 11)


def test_today_comes_from_one_place_that_a_test_can_fix(monkeypatch):
    monkeypatch.setenv(clock.ENV, "31/12/2027")
    assert clock.today() == D(2027, 12, 31)
    monkeypatch.setenv(clock.ENV, "not a date")
    assert clock.today() == dt.date.today()


def test_long_an_s_level_3_4_figure_counts_toward_its_target_with_the_caveat_that_its_source_names_no_levels():
    metrics = load(ROOT / "metrics.yaml").metrics
    plan = metrics.plan_by_id()["la-cds-2025"]
    got = next(
        x
        for x in p.account_of(metrics, plan, D(2026, 12, 2)).targets
        if x.indicator.id == "tthc-du-dieu-kien-dvctt-muc-3-4"
    )
    assert got.state is p.TargetState.ACHIEVED
    assert "không nêu mức độ 3, 4" in got.sentence("vi") and "names no levels" in got.sentence("en")
    line = next(x for x in final_account(metrics).lines if x.indicator.id == "tthc-du-dieu-kien-dvctt-muc-3-4")
    assert "không nêu mức độ 3, 4" in line.sentence("vi")
