"""The new province's baseline: which former figures combine, how, and the rule that refuses the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxkpi.analysis.combine import Combined, Former, Line, Method, Part, Refusal, Rule, baseline
from dxkpi.core.model import Definition, Indicator, Kind, MilestoneStatus, Qualifier, Source, SourceKind, Unit
from dxkpi.reading.regions import load_regions
from tests.builders import make_indicator, make_metrics, make_observation, year

ROOT = Path(__file__).resolve().parent.parent

obs = make_observation
SOURCE_A = Source("sa", "Báo A", "baoa.vn", SourceKind.NEWS)


def count(*observations, label: str = "thủ tục", **fields) -> Indicator:
    return make_indicator(
        unit=Unit.COUNT, kind=Kind.CONTEXT, unit_label=label, unit_label_en="procedures", **fields,
        observations=list(observations),
    )  # fmt: skip


def money(*observations) -> Indicator:
    return make_indicator(unit=Unit.BILLION_VND, kind=Kind.CONTEXT, observations=list(observations))


def share(*observations, **fields) -> Indicator:
    return make_indicator(unit=Unit.PERCENT, observations=list(observations), **fields)


def rank(*observations) -> Indicator:
    return make_indicator(unit=Unit.RANK, kind=Kind.RANK, observations=list(observations))


def score(*observations) -> Indicator:
    return make_indicator(unit=Unit.SCORE, kind=Kind.CONTEXT, observations=list(observations))


def milestone(status: MilestoneStatus) -> Indicator:
    return make_indicator(unit=Unit.COUNT, kind=Kind.MILESTONE, observations=[obs(None, status=status)])


def formers(*sides: Indicator | None) -> list[Former]:
    """Former provinces A, B, C…, each with one indicator (or none)."""
    out = []
    for letter, ind in zip("ABC", sides, strict=False):
        metrics = make_metrics(*([ind] if ind else []), sources=[SOURCE_A] if letter == "A" else [])
        out.append(Former(letter.lower(), f"Tỉnh {letter}", f"Province {letter}", metrics))
    return out


def line_of(*sides: Indicator | None) -> Line:
    """The baseline's one line for indicator 'x' over these former provinces."""
    (line,) = baseline(None, formers(*sides))
    return line


def parts(sides: list[Former], *chosen, later=(None, None, None)) -> tuple[Part, ...]:
    """The parts a line should carry: each former province's indicator, the figure used and its source."""
    out = []
    for former, o, newer in zip(sides, chosen, later, strict=False):
        ind = former.metrics.indicators[0] if former.metrics.indicators else None
        source = SOURCE_A if former.region == "a" and o is not None else None
        out.append(Part(former.region, former.name, former.name_en, ind, o, source, newer))
    return tuple(out)


# --- refusals: (case, province A's indicator, province B's, the rule that stops it) ------------------

REFUSALS = [
    ("a rank", rank(obs(11)), rank(obs(40)), Rule.RANK),
    ("a score", score(obs(42.28, out_of=80)), score(obs(47.35, out_of=80)), Rule.SCORE),
    ("an estimate against another wording", count(obs(220, qualifier=[Qualifier.ABOUT])),
     count(obs(193, qualifier=[Qualifier.OVER])), Rule.QUALIFIERS),
    ("an estimate against a plain figure", money(obs(200, qualifier=[Qualifier.ESTIMATED])), money(obs(193)),
     Rule.QUALIFIERS),
    ("one qualified and one not", count(obs(10, qualifier=[Qualifier.OVER])), count(obs(5)), Rule.QUALIFIERS),
    ("different periods", count(obs(331, year(2023))), count(obs(465, year(2024))), Rule.PERIODS),
    ("a share without parts on one side", share(obs(41.11, numerator=731, denominator=1777)), share(obs(50)),
     Rule.NO_PARTS),
    ("a share without parts on either side", share(obs(41.11)), share(obs(50)), Rule.NO_PARTS),
    ("different definitions of the indicators", share(obs(50, numerator=1, denominator=2), definition="d1"),
     share(obs(50, numerator=1, denominator=2), definition="d2"), Rule.DEFINITIONS),
    ("a figure with its own definition", share(obs(50, numerator=1, denominator=2, definition="d2"), definition="d1"),
     share(obs(50, numerator=1, denominator=2), definition="d1"), Rule.DEFINITIONS),
    ("different units", count(obs(5)), money(obs(5)), Rule.UNITS),
    ("different things counted", count(obs(5), label="hồ sơ"), count(obs(5), label="doanh nghiệp"), Rule.UNITS),
    ("only one province has the indicator", count(obs(5)), None, Rule.ONLY_ONE),
    ("only one province has a figure", count(), count(obs(5)), Rule.ONLY_ONE),
    ("a milestone", milestone(MilestoneStatus.DONE), milestone(MilestoneStatus.DONE), Rule.MILESTONE),
    ("a milestone in one province", milestone(MilestoneStatus.PILOT), None, Rule.MILESTONE),
    ("no figure anywhere", count(), count(), Rule.NO_DATA),
    # Which rule is named when several apply: a rank or a definition says more than the periods.
    ("a rank in different years", rank(obs(11, year(2022))), rank(obs(40, year(2024))), Rule.RANK),
    ("different definitions in different years", share(obs(1, year(2023)), definition="d1"),
     share(obs(1, year(2024)), definition="d2"), Rule.DEFINITIONS),
]  # fmt: skip


