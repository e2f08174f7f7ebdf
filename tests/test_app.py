"""The dashboard as Streamlit runs it (AppTest): every page, both languages, a broken file, a live edit."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dxkpi.presentation.slides import SHORT_CITATION
from tests.builders import ACTIVE, HOSTILE, hostile_text

ROOT = Path(__file__).parent.parent
PAGES = [
    ("dxkpi/ui/pages/chinh_quyen_so.py", "Chính quyền số", ">193 tỷ đồng"),
    ("dxkpi/ui/pages/kinh_te_so.py", "Kinh tế số", "gần 11.500 tỷ đồng"),
    ("dxkpi/ui/pages/xa_hoi_so.py", "Xã hội số", ">98%"),
    ("dxkpi/ui/pages/nen_tang.py", "Nền tảng chung", "88,9%"),
    ("dxkpi/ui/pages/milestones.py", "Cột mốc", "LGPS"),
    ("dxkpi/ui/pages/sources.py", "Nguồn", "Kết quả nổi bật trong thực hiện chuyển đổi số ở Long An"),
]


@pytest.fixture
def metrics_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped metrics.yaml (and its data/ folder) that a test may edit."""
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    return tmp_path / "metrics.yaml"


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)


def markup(at: AppTest) -> str:
    """The page's markdown and HTML as sent to the browser."""
    return "\n".join(e.value for kind in ("html", "markdown", "title") for e in at.get(kind))


def headings(at: AppTest) -> list[str]:
    """The page's section headings, as the reader reads them: st.subheader's and those in its HTML."""
    sent = "\n".join(e.value for e in at.html)
    return [s.value for s in at.subheader] + [
        html.unescape(x) for x in re.findall(r'<h3 class="dx-h3">(.*?)</h3>', sent)
    ]


