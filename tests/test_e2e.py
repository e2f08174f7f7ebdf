"""The dashboard as a reader sees it: `python -m dxkpi serve` read in a real headless Chromium.

Each server reads a copy of metrics.yaml (and its data/ folder) in a temporary folder, through
DXKPI_METRICS, so a test can save that copy while a page is open. Screenshots of every page are left
in test-artifacts/screenshots/. Chromium is Debian's package (/usr/bin/chromium), driven by Playwright;
Playwright's own browser download is never used.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from dxkpi.ui import serve
from tests.builders import HOSTILE, LONG, hostile_text
from tests.serve import CHART, CHART_DRAWN, Server, copy_metrics, wait_idle

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
TIMEOUT_MS = 60_000  # generous upper bound for one wait on a busy machine; a passing wait returns as soon as it holds
expect.set_options(timeout=TIMEOUT_MS)

# Every chart is drawn: no placeholder left (Streamlit shows an stSkeleton while a chart's part of its frontend
# loads, after the run has finished) and every chart drawn (tests/serve.py's CHART_DRAWN).
CHARTS_DRAWN = f"""() => !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll({json.dumps(CHART)})].every({CHART_DRAWN})"""
ECHART = '[data-testid="stEChartsChart"]'


# An ECharts chart's texts in drawing order, each legend name ECharts wrapped joined back into one: its lines are
# SVG texts one after another in the same place (the same transform), each line's y below the last, written from
# the left (a tick's two lines, year and provinces ranked, are centred and stay two).
TEXTS = """c => {
  const out = [];
  let last = null;
  for (const t of c.querySelectorAll('svg text')) {
    const place = t.getAttribute('text-anchor') === 'start' ? t.getAttribute('transform') : null;
    const y = parseFloat(t.getAttribute('y') || '0');
    if (last && place && place === last.place && y > last.y) out[out.length - 1] += t.textContent;  // a line broken
    else out.push(t.textContent);                                                    // at a space keeps it at its end
    last = {place, y};
  }
  return out;
}"""


def chart_texts(chart: Locator) -> list[str]:
    """Every text an ECharts chart drew (legend, value labels, ticks, axis titles), a wrapped legend name whole."""
    return chart.evaluate(TEXTS)


# For each ECharts chart of the page: its key (the st-key- class of the block around it), its SVG's left and right,
# and every text it drew with its box on the page.
TEXT_BOXES = f"""() => [...document.querySelectorAll('{ECHART}')].map(c => {{
  const key = (c.closest('[class*="st-key-"]')?.className.match(/st-key-[^ ]+/) || [''])[0];
  const svg = c.querySelector('svg').getBoundingClientRect();
  const texts = [...c.querySelectorAll('svg text')].map(t => {{
    const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; }})
    .filter(t => t[3] > t[1]);
  return [key, svg.left, svg.right, texts];
}})"""


def crowded(page: Page) -> list[tuple[str, str, str]]:
    """Each text of a chart on the page that is written over another of the same chart (key, text, other) or runs
    past the chart's left or right edge (key, text, 'outside'); more than a pixel each way counts."""
    found = []
    for key, left, right, texts in page.evaluate(TEXT_BOXES):
        for i, (text, x0, y0, x1, y1) in enumerate(texts):
            if x0 < left - 1 or x1 > right + 1:
                found.append((key, text, "outside"))
            for other, a0, b0, a1, b1 in texts[i + 1 :]:
                if x0 < a1 - 1 and a0 < x1 - 1 and y0 < b1 - 1 and b0 < y1 - 1:
                    found.append((key, text, other))
    return found


# Streamlit marks its root element with the script's state; "notRunning" once a run has finished.

KEY_FIGURES_VI = [
    ">193 tỷ đồng",
    "~220 doanh nghiệp",
    "gần 11.500 tỷ đồng",
    "ước gần 200 tỷ đồng",
    "3.031 hồ sơ",
    "795 hồ sơ",
]
KEY_FIGURES_EN = [
    ">193 billion VND",
    "~220 firms",
    "nearly 11,500 billion VND",
    "est. nearly 200 billion VND",
    "3,031 dossiers",
    "795 dossiers",
]

