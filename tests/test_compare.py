"""The Compare page's groups: what two or more regions report, side by side, never mixing definitions."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxkpi.analysis import compare
from dxkpi.analysis.compare import Entry, Row
from dxkpi.analysis.progress import assess_all
from dxkpi.core.model import (
    Comparator,
    Definition,
    Indicator,
    Kind,
    Level,
    Meta,
    Metrics,
    Observation,
    Qualifier,
    Source,
    SourceKind,
    Target,
    Unit,
)
from dxkpi.reading.regions import Region, load_regions
from tests.builders import make_indicator, year

ROOT = Path(__file__).resolve().parent.parent

# ----- builders -----

LEVEL_4 = Definition("muc-4", "DVC mức độ 4", "Level-4 services", note="Theo 749.", note_en="The 749 scale.")
FULL = Definition("toan-trinh", "DVC toàn trình", "Full-process services", note="Toàn trình.", note_en="Full.")
DTI_OLD = Definition("dti-cu", "DTI cũ", "DTI, old method", note="Trước 2024.", note_en="Before 2024.")
DTI_NEW = Definition("dti-moi", "DTI mới", "DTI, new method", note="Từ 2024.", note_en="From 2024.")
DEFINITIONS = [LEVEL_4, FULL, DTI_OLD, DTI_NEW]


def obs(y: int, value: float | None, **fields) -> Observation:
    return Observation(period=year(y), source="s", value=value, **fields)


def entry(region: str, name: str, *indicators: Indicator, name_en: str | None = None) -> Entry:
    """A region with these indicators, the shared definitions and one source; its progress as the app assesses."""
    metrics = Metrics(
        meta=Meta(title="t", region=name, region_en=name_en, program="p", reporting_period="2021–2025"),
        indicators=list(indicators),
        sources=[Source("s", "Báo cáo", "Sở TT&TT", SourceKind.REPORT)],
        definitions=list(DEFINITIONS),
    )
    return Entry(Region(region, Path(f"{region}.yaml")), metrics, assess_all(metrics))


def rank(observations: list[Observation], **fields) -> Indicator:
    defaults = {"id": "xep-hang-dti", "name": "Xếp hạng DTI", "name_en": "DTI rank", "unit": Unit.RANK}
    return make_indicator(**{**defaults, "kind": Kind.RANK, **fields, "observations": observations})


def share(ind_id: str, observations: list[Observation], **fields) -> Indicator:
    return make_indicator(
        id=ind_id, name=f"Tỷ lệ {ind_id}", name_en=f"Share {ind_id}", observations=observations, **fields
    )


def shape(groups: list[compare.Group]) -> list[tuple[str, list[tuple[str, list[tuple[str, str, list[float]]]]]]]:
    """Each group as (topic, [(definition, [(region, indicator, values)])]): what each chart draws."""
    return [
        (
            g.topic,
            [
                (p.definition, [(ln.entry.region.id, ln.indicator.id, [o.value for o in ln.figures]) for ln in p.lines])
                for p in g.panels
            ],
        )
        for g in groups
    ]


# ----- grouping -----


def test_an_indicator_two_regions_report_is_a_group_and_one_only_one_reports_is_not():
    a = entry("a", "Tỉnh A", share("cap-quang", [obs(2023, 90)]), share("rieng", [obs(2023, 5)]))
    b = entry("b", "Tỉnh B", share("cap-quang", [obs(2022, 80), obs(2024, 95)]))
    assert shape(compare.groups([a, b])) == [
        ("cap-quang", [("cap-quang", [("a", "cap-quang", [90]), ("b", "cap-quang", [80, 95])])])
    ]


def test_a_region_whose_indicator_has_no_figure_does_not_report_it():
    a = entry("a", "Tỉnh A", share("cap-quang", [obs(2023, 90)]))
    b = entry("b", "Tỉnh B", share("cap-quang", []), share("khac", [obs(2023, None)]))
    assert compare.groups([a, b]) == []


def test_with_one_region_needed_a_topic_only_one_region_reports_is_kept():
    a = entry("a", "Tỉnh A", rank([obs(2024, 41, out_of=63)], id="xep-hang-sipas"))
    b = entry("b", "Tỉnh B", share("cap-quang", [obs(2023, 90)]))
    groups = compare.groups([a, b], min_regions=1)
    assert [(g.topic, g.regions, g.is_rank) for g in groups] == [
        ("xep-hang-sipas", ["a"], True),
        ("cap-quang", ["b"], False),
    ]


def test_indicators_with_other_ids_but_one_topic_are_one_group_each_definition_its_own_panel():
    a = entry("a", "Tỉnh A", share("dvc-muc-4", [obs(2021, 76), obs(2022, 83.6)], topic="dvc", definition="muc-4"))
    b = entry("b", "Tỉnh B", share("dvc-toan-trinh", [obs(2023, 41.11)], topic="dvc", definition="toan-trinh"))
    (group,) = compare.groups([a, b])
    assert shape([group]) == [
        (
            "dvc",
            [
                ("muc-4", [("a", "dvc-muc-4", [76, 83.6])]),
                ("toan-trinh", [("b", "dvc-toan-trinh", [41.11])]),
            ],
        )
    ]
    assert [p.label("vi") for p in group.panels] == ["DVC mức độ 4", "DVC toàn trình"]


def test_other_ids_with_no_declared_definition_are_different_definitions():
    a = entry("a", "Tỉnh A", share("van-ban-tinh-huyen", [obs(2024, 100)], topic="van-ban"))
    b = entry("b", "Tỉnh B", share("van-ban-tinh", [obs(2025, 99)], topic="van-ban"))
    (group,) = compare.groups([a, b])
    assert [(p.definition, p.label("en")) for p in group.panels] == [
        ("van-ban-tinh-huyen", "Share van-ban-tinh-huyen"),
        ("van-ban-tinh", "Share van-ban-tinh"),
    ]


def test_one_indicators_figures_under_a_new_method_leave_its_line_for_a_panel_of_their_own():
    old = [obs(2021, 21, out_of=63), obs(2022, 11, out_of=63)]
    a = entry("a", "Tỉnh A", rank([*old, obs(2024, 5, out_of=63, definition="dti-moi")], definition="dti-cu"))
    b = entry("b", "Tỉnh B", rank([obs(2022, 40, out_of=63)], definition="dti-cu"))
    (group,) = compare.groups([a, b])
    assert shape([group]) == [
        (
            "xep-hang-dti",
            [
                ("dti-cu", [("a", "xep-hang-dti", [21, 11]), ("b", "xep-hang-dti", [40])]),
                ("dti-moi", [("a", "xep-hang-dti", [5])]),
            ],
        )
    ]


def test_no_panel_ever_holds_figures_of_two_definitions():
    a = entry(
        "a",
        "Tỉnh A",
        rank(
            [obs(2021, 21), obs(2024, 5, definition="dti-moi"), obs(2025, 4, definition="dti-moi")], definition="dti-cu"
        ),
        share("dvc-muc-4", [obs(2021, 76)], topic="dvc", definition="muc-4"),
        share("dvc", [obs(2024, 60)]),  # no definition declared: its own id, apart from both others
    )
    b = entry(
        "b",
        "Tỉnh B",
        rank([obs(2022, 40)]),  # the same id, no definition declared: not the old DTI either
        share("dvc-toan-trinh", [obs(2023, 41.11), obs(2024, 50, definition="muc-4")], topic="dvc"),
    )
    for group in compare.groups([a, b]):
        for panel in group.panels:
            followed = {ln.indicator.definition_of(o) for ln in panel.lines for o in ln.figures}
            assert followed == {panel.definition}, (group.topic, panel.definition)
    assert [(g.topic, g.definitions) for g in compare.groups([a, b])] == [
        ("xep-hang-dti", ["dti-cu", "dti-moi", "xep-hang-dti"]),
        ("dvc", ["muc-4", "dvc", "dvc-toan-trinh"]),
    ]


def test_figures_of_one_definition_in_other_units_are_never_on_one_axis():
    a = entry("a", "Tỉnh A", share("chi-so-par", [obs(2024, 89.68)]))
    b = entry("b", "Tỉnh B", share("chi-so-par", [obs(2024, 88.4)], unit=Unit.SCORE))
    (group,) = compare.groups([a, b])
    assert [[ln.entry.region.id for ln in p.lines] for p in group.panels] == [["a"], ["b"]]


# ----- why apart -----


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            [
                "Không nối thành một đường, không chung một trục: các số liệu này theo 2 định nghĩa khác nhau, "
                "nên mỗi định nghĩa có biểu đồ riêng.",
                "DVC mức độ 4 (Tỉnh A, Tỉnh C): Theo 749.",
                "DVC toàn trình (Tỉnh B): Toàn trình.",
            ],
        ),
        (
            "en",
            [
                "Never joined into one line or put on one axis: these figures follow 2 different definitions, "
                "so each definition has a chart of its own.",
                "Level-4 services (Province A, Tỉnh C): The 749 scale.",
                "Full-process services (Province B): Full.",
            ],
        ),
    ],
)
def test_a_group_of_two_definitions_says_why_they_are_apart_with_each_definitions_name_and_note(lang, expected):
    a = entry("a", "Tỉnh A", share("dvc-muc-4", [obs(2021, 76)], topic="dvc", definition="muc-4"), name_en="Province A")
    b = entry("b", "Tỉnh B", share("dvc-toan-trinh", [obs(2023, 41)], topic="dvc", definition="toan-trinh"))
    b.metrics.meta.region_en = "Province B"
    c = entry("c", "Tỉnh C", share("dvc-muc-4", [obs(2022, 80)], topic="dvc", definition="muc-4"))
    (group,) = compare.groups([a, b, c])
    assert group.why_apart(lang) == expected


def test_without_a_declared_definition_the_indicators_name_and_definition_note_say_why():
    a = entry("a", "Long An", share("tinh-huyen", [obs(2024, 100)], topic="van-ban"))
    b = entry(
        "b",
        "Tây Ninh",
        share(
            "tinh", [obs(2025, 99)], topic="van-ban", definition_note="Chỉ cấp tỉnh.", definition_note_en="Province."
        ),
    )
    (group,) = compare.groups([a, b])
    assert group.why_apart("vi")[1:] == ["Tỷ lệ tinh-huyen (Long An)", "Tỷ lệ tinh (Tây Ninh): Chỉ cấp tỉnh."]
    assert group.why_apart("en")[1:] == ["Share tinh-huyen (Long An)", "Share tinh (Tây Ninh): Province."]


def test_a_group_of_one_definition_has_nothing_to_explain():
    a = entry("a", "Tỉnh A", share("cap-quang", [obs(2023, 90)]))
    b = entry("b", "Tỉnh B", share("cap-quang", [obs(2024, 95)]))
    (group,) = compare.groups([a, b])
    assert group.why_apart("vi") == []


# ----- the table -----


def target(value: float, comparator: Comparator = Comparator.AT_LEAST) -> Target:
    return Target(value=value, comparator=comparator, level=Level.PROVINCIAL, source="s", year=2025)


def test_each_regions_row_has_its_latest_figure_and_its_status_against_its_own_targets():
    a = entry("a", "Tỉnh A", share("cap-quang", [obs(2022, 70), obs(2023, 90)], targets=[target(80)]))
    b = entry(
        "b",
        "Tỉnh B",
        share("cap-quang", [obs(2021, 50), obs(2024, 60, qualifier=[Qualifier.ABOUT])], targets=[target(99)]),
    )
    (group,) = compare.groups([a, b])
    assert group.rows("vi") == [
        Row("Tỉnh A", "Tỷ lệ cap-quang", "90%", "2023", "", "Sở TT&TT", "achieved", "✔ Đã đạt", "Tỷ lệ cap-quang"),
        Row(
            "Tỉnh B",
            "Tỷ lệ cap-quang",
            "~60%",
            "2024",
            "khoảng",
            "Sở TT&TT",
            "off_track",
            "✖ Chậm tiến độ",
            "Tỷ lệ cap-quang",
        ),
    ]


def test_a_rank_row_says_out_of_how_many_in_english_and_a_context_figure_has_no_target():
    a = entry("a", "Tỉnh A", rank([obs(2024, 45, out_of=63)], kind=Kind.CONTEXT), name_en="Province A")
    b = entry("b", "Tỉnh B", rank([obs(2024, 2, out_of=63)], kind=Kind.CONTEXT))
    (group,) = compare.groups([a, b])
    assert [(r.region, r.figure, r.period, r.status_label) for r in group.rows("en")] == [
        ("Province A", "rank 45/63", "2024", "ℹ Context, no target"),
        ("Tỉnh B", "rank 2/63", "2024", "ℹ Context, no target"),
    ]


def test_a_row_names_the_definition_of_its_latest_figure():
    a = entry("a", "Tỉnh A", rank([obs(2022, 11), obs(2024, 5, definition="dti-moi")], definition="dti-cu"))
    b = entry("b", "Tỉnh B", rank([obs(2022, 40)], definition="dti-cu"))
    (group,) = compare.groups([a, b])
    assert [(r.figure, r.definition) for r in group.rows("en")] == [
        ("rank 5", "DTI, new method"),
        ("rank 40", "DTI, old method"),
    ]


# ----- the shipped files -----


@pytest.fixture(scope="module")
def shipped() -> list[Entry]:
    result = load_regions(ROOT / "metrics.yaml")
    return [Entry(r, result.results[r.id].metrics, assess_all(result.results[r.id].metrics)) for r in result.regions]


def test_the_shipped_regions_compare_these_topics_in_file_order(shipped):
    assert [(g.topic, g.regions) for g in compare.groups(shipped)] == [
        ("dich-vu-cong-truc-tuyen", ["long-an", "tay-ninh-cu", "tay-ninh"]),
        ("xep-hang-dti", ["long-an", "tay-ninh-cu"]),
        ("trao-doi-van-ban-dien-tu-cap-tinh", ["long-an", "tay-ninh"]),
        ("trao-doi-van-ban-dien-tu-cap-xa", ["long-an", "tay-ninh"]),
        ("chi-so-par-index", ["long-an", "tay-ninh-cu"]),
        ("xep-hang-par-index", ["long-an", "tay-ninh-cu"]),
        ("chi-so-papi", ["long-an", "tay-ninh-cu"]),
        ("xep-hang-papi", ["long-an", "tay-ninh-cu"]),
        ("cap-quang-ho-gia-dinh", ["long-an", "tay-ninh"]),
        ("cap-quang-xa", ["long-an", "tay-ninh-cu"]),
        ("phu-song-4g", ["long-an", "tay-ninh-cu"]),
    ]


@pytest.mark.parametrize(
    ("topic", "panels"),
    [
        (
            "dich-vu-cong-truc-tuyen",
            [
                ("dvctt-muc-4", [("long-an", [76, 83.6])]),
                ("dvctt-toan-trinh", [("tay-ninh-cu", [41.11])]),
                ("dvctt-toan-trinh-du-dieu-kien", [("tay-ninh", [95.13])]),
            ],
        ),
        ("phu-song-4g", [("4g-dan-so", [("long-an", [99.9])]), ("4g-chua-ro", [("tay-ninh-cu", [90])])]),
        (
            "trao-doi-van-ban-dien-tu-cap-tinh",
            [
                ("trao-doi-van-ban-dien-tu-cap-tinh-huyen", [("long-an", [100])]),
                ("trao-doi-van-ban-dien-tu-cap-tinh", [("tay-ninh", [99])]),
            ],
        ),
        (
            "xep-hang-dti",
            [("dti-1726", [("long-an", [27, 21])]), ("dti-truoc-2024", [("long-an", [11]), ("tay-ninh-cu", [40])])],
        ),
        ("xep-hang-papi", [("xep-hang-papi", [("long-an", [46, 45]), ("tay-ninh-cu", [60, 2])])]),
        ("cap-quang-xa", [("cap-quang-xa", [("long-an", [100]), ("tay-ninh-cu", [100])])]),
    ],
)
def test_the_shipped_topics_keep_each_definition_on_its_own_panel(shipped, topic, panels):
    group = next(g for g in compare.groups(shipped) if g.topic == topic)
    assert [
        (p.definition, [(ln.entry.region.id, [o.value for o in ln.figures]) for ln in p.lines]) for p in group.panels
    ] == (panels)


def test_the_shipped_online_services_say_level_4_and_full_process_are_different_measures(shipped):
    group = next(g for g in compare.groups(shipped) if g.topic == "dich-vu-cong-truc-tuyen")
    why = group.why_apart("en")
    assert [line.split(":")[0] for line in why] == [
        "Never joined into one line or put on one axis",
        "Level-4 online public services (Long An)",
        "Full-process online public services (Tây Ninh (former))",
        "Eligible procedures offered as full-process online services (Tây Ninh)",
    ]
    assert "Never joined to a 'full-process' share" in why[1]


def test_only_long_an_reports_the_sipas_rank_among_the_shipped_ranks(shipped):
    ranks = [(g.topic, g.regions) for g in compare.groups(shipped, min_regions=1) if g.is_rank]
    assert ranks == [
        ("xep-hang-dti", ["long-an", "tay-ninh-cu"]),
        ("xep-hang-par-index", ["long-an", "tay-ninh-cu"]),
        ("xep-hang-sipas", ["long-an"]),
        ("xep-hang-papi", ["long-an", "tay-ninh-cu"]),
    ]
