"""`python -m dxkpi export --format docx`: the Báo cáo of each region, made by the real command and read back with
python-docx (and its XML, for what python-docx has no API for: footnotes, page fields), then through LibreOffice
Writer as PDF. The form is Nghị định 30/2020/NĐ-CP, Phụ lục I."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from dxkpi.analysis import plans
from dxkpi.analysis.progress import assess_all
from dxkpi.analysis.window import cut, known_by
from dxkpi.core import clock, fmt
from dxkpi.core import model as m
from dxkpi.reading.loader import load
from tests.test_export import ROOT, run

TODAY = clock.today()  # the suite's fixed day (tests/conftest.py), which the exported report also sees
# region id -> its file; None is the default file (metrics.yaml), exported without --region
REGIONS = {None: ROOT / "metrics.yaml", "tay-ninh": ROOT / "data/regions/tay-ninh.yaml",
           "tay-ninh-cu": ROOT / "data/regions/tay-ninh-cu.yaml"}  # fmt: skip
IDS = ["default", "tay-ninh", "tay-ninh-cu"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def exported(folder: Path, region: str | None, *extra: str) -> Path:
    out = folder / f"report-{region or 'default'}.docx"
    result = run("--format", "docx", "-o", str(out), *(["--region", region] if region else []), *extra)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{out}\n", "")
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str | None, docx.document.Document]:
    folder = tmp_path_factory.mktemp("docx")
    return {region: docx.Document(str(exported(folder, region))) for region in REGIONS}


def metrics_of(region: str | None) -> m.Metrics:
    metrics = load(REGIONS[region]).metrics
    assert metrics is not None
    return metrics


def body_text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def footnotes(doc) -> list[str]:
    """The text of each real footnote (the separators left out), in order."""
    part = doc.part.part_related_by(RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    notes = [n for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    return ["".join(t.text or "" for t in n.iter(f"{W}t")).strip() for n in notes]


def references(doc) -> list[str]:
    return [r.get(qn("w:id")) for r in doc.element.body.iter(qn("w:footnoteReference"))]


def tracked(metrics: m.Metrics) -> list[m.Indicator]:
    return [i for i in metrics.indicators if i.kind in (m.Kind.MEASURED, m.Kind.RANK) and metrics.targets_of(i)]


def milestones(metrics: m.Metrics) -> list[m.Indicator]:
    return [i for i in metrics.indicators if i.kind is m.Kind.MILESTONE and i.latest_observation() is not None]


# ----- the page -----


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_the_report_is_a4_portrait_then_landscape_phu_luc_within_the_decrees_margins(reports, region):
    sections = reports[region].sections
    sizes = [(round(s.page_width.mm), round(s.page_height.mm)) for s in sections]
    margins = {(round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm))
               for s in sections}  # fmt: skip
    assert sizes == [(210, 297), (297, 210), (297, 210)]
    assert all(20 <= t <= 25 and 20 <= b <= 25 and 30 <= left <= 35 and 15 <= r <= 20 for t, b, left, r in margins)


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_every_word_is_times_new_roman_13_to_14_but_the_decrees_smaller_parts(reports, region):
    doc = reports[region]
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    annex_cells = [r for t in doc.tables[2:] for c in t._cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    letterhead = [r for c in doc.tables[0]._cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    closing = [r for c in doc.tables[1]._cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    sizes = {
        "body": {r.font.size.pt for r in runs + annex_cells},
        "letterhead": {r.font.size.pt for r in letterhead},
        "closing": {r.font.size.pt for r in closing},
    }
    assert sizes == {"body": {13.0, 14.0}, "letterhead": {12.0, 13.0, 14.0}, "closing": {11.0, 12.0, 14.0}}
    assert {r.font.name for r in runs + annex_cells + letterhead + closing} == {"Times New Roman"}
    assert doc.styles["Normal"].font.name == "Times New Roman"


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_the_body_is_justified_with_a_first_line_indent_and_6_pt_after(reports, region):
    texts = [p for p in reports[region].paragraphs if p.style.name == "Normal" and p.paragraph_format.first_line_indent]
    assert texts
    assert {(str(p.alignment), round(p.paragraph_format.first_line_indent.mm, 1), p.paragraph_format.space_after.pt)
            for p in texts} == {("JUSTIFY (3)", 12.7, 6.0)}  # fmt: skip


# ----- the header block and the title -----


@pytest.mark.parametrize(
    ("region", "parent", "issuer", "number", "place", "recipient"),
    [
        (None, "[CƠ QUAN CHỦ QUẢN]", "[CƠ QUAN BAN HÀNH]", "Số: …/BC-…", "Long An", "Kính gửi: …"),
        ("tay-ninh", "UBND TỈNH TÂY NINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: …/BC-SKHCN", "Tây Ninh",
         "Kính gửi: Ủy ban nhân dân tỉnh Tây Ninh"),
        ("tay-ninh-cu", "[CƠ QUAN CHỦ QUẢN]", "[CƠ QUAN BAN HÀNH]", "Số: …/BC-…", "Tây Ninh", "Kính gửi: …"),
    ],
    ids=IDS,
)  # fmt: skip
def test_the_header_block_holds_the_bodies_the_nation_the_number_and_the_place_and_date(
    reports, region, parent, issuer, number, place, recipient
):
    doc = reports[region]
    cells = [[p.text for p in c.paragraphs if p.text] for c in doc.tables[0]._cells]
    assert cells == [
        [parent, issuer],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        [number],
        [f"{place}, {fmt.long_date(TODAY)}"],
    ]
    date_run = doc.tables[0].cell(1, 1).paragraphs[0].runs[0]
    assert (date_run.italic, doc.tables[0].cell(0, 1).paragraphs[1].runs[0].bold) == (True, True)
    first = [p.text for p in doc.paragraphs if p.text][:3]
    assert first == ["BÁO CÁO", f"Kết quả thực hiện chuyển đổi số năm {TODAY.year}", recipient]


def test_the_date_line_has_the_decrees_leading_zeros(reports):
    assert re.fullmatch(
        r"Long An, ngày \d\d tháng (0[12]|[3-9]|1[0-2]) năm \d{4}", reports[None].tables[0].cell(1, 1).text
    )


def test_the_header_block_is_a_borderless_table_with_short_rules_under_the_issuer_and_the_motto(reports):
    table = reports["tay-ninh"].tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    ruled = [n for n, c in enumerate(table._cells) if c._tc.find(".//" + qn("w:pBdr")) is not None]
    assert ruled == [0, 1]  # the bodies' cell and the nation's, not the number's or the date's


# ----- the body -----


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_the_body_follows_the_decrees_numbering(reports, region):
    headings = [p.text.split(" ")[0] for p in reports[region].paragraphs
                if re.match(r"(Phần [IVX]+$|[IVX]+\. |\d+\. |[a-d]\) )", p.text)]  # fmt: skip
    # I.: the plan's targets, the indicators with a target, the closed period's account, the results by pillar
    expected_shortcomings = len([p for p in reports[region].paragraphs if re.match(r"\d+\. ", p.text)]) - 4
    assert headings == [
        "Phần", "I.", "1.", "2.", "3.", "4.", "a)", "b)", "c)", "d)", "II.", "III.",
        *[f"{n}." for n in range(1, expected_shortcomings + 1)], "Phần", "Phần",
    ]  # fmt: skip
    parts = [p.text for p in reports[region].paragraphs if p.text.startswith("Phần ")]
    assert parts == ["Phần I", "Phần II", "Phần III"]


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_the_report_states_its_cut_off_and_its_window(reports, region):
    text = body_text(reports[region])
    assert f"Số liệu tính đến ngày {fmt.date(TODAY)}. Kỳ báo cáo năm {TODAY.year} tính từ ngày 15/12/{TODAY.year - 1}" \
        f" đến ngày 14/12/{TODAY.year}" in text  # fmt: skip


def default_account(region: str | None) -> plans.PlanAccount:
    """The plan a report counts by default (the first open one, the province's own first) at its cut-off."""
    metrics = cut(metrics_of(region), TODAY)
    return plans.account_of(metrics, plans.open_plans(metrics, TODAY)[0], TODAY)


@pytest.mark.parametrize(
    ("region", "plan"), [(None, "nq-57"), ("tay-ninh", "tn-ha-tang-so"), ("tay-ninh-cu", "nq-57")], ids=IDS
)
def test_the_results_count_the_default_plans_targets_and_tasks_in_the_provinces_sentence(reports, region, plan):
    account = default_account(region)
    text = body_text(reports[region])
    assert account.plan.id == plan
    assert f"Kế hoạch được báo cáo: {fmt.plan_title(account.plan)}; đánh giá đến ngày {fmt.date(TODAY)}." in text
    assert f"{account.target_sentence('vi')} (chi tiết tại Phụ lục I)." in text
    assert f"\n{account.task_sentence('vi')}." in text  # no task in the shipped plans: nothing in Phụ lục II


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_the_results_count_the_indicators_with_a_target_in_the_official_words(reports, region):
    metrics = cut(metrics_of(region), TODAY)
    targets = tracked(metrics)
    text = body_text(reports[region])
    achieved = sum(1 for i in targets if assess_all(metrics, TODAY)[i.id].status == "achieved")
    assert f"Trong {len(targets):02d} chỉ tiêu có mục tiêu, đến thời điểm báo cáo: " in text
    assert (f"hoàn thành {fmt.count_of(achieved, len(targets))} chỉ tiêu" in text) is (achieved > 0)
    assert "cột mốc" not in text  # a plan's milestones are among its tasks; the file's others are not this report's


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_every_figure_keeps_its_sources_words_its_period_and_a_footnote_naming_its_source(reports, region):
    doc = reports[region]
    metrics = metrics_of(region)
    sources = metrics.source_by_id()
    text = body_text(doc)
    notes = footnotes(doc)
    known = cut(metrics, clock.today())  # the report's cut-off: today, unless --as-of says otherwise
    figured = [i for i in known.indicators if i.kind is not m.Kind.MILESTONE and i.latest_figure() is not None]
    missing = []
    for ind in figured:
        obs = ind.latest_figure()
        words = fmt.spoken(obs, ind)
        if f"{fmt.name(ind)}: {words}" not in text:
            missing.append(ind.id)
    assert missing == []
    assert (len(notes), references(doc)) == (len(figured), [str(n) for n in range(1, len(figured) + 1)])
    cited = [re.match(r"Số liệu: \[([^\]]+)\]", note).group(1) for note in notes]
    assert sorted(cited) == sorted(i.latest_figure().source for i in figured)
    for k, (source, note) in enumerate(zip(cited, notes, strict=True), start=1):
        figure = note.split(". Mục tiêu: ")[0]
        again = re.fullmatch(rf"Số liệu: \[{re.escape(source)}\], xem chú thích (\d+)\.?", figure)
        full = notes[int(again.group(1)) - 1] if again else figure  # cited again: the note that gives it in full
        assert (sources[source].publisher in full, int(again.group(1)) < k if again else True) == (True, True), note


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_each_source_is_cited_in_full_once_and_after_that_by_its_id_and_that_notes_number(reports, region):
    notes = footnotes(reports[region])
    sources = metrics_of(region).source_by_id()
    cited = [s for note in notes for s in re.findall(r"\[([^\]]+)\]", note)]
    numbered = list(enumerate(notes, start=1))
    in_full = {s: [k for k, note in numbered if f"[{s}] {sources[s].publisher}" in note] for s in cited}
    assert {s: len(found) for s, found in in_full.items()} == {s: 1 for s in cited}
    for k, note in enumerate(notes, start=1):
        for s, number in re.findall(r"\[([^\]]+)\], xem chú thích (\d+)", note):
            assert in_full[s] == [int(number)] and int(number) < k, note
    assert len(set(cited)) < len(cited)  # the shipped files cite some sources more than once


def test_the_sources_own_qualifiers_are_kept(reports):
    assert ("gần 11.500 tỷ đồng" in body_text(reports[None]), "hơn 99% (09/2025)" in body_text(reports["tay-ninh"])) \
        == (True, True)  # fmt: skip


def test_a_computed_share_says_it_is_computed_and_from_what(reports):
    assert "(bằng 49% mục tiêu: số do bảng chỉ tiêu tính từ kết quả và mục tiêu)" in body_text(reports["tay-ninh"])


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_the_officials_own_sections_are_bracketed_placeholders(reports, region):
    italic = [p.text for p in reports[region].paragraphs if p.text.startswith("[") and p.runs[0].italic]
    assert italic == [
        "[Khó khăn, vướng mắc và nguyên nhân: cơ quan soạn thảo bổ sung.]",
        "[Nhiệm vụ, giải pháp trọng tâm thời gian tới: cơ quan soạn thảo bổ sung.]",
        "[Đề xuất, kiến nghị: cơ quan soạn thảo bổ sung.]",
    ]


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_the_closing_has_noi_nhan_and_the_signers_block_in_the_decrees_sizes(reports, region):
    left, right = reports[region].tables[1].rows[0].cells
    head = left.paragraphs[0].runs[0]
    assert (head.text, head.bold, head.italic, head.font.size.pt) == ("Nơi nhận:", True, True, 12.0)
    assert [p.text for p in left.paragraphs[1:]] == ["- Như trên;", "- …;", "- Lưu: VT, …."]
    assert [p.text for p in right.paragraphs if p.text] == ["[QUYỀN HẠN, CHỨC VỤ NGƯỜI KÝ]", "[Họ và tên]"]


# ----- page numbers -----


def fields(part) -> list[str]:
    return [t.text.strip() for t in part._element.iter(qn("w:instrText"))]


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_page_numbers_are_centred_in_the_top_margin_none_on_page_1_and_each_phu_luc_restarts(reports, region):
    sections = reports[region].sections
    seen = [
        (
            s.different_first_page_header_footer,
            fields(s.header),
            str(s.header.paragraphs[0].alignment),
            fields(s.first_page_header),
            (s._sectPr.find(qn("w:pgNumType")) is not None and s._sectPr.find(qn("w:pgNumType")).get(qn("w:start"))),
        )
        for s in sections
    ]
    assert seen == [
        (True, ["PAGE"], "CENTER (1)", [], False),
        (True, ["PAGE"], "CENTER (1)", [], "1"),
        (True, ["PAGE"], "CENTER (1)", [], "1"),
    ]


# ----- the two phụ lục -----


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_phu_luc_i_has_a_row_per_plan_target_and_phu_luc_ii_a_row_per_plan_task_under_repeating_headers(
    reports, region
):
    doc = reports[region]
    account = default_account(region)
    first, second = doc.tables[2], doc.tables[3]
    heads = [[c.text for c in t.rows[0].cells] for t in (first, second)]
    assert heads == [
        ["STT", "Chỉ tiêu", "Mục tiêu (kế hoạch)", "Kết quả", "Kỳ số liệu", "Đánh giá", "Nguồn"],
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Kết quả hoặc khó khăn", "Nguồn"],
    ]
    assert [r.cells[1].text for r in first.rows[1:]] == [x.name("vi") for x in account.targets]
    assert [r.cells[1].text for r in second.rows[1:]] == [x.title("vi") for x in account.tasks] == []
    assert [r.cells[0].text for r in first.rows[1:]] == [str(n) for n in range(1, len(first.rows))]
    repeat = [t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in (first, second)]
    assert repeat == [True, True]


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_each_phu_luc_is_headed_as_the_decree_says(reports, region):
    lines = [p.text for p in reports[region].paragraphs if p.text]
    start = lines.index("Phụ lục I")
    assert lines[start : start + 3] == [
        "Phụ lục I",
        f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM {TODAY.year}",
        f"(Kèm theo Báo cáo số …/BC-{'SKHCN' if region == 'tay-ninh' else '…'} ngày … tháng … năm …)",
    ]
    assert "Phụ lục II" in lines[start + 3 :]


def test_a_report_of_the_programme_period_lists_its_2025_targets_in_phu_luc_i(tmp_path):
    from dxkpi.analysis.account import final_account

    doc = docx.Document(str(exported(tmp_path, None, "--kind", "period")))
    account = final_account(cut(metrics_of(None), TODAY))
    rows = [(r.cells[1].text, r.cells[5].text) for r in doc.tables[2].rows[1:]]
    assert rows == [(fmt.name(line.indicator), fmt.status_word(line.outcome)) for line in account.lines]
    assert "Kết quả thực hiện Chương trình Chuyển đổi số quốc gia giai đoạn 2021–2025" in body_text(doc)


# ----- the cut-off -----


def test_a_figure_published_after_the_cut_off_is_left_out(tmp_path):
    doc = docx.Document(str(exported(tmp_path, "tay-ninh", "--as-of", "01/10/2025")))
    text = body_text(doc) + "\n".join(c.text for t in doc.tables for c in t._cells)
    # 95,25% of households on fibre was published on 15/10/2025; more than 99% of documents on 24/09/2025
    assert ("95,25%" in text, "hơn 99% (09/2025)" in text, "Số liệu tính đến ngày 01/10/2025." in text) == (
        False,
        True,
        True,
    )


@pytest.mark.parametrize("region", REGIONS, ids=IDS)
def test_every_cited_figure_was_known_by_the_cut_off(tmp_path, region):
    as_of = dt.date(2024, 6, 30)
    doc = docx.Document(str(exported(tmp_path, region, "--as-of", "30/06/2024")))
    metrics = metrics_of(region)
    sources = metrics.source_by_id()
    cited = {re.match(r"Số liệu: \[([^\]]+)\]", note).group(1) for note in footnotes(doc)} if references(doc) else set()
    known = {o.source for i in metrics.indicators for o in i.observations if known_by(o, sources, as_of)}
    assert cited <= known


# ----- English, errors -----


def test_the_english_working_copy_has_the_same_structure(tmp_path, reports):
    doc = docx.Document(str(exported(tmp_path, "tay-ninh", "--lang", "en")))
    vi = reports["tay-ninh"]
    assert [len(t.rows) for t in doc.tables] == [len(t.rows) for t in vi.tables]
    assert (len(footnotes(doc)), len(doc.sections)) == (len(footnotes(vi)), 3)
    assert [p.text for p in doc.paragraphs if p.text][:2] == ["REPORT", f"Digital-transformation results, {TODAY.year}"]


def test_a_date_that_is_not_a_date_is_a_usage_message_not_a_traceback(tmp_path):
    result = run("--format", "docx", "-o", str(tmp_path / "x.docx"), "--as-of", "31/02/2025")
    assert (result.returncode, "Traceback" in result.stderr, tmp_path.joinpath("x.docx").exists()) == (2, False, False)
    assert "not a date: '31/02/2025' (DD/MM/YYYY" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf", "--as-of", "01/01/2026", "--charts"), "--as-of, --charts: chỉ dùng với --format docx\n"),
        (("--format", "xlsx", "--kind", "year", "--lang", "en"), "--kind: only for --format docx\n"),
        (("--format", "pptx", "--plan", "qd-2629"), "--plan: chỉ dùng với --format docx\n"),
    ],
)
def test_the_reports_options_with_another_format_are_a_usage_message(args, message):
    result = run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