# url path, page title (the h1), texts the page must show (Vietnamese, the file's language).
# The overview is the default page, served at "/"; its screenshot is tong-quan.png.
PAGES = {
    "tong-quan": ("", "Chỉ tiêu chuyển đổi số tỉnh Long An", [*KEY_FIGURES_VI, "Trạng thái theo trụ cột"]),
    "chinh-quyen-so": ("chinh-quyen-so", "Chính quyền số", ["~96%", "3.031 hồ sơ", "Thứ hạng chỉ số chuyển đổi số"]),
    "kinh-te-so": ("kinh-te-so", "Kinh tế số", ["~220 doanh nghiệp", "gần 11.500 tỷ đồng", "ước gần 200 tỷ đồng"]),
    "xa-hoi-so": ("xa-hoi-so", "Xã hội số", ["Tỷ lệ người trưởng thành có tài khoản định danh điện tử", ">98%"]),
    "nen-tang": ("nen-tang", "Nền tảng chung", ["Hạ tầng băng rộng cáp quang đến hộ gia đình", "88,9%", "99,9%"]),
    "tong-ket": (
        "tong-ket",
        "Tổng kết giai đoạn 2021–2025",
        ["Đạt 11/28 mục tiêu năm 2025", "đạt 97% năm 2024, mục tiêu ≥80% (2025, quốc gia), ≥80% (2025, tỉnh): đã đạt"],
    ),
    "cot-moc": ("cot-moc", "Cột mốc", ["Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGPS)", "Đã hoàn thành"]),
    "nguon": ("nguon", "Nguồn", ["[dcsvn-2021-10-19]", "Tổng doanh thu của doanh nghiệp công nghệ số: gần 11.500"]),
    "tai-ve": ("tai-ve", "Tải về cho cuộc họp", ["Báo cáo PDF", "PowerPoint", "Bảng Excel các chỉ tiêu"]),
}


# --- the server ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """One server for the read-only tests; its copy of metrics.yaml is never changed."""
    folder = tmp_path_factory.mktemp("dashboard")
    server = Server("dashboard.py", folder / "streamlit.log", {"DXKPI_METRICS": str(copy_metrics(folder))})
    yield server
    server.stop()


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


# --- what a test does on a page -----------------------------------------------------------------------


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def main_area(page: Page):
    return page.get_by_test_id("stMain")


def assert_no_error(page: Page) -> None:
    """No exception element, no problem banner, no dialog (e.g. "Page not found"), no traceback text."""
    settled = 2_000  # called once the page is idle: what is there now stays
    expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=settled)
    expect(page.locator(".st-key-problems")).to_have_count(0, timeout=settled)
    expect(page.get_by_role("dialog")).to_have_count(0, timeout=settled)
    body = page.inner_text("body")
    for bad in ("Traceback", "has encountered an error", "Page not found"):
        assert bad not in body, f"{bad!r} on {page.url}"


