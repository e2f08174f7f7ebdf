"""`python -m dxkpi export --region ID`: each region's deck, read back, carries that region's name and figures."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from tests.test_export import ROOT, one_line, run

# region -> (its name on the title, a figure only its file holds, a figure of another region that must be absent)
REGIONS = {
    "long-an": ("Long An", "gần 11.500 tỷ đồng", "95,25%"),
    "tay-ninh-cu": ("Tây Ninh (cũ)", "41,11%", "gần 11.500 tỷ đồng"),
    "tay-ninh": ("Tây Ninh", "95,25%", "41,11%"),
}


def export(tmp_path: Path, fmt: str, region: str, lang: str = "vi") -> Path:
    """Run the real command without -o: the file it names after the region, checked to exist."""
    result = run(
        "--format", fmt, "--lang", lang, "--region", region, "--metrics", str(ROOT / "metrics.yaml"), cwd=tmp_path
    )
    expected = f"dxkpi-{region}-{lang}.{fmt}"
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{expected}\n", "")
    return tmp_path / expected


def visible_text(html_text: str) -> str:
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html_text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.parametrize("region", list(REGIONS))
def test_the_html_of_each_region_has_its_name_and_its_figures_only(tmp_path, region):
    name, own, other = REGIONS[region]
    text = visible_text(export(tmp_path, "html", region).read_text(encoding="utf-8"))
    assert (name in text, own in text, other in text) == (True, True, False)


def test_the_pdf_of_the_new_province_reads_back_with_its_name_and_figures(tmp_path):
    reader = PdfReader(export(tmp_path, "pdf", "tay-ninh"))
    text = one_line("\n".join(page.extract_text() for page in reader.pages))
    assert (reader.metadata.title, "Tây Ninh" in text) == ("Chỉ tiêu chuyển đổi số tỉnh Tây Ninh", True)
    assert ("95,25%" in text, "48,96%" in text, "88,9%" in text) == (True, True, False)


def test_the_pptx_of_the_former_tay_ninh_has_its_name_on_the_title_slide_and_its_figures(tmp_path):
    deck = Presentation(str(export(tmp_path, "pptx", "tay-ninh-cu", "en")))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    title = [shape.text_frame.text.splitlines()[0] for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert "Tây Ninh (former)" in title
    assert any("41.11%" in text for text in texts)


def test_the_xlsx_of_the_new_province_lists_its_indicators_with_their_figures(tmp_path):
    sheet = load_workbook(export(tmp_path, "xlsx", "tay-ninh"))["Chỉ tiêu"]
    rows = {row[-1].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert rows["cap-quang-ho-gia-dinh"][2:5] == [95.25, "%", "10/2025"]
    assert "doanh-thu-dn-cong-nghe-so" not in rows  # a Long An indicator


def test_an_unknown_region_is_named_with_the_ones_there_are(tmp_path):
    result = run("--format", "html", "--region", "ha-noi", "--lang", "en", cwd=ROOT)
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "Unknown region 'ha-noi': the regions are long-an, tay-ninh-cu, tay-ninh (files in data/regions)\n"
    )
