"""The Plans page and the task form in a real headless Chromium.

The Plans page of the new Tây Ninh (its infrastructure plan, with two tasks written into a copy of its file through
the writer, one of them overdue) and of the former Long An (its 2021–2025 programme, whose milestones are its
tasks), in both languages: the counts in the province's sentence, the targets, the tasks overdue first, the table by
agency; the chosen plan kept in the address. Then the update page's task form: a task added, its progress reported,
both on disk and on the Plans page.

Screenshots are left in test-artifacts/screenshots/ (plans-*.png); docs/screenshots/ holds the copies the guides show
(a test run never rewrites a committed file).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.reading.loader import load
from tests.serve import Server, choose, copy_metrics, type_in
from tests.test_e2e import (  # noqa: F401  (page is a fixture; browser comes from conftest.py)
    assert_no_error,
    main_area,
    open_page,
    page,
    screenshot,
    wait_idle,
)

PLAN = "tn-ha-tang-so"
# Two tasks of the new Tây Ninh's infrastructure plan with their reports: one done after its deadline (9/2026), one
# still in progress past its deadline (6/2026; today is 02/12/2026), which the page lists first.
TASKS = [
    (
        w.TaskFields("tn-nv-01", "Kho dữ liệu dùng chung của tỉnh", "Sở Khoa học và Công nghệ", "9/2026"),
        w.ReportFields("20/11/2026", "hoan-thanh", result="Đưa vào vận hành", evidence_number="123/QĐ-UBND"),
    ),
    (
        w.TaskFields(
            "tn-nv-02",
            "Số hoá hồ sơ đất đai",
            "Sở Nông nghiệp và Môi trường",
            "6/2026",
            partners=("Sở Khoa học và Công nghệ",),
        ),
        w.ReportFields("15/5/2026", "dang-thuc-hien", obstacles="Thiếu kinh phí"),
    ),
]


def add_tasks(folder: Path) -> None:
    """TASKS and their reports written into the copy's data/regions/tay-ninh.yaml, as the update page would."""
    region = folder / "data" / "regions" / "tay-ninh.yaml"
    for task, report in TASKS:
        for edit in (w.AddTask(PLAN, task), w.AddReport(PLAN, task.id, report)):
            opened = w.open_file(region)
            assert isinstance(opened, w.Opened)
            planned = w.plan(opened, [edit])
            assert planned.ok, [x.render("en") for x in planned.problems]
            assert History(region).save(planned) == []


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """One server for the read-only tests, on a copy of the files with TASKS in the new Tây Ninh's plan."""
    folder = tmp_path_factory.mktemp("plans")
    metrics = copy_metrics(folder)
    add_tasks(folder)
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    yield server
    server.stop()


def tables(tab: Page) -> Locator:
    """The page's tables in order: targets, tasks, then (where tasks name their agency) the table by agency."""
    return main_area(tab).locator("table.dx-table")


def rows(table: Locator) -> Locator:
    return table.locator("tbody tr")