def key_figures(page: Page) -> list[str]:
    """The values of the key-figure cards (the second grid of cards on the overview, after the status counts; the
    plans under way and the closed period's account are a table and a line between them)."""
    return page.locator(".dx-grid").nth(1).locator(".dx-value").all_inner_texts()


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG: Streamlit scrolls inside its main element, so the window is made as tall first."""
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height, 900), 16_000)})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    wait_idle(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True, animations="disabled")
    return path


# --- the tests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_its_title_and_figures_with_no_error_and_leaves_a_screenshot(
    page: Page, dashboard: Server, name: str
):
    path, title, texts = PAGES[name]
    open_page(page, f"{dashboard.url}/{path}")
    main = main_area(page)
    expect(main.locator("h1").first).to_contain_text(title)
    for text in texts:
        expect(main).to_contain_text(text)
    assert_no_error(page)
    shot = screenshot(page, name)
    assert shot.stat().st_size > 10_000


def test_overview_shows_the_key_figures_in_vietnamese_notation_by_default(page: Page, dashboard: Server):
    open_page(page, dashboard.url + "/")
    expect(page.locator(".dx-card").nth(11)).to_be_visible()
    figures = key_figures(page)
    assert figures == KEY_FIGURES_VI
    text = " ".join(figures)
    for number in ("11.500", "3.031", ">193"):
        assert number in text
    assert "11,500" not in text and "3,031" not in text


def test_overview_with_lang_en_in_the_url_shows_english_figures(page: Page, dashboard: Server):
    open_page(page, dashboard.url + "/?lang=en")
    expect(main_area(page).locator("h1").first).to_contain_text("Long An province digital-transformation indicators")
    expect(page.locator(".dx-card").nth(11)).to_be_visible()
    figures = key_figures(page)
    assert figures == KEY_FIGURES_EN
    text = " ".join(figures)
    assert "11,500" in text and "3,031" in text and "billion VND" in text
    assert "11.500" not in text


def test_the_sidebar_language_switch_turns_the_overview_to_english_and_keeps_it_in_the_url(
    page: Page, dashboard: Server
):
    open_page(page, dashboard.url + "/")
    expect(page.locator(".dx-value", has_text="gần 11.500 tỷ đồng")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.locator(".dx-value", has_text="nearly 11,500 billion VND")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]lang=en\b"))
    assert_no_error(page)


@pytest.mark.parametrize(
    ("path", "legend"),
    [("nen-tang", "88,9%"), ("chinh-quyen-so", "bộ 922/QĐ-BTTTT")],  # the DTI, one line per version
    ids=["nen-tang", "chinh-quyen-so"],
)
def test_a_pillar_page_draws_its_charts(page: Page, dashboard: Server, path: str, legend: str):
    open_page(page, f"{dashboard.url}/{path}")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")  # ECharts loads lazily: wait until every chart is drawn
    expect(page.locator(ECHART).first.locator("svg").first).to_be_visible()
    # The indicator's chart drew its data (legend or value label in the SVG), not an empty frame.
    plot = page.locator(ECHART, has=page.locator("svg text", has_text=legend))
    expect(plot.locator("svg path").first).to_be_attached()
    assert_no_error(page)


def fetched(part: str) -> str:
    """JavaScript: how many times the page has fetched one part of Streamlit's frontend (its file's name begins with
    `part` and a dot)."""
    return f"() => performance.getEntriesByType('resource').filter(e => /\\/{part}\\./.test(e.name)).length"


CHART_CODE = fetched("EChartsChart")


def test_a_page_without_charts_has_the_browser_load_the_charts_code_so_the_next_page_draws_at_once(
    page: Page, dashboard: Server
):
    open_page(page, f"{dashboard.url}/")
    expect(main_area(page).locator(".dx-card").first).to_be_visible()
    page.wait_for_function(f"() => ({CHART_CODE})() === 1")  # asked for once the overview has been still a moment
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Nền tảng chung").click()
    expect(main_area(page).locator("h1").first).to_have_text("Nền tảng chung")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    expect(page.locator(ECHART).first).to_be_visible()
    assert page.evaluate(CHART_CODE) == 1  # the same module: Streamlit's own import found it loaded


# When the page fetched one file, by the start of its name: each fetch's start, in ms since the page opened.
STARTS = """name => performance.getEntriesByType('resource')
  .filter(e => e.name.split('/').pop().startsWith(name)).map(e => e.startTime)"""


def test_a_chart_page_has_the_browser_fetch_the_charts_part_from_its_html_before_streamlit_connects_and_only_once(
    page: Page, dashboard: Server
):
    """python -m dxkpi serve names the charts' part in the page's HTML (dxkpi/ui/serve.py): the browser asks for it
    before Streamlit's frontend has even checked the server's health, instead of after the first chart arrives,
    and Streamlit's own import of it later finds it loaded."""
    open_page(page, f"{dashboard.url}/chinh-quyen-so")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    charts, health = page.evaluate(STARTS, "EChartsChart."), page.evaluate(STARTS, "health")
    assert len(charts) == 1 and health and charts[0] < health[0]
    assert page.evaluate(STARTS, "Html.") and page.evaluate(STARTS, "Html.")[0] < health[0]  # st.html's part too


