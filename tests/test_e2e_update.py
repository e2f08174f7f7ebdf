"""The update page in a real headless Chromium: add a figure, see it on the pillar page, undo it; edit and
remove; a save refused after a concurrent hand edit; a figure the check rejects. Each test serves its own
copy of metrics.yaml (tests/serve.py); the repo's file is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from dxkpi.editing.history import History
from dxkpi.reading.loader import load
from tests.serve import Server, choose, copy_metrics, type_in
from tests.test_e2e import TIMEOUT_MS, assert_no_error, open_page, wait_idle

SAVE = ".st-key-upd_save button"


def new_tab(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser: Browser):
    tab = new_tab(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def served(tmp_path: Path):
    metrics = copy_metrics(tmp_path)
    server = Server("dashboard.py", tmp_path / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    yield server, metrics
    server.stop()


def latest(metrics: Path, indicator: str) -> tuple[str, float | None, str] | None:
    ind = next(i for i in load(metrics).metrics.indicators if i.id == indicator)
    obs = ind.observations[-1] if ind.observations else None
    return (obs.period.text, obs.value, obs.source) if obs else None


def add_fibre_figure(page: Page, url: str, value: str) -> None:
    open_page(page, f"{url}/cap-nhat")
    choose(page, "add_indicator", "cap-quang-xa")
    type_in(page, "add-cap-quang-xa-period", "2024")
    type_in(page, "add-cap-quang-xa-value", value)
    choose(page, "add-cap-quang-xa-source", "S16")


def test_a_figure_added_in_the_form_shows_on_the_pillar_page_and_undo_takes_it_back(
    page: Page, served, browser: Browser
):
    server, metrics = served
    original = metrics.read_bytes()
    pillar = new_tab(browser)
    try:
        open_page(pillar, f"{server.url}/nen-tang")
        expect(pillar.get_by_test_id("stMain")).not_to_contain_text("88,5%")
        add_fibre_figure(page, server.url, "88,5")
        expect(page.get_by_test_id("stCode").filter(has_text="- period: 2024")).to_contain_text("value: 88.5")
        assert metrics.read_bytes() == original  # the preview writes nothing
        page.locator(SAVE).click()
        expect(page.get_by_text("Đã thêm số liệu.")).to_be_visible()
        assert latest(metrics, "cap-quang-xa") == ("2024", 88.5, "S16")
        # The pillar page, open in another tab, shows the new figure by itself.
        expect(pillar.get_by_test_id("stMain")).to_contain_text("88,5%")
        page.locator(".st-key-upd_undo button").click()
        expect(page.get_by_text("Đã hoàn tác thay đổi gần nhất.")).to_be_visible()
        assert metrics.read_bytes() == original
        expect(pillar.get_by_test_id("stMain")).not_to_contain_text("88,5%")
        assert_no_error(page)
    finally:
        pillar.context.close()


def test_a_figure_is_edited_then_removed(page: Page, served):
    server, metrics = served
    ind = next(i for i in load(metrics).metrics.indicators if i.observations and i.observations[0].value is not None)
    period = ind.observations[0].period.text
    open_page(page, f"{server.url}/cap-nhat")
    page.locator(".st-key-upd_mode").get_by_text("Sửa hoặc xoá").click()
    wait_idle(page)
    choose(page, "edit_indicator", ind.id)
    type_in(page, f"edit-{ind.id}-0-value", "42")
    expect(page.get_by_test_id("stCode").filter(has_text="value: 42")).to_be_visible()
    page.locator(SAVE).click()
    expect(page.get_by_text("Đã lưu thay đổi.")).to_be_visible()
    edited = next(i for i in load(metrics).metrics.indicators if i.id == ind.id).observations[0]
    assert (edited.period.text, edited.value) == (period, 42)

    # After a save the form starts empty: its widgets are new ones (keys of the next generation, g1-).
    choose(page, "g1-edit_indicator", ind.id)
    page.locator(f".st-key-g1-edit-{ind.id}-0-remove").get_by_text("Xoá số liệu này").click()
    wait_idle(page)
    page.locator(SAVE).click()
    expect(page.get_by_text("Đã xoá số liệu.")).to_be_visible()
    after = next(i for i in load(metrics).metrics.indicators if i.id == ind.id).observations
    assert len(after) == len(ind.observations) - 1
    assert [e.kind for e in History(metrics).entries()] == ["seen", "edit", "remove"]  # seen: first read


def test_a_save_after_a_hand_edit_is_refused_and_keeps_what_was_typed(page: Page, served):
    server, metrics = served
    add_fibre_figure(page, server.url, "88,5")
    notepad = metrics.read_bytes() + b"# saved in Notepad\n"
    metrics.write_bytes(notepad)
    expect(page.get_by_text("vừa được lưu ở nơi khác")).to_be_visible()  # noticed before the save
    page.locator(SAVE).click()
    expect(page.get_by_test_id("stCode").filter(has_text="đã được sửa và lưu ở nơi khác")).to_be_visible()
    assert metrics.read_bytes() == notepad
    expect(page.locator(".st-key-add-cap-quang-xa-value input")).to_have_value("88,5")
    expect(page.locator(".st-key-add-cap-quang-xa-period input")).to_have_value("2024")


def test_a_figure_the_check_rejects_is_explained_and_nothing_is_written(page: Page, served):
    server, metrics = served
    original = metrics.read_bytes()
    add_fibre_figure(page, server.url, "120")
    expect(page.get_by_test_id("stCode").filter(has_text="tỷ lệ phần trăm 120 nằm ngoài 0-100")).to_be_visible()
    page.locator(SAVE).click()
    expect(page.get_by_text("Không ghi gì vì còn lỗi ở trên.")).to_be_visible()
    assert metrics.read_bytes() == original
    assert [e.kind for e in History(metrics).entries()] == ["seen"]  # the first read; no change
