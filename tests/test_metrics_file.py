"""The shipped metrics.yaml is valid and says what the 2021 article says, figure by figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dxkpi.core import model as m
from dxkpi.reading.loader import load

ROOT = Path(__file__).parent.parent
ARTICLE = "dcsvn-2021-10-19"
K, G, H, U = m.Qualifier.ABOUT, m.Qualifier.NEARLY, m.Qualifier.OVER, m.Qualifier.ESTIMATED


@pytest.fixture(scope="module")
def metrics() -> m.Metrics:
    result = load(ROOT / "metrics.yaml")
    assert result.errors == []  # warnings (sources no figure cites) are listed by validate, not an error
    assert result.metrics is not None
    return result.metrics


def by_id(metrics: m.Metrics) -> dict[str, m.Indicator]:
    return {i.id: i for i in metrics.indicators}


# indicator id -> (unit, value, period start, period end, qualifiers) as the article gives them.
ARTICLE_FIGURES = [
    # "tổng kinh phí đầu tư cho ứng dụng CNTT trong cơ quan Nhà nước khoảng hơn 193 tỷ đồng" (2016-2020)
    (
        "kinh-phi-dau-tu-cntt-co-quan-nha-nuoc",
        m.Unit.BILLION_VND,
        193,
        dt.date(2016, 1, 1),
        dt.date(2020, 12, 31),
        [K, H],
    ),
    # "đến năm 2020 ... có khoảng 220 doanh nghiệp hoạt động trong lĩnh vực công nghệ số"
    ("dn-cong-nghe-so", m.Unit.COUNT, 220, dt.date(2020, 1, 1), dt.date(2020, 12, 31), [K]),
    # "với tổng doanh thu gần 11.500 tỷ đồng"
    ("doanh-thu-dn-cong-nghe-so", m.Unit.BILLION_VND, 11500, dt.date(2020, 1, 1), dt.date(2020, 12, 31), [G]),
    # "ước nộp ngân sách Nhà nước gần 200 tỷ đồng"
    ("nop-ngan-sach-dn-cong-nghe-so", m.Unit.BILLION_VND, 200, dt.date(2020, 1, 1), dt.date(2020, 12, 31), [G, U]),
    # "tính riêng từ ngày 8/7 đến nay ... 3.031 hồ sơ" (article dated 19/10/2021)
    ("ho-so-tiep-nhan-cong-dvc-buu-chinh", m.Unit.COUNT, 3031, dt.date(2021, 7, 8), dt.date(2021, 10, 19), []),
    # "hiện đã trả kết quả qua dịch vụ bưu chính công ích 795 hồ sơ"
    ("ho-so-tra-ket-qua-buu-chinh", m.Unit.COUNT, 795, dt.date(2021, 7, 8), dt.date(2021, 10, 19), []),
]


@pytest.mark.parametrize(("ident", "unit", "value", "start", "end", "qualifiers"), ARTICLE_FIGURES)
def test_each_article_figure_is_recorded_as_the_article_gives_it(metrics, ident, unit, value, start, end, qualifiers):
    indicator = by_id(metrics)[ident]
    (obs,) = indicator.observations
    assert (indicator.unit, obs.value, obs.period.start, obs.period.end, sorted(obs.qualifier), obs.source) == (
        unit,
        value,
        start,
        end,
        sorted(qualifiers),
        ARTICLE,
    )


def test_the_article_is_a_source_with_its_publisher_and_date(metrics):
    article = metrics.source_by_id()[ARTICLE]
    assert (article.publisher, article.date, article.kind) == (
        "Báo điện tử Đảng Cộng sản Việt Nam (ĐCSVN)",
        dt.date(2021, 10, 19),
        m.SourceKind.NEWS,
    )


def test_the_level_4_push_is_a_100_percent_target_with_no_invented_year(metrics):
    (target,) = metrics.targets_of(by_id(metrics)["dvctt-du-dieu-kien-muc-4"])
    assert (target.value, target.comparator, target.year, target.source) == (100, m.Comparator.AT_LEAST, None, ARTICLE)


@pytest.mark.parametrize(
    ("ident", "status"),
    [
        ("nen-tang-lgps", m.MilestoneStatus.DONE),
        ("paygov-cong-dvc-tinh", m.MilestoneStatus.DONE),
        ("ket-noi-csdl-dang-ky-doanh-nghiep", m.MilestoneStatus.DONE),
        ("ket-noi-csdl-dan-cu", m.MilestoneStatus.DONE),
        ("lien-thong-mot-cua-vbdlis", m.MilestoneStatus.PILOT),
        ("du-an-kho-csdl-dung-chung", m.MilestoneStatus.IN_PROGRESS),
        ("du-an-do-thi-thong-minh", m.MilestoneStatus.IN_PROGRESS),
        ("du-an-hoi-nghi-hai-chieu", m.MilestoneStatus.IN_PROGRESS),
    ],
)
def test_platform_milestones_carry_the_article_status(metrics, ident, status):
    indicator = by_id(metrics)[ident]
    assert (indicator.kind, [o.status for o in indicator.observations], indicator.observations[0].source) == (
        m.Kind.MILESTONE,
        [status],
        ARTICLE,
    )


def test_the_national_level_4_targets_of_749_are_shared_and_referenced(metrics):
    targets = metrics.targets_of(by_id(metrics)["dvctt-muc-4"])
    assert sorted((t.level.value, t.year, t.value) for t in targets) == [
        ("national", 2025, 80),
        ("national", 2030, 100),
        ("provincial", 2025, 80),
    ]


def test_dti_ranks_are_ranks_where_lower_is_better(metrics):
    dti = by_id(metrics)["xep-hang-dti"]
    assert (dti.kind, dti.direction, [(o.period.text, o.value) for o in dti.observations]) == (
        m.Kind.RANK,
        m.Direction.DOWN,
        [("2020", 27), ("2021", 21), ("2022", 11)],
    )


def test_every_figure_and_target_names_a_known_source(metrics):
    sources = metrics.source_by_id()
    cited = [o.source for i in metrics.indicators for o in i.observations]
    cited += [t.source for i in metrics.indicators for t in metrics.targets_of(i)]
    assert cited and all(s in sources for s in cited)


def test_indicators_with_a_target_but_no_figure_are_kept_with_no_observation(metrics):
    systems = by_id(metrics)["co-quan-co-he-thong-thong-tin-csdl"]
    assert (systems.observations, len(metrics.targets_of(systems))) == ([], 1)


def test_key_figures_are_the_article_figures_in_order(metrics):
    assert metrics.meta.key_figures == [f[0] for f in ARTICLE_FIGURES]


def test_the_latest_figure_is_the_one_with_the_latest_period(metrics):
    dti, lgps = by_id(metrics)["xep-hang-dti"], by_id(metrics)["nen-tang-lgps"]
    assert (dti.latest_figure().period.text, dti.latest_figure().value) == ("2022", 11)
    assert (lgps.latest_figure(), lgps.latest_observation().status) == (None, m.MilestoneStatus.DONE)


# ----- the published figures of shared/reference/figures-2019-2025.md -----

# (row of the reference list, indicator id, period as written, value, qualifiers, source, other sources under also:)
REFERENCE_FIGURES = [
    ("L1", "dvctt-muc-4", "2021", 76, [], "baolongan-a124165", ["vnn-790481"]),
    ("L2", "dvctt-muc-4", "11/3/2022", 83.6, [], "vccinews-46473", []),
    ("L3", "dvctt-du-dieu-kien-muc-4", "2021", 100, [], "vnn-790481", []),
    ("L4", "tthc-du-dieu-kien-dvctt-muc-3-4", "5/2023", 100, [], "vccinews-49244", []),
    ("L5", "ho-so-cong-viec-truc-tuyen-cap-tinh", "2024", 92, [], "baomoi-c51119471", []),
    ("L6", "ho-so-cong-viec-truc-tuyen-cap-huyen", "2024", 97, [], "baomoi-c51119471", []),
    ("L7", "ho-so-cong-viec-truc-tuyen-cap-xa", "2024", 99, [], "baomoi-c51119471", []),
    ("L8", "cap-quang-xa", "2023", 100, [], "S16", ["vnexpress-4824772"]),
    ("L9", "ty-le-ho-so-nop-truc-tuyen", "12/2023", 96, [K], "S16", ["vnn-2309436"]),
    ("L10", "so-dvc-tren-cong", "12/2023", 1570, [H], "vnn-2309436", []),
    ("L11", "ho-so-nop-truc-tuyen", "2021", 77000, [H], "vnn-790481", []),
    ("L12", "van-ban-ky-so", "2019", 84, [], "baolongan-a90919", []),
    ("L13", "trao-doi-van-ban-dien-tu-cap-tinh-huyen", "2024", 100, [], "baomoi-c51119471", []),
    ("L13", "trao-doi-van-ban-dien-tu-cap-xa", "2024", 99.99, [], "baomoi-c51119471", []),
    ("L14", "phu-song-4g", "2023", 99.9, [], "S16", ["vnexpress-4824772"]),
    ("L15", "cap-quang-ho-gia-dinh", "2023", 88.9, [], "S16", ["vnexpress-4824772"]),
    ("L16", "dien-thoai-thong-minh-tren-thue-bao", "2023", 87, [K], "S16", ["vnexpress-4824772"]),
    ("L17", "nguoi-truong-thanh-co-tai-khoan-dinh-danh-dien-tu", "6/2025", 98, [H], "thanhnien-2025-06", []),
    ("L18", "luot-tap-huan-ky-nang-so", "6/2025", 27200, [H], "thanhnien-2025-06", []),
    ("L19", "cai-dat-long-an-so", "10/2024", 413500, [], "thanhnien-2024-10", []),
    ("L20", "san-pham-ocop-tren-san-tmdt", "1/2024 - 6/2024", 85, [], "baolongan-a181518", []),
    ("L21", "chi-so-dti", "2022", 0.6386, [], "stttt-555073", []),
    ("L22", "xep-hang-dti", "2022", 11, [], "S15", ["vnn-2309436"]),
    ("L23", "chi-so-par-index", "2024", 89.68, [], "baolongan-a204154", []),
    ("L23", "xep-hang-par-index", "2024", 16, [], "baolongan-a204154", []),
    ("L24", "chi-so-sipas", "2023", 78.66, [], "vietnamvn-sipas-2024", []),
    ("L24", "chi-so-sipas", "2024", 82.71, [], "vietnamvn-sipas-2024", []),
    ("L24", "xep-hang-sipas", "2023", 57, [], "vietnamvn-sipas-2024", []),
    ("L24", "xep-hang-sipas", "2024", 41, [], "vietnamvn-sipas-2024", []),
    ("L25", "chi-so-papi", "2024", 42.28, [], "baolongan-a200711", []),
    ("L25", "xep-hang-papi", "2023", 46, [], "baolongan-a200711", []),
    ("L25", "xep-hang-papi", "2024", 45, [], "baolongan-a200711", []),
]


@pytest.mark.parametrize(
    ("row", "ident", "period", "value", "qualifiers", "source", "also"),
    REFERENCE_FIGURES,
    ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in REFERENCE_FIGURES],
)
def test_each_reference_figure_is_recorded_with_its_value_period_qualifier_and_sources(
    metrics, row, ident, period, value, qualifiers, source, also
):
    (obs,) = [o for o in by_id(metrics)[ident].observations if o.period.text == period]
    assert (obs.value, sorted(obs.qualifier), obs.source, [c.source for c in obs.also]) == (
        value,
        sorted(qualifiers),
        source,
        also,
    )


def test_both_wordings_of_the_end_2023_online_submission_rate_are_kept(metrics):
    (obs,) = by_id(metrics)["ty-le-ho-so-nop-truc-tuyen"].observations
    (vietnamnet,) = obs.also
    assert (obs.qualifier, obs.source, vietnamnet.qualifier, vietnamnet.source) == ([K], "S16", [G], "vnn-2309436")


@pytest.mark.parametrize(
    ("ident", "period", "out_of"),
    [
        ("xep-hang-dti", "2020", 63),
        ("xep-hang-par-index", "2024", 63),
        ("xep-hang-sipas", "2024", 63),
        ("xep-hang-papi", "2024", 63),
        ("chi-so-papi", "2024", 80),
        ("san-pham-ocop-tren-san-tmdt", "1/2024 - 6/2024", 168),
    ],
)
def test_a_rank_or_a_part_keeps_what_it_is_out_of(metrics, ident, period, out_of):
    (obs,) = [o for o in by_id(metrics)[ident].observations if o.period.text == period]
    assert obs.out_of == out_of


def test_the_aggregators_are_cited_as_such(metrics):
    sources = metrics.source_by_id()
    notes = {s: sources[s].note for s in ("baomoi-c51119471", "vietnamvn-sipas-2024")}
    assert [s for s, note in notes.items() if "aggregator" not in note] == []


def test_the_thanhnien_june_2025_source_has_its_address(metrics):
    assert metrics.source_by_id()["thanhnien-2025-06"].url == (
        "https://thanhnien.vn/chuyen-doi-so-o-long-an-chinh-quyen-kien-tao-nguoi-dan-dong-hanh-185250629165710844.htm"
    )


@pytest.mark.parametrize(
    ("ident", "words"),
    [("phu-song-4g", "DÂN SỐ"), ("cap-quang-ho-gia-dinh", "CÓ đường Internet cáp quang")],
)
def test_the_corrected_definitions_say_what_the_figure_counts(metrics, ident, words):
    assert words in by_id(metrics)[ident].definition_note


@pytest.mark.parametrize(
    ("ident", "period", "value", "qualifiers", "source"),
    [
        ("ty-trong-kinh-te-so", "2021", 12.87, [], "vneconomy-2026-01-06"),
        ("ty-trong-kinh-te-so", "2025", 14.02, [U], "vneconomy-2026-01-06"),
        ("xep-hang-egdi", "2024", 71, [], "vnn-2446462"),
    ],
)
def test_the_countrys_figures_are_a_national_series_not_the_provinces(
    metrics, ident, period, value, qualifiers, source
):
    series = metrics.national_of(by_id(metrics)[ident])
    (obs,) = [o for o in series.observations if o.period.text == period]
    assert (obs.value, obs.qualifier, obs.source, by_id(metrics)[ident].observations) == (
        value,
        qualifiers,
        source,
        [],
    )


def test_at_least_eight_of_the_targeted_indicators_are_measured_from_published_figures(metrics):
    targeted = [i for i in metrics.indicators if metrics.targets_of(i) and i.kind is not m.Kind.MILESTONE]
    measured = [i.id for i in targeted if i.latest_figure() is not None]
    assert (len(targeted), len(measured)) == (23, 8)