def page_text(at: AppTest) -> str:
    """What a reader sees: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", markup(at), flags=re.S))


def test_the_overview_shows_the_key_figures_the_vietnamese_way(metrics_copy):
    at = app().run()
    assert not at.exception
    text = page_text(at)
    assert '<h1 class="dx-title">Chỉ tiêu chuyển đổi số tỉnh Long An</h1>' in markup(at)
    for figure in [
        ">193 tỷ đồng",
        "~220 doanh nghiệp",
        "gần 11.500 tỷ đồng",
        "ước gần 200 tỷ đồng",
        "3.031 hồ sơ",
        "795 hồ sơ",
    ]:
        assert figure in text
    assert "11,500" not in text


def test_switching_to_english_shows_english_numbers_and_keeps_the_choice_in_the_url(metrics_copy):
    at = app().run()
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    text = page_text(at)
    assert "nearly 11,500 billion VND" in text
    assert "3,031 dossiers" in text
    assert at.query_params["lang"] == "en"


def test_a_link_with_lang_en_opens_in_english(metrics_copy):
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    assert at.button_group(key="lang").value == "en"
    assert "nearly 11,500 billion VND" in page_text(at)


@pytest.mark.parametrize(("page", "title", "figure"), PAGES, ids=[p[1] for p in PAGES])
def test_every_page_runs_without_an_exception_and_shows_its_figures(metrics_copy, page, title, figure):
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception
    assert at.title[0].value == title
    assert figure in page_text(at)


def test_a_pillar_page_draws_a_chart_for_an_indicator_with_a_figure_and_a_target(metrics_copy):
    at = app().run()
    at.switch_page("dxkpi/ui/pages/nen_tang.py").run()
    charts = at.get("echarts_chart")
    assert len(charts) >= 1


def test_a_file_broken_at_start_shows_the_problems_and_how_to_fix_them(tmp_path, monkeypatch):
    broken = tmp_path / "metrics.yaml"
    shutil.copy(ROOT / "tests" / "broken" / "many-mistakes.yaml", broken)
    monkeypatch.setenv("DXKPI_METRICS", str(broken))
    at = app().run()
    assert not at.exception
    assert "có 4 lỗi" in at.error[0].value
    lines = at.code[0].value.splitlines()
    assert lines[0].startswith("metrics.yaml:29:16: indicators[doanh-thu].observations[0].value: '11.500'")
    assert len(lines) == 4
    assert "metrics.yaml" in at.info[0].value


def test_a_broken_save_shows_the_problems_above_the_last_good_data_and_a_fix_clears_them(metrics_copy):
    at = app().run()
    good = metrics_copy.read_text(encoding="utf-8")
    metrics_copy.write_text(good.replace("value: 11500", "value: 11.500"), encoding="utf-8")
    at.run()
    assert not at.exception
    assert "vẫn là số liệu hợp lệ gần nhất" in at.error[0].value
    assert "'11.500' trông như cách viết hàng nghìn kiểu Việt Nam" in at.code[0].value
    assert "gần 11.500 tỷ đồng" in page_text(at)  # the last good figure is still there
    metrics_copy.write_text(good.replace("value: 11500", "value: 12500"), encoding="utf-8")
    at.run()
    assert len(at.error) == 0
    assert "gần 12.500 tỷ đồng" in page_text(at)


def test_the_problem_banner_follows_the_language(metrics_copy):
    metrics_copy.write_text(
        metrics_copy.read_text(encoding="utf-8").replace("pillar: kinh-te-so", "pillar: kinh-te", 1), encoding="utf-8"
    )
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    assert "is not a valid pillar (did you mean 'kinh-te-so'?)" in at.code[0].value


def test_text_from_the_file_cannot_inject_markup(metrics_copy):
    text = metrics_copy.read_text(encoding="utf-8")
    original = 'name: "Số doanh nghiệp hoạt động trong lĩnh vực công nghệ số"'
    assert original in text
    hostile = 'name: "<img src=x onerror=alert(1)> [link](http://example.com) $x$"'
    metrics_copy.write_text(text.replace(original, hostile, 1), encoding="utf-8")
    at = app().run()
    at.switch_page("dxkpi/ui/pages/kinh_te_so.py").run()
    assert "<img src=x onerror=alert(1)> [link](http://example.com) $x$" in page_text(at)  # shown as words...
    raw = markup(at)
    assert "<img" not in raw and "[link](" not in raw and "$x$" not in raw  # ...never as markup


def test_presentation_mode_shows_one_slide_with_a_counter_and_moves_on(metrics_copy):
    at = app().run()
    at.switch_page("dxkpi/ui/pages/present.py").run()
    assert not at.exception
    assert "1 / 10" in page_text(at)
    assert "Chỉ tiêu chuyển đổi số tỉnh Long An" in page_text(at)
    at.button(key="dx-next").click().run()
    assert "2 / 10" in page_text(at)
    assert "gần 11.500 tỷ đồng" in page_text(at)
    assert at.query_params["slide"] == "2"
    assert at.button(key="dx-prev").disabled is False


def test_presentation_mode_follows_the_language(metrics_copy):
    at = app()
    at.query_params["lang"] = "en"
    at.query_params["slide"] = "2"
    at.run()
    at.switch_page("dxkpi/ui/pages/present.py").run()
    assert "nearly 11,500 billion VND" in page_text(at)


def test_the_download_page_offers_every_format(metrics_copy):
    at = app().run()
    at.switch_page("dxkpi/ui/pages/downloads.py").run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 6


def test_the_download_page_refuses_while_the_file_has_problems(metrics_copy):
    at = app().run()
    metrics_copy.write_text(metrics_copy.read_text(encoding="utf-8").replace("value: 11500", "value: 11.500"))
    at.switch_page("dxkpi/ui/pages/downloads.py").run()
    assert len(at.get("download_button")) == 0
    assert "fix them first" in at.warning[0].value or "sửa xong mới tải về được" in at.warning[0].value


def test_a_downloaded_excel_file_opens_with_the_model_figures(metrics_copy):
    import openpyxl

    from dxkpi.ui.data import signature
    from dxkpi.ui.downloads import build

    content = build(str(metrics_copy), signature(metrics_copy), "xlsx", "vi")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert 11500 in values and 3031 in values


def test_a_downloaded_word_report_is_dated_today_with_the_model_figures(metrics_copy):
    import docx

    from dxkpi.core import clock, fmt
    from dxkpi.ui.data import signature
    from dxkpi.ui.downloads import build

    content = build(str(metrics_copy), signature(metrics_copy), "docx", "vi")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert ("gần 11.500 tỷ đồng" in text, f"Số liệu tính đến ngày {fmt.date(clock.today())}" in text) == (True, True)


def test_the_word_reports_plan_is_chosen_beside_its_button_the_provinces_own_first(metrics_copy):
    import docx

    from dxkpi.analysis import plans
    from dxkpi.reading.loader import load
    from dxkpi.ui.data import signature
    from dxkpi.ui.downloads import PLAN_KEY, build

    at = app()
    at.query_params["region"] = "tay-ninh"
    at.run()
    at.switch_page("dxkpi/ui/pages/downloads.py").run()
    assert not at.exception
    chooser = at.selectbox(key=PLAN_KEY)
    assert (chooser.value, chooser.options[:2]) == ("tn-ha-tang-so", [
        "Kế hoạch phát triển hạ tầng số của tỉnh Tây Ninh đến năm 2030",
        "Các chỉ tiêu đến năm 2030 của tỉnh Tây Ninh thực hiện Nghị quyết 57-NQ/TW",
    ])  # fmt: skip
    chooser.set_value("qd-2629").run()
    assert (not at.exception, len(at.get("download_button")), at.selectbox(key=PLAN_KEY).value) == (True, 6, "qd-2629")
    region = metrics_copy.parent / "data" / "regions" / "tay-ninh.yaml"
    content = build(str(region), signature(region), "docx", "vi", "qd-2629")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    metrics = load(region).metrics
    plan = metrics.plan_by_id()["qd-2629"]
    assert f"\n{plans.account_of(metrics, plan).target_sentence('vi')} (chi tiết tại Phụ lục I)." in text


def test_downloaded_chart_images_come_as_one_zip_of_pngs(metrics_copy):
    from dxkpi.ui.data import signature
    from dxkpi.ui.downloads import build

    content = build(str(metrics_copy), signature(metrics_copy), "png", "vi")
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert names and all(name.endswith(".png") for name in names)


# ----- the 2021–2025 final account -----


def test_the_final_account_page_counts_the_2025_targets_and_says_why_for_each(metrics_copy):
    from dxkpi.analysis.account import Outcome, final_account
    from dxkpi.presentation.slides import final_groups, final_row
    from dxkpi.reading.loader import load

    account = final_account(load(metrics_copy).metrics)
    at = app().run()
    at.switch_page("dxkpi/ui/pages/final_account.py").run()
    assert not at.exception
    text = page_text(at)
    assert at.title[0].value == "Tổng kết giai đoạn 2021–2025"
    assert f"{account.count(Outcome.ACHIEVED)}/{account.total}" in text
    assert account.headline("vi") in text
    assert "đạt 92% năm 2024, mục tiêu ≥90% (2025, quốc gia), ≥90% (2025, tỉnh): đã đạt" in text
    assert [g.indicator.id for g in final_groups(account) if final_row(g, "vi").reason not in text] == []


def test_the_final_account_page_speaks_english(metrics_copy):
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("dxkpi/ui/pages/final_account.py").run()
    text = page_text(at)
    assert (
        at.title[0].value,
        "92% in 2024, targets ≥90% (2025, national), ≥90% (2025, provincial): achieved" in text,
    ) == (
        "2021–2025 final account",
        True,
    )


def test_the_overview_speaks_of_the_current_period_first_and_keeps_the_final_account_one_click_away(
    metrics_copy, monkeypatch
):
    monkeypatch.setenv("DXKPI_TODAY", "02/12/2026")
    at = app().run()
    text = page_text(at)
    subheaders = headings(at)
    assert subheaders[0].startswith("Giai đoạn 2026–2030: tiến độ")
    assert "mục tiêu gần nhất chưa đến hạn (2027 nếu Quyết định 2629/QĐ-TTg đặt, nếu không thì 2030)" in text
    assert subheaders.index("Các kế hoạch đang thực hiện") < subheaders.index("Tổng kết giai đoạn 2021–2025")
    assert "Chương trình phát triển Chính phủ số đến năm 2030 (2629/QĐ-TTg, 01/12/2025)" in text
    assert "Đạt 11/28 mục tiêu năm 2025" in text


def test_a_pillar_page_draws_every_indicator_with_a_figure_or_a_national_line_as_a_chart(metrics_copy):
    from dxkpi.reading.loader import load

    metrics = load(metrics_copy).metrics
    at = app().run()
    at.switch_page("dxkpi/ui/pages/kinh_te_so.py").run()
    drawn = {c.proto.id for c in at.get("echarts_chart")}  # one chart per indicator block
    expected = [
        i
        for i in metrics.indicators
        if i.pillar.value == "kinh-te-so" and (i.latest_figure() or metrics.national_of(i))
    ]
    assert len(drawn) == len(expected) >= 5
    text = page_text(at)
    assert "Cả nước (tham khảo): ước 14,02% năm 2025 · Nguồn: vneconomy.vn, 06/01/2026" in text


def test_the_other_sources_wording_of_a_figure_is_shown_beside_it(metrics_copy):
    at = app().run()
    at.switch_page("dxkpi/ui/pages/chinh_quyen_so.py").run()
    text = page_text(at)
    assert ("~96%" in text, "vietnamnet.vn ghi: gần 96%" in text) == (True, True)


def markdown_sent(at: AppTest) -> list[str]:
    """Every text Streamlit renders as Markdown: markdown, headings, captions, alerts and widget labels."""
    texts = [e.value for kind in ("markdown", "title", "header", "subheader", "caption") for e in at.get(kind)]
    texts += [e.value for kind in ("error", "warning", "info", "success") for e in at.get(kind)]
    widgets = [*at.button, *at.radio, *at.selectbox, *at.get("download_button"), *at.get("page_link")]
    texts += [str(getattr(w, "label", "") or getattr(w.proto, "label", "")) for w in widgets]
    # A radio's options are Markdown; a selectbox's are plain text (its menu shows "**b** <b>t</b>" as typed, as a
    # check in headless Chromium showed), so the region switch may show a name from the file as it is written.
    texts += [str(o) for w in at.radio for o in w.options]
    return texts


@pytest.fixture
def hostile_copy(metrics_copy) -> Path:
    """The shipped file with every title, name, note and publisher replaced by text full of markup."""
    for path in (metrics_copy, *(metrics_copy.parent / "data" / f"{n}.yaml" for n in ("national-targets", "plans"))):
        path.write_text(hostile_text(path.read_text(encoding="utf-8")), encoding="utf-8")
    return metrics_copy


def assert_shown_as_written(at: AppTest, where: str) -> None:
    assert not at.exception, where
    sent = "\n".join(markdown_sent(at))
    assert [a for a in ACTIVE if a in sent] == [], where
    assert HOSTILE in page_text(at), where


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", ["dxkpi/ui/pages/overview.py", "dxkpi/ui/pages/plans.py", *(p[0] for p in PAGES)])
def test_text_from_the_file_shows_exactly_as_written_on_every_page(hostile_copy, page, lang):
    at = app()
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert_shown_as_written(at, page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_from_the_file_shows_exactly_as_written_on_every_slide(hostile_copy, lang):
    at = app()
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("dxkpi/ui/pages/present.py").run()
    total = int(re.search(r"1 / (\d+)", page_text(at)).group(1))
    shown = 0
    for k in range(1, total + 1):
        assert f"{k} / {total}" in page_text(at)
        sent = "\n".join(markdown_sent(at))
        assert [a for a in ACTIVE if a in sent] == [], f"slide {k}"
        assert not at.exception
        text = page_text(at)
        # the last slide, of sources, cuts each citation to one line: the start of the text, as written
        shown += HOSTILE in text or (k == total and HOSTILE[: SHORT_CITATION // 2] in text)
        if k < total:
            at.button(key="dx-next").click().run()
    assert shown == total  # every slide shows some text from the file, as written


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Không tìm thấy tệp metrics.yaml (cần có tại {path}). Bảng dưới đây vẫn là số liệu hợp lệ gần nhất"),
        ("en", "metrics.yaml is missing (expected at {path}). Below is still the last valid data"),
    ],
)
def test_a_deleted_metrics_file_is_said_to_be_missing_in_the_readers_language_above_the_last_good_data(
    metrics_copy, lang, said
):
    at = app()
    at.query_params["lang"] = lang
    at.run()
    metrics_copy.unlink()
    at.run()
    assert not at.exception
    head = html.unescape(at.error[0].value)
    assert head.startswith(said.format(path=metrics_copy.resolve()))
    assert "No such file" not in head + at.code[0].value  # no operating-system English
    assert ("gần 11.500 tỷ đồng" if lang == "vi" else "nearly 11,500 billion VND") in page_text(at)


def test_a_warning_is_shown_beside_the_data_and_hides_nothing(tmp_path, monkeypatch):
    shutil.copy(ROOT / "tests" / "warnings" / "old-figure.yaml", tmp_path / "metrics.yaml")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    at = app().run()
    assert not at.exception
    assert len(at.error) == 0  # no problem banner
    assert [i.value for i in at.info] == ["Chưa chọn số liệu nổi bật (meta.key_figures)."]  # the page itself
    assert at.expander[0].label == "1 cảnh báo về tệp số liệu (số liệu vẫn hiển thị đầy đủ)"
    assert at.code[0].value.startswith("metrics.yaml:32:17: cảnh báo: indicators[doanh-thu].observations[1].period")
    assert '<h1 class="dx-title">Thử nghiệm</h1>' in markup(at)
    at.switch_page("dxkpi/ui/pages/downloads.py").run()
    assert len(at.get("download_button")) == 6  # a warning does not hold the downloads back


def test_with_no_browser_the_three_buttons_that_need_one_say_so_before_the_click(metrics_copy, monkeypatch):
    from dxkpi.export import ExportError, images

    def none_found(lang: str = "vi") -> str:
        raise ExportError(images.no_browser_message(lang))

    monkeypatch.setattr(images, "find_browser", none_found)
    at = app().run()
    at.switch_page("dxkpi/ui/pages/downloads.py").run()
    disabled = {b.proto.id.split("dl-")[-1]: b.proto.disabled for b in at.get("download_button")}
    assert disabled == {"pdf": True, "pptx": True, "png": True, "html": False, "xlsx": False, "docx": False}
    said = [html.unescape(c.value) for c in at.caption if "Chrome" in c.value and "Chưa tạo được" in c.value]
    assert said == ["Chưa tạo được trên máy này. " + images.no_browser_message("vi")] * 3


def test_a_download_that_cannot_be_made_saves_nothing_and_the_page_says_why(metrics_copy):
    from dxkpi.export import ExportError
    from dxkpi.ui import data, downloads

    at = app().run()
    at.switch_page("dxkpi/ui/pages/downloads.py").run()
    snap = data.current(metrics_copy)
    failures: dict[str, str] = at.session_state[downloads.FAILURES]
    metrics_copy.write_text(metrics_copy.read_text(encoding="utf-8").replace("value: 11500", "value: 11.500"))
    with pytest.raises(ExportError):  # raised, so Streamlit sends no file at all
        downloads._maker(snap, "pdf", "vi", failures)()
    assert "'11.500'" in failures["pdf"]
    metrics_copy.write_text(metrics_copy.read_text(encoding="utf-8").replace("value: 11.500", "value: 11500"))
    at.run()
    assert "Lần tải trước không tạo được tệp: Không xuất được" in html.unescape(at.error[0].value)
    assert downloads.FAILURES in at.session_state and at.session_state[downloads.FAILURES] == {}