# ----- through LibreOffice Writer -----

SOFFICE = shutil.which("soffice")


def writer_can_convert() -> bool:
    return SOFFICE is not None and any(
        Path(p).exists()
        for p in ("/usr/lib/libreoffice/program/libswlo.so", "/usr/lib/libreoffice/share/registry/writer.xcd")
    )


@pytest.mark.skipif(not writer_can_convert(), reason="LibreOffice Writer (soffice, libreoffice-writer-nogui) is absent")
def test_writer_prints_it_on_a4_with_no_number_on_page_1_a_2_atop_page_2_and_landscape_phu_luc(tmp_path):
    from pypdf import PdfReader

    source = exported(tmp_path, "tay-ninh")
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "report-tay-ninh.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    pages = PdfReader(pdf).pages
    sizes = [tuple(round(float(v)) for v in p.mediabox[2:]) for p in pages]
    texts = [p.extract_text() for p in pages]
    landscape = [s[0] > s[1] for s in sizes]
    annex = landscape.index(True)
    assert {s if s[0] < s[1] else s[::-1] for s in sizes} == {(595, 842)}  # A4 either way round
    assert (annex > 1, landscape[annex:] == [True] * (len(pages) - annex)) == (True, True)
    # pypdf reads LibreOffice's Vietnamese with the marks out of place: the first letters are enough here
    firsts = [t.split("\n")[0] for t in texts]
    assert (firsts[0].startswith("UBND T"), firsts[1], texts[annex].startswith("Ph"), firsts[annex + 1]) == (
        True,
        "2",
        True,
        "2",  # Phụ lục I is numbered on its own: its second page is 2 again
    )