SEEN_TN = {
    "vi": {
        "title": "Kế hoạch",
        "plan": "Kế hoạch phát triển hạ tầng số của tỉnh Tây Ninh đến năm 2030",
        "targets": "Hoàn thành 00/07 chỉ tiêu; 02/07 chưa hoàn thành; 05/07 chưa có thông tin đánh giá",
        "tasks": "Hoàn thành 01/02 nhiệm vụ (01 quá hạn); 01/02 đang thực hiện (01 quá hạn)",
        "overdue": "⚠ Quá hạn",
        "late": "Hoàn thành quá hạn",
        "agency_header": ["Cơ quan", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Quá hạn"],
    },
    "en": {
        "title": "Plans",
        "plan": "Tây Ninh's digital infrastructure plan to 2030",
        "targets": "Achieved 00/07 targets; 02/07 not achieved; 05/07 no information to assess",
        "tasks": "Done 01/02 tasks (01 late); 01/02 in progress (01 overdue)",
        "overdue": "⚠ Overdue",
        "late": "Done late",
        "agency_header": ["Agency", "Tasks", "Done", "In progress", "Not started", "Overdue"],
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_new_tay_ninh_s_plan_counts_lists_overdue_first_and_leaves_a_screenshot(page: Page, dashboard, lang):  # noqa: F811
    seen = SEEN_TN[lang]
    open_page(page, f"{dashboard.url}/ke-hoach?region=tay-ninh&lang={lang}&plan={PLAN}")
    main = main_area(page)
    expect(main.locator("h1").first).to_have_text(seen["title"])
    expect(page.locator(".st-key-plan input")).to_have_value(seen["plan"])
    expect(main.get_by_test_id("dx-plan-targets")).to_have_text(seen["targets"])
    expect(main.get_by_test_id("dx-plan-tasks")).to_have_text(seen["tasks"])
    targets, tasks, agencies = tables(page).nth(0), tables(page).nth(1), tables(page).nth(2)
    expect(tables(page)).to_have_count(3)
    expect(rows(targets)).to_have_count(7)
    # The tasks: the overdue one first, with its obstacles; the one done late after it, with its evidence.
    expect(rows(tasks)).to_have_count(2)
    first, second = rows(tasks).nth(0), rows(tasks).nth(1)
    expect(first).to_contain_text("Số hoá hồ sơ đất đai")
    expect(first).to_contain_text("tn-nv-02")
    expect(first).to_contain_text(seen["overdue"])
    expect(first).to_contain_text("Thiếu kinh phí")
    expect(second).to_contain_text("Kho dữ liệu dùng chung của tỉnh")
    expect(second).to_contain_text("123/QĐ-UBND")
    expect(second).to_contain_text(seen["late"])  # done, but after its deadline
    expect(second).not_to_contain_text(seen["overdue"])
    # By agency: who is late, in numbers.
    expect(agencies.locator("th")).to_have_text(seen["agency_header"])
    expect(rows(agencies).nth(0).locator("td")).to_have_text(["Sở Nông nghiệp và Môi trường", "1", "0", "1", "0", "1"])
    expect(rows(agencies).nth(1).locator("td")).to_have_text(["Sở Khoa học và Công nghệ", "1", "1", "0", "0", "0"])
    assert_no_error(page)
    assert screenshot(page, f"plans-tay-ninh-{lang}").stat().st_size > 10_000


SEEN_LA = {
    "vi": (
        "Hoàn thành 05/11 chỉ tiêu (vượt 04); 06/11 chưa có thông tin đánh giá",
        "Hoàn thành 04/09 nhiệm vụ; 05/09 đang thực hiện",
        "Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGPS)",
        "không nêu mức độ 3, 4",
    ),
    "en": (
        "Achieved 05/11 targets (over-achieved 04); 06/11 no information to assess",
        "Done 04/09 tasks; 05/09 in progress",
        "Provincial data integration and sharing",
        "levels 3",
    ),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_long_an_s_programme_lists_its_milestones_as_tasks_and_leaves_a_screenshot(page: Page, dashboard, lang):  # noqa: F811
    targets_sentence, tasks_sentence, milestone, caveat = SEEN_LA[lang]
    open_page(page, f"{dashboard.url}/ke-hoach?lang={lang}&plan=la-cds-2025")
    main = main_area(page)
    expect(main.get_by_test_id("dx-plan-targets")).to_have_text(targets_sentence)
    expect(main.get_by_test_id("dx-plan-tasks")).to_have_text(tasks_sentence)
    targets, tasks = tables(page).nth(0), tables(page).nth(1)
    expect(rows(targets)).to_have_count(11)
    expect(targets).to_contain_text(caveat)  # the level-3–4 figure counts, its caveat said beside it
    expect(rows(tasks)).to_have_count(9)
    expect(rows(tasks).nth(0)).to_contain_text(milestone)
    # Milestones name no agency in charge: no agency filter, no table by agency.
    expect(page.locator(".st-key-plan_task_status")).to_be_visible()
    expect(page.locator(".st-key-plan_task_agency")).to_have_count(0)
    expect(tables(page)).to_have_count(2)
    assert_no_error(page)
    assert screenshot(page, f"plans-long-an-{lang}").stat().st_size > 10_000


def test_choosing_a_plan_changes_the_address_and_an_address_with_a_plan_opens_it(page: Page, dashboard):  # noqa: F811
    open_page(page, f"{dashboard.url}/ke-hoach?region=tay-ninh")
    main = main_area(page)
    expect(main.get_by_test_id("dx-plan-targets")).to_have_text(SEEN_TN["vi"]["targets"])  # the file's own plan first
    choose(page, "plan", "912/QĐ-BKHCN")
    expect(page).to_have_url(re.compile(r"/ke-hoach\?.*plan=qd-912"))
    expect(page).to_have_url(re.compile(r"region=tay-ninh"))
    expect(main.locator(".dx-lead").first).to_have_text(
        "Kế hoạch phát triển hạ tầng số giai đoạn 2025–2030 (912/QĐ-BKHCN, 18/05/2025)"
    )
    expect(main.get_by_test_id("dx-plan-targets")).not_to_have_text(SEEN_TN["vi"]["targets"])
    # A link someone sends: the plan in it is the one shown.
    open_page(page, f"{dashboard.url}/ke-hoach?region=tay-ninh&plan=qd-2629")
    expect(page.locator(".st-key-plan input")).to_have_value(
        "Chương trình phát triển Chính phủ số đến năm 2030 (2629/QĐ-TTg, 01/12/2025)"
    )
    expect(main.get_by_test_id("dx-plan-targets")).to_have_text(
        "Hoàn thành 00/08 chỉ tiêu; 01/08 chưa hoàn thành; 07/08 chưa có thông tin đánh giá"
    )
    expect(main).to_contain_text(
        "đạt 95,13% (12/2025), mục tiêu ≥100% (giai đoạn 2025–2027, quốc gia): chưa hoàn thành"
    )
    assert_no_error(page)


def test_the_filters_by_status_and_agency_narrow_the_tasks(page: Page, dashboard):  # noqa: F811
    open_page(page, f"{dashboard.url}/ke-hoach?region=tay-ninh&plan={PLAN}")
    tasks = tables(page).nth(1)
    expect(rows(tasks)).to_have_count(2)
    choose(page, "plan_task_status", "Quá hạn")
    expect(rows(tasks)).to_have_count(1)
    expect(tasks).to_contain_text("Số hoá hồ sơ đất đai")
    choose(page, "plan_task_status", "Tất cả")
    choose(page, "plan_task_agency", "Sở Khoa học và Công nghệ")
    expect(rows(tasks)).to_have_count(1)
    expect(tasks).to_contain_text("Kho dữ liệu dùng chung của tỉnh")
    assert_no_error(page)


# --- the task form --------------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path):
    """A server of its own on a pristine copy: the test writes to it."""
    metrics = copy_metrics(tmp_path)
    server = Server("dashboard.py", tmp_path / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    yield server, tmp_path / "data" / "regions" / "tay-ninh.yaml"
    server.stop()


SAVE = ".st-key-upd_save button"


def test_a_task_added_and_reported_in_the_form_is_on_disk_and_on_the_plans_page(page: Page, served):  # noqa: F811
    server, region = served
    open_page(page, f"{server.url}/cap-nhat?region=tay-ninh")
    page.locator(".st-key-upd_mode").get_by_text("Nhiệm vụ").click()
    wait_idle(page)
    expect(page.locator(".st-key-task_plan input")).to_have_value(SEEN_TN["vi"]["plan"])
    page.locator(".st-key-task_action").get_by_text("Thêm nhiệm vụ").click()
    wait_idle(page)
    prefix = f"task-add-{PLAN}-"
    type_in(page, prefix + "id", "tn-nv-09")
    type_in(page, prefix + "title", "Phủ sóng 5G các khu công nghiệp")
    type_in(page, prefix + "lead", "Sở Khoa học và Công nghệ")
    type_in(page, prefix + "due", "Q2/2027")
    # The preview is the exact lines the save will write; nothing is written yet.
    preview = page.get_by_test_id("stCode").filter(has_text="- id: tn-nv-09")
    expect(preview).to_contain_text('title: "Phủ sóng 5G các khu công nghiệp"')
    expect(preview).to_contain_text('lead: "Sở Khoa học và Công nghệ"')
    expect(preview).to_contain_text("due: Q2/2027")
    assert load(region).metrics.plan_by_id()[PLAN].tasks == []
    page.locator(SAVE).click()
    expect(page.get_by_text("Đã thêm nhiệm vụ.")).to_be_visible()
    task = load(region).metrics.plan_by_id()[PLAN].tasks[0]
    assert (task.id, task.title, task.lead, task.due.text, task.reports) == (
        "tn-nv-09",
        "Phủ sóng 5G các khu công nghiệp",
        "Sở Khoa học và Công nghệ",
        "Q2/2027",
        [],
    )

    # After the save the form is new (keys of the next generation, g1-): report progress on the task.
    page.locator(".st-key-g1-task_action").get_by_text("Báo cáo tiến độ").click()
    wait_idle(page)
    choose(page, "g1-task_task", "tn-nv-09")
    prefix = f"g1-task-report-{PLAN}-tn-nv-09-"
    expect(page.locator(f".st-key-{prefix}date input")).to_have_value("02/12/2026")  # today, from the one clock
    choose(page, prefix + "status", "Đang thực hiện")
    obstacles = page.locator(f".st-key-{prefix}obstacles textarea")
    obstacles.fill("Chưa có mặt bằng đặt trạm")
    obstacles.press("Control+Enter")  # a text area sends its text on Ctrl+Enter (or when it loses focus)
    wait_idle(page)
    preview = page.get_by_test_id("stCode").filter(has_text="- date: 02/12/2026")
    expect(preview).to_contain_text("status: dang-thuc-hien")
    expect(preview).to_contain_text('obstacles: "Chưa có mặt bằng đặt trạm"')
    page.locator(SAVE).click()
    expect(page.get_by_text("Đã ghi báo cáo tiến độ.")).to_be_visible()
    task = load(region).metrics.plan_by_id()[PLAN].tasks[0]
    assert [(r.date.strftime("%d/%m/%Y"), r.status.value, r.obstacles) for r in task.reports] == [
        ("02/12/2026", "dang-thuc-hien", "Chưa có mặt bằng đặt trạm")
    ]
    assert_no_error(page)

    # The Plans page shows it, in time, with the agency's report.
    open_page(page, f"{server.url}/ke-hoach?region=tay-ninh&plan={PLAN}")
    main = main_area(page)
    expect(main.get_by_test_id("dx-plan-tasks")).to_have_text("Hoàn thành 00/01 nhiệm vụ; 01/01 đang thực hiện")
    row = rows(tables(page).nth(1)).nth(0)
    expect(row).to_contain_text("Phủ sóng 5G các khu công nghiệp")
    expect(row).to_contain_text("Chưa có mặt bằng đặt trạm")
    expect(row).not_to_contain_text("Quá hạn")
    assert_no_error(page)
