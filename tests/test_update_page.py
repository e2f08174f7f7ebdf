"""The update and changes pages as Streamlit runs them (AppTest), on a copy of metrics.yaml."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.editing.template import template
from dxkpi.reading.loader import load

ROOT = Path(__file__).parent.parent


@pytest.fixture
def metrics_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped metrics.yaml (and its data/ folder) that a test may change."""
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    return tmp_path / "metrics.yaml"


@pytest.fixture
def served_to_the_network():
    """The app as started with --server.address 0.0.0.0."""
    old = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", old)


def update_page(lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("dxkpi/ui/pages/update.py").run()
    assert not at.exception
    return at


def observations(path: Path, indicator: str) -> list[tuple[str, float | None, str]]:
    ind = next(i for i in load(path).metrics.indicators if i.id == indicator)
    return [(o.period.text, o.value, o.source) for o in ind.observations]


def fill_add(at: AppTest, indicator: str, period: str, value: str, source: str) -> AppTest:
    at.selectbox(key="add_indicator").set_value(indicator).run()
    prefix = f"add-{indicator}-"
    at.text_input(key=prefix + "period").input(period)
    at.text_input(key=prefix + "value").input(value)
    return at.selectbox(key=prefix + "source").set_value(source).run()


def codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def test_adding_a_figure_shows_the_lines_it_will_write_then_writes_them(metrics_copy):
    before = observations(metrics_copy, "cap-quang-xa")
    at = fill_add(update_page(), "cap-quang-xa", "2024", "88,5", "S16")
    assert "- period: 2024\n        value: 88.5\n        source: S16" in codes(at)
    assert observations(metrics_copy, "cap-quang-xa") == before  # nothing written before Save
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["Đã thêm số liệu."]
    assert observations(metrics_copy, "cap-quang-xa") == [*before, ("2024", 88.5, "S16")]
    assert "Hạ tầng băng rộng cáp quang đến xã: thêm 88,5% (2024, nguồn S16)" in codes(at)  # the undo box


def test_editing_and_removing_a_figure(metrics_copy):
    ind = next(i for i in load(metrics_copy).metrics.indicators if i.observations and i.observations[0].value)
    first = (ind.observations[0].period.text, ind.observations[0].source)
    at = update_page()
    at.radio(key="upd_mode").set_value("edit").run()
    at.selectbox(key="edit_indicator").set_value(ind.id).run()
    at.text_input(key=f"edit-{ind.id}-0-value").input("42").run()
    assert "value: 42" in codes(at)
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["Đã lưu thay đổi."]
    assert observations(metrics_copy, ind.id)[0] == (first[0], 42, first[1])

    count = len(ind.observations)
    assert at.radio(key="upd_mode").value == "edit"
    assert at.selectbox(key="g1-edit_indicator").value is None  # after a save the form starts empty
    at.selectbox(key="g1-edit_indicator").set_value(ind.id).run()
    at.toggle(key=f"g1-edit-{ind.id}-0-remove").set_value(True).run()
    assert f"- period: {first[0]}" in codes(at).replace('"', "")
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["Đã xoá số liệu."]
    assert len(observations(metrics_copy, ind.id)) == count - 1
    assert [e.kind for e in History(metrics_copy).entries()] == ["seen", "edit", "remove"]  # seen: first read


def test_a_save_after_someone_saved_the_file_in_notepad_is_refused_and_the_typed_values_stay(metrics_copy):
    at = fill_add(update_page(), "cap-quang-xa", "2024", "88,5", "S16")
    notepad = metrics_copy.read_bytes() + b"# saved in Notepad\n"
    metrics_copy.write_bytes(notepad)
    at.button(key="upd_save").click().run()
    assert metrics_copy.read_bytes() == notepad
    assert "đã được sửa và lưu ở nơi khác" in codes(at)
    assert at.text_input(key="add-cap-quang-xa-period").value == "2024"
    assert at.text_input(key="add-cap-quang-xa-value").value == "88,5"
    # The first read, then the Notepad save as the app noticed it; the refused write logged nothing.
    assert [e.kind for e in History(metrics_copy).entries()] == ["seen", "direct"]
    at.button(key="upd_reload").click().run()  # work on the new file: the typed values are still there
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["Đã thêm số liệu."]
    assert metrics_copy.read_bytes().endswith(b"# saved in Notepad\n")
    assert observations(metrics_copy, "cap-quang-xa")[-1] == ("2024", 88.5, "S16")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("120", "tỷ lệ phần trăm 120 nằm ngoài 0-100"),
        ("1,500", "'1,500' không rõ nghĩa"),
        ("nhiều", "'nhiều' không phải là số"),
    ],
)
def test_a_figure_the_validator_rejects_is_explained_in_the_form_and_nothing_is_written(metrics_copy, value, problem):
    original = metrics_copy.read_bytes()
    at = fill_add(update_page(), "cap-quang-xa", "2024", value, "S16")
    at.button(key="upd_save").click().run()
    assert problem in codes(at)
    assert [e.value for e in at.error][-1] == "Không ghi gì vì còn lỗi ở trên."
    assert metrics_copy.read_bytes() == original
    assert [e.kind for e in History(metrics_copy).entries()] == ["seen"]  # the first read; no change


