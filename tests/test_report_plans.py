"""The Word report counts a plan: the new Tây Ninh's tn-ha-tang-so with two tasks added to a copy of its file (as the
update page adds them), exported by the real command and read back with python-docx. Its counts are the Plans
page's sentence, Phụ lục I holds its targets and Phụ lục II its tasks (the overdue one first and marked), and a task
report dated after --as-of is not used."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest

from dxkpi.analysis import plans
from dxkpi.analysis.window import cut
from dxkpi.core import fmt
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.reading.loader import load
from tests.test_export import ROOT, run

PLAN = "tn-ha-tang-so"
AS_OF = dt.date(2026, 11, 1)
LATE = w.TaskFields(id="tn-nv-01", title="Lắp trạm 5G tại các khu công nghiệp", lead="Sở Khoa học và Công nghệ",
                    due="Q2/2026")  # fmt: skip
ON_TIME = w.TaskFields(id="tn-nv-02", title="Phủ cáp quang đến các ấp vùng biên", lead="Sở Xây dựng", due="2026")
REPORTS = [
    (LATE.id, w.ReportFields("15/5/2026", "dang-thuc-hien", obstacles="Chưa có mặt bằng đặt trạm")),
    (ON_TIME.id, w.ReportFields("10/3/2026", "dang-thuc-hien", result="Đã khảo sát 40 ấp")),
    # after the cut-off (01/11/2026): never in a report cut off before it
    (ON_TIME.id, w.ReportFields("20/11/2026", "hoan-thanh", result="Đã phủ cáp quang 100% ấp vùng biên",
                                evidence_number="88/BC-SXD", evidence_date="21/11/2026")),
]  # fmt: skip


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    """A copy of the new Tây Ninh's file and the data/ files it includes, with the two tasks and their reports."""
    folder = tmp_path_factory.mktemp("plan")
    shutil.copytree(ROOT / "data", folder / "data")
    path = folder / "data" / "regions" / "tay-ninh.yaml"
    edits: list[w.Edit] = [w.AddTask(PLAN, LATE), w.AddTask(PLAN, ON_TIME)]
    edits += [w.AddReport(PLAN, task, report) for task, report in REPORTS]
    for edit in edits:  # one change each, as the update page makes them
        opened = w.open_file(path)
        assert isinstance(opened, w.Opened)
        planned = w.plan(opened, [edit])
        assert planned.ok, [x.render("en") for x in planned.problems]
        assert History(path).save(planned) == []
    return path


def exported(region: Path, *extra: str) -> docx.document.Document:
    out = region.parent.parent.parent / f"report-{len(list(region.parent.parent.parent.glob('*.docx')))}.docx"
    result = run("--format", "docx", "--metrics", str(region), "-o", str(out), *extra)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{out}\n", "")
    return docx.Document(str(out))


@pytest.fixture(scope="module")
def report(region) -> docx.document.Document:
    return exported(region, "--plan", PLAN, "--as-of", fmt.date(AS_OF))


def account(region: Path, as_of: dt.date = AS_OF) -> plans.PlanAccount:
    metrics = load(region).metrics
    assert metrics is not None
    return plans.account_of(cut(metrics, as_of), metrics.plan_by_id()[PLAN], as_of)