@pytest.mark.parametrize(("case", "a", "b", "rule"), REFUSALS, ids=[c[0] for c in REFUSALS])
def test_a_pair_that_cannot_be_combined_is_refused_by_its_rule(case, a, b, rule):
    assert line_of(a, b).verdict == Refusal(rule)


@pytest.mark.parametrize(("case", "a", "b", "rule"), REFUSALS, ids=[c[0] for c in REFUSALS])
def test_every_refusal_names_its_rule_in_both_languages(case, a, b, rule):
    line = line_of(a, b)
    vi, en = {
        Rule.RANK: ("thứ hạng", "rank"),
        Rule.SCORE: ("điểm số", "score"),
        Rule.QUALIFIERS: ("khác cách ghi", "different qualifiers"),
        Rule.PERIODS: ("khác kỳ", "different periods"),
        Rule.NO_PARTS: ("tỷ lệ thiếu tử số, mẫu số", "share without its parts"),
        Rule.DEFINITIONS: ("khác định nghĩa", "different definitions"),
        Rule.UNITS: ("khác đơn vị", "different units"),
        Rule.ONLY_ONE: ("chỉ một tỉnh có số liệu", "only one province has a figure"),
        Rule.MILESTONE: ("cột mốc", "milestone"),
        Rule.NO_DATA: ("chưa có số liệu", "no data"),
    }[rule]
    assert line.explain("vi").startswith(f"Không gộp — quy tắc “{vi}”: ")
    assert line.explain("en").startswith(f"Not combined — rule “{en}”: ")


SENTENCES = [
    (
        count(obs(331, year(2023))),
        count(obs(465, year(2024))),
        "Không gộp — quy tắc “khác kỳ”: không có kỳ nào cả hai tỉnh cùng có số liệu (Tỉnh A: 2023; Tỉnh B: 2024).",
        "Not combined — rule “different periods”: there is no period for which both provinces have a figure "
        "(Province A: 2023; Province B: 2024).",
    ),
    (
        count(obs(220, qualifier=[Qualifier.ABOUT])),
        count(obs(193)),
        "Không gộp — quy tắc “khác cách ghi”: nguồn ghi số liệu khác nhau (Tỉnh A: “khoảng”; Tỉnh B: không có); "
        "cộng lại sẽ không biết tổng là ước hay chính xác.",
        "Not combined — rule “different qualifiers”: the sources word the figures differently (Province A: “about”; "
        "Province B: none); a total would be neither estimate nor exact.",
    ),
    (
        count(obs(5)),
        None,
        "Không gộp — quy tắc “chỉ một tỉnh có số liệu”: chỉ Tỉnh A có số liệu; Tỉnh B không có, nên không có tổng.",
        "Not combined — rule “only one province has a figure”: only Province A has a figure; Province B has none, "
        "so there is no total.",
    ),
    (
        share(obs(41.11, numerator=731, denominator=1777)),
        share(obs(50)),
        "Không gộp — quy tắc “tỷ lệ thiếu tử số, mẫu số”: tỷ lệ chỉ gộp được từ tử số và mẫu số của mọi tỉnh; "
        "chưa ghi cho Tỉnh B.",
        "Not combined — rule “share without its parts”: a share combines only from every province's numerator and "
        "denominator; none recorded for Province B.",
    ),
    (
        count(obs(5)),
        money(obs(5)),
        "Không gộp — quy tắc “khác đơn vị”: hai số liệu khác đơn vị (Tỉnh A: thủ tục; Tỉnh B: tỷ đồng).",
        "Not combined — rule “different units”: the figures are in different units (Province A: procedures; "
        "Province B: billion VND).",
    ),
]


@pytest.mark.parametrize(("a", "b", "vi", "en"), SENTENCES, ids=["periods", "qualifiers", "only one", "parts", "units"])
def test_a_refusal_says_what_differs_between_the_provinces(a, b, vi, en):
    line = line_of(a, b)
    assert (line.explain("vi"), line.explain("en")) == (vi, en)


