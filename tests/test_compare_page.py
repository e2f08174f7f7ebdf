"""The Compare page as Streamlit runs it (AppTest): both languages, one region, a region file with problems."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dxkpi.presentation import echarts
from tests.builders import hostile_text
from tests.test_app import ROOT, app, assert_shown_as_written, page_text

PAGE = "dxkpi/ui/pages/compare.py"
PAPI_2024 = "        value: 2\n        out_of: 63\n"  # the former Tây Ninh's PAPI rank in 2024


@pytest.fixture
def regions_copy(tmp_path, monkeypatch) -> Path:
    """A copy of metrics.yaml and data/ (with the two other regions' files) that a test may edit; returns data/."""
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    monkeypatch.delenv("DXKPI_REGIONS", raising=False)
    return tmp_path / "data"


def compare_page(lang: str = "vi", region: str | None = None) -> AppTest:
    at = app()
    at.query_params["lang"] = lang
    if region:
        at.query_params["region"] = region
    at.run()
    return at.switch_page(PAGE).run()


def chart_specs(at: AppTest) -> dict[str, dict]:
    """Each chart's ECharts option, by its key without the page's prefix ("xep-hang-papi-0")."""
    return {chart.key.removeprefix("cmp-chart-"): json.loads(chart.proto.spec) for chart in at.get("echarts_chart")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "title", "texts"),
    [
        (
            "vi",
            "So sánh các địa phương",
            [
                "Các địa phương: Long An · đến 30/06/2025, Tây Ninh (cũ) · đến 30/06/2025, Tây Ninh · từ 01/07/2025",
                "Thứ hạng PAPI",
                "hạng 45/63",
                "hạng 2/63",
                "Chỉ Long An có số liệu này.",  # SIPAS
                "DVC trực tuyến mức độ 4 (Long An): Tỷ lệ dịch vụ công trực tuyến xếp mức độ 4",
                "DVC trực tuyến toàn trình (Tây Ninh (cũ)): Tỷ lệ dịch vụ công trực tuyến toàn trình",
                "Phủ sóng 4G, nguồn không nói tính theo gì (Tây Ninh (cũ))",
                "Tỷ lệ văn bản trao đổi dạng điện tử, cấp tỉnh (Tây Ninh): Chỉ cấp tỉnh",
                "95,25%",
                "✔ Đã đạt",
            ],
        ),
        (
            "en",
            "Comparing regions",
            [
                "Regions: Long An · until 30/06/2025, Tây Ninh (former) · until 30/06/2025, Tây Ninh · from 01/07/2025",
                "Rank in PAPI",
                "rank 45/63",
                "rank 2/63",
                "Only Long An reports it.",
                "Level-4 online public services (Long An): Share of online public services classed as level 4",
                "Full-process online public services (Tây Ninh (former)): Share of online public services",
                "4G coverage, base not stated (Tây Ninh (former))",
                "95.25%",
                "✔ Achieved",
            ],
        ),
    ],
)
def test_the_compare_page_sets_the_three_regions_side_by_side_in_the_readers_language(regions_copy, lang, title, texts):
    at = compare_page(lang)
    assert not at.exception
    assert at.title[0].value == title
    shown = page_text(at)
    for text in texts:
        assert text in shown
    # the rank charts, then a chart per definition of each topic two regions report
    assert [chart.key.removeprefix("cmp-chart-") for chart in at.get("echarts_chart")] == [
        "xep-hang-dti-0",
        "xep-hang-dti-1",
        "xep-hang-par-index-0",
        "xep-hang-sipas-0",
        "xep-hang-papi-0",
        "dich-vu-cong-truc-tuyen-0",
        "dich-vu-cong-truc-tuyen-1",
        "dich-vu-cong-truc-tuyen-2",
        "trao-doi-van-ban-dien-tu-cap-tinh-0",
        "trao-doi-van-ban-dien-tu-cap-tinh-1",
        "trao-doi-van-ban-dien-tu-cap-xa-0",
        "chi-so-par-index-0",
        "chi-so-papi-0",
        "cap-quang-ho-gia-dinh-0",
        "cap-quang-xa-0",
        "phu-song-4g-0",
        "phu-song-4g-1",
    ]


@pytest.mark.parametrize(("lang", "provinces"), [("vi", "63 tỉnh"), ("en", "63 provinces")])
def test_the_rank_charts_have_1_at_the_top_and_the_provinces_ranked_under_each_year(regions_copy, lang, provinces):
    at = compare_page(lang)
    papi = chart_specs(at)["xep-hang-papi-0"]
    ticks = next(s for s in papi["series"] if s.get("id") == "dx-x-ticks")
    assert (papi["yAxis"]["min"], papi["yAxis"]["max"], papi["yAxis"]["inverse"], [r[2] for r in ticks["data"]]) == (
        0,
        64,
        True,
        [f"2023\n{provinces}", f"2024\n{provinces}"],
    )