def _browser() -> bool:
    from dxkpi.export import ExportError, images

    try:
        images.find_browser()
    except ExportError:
        return False
    return True


@pytest.mark.skipif(not _browser(), reason="no Chrome-family browser to draw the charts")
def test_with_charts_each_pillars_charts_are_pictures_under_its_paragraph_and_the_text_stays_text(tmp_path, reports):
    from dxkpi.presentation.slides import build_deck

    doc = docx.Document(str(exported(tmp_path, None, "--charts")))
    metrics = metrics_of(None)
    deck = build_deck(metrics, assess_all(metrics), "vi")
    expected = []
    for slide in (s for s in deck if s.kind == "pillar"):
        expected += [slide.title] * len(slide.charts)
    pillar, under = None, []
    for p in doc.paragraphs:
        if re.match(r"[a-d]\) ", p.text):
            pillar = p.text[3:]
        if p._p.findall(".//" + qn("w:drawing")):
            under.append(pillar)

    def words(d) -> list[str]:
        return [p.text for p in d.paragraphs if p.text]

    assert (under, words(doc)) == (expected, words(reports[None]))


def names(element) -> list[str]:
    return [child.tag.split("}")[1] for child in element]


def test_the_xml_written_by_hand_is_in_the_schemas_order_so_word_opens_it_without_repair(reports):
    doc = reports["tay-ninh"]
    ruled = next(p for p in doc.element.body.iter(qn("w:pPr")) if p.find(qn("w:pBdr")) is not None)
    mark = next(r for r in doc.element.body.iter(qn("w:rPr")) if r.find(qn("w:vertAlign")) is not None)
    settings = names(doc.settings.element)
    assert {
        "letterhead": names(doc.tables[0]._tbl.tblPr),
        "phụ lục": names(doc.tables[2]._tbl.tblPr),
        "rule": names(ruled),
        "footnote mark": names(mark),
        "settings": settings[settings.index("footnotePr") - 1 : settings.index("footnotePr") + 2],
    } == {
        "letterhead": ["tblW", "jc", "tblBorders", "tblLayout", "tblCellMar", "tblLook"],
        "phụ lục": ["tblW", "tblBorders", "tblLayout", "tblLook"],
        "rule": ["pBdr", "spacing", "ind"],
        "footnote mark": ["rFonts", "sz", "vertAlign"],
        "settings": ["savePreviewPicture", "footnotePr", "compat"],
    }
    fonts = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert sorted(k.split("}")[1] for k in fonts.attrib) == ["ascii", "cs", "eastAsia", "hAnsi"]  # no theme font
