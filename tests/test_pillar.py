"""The pillar pages as Streamlit runs them (AppTest): as before for a small pillar, a page at a time for a big one."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from bench.generate_metrics import generate
from dxkpi.analysis.progress import assess_all
from dxkpi.core import fmt
from dxkpi.core.model import Kind, Pillar
from dxkpi.presentation import charts
from dxkpi.reading.loader import load
from dxkpi.ui.pillar import ALL_AT_ONCE, PAGE_SIZE
from tests.test_app import ROOT, app, markup, page_text

BIG = 120  # indicators in the generated file, all on one pillar: 12 pages of 10
PAGE_FILES = {
    Pillar.DIGITAL_GOVERNMENT: "dxkpi/ui/pages/chinh_quyen_so.py",
    Pillar.DIGITAL_ECONOMY: "dxkpi/ui/pages/kinh_te_so.py",
    Pillar.DIGITAL_SOCIETY: "dxkpi/ui/pages/xa_hoi_so.py",
    Pillar.FOUNDATIONS: "dxkpi/ui/pages/nen_tang.py",
}
NAME = {"vi": "Chỉ tiêu số {}", "en": "Indicator {}"}
PAGE, STATUS, CHARTS = "dx-page-nen-tang", "dx-status-nen-tang", "dx-charts-nen-tang"


@pytest.fixture
def big_file(tmp_path, monkeypatch) -> Path:
    """A valid generated file of BIG indicators with ten yearly figures each, every one on Nền tảng chung."""
    path = tmp_path / "metrics.yaml"
    path.write_text(generate(BIG, mixed=True, pillars=["nen-tang"]), encoding="utf-8")
    monkeypatch.setenv("DXKPI_METRICS", str(path))
    return path


@pytest.fixture
def shipped(tmp_path, monkeypatch) -> Path:
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    return tmp_path / "metrics.yaml"


def open_pillar(lang: str = "vi", page: str = "dxkpi/ui/pages/nen_tang.py"):
    at = app()
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def index_rows(at) -> list[tuple[int, str, str]]:
    """The table of the pillar's indicators: (page, name, status) per line."""
    table = re.search(r'<div class="dx-index">(.*?)</table>', markup(at), flags=re.S)
    assert table, "no table of indicators"
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), flags=re.S)[1:]  # the first is the header
    cells = [re.findall(r"<td>(.*?)</td>", row, flags=re.S) for row in rows]
    return [(int(plain(c[0])), plain(c[1]), plain(c[2])) for c in cells]


def blocks(at) -> list[str]:
    """The names heading the indicator blocks shown, in order."""
    return [
        plain(name)
        for name in re.findall(r'<div class="dx-name" style="font-size:1.25rem[^"]*">(.*?)</div>', markup(at))
    ]


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def chart_keys(at) -> list[str]:
    return [c.proto.id for c in at.get("echarts_chart")]