def test_undo_puts_the_file_back_byte_for_byte(metrics_copy):
    original = metrics_copy.read_bytes()
    at = fill_add(update_page(), "cap-quang-xa", "2024", "88,5", "S16")
    at.button(key="upd_save").click().run()
    assert metrics_copy.read_bytes() != original
    at.button(key="upd_undo").click().run()
    assert [s.value for s in at.success] == ["Đã hoàn tác thay đổi gần nhất."]
    assert metrics_copy.read_bytes() == original


def test_a_new_source_is_added_in_the_same_form(metrics_copy):
    at = update_page("en")
    at.selectbox(key="add_indicator").set_value("cap-quang-xa").run()
    p = "add-cap-quang-xa-"
    at.text_input(key=p + "period").input("2024")
    at.text_input(key=p + "value").input("90")
    at.selectbox(key=p + "source").set_value("\0new").run()
    at.text_input(key=p + "src_id").input("bao-moi-2024")
    at.text_input(key=p + "src_title").input("Bài mới")
    at.text_input(key=p + "src_publisher").input("Báo Long An").run()
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["The figure was added."]
    metrics = load(metrics_copy).metrics
    assert metrics.source_by_id()["bao-moi-2024"].title == "Bài mới"
    assert observations(metrics_copy, "cap-quang-xa")[-1] == ("2024", 90, "bao-moi-2024")


def test_served_to_other_computers_without_a_password_the_page_is_read_only(metrics_copy, served_to_the_network):
    at = update_page("en")
    assert "this page is read-only" in at.info[0].value
    assert [s.key for s in at.main.selectbox] == []


def test_served_to_other_computers_the_password_unlocks_the_form(metrics_copy, served_to_the_network):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.secrets["dxkpi"] = {"editor_password": "mật-khẩu"}
    at.run()
    at.switch_page("dxkpi/ui/pages/update.py").run()
    at.text_input(key="upd_password").input("sai").run()
    assert [e.value for e in at.error] == ["Mật khẩu không đúng."]
    assert [s.key for s in at.main.selectbox] == []
    at.text_input(key="upd_password").input("mật-khẩu").run()
    assert [s.key for s in at.main.selectbox] == ["add_indicator"]


def test_the_changes_page_lists_app_changes_and_hand_edits_newest_first(metrics_copy):
    at = fill_add(update_page(), "cap-quang-xa", "2024", "88,5", "S16")
    at.button(key="upd_save").click().run()
    text = metrics_copy.read_text(encoding="utf-8").replace("value: 88.5", "value: 89")
    metrics_copy.write_text(text, encoding="utf-8")
    at.switch_page("dxkpi/ui/pages/changes.py").run()
    assert not at.exception
    heads = [m.value for m in at.markdown if m.value.startswith("**")]
    assert [h.split("**")[1] for h in heads] == ["Sửa trực tiếp tệp", "Thêm số liệu"]
    assert codes(at).splitlines() == [
        "Hạ tầng băng rộng cáp quang đến xã: 88,5% (2024, nguồn S16) → 89% (2024, nguồn S16)",
        "Hạ tầng băng rộng cáp quang đến xã: thêm 88,5% (2024, nguồn S16)",
    ]
    at.date_input(key="chg_since").set_value(dt.date.today() + dt.timedelta(days=1)).run()
    assert [c.value for c in at.caption][-1] == "0 thay đổi, mới nhất trước."


def test_the_import_part_offers_the_template_and_an_upload(metrics_copy):
    at = update_page()
    at.radio(key="upd_mode").set_value("import").run()
    assert not at.exception
    assert len(at.get("download_button")) == 1
    assert len(at.get("file_uploader")) == 1


def test_a_file_saved_elsewhere_before_anything_is_typed_is_simply_read_again(metrics_copy):
    at = update_page()
    notepad = metrics_copy.read_bytes() + b"# saved in Notepad\n"
    metrics_copy.write_bytes(notepad)
    at.run()  # what the page's file watcher does on a save
    assert [w.value for w in at.warning] == []
    at = fill_add(at, "cap-quang-xa", "2024", "88,5", "S16")
    assert [w.value for w in at.warning] == []
    at.button(key="upd_save").click().run()
    assert [s.value for s in at.success] == ["Đã thêm số liệu."]
    assert metrics_copy.read_bytes().endswith(b"# saved in Notepad\n")


def test_the_changes_page_restores_the_version_before_a_change(metrics_copy):
    original = metrics_copy.read_bytes()
    at = fill_add(update_page("en"), "cap-quang-xa", "2024", "88.5", "S16")
    at.button(key="upd_save").click().run()
    at.switch_page("dxkpi/ui/pages/changes.py").run()
    at.button(key="chg-restore-2").click().run()  # 1 is the first read of the file ("seen")
    assert not at.exception
    assert metrics_copy.read_bytes() == original
    heads = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert heads == ["Version restored", "Figure added"]


