"""The meeting deck: the same slides, figures and sources for presentation mode, PowerPoint, PDF and HTML."""

from __future__ import annotations

import datetime as dt
import html as std_html
import re
import shutil
from pathlib import Path

import pytest

from dxkpi.analysis.progress import assess_all
from dxkpi.core.model import Kind, Observation, Unit
from dxkpi.presentation.html import slide_html
from dxkpi.presentation.slides import LIMITS, MAX_CHARTS, MAX_ROWS, SHORT_CITATION, build_deck
from dxkpi.reading.loader import load
from tests.builders import ACTIVE, HOSTILE, LONG, hostile_text, make_indicator, make_metrics, year

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def metrics():
    return load(ROOT / "metrics.yaml").metrics


def deck(metrics, lang="vi"):
    return build_deck(metrics, assess_all(metrics), lang)


def titled(slides, title):
    """The slide with this title: tests name slides as a reader does, not by their place in the deck."""
    return next(s for s in slides if s.title == title)


def test_the_deck_runs_title_overview_plans_final_account_pillars_milestones_sources(metrics):
    assert [(s.kind, s.title) for s in deck(metrics)] == [
        ("title", "Chỉ tiêu chuyển đổi số tỉnh Long An"),
        ("overview", "Tổng quan"),
        ("final", "Các kế hoạch đang thực hiện"),
        ("final", "Tổng kết giai đoạn 2021–2025"),
        ("pillar", "Chính quyền số"),
        ("pillar", "Kinh tế số"),
        ("pillar", "Xã hội số"),
        ("pillar", "Nền tảng chung"),
        ("milestones", "Cột mốc nền tảng và dự án"),
        ("sources", "Nguồn số liệu"),
    ]


def test_the_title_slide_gives_the_programme_and_the_date_of_the_latest_data(metrics):
    title = deck(metrics)[0]
    assert title.lines[:3] == (
        "Chương trình Chuyển đổi số quốc gia (Quyết định 749/QĐ-TTg), giai đoạn 2021–2025, định hướng đến 2030",
        "Kỳ báo cáo: 2016–2025",
        "Số liệu mới nhất: 06/2025",
    )


@pytest.mark.parametrize(
    ("lang", "values"),
    [
        (
            "vi",
            [
                ">193 tỷ đồng",
                "~220 doanh nghiệp",
                "gần 11.500 tỷ đồng",
                "ước gần 200 tỷ đồng",
                "3.031 hồ sơ",
                "795 hồ sơ",
            ],
        ),
        (
            "en",
            [
                ">193 billion VND",
                "~220 firms",
                "nearly 11,500 billion VND",
                "est. nearly 200 billion VND",
                "3,031 dossiers",
                "795 dossiers",
            ],
        ),
    ],
)
def test_the_overview_slide_shows_the_key_figures_with_their_qualifiers(metrics, lang, values):
    assert [c.value for c in deck(metrics, lang)[1].cards] == values


def test_the_overview_cards_say_when_and_who(metrics):
    card = deck(metrics)[1].cards[4]
    assert card.meta == "08/07/2021 – 19/10/2021 · Báo điện tử Đảng Cộng sản Việt Nam (ĐCSVN)"


@pytest.mark.parametrize(
    ("lang", "meta"), [("vi", "2024 · công bố 21/10/2025 · s"), ("en", "2024 · published 21/10/2025 · s")]
)
def test_a_card_says_when_its_figure_was_published_so_a_later_meeting_does_not_take_it_for_this_years(lang, meta):
    dti = Observation(period=year(2024), source="s", value=0.6961, published=dt.date(2025, 10, 21))
    ind = make_indicator(id="dti", unit=Unit.SCORE, kind=Kind.CONTEXT, observations=[dti])
    board = make_metrics(ind)
    board.meta.key_figures = ["dti"]
    assert [c.meta for c in deck(board, lang)[1].cards] == [meta]


def test_a_pillar_slide_fits_a_screen_and_its_report_rows_list_every_indicator(metrics):
    government = titled(deck(metrics), "Chính quyền số")
    indicators = [i for i in metrics.indicators if i.pillar.value == "chinh-quyen-so" and i.kind.value != "milestone"]
    assert len(government.rows) <= MAX_ROWS and len(government.charts) <= MAX_CHARTS
    assert sorted(r.name for r in government.all_rows) == sorted(i.name for i in indicators)
    # those with a figure first (the slide's rows), then the ones still waiting for data
    assert government.all_rows[: len(government.rows)] == government.rows
    assert [r.status for r in government.all_rows][-2:] == ["no_data"] * 2
    assert len(government.all_rows) == len(indicators) == 25
    assert government.more == "và 21 chỉ tiêu khác (2 chưa có số liệu) — xem bảng điều khiển"


