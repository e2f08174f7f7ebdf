"""The Compare page in a real headless Chromium: three regions drawn, in both languages, following every file.

The server reads a copy of metrics.yaml and data/ (with data/regions: the former and the new Tây Ninh) in a
temporary folder, so a test can save a region's file while the page is open. Screenshots are left in
test-artifacts/screenshots/; docs/screenshots/ holds the copies the README shows (a run never rewrites them).
Same browser and server as tests/test_e2e.py; waits are for conditions only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.serve import Server, copy_metrics
from tests.test_e2e import (  # noqa: F401  (page is a fixture; browser comes from conftest.py)
    CHARTS_DRAWN,
    ECHART,
    assert_no_error,
    chart_texts,
    crowded,
    main_area,
    open_page,
    page,
    screenshot,
    wait_idle,
)

ROOT = Path(__file__).resolve().parent.parent
CHARTS = 17  # 5 rank charts (the DTI's sets 1726 and 922 apart), and a chart per definition of the 8 topics two
# regions report (online services have three, two more have two)
PAPI_2024 = "        value: 2\n        out_of: 63\n"  # the former Tây Ninh's PAPI rank in 2024


@pytest.fixture(scope="module")
def regions_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("regions")
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(copy_metrics(folder))})
    server.folder = folder  # type: ignore[attr-defined]
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("lang", "title", "texts", "ranked"),
    [
        (
            "vi",
            "So sánh các địa phương",
            ["Thứ hạng PAPI", "hạng 2/63", "DVC trực tuyến toàn trình (Tây Ninh (cũ))", "95,25%"],
            "63 tỉnh",
        ),
        (
            "en",
            "Comparing regions",
            ["Rank in PAPI", "rank 2/63", "Full-process online public services (Tây Ninh (former))", "95.25%"],
            "63 provinces",
        ),
    ],
)
def test_the_compare_page_draws_every_regions_charts_and_leaves_a_screenshot(
    page: Page,  # noqa: F811
    regions_server: Server,
    lang: str,
    title: str,
    texts: list[str],
    ranked: str,
):
    open_page(page, f"{regions_server.url}/so-sanh?lang={lang}")
    main = main_area(page)
    expect(main.locator("h1").first).to_contain_text(title)
    for text in texts:
        expect(main).to_contain_text(text)
    charts = page.locator(ECHART)
    expect(charts).to_have_count(CHARTS)
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    papi = main.locator(".st-key-cmp-xep-hang-papi")
    texts = chart_texts(papi.locator(ECHART))
    assert ranked in texts  # under the year, as drawn
    legend = ["Long An", "Tây Ninh (cũ)" if lang == "vi" else "Tây Ninh (former)"]
    assert [t for t in texts if t in legend] == legend, texts  # the legend, in the regions' order
    assert_no_error(page)
    shot = screenshot(page, f"compare-{lang}")
    assert shot.stat().st_size > 50_000


@contextlib.contextmanager
def compare_drawn(browser, server: Server, width: int, lang: str) -> Iterator[Page]:
    """The Compare page in a fresh browser window `width` pixels wide, in `lang`, every chart drawn."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        shown = context.new_page()
        open_page(shown, f"{server.url}/so-sanh?lang={lang}")
        expect(shown.locator(ECHART)).to_have_count(CHARTS)
        shown.wait_for_function(CHARTS_DRAWN, polling="raf")
        yield shown
    finally:
        context.close()


@pytest.mark.parametrize(("width", "lang"), [(1280, "vi"), (1280, "en"), (1920, "vi")])
def test_no_text_of_a_compare_chart_is_written_over_another_or_runs_off_it_on_a_projector_or_a_wide_screen(
    browser,  # noqa: F811
    regions_server: Server,
    width: int,
    lang: str,
):
    """Long An's two online-service figures are three months apart: their periods (2021, 11/03/2022) and values
    (76%, 83,6%) were written over each other."""
    with compare_drawn(browser, regions_server, width, lang) as shown:
        online = chart_texts(shown.locator(f".st-key-cmp-dich-vu-cong-truc-tuyen {ECHART}").first)
        assert ([t for t in online if t in ("2021", "11/03/2022")], crowded(shown)) == (["2021", "11/03/2022"], [])


# Each row of charts side by side under a topic: where each chart's foot is, to the pixel.
ROW_FEET = """() => [...document.querySelectorAll('[data-testid="stHorizontalBlock"]')]
  .map(row => [...row.querySelectorAll('[data-testid="stEChartsChart"]')]
    .map(c => Math.round(c.getBoundingClientRect().bottom)))
  .filter(feet => feet.length > 1)"""


@pytest.mark.parametrize(("width", "lang"), [(1280, "vi"), (1280, "en"), (1920, "vi")])
def test_the_charts_in_a_row_stand_on_one_line_when_a_name_above_one_takes_two(
    browser,  # noqa: F811
    regions_server: Server,
    width: int,
    lang: str,
):
    """Online services' three definitions: the third's name wrapped onto a second line and set its plot, and its
    x axis, 28 pixels below the other two."""
    with compare_drawn(browser, regions_server, width, lang) as shown:
        rows = shown.evaluate(ROW_FEET)
        assert len(rows) == 4, rows  # the DTI's two sets, and the topics of two and three definitions
        assert [feet for feet in rows if max(feet) - min(feet) > 1] == []


def test_saving_another_regions_file_redraws_the_open_compare_page(
    page: Page,  # noqa: F811
    regions_server: Server,
):
    open_page(page, f"{regions_server.url}/so-sanh")
    main = main_area(page)
    papi = main.locator(".st-key-cmp-xep-hang-papi")
    expect(papi).to_contain_text("hạng 2/63")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    # The chosen region is Long An (metrics.yaml); the saved file is the former Tây Ninh's.
    path = regions_server.folder / "data" / "regions" / "tay-ninh-cu.yaml"  # type: ignore[attr-defined]
    text = path.read_text(encoding="utf-8")
    assert text.count(PAPI_2024) == 1
    try:
        path.write_text(text.replace(PAPI_2024, "        value: 3\n        out_of: 63\n"), encoding="utf-8")
        expect(papi).to_contain_text("hạng 3/63")
        wait_idle(page)
        page.wait_for_function(CHARTS_DRAWN, polling="raf")
        chart = papi.locator(ECHART)
        expect(chart).to_have_count(1)  # the redrawn chart, none left over from before the save
        expect(chart.locator("svg text", has_text="hạng 3/63")).to_have_count(1)
        expect(chart.locator("svg text", has_text="hạng 2/63")).to_have_count(0)
        assert_no_error(page)
    finally:
        path.write_text(text, encoding="utf-8")
