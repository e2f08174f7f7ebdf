"""The shipped metrics.yaml is valid and says what the 2021 article says, figure by figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dxkpi import model as m
from dxkpi.loader import load

ROOT = Path(__file__).parent.parent
ARTICLE = "dcsvn-2021-10-19"
K, G, H, U = m.Qualifier.ABOUT, m.Qualifier.NEARLY, m.Qualifier.OVER, m.Qualifier.ESTIMATED


@pytest.fixture(scope="module")
def metrics() -> m.Metrics:
    result = load(ROOT / "metrics.yaml")
    assert result.problems == []
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