def body(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def everything(doc) -> str:
    return body(doc) + "\n" + "\n".join(c.text for t in doc.tables for c in t._cells)


def test_the_results_give_the_plans_counts_of_targets_and_tasks_in_the_provinces_sentence(region, report):
    counted = account(region)
    text = body(report)
    assert counted.task_sentence("vi") == "Hoàn thành 00/02 nhiệm vụ; 02/02 đang thực hiện (01 quá hạn)"
    assert f"\n{counted.target_sentence('vi')} (chi tiết tại Phụ lục I).\n" in text
    assert f"\n{counted.task_sentence('vi')} (chi tiết tại Phụ lục II).\n" in text
    assert "Kế hoạch được báo cáo: Kế hoạch phát triển hạ tầng số của tỉnh Tây Ninh đến năm 2030; đánh giá đến ngày " \
        "01/11/2026." in text  # fmt: skip


def test_phu_luc_i_has_one_row_per_target_of_the_plan_in_the_plans_pages_words(region, report):
    from dxkpi.presentation.plan_rows import target_rows

    counted = account(region)
    page = target_rows(counted, load(region).metrics.source_by_id(), "vi")
    rows = [[c.text for c in r.cells] for r in report.tables[2].rows[1:]]
    assert len(rows) == len(counted.targets) == 7
    assert [(r[0], r[1], r[3], r[4], r[6]) for r in rows] == [
        (str(n), x.name, x.figure, x.period, x.source) for n, x in enumerate(page, 1)
    ]
    assert [r[2] for r in rows] == [f"{x.goal}; {x.plan}" for x in page]
    assert [r[5] for r in rows] == [x.status_text.split(" ", 1)[1] for x in page]  # the page's word, not its icon
    assert {r[5] for r in rows} == {"Chưa hoàn thành", "Chưa có thông tin đánh giá"}


def test_phu_luc_ii_has_one_row_per_task_the_overdue_one_first_and_marked_with_its_obstacles(report):
    rows = [[c.text for c in r.cells] for r in report.tables[3].rows[1:]]
    # the deadline as the Plans page words it (Q2/2026 is the quarter's days)
    assert rows == [
        ["1", LATE.title, LATE.lead, "01/04/2026 – 30/06/2026", "Đang thực hiện · quá hạn (15/05/2026)",
         "Khó khăn, vướng mắc: Chưa có mặt bằng đặt trạm", "—"],
        ["2", ON_TIME.title, ON_TIME.lead, "2026", "Đang thực hiện (10/03/2026)", "Đã khảo sát 40 ấp", "—"],
    ]  # fmt: skip


def test_the_shortcomings_give_the_plans_unmet_targets_with_why_and_its_overdue_task_with_its_obstacles(region, report):
    text = body(report)
    unmet = [x for x in account(region).targets if x.state is plans.TargetState.NOT_ACHIEVED]
    assert unmet
    assert all(f"- {x.name('vi')}: {x.sentence('vi')}." in text for x in unmet)
    assert (
        "- Lắp trạm 5G tại các khu công nghiệp (Sở Khoa học và Công nghệ; hạn 01/04/2026 – 30/06/2026): "
        "đang thực hiện · quá hạn, báo cáo ngày 15/05/2026; khó khăn, vướng mắc: Chưa có mặt bằng đặt trạm."
    ) in text
    assert "Phủ cáp quang đến các ấp vùng biên (" not in text  # in time: not a shortcoming


def test_a_task_report_dated_after_the_cut_off_is_not_used_and_is_once_the_cut_off_passes_it(region, report):
    later = exported(region, "--plan", PLAN)  # cut off today, 02/12/2026
    words = ("Đã phủ cáp quang 100% ấp vùng biên", "88/BC-SXD", "20/11/2026")
    assert [w_ in everything(report) for w_ in words] == [False, False, False]
    assert [w_ in everything(later) for w_ in words] == [True, True, True]
    assert f"\n{account(region, dt.date(2026, 12, 2)).task_sentence('vi')} (chi tiết tại Phụ lục II)." in body(later)


def test_without_plan_the_report_counts_the_first_open_plan_the_provinces_own(region, report):
    assert body(exported(region, "--as-of", fmt.date(AS_OF))) == body(report)


def test_another_plan_can_be_chosen(region):
    doc = exported(region, "--plan", "qd-2629", "--as-of", fmt.date(AS_OF))
    metrics = load(region).metrics
    chosen = plans.account_of(cut(metrics, AS_OF), metrics.plan_by_id()["qd-2629"], AS_OF)
    assert f"Kế hoạch được báo cáo: {fmt.plan_title(chosen.plan)}" in body(doc)
    assert len(doc.tables[2].rows) - 1 == len(chosen.targets)
    assert LATE.title not in everything(doc)


def test_an_unknown_plan_is_a_usage_message_listing_the_plans_with_no_traceback_and_no_file(region, tmp_path):
    out = tmp_path / "x.docx"
    result = run("--format", "docx", "--metrics", str(region), "-o", str(out), "--plan", "tn-ha-tang", "--lang", "en")
    ids = ", ".join(p.id for p in plans.plan_order(load(region).metrics))
    assert (result.returncode, result.stdout, "Traceback" in result.stderr, out.exists()) == (2, "", False, False)
    assert result.stderr == f"Unknown plan 'tn-ha-tang' in {region}: the plans are {ids}\n"
    assert ids.startswith("tn-ha-tang-so, tn-nq57-2030, ")


def test_the_plan_a_report_counts_is_the_one_named_else_the_first_open_one_and_none_for_a_period_report():
    from dxkpi.analysis.window import ReportKind
    from dxkpi.presentation.report import UnknownPlan, draft, report_plan

    metrics = load(ROOT / "data/regions/tay-ninh.yaml").metrics
    chosen = [report_plan(metrics, AS_OF, kind, plan) for kind, plan in
              ((ReportKind.YEAR, None), (ReportKind.QUARTER, None), (ReportKind.PERIOD, None),
               (ReportKind.PERIOD, "qd-749"))]  # fmt: skip
    assert [x.id if x else None for x in chosen] == ["tn-ha-tang-so", "tn-ha-tang-so", None, "qd-749"]
    with pytest.raises(UnknownPlan) as raised:
        report_plan(metrics, AS_OF, ReportKind.YEAR, "nope")
    assert raised.value.known == [p.id for p in plans.plan_order(metrics)]
    period = draft(metrics, kind=ReportKind.PERIOD, plan="qd-749", as_of=AS_OF)
    assert (period.plan.id, period.annexes[0].rows[0][2].endswith("; 749/QĐ-TTg")) == ("qd-749", True)