def test_different_definitions_are_named_as_the_shared_definitions_name_them():
    sides = formers(share(obs(76), definition="dvctt-muc-4"), share(obs(41.11), definition="dvctt-toan-trinh"))
    new = make_metrics(
        definitions=[
            Definition("dvctt-muc-4", "DVC mức độ 4", "Level-4 services"),
            Definition("dvctt-toan-trinh", "DVC toàn trình", "Full-process services"),
        ]
    )
    (line,) = baseline(new, sides)
    assert line.explain("en") == (
        "Not combined — rule “different definitions”: the provinces measure it differently "
        "(Province A: Level-4 services; Province B: Full-process services)."
    )


def test_two_dti_scores_are_not_added_and_the_refusal_points_to_the_ministrys_rule_for_a_merged_province():
    dti = Definition("dti-2024", "DTI 405", "DTI 405", merger_rule="trung bình cộng các chỉ số chính")
    sides = formers(score(obs(0.6)), score(obs(0.7)))
    for side in sides:
        side.metrics.indicators[0].definition = "dti-2024"
    (line,) = baseline(make_metrics(definitions=[dti]), sides)
    assert line.explain("en") == (
        "Not combined — rule “score”: a score is not added; the new province's figure follows the published rule "
        "above (from the main indices, not the total scores)."
    )


# --- what combines, and the whole combined figure it gives ---------------------------------------------


def test_counts_for_the_same_period_add_up_and_carry_both_figures_and_sources():
    a, b = obs(331, source="sa"), obs(465, source="sb")
    sides = formers(count(a), count(b))
    (line,) = baseline(None, sides)
    assert line.verdict == Combined(Method.SUM, 796, year(2024), (), parts(sides, a, b))


def test_money_adds_up_exactly_to_the_decimals_recorded():
    a, b = obs(193.1, source="sa"), obs(0.2)
    sides = formers(money(a), money(b))
    (line,) = baseline(None, sides)
    assert line.verdict == Combined(Method.SUM, 193.3, year(2024), (), parts(sides, a, b))
    assert line.verdict.figure(line.indicator, "vi") == "193,3 tỷ đồng"


def test_a_sum_keeps_the_qualifier_both_figures_share():
    a, b = obs(193, qualifier=[Qualifier.OVER], source="sa"), obs(50, qualifier=[Qualifier.OVER])
    sides = formers(money(a), money(b))
    (line,) = baseline(None, sides)
    assert line.verdict == Combined(Method.SUM, 243, year(2024), (Qualifier.OVER,), parts(sides, a, b))
    assert (line.verdict.figure(line.indicator, "vi"), line.verdict.figure(line.indicator, "en")) == (
        ">243 tỷ đồng",
        ">243 billion VND",
    )


def test_counts_out_of_a_whole_add_up_both_parts_and_both_wholes():
    a, b = obs(331, out_of=1978, source="sa"), obs(100, out_of=500)
    sides = formers(count(a), count(b))
    (line,) = baseline(None, sides)
    assert line.verdict == Combined(Method.SUM, 431, year(2024), (), parts(sides, a, b), out_of=2478)
    assert line.verdict.figure(line.indicator, "vi") == "431/2.478 thủ tục"


def test_a_share_combines_from_both_numerators_and_denominators_rounded_as_a_computed_number():
    a = obs(41.11, numerator=731, denominator=1777, source="sa")
    b = obs(30, numerator=300, denominator=1000)
    sides = formers(share(a), share(b))
    (line,) = baseline(None, sides)
    assert line.verdict == Combined(
        Method.SHARE, 100 * 1031 / 2777, year(2024), (), parts(sides, a, b), numerator=1031, denominator=2777
    )
    assert line.verdict.figure(line.indicator, "vi") == "37,1%"  # 37.126…%, never shown unrounded


def test_the_latest_period_both_report_is_used_and_a_newer_figure_is_named_not_used():
    a_2023, a_2024, b_2023 = obs(10, year(2023), source="sa"), obs(12, year(2024), source="sa"), obs(5, year(2023))
    sides = formers(count(a_2023, a_2024), count(b_2023))
    (line,) = baseline(None, sides)
    assert line.verdict == Combined(Method.SUM, 15, year(2023), (), parts(sides, a_2023, b_2023, later=(a_2024, None)))


