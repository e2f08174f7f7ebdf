"""Every text from metrics.yaml reaches the page inert: no HTML, no Markdown, no Streamlit maths."""

from __future__ import annotations

import datetime as dt
import html as std_html
import re

import pytest

from dxkpi.core import fmt
from dxkpi.core.model import Indicator, Kind, Observation, Period, Qualifier, Source, SourceKind, Unit
from dxkpi.presentation import html
from tests.builders import make_indicator, year

# ----- builders -----

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_ESCAPED = "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;"


def indicator(
    unit: Unit = Unit.BILLION_VND,
    name: str = "Kinh phí đầu tư CNTT",
    name_en: str = "IT investment",
    unit_label: str | None = None,
    unit_label_en: str | None = None,
) -> Indicator:
    return make_indicator(
        name=name, name_en=name_en, unit=unit, kind=Kind.CONTEXT, unit_label=unit_label, unit_label_en=unit_label_en
    )


def observation(
    value: float, period: Period | None = None, qualifier: list[Qualifier] | None = None, source: str = "bao"
) -> Observation:
    return Observation(period=period or year(2020), source=source, value=value, qualifier=qualifier or [])


def source(publisher: str = "Báo Long An", date: dt.date | None = dt.date(2021, 10, 19)) -> Source:
    return Source(id="bao", title="Bài báo", publisher=publisher, kind=SourceKind.NEWS, date=date)


# ----- esc -----

MARKUP = [
    ("<script>alert(1)</script>", "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;"),
    ("[link](http://x)", "&#91;link&#93;&#40;http&#58;//x&#41;"),
    ("![img](http://x)", "&#33;&#91;img&#93;&#40;http&#58;//x&#41;"),
    (":smile: :red[x]", "&#58;smile&#58; &#58;red&#91;x&#93;"),
    ("$x$", "&#36;x&#36;"),
    ("$$x^2$$", "&#36;&#36;x^2&#36;&#36;"),
    ("*bold*", "&#42;bold&#42;"),
    ("_em_", "&#95;em&#95;"),
    ("`code`", "&#96;code&#96;"),
    ("&amp;", "&#38;amp;"),
    ("a=b", "a&#61;b"),
    ("\"double\" 'single'", "&#34;double&#34; &#39;single&#39;"),
    ("# heading", "&#35; heading"),
    ("~~gạch~~", "&#126;&#126;gạch&#126;&#126;"),
    ("a | b", "a &#124; b"),
    ("\\(x\\)", "&#92;&#40;x&#92;&#41;"),
    ("- item", "&#45; item"),
    ("+ item", "&#43; item"),
    ("==mark==", "&#61;&#61;mark&#61;&#61;"),
    ("{{x}}", "&#123;&#123;x&#125;&#125;"),
    ("Kinh phí 193 tỷ đồng", "Kinh phí 193 tỷ đồng"),
]


@pytest.mark.parametrize(("text", "expected"), MARKUP, ids=[t for t, _ in MARKUP])
def test_html_and_markdown_characters_become_numeric_entities(text, expected):
    assert html.esc(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in MARKUP], ids=[t for t, _ in MARKUP])
def test_no_markup_character_survives_escaping(text):
    assert [c for c in "<>[]()$*`_\"'" if c in html.esc(text)] == []


TRICKY = [
    "",
    "plain Vietnamese: Chuyển đổi số tỉnh Long An",
    HOSTILE,
    "<script>alert('x')</script>",
    "[link](javascript:alert(1))",
    "![img](http://x/a.png)",
    "$\\frac{1}{2}$ và $$x$$",
    "**bold** _em_ `code` ~~strike~~",
    "&amp; &lt; &#60; &#x3C;",
    "&#38;",
    "\"quotes\" and 'apostrophes'",
    "a\\*b \\$c",
    "| a | b |\n|---|---|",
    "# h1\n> quote\n- item\n1. one",
    "≥80% (2025, quốc gia) · ~220 doanh nghiệp",
    ":red[colour] :material/home: :smile:",
    "{{template}} <!-- comment --> ]]>",
    "\t tab\r\nCRLF\u00a0nbsp",
]


@pytest.mark.parametrize("text", TRICKY)
def test_unescaping_gives_back_exactly_the_text_from_the_file(text):
    assert std_html.unescape(html.esc(text)) == text


def test_esc_takes_any_value_as_its_text():
    assert (html.esc(193), html.esc(None), html.esc(88.9)) == ("193", "None", "88.9")


# ----- badge and cards -----


def test_a_badge_shows_the_status_icon_word_and_colour_with_its_text_at_aa_contrast():
    # the Okabe–Ito colour stays the border; the word is the same hue darkened to 4.5:1 on white (3.42:1 before)
    assert html.badge("achieved", "vi") == (
        '<span class="dx-badge" style="border-color:#009E73;color:#008662">✔ Đã đạt</span>'
    )
    assert html.badge("off_track", "en") == (
        '<span class="dx-badge" style="border-color:#D55E00;color:#C25600">✖ Off track</span>'
    )


def test_every_text_colour_of_the_stylesheets_is_at_aa_contrast_on_white_and_on_the_grey_panels():
    # `color:` only: borders and fills carry the status signal and need no 4.5:1; #F2F4F7 is the table head's panel
    colours = sorted(set(re.findall(r"(?<![-\w])color:(#[0-9A-Fa-f]{6})", html.CSS + html.SLIDE_CSS)))
    assert colours == ["#1b2733", "#4a5562"]  # captions included: Streamlit's own caption grey was 4.16:1
    assert [c for c in colours for bg in ("#FFFFFF", "#F2F4F7") if fmt.contrast(c, bg) < fmt.AA_CONTRAST] == []


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        (source(), "Báo Long An, 19/10/2021"),
        (source(date=None), "Báo Long An"),
        (None, "bao"),
    ],
)
def test_a_source_is_named_by_its_publisher_and_date_or_else_its_id(src, expected):
    assert fmt.source_name(src, "bao") == expected


