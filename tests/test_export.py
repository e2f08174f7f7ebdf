"""`python -m dxkpi export`: each format made from the shipped metrics.yaml by the real command, read back
by an independent reader (pypdf, python-pptx, an HTML parser, openpyxl, the PNG header)."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import plotly.offline
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from dxkpi.analysis.account import Outcome, final_account
from dxkpi.analysis.progress import assess_all
from dxkpi.cli import build_parser
from dxkpi.core import fmt
from dxkpi.export import FORMATS, ExportError, default_output, export, images, pdf, pptx
from dxkpi.export import html as html_export
from dxkpi.export.common import chart_file_names, prepare, slug
from dxkpi.presentation import html as dxhtml
from dxkpi.presentation.slides import build_deck
from dxkpi.reading.loader import load

ROOT = Path(__file__).parent.parent
METRICS = ROOT / "metrics.yaml"
PILLARS_VI = ["Chính quyền số", "Kinh tế số", "Xã hội số", "Nền tảng chung"]


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dxkpi", "export", "--no-progress", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def exported(tmp_path_factory: pytest.TempPathFactory, fmt_: str, lang: str = "vi") -> Path:
    """Run the real command once; the path it printed, checked to be the path asked for."""
    out = tmp_path_factory.mktemp(f"{fmt_}-{lang}") / (f"deck-{lang}.{fmt_}" if fmt_ != "png" else "charts")
    result = run("--format", fmt_, "--lang", lang, "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{out}\n", "")
    return out


def deck(lang: str = "vi"):
    metrics = load(METRICS).metrics
    return build_deck(metrics, assess_all(metrics), lang)


FINAL = "Tổng kết giai đoạn 2021–2025"


def place(title: str) -> int:
    """Where the slide with this title is in the deck: tests name slides as a reader does."""
    return [s.title for s in deck()].index(title)


def one_line(text: str) -> str:
    """Extracted text with line breaks (a wrapped table cell) read as spaces."""
    return re.sub(r"\s+", " ", text)


# ----- PDF -----


@pytest.fixture(scope="module")
def pdf_vi(tmp_path_factory) -> PdfReader:
    return PdfReader(exported(tmp_path_factory, "pdf"))


@pytest.fixture(scope="module")
def pdf_vi_text(pdf_vi) -> str:
    return one_line("\n".join(page.extract_text() for page in pdf_vi.pages))


def test_the_pdf_shows_the_key_figures_written_the_vietnamese_way(pdf_vi_text):
    figures = [">193 tỷ đồng", "~220 doanh nghiệp", "gần 11.500 tỷ đồng", "3.031 hồ sơ", "795 hồ sơ"]
    assert [f for f in figures if f not in pdf_vi_text] == []


def test_the_pdf_has_every_pillar_title_with_its_diacritics(pdf_vi_text):
    titles = ["Chỉ tiêu chuyển đổi số tỉnh Long An", "Tổng quan", *PILLARS_VI, "Cột mốc nền tảng và dự án"]
    assert [t for t in titles if t not in pdf_vi_text] == []


def test_the_pdf_status_words_are_text_not_pictures(pdf_vi_text):
    words = ["✔ Đã đạt", "○ Chưa có số liệu", "ℹ Tham khảo, không mục tiêu", "✔ Đã hoàn thành", "◐ Thí điểm"]
    assert [w for w in words if w not in pdf_vi_text] == []


def test_the_pdf_embeds_every_font_it_uses_as_truetype(pdf_vi):
    fonts = {}
    for page in pdf_vi.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = embedded
    assert fonts == {"DejaVuSans": True, "DejaVuSans-Bold": True}


def test_the_pdf_starts_with_the_title_page_and_is_titled(pdf_vi):
    assert pdf_vi.metadata.title == "Chỉ tiêu chuyển đổi số tỉnh Long An"
    assert "Chỉ tiêu chuyển đổi số tỉnh Long An\nLong An\n" in pdf_vi.pages[0].extract_text()


def test_the_pdf_has_the_charts_as_pictures_on_their_pillar_pages(pdf_vi):
    pictures = [len(page.images) for page in pdf_vi.pages]
    assert sum(pictures) == sum(len(s.charts) for s in deck())


def test_the_english_pdf_writes_numbers_the_english_way(tmp_path_factory):
    text = one_line("\n".join(p.extract_text() for p in PdfReader(exported(tmp_path_factory, "pdf", "en")).pages))
    expected = ["nearly 11,500 billion VND", "3,031", "Digital government", "Digital economy", "✔ Achieved"]
    assert ([e for e in expected if e not in text], "11.500" in text) == ([], False)


def test_every_character_of_the_deck_is_in_the_embedded_font():
    font = TTFont("check", str(pdf.FONT_DIR / "DejaVuSans.ttf"))
    texts = []
    for lang in ("vi", "en"):
        for s in deck(lang):
            texts += [s.title, s.subtitle, s.more, *s.lines, *s.notes]
            texts += [x for c in s.cards for x in (c.value, c.label, c.meta)]
            texts += [
                x for r in s.rows for x in (fmt.status_label(r.status, lang), r.name, r.value, r.target, r.reason)
            ]
    missing = sorted({c for text in texts for c in text if c != "\n" and ord(c) not in font.face.charToGlyph})
    assert missing == []


def test_the_pdf_has_the_final_account_with_every_target_row_and_its_counts(pdf_vi_text):
    final = deck()[place(FINAL)]
    assert final.kind == "final"
    missing = [r.reason for r in final.all_rows if one_line(r.reason) not in pdf_vi_text]
    assert (final.title in pdf_vi_text, final.subtitle in pdf_vi_text, missing) == (True, True, [])


# ----- PowerPoint -----


@pytest.fixture(scope="module")
def pptx_vi(tmp_path_factory):
    return Presentation(str(exported(tmp_path_factory, "pptx")))


def test_the_pptx_has_the_decks_slides_in_order_with_their_titles(pptx_vi):
    assert [s.shapes.title.text for s in pptx_vi.slides] == [s.title for s in deck()]


def test_the_pptx_is_16_by_9(pptx_vi):
    assert (pptx_vi.slide_width, pptx_vi.slide_height) == (Inches(13.333), Inches(7.5))


def test_the_pptx_shows_each_chart_as_a_picture_1920_px_wide_on_its_slide(pptx_vi):
    widths = [
        [shape.image.size[0] for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        for slide in pptx_vi.slides
    ]
    assert widths == [[1920] * len(s.charts) for s in deck()]


def test_the_pptx_key_figures_and_status_tables_are_text(pptx_vi):
    def texts(slide):
        out = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        for shape in slide.shapes:
            if shape.has_table:
                out += [cell.text for row in shape.table.rows for cell in row.cells]
        return out

    slides = list(pptx_vi.slides)
    overview = texts(slides[1])
    cards = [c for c in deck()[1].cards if f"{c.value}\n{c.label}\n{c.meta}" not in overview]
    fibre = texts(slides[place("Nền tảng chung")])
    assert (cards, "✔ Đã đạt" in fibre, "88,9% (2023)\nMục tiêu >80% (2025, quốc gia)" in fibre) == ([], True, True)


def test_the_pptx_final_account_slide_shows_its_counts_and_the_measured_targets_as_text(pptx_vi):
    slide = list(pptx_vi.slides)[place(FINAL)]
    text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    for shape in slide.shapes:
        if shape.has_table:
            text += "\n" + "\n".join(cell.text for row in shape.table.rows for cell in row.cells)
    final = deck()[place(FINAL)]
    missing = [r.name for r in final.rows if r.name not in text or r.value not in text]
    assert (slide.shapes.title.text, final.subtitle in text, missing) == (final.title, True, [])


def test_the_pptx_speaker_notes_list_each_slides_sources(pptx_vi):
    notes = [s.notes_slide.notes_text_frame.text for s in pptx_vi.slides]
    assert notes == ["\n".join(s.speaker_notes("vi")) for s in deck()]
    assert "[S16] news.baolongan.vn" in notes[place(FINAL)]


# ----- HTML -----


class _Resources(HTMLParser):
    """Every src/href-like attribute, and every <script src>, of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.script_src: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        for name in ("src", "href", "srcset", "data", "action", "poster", "background"):
            if attrs.get(name):
                self.links.append((tag, name, attrs[name]))
        if tag == "script" and "src" in attrs:
            self.script_src.append(attrs["src"] or "")


