"""The region switch in a real browser: an address opens a region, the sidebar switch changes every page's figures.

Screenshots are left in test-artifacts/screenshots/ (region-*.png); docs/screenshots/ holds copies for the README.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from dxkpi.ui.app import PAGE_TABLE
from tests.builders import HOSTILE, hostile_text
from tests.serve import Server, copy_metrics
from tests.test_e2e import (  # noqa: F401  (page is a fixture; browser comes from conftest.py)
    assert_no_error,
    main_area,
    open_page,
    page,
    screenshot,
    wait_idle,
)

TITLE_TN = "Chỉ tiêu chuyển đổi số tỉnh Tây Ninh"


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    folder = tmp_path_factory.mktemp("regions")
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(copy_metrics(folder))})
    yield server
    server.stop()


def region_switch(page: Page) -> Locator:  # noqa: F811
    """The sidebar's region switch: a pill for each region, the chosen one checked."""
    return page.get_by_test_id("stSidebar").get_by_role("radiogroup", name="Địa phương / Region")


@pytest.mark.parametrize(
    ("lang", "figure", "label"),
    [("vi", "95,25%", "Tây Ninh · từ 01/07/2025"), ("en", "95.25%", "Tây Ninh · from 01/07/2025")],
)
def test_an_address_with_a_region_opens_the_new_province(page: Page, dashboard: Server, lang, figure, label):  # noqa: F811
    open_page(page, f"{dashboard.url}/?region=tay-ninh&lang={lang}")
    main = main_area(page)
    expect(main.locator("h1").first).to_have_text(
        TITLE_TN if lang == "vi" else "Tây Ninh province digital-transformation indicators"
    )
    expect(main).to_contain_text(figure)
    expect(region_switch(page).get_by_role("radio", name=label, exact=True)).to_be_checked()
    assert_no_error(page)
    assert screenshot(page, f"region-tay-ninh-{lang}").stat().st_size > 10_000


def test_the_sidebar_switch_changes_the_figures_and_the_address_and_other_pages_keep_it(page: Page, dashboard: Server):  # noqa: F811
    open_page(page, f"{dashboard.url}/")
    main = main_area(page)
    expect(main).to_contain_text("gần 11.500 tỷ đồng")
    nav = page.get_by_test_id("stSidebarNav")  # every page listed under its section, none behind "View more"
    expect(nav.get_by_role("link")).to_have_count(len(PAGE_TABLE))
    expect(nav).to_contain_text("Tỉnh hợp nhất")
    region_switch(page).get_by_role("radio", name="Tây Ninh (cũ) · đến 30/06/2025").click()
    expect(main.locator("h1").first).to_have_text("Chỉ tiêu chuyển đổi số tỉnh Tây Ninh (cũ)")
    expect(page).to_have_url(re.compile(r"region=tay-ninh-cu"))
    expect(main).not_to_contain_text("gần 11.500 tỷ đồng")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Chính quyền số").click()
    expect(main.locator("h1").first).to_have_text("Chính quyền số")
    expect(main).to_contain_text("41,11%")  # the former Tây Ninh's full-process share, on its pillar page
    expect(page).to_have_url(re.compile(r"/chinh-quyen-so\?.*region=tay-ninh-cu"))
    wait_idle(page)
    assert_no_error(page)
    assert screenshot(page, "region-tay-ninh-cu-chinh-quyen-so").stat().st_size > 10_000


def test_saving_a_region_file_updates_the_open_page_of_that_region(page: Page, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("regions-live")
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(copy_metrics(folder))})
    try:
        open_page(page, f"{server.url}/nen-tang?region=tay-ninh")
        main = main_area(page)
        expect(main).to_contain_text("95,25%")
        path = folder / "data" / "regions" / "tay-ninh.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("        value: 95.25\n", "        value: 96.5\n", 1), encoding="utf-8")
        expect(main).to_contain_text("96,5%")  # no reload, no click: the watcher reran the page
        expect(page).to_have_url(re.compile(r"/nen-tang\?.*region=tay-ninh"))
    finally:
        server.stop()


def test_a_region_name_full_of_markup_shows_as_written_in_the_switch(page: Page, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("regions-markup")
    metrics = copy_metrics(folder)
    path = folder / "data" / "regions" / "tay-ninh-cu.yaml"
    path.write_text(hostile_text(path.read_text(encoding="utf-8")), encoding="utf-8")
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    try:
        open_page(page, f"{server.url}/")
        pills = region_switch(page).get_by_role("radio")
        expect(pills).to_have_count(3)
        assert pills.nth(1).inner_text().startswith(f"{HOSTILE} ")  # the characters as typed, then its dates
        rendered = "strong, em, del, code, img, a, b, .katex, [data-testid='stIconMaterial'], span[style]"
        found = region_switch(page).get_by_test_id("stMarkdownContainer").locator(rendered)
        assert found.count() == 0, found.evaluate_all("els => els.map(e => e.outerHTML)")
        assert "😄" not in region_switch(page).inner_text()
        pills.nth(1).click()
        expect(page).to_have_url(re.compile(r"region=tay-ninh-cu"))
        expect(pills.nth(1)).to_be_checked()
    finally:
        server.stop()


LONG_NAME = "Thành phố Hồ Chí Minh (cũ), trước ngày hợp nhất với Bình Dương và Bà Rịa Vũng Tàu"
# Any text inside a pill cut short: wider than its box (Streamlit's "…"), or running past the sidebar's edge.
CUT = """group => {
  const edge = document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect().right;
  return [...group.querySelectorAll('button, button *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > edge)
    .map(e => e.tagName + ': ' + e.textContent);
}"""


def test_a_long_region_name_shows_whole_in_the_switch_on_more_lines(page: Page, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("regions-long")
    metrics = copy_metrics(folder)
    path = folder / "data" / "regions" / "tay-ninh-cu.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count('region: "Tây Ninh (cũ)"') == 1
    path.write_text(text.replace('region: "Tây Ninh (cũ)"', f'region: "{LONG_NAME}"'), encoding="utf-8")
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    try:
        open_page(page, f"{server.url}/")
        pills = region_switch(page).get_by_role("radio")
        expect(pills.nth(1)).to_have_text(f"{LONG_NAME} · đến 30/06/2025")
        assert region_switch(page).evaluate(CUT) == []
        one_line = pills.nth(0).bounding_box()
        assert one_line is not None and pills.nth(1).bounding_box()["height"] > 1.5 * one_line["height"]  # it wraps
        pills.nth(1).click()
        expect(page).to_have_url(re.compile(r"region=tay-ninh-cu"))
    finally:
        server.stop()