# Where the page asked for the server's health and settings: each such fetch's path.
ASKED_SERVER = """() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
  .filter(p => p.endsWith('/_stcore/health') || p.endsWith('/_stcore/host-config'))"""


@pytest.mark.parametrize("path", ["/chinh-quyen-so", "/so-sanh?region=tay-ninh"])
def test_a_page_off_the_overview_asks_for_the_server_at_the_apps_root_at_once_not_first_at_its_own_address(
    page: Page, dashboard: Server, path: str
):
    """Left to itself, Streamlit's frontend on /chinh-quyen-so first asks /chinh-quyen-so/_stcore/health, and waits
    100-250 ms after that fails; the page's HTML from python -m dxkpi serve says where the server is."""
    open_page(page, f"{dashboard.url}{path}")
    expect(main_area(page).locator("h1").first).to_be_visible()
    assert page.evaluate(ASKED_SERVER) == ["/_stcore/health", "/_stcore/host-config"]


@pytest.mark.parametrize(
    ("url", "depth", "root"),
    [
        ("http://dx.test/chinh-quyen-so", 1, "http://dx.test/"),
        ("http://dx.test/chinh-quyen-so/?region=tay-ninh", 1, "http://dx.test/"),
        ("http://dx.test/tinh/chinh-quyen-so", 1, "http://dx.test/tinh/"),  # a proxy's prefix, or server.baseUrlPath
        ("http://dx.test/nen-tang/x", 2, "http://dx.test/"),
    ],
)
def test_the_root_script_tells_streamlit_its_server_is_at_the_pages_address_less_the_pages_parts(
    browser: Browser, url: str, depth: int, root: str
):
    context = browser.new_context()
    try:
        page = context.new_page()
        html = f"<head><script>window.__streamlit = {{LIGHT_THEME: 1}}</script>{serve.root_script(depth)}</head>"
        page.route("http://dx.test/**", lambda route: route.fulfill(content_type="text/html", body=html))
        page.goto(url)
        assert page.evaluate("window.__streamlit") == {"LIGHT_THEME": 1, "BACKEND_BASE_URL": root}
    finally:
        context.close()


MARKDOWN_HTML = fetched("rehype-raw")


@pytest.mark.parametrize("path", ["/", "/chinh-quyen-so", "/ke-hoach"])
def test_a_page_draws_its_cards_and_tables_without_loading_markdowns_html_parser(
    page: Page, dashboard: Server, path: str
):
    """The pages' HTML goes to the browser's own parser (st.html): Markdown's part for HTML in Markdown (189 kB,
    parsing in script) is never fetched, and the page title and headings keep the size st.title and st.subheader
    give theirs."""
    open_page(page, f"{dashboard.url}{path}")
    main = main_area(page)
    expect(main.locator(".dx-table, .dx-card").first).to_be_visible()
    page.wait_for_function(f"() => ({CHART_CODE})() === 1")  # the page drawn and still (the charts' code loaded)
    assert page.evaluate(MARKDOWN_HTML) == 0
    size = "el => parseFloat(getComputedStyle(el).fontSize) / parseFloat(getComputedStyle(document.body).fontSize)"
    assert round(main.locator("h1").first.evaluate(size), 2) == 2.75  # st.title's 2.75rem
    if path == "/":
        assert [round(h.evaluate(size), 2) for h in main.locator("h3").all()] == [1.75] * 5  # st.subheader's