# --- a big pillar -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_pillar_of_120_indicators_lists_every_one_with_its_page_and_draws_no_chart_until_asked(big_file, lang):
    at = open_pillar(lang)
    assert [(p, n) for p, n, _ in index_rows(at)] == [(i // PAGE_SIZE + 1, NAME[lang].format(i)) for i in range(BIG)]
    assert blocks(at) == [NAME[lang].format(i) for i in range(PAGE_SIZE)]
    assert len(at.get("echarts_chart")) == 0
    assert [t.label for t in at.toggle] == [
        {"vi": "Vẽ biểu đồ của mọi chỉ tiêu trên trang", "en": "Draw the chart of every indicator on the page"}[lang],
        *[{"vi": "Biểu đồ", "en": "Chart"}[lang]] * PAGE_SIZE,
    ]
    pages = at.selectbox(key=PAGE)
    assert pages.label == {"vi": "Trang chi tiết và biểu đồ", "en": "Details and charts, page"}[lang]
    assert (
        pages.options[:2]
        == {
            "vi": ["Trang 1/12 · chỉ tiêu 1–10 trong 120", "Trang 2/12 · chỉ tiêu 11–20 trong 120"],
            "en": ["Page 1 of 12 · indicators 1–10 of 120", "Page 2 of 12 · indicators 11–20 of 120"],
        }[lang]
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_indicator_of_a_big_pillar_is_reachable_page_by_page_and_a_page_draws_at_most_its_charts(big_file, lang):
    at = open_pillar(lang)
    seen = []
    for page in range(BIG // PAGE_SIZE):
        at.selectbox(key=PAGE).set_value(page).run()
        assert not at.exception
        seen += blocks(at)
        assert len(at.get("echarts_chart")) == 0
    assert seen == [NAME[lang].format(i) for i in range(BIG)]
    at.toggle(key=CHARTS).set_value(True).run()  # every chart of the last page
    assert blocks(at) == [NAME[lang].format(i) for i in range(BIG - PAGE_SIZE, BIG)]
    assert len(at.get("echarts_chart")) == PAGE_SIZE


def test_switching_one_indicator_s_chart_on_draws_that_chart_alone(big_file):
    at = open_pillar()
    at.toggle(key="dx-chart-chi-tieu-3").set_value(True).run()
    assert not at.exception
    assert len(at.get("echarts_chart")) == 1
    spec = json.loads(at.get("echarts_chart")[0].proto.spec)
    assert [series.get("name") for series in spec["series"]][0] == "Chỉ tiêu số 3"


def test_next_and_previous_move_a_page_and_stop_at_the_ends(big_file):
    at = open_pillar()
    assert at.button(key=f"{PAGE}-back").disabled
    at.button(key=f"{PAGE}-next").click().run()
    assert blocks(at)[0] == "Chỉ tiêu số 10"
    at.button(key=f"{PAGE}-back").click().run()
    assert blocks(at)[0] == "Chỉ tiêu số 0"
    at.selectbox(key=PAGE).set_value(BIG // PAGE_SIZE - 1).run()
    assert at.button(key=f"{PAGE}-next").disabled
    assert not at.button(key=f"{PAGE}-back").disabled


@pytest.mark.parametrize("status", ["on_track", "at_risk", "achieved", "no_target"])
def test_the_status_filter_keeps_the_indicators_of_that_status_and_starts_again_at_page_one(big_file, status):
    progress = assess_all(load(big_file).metrics)
    expected = [f"Chỉ tiêu số {i}" for i in range(BIG) if progress[f"chi-tieu-{i}"].status == status]
    assert expected, "the generated file has no indicator with this status"
    at = open_pillar()
    at.selectbox(key=PAGE).set_value(1).run()
    at.button_group(key=STATUS).set_value(status).run()
    assert not at.exception
    rows = index_rows(at)
    assert [n for _, n, _ in rows] == expected
    assert {s for _, _, s in rows} == {fmt.status_label(status, "vi")}
    assert blocks(at) == expected[:PAGE_SIZE]
    assert at.selectbox(key=PAGE).value == 0


@pytest.mark.parametrize(("lang", "everything"), [("vi", "Tất cả"), ("en", "All")])
def test_the_status_filter_offers_each_status_on_the_pillar_with_its_count(big_file, lang, everything):
    progress = assess_all(load(big_file).metrics)
    counts = Counter(str(p.status) for p in progress.values())
    at = open_pillar(lang)
    options = at.button_group(key=STATUS).proto.options
    shown = [f"{o.content_icon} {o.content}" if o.content_icon else o.content for o in options]
    assert shown == [f"{everything} ({BIG})"] + [
        f"{fmt.status_label(s, lang)} ({counts[s]})" for s in fmt.STATUS_ORDER if counts[s]
    ]
    assert len(shown) == 6  # all, and the five statuses the generated file has


def test_the_page_is_kept_while_the_reader_visits_another_page(big_file):
    at = open_pillar()
    at.selectbox(key=PAGE).set_value(3).run()
    at.button_group(key=STATUS).set_value("off_track").run()
    at.selectbox(key=PAGE).set_value(2).run()
    at.switch_page("dxkpi/ui/pages/overview.py").run()
    at.switch_page("dxkpi/ui/pages/nen_tang.py").run()
    assert not at.exception
    assert at.button_group(key=STATUS).value == "off_track"
    assert at.selectbox(key=PAGE).value == 2


def test_switching_the_language_keeps_the_page_and_the_filter(big_file):
    at = open_pillar()
    at.button_group(key=STATUS).set_value("off_track").run()
    at.selectbox(key=PAGE).set_value(2).run()
    before = blocks(at)
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.button_group(key=STATUS).value == "off_track"
    assert at.selectbox(key=PAGE).value == 2
    assert blocks(at) == [name.replace("Chỉ tiêu số", "Indicator") for name in before]


def test_a_file_that_shrinks_under_an_open_page_shows_its_first_page(big_file):
    at = open_pillar()
    at.selectbox(key=PAGE).set_value(11).run()
    big_file.write_text(generate(ALL_AT_ONCE + 5, pillars=["nen-tang"]), encoding="utf-8")
    at.run()
    assert not at.exception
    assert at.selectbox(key=PAGE).value == 0
    assert blocks(at)[0] == "Chỉ tiêu số 0"


def test_text_from_a_big_file_cannot_inject_markup_in_the_table_or_the_blocks(big_file):
    hostile = "<img src=x onerror=alert(1)> **b** [l](http://e.com) $x^2$"
    text = big_file.read_text(encoding="utf-8").replace("name: Chỉ tiêu số 4\n", f'name: "{hostile}"\n', 1)
    big_file.write_text(text, encoding="utf-8")
    at = open_pillar()
    assert index_rows(at)[4][1] == hostile
    assert blocks(at)[4] == hostile
    assert hostile in page_text(at)
    raw = markup(at)
    assert "<img" not in raw and "**b**" not in raw and "[l](" not in raw and "$x^2$" not in raw


# --- the shipped file ---------------------------------------------------------------------------------


@pytest.mark.parametrize("pillar", list(PAGE_FILES), ids=[p.value for p in PAGE_FILES])
def test_the_shipped_file_s_pillar_pages_draw_every_indicator_with_a_figure_and_its_chart(shipped, pillar):
    metrics = load(shipped).metrics
    progress = assess_all(metrics)
    sources = metrics.source_by_id()
    shown = [
        i
        for i in metrics.indicators
        if i.pillar is pillar and i.kind is not Kind.MILESTONE and (i.latest_figure() or metrics.national_of(i))
    ]
    assert 0 < len(shown) <= ALL_AT_ONCE  # the shipped file's pillars are small enough: no pages, no switches
    with_chart = [
        i.id
        for i in shown
        if charts.indicator_chart(i, progress[i.id], metrics.targets_of(i), sources, "vi", metrics.national_of(i))
    ]
    at = open_pillar(page=PAGE_FILES[pillar])
    assert blocks(at) == [i.name for i in shown]
    assert len(at.get("echarts_chart")) == len(with_chart) > 0
    assert len(at.main.toggle) == 0 and len(at.main.selectbox) == 0 and len(at.main.button_group) == 0