@pytest.fixture(scope="module")
def html_vi(tmp_path_factory) -> str:
    return exported(tmp_path_factory, "html").read_text(encoding="utf-8")


def test_the_html_loads_nothing_from_the_network(html_vi):
    parser = _Resources()
    parser.feed(html_vi)
    remote = [link for link in parser.links if re.match(r"\s*(https?:)?//", link[2], re.I)]
    fetched = re.findall(r"(?:url|import|fetch)\(\s*['\"`]?\s*(?:https?:)?//", html_vi, re.I)
    css_imports = re.findall(r"@import", html_vi)
    assert (remote, parser.script_src, fetched, css_imports) == ([], [], [], [])


def test_the_html_inlines_plotly_js_once_and_draws_every_chart_with_it(html_vi):
    parser = _Resources()
    parser.feed(html_vi)
    charts = [attrs["id"] for tag, attrs in parser.tags if "plotly-graph-div" in (attrs.get("class") or "")]
    expected = [f"chart-{n:02d}-{c.key}" for n, s in enumerate(deck(), start=1) for c in s.charts]
    assert (html_vi.count(plotly.offline.get_plotlyjs()), charts) == (1, expected)
    assert [i for i in expected if f'Plotly.newPlot(                        "{i}"' not in html_vi] == []