TITLE_PX = "() => [...document.querySelectorAll('.dx-slide-title')].map(e => parseFloat(getComputedStyle(e).fontSize))"


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_a_slide_goes_to_the_browsers_own_parser_and_its_title_is_the_size_of_the_exported_decks(
    browser: Browser, dashboard: Server, tmp_path: Path, width: int, height: int
):
    """The slides were Markdown with HTML: Streamlit's heading size (46.75 px on every screen) overrode the slide's
    own, which the exported HTML deck draws, and the presentation page fetched Markdown's HTML parser (189 kB)."""
    deck = tmp_path / "deck.html"
    export = [sys.executable, "-m", "dxkpi", "export", "--format", "html", "-o", str(deck), "--no-progress"]
    subprocess.run([*export, "--metrics", str(ROOT / "metrics.yaml")], check=True, capture_output=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(deck.as_uri())
        exported = page.evaluate(TITLE_PX)
        for slide in (2, 5):  # the overview's cards; a pillar's table beside its charts
            open_page(page, f"{dashboard.url}/present?slide={slide}")
            expect(page.locator(".dx-counter")).to_have_text(re.compile(rf"^{slide} / \d+$"))
            page.wait_for_function(CHARTS_DRAWN, polling="raf")
            assert (page.evaluate(TITLE_PX), page.evaluate(MARKDOWN_HTML)) == ([exported[slide - 1]], 0)
        assert exported[1] == pytest.approx(0.052 * height, abs=0.1)  # the slides' 5.2vh: bigger on a bigger screen
    finally:
        context.close()


def test_hovering_a_figure_on_a_chart_shows_its_wording_period_and_source_in_vietnamese(page: Page, dashboard: Server):
    open_page(page, f"{dashboard.url}/nen-tang")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    plot = page.locator(ECHART, has=page.locator("svg text", has_text="Tỷ lệ phủ sóng 4G")).first  # one point, 2023
    hover = hover_point(page, plot, "99,9%")
    expect(hover).to_contain_text("99,9%")  # non-ASCII and the Vietnamese comma kept
    expect(hover).to_contain_text("Kỳ: 2023")
    expect(hover).to_contain_text("Nguồn:")


def test_the_final_account_page_in_english_counts_the_targets_and_lists_the_unmeasured_ones(
    page: Page, dashboard: Server
):
    open_page(page, f"{dashboard.url}/tong-ket?lang=en")
    main = main_area(page)
    expect(main.locator("h1").first).to_contain_text("2021–2025 final account")
    expect(main.locator(".dx-count .dx-value").first).to_have_text("11/28")
    expect(main).to_contain_text("Viet Nam: est. 14.02% in 2025, not achieved by the country")
    expect(main.locator(".dx-table tbody tr")).to_have_count(22)  # one row per indicator and outcome
    assert_no_error(page)
    screenshot(page, "tong-ket-en")


def test_the_digital_economy_chart_draws_the_countrys_line_beside_the_targets(page: Page, dashboard: Server):
    open_page(page, f"{dashboard.url}/kinh-te-so")
    page.wait_for_function(CHARTS_DRAWN, polling="raf")
    # One of the page's charts with a country line: its legend names the country's line and the targets (2025, 2030).
    plot = page.locator(ECHART, has=page.locator("svg text", has_text="ước 14,02%"))
    expect(plot).to_have_count(1)
    texts = chart_texts(plot)
    assert "Cả nước (tham khảo)" in texts and "Mục tiêu" in texts, texts
    assert_no_error(page)


def test_saving_metrics_yaml_updates_the_open_page_and_a_broken_save_shows_its_line_above_the_last_good_data(
    page: Page, tmp_path: Path
):
    metrics = copy_metrics(tmp_path)
    original = metrics.read_text(encoding="utf-8")
    assert original.count("        value: 11500\n") == 1
    server = Server("dashboard.py", tmp_path / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    try:
        open_page(page, server.url + "/")
        expect(page.locator(".dx-value", has_text="gần 11.500 tỷ đồng")).to_be_visible()
        page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page reloads

        # A valid save: the new figure appears by itself.
        metrics.write_text(original.replace("        value: 11500\n", "        value: 12500\n"), encoding="utf-8")
        expect(page.locator(".dx-value", has_text="gần 12.500 tỷ đồng")).to_be_visible()
        expect(page.locator(".dx-value", has_text="11.500")).to_have_count(0)

        # A broken save: Vietnamese thousands notation. The banner gives file:line:col; the last good data stays.
        broken = original.replace("        value: 11500\n", "        value: 12.500\n")
        metrics.write_text(broken, encoding="utf-8")
        line_no, line = next((i, s) for i, s in enumerate(broken.splitlines(), 1) if s == "        value: 12.500")
        where = f"metrics.yaml:{line_no}:{line.index('12.500') + 1}: indicators[doanh-thu-dn-cong-nghe-so]"
        banner = page.locator(".st-key-problems")
        expect(banner).to_be_visible()
        expect(banner.get_by_test_id("stCode")).to_contain_text(where)
        expect(banner.get_by_test_id("stCode")).to_contain_text("'12.500'")
        expect(banner).to_contain_text("vẫn là số liệu hợp lệ gần nhất")
        expect(page.locator(".dx-value", has_text="gần 12.500 tỷ đồng")).to_be_visible()

        # Fixed: the banner goes and the fixed figure shows.
        metrics.write_text(original, encoding="utf-8")
        expect(banner).to_have_count(0)
        expect(page.locator(".dx-value", has_text="gần 11.500 tỷ đồng")).to_be_visible()
        assert page.evaluate("() => window.__sameDocument === true"), "the page reloaded"
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)

        # Presentation mode follows a save too, staying on its slide.
        open_page(page, server.url + "/present?slide=2")
        expect(page.locator(".dx-value", has_text="gần 11.500 tỷ đồng")).to_be_visible()
        metrics.write_text(original.replace("        value: 11500\n", "        value: 12500\n"), encoding="utf-8")
        expect(page.locator(".dx-value", has_text="gần 12.500 tỷ đồng")).to_be_visible()
        expect(page.locator(".dx-counter")).to_have_text(re.compile(r"^2 / \d+$"))
    finally:
        server.stop()


# --- presentation mode --------------------------------------------------------------------------------

NOT_SCROLLABLE = """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
  .filter(Boolean).every(el => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1)"""


def counter(page: Page) -> str:
    return page.locator(".dx-counter").inner_text()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_presentation_mode_fits_the_projector_and_follows_the_arrow_keys(
    browser: Browser, dashboard: Server, width: int, height: int
):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        open_page(page, f"{dashboard.url}/present")
        expect(page.locator(".dx-counter")).to_have_text(re.compile(r"^1 / \d+$"))
        total = int(counter(page).split("/")[1])
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        for k in range(1, total + 1):
            expect(page.locator(".dx-counter")).to_have_text(f"{k} / {total}")
            wait_idle(page)
            page.wait_for_function(CHARTS_DRAWN, polling="raf")
            assert page.evaluate(NOT_SCROLLABLE), f"slide {k} scrolls at {width}x{height}"
            assert_no_error(page)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"present-{width}x{height}-{k:02d}.png")
            if k < total:
                page.keyboard.press("ArrowRight")
        page.keyboard.press("PageUp")  # what a presenter's clicker sends for "back"
        expect(page.locator(".dx-counter")).to_have_text(f"{total - 1} / {total}")
        page.keyboard.press("ArrowLeft")
        expect(page.locator(".dx-counter")).to_have_text(f"{total - 2} / {total}")
        page.keyboard.press("Escape")  # leaves presentation mode for the overview, in the same language
        expect(main_area(page).locator("h1").first).to_contain_text("Chỉ tiêu chuyển đổi số tỉnh Long An")
        expect(page.get_by_test_id("stSidebar")).to_be_visible()
    finally:
        context.close()