def test_three_former_provinces_add_up_together():
    a, b, c = obs(1, source="sa"), obs(2), obs(3)
    sides = formers(count(a), count(b), count(c))
    (line,) = baseline(None, sides)
    assert line.verdict == Combined(Method.SUM, 6, year(2024), (), parts(sides, a, b, c))
    assert line.explain("vi") == "Số tính gộp từ Tỉnh A, Tỉnh B và Tỉnh C, không phải số công bố: 1 + 2 + 3 = 6"


LABELS = [
    (
        count(obs(331)),
        count(obs(465)),
        "vi",
        "Số tính gộp từ Tỉnh A và Tỉnh B, không phải số công bố: 331 + 465 = 796",
    ),
    (
        count(obs(1331)),
        count(obs(465)),
        "en",
        "Computed from Province A and Province B, not a published figure: 1,331 + 465 = 1,796",
    ),
    (
        share(obs(41.11, numerator=731, denominator=1777)),
        share(obs(30, numerator=300, denominator=1000)),
        "vi",
        "Số tính gộp từ Tỉnh A và Tỉnh B, không phải số công bố: (731 + 300) / (1.777 + 1.000) = 37,1%",
    ),
]


@pytest.mark.parametrize(("a", "b", "lang", "label"), LABELS, ids=["sum vi", "sum en", "share vi"])
def test_a_combined_figure_always_says_it_is_computed_and_from_what(a, b, lang, label):
    assert line_of(a, b).explain(lang) == label


# --- lines: matched by topic, in the new province's order -----------------------------------------------


def test_lines_follow_the_new_province_then_each_former_file_and_match_a_topic_across_ids():
    new = make_metrics(make_indicator(id="n"), make_indicator(id="dvc", topic="dvc"))
    a = make_metrics(make_indicator(id="dvc-muc-4", topic="dvc"), make_indicator(id="only-a"))
    b = make_metrics(make_indicator(id="dvc-toan-trinh", topic="dvc"), make_indicator(id="only-b"))
    lines = baseline(new, [Former("a", "A", "A", a), Former("b", "B", "B", b)])
    assert [(line.key, [p.indicator.id if p.indicator else None for p in line.parts]) for line in lines] == [
        ("n", [None, None]),
        ("dvc", ["dvc-muc-4", "dvc-toan-trinh"]),
        ("only-a", ["only-a", None]),
        ("only-b", [None, "only-b"]),
    ]


def test_a_second_indicator_on_the_same_topic_in_one_file_still_gets_a_line():
    a = make_metrics(make_indicator(id="t1", topic="t"), make_indicator(id="t2", topic="t"))
    b = make_metrics(make_indicator(id="t2", topic="t"))
    lines = baseline(None, [Former("a", "A", "A", a), Former("b", "B", "B", b)])
    assert [(line.key, [p.indicator.id if p.indicator else None for p in line.parts]) for line in lines] == [
        ("t", ["t1", "t2"]),
        ("t2", ["t2", "t2"]),
    ]


# --- the shipped files: the real new Tây Ninh ----------------------------------------------------------


def test_the_real_new_tay_ninh_combines_nothing_and_says_why_for_every_pair():
    result = load_regions(ROOT / "metrics.yaml")
    models = {rid: r.metrics for rid, r in result.results.items()}
    new = models["tay-ninh"]
    assert new is not None and new.meta.predecessors == ["long-an", "tay-ninh-cu"]
    sides = []
    for rid in new.meta.predecessors:
        metrics = models[rid]
        assert metrics is not None
        sides.append(Former(rid, metrics.meta.region, metrics.meta.region_en or "", metrics))
    lines = baseline(new, sides)
    both = {line.key: line.verdict for line in lines if all(p.observation is not None for p in line.parts)}
    assert both == {
        "dich-vu-cong-truc-tuyen": Refusal(Rule.DEFINITIONS),  # level 4 (Long An) against full-process (Tây Ninh)
        "cap-quang-xa": Refusal(Rule.PERIODS),  # 2023 against 4/2021
        "xep-hang-dti": Refusal(Rule.RANK),
        "chi-so-par-index": Refusal(Rule.NO_PARTS),  # recorded as a percent in both files, with no parts
        "xep-hang-par-index": Refusal(Rule.RANK),
        "chi-so-papi": Refusal(Rule.SCORE),
        "xep-hang-papi": Refusal(Rule.RANK),
        "phu-song-4g": Refusal(Rule.DEFINITIONS),  # of the population against a base not stated
    }
    by_key = {line.key: line.verdict for line in lines}
    assert by_key["cap-quang-ho-gia-dinh"] == Refusal(Rule.ONLY_ONE)  # Long An's 88,9%; none for Tây Ninh
    assert by_key["tthc-toan-trinh-so-luong"] == Refusal(Rule.NO_DATA)  # published for the new province only
    assert not any(line.combined for line in lines)