def test_the_html_is_a_vietnamese_utf8_page_with_a_section_per_slide(html_vi):
    parser = _Resources()
    parser.feed(html_vi)
    sections = [attrs["id"] for tag, attrs in parser.tags if tag == "section"]
    assert html_vi.startswith('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n')
    assert sections == [f"slide-{n}" for n in range(1, len(deck()) + 1)]
    assert ("gần 11.500 tỷ đồng" in html_vi, "Nền tảng chung" in html_vi) == (True, True)


def test_the_html_has_the_final_account_section_with_every_shown_row(html_vi):
    final = deck()[place(FINAL)]
    shown = [r.name for r in final.rows if dxhtml.esc(r.name) not in html_vi]
    assert ('dx-export-final"' in html_vi, dxhtml.esc(final.subtitle) in html_vi, shown) == (True, True, [])


def test_a_chart_that_would_fetch_a_map_is_refused_rather_than_exported():
    import plotly.graph_objects as go

    figure = go.Figure(go.Scattergeo(lon=[106.4], lat=[10.5]))
    with pytest.raises(ExportError, match="scattergeo"):
        html_export._check_offline(figure, "vi")


# ----- Excel -----


@pytest.fixture(scope="module")
def xlsx_vi(tmp_path_factory):
    return load_workbook(exported(tmp_path_factory, "xlsx"))


def _rows_by_id(ws):
    return {row[-1].value: row for row in ws.iter_rows(min_row=2)}


def test_the_xlsx_revenue_row_holds_the_numbers_as_numbers(xlsx_vi):
    row = _rows_by_id(xlsx_vi["Chỉ tiêu"])["doanh-thu-dn-cong-nghe-so"]
    assert [c.value for c in row] == [
        "Kinh tế số",
        "Tổng doanh thu của doanh nghiệp công nghệ số",
        11500,
        "tỷ đồng",
        "2020",
        "gần",
        None,
        None,
        "ℹ Tham khảo, không mục tiêu",
        "số liệu tham khảo, không có mục tiêu",
        "[dcsvn-2021-10-19] Báo điện tử Đảng Cộng sản Việt Nam (ĐCSVN)",
        "doanh-thu-dn-cong-nghe-so",
    ]
    assert (row[2].data_type, row[2].number_format) == ("n", "#,##0")


def test_the_xlsx_fibre_row_has_its_value_and_share_of_target_as_formatted_numbers(xlsx_vi):
    row = _rows_by_id(xlsx_vi["Chỉ tiêu"])["cap-quang-ho-gia-dinh"]
    value, share = row[2], row[7]
    assert (value.value, value.data_type, value.number_format) == (88.9, "n", "#,##0.0")
    assert (share.value, share.data_type, share.number_format) == (pytest.approx(88.9 / 80), "n", "0.0%")
    assert (row[6].value, row[8].value) == (">80% (2025, quốc gia)", "✔ Đã đạt")


def test_the_xlsx_lists_every_indicator_under_a_frozen_bold_filtered_header(xlsx_vi):
    ws = xlsx_vi["Chỉ tiêu"]
    header = [c.value for c in ws[1]]
    assert header == [
        "Trụ cột",
        "Chỉ tiêu",
        "Giá trị mới nhất",
        "Đơn vị",
        "Kỳ",
        "Cách nguồn viết",
        "Mục tiêu",
        "Tỷ lệ so với mục tiêu",
        "Trạng thái",
        "Lý do",
        "Nguồn",
        "Mã chỉ tiêu",
    ]
    metrics = load(METRICS).metrics
    assert list(_rows_by_id(ws)) == [i.id for i in metrics.indicators]
    assert (ws.freeze_panes, ws.auto_filter.ref) == ("A2", f"A1:L{len(metrics.indicators) + 1}")
    assert [c.font.b for c in ws[1]] == [True] * len(header)


