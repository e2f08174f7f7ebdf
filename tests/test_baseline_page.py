"""The baseline page (AppTest): the new Tây Ninh's former provinces side by side, in both languages."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.builders import ACTIVE, HOSTILE, hostile_text

ROOT = Path(__file__).parent.parent
PAGE = "dxkpi/ui/pages/baseline.py"


@pytest.fixture
def metrics_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped metrics.yaml and its data/ folder (with the region files) that a test may edit."""
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DXKPI_METRICS", str(tmp_path / "metrics.yaml"))
    return tmp_path / "metrics.yaml"


def open_baseline(lang: str, region: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = lang
    if region:
        at.query_params["region"] = region
    at.run()
    at.switch_page(PAGE).run()
    return at


def page_text(at: AppTest) -> str:
    """What a reader sees: tags removed, entities decoded, white space as one space."""
    sent = [e.value for kind in ("html", "markdown", "title", "subheader", "info", "error") for e in at.get(kind)]
    text = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", "\n".join(sent), flags=re.S))
    return re.sub(r"\s+", " ", text)


SHOWN = {
    "vi": [
        "Tây Ninh hợp nhất từ Long An và Tây Ninh (cũ) từ ngày 01/07/2025.",
        "0 chỉ tiêu gộp được · 8 không gộp dù mọi tỉnh cũ có số liệu",
        # each former province's figure as recorded, its period and source, then the rule that stops it
        "Hạ tầng băng rộng cáp quang đến xã Nền tảng chung 100% Kỳ 2023 · Nguồn: news.baolongan.vn "
        "100% Kỳ 04/2021 · Nguồn: vccinews.com, 26/04/2021 Không gộp — quy tắc “khác kỳ”: không có kỳ nào cả hai "
        "tỉnh cùng có số liệu (Long An: 2023; Tây Ninh (cũ): 04/2021).",
        "hạng 11/63 Kỳ 2022 · Nguồn: dti.gov.vn hạng 40/63 Kỳ 2022 · Nguồn: dti.gov.vn Không gộp — quy tắc “thứ hạng”",
        "42,28/80 điểm",
        "Không gộp — quy tắc “điểm số”",
        "Không gộp — quy tắc “khác định nghĩa”: hai tỉnh đo theo định nghĩa khác nhau (Long An: DVC trực tuyến mức "
        "độ 4; Tây Ninh (cũ): DVC trực tuyến toàn trình).",
        "Chưa chỉ tiêu nào gộp được",
    ],
    "en": [
        "Tây Ninh was formed from Long An and Tây Ninh (former) on 01/07/2025.",
        "0 combined · 8 not combined though every former province has a figure",
        "Fibre broadband to communes Foundations 100% Period 2023 · Source: news.baolongan.vn 100% Period 04/2021 · "
        "Source: vccinews.com, 26/04/2021 Not combined — rule “different periods”: there is no period for which both "
        "provinces have a figure (Long An: 2023; Tây Ninh (former): 04/2021).",
        "rank 11/63 Period 2022 · Source: dti.gov.vn rank 40/63 Period 2022 · Source: dti.gov.vn "
        "Not combined — rule “rank”",
        "42.28/80 points",
        "Not combined — rule “score”",
        "Nothing combines yet",
    ],
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_new_tay_ninh_shows_both_former_figures_and_the_rule_that_keeps_them_apart(metrics_copy, lang):
    at = open_baseline(lang, "tay-ninh")
    assert not at.exception
    assert at.title[0].value == {"vi": "Nền từ hai tỉnh cũ", "en": "Baseline from the former provinces"}[lang]
    text = page_text(at)
    assert [s for s in SHOWN[lang] if s not in text] == []
    assert at.query_params["region"] == "tay-ninh"


@pytest.mark.parametrize(
    ("lang", "region", "said", "button"),
    [
        ("vi", None, "Long An không hình thành từ việc hợp nhất các tỉnh cũ", "Xem nền của Tây Ninh"),
        (
            "en",
            "tay-ninh-cu",
            "Tây Ninh (former) was not formed by merging former provinces",
            "See Tây Ninh's baseline",
        ),
    ],
)
def test_a_region_without_predecessors_says_so_and_leads_to_the_new_province(metrics_copy, lang, region, said, button):
    at = open_baseline(lang, region)
    assert not at.exception
    assert at.info[0].value.startswith(said)
    assert len(at.table) == 0 and "dx-table" not in page_text(at)
    assert [b.label for b in at.button] == [button]
    at.button[0].click().run()
    assert not at.exception
    assert at.query_params["region"] == "tay-ninh"
    assert "Không gộp — quy tắc" in page_text(at) or "Not combined — rule" in page_text(at)


# A pair that combines, written into the copies of both former provinces' files (never the shipped ones).
EXTRA = """
  - id: ho-so-thu-nghiem
    name: "Hồ sơ thử nghiệm"
    name_en: "Test dossiers"
    pillar: chinh-quyen-so
    unit: count
    unit_label: "hồ sơ"
    unit_label_en: "dossiers"
    kind: context
    observations:
      - period: 2024
        value: {count}
        source: S15
  - id: ty-le-thu-nghiem
    name: "Tỷ lệ thử nghiệm"
    name_en: "Test share"
    pillar: chinh-quyen-so
    unit: percent
    kind: context
    observations:
      - period: 2024
        value: {share}
        numerator: {n}
        denominator: 100
        source: S15
"""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "vi",
            [
                "1.023 hồ sơ Số tính gộp từ Long An và Tây Ninh (cũ), không phải số công bố: 1.000 + 23 = 1.023 "
                "Kỳ 2024 · Nguồn: Long An: dti.gov.vn; Tây Ninh (cũ): dti.gov.vn",
                "37,5% Số tính gộp từ Long An và Tây Ninh (cũ), không phải số công bố: (50 + 25) / (100 + 100) = 37,5%",
                "2 chỉ tiêu gộp được",
            ],
        ),
        (
            "en",
            [
                "1,023 dossiers Computed from Long An and Tây Ninh (former), not a published figure: "
                "1,000 + 23 = 1,023",
                "37.5% Computed from Long An and Tây Ninh (former), not a published figure: (50 + 25) / (100 + 100)",
                "2 combined",
            ],
        ),
    ],
)
def test_a_combined_figure_is_shown_as_computed_with_its_inputs(metrics_copy, lang, said):
    regions = metrics_copy.parent / "data" / "regions"
    with metrics_copy.open("a", encoding="utf-8") as f:
        f.write(EXTRA.format(count=1000, share=50, n=50))
    with (regions / "tay-ninh-cu.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA.format(count=23, share=25, n=25))
    at = open_baseline(lang, "tay-ninh")
    assert not at.exception
    text = page_text(at)
    assert [s for s in said if s not in text] == []
    assert text.count({"vi": "Số tính gộp, không phải số công bố", "en": "Computed, not a published figure"}[lang]) == 2


def test_a_former_province_saved_with_a_mistake_is_named_and_its_last_good_figures_stay(metrics_copy):
    at = open_baseline("vi", "tay-ninh")
    former = metrics_copy.parent / "data" / "regions" / "tay-ninh-cu.yaml"
    good = former.read_text(encoding="utf-8")
    former.write_text(good.replace("value: 40\n", "value: bốn mươi\n"), encoding="utf-8")
    at.run()
    assert not at.exception
    assert html.unescape(at.error[0].value).startswith(
        "Tệp tay-ninh-cu.yaml (tỉnh cũ) vừa lưu có 1 lỗi. Bảng dưới đây dùng số liệu hợp lệ gần nhất của tệp đó"
    )
    assert at.code[0].value.startswith("tay-ninh-cu.yaml:")
    assert "hạng 40/63" in page_text(at)  # the last good figure
    former.write_text(good, encoding="utf-8")
    at.run()
    assert not at.exception and len(at.error) == 0


def test_a_former_province_unreadable_from_the_start_stops_the_baseline_with_a_message(metrics_copy):
    former = metrics_copy.parent / "data" / "regions" / "tay-ninh-cu.yaml"
    former.write_text(former.read_text(encoding="utf-8").replace("indicators:", "indicators: [", 1), encoding="utf-8")
    at = open_baseline("en", "tay-ninh")
    assert not at.exception
    assert html.unescape(at.error[0].value).startswith("tay-ninh-cu.yaml (a former province) cannot be read")
    assert "Not combined" not in page_text(at)  # no baseline from one province's figures alone


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_from_the_region_files_shows_exactly_as_written(metrics_copy, lang):
    regions = metrics_copy.parent / "data" / "regions"
    for path in (metrics_copy, regions / "tay-ninh-cu.yaml", regions / "tay-ninh.yaml"):
        path.write_text(hostile_text(path.read_text(encoding="utf-8")), encoding="utf-8")
    at = open_baseline(lang, "tay-ninh")
    assert not at.exception
    kinds = ("html", "markdown", "title", "subheader", "info", "error", "caption")
    sent = [e.value for kind in kinds for e in at.get(kind)]
    assert [a for a in ACTIVE if a in "\n".join(sent)] == []
    assert HOSTILE in page_text(at)


# The DTI has a published rule for a merged province: the page states it instead of refusing a "score".
DTI_SAID = {
    "vi": [
        "Giá trị chỉ số chuyển đổi số cấp tỉnh (DTI), DTI cấp tỉnh, bộ 405/QĐ-BKHCN (từ DTI 2024). Quy tắc của Bộ cho "
        "tỉnh sau sáp nhập: Kết quả DTI của tỉnh, thành phố sau sáp nhập được tính toán, xếp hạng dựa trên giá trị "
        "trung bình cộng các chỉ số chính của DTI các tỉnh trước sáp nhập. Nguồn: dantri.com.vn, 21/10/2025.",
        "Bảng chưa ghi số Bộ công bố cho Tây Ninh theo DTI cấp tỉnh, bộ 405/QĐ-BKHCN (từ DTI 2024) (chưa tìm thấy "
        "nguồn nêu số này).",
        "Chưa tính: quy tắc cần đủ 8 chỉ số chính của mỗi tỉnh cũ cùng một kỳ; bảng đang ghi Long An: 0/8; Tây Ninh "
        "(cũ): 0/8.",
    ],
    "en": [
        "Provincial Digital Transformation Index (DTI) score, Provincial DTI, set 405/QĐ-BKHCN (from DTI 2024). The "
        "ministry's rule for a merged province: A merged province's DTI is computed and ranked from the mean of the "
        "main indices of the former provinces' DTI. Source: dantri.com.vn, 21/10/2025.",
        "The file records no ministry figure for Tây Ninh under Provincial DTI, set 405/QĐ-BKHCN (from DTI 2024) (no "
        "source stating it was found).",
        "Not computed: the rule needs all 8 main indices of every former province for one period; the files record "
        "Long An: 0/8; Tây Ninh (former): 0/8.",
    ],
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_baseline_states_the_ministrys_dti_rule_and_that_no_merged_figure_is_published_yet(metrics_copy, lang):
    at = open_baseline(lang, "tay-ninh")
    assert not at.exception
    text = page_text(at)
    assert [s for s in DTI_SAID[lang] if s not in text] == []


MAIN_INDICES = [
    "dti-nhan-thuc-so",
    "dti-the-che-so",
    "dti-ha-tang-so",
    "dti-nhan-luc-so",
    "dti-an-toan-thong-tin-mang",
    "dti-chinh-quyen-so",
    "dti-kinh-te-so",
    "dti-xa-hoi-so",
]


def main_indices(values: list[float], source: str) -> str:
    """Eight main-index indicators of DTI 2024 (set 405) for a former province's file, one value each."""
    out = ""
    for ident, value in zip(MAIN_INDICES, values, strict=True):
        out += f"""
  - id: {ident}
    name: "Chỉ số chính {ident}"
    name_en: "Main index {ident}"
    pillar: chinh-quyen-so
    unit: score
    kind: context
    definition: dti-2024
    observations:
      - period: 2024
        value: {value}
        source: {source}
"""
    return out


def test_the_baseline_computes_the_dti_by_the_ministrys_rule_only_from_every_main_index_and_says_so(metrics_copy):
    # written into the copies only: the shipped files record no main index (none was found published)
    regions = metrics_copy.parent / "data" / "regions"
    la = [0.6, 0.7, 0.8, 0.5, 0.6, 0.7, 0.8, 0.9]
    tn = [0.4, 0.5, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7]
    with metrics_copy.open("a", encoding="utf-8") as f:
        f.write(main_indices(la, "S15"))
    with (regions / "tay-ninh-cu.yaml").open("a", encoding="utf-8") as f:
        f.write(main_indices(tn, "S15"))
    at = open_baseline("en", "tay-ninh")
    assert not at.exception
    text = page_text(at)
    assert (
        "Computed by the ministry's rule, not a published figure (2024): Main index dti-nhan-thuc-so: "
        "(0.6 + 0.4) / 2 = 0.5; Main index dti-the-che-so: (0.7 + 0.5) / 2 = 0.6;"
    ) in text
    assert "Main index dti-xa-hoi-so: (0.9 + 0.7) / 2 = 0.8." in text
    assert "Not computed" not in text


def test_the_baseline_shows_the_ministrys_figure_for_the_merged_province_once_one_is_recorded(metrics_copy):
    # written into the copy only: no such figure was found published for the new Tây Ninh
    path = metrics_copy.parent / "data" / "regions" / "tay-ninh.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = '    definition_note_en: "DTI 2024 (set 405/QĐ-BKHCN) ranks'
    line = next(x for x in text.splitlines() if x.startswith(anchor))
    figure = "\n    observations:\n      - period: 2024\n        value: 0.7\n        source: dantri-20251021181803153\n"
    figure += "        published: 21/10/2025\n"
    path.write_text(text.replace(line + "\n", line + figure), encoding="utf-8")
    at = open_baseline("vi", "tay-ninh")
    assert not at.exception
    said = page_text(at)
    assert (
        "Số Bộ công bố cho Tây Ninh: 0,7 (thang 0–1) năm 2024, công bố 21/10/2025 (dantri.com.vn, 21/10/2025)." in said
    )
    assert "Bảng chưa ghi số Bộ công bố" not in said
