"""The update page's task forms (AppTest): add a task, report its progress, edit and remove it, each previewed as
the exact lines, saved, recorded in the history and undoable, on a copy of the shipped files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dxkpi.core import clock
from dxkpi.editing.history import History
from dxkpi.reading.loader import load

ROOT = Path(__file__).parent.parent
PLAN = "tn-ha-tang-so"


@pytest.fixture
def region(tmp_path, monkeypatch) -> Path:
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    monkeypatch.setenv(clock.ENV, "02/12/2026")
    return tmp_path / "data" / "regions" / "tay-ninh.yaml"


def tasks_form(lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = lang
    at.query_params["region"] = "tay-ninh"
    at.run()
    at.switch_page("dxkpi/ui/pages/update.py").run()
    at.radio(key="upd_mode").set_value("tasks").run()
    assert not at.exception
    return at


def codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def tasks(path: Path) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    plan = load(path).metrics.plan_by_id()[PLAN]
    return [
        (t.id, t.lead, t.due.text, [(r.date.strftime("%d/%m/%Y"), r.status.value) for r in t.reports])
        for t in plan.tasks
    ]


def add_task(at: AppTest) -> AppTest:
    at.selectbox(key="task_plan").set_value(PLAN).run()
    at.radio(key="task_action").set_value("add").run()
    prefix = f"task-add-{PLAN}-"
    at.text_input(key=prefix + "id").input("tn-nv-01")
    at.text_input(key=prefix + "title").input("Lắp trạm 5G tại các khu công nghiệp")
    at.text_input(key=prefix + "lead").input("Sở Khoa học và Công nghệ")
    at.text_input(key=prefix + "partners").input("Viettel Tây Ninh; VNPT Tây Ninh")
    return at.text_input(key=prefix + "due").input("Q2/2026").run()


def test_only_the_file_s_own_plans_are_offered(region):
    at = tasks_form()
    assert at.selectbox(key="task_plan").options == [
        "Kế hoạch phát triển hạ tầng số của tỉnh Tây Ninh đến năm 2030",
        "Các chỉ tiêu đến năm 2030 của tỉnh Tây Ninh thực hiện Nghị quyết 57-NQ/TW",
    ]


def test_adding_a_task_shows_its_lines_then_writes_them_and_the_undo_box_names_it(region):
    at = add_task(tasks_form())
    assert '- id: tn-nv-01\n        title: "Lắp trạm 5G tại các khu công nghiệp"' in codes(at)
    assert tasks(region) == []  # nothing written before Save
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["Đã thêm nhiệm vụ."]
    assert tasks(region) == [("tn-nv-01", "Sở Khoa học và Công nghệ", "Q2/2026", [])]
    assert f"Nhiệm vụ tn-nv-01 (kế hoạch {PLAN}): thêm" in codes(at)


def test_a_progress_report_is_appended_and_a_not_carried_out_without_reason_is_refused(region):
    at = add_task(tasks_form())
    at.button(key="upd_save").click().run()
    at.selectbox(key="g1-task_plan").set_value(PLAN).run()
    at.radio(key="g1-task_action").set_value("report").run()
    at.selectbox(key="g1-task_task").set_value("tn-nv-01").run()
    prefix = f"g1-task-report-{PLAN}-tn-nv-01-"
    assert at.text_input(key=prefix + "date").value == "02/12/2026"  # today, from the one clock
    at.selectbox(key=prefix + "status").set_value("khong-thuc-hien").run()
    assert "cần lý do" in codes(at)
    at.text_input(key=prefix + "reason").input("Doanh nghiệp viễn thông chưa bố trí vốn").run()
    at.text_area(key=prefix + "obstacles").input("Thiếu vốn").run()
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["Đã ghi báo cáo tiến độ."]
    assert tasks(region) == [("tn-nv-01", "Sở Khoa học và Công nghệ", "Q2/2026", [("02/12/2026", "khong-thuc-hien")])]
    assert [e.kind for e in History(region).entries()][-2:] == ["add", "add"]


def test_editing_then_removing_a_task_and_undo_brings_it_back(region):
    at = add_task(tasks_form("en"))
    at.button(key="upd_save").click().run()
    at.selectbox(key="g1-task_plan").set_value(PLAN).run()
    at.radio(key="g1-task_action").set_value("edit").run()
    at.selectbox(key="g1-task_task").set_value("tn-nv-01").run()
    prefix = f"g1-task-edit-{PLAN}-tn-nv-01-"
    at.text_input(key=prefix + "due").input("2026").run()
    assert "due: 2026" in codes(at)
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["The task's change was saved."]
    assert tasks(region)[0][2] == "2026"
    at.selectbox(key="g2-task_plan").set_value(PLAN).run()
    at.radio(key="g2-task_action").set_value("remove").run()
    at.selectbox(key="g2-task_task").set_value("tn-nv-01").run()
    at.button(key="upd_save").click().run()
    assert tasks(region) == []
    at.button(key="upd_undo").click().run()
    assert tasks(region) == [("tn-nv-01", "Sở Khoa học và Công nghệ", "2026", [])]