def test_a_pillar_slide_draws_indicators_measured_against_a_target_first(metrics):
    first, second = titled(deck(metrics), "Chính quyền số").charts
    assert (first.key, list(first.figure.data[0].y), second.key) == (
        "dvctt-muc-4",
        [76, 83.6],
        "dvctt-du-dieu-kien-muc-4",
    )


def test_speaker_notes_cite_every_source_of_the_figures_on_the_slide(metrics):
    overview = deck(metrics)[1]
    assert overview.notes[0] == "Nguồn của trang này:"
    assert overview.notes[1].startswith("[dcsvn-2021-10-19] Báo điện tử Đảng Cộng sản Việt Nam (ĐCSVN)")


def test_the_sources_slide_lists_each_cited_source_once_short_with_the_full_citation_in_its_notes(metrics):
    slides = deck(metrics)
    cited = list(dict.fromkeys(line for s in slides[:-1] for line in s.notes[1:]))
    ids = [line.split("]")[0] + "]" for line in cited]
    assert [line.split("]")[0] + "]" for line in slides[-1].lines] == ids
    assert list(slides[-1].notes[1:]) == cited
    assert "[S16] news.baolongan.vn" in slides[-1].lines


def test_milestones_keep_their_own_status(metrics):
    statuses = [r.status for r in titled(deck(metrics), "Cột mốc nền tảng và dự án").rows]
    assert statuses == ["done"] * 4 + ["pilot"] + ["in_progress"] * 4


def rewritten(folder: Path, text: str):
    """The shipped file (and the file it includes) with every free text replaced by `text`, loaded."""
    shutil.copytree(ROOT / "data", folder / "data")
    for name in ("metrics.yaml", "data/national-targets.yaml", "data/plans.yaml"):
        (folder / name).write_text(hostile_text((ROOT / name).read_text(encoding="utf-8"), text), encoding="utf-8")
    return load(folder / "metrics.yaml").metrics


def test_text_from_the_file_reaches_every_slide_as_written_and_never_as_markup(tmp_path):
    slides = deck(rewritten(tmp_path, HOSTILE))
    assert slides[0].title == f"{HOSTILE} 1"  # the deck's data is the file's text, unchanged
    for slide in slides:
        markup = slide_html(slide, "vi")
        assert [a for a in ACTIVE if a in markup] == [], slide.kind
        shown = std_html.unescape(re.sub(r"<[^>]+>", " ", markup))
        # the sources slide cuts each citation to one line: the start of the text, as written
        assert (HOSTILE if slide.kind != "sources" else HOSTILE[: SHORT_CITATION // 2]) in shown, slide.kind


def shown_texts(slide) -> list[tuple[str, str]]:
    """(limit name, text) for every text a slide shows."""
    texts = [("title", slide.title), ("subtitle", slide.subtitle), ("more", slide.more)]
    texts += [("line", line) for line in slide.lines]
    texts += [(k, x) for c in slide.cards for k, x in (("card", c.value), ("label", c.label), ("meta", c.meta))]
    rows = [*slide.rows, *slide.all_rows]
    texts += [(k, x) for r in rows for k, x in (("label", r.name), ("value", r.value), ("reason", r.reason))]
    return texts + [("label", c.title) for c in slide.charts]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_very_long_text_is_cut_with_an_ellipsis_on_the_slide_and_kept_whole_in_the_speaker_notes(tmp_path, lang):
    slides = deck(rewritten(tmp_path, LONG), lang)
    assert [(s.kind, k, len(x)) for s in slides for k, x in shown_texts(s) if len(x) > LIMITS[k]] == []
    title = slides[0]
    assert title.title.endswith("…") and title.title[:-1] in LONG
    assert f"{LONG} {1 if lang == 'vi' else 2}" in title.speaker_notes(lang)  # meta.title, meta.title_en
    for s in slides:
        cut = [x for _, x in shown_texts(s) if x.endswith("…")]
        assert cut, s.kind  # each slide shows some text from the file, all of it too long
        assert all(any(full.startswith(x[:-1]) for full in s.speaker_notes(lang)) for x in cut), s.kind


def test_text_that_fits_is_not_cut_and_adds_nothing_to_the_speaker_notes(metrics):
    slides = deck(metrics)
    assert [s.full_text for s in slides] == [()] * len(slides)
    assert [s.speaker_notes("vi") for s in slides] == [s.notes for s in slides]