def test_the_excel_download_is_a_real_workbook(page: Page, dashboard: Server, tmp_path: Path):
    import openpyxl

    open_page(page, f"{dashboard.url}/tai-ve")
    button = page.locator(".st-key-dl-xlsx button")
    expect(button).to_be_enabled()
    with page.expect_download(timeout=TIMEOUT_MS) as info:  # the file is made on the click: a busy machine is slow
        button.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "chuyen-doi-so-vi.xlsx"
    values = [cell.value for row in openpyxl.load_workbook(saved).worksheets[0].iter_rows() for cell in row]
    assert 11500 in values


# --- text from the file -------------------------------------------------------------------------------


def hover_point(page: Page, chart: Locator, label: str) -> Locator:
    """Hover the point under a value label (ECharts puts it 5 px above the point) and return the tooltip."""
    text = chart.locator("svg text", has_text=label).first
    text.scroll_into_view_if_needed()
    box = text.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] + 6)
    return chart.locator("div", has_text="Nguồn:").last  # ECharts' tooltip, HTML beside the SVG


def test_text_full_of_markup_shows_as_written_in_a_chart_s_legend_and_hover(page: Page, tmp_path: Path):
    metrics = copy_metrics(tmp_path)
    metrics.write_text(hostile_text(metrics.read_text(encoding="utf-8")), encoding="utf-8")
    server = Server("dashboard.py", tmp_path / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    try:
        open_page(page, server.url + "/nen-tang")
        page.wait_for_function(CHARTS_DRAWN, polling="raf")
        chart = page.locator(ECHART, has=page.locator("svg text", has_text="99,9%")).first  # the 4G chart
        assert any(HOSTILE in t for t in chart_texts(chart))  # the name as typed (and its number), as SVG text
        hover = hover_point(page, chart, "99,9%")
        expect(hover).to_contain_text(f"Nguồn: {HOSTILE}")  # the publisher's name, characters as typed
        assert chart.locator("b, strong, a, img").count() == 0
    finally:
        server.stop()


def test_text_full_of_markup_shows_as_written_in_the_title_and_on_the_title_slide(page: Page, tmp_path: Path):
    metrics = copy_metrics(tmp_path)
    for path in (metrics, tmp_path / "data" / "national-targets.yaml"):
        path.write_text(hostile_text(path.read_text(encoding="utf-8")), encoding="utf-8")
    server = Server("dashboard.py", tmp_path / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    try:
        for url, heading in [(server.url + "/", main_area(page).locator("h1").first), (server.url + "/present", None)]:
            open_page(page, url)
            title = heading or page.locator(".dx-slide-title")
            expect(title).to_have_text(f"{HOSTILE} 1")  # the characters as typed, nothing rendered from them
            rendered = "strong, em, del, code, img, .katex, [data-testid='stIconMaterial'], span[style]"
            rendered += ", a:not([href^='#'])"  # a heading's own anchor link is Streamlit's, not the text's
            found = main_area(page).locator("h1, .dx-slide, .dx-meta").locator(rendered)
            assert found.count() == 0, found.evaluate_all("els => els.map(e => e.outerHTML)")
            assert "😄" not in main_area(page).inner_text()
    finally:
        server.stop()


def test_slides_keep_their_size_at_1280x720_whatever_the_length_of_the_text(browser: Browser, tmp_path: Path):
    metrics = copy_metrics(tmp_path)
    for path in (metrics, tmp_path / "data" / "national-targets.yaml", tmp_path / "data" / "plans.yaml"):
        path.write_text(hostile_text(path.read_text(encoding="utf-8"), LONG), encoding="utf-8")
    server = Server("dashboard.py", tmp_path / "streamlit.log", {"DXKPI_METRICS": str(metrics)})
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        open_page(page, f"{server.url}/present")
        expect(page.locator(".dx-counter")).to_have_text(re.compile(r"^1 / \d+$"))
        total = int(counter(page).split("/")[1])
        for k in range(1, total + 1):
            expect(page.locator(".dx-counter")).to_have_text(f"{k} / {total}")
            wait_idle(page)
            page.wait_for_function(CHARTS_DRAWN, polling="raf")
            expect(page.locator(".dx-slide")).to_contain_text("…")  # the long text is there, cut short
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"present-long-text-{k:02d}.png")
            assert page.evaluate(NOT_SCROLLABLE), f"slide {k} scrolls"
            assert page.locator(".dx-slide").bounding_box()["height"] <= 720, f"slide {k} is taller than the screen"
            if k < total:
                page.keyboard.press("ArrowRight")
    finally:
        context.close()
        server.stop()