def test_figures_of_two_definitions_are_on_two_charts_never_one(regions_copy):
    at = compare_page("en")
    specs = chart_specs(at)
    services = [specs["dich-vu-cong-truc-tuyen-0"], specs["dich-vu-cong-truc-tuyen-1"]]
    assert [
        [(t["name"], [echarts.row_of(r)[1] for r in t["data"]]) for t in s["series"] if t.get("name")] for s in services
    ] == [
        [("Long An", [76, 83.6])],
        [("Tây Ninh (former)", [41.11])],
    ]


def test_with_only_one_region_the_page_says_there_is_nothing_to_compare(regions_copy, monkeypatch, tmp_path):
    empty = tmp_path / "no-regions"
    empty.mkdir()
    monkeypatch.setenv("DXKPI_REGIONS", str(empty))
    for lang, said in [
        ("vi", "Chỉ có một địa phương (Long An): chưa có gì để so sánh."),
        ("en", "There is only one region (Long An): nothing to compare yet."),
    ]:
        at = compare_page(lang)
        assert not at.exception
        assert said in at.info[0].value
        assert at.get("echarts_chart") == []


def test_a_region_file_broken_from_the_start_is_named_with_its_problems_and_the_others_are_compared(regions_copy):
    edit(regions_copy / "regions" / "tay-ninh-cu.yaml", PAPI_2024, "        value: 2,5\n        out_of: 63\n")
    at = compare_page("vi")
    assert not at.exception
    (warning,) = at.warning
    assert html.unescape(warning.value) == (
        "tay-ninh-cu · đến 30/06/2025: tệp data/regions/tay-ninh-cu.yaml có 1 lỗi, chưa đọc được: "
        "địa phương này chưa được so sánh."
    )
    (code,) = at.code
    assert "tay-ninh-cu.yaml:213:16: indicators[xep-hang-papi].observations[1].value: '2,5'" in code.value
    shown = page_text(at)
    assert "hạng 2/63" not in shown and "hạng 45/63" in shown  # PAPI: Long An alone now
    assert "95,25%" in shown  # Long An and the new Tây Ninh are still compared


def test_a_broken_save_of_a_region_file_keeps_its_last_good_figures_beside_the_problem(regions_copy):
    at = compare_page("en")
    assert "rank 2/63" in page_text(at)
    edit(regions_copy / "regions" / "tay-ninh-cu.yaml", PAPI_2024, "        value: two\n        out_of: 63\n")
    at.run()
    assert not at.exception
    (warning,) = at.warning
    said = "Tây Ninh (former) · until 30/06/2025: the saved data/regions/tay-ninh-cu.yaml has 1 problem(s); compared"
    assert html.unescape(warning.value).startswith(said)
    assert "rank 2/63" in page_text(at)
    edit(regions_copy / "regions" / "tay-ninh-cu.yaml", "        value: two\n", "        value: 3\n")
    at.run()
    assert (len(at.warning), "rank 3/63" in page_text(at), "rank 2/63" in page_text(at)) == (0, True, False)


def test_the_chosen_regions_problems_are_in_the_banner_above_and_not_said_twice(regions_copy):
    at = compare_page("vi", region="tay-ninh-cu")
    edit(regions_copy / "regions" / "tay-ninh-cu.yaml", PAPI_2024, "        value: two\n        out_of: 63\n")
    at.run()
    assert not at.exception
    assert (len(at.error), len(at.warning), len(at.code)) == (1, 0, 1)  # app.py's banner, once


def test_the_page_follows_every_regions_file_for_live_reload(regions_copy, monkeypatch):
    followed: list[list[Path]] = []
    monkeypatch.setattr("dxkpi.ui.live.follow", lambda *snaps: followed.append([s.path for s in snaps]))
    compare_page("vi")
    root = regions_copy.parent.resolve()
    assert followed[-1] == [
        root / "metrics.yaml",
        root / "data" / "regions" / "tay-ninh-cu.yaml",
        root / "data" / "regions" / "tay-ninh.yaml",
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_from_every_region_file_shows_exactly_as_written(regions_copy, lang):
    files = [regions_copy.parent / "metrics.yaml", *regions_copy.glob("*.yaml"), *regions_copy.glob("regions/*.yaml")]
    for path in files:
        path.write_text(hostile_text(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert_shown_as_written(compare_page(lang), f"compare page, {lang}")
