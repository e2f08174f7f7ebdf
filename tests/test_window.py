"""A periodic report's window (Thông tư 02/2023's mid-month spans) and its cut-off: only what was known by then."""

from __future__ import annotations

import datetime as dt

import pytest

from dxkpi.analysis.window import ReportKind, cut, dated, known_by, window
from dxkpi.core.model import Period, Source, SourceKind
from tests.builders import make_indicator, make_metrics, make_observation, year

D = dt.date


@pytest.mark.parametrize(
    ("kind", "as_of", "start", "end", "name_vi", "name_en"),
    [
        (ReportKind.MONTH, D(2026, 12, 2), D(2026, 11, 15), D(2026, 12, 14), "tháng 12/2026", "12/2026"),
        (ReportKind.MONTH, D(2026, 1, 20), D(2025, 12, 15), D(2026, 1, 14), "tháng 01/2026", "01/2026"),
        (ReportKind.QUARTER, D(2026, 12, 2), D(2026, 9, 15), D(2026, 12, 14), "quý IV/2026", "Q4 2026"),
        (ReportKind.QUARTER, D(2026, 2, 1), D(2025, 12, 15), D(2026, 3, 14), "quý I/2026", "Q1 2026"),
        (ReportKind.HALF, D(2026, 5, 1), D(2025, 12, 15), D(2026, 6, 14), "6 tháng đầu năm 2026",
         "the first half of 2026"),
        (ReportKind.YEAR, D(2026, 12, 2), D(2025, 12, 15), D(2026, 12, 14), "năm 2026", "2026"),
        (ReportKind.PERIOD, D(2026, 3, 1), D(2021, 1, 1), D(2025, 12, 31), "giai đoạn 2021–2025",
         "the 2021–2025 period"),
    ],
)  # fmt: skip
def test_each_kind_of_report_covers_the_window_the_reporting_rules_give(kind, as_of, start, end, name_vi, name_en):
    w = window(kind, as_of)
    assert (w.start, w.end, w.name("vi"), w.name("en")) == (start, end, name_vi, name_en)


def test_the_window_says_which_span_it_is_and_by_which_rule():
    assert window(ReportKind.YEAR, D(2026, 12, 2)).rule("vi") == (
        "Kỳ báo cáo năm 2026 tính từ ngày 15/12/2025 đến ngày 14/12/2026 (theo Thông tư 02/2023/TT-BTTTT, "
        "Nghị định 09/2019/NĐ-CP)."
    )


SOURCES = {
    "dated": Source("dated", "t", "p", SourceKind.NEWS, date=D(2025, 10, 15)),
    "undated": Source("undated", "t", "p", SourceKind.NEWS),
}
OCTOBER = Period("10/2025", D(2025, 10, 1), D(2025, 10, 31))


@pytest.mark.parametrize(
    ("period", "source", "as_of", "known"),
    [
        (OCTOBER, "dated", D(2025, 10, 15), True),  # published mid-month: known from that day
        (OCTOBER, "dated", D(2025, 10, 14), False),
        (OCTOBER, "undated", D(2025, 10, 20), False),  # no date: known once its period has ended
        (OCTOBER, "undated", D(2025, 10, 31), True),
        (year(2026), "dated", D(2025, 12, 31), False),  # a period not begun by the cut-off never counts
    ],
)
def test_a_figure_is_known_from_its_sources_date_else_from_the_end_of_its_period(period, source, as_of, known):
    assert known_by(make_observation(1.0, period, source=source), SOURCES, as_of) is known


def test_a_figure_is_dated_by_its_source_and_else_by_its_period():
    dates = [dated(make_observation(1.0, OCTOBER, source=s), SOURCES) for s in ("dated", "undated")]
    assert dates == [D(2025, 10, 15), D(2025, 10, 31)]


def test_the_cut_keeps_only_the_figures_known_by_its_day_and_leaves_the_model_alone():
    early = make_observation(1.0, year(2023), source="undated")
    late = make_observation(2.0, OCTOBER, source="dated")
    metrics = make_metrics(make_indicator(observations=[early, late]), sources=list(SOURCES.values()))
    seen = cut(metrics, D(2025, 10, 1))
    assert ([o.value for o in seen.indicators[0].observations], len(metrics.indicators[0].observations)) == (
        [1.0],
        2,
    )