def test_the_xlsx_sources_sheet_lists_every_source(xlsx_vi):
    ws = xlsx_vi["Nguồn"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == [s.id for s in load(METRICS).metrics.sources]


def test_the_xlsx_final_account_sheet_has_a_row_per_2025_target_agreeing_with_the_account(xlsx_vi):
    metrics = load(METRICS).metrics
    account = final_account(metrics)
    ws = xlsx_vi["Tổng kết giai đoạn 2021–2025"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [(r[-1], r[9], r[10]) for r in rows] == [
        (line.indicator.id, fmt.status_label(line.outcome, "vi"), line.sentence("vi")) for line in account.lines
    ]
    work_files = next(r for r in rows if r[-1] == "ho-so-cong-viec-truc-tuyen-cap-tinh")
    assert work_files[2:10] == [
        "≥90% (2025, quốc gia)",
        "S1",
        92,
        "%",
        "2024",
        None,
        "[baomoi-c51119471] lite.baomoi.com",
        "✔ Đã đạt",
    ]
    counted = [r[9] for r in rows]
    assert (counted.count("✔ Đã đạt"), counted.count("○ Không đo được")) == (
        account.count(Outcome.ACHIEVED),
        account.count(Outcome.NOT_MEASURED),
    )


# ----- PNG -----


def png_width(path: Path) -> int:
    with path.open("rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", head[16:20])[0]


def test_the_png_export_writes_each_chart_once_1920_px_wide_named_after_its_slide(tmp_path_factory):
    folder = exported(tmp_path_factory, "png")
    names = sorted(p.name for p in folder.iterdir())
    assert f"{place('Chính quyền số') + 1:02d}-chinh-quyen-so-dvctt-muc-4.png" in names
    assert names == sorted(chart_file_names(deck())) and len(names) == sum(len(s.charts) for s in deck())
    assert {n: png_width(folder / n) for n in names} == {n: 1920 for n in names}


# ----- the command line -----


def test_a_metrics_file_with_problems_exports_nothing_and_prints_its_problems(tmp_path):
    broken = ROOT / "tests" / "broken" / "many-mistakes.yaml"
    out = tmp_path / "x.pdf"
    result = run("--format", "pdf", "--metrics", str(broken), "-o", str(out), "--lang", "en")
    problems = [p.render("en") for p in load(broken).problems]
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"Nothing exported: the metrics file {broken} has 4 problem(s); fix them first:",
        *problems,
    ]
    assert ("Traceback" in result.stderr, out.exists()) == (False, False)


def test_an_unknown_format_is_a_usage_error():
    result = run("--format", "odt")
    assert (result.returncode, "invalid choice: 'odt'" in result.stderr) == (2, True)


def test_an_output_in_a_missing_folder_is_a_message_not_a_traceback(tmp_path):
    out = tmp_path / "nowhere" / "deck.xlsx"
    result = run("--format", "xlsx", "-o", str(out))
    assert (result.returncode, result.stderr) == (1, f"Không ghi được {out}: thư mục {out.parent} không tồn tại\n")


def test_a_browser_path_that_is_not_a_browser_is_named_in_the_message(tmp_path):
    result = run("--format", "png", "-o", str(tmp_path / "charts"), "--lang", "en", BROWSER_PATH="/no/such/chrome")
    expected = "BROWSER_PATH=/no/such/chrome is not a browser that can be run; fix or unset it\n"
    assert (result.returncode, result.stderr) == (1, expected)


def test_without_o_the_file_is_named_after_the_language_in_the_current_folder(tmp_path):
    result = run("--format", "xlsx", "--lang", "en", "--metrics", str(METRICS), cwd=tmp_path)
    assert (result.returncode, result.stdout, sorted(p.name for p in tmp_path.iterdir())) == (
        0,
        "dxkpi-en.xlsx\n",
        ["dxkpi-en.xlsx"],
    )
    assert load_workbook(tmp_path / "dxkpi-en.xlsx").sheetnames == [
        "Indicators",
        "Plans",
        "Plan targets",
        "Tasks",
        "2021–2025 final account",
        "Sources",
    ]


def test_the_default_outputs_are_named_per_format_and_language():
    assert [str(default_output(f, "vi")) for f in FORMATS] == [
        "dxkpi-vi.pdf",
        "dxkpi-vi.pptx",
        "dxkpi-vi.html",
        "dxkpi-png-vi",
        "dxkpi-vi.xlsx",
        "dxkpi-vi.docx",
    ]


def test_the_command_offers_exactly_the_formats_the_exporter_knows():
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions if a.dest == "command")  # noqa: SLF001
    choices = next(a.choices for a in sub.choices["export"]._actions if a.dest == "format")  # noqa: SLF001
    assert tuple(choices) == FORMATS


