"""The Plans page (AppTest): a plan's counts in the province's words, its targets and tasks, kept in the address."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dxkpi.core import clock
from tests.test_app import app, page_text

ROOT = Path(__file__).resolve().parent.parent
PAGE = "dxkpi/ui/pages/plans.py"

TASKS = """
    tasks:
      - id: nv-01
        title: "Số hoá hồ sơ đất đai"
        lead: "Sở Nông nghiệp và Môi trường"
        partners: ["Sở Khoa học và Công nghệ"]
        due: 6/2026
        reports:
          - date: 15/5/2026
            status: dang-thuc-hien
            obstacles: "Thiếu kinh phí"
      - id: nv-02
        title: "Kho dữ liệu dùng chung của tỉnh"
        lead: "Sở Khoa học và Công nghệ"
        due: Q4/2026
        reports:
          - date: 20/11/2026
            status: hoan-thanh
            result: "Đưa vào vận hành"
            evidence:
              number: "123/QĐ-UBND"
              date: 20/11/2026
"""


@pytest.fixture
def regions_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped files with two tasks in the new Tây Ninh's infrastructure plan; today fixed."""
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / "regions" / "tay-ninh.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: tn-nq57-2030\n"
    path.write_text(text.replace(anchor, TASKS.lstrip("\n") + anchor, 1), encoding="utf-8")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    monkeypatch.setenv(clock.ENV, "02/12/2026")
    return tmp_path


def opened(region: str | None = None, lang: str | None = None, plan: str | None = None):
    at = app()
    for key, value in (("region", region), ("lang", lang), ("plan", plan)):
        if value:
            at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def test_the_new_tay_ninh_s_plan_counts_its_targets_and_tasks_in_the_province_s_sentence(regions_copy):
    at = opened("tay-ninh", plan="tn-ha-tang-so")
    text = page_text(at)
    assert at.title[0].value == "Kế hoạch"
    assert "Hoàn thành 00/07 chỉ tiêu; 02/07 chưa hoàn thành; 05/07 chưa có thông tin đánh giá" in text
    assert "Hoàn thành 01/02 nhiệm vụ; 01/02 đang thực hiện (01 quá hạn)" in text
    assert "Sở Nông nghiệp và Môi trường" in text and "Thiếu kinh phí" in text and "123/QĐ-UBND" in text


def test_the_2629_targets_show_each_one_s_state_and_the_span_as_the_source_writes_it(regions_copy):
    at = opened("tay-ninh", plan="qd-2629")
    text = page_text(at)
    assert "đạt 95,13% (12/2025), mục tiêu ≥100% (giai đoạn 2025–2027, quốc gia): chưa hoàn thành" in text
    assert "100% thông tin, giấy tờ, tài liệu trong thủ tục hành chính liên quan đến sản xuất, kinh doanh" in text
    assert "Hoàn thành 00/08 chỉ tiêu; 01/08 chưa hoàn thành; 07/08 chưa có thông tin đánh giá" in text


def test_in_english_the_counts_and_the_status_words_are_english(regions_copy):
    at = opened("tay-ninh", lang="en", plan="tn-ha-tang-so")
    text = page_text(at)
    assert at.title[0].value == "Plans"
    assert "Achieved 00/07 targets; 02/07 not achieved; 05/07 no information to assess" in text
    assert "Done 01/02 tasks; 01/02 in progress (01 overdue)" in text


def test_the_chosen_plan_is_kept_in_the_address_and_a_link_with_a_plan_opens_it(regions_copy):
    at = opened("tay-ninh")
    at.selectbox(key="plan").set_value("qd-912").run()
    assert at.query_params["plan"] == "qd-912"
    assert "912/QĐ-BKHCN" in page_text(at)
    again = opened("tay-ninh", plan="qd-912")
    assert again.selectbox(key="plan").value == "qd-912"


def test_the_agency_table_and_the_filters_show_who_is_late(regions_copy):
    at = opened("tay-ninh", plan="tn-ha-tang-so")
    at.selectbox(key="plan_task_status").set_value("overdue").run()
    text = page_text(at)
    assert "Số hoá hồ sơ đất đai" in text and "Kho dữ liệu dùng chung" not in text
    at.selectbox(key="plan_task_status").set_value("__all__").run()
    at.selectbox(key="plan_task_agency").set_value("Sở Khoa học và Công nghệ").run()
    text = page_text(at)
    assert "Kho dữ liệu dùng chung" in text and "Số hoá hồ sơ đất đai" not in text
    assert "Theo cơ quan chủ trì" in [x.value for x in at.subheader]


def test_long_an_s_programme_lists_its_milestones_as_tasks_and_its_level_3_4_caveat(regions_copy):
    at = opened(plan="la-cds-2025")
    text = page_text(at)
    assert "Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGPS)" in text
    assert "không nêu mức độ 3, 4" in text


def test_an_agency_chosen_for_one_plan_falls_back_to_all_on_a_plan_that_does_not_have_it(regions_copy):
    path = regions_copy / "data" / "regions" / "tay-ninh.yaml"
    text = path.read_text(encoding="utf-8")
    other = """    tasks:
      - id: nq-nv-01
        title: "Đào tạo kỹ năng số cho người dân"
        lead: "Sở Giáo dục và Đào tạo"
        due: 2026
"""
    anchor = "  - id: tn-nq57-2030\n"
    start = text.index(anchor)
    end = text.index("\n\n", start)  # the end of that plan's block
    path.write_text(text[:end] + "\n" + other.rstrip("\n") + text[end:], encoding="utf-8")
    at = opened("tay-ninh", plan="tn-ha-tang-so")
    at.selectbox(key="plan_task_agency").set_value("Sở Khoa học và Công nghệ").run()
    at.selectbox(key="plan").set_value("tn-nq57-2030").run()
    assert not at.exception
    assert at.selectbox(key="plan_task_agency").value == "__all__"
    assert "Đào tạo kỹ năng số cho người dân" in page_text(at)
