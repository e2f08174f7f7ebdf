"""The plans under way in every export, read back: the new Tây Ninh's plans with their counts in the province's
sentence and an overdue task, in the PDF, the PowerPoint, the HTML and the Excel file, the same words as the page."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from dxkpi.analysis import plans as p
from dxkpi.core import clock
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.reading.loader import load
from tests.test_export import ROOT, one_line, run

PLAN = "tn-ha-tang-so"
LATE = "Lắp trạm 5G tại các khu công nghiệp"  # due Q2/2026, only ever reported in progress: overdue on 02/12/2026
DONE = "Kho dữ liệu hạ tầng số"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """A copy of the shipped files whose new Tây Ninh plan has two tasks, one of them overdue."""
    root = tmp_path_factory.mktemp("plans")
    shutil.copy(ROOT / "metrics.yaml", root / "metrics.yaml")
    shutil.copytree(ROOT / "data", root / "data")
    region = root / "data" / "regions" / "tay-ninh.yaml"
    edits = [
        w.AddTask(PLAN, w.TaskFields("tn-nv-01", LATE, "Sở Khoa học và Công nghệ", "Q2/2026")),
        w.AddTask(PLAN, w.TaskFields("tn-nv-02", DONE, "Sở Xây dựng", "2026")),
        w.AddReport(PLAN, "tn-nv-01", w.ReportFields("15/5/2026", "dang-thuc-hien", obstacles="Chưa có mặt bằng")),
        w.AddReport(PLAN, "tn-nv-02", w.ReportFields("20/11/2026", "hoan-thanh")),
    ]
    for edit in edits:  # one at a time, as the update page saves them: a report needs its task in the file
        opened = w.open_file(region)
        assert isinstance(opened, w.Opened)
        planned = w.plan(opened, [edit])
        assert planned.ok and History(region).save(planned) == []
    return root


@pytest.fixture(scope="module")
def accounts(files) -> list[p.PlanAccount]:
    metrics = load(files / "data" / "regions" / "tay-ninh.yaml").metrics
    return [p.account_of(metrics, plan, clock.today()) for plan in p.open_plans(metrics)]


def exported(files: Path, fmt: str) -> Path:
    result = run("--format", fmt, "--region", "tay-ninh", "--metrics", str(files / "metrics.yaml"), cwd=files)
    assert (result.returncode, result.stderr) == (0, "")
    return files / result.stdout.strip()


def test_the_fixture_has_the_plans_the_page_shows_with_one_overdue_task(accounts):
    ours = next(a for a in accounts if a.plan.id == PLAN)
    assert [x.title("vi") for x in ours.overdue] == [LATE]
    assert ours.task_sentence("vi") == "Hoàn thành 01/02 nhiệm vụ; 01/02 đang thực hiện (01 quá hạn)"


def test_the_pdf_has_each_plan_s_counts_and_the_overdue_task(files, accounts):
    text = one_line("\n".join(page.extract_text() for page in PdfReader(str(exported(files, "pdf"))).pages))
    missing = [a.plan.id for a in accounts if one_line(a.target_sentence("vi")) not in text]
    assert (missing, "Các kế hoạch đang thực hiện" in text, "Nhiệm vụ quá hạn" in text, LATE in text) == (
        [],
        True,
        True,
        True,
    )


def test_the_pptx_has_a_plans_slide_and_an_overdue_tasks_slide_as_text(files, accounts):
    deck = Presentation(str(exported(files, "pptx")))

    def text(slide) -> str:
        out = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        out += [c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
        return "\n".join(out)

    slides = {s.shapes.title.text: text(s) for s in deck.slides}
    plans, late = slides["Các kế hoạch đang thực hiện"], slides["Nhiệm vụ quá hạn"]
    assert [a.plan.id for a in accounts if a.target_sentence("vi") not in plans] == []
    assert (LATE in late, "Chưa có mặt bằng" in late, DONE in late) == (True, True, False)


def test_the_html_has_the_plans_section_with_each_plan_s_counts(files, accounts):
    page = html.unescape(re.sub(r"<[^>]+>", " ", exported(files, "html").read_text(encoding="utf-8")))
    assert [a.plan.id for a in accounts if a.target_sentence("vi") not in page] == []
    assert LATE in page


def test_the_xlsx_has_the_plans_their_targets_and_their_tasks_overdue_first(files, accounts):
    book = load_workbook(exported(files, "xlsx"))
    plans = [[c.value for c in row] for row in book["Kế hoạch"].iter_rows(min_row=2)]
    assert [(r[5], r[3], r[4]) for r in plans] == [
        (a.plan.id, a.target_sentence("vi"), a.task_sentence("vi")) for a in accounts
    ]
    targets = list(book["Chỉ tiêu kế hoạch"].iter_rows(min_row=2, values_only=True))
    assert len(targets) == sum(len(a.targets) for a in accounts)
    tasks = list(book["Nhiệm vụ"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[6]) for r in tasks] == [
        ("tn-nv-01", "➜ Đang thực hiện · quá hạn"),
        ("tn-nv-02", "✔ Hoàn thành"),
    ]
    counted = next(r for r in targets if r[4] is not None)  # a figure counted is a number, not text
    assert isinstance(counted[4], int | float)