# ----- pieces, in process -----


def test_with_no_browser_anywhere_the_message_says_what_to_install(monkeypatch):
    from choreographer.browsers.chromium import Chromium

    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **kw: None), raising=False)
    monkeypatch.setattr(images.shutil, "which", lambda name: None)
    monkeypatch.setattr(images, "_usual_places", lambda: [])
    with pytest.raises(ExportError) as caught:
        images.find_browser("en")
    assert str(caught.value) == (
        "No Chrome or Chromium found to draw the charts: install Google Chrome or Microsoft Edge "
        "(Debian/Ubuntu: apt-get install chromium), or set BROWSER_PATH to the browser's executable"
    )


def test_the_progress_bar_draws_on_the_stream_it_is_given_and_stays_silent_when_off():
    shown, hidden = io.StringIO(), io.StringIO()
    bar = images.ProgressBar(2, "Rendering charts", enabled=True, stream=shown)
    quiet = images.ProgressBar(2, "Rendering charts", stream=hidden)  # a StringIO is not a terminal
    for b in (bar, quiet):
        b.advance()
        b.advance()
        b.close()
    assert shown.getvalue() == (
        "\r[..............................] 0/2 Rendering charts"
        "\r[###############...............] 1/2 Rendering charts"
        "\r[##############################] 2/2 Rendering charts\n"
    )
    assert hidden.getvalue() == ""


def test_slugs_are_ascii_words_joined_by_hyphens():
    assert [slug("Chính quyền số"), slug("Nền tảng chung"), slug("Đường truyền 4G/5G")] == [
        "chinh-quyen-so",
        "nen-tang-chung",
        "duong-truyen-4g-5g",
    ]


HOSTILE = "<b>x</b> & <img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_report(tmp_path):
    """The minimal file with markup in an indicator's name and the title, and stand-in chart PNGs."""
    text = (ROOT / "tests" / "good" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Tỷ lệ dịch vụ công trực tuyến mức độ 4", f'name: "{HOSTILE}"')
    text = text.replace("title: Thử nghiệm", f'title: "T {HOSTILE}"')
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    report = prepare(path, "vi")
    buffer = io.BytesIO()
    Image.new("RGB", (1920, 680), "white").save(buffer, "PNG")
    pngs = [buffer.getvalue() for s in report.deck for _ in s.charts]
    return report, pngs


def test_markup_in_the_file_is_printed_as_text_in_the_pdf(hostile_report, tmp_path):
    report, pngs = hostile_report
    pdf.build(report, tmp_path / "h.pdf", pngs)
    text = one_line("\n".join(p.extract_text() for p in PdfReader(tmp_path / "h.pdf").pages))
    assert (f"T {HOSTILE}" in text, HOSTILE in text.replace(f"T {HOSTILE}", "")) == (True, True)


def test_markup_in_the_file_is_kept_as_text_in_the_pptx(hostile_report, tmp_path):
    report, pngs = hostile_report
    pptx.build(report, tmp_path / "h.pptx", pngs)
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "h.pptx")).slides]
    assert titles[0] == f"T {HOSTILE}"


def test_markup_in_the_file_is_inert_in_the_html(hostile_report):
    report, _ = hostile_report
    page = html_export.page(report)
    assert ("<img src=x" in page, "<b>x</b>" in page, "&#60;img src&#61;x" in page) == (False, False, True)


def test_export_refuses_an_unknown_format_or_language_with_a_message():
    with pytest.raises(ExportError, match=r"Unknown format: 'odp' \(pdf, pptx, html, png, xlsx, docx\)"):
        export(METRICS, "odp", None, "en")
    with pytest.raises(ExportError, match="unknown language: 'fr'"):
        export(METRICS, "pdf", None, "fr")


def test_the_pdf_lists_every_indicator_of_a_pillar_including_those_with_no_data_yet(pdf_vi_text):
    # The slide shows what a screen fits; the report has room for the indicators that still lack a figure.
    assert "Tỷ trọng kinh tế số trong GRDP" in pdf_vi_text
    assert "xem bảng điều khiển" not in pdf_vi_text
