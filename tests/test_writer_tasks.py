"""Adding, editing and removing a task and appending its status report change only those lines, are checked by
the validator before anything is written, and go into the history, where undo takes them back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dxkpi.analysis import plans as p
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.reading.loader import load

ROOT = Path(__file__).resolve().parent.parent
TASK = w.TaskFields(
    id="tn-nv-01",
    title="Lắp trạm 5G tại các khu công nghiệp",
    lead="Sở Khoa học và Công nghệ",
    due="Q2/2026",
    partners=("Viettel Tây Ninh", "VNPT Tây Ninh"),
)


@pytest.fixture
def region(tmp_path) -> Path:
    """A copy of the new Tây Ninh's file with the data/ files it includes."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data" / "regions" / "tay-ninh.yaml"


def opened(path: Path) -> w.Opened:
    got = w.open_file(path)
    assert isinstance(got, w.Opened)
    return got


def write(path: Path, *edits: w.Edit) -> w.Plan:
    planned = w.plan(opened(path), list(edits))
    assert planned.ok, [x.render("en") for x in planned.problems]
    assert History(path).save(planned) == []
    return planned


def test_a_first_task_goes_into_a_new_tasks_list_of_its_plan_and_nothing_else_changes(region):
    before = region.read_text(encoding="utf-8")
    planned = write(region, w.AddTask("tn-ha-tang-so", TASK))
    added, removed = planned.diff()
    assert removed == []
    assert [text for _, text in added] == [
        "    tasks:",
        "      - id: tn-nv-01",
        '        title: "Lắp trạm 5G tại các khu công nghiệp"',
        '        lead: "Sở Khoa học và Công nghệ"',
        '        partners: ["Viettel Tây Ninh", "VNPT Tây Ninh"]',
        "        due: Q2/2026",
    ]
    after = region.read_text(encoding="utf-8")
    assert [x for x in after.splitlines() if x not in [t for _, t in added]] == before.splitlines()
    plan = load(region).metrics.plan_by_id()["tn-ha-tang-so"]
    assert [(t.id, t.lead, t.partners, t.due.end) for t in plan.tasks] == [
        ("tn-nv-01", "Sở Khoa học và Công nghệ", ["Viettel Tây Ninh", "VNPT Tây Ninh"], dt.date(2026, 6, 30))
    ]


def test_a_status_report_is_appended_with_its_evidence_and_the_task_counts_as_done_late(region):
    write(region, w.AddTask("tn-ha-tang-so", TASK))
    write(
        region,
        w.AddReport(
            "tn-ha-tang-so", "tn-nv-01", w.ReportFields("15/5/2026", "dang-thuc-hien", obstacles="Chưa có mặt bằng")
        ),
    )
    report = w.ReportFields(
        "20/8/2026", "hoan-thanh", result="Đã phát sóng", evidence_number="45/BC-SKHCN", evidence_date="21/8/2026"
    )
    planned = write(region, w.AddReport("tn-ha-tang-so", "tn-nv-01", report))
    assert [text for _, text in planned.diff()[0]] == [
        "          - date: 20/8/2026",
        "            status: hoan-thanh",
        '            result: "Đã phát sóng"',
        '            evidence: {number: "45/BC-SKHCN", date: 21/8/2026}',
    ]
    metrics = load(region).metrics
    plan = metrics.plan_by_id()["tn-ha-tang-so"]
    line = p.task_line(plan, plan.tasks[0], dt.date(2026, 12, 2))
    assert (line.state, line.late, line.report.evidence.number) == (p.TaskState.DONE, True, "45/BC-SKHCN")


def test_editing_a_task_changes_only_its_changed_keys_and_keeps_its_reports(region):
    write(region, w.AddTask("tn-ha-tang-so", TASK))
    write(region, w.AddReport("tn-ha-tang-so", "tn-nv-01", w.ReportFields("15/5/2026", "dang-thuc-hien")))
    changed = w.TaskFields(**{**TASK.__dict__, "lead": "Sở Xây dựng", "due": "2026"})
    planned = write(region, w.EditTask("tn-ha-tang-so", "tn-nv-01", changed))
    added, removed = planned.diff()
    assert ([t for _, t in added], [t for _, t in removed]) == (
        ['        lead: "Sở Xây dựng"', "        due: 2026"],
        ['        lead: "Sở Khoa học và Công nghệ"', "        due: Q2/2026"],
    )
    task = load(region).metrics.plan_by_id()["tn-ha-tang-so"].tasks[0]
    assert (task.lead, task.due.text, len(task.reports)) == ("Sở Xây dựng", "2026", 1)


def test_removing_a_task_takes_its_reports_with_it_and_undo_puts_it_back(region):
    write(region, w.AddTask("tn-ha-tang-so", TASK))
    write(region, w.AddReport("tn-ha-tang-so", "tn-nv-01", w.ReportFields("15/5/2026", "dang-thuc-hien")))
    with_task = region.read_bytes()
    write(region, w.RemoveTask("tn-ha-tang-so", "tn-nv-01"))
    assert load(region).metrics.plan_by_id()["tn-ha-tang-so"].tasks == []
    history = History(region)
    assert [e.kind for e in history.entries()][-3:] == ["add", "add", "remove"]
    assert history.undo() == []
    assert region.read_bytes() == with_task


@pytest.mark.parametrize(
    ("report", "code"),
    [
        (w.ReportFields("15/5/2026", "xong"), "bad_choice"),
        (w.ReportFields("15/5/2026", "khong-thuc-hien"), "reason_required"),
        (w.ReportFields("31/2/2026", "hoan-thanh"), "bad_date"),
    ],
)
def test_a_report_the_validator_rejects_comes_back_as_a_problem_and_nothing_is_written(region, report, code):
    write(region, w.AddTask("tn-ha-tang-so", TASK))
    before = region.read_bytes()
    planned = w.plan(opened(region), [w.AddReport("tn-ha-tang-so", "tn-nv-01", report)])
    assert [x.code for x in planned.problems] == [code]
    assert region.read_bytes() == before


def test_a_task_of_a_national_plan_or_an_unknown_task_is_refused_with_a_message(region):
    planned = w.plan(opened(region), [w.AddTask("qd-2629", TASK)])
    assert [x.code for x in planned.problems] == ["unknown_plan"]
    planned = w.plan(opened(region), [w.AddReport("tn-ha-tang-so", "nv-99", w.ReportFields("1/1/2026", "hoan-thanh"))])
    assert [x.code for x in planned.problems] == ["no_such_task"]
    assert "tn-ha-tang-so" in planned.problems[0].render("vi")
