"""The region switch in a real browser: an address opens a region, the sidebar switch changes every page's figures.

Screenshots are left in test-artifacts/screenshots/ (region-*.png); docs/screenshots/ holds copies for the README.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dxkpi.ui.app import PAGE_TABLE
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
    expect(page.get_by_role("combobox", name="Địa phương / Region")).to_have_value(label)
    assert_no_error(page)
    assert screenshot(page, f"region-tay-ninh-{lang}").stat().st_size > 10_000


def test_the_sidebar_switch_changes_the_figures_and_the_address_and_other_pages_keep_it(page: Page, dashboard: Server):  # noqa: F811
    open_page(page, f"{dashboard.url}/")
    main = main_area(page)
    expect(main).to_contain_text("gần 11.500 tỷ đồng")
    nav = page.get_by_test_id("stSidebarNav")  # every page listed under its section, none behind "View more"
    expect(nav.get_by_role("link")).to_have_count(len(PAGE_TABLE))
    expect(nav).to_contain_text("Tỉnh hợp nhất")
    wait_idle(page)  # a run still going would redraw the switch and close its list
    page.get_by_role("combobox", name="Địa phương / Region").click()
    page.keyboard.type("Tây Ninh (cũ)")  # the list filters as one types
    page.get_by_role("option", name="Tây Ninh (cũ) · đến 30/06/2025").click()
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
