"""The baseline page in a real headless Chromium: the new Tây Ninh's table in both languages, and a live save.

Screenshots are left in test-artifacts/screenshots/ (baseline-vi.png, baseline-en.png); docs/screenshots/ holds the
copies the README shows (a test run never rewrites a committed file).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.serve import Server, copy_metrics
from tests.test_e2e import (  # noqa: F401  (page is a fixture; browser comes from conftest.py)
    assert_no_error,
    open_page,
    page,
    screenshot,
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server on a copy of the files, which a test may save while a page is open."""
    folder = tmp_path_factory.mktemp("baseline")
    metrics = copy_metrics(folder)
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    yield server, metrics
    server.stop()


SEEN = {
    "vi": (
        "Nền từ hai tỉnh cũ",
        ["Long An", "Tây Ninh (cũ)", "Gộp (số tính) hoặc vì sao không"],
        "Không gộp — quy tắc “khác kỳ”: không có kỳ nào cả hai tỉnh cùng có số liệu (Long An: 2023; "
        "Tây Ninh (cũ): 04/2021).",
    ),
    "en": (
        "Baseline from the former provinces",
        ["Long An", "Tây Ninh (former)", "Combined (computed), or why not"],
        "Not combined — rule “different periods”: there is no period for which both provinces have a figure "
        "(Long An: 2023; Tây Ninh (former): 04/2021).",
    ),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_baseline_of_the_new_tay_ninh_shows_its_table_and_leaves_a_screenshot(page: Page, served, lang):  # noqa: F811
    server, _ = served
    open_page(page, f"{server.url}/nen-tu-tinh-cu?region=tay-ninh&lang={lang}")
    title, header, periods = SEEN[lang]
    main = page.get_by_test_id("stMain")
    expect(main.locator("h1")).to_have_text(title)
    table = main.locator(".dx-table").first
    expect(table).to_be_visible()
    expect(table.locator("th")).to_have_text(["Chỉ tiêu" if lang == "vi" else "Indicator", *header])
    expect(table).to_contain_text(periods)
    expect(table).to_contain_text("hạng 40/63" if lang == "vi" else "rank 40/63")
    assert_no_error(page)
    assert screenshot(page, f"baseline-{lang}").stat().st_size > 10_000


def test_saving_a_former_provinces_file_updates_the_open_baseline_page(page: Page, served):  # noqa: F811
    server, metrics = served
    former = metrics.parent / "data" / "regions" / "tay-ninh-cu.yaml"
    good = former.read_text(encoding="utf-8")
    assert good.count("        value: 40\n") == 1
    open_page(page, f"{server.url}/nen-tu-tinh-cu?region=tay-ninh")
    main = page.get_by_test_id("stMain")
    expect(main.locator(".dx-table").first).to_contain_text("hạng 40/63")
    try:
        # A valid save of the former province's file: its new figure appears by itself.
        former.write_text(good.replace("        value: 40\n", "        value: 41\n"), encoding="utf-8")
        expect(main.locator(".dx-table").first).to_contain_text("hạng 41/63")
        # A broken save: the file is named with its line; the last good figure stays.
        former.write_text(good.replace("        value: 40\n", "        value: bốn mươi\n"), encoding="utf-8")
        banner = page.locator(".st-key-baseline-problems-tay-ninh-cu")
        expect(banner).to_contain_text("Tệp tay-ninh-cu.yaml (tỉnh cũ) vừa lưu có 1 lỗi")
        expect(banner.get_by_test_id("stCode")).to_contain_text("tay-ninh-cu.yaml:")
        expect(main.locator(".dx-table").first).to_contain_text("hạng 41/63")
        # Fixed: the banner goes.
        former.write_text(good, encoding="utf-8")
        expect(banner).to_have_count(0)
        expect(main.locator(".dx-table").first).to_contain_text("hạng 40/63")
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        former.write_text(good, encoding="utf-8")
