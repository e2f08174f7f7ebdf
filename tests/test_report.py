"""The Báo cáo as data (presentation/report.py): what it says about a small model, and that the Word builder lays
out whatever rows it is given, so the plans work can fill the tables with its targets and tasks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import docx
import pytest

from dxkpi.analysis.window import ReportKind
from dxkpi.core import model as m
from dxkpi.export.report_docx import build
from dxkpi.presentation.report import Annex, TaskRow, draft, place_of
from tests.builders import make_indicator, make_metrics, make_observation, year

TODAY = dt.date(2026, 12, 2)
SOURCES = [
    m.Source("bao", "Bài báo", "baotayninh.vn", m.SourceKind.NEWS, date=dt.date(2026, 3, 1)),
    m.Source("qd", "Quyết định", "UBND tỉnh", m.SourceKind.DECISION),
]


def target(value: float, y: int) -> m.Target:
    return m.Target(value, m.Comparator.AT_LEAST, m.Level.PROVINCIAL, "qd", year=y)


def model(**meta: str) -> m.Metrics:
    """One indicator behind its 2025 target and measured against 2030, one milestone in progress."""
    share = make_indicator(
        id="dvc",
        name="Tỷ lệ dịch vụ công trực tuyến",
        observations=[
            make_observation(40.0, year(2023), source="bao"),
            make_observation(50.0, year(2025), source="bao", qualifier=[m.Qualifier.NEARLY]),
        ],
        targets=[target(80, 2025), target(100, 2030)],
    )  # fmt: skip
    step = make_indicator(
        id="lgsp",
        name="Nền tảng LGSP",
        kind=m.Kind.MILESTONE,
        pillar=m.Pillar.FOUNDATIONS,
        observations=[m.Observation(year(2025), "bao", status=m.MilestoneStatus.IN_PROGRESS, note="Đang thử.")],
    )
    base = m.Meta(title="t", region="Tây Ninh (cũ)", program="p", reporting_period="2021–2025", **meta)
    return make_metrics(share, step, meta=base, sources=SOURCES)


@pytest.mark.parametrize(
    ("meta", "place"),
    [
        (m.Meta("t", "Tây Ninh (cũ)", "p", "r"), "Tây Ninh"),
        (m.Meta("t", "Long An", "p", "r"), "Long An"),
        (m.Meta("t", "Long An", "p", "r", report_place="Tân An"), "Tân An"),
    ],
)
def test_the_place_is_the_files_own_else_the_regions_name_without_its_note(meta, place):
    assert place_of(meta) == place


def test_the_letterhead_comes_from_the_file_and_else_leaves_bracketed_blanks():
    filled = draft(model(report_parent="UBND tỉnh Tây Ninh", report_issuer="Sở KH&CN", report_issuer_short="SKHCN"),
                   today=TODAY).letterhead  # fmt: skip
    blank = draft(model(), today=TODAY).letterhead
    assert (filled.parent, filled.issuer, filled.number, filled.place_date) == (
        "UBND TỈNH TÂY NINH",
        "SỞ KH&CN",
        "Số: …/BC-SKHCN",
        "Tây Ninh, ngày 02 tháng 12 năm 2026",
    )
    assert (blank.parent, blank.issuer, blank.number) == ("[CƠ QUAN CHỦ QUẢN]", "[CƠ QUAN BAN HÀNH]", "Số: …/BC-…")


def text_of(report) -> str:
    return "\n".join("".join(r.text for r in b.runs) or f"{b.number} {b.title}" for b in report.body)


def test_a_target_behind_is_a_shortcoming_with_its_reason_and_points_to_the_account_not_to_a_page():
    text = text_of(draft(model(), today=TODAY))
    assert "- Tỷ lệ dịch vụ công trực tuyến: " in text
    assert "(đo so với mục tiêu 2030; mục tiêu 2025 đã qua: xem mục I.2)." in text
    assert "xem trang" not in text
    assert "- Nền tảng LGSP: đang thực hiện (2025); ghi chú của tệp số liệu: Đang thử." in text


def test_the_figure_keeps_its_qualifier_and_its_footnote_cites_the_figures_and_the_targets_source():
    report = draft(model(), today=TODAY)
    run = next(r for b in report.body for r in b.runs if r.note)
    assert (run.text, run.note) == (
        "Tỷ lệ dịch vụ công trực tuyến: gần 50% năm 2025",
        "Số liệu: [bao] baotayninh.vn, “Bài báo”, 01/03/2026. Mục tiêu: [qd] UBND tỉnh, “Quyết định”.",
    )


@pytest.mark.parametrize(
    ("lang", "notes"),
    [
        (
            "vi",
            [
                "Số liệu: [bao] baotayninh.vn, “Bài báo”, 01/03/2026. Mục tiêu: [qd] UBND tỉnh, “Quyết định”.",
                "Số liệu: [bao], xem chú thích 1. Mục tiêu: [qd], xem chú thích 1.",
                "Số liệu: [kh] Sở KH&CN, “Kế hoạch”. Mục tiêu: [kh].",  # the same source twice in one note
            ],
        ),
        (
            "en",
            [
                "Figure: [bao] baotayninh.vn, “Bài báo”, 01/03/2026. Target: [qd] UBND tỉnh, “Quyết định”.",
                "Figure: [bao], see note 1. Target: [qd], see note 1.",
                "Figure: [kh] Sở KH&CN, “Kế hoạch”. Target: [kh].",
            ],
        ),
    ],
)
def test_a_source_is_cited_in_full_in_its_first_footnote_and_after_that_by_its_id_and_that_notes_number(lang, notes):
    metrics = model()
    first = metrics.indicators[0]
    again = dataclasses.replace(first, id="dvc-2", name="Tỷ lệ hồ sơ trực tuyến")
    plan = m.Source("kh", "Kế hoạch", "Sở KH&CN", m.SourceKind.DECISION)
    own = dataclasses.replace(
        first,
        id="dvc-3",
        name="Tỷ lệ thủ tục",
        observations=[make_observation(60.0, year(2025), source="kh")],
        targets=[dataclasses.replace(t, source="kh") for t in first.targets],
    )
    indicators = [first, again, own, *metrics.indicators[1:]]
    report = draft(dataclasses.replace(metrics, indicators=indicators, sources=[*metrics.sources, plan]), lang=lang,
                   today=TODAY)  # fmt: skip
    assert [r.note for b in report.body for r in b.runs if r.note] == notes


def test_before_its_source_was_published_the_figure_is_not_in_the_report():
    report = draft(model(), as_of=dt.date(2026, 2, 28), today=TODAY)
    assert ([r.note for b in report.body for r in b.runs if r.note], report.annexes[0].rows[0][3]) == ([], "—")


@pytest.mark.parametrize(
    ("kind", "rows"),
    [
        (ReportKind.YEAR, [("1", "Tỷ lệ dịch vụ công trực tuyến", "≥100% (2030, tỉnh)", "gần 50%", "2025",
                            "Có nguy cơ chậm tiến độ", "baotayninh.vn, 01/03/2026; UBND tỉnh")]),
        (ReportKind.PERIOD, [("1", "Tỷ lệ dịch vụ công trực tuyến", "≥80% (2025, tỉnh)", "gần 50%", "2025",
                              "Chưa hoàn thành", "baotayninh.vn, 01/03/2026; UBND tỉnh")]),
    ],
)  # fmt: skip
def test_phu_luc_i_lists_the_targets_the_kind_of_report_is_about(kind, rows):
    assert list(draft(model(), kind=kind, today=TODAY).annexes[0].rows) == rows


def test_until_plans_exist_phu_luc_ii_lists_the_milestones_with_blank_agency_and_deadline():
    annex = draft(model(), today=TODAY).annexes[1]
    assert list(annex.rows) == [
        ("1", "Nền tảng LGSP", "—", "—", "Đang thực hiện (2025)", "Đang thử.", "baotayninh.vn, 01/03/2026")
    ]
    assert "cơ quan chủ trì và thời hạn để trống (—) vì tệp không ghi" in annex.note


def test_the_builder_lays_out_any_task_rows_it_is_given(tmp_path):
    report = draft(model(), today=TODAY)
    task = TaskRow("Triển khai LGSP", "Sở KH&CN", "30/06/2026", "Quá hạn", "Chưa có kinh phí", "Kế hoạch 12/KH-UBND")
    planned: Annex = dataclasses.replace(report.annexes[1], rows=(("1", *dataclasses.astuple(task)),))
    build(dataclasses.replace(report, annexes=(report.annexes[0], planned)), tmp_path / "r.docx")
    table = docx.Document(str(tmp_path / "r.docx")).tables[3]
    assert [c.text for c in table.rows[1].cells] == ["1", *dataclasses.astuple(task)]
