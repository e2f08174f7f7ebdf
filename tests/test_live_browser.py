"""A meeting room in real headless Chromium: ten viewers on one server, and a save of metrics.yaml reaches each.

Each viewer has its own browser context (its own Streamlit session, as on its own laptop). The server reads a
copy of metrics.yaml in a temporary folder through DXKPI_METRICS. Waits are for conditions, with generous
upper bounds for a busy machine; nothing sleeps for a fixed time.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.serve import Server, copy_metrics

LOAD_MS = 180_000  # ten pages opening at once on a loaded 2-core machine
REACH_MS = 60_000  # a save reaching a page; it takes about a second when the machine is not saturated
REVENUE = "        value: {}\n"

# Ten viewers: (address, the revenue figure as that page words it, for 11500 and for 12500).
OVERVIEW_VI = ("/", "gần 11.500 tỷ đồng", "gần 12.500 tỷ đồng")
VIEWERS = [
    *[OVERVIEW_VI] * 6,
    ("/?lang=en", "nearly 11,500 billion VND", "nearly 12,500 billion VND"),
    ("/kinh-te-so", "gần 11.500 tỷ đồng", "gần 12.500 tỷ đồng"),
    ("/kinh-te-so?lang=en", "nearly 11,500 billion VND", "nearly 12,500 billion VND"),
    ("/present?slide=2", "gần 11.500 tỷ đồng", "gần 12.500 tỷ đồng"),
]


def shows(page: Page, text: str, timeout: int) -> None:
    expect(page.get_by_test_id("stMain")).to_contain_text(text, timeout=timeout)


def test_a_save_of_metrics_yaml_reaches_each_of_ten_open_pages_without_reloading_them(browser, tmp_path: Path):
    metrics = copy_metrics(tmp_path)
    original = metrics.read_text(encoding="utf-8")
    assert original.count(REVENUE.format(11500)) == 1
    server = Server("dashboard.py", tmp_path / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    contexts = [browser.new_context(viewport={"width": 1280, "height": 800}) for _ in VIEWERS]
    try:
        pages = [context.new_page() for context in contexts]
        for page, (path, _, _) in zip(pages, VIEWERS, strict=True):
            page.goto(server.url + path, wait_until="commit")  # all ten open at once
        for page, (_, before, _) in zip(pages, VIEWERS, strict=True):
            shows(page, before, LOAD_MS)
            page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page reloads

        metrics.write_text(original.replace(REVENUE.format(11500), REVENUE.format(12500)), encoding="utf-8")
        for page, (_, _, after) in zip(pages, VIEWERS, strict=True):
            shows(page, after, REACH_MS)

        metrics.write_text(original, encoding="utf-8")  # and back: every page follows each save
        for page, (_, before, _) in zip(pages, VIEWERS, strict=True):
            shows(page, before, REACH_MS)

        for page, (path, _, _) in zip(pages, VIEWERS, strict=True):
            assert page.evaluate("() => window.__sameDocument === true"), f"{path} reloaded"
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        # Each page is still the page and language its viewer opened (the rerun kept its address).
        expect(pages[6].locator("h1").first).to_contain_text("Long An province digital-transformation indicators")
        expect(pages[9].locator(".dx-counter")).to_have_text(re.compile(r"^2 / \d+$"))
    finally:
        for context in contexts:
            context.close()
        server.stop()