def test_a_hand_edit_made_before_any_change_through_the_app_is_on_the_changes_page_with_its_difference(metrics_copy):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()  # the app reads the file: the history starts here
    text = metrics_copy.read_text(encoding="utf-8")
    metrics_copy.write_text(text.replace("        value: 88.9\n", "        value: 89.1\n", 1), encoding="utf-8")
    at.switch_page("dxkpi/ui/pages/changes.py").run()
    heads = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert (not at.exception, heads) == (True, ["Edited directly"])
    assert "88.9%" in codes(at) and "89.1%" in codes(at)
    assert any("The history starts" in c.value for c in at.caption)


def test_a_filled_tasks_sheet_uploaded_on_the_import_part_lands_its_reports_in_one_change(metrics_copy):
    region = metrics_copy.parent / "data" / "regions" / "tay-ninh.yaml"
    task = w.TaskFields("tn-nv-01", "Lắp trạm 5G tại các khu công nghiệp", "Sở Khoa học và Công nghệ", "Q2/2026")
    opened = w.open_file(region)
    assert isinstance(opened, w.Opened)
    region.write_bytes(w.plan(opened, [w.AddTask("tn-ha-tang-so", task)]).data)
    book = template(load(region).metrics, agency="Sở Khoa học và Công nghệ")
    book["Nhiệm vụ"]["G2"], book["Nhiệm vụ"]["H2"] = dt.datetime(2026, 7, 10), "Hoàn thành"
    book["Nhiệm vụ"]["J2"] = "Đã phát sóng"
    data = io.BytesIO()
    book.save(data)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["region"] = "tay-ninh"
    at.run()
    at.switch_page("dxkpi/ui/pages/update.py").run()
    at.radio(key="upd_mode").set_value("import").run()
    assert at.selectbox(key="upd_agency").options == ["Mọi cơ quan", "Sở Khoa học và Công nghệ"]
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].set_value(("so-khcn.xlsx", data.getvalue(), xlsx)).run()
    assert not at.exception
    assert [m.value for m in at.markdown if "Sẽ thêm" in m.value] == [
        "**Sẽ thêm 0 số liệu, 0 nguồn, 1 báo cáo nhiệm vụ:**"
    ]
    at.button(key="upd_import").click().run()
    assert [s.value for s in at.success] == ["Đã nhập 0 số liệu, 0 nguồn, 1 báo cáo nhiệm vụ."]
    (got,) = load(region).metrics.plan_by_id()["tn-ha-tang-so"].tasks
    assert [(r.date, r.status.value, r.result) for r in got.reports] == [
        (dt.date(2026, 7, 10), "hoan-thanh", "Đã phát sóng")
    ]
    assert [e.kind for e in History(region).entries() if e.kind != "seen"] == ["import"]
    assert "Nhiệm vụ tn-nv-01 (kế hoạch tn-ha-tang-so): báo cáo 10/7/2026, Hoàn thành" in codes(at)  # the undo box


def test_two_departments_templates_uploaded_one_after_the_other_both_land_as_two_changes(metrics_copy):
    region = metrics_copy.parent / "data" / "regions" / "tay-ninh.yaml"
    tasks = [
        w.TaskFields("tn-nv-01", "Lắp trạm 5G tại các khu công nghiệp", "Sở Khoa học và Công nghệ", "Q2/2026"),
        w.TaskFields("tn-nv-02", "Số hoá hồ sơ đất đai", "Sở Nông nghiệp và Môi trường", "2026"),
    ]
    for task in tasks:
        opened = w.open_file(region)
        assert isinstance(opened, w.Opened)
        assert History(region).save(w.plan(opened, [w.AddTask("tn-ha-tang-so", task)])) == []
    metrics = load(region).metrics
    files = []
    for task, (day, status) in zip(
        tasks, [(dt.datetime(2026, 7, 10), "Hoàn thành"), (dt.datetime(2026, 11, 1), "Đang thực hiện")], strict=True
    ):
        book = template(metrics, agency=task.lead)
        sheet = book["Nhiệm vụ"]
        assert sheet["A2"].value == task.id and sheet.max_row == 2  # each department sees only its own task
        sheet["G2"], sheet["H2"] = day, status
        data = io.BytesIO()
        book.save(data)
        files.append(data.getvalue())
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["region"] = "tay-ninh"
    at.run()
    at.switch_page("dxkpi/ui/pages/update.py").run()
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for n, data in enumerate(files):
        at.radio(key="upd_mode").set_value("import").run()
        at.file_uploader[0].set_value((f"so-{n}.xlsx", data, xlsx)).run()
        at.button(key="upd_import").click().run()
        assert [s.value for s in at.success] == ["Đã nhập 0 số liệu, 0 nguồn, 1 báo cáo nhiệm vụ."]
    got = {
        t.id: [(r.date, r.status.value) for r in t.reports]
        for t in load(region).metrics.plan_by_id()["tn-ha-tang-so"].tasks
    }
    assert got == {
        "tn-nv-01": [(dt.date(2026, 7, 10), "hoan-thanh")],
        "tn-nv-02": [(dt.date(2026, 11, 1), "dang-thuc-hien")],
    }
    assert [e.kind for e in History(region).entries() if e.kind != "seen"] == ["add", "add", "import", "import"]