def test_a_figure_card_shows_value_with_qualifier_name_period_words_and_source():
    ind = indicator()
    obs = observation(
        193, Period("2016-2020", dt.date(2016, 1, 1), dt.date(2020, 12, 31)), [Qualifier.ABOUT, Qualifier.OVER]
    )
    assert html.figure_card(ind, obs, source(), "vi") == (
        '<div class="dx-card">'
        '<div class="dx-value">&#62;193 tỷ đồng</div>'
        '<div class="dx-name">Kinh phí đầu tư CNTT</div>'
        '<div class="dx-meta">2016–2020 <span class="dx-q">(khoảng, hơn)</span> · Báo Long An, 19/10/2021</div>'
        "</div>"
    )


def test_a_figure_card_in_english_without_qualifier_or_known_source():
    ind = indicator(Unit.COUNT, unit_label="hồ sơ", unit_label_en="applications", name_en="Applications received")
    obs = observation(3031, Period("8/7/2021 - 19/10/2021", dt.date(2021, 7, 8), dt.date(2021, 10, 19)), source="s9")
    assert html.figure_card(ind, obs, None, "en") == (
        '<div class="dx-card">'
        '<div class="dx-value">3,031 applications</div>'
        '<div class="dx-name">Applications received</div>'
        '<div class="dx-meta">08/07/2021 – 19/10/2021 · s9</div>'
        "</div>"
    )


@pytest.mark.parametrize(
    ("lang", "src", "qualifier", "cited"),
    [
        ("vi", source(publisher=HOSTILE), "khoảng", f"{HOSTILE_ESCAPED}, 19/10/2021"),
        ("en", source(publisher=HOSTILE), "about", f"{HOSTILE_ESCAPED}, 19/10/2021"),
        ("vi", None, "khoảng", HOSTILE_ESCAPED),  # an unknown source is cited by its id, escaped too
    ],
)
def test_a_hostile_name_unit_or_publisher_is_escaped_in_the_figure_card(lang, src, qualifier, cited):
    ind = indicator(Unit.COUNT, name=HOSTILE, name_en=HOSTILE, unit_label=HOSTILE, unit_label_en=HOSTILE)
    obs = observation(220, qualifier=[Qualifier.ABOUT], source=HOSTILE)
    card = html.figure_card(ind, obs, src, lang)
    assert (card, "<img" in card) == (
        '<div class="dx-card">'
        f'<div class="dx-value">&#126;220 {HOSTILE_ESCAPED}</div>'
        f'<div class="dx-name">{HOSTILE_ESCAPED}</div>'
        f'<div class="dx-meta">2020 <span class="dx-q">({qualifier})</span> · {cited}</div>'
        "</div>",
        False,
    )


def test_a_count_card_shows_the_number_and_the_status():
    assert html.count_card("at_risk", 3, "en") == (
        '<div class="dx-card dx-count" style="border-top:6px solid #E69F00">'
        '<div class="dx-value">3</div>'
        '<div class="dx-name">◆ At risk</div>'
        "</div>"
    )


def test_a_grid_lays_cards_out_in_columns():
    assert html.grid(["<i>a</i>", "<i>b</i>"], 2) == (
        '<div class="dx-grid" style="grid-template-columns:repeat(2,1fr)"><i>a</i><i>b</i></div>'
    )


# ----- table -----


def test_a_table_keeps_its_header_and_cells_as_given():
    assert html.table(["A", "B"], [["1", "2"], ["3", "4"]]) == (
        '<div class="dx-scroll"><table class="dx-table"><thead><tr><th>A</th><th>B</th></tr></thead>'
        "<tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></tbody></table></div>"
    )


def test_model_text_in_a_table_is_escaped_when_passed_through_esc():
    ind = indicator(name=HOSTILE)
    table = html.table([html.esc("Chỉ tiêu")], [[html.esc(ind.name), html.badge("no_data", "vi")]])
    assert table == (
        '<div class="dx-scroll"><table class="dx-table"><thead><tr><th>Chỉ tiêu</th></tr></thead><tbody><tr>'
        f"<td>{HOSTILE_ESCAPED}</td>"
        '<td><span class="dx-badge" style="border-color:#8C8C8C;color:#767676">○ Chưa có số liệu</span></td>'
        "</tr></tbody></table></div>"
    )


def test_a_figure_card_says_when_the_figure_was_published():
    ind = indicator(Unit.SCORE, name="DTI")
    obs = observation(0.6961, year(2024), source="s9")
    obs.published = dt.date(2025, 10, 21)
    assert html.figure_card(ind, obs, None, "vi") == (
        '<div class="dx-card">'
        '<div class="dx-value">0,6961 điểm</div>'
        '<div class="dx-name">DTI</div>'
        '<div class="dx-meta">2024 · công bố 21/10/2025 · s9</div>'
        "</div>"
    )


@pytest.mark.parametrize(
    ("piece", "expected"),
    [
        (html.title, f'<h1 class="dx-title">{HOSTILE_ESCAPED}</h1>'),
        (html.heading, f'<h3 class="dx-h3">{HOSTILE_ESCAPED}</h3>'),
    ],
)
def test_a_title_or_heading_from_the_file_is_one_element_with_its_text_escaped(piece, expected):
    assert piece(HOSTILE) == expected
