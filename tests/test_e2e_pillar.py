"""A pillar page of a large file in a real headless Chromium: it finishes drawing and moves page by page.

The server reads a generated valid file of 420 indicators (bench/generate_metrics.py), 105 of them on
Nền tảng chung, ten a page. Same browser and server as tests/test_e2e.py; waits are for conditions only.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from bench.generate_metrics import PILLARS, generate
from dxkpi.ui.pillar import PAGE_SIZE
from tests.serve import Server
from tests.test_e2e import (  # noqa: F401  (page is a fixture; browser comes from conftest.py)
    CHARTS_DRAWN,
    assert_no_error,
    main_area,
    page,
    screenshot,
    wait_idle,
)

INDICATORS = 420
IDS = [i for i in range(INDICATORS) if PILLARS[i % 4] == "nen-tang"]
PAGES = (len(IDS) + PAGE_SIZE - 1) // PAGE_SIZE
FIRST_DRAW_MS = 60_000  # an upper bound for the first page of a big file on a busy machine, not a wait


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    path = folder / "metrics.yaml"
    path.write_text(generate(INDICATORS), encoding="utf-8")
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(path)})
    yield server
    server.stop()


def names(ids: list[int]) -> list[str]:
    return [f"Chỉ tiêu số {i}" for i in ids]


def test_a_pillar_page_of_a_420_indicator_file_finishes_drawing_and_moves_page_by_page(
    page: Page,  # noqa: F811
    big_server: Server,
):
    page.goto(f"{big_server.url}/nen-tang")
    main = main_area(page)
    rows = main.locator(".dx-index tbody tr")
    blocks = main.locator('[class*="st-key-ind-"] .dx-name')
    charts = page.get_by_test_id("stPlotlyChart")
    expect(rows).to_have_count(len(IDS), timeout=FIRST_DRAW_MS)
    expect(rows.last).to_contain_text(f"Chỉ tiêu số {IDS[-1]}")
    expect(blocks).to_have_text(names(IDS[:PAGE_SIZE]), timeout=FIRST_DRAW_MS)
    selector = main.get_by_role("combobox", name="Trang chi tiết và biểu đồ")
    expect(selector).to_have_value(f"Trang 1/{PAGES} · chỉ tiêu 1–{PAGE_SIZE} trong {len(IDS)}")
    expect(charts).to_have_count(0)
    assert_no_error(page)

    # One indicator's chart, switched on, is drawn with its data.
    wait_idle(page)
    page.locator(f".st-key-dx-chart-chi-tieu-{IDS[1]} label").click()
    expect(charts).to_have_count(1)
    expect(charts.locator(".js-plotly-plot g.trace").first).to_be_attached()
    expect(charts.locator(".js-plotly-plot")).to_contain_text(f"Chỉ tiêu số {IDS[1]}")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")

    # "Next page" shows the next ten, with no chart drawn until asked.
    wait_idle(page)
    page.locator(".st-key-dx-page-nen-tang-next button").click()
    expect(blocks).to_have_text(names(IDS[PAGE_SIZE : 2 * PAGE_SIZE]))
    expect(selector).to_have_value(f"Trang 2/{PAGES} · chỉ tiêu {PAGE_SIZE + 1}–{2 * PAGE_SIZE} trong {len(IDS)}")
    expect(charts).to_have_count(0)

    # The page selector reaches the last page, where "next" stops.
    wait_idle(page)  # a run still going would redraw the selector and close its list
    selector.click()
    page.keyboard.type(f"Trang {PAGES}/")  # the list filters as one types, however long it is
    page.get_by_role("option", name=f"Trang {PAGES}/{PAGES}").click()
    expect(blocks).to_have_text(names(IDS[(PAGES - 1) * PAGE_SIZE :]))
    expect(page.locator(".st-key-dx-page-nen-tang-next button")).to_be_disabled()
    assert_no_error(page)
    screenshot(page, "nen-tang-420")
