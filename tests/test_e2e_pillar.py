"""Pillar pages in a real headless Chromium: the shipped file's draw every indicator's chart with its targets; a
large file's finishes drawing and moves page by page.

The large file is a generated valid one of 420 indicators (bench/generate_metrics.py), 105 of them on
Nền tảng chung, ten a page. Same browser and server as tests/test_e2e.py; waits are for conditions only.
"""

from __future__ import annotations

import html

import pytest
from playwright.sync_api import Page, expect

from bench.generate_metrics import PILLARS, generate
from dxkpi.analysis.progress import assess_all
from dxkpi.core import model as m
from dxkpi.presentation import charts
from dxkpi.reading.loader import load
from dxkpi.ui.pillar import ALL_AT_ONCE, PAGE_SIZE
from tests.serve import Server
from tests.test_e2e import (  # noqa: F401  (page and dashboard are fixtures; browser comes from conftest.py)
    CHARTS_DRAWN,
    ECHART,
    ROOT,
    TEXTS,
    assert_no_error,
    crowded,
    dashboard,
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


def expected_charts(pillar: m.Pillar) -> dict[str, tuple[list[str], list[str]]]:
    """Each chart the shipped file's pillar page draws, by indicator id: its traces' names (the legend's lines) and
    its points' value labels (built here as the page builds them, for every indicator with a figure or a national
    line)."""
    metrics = load(ROOT / "metrics.yaml").metrics
    assert metrics is not None
    progress = assess_all(metrics)
    sources, definitions = metrics.source_by_id(), metrics.definition_by_id()
    shown = {}
    for ind in metrics.indicators:
        national = metrics.national_of(ind)
        if ind.pillar is not pillar or ind.kind is m.Kind.MILESTONE:
            continue
        if ind.latest_figure() is None and not national:
            continue
        targets = metrics.targets_of(ind)
        fig = charts.indicator_chart(ind, progress[ind.id], targets, sources, "vi", national, definitions)
        if fig is None:
            continue
        names = [html.unescape(trace.name) for trace in fig.data]
        labels = [html.unescape(t) for trace in fig.data if trace.text is not None for t in trace.text]
        dated, bullet = any(t.year is not None for t in targets), any(t.type == "bar" for t in fig.data)
        if dated or bullet:  # every dated target as a star on the line, or the target across the bullet's bar
            assert any(n.startswith("Mục tiêu") for n in names), f"{ind.id}: its chart has no target"
        shown[ind.id] = (names, labels)
    assert len(shown) <= ALL_AT_ONCE, "the page would fold its charts: this test expects every one drawn"
    return shown


# Each drawn chart's key (its indicator) and every text its SVG drew (legend, value labels, ticks), as the browser
# has them.
DRAWN = (
    """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stEChartsChart"]')].map(c => {
  const box = c.closest('[class*="st-key-chart-"]');
  const key = box ? [...box.classList].find(k => k.startsWith('st-key-chart-')).slice('st-key-chart-'.length) : null;
  return {key, shapes: c.querySelectorAll('svg path').length,
          texts: ("""
    + TEXTS
    + """)(c)};
})"""
)


@pytest.mark.parametrize("pillar", list(m.Pillar), ids=[p.value for p in m.Pillar])
def test_every_indicator_of_a_shipped_pillar_page_has_its_chart_drawn_with_its_targets(
    page: Page,  # noqa: F811
    dashboard: Server,  # noqa: F811
    pillar: m.Pillar,
):
    expected = expected_charts(pillar)
    page.goto(f"{dashboard.url}/{pillar.value}")
    charts_shown = page.locator(ECHART)
    expect(charts_shown).to_have_count(len(expected), timeout=FIRST_DRAW_MS)
    wait_idle(page)
    page.wait_for_function(CHARTS_DRAWN, polling="raf", timeout=FIRST_DRAW_MS)
    drawn = {c["key"]: c for c in page.evaluate(DRAWN)}
    assert set(drawn) == set(expected)
    for key, (names, labels) in expected.items():
        # Every trace (the figures, the national line, the required path, the targets' stars or line) is named in
        # the legend, in order, the target among them; every point's value label is drawn.
        texts = drawn[key]["texts"]
        assert [t for t in texts if t in names] == names, (key, texts)
        assert [t for t in labels if t not in texts] == [], (key, texts)
        assert drawn[key]["shapes"] > len(names), key
    assert_no_error(page)


@pytest.mark.parametrize("region", ["", "tay-ninh", "tay-ninh-cu"], ids=["long-an", "tay-ninh", "tay-ninh-cu"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_text_of_a_shipped_pillar_pages_charts_is_written_over_another_or_runs_off_it_on_a_projector(
    browser,  # noqa: F811
    dashboard: Server,  # noqa: F811
    region: str,
    lang: str,
):
    """At 1280 pixels, every pillar page of each shipped region: a value label at a chart's first date ran over the
    value axis' numbers, one at its last off the chart, two close points' labels over each other, and a long
    legend name off the chart's right edge."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        found = []
        for pillar in m.Pillar:
            page.goto(f"{dashboard.url}/{pillar.value}?lang={lang}" + (f"&region={region}" if region else ""))
            wait_idle(page)
            page.wait_for_function(CHARTS_DRAWN, polling="raf", timeout=FIRST_DRAW_MS)
            found += crowded(page)
        assert found == []
    finally:
        context.close()


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
    charts = page.locator(ECHART)
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
    expect(charts.locator("svg text", has_text=f"Chỉ tiêu số {IDS[1]}")).to_have_count(1)  # its legend
    expect(charts.locator("svg path").first).to_be_attached()
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
