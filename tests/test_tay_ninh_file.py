"""The shipped new Tây Ninh file and the shared data/ files hold the figures published since mid-2025 (groups 1, 2,
3 and 5 of figures-2025-2030.md), each as its source gives it; series that count different things stay apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dxkpi.analysis.account import Outcome, final_account
from dxkpi.core import model as m
from dxkpi.reading.loader import load

ROOT = Path(__file__).parent.parent
K, G, H, U = m.Qualifier.ABOUT, m.Qualifier.NEARLY, m.Qualifier.OVER, m.Qualifier.ESTIMATED
SINCE_THE_MERGER = "7/2025 - 12/2026"  # a page that prints no date, read in 12/2026, about the new province


@pytest.fixture(scope="module")
def tay_ninh() -> m.Metrics:
    result = load(ROOT / "data" / "regions" / "tay-ninh.yaml")
    assert result.errors == []
    assert result.metrics is not None
    return result.metrics


@pytest.fixture(scope="module")
def long_an() -> m.Metrics:
    result = load(ROOT / "metrics.yaml")
    assert result.errors == []
    assert result.metrics is not None
    return result.metrics


def by_id(metrics: m.Metrics) -> dict[str, m.Indicator]:
    return {i.id: i for i in metrics.indicators}


def row(obs: m.Observation) -> tuple[object, ...]:
    return (obs.period.text, obs.value, obs.qualifier, obs.source, obs.out_of, obs.numerator, obs.denominator)


# (row of figures-2025-2030.md, indicator id, period, value, qualifiers, source, out of, numerator, denominator,
# the note's opening words: the sentence as read)
GROUP_1 = [
    ("G1-01", "dvctt-toan-trinh", "12/2025", 95.13, [], "thanhtra-tn-toan-trinh", None, 1134, 1192,
     "'Tính đến cuối tháng"),
    ("G1-03", "nq57-nhiem-vu-trung-uong-hoan-thanh", "10/2025", 90, [], "phapluatplus-228111", 166, None, None,
     "'Tỉnh Tây Ninh được giao 166"),
    ("G1-03", "nq57-nhiem-vu-trung-uong-dang-thuc-hien", "10/2025", 76, [], "phapluatplus-228111", 166, None, None,
     "'Đang thực hiện 76"),
    ("G1-04", "nq57-chi-tieu-tinh-hoan-thanh", "10/2025", 60.38, [], "phapluatplus-228111", None, 32, 53,
     "'UBND tỉnh giao 53 chỉ tiêu"),
    ("G1-04", "nq57-nhiem-vu-tinh-hoan-thanh", "10/2025", 37.45, [], "phapluatplus-228111", None, 88, 235,
     "'… và 88 nhiệm vụ"),
    ("G1-05", "csdl-tinh-dua-vao-khai-thac", "10/2025", 69, [], "phapluatplus-228111", 112, None, None,
     "'Toàn tỉnh đã xây dựng"),
    ("G1-06", "csdl-quoc-gia-ket-noi-ndxp", "10/2025", 13, [], "phapluatplus-228111", 16, None, None,
     "'Tỉnh đã kết nối với 13/16"),
    ("G1-07", "nop-ho-so-truc-tuyen-cong-dvc-quoc-gia", "10/2025", 99.6, [], "vietnamvn-tay-ninh-nq57", None, None,
     None, "'On the National Public Service Portal"),
    ("G1-07", "thanh-toan-truc-tuyen-cong-dvc-quoc-gia", "10/2025", 99.73, [], "vietnamvn-tay-ninh-nq57", None, None,
     None, "'Online payment reached 99.73%'"),
    ("G1-07", "so-hoa-ho-so-cong-dvc-quoc-gia", "10/2025", 99.65, [], "vietnamvn-tay-ninh-nq57", None, None, None,
     "'Digitalized application reached 99.65%'"),
    ("G1-07", "hai-long-cong-dvc-quoc-gia", "10/2025", 99, [], "vietnamvn-tay-ninh-nq57", None, None, None,
     "'People's satisfaction rate reached 99%'"),
    ("G1-08", "cai-dat-tay-ninh-smart", "10/2025", 237000, [H], "vietnamvn-tay-ninh-nq57", None, None, None,
     "'Tay Ninh Smart application"),
    ("G1-08", "ioc-chi-so-cap-nhat", "10/2025", 602, [], "vietnamvn-tay-ninh-nq57", 957, None, None,
     "'The IOC Operation Center"),
    ("G1-09", "tthc-cong-bo-tren-cong-so-luong", SINCE_THE_MERGER, 2100, [H], "vietnamvn-tay-ninh-cchc", None, None,
     None, "'Tay Ninh province currently has over 2,100"),
    ("G1-09", "tthc-toan-trinh-tren-cong-so-luong", SINCE_THE_MERGER, 900, [G], "vietnamvn-tay-ninh-cchc", None, None,
     None, "'Of these, nearly 900"),
    ("G1-09", "tthc-mot-phan-tren-cong-so-luong", SINCE_THE_MERGER, 1100, [H], "vietnamvn-tay-ninh-cchc", None, None,
     None, "'Over 1,100 are partially"),
    ("G1-10", "tthc-khong-phu-thuoc-dia-gioi", SINCE_THE_MERGER, 98.99, [], "vietnamvn-tay-ninh-cchc", None, None,
     None, "'Notably, 98.99%"),
    ("G1-11", "ho-so-tiep-nhan-tu-1-7-2025", SINCE_THE_MERGER, 700000, [G], "vietnamvn-tay-ninh-cchc", None, None,
     None, "'From July 1st to the present"),
    ("G1-11", "ho-so-giai-quyet-dung-han", SINCE_THE_MERGER, 99, [H], "vietnamvn-tay-ninh-cchc", None, None, None,
     "'The on-time processing rate"),
    ("G1-11", "ho-so-truc-tuyen-trung-tam-phvhcc-tinh", SINCE_THE_MERGER, 90, [H], "vietnamvn-tay-ninh-cchc", None,
     None, None, "'In November alone"),
    ("G1-12", "tram-thu-phat-song-di-dong", "10/2025", 3890, [], "sggp-818163", None, None, None, "'Toàn tỉnh hiện có"),
    ("G1-12", "tram-5g", "10/2025", 245, [], "sggp-818163", None, None, None, "'… trong đó có 245 trạm 5G'"),
    ("G1-13", "toc-do-tai-co-dinh", "10/2025", 224, [], "sggp-818163", None, None, None, "'Tỷ lệ hộ gia đình"),
    ("G1-14", "chung-thu-so-chuyen-dung", "9/2025", 11100, [G], "sggp-814441", None, None, None, "'Gần 11.100"),
    ("G1-14", "thu-dien-tu-cong-vu", "9/2025", 6800, [H], "sggp-814441", None, None, None, "'Hơn 6.800"),
    ("G1-15", "ubnd-xa-quan-ly-van-ban-dien-tu", "9/2025", 100, [], "sggp-814441", None, None, None, "'100% UBND xã"),
    ("G1-16", "cong-dan-co-tai-khoan-dinh-danh-dien-tu", "27/8/2025", 83.51, [], "asia-rd-vneid", None, None, None,
     "'The rate of citizens"),
    ("G1-17", "nq57-nhiem-vu-trung-uong-hoan-thanh", "2025", 168, [], "nld-196260211160156854", 169, None, None,
     "'168/169 nhiệm vụ"),
    ("G1-18", "xa-co-ban-chi-dao-nq57", "12/2025", 78, [], "vtcnews-ar991734", 96, None, None, "'Đến nay 78/96"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("row_id", "ident", "period", "value", "qualifiers", "source", "out_of", "numerator", "denominator", "said"),
    GROUP_1,
)
def test_each_figure_of_the_new_tay_ninh_is_recorded_as_its_source_gives_it(
    tay_ninh, row_id, ident, period, value, qualifiers, source, out_of, numerator, denominator, said
):
    (obs,) = [o for o in by_id(tay_ninh)[ident].observations if o.period.text == period]
    assert row(obs) == (period, value, qualifiers, source, out_of, numerator, denominator)
    assert obs.note is not None and obs.note.startswith(said) and obs.note_en


def test_the_articles_headline_above_95_percent_is_kept_in_the_notes_of_the_exact_figure(tay_ninh):
    (obs,) = by_id(tay_ninh)["dvctt-toan-trinh"].observations
    assert "'đạt tỷ lệ trên 95%, vượt xa chỉ tiêu Chính phủ giao'" in (obs.note or "")


@pytest.mark.parametrize(
    ("source", "publisher"),
    [
        ("vietnamvn-tay-ninh-nq57", "vietnam.vn"),
        ("vietnamvn-tay-ninh-cchc", "vietnam.vn"),
        ("asia-rd-vneid", "asia-rd.com.vn"),
        ("vietbao-568882", "vietbao.vn"),
        ("vietnamvn-so-ket-nq57", "vietnam.vn"),
        ("qazinform-61b038", "qazinform.com"),
        ("vietnamvn-chu-ky-so", "vietnam.vn"),
    ],
)
def test_a_figure_read_only_on_an_aggregator_cites_it_and_its_note_says_so(tay_ninh, source, publisher):
    cited = tay_ninh.source_by_id()[source]
    assert (cited.publisher, "đăng lại" in (cited.note or "")) == (publisher, True)


# The three counts of procedures count different things: three indicators, each saying what it counts.
@pytest.mark.parametrize(
    ("ident", "figures", "counts"),
    [
        ("tthc-toan-trinh-so-luong", [("12/7/2025", 331, 1978)], None),
        ("tthc-toan-trinh-tren-cong-so-luong", [(SINCE_THE_MERGER, 900, None)], "hơn 2.100 thủ tục công bố"),
        ("dvctt-toan-trinh", [("12/2025", 95.13, None)], "ĐỦ ĐIỀU KIỆN"),
    ],
)
def test_the_three_counts_of_procedures_are_three_series(tay_ninh, ident, figures, counts):
    ind = by_id(tay_ninh)[ident]
    assert [(o.period.text, o.value, o.out_of) for o in ind.figures()] == figures
    if counts:
        assert counts in (ind.definition_note or "")


def test_the_eligible_procedures_share_follows_its_own_definition_never_level_4(tay_ninh):
    shares = by_id(tay_ninh)["dvctt-toan-trinh"]
    level_4 = by_id(tay_ninh)["dvctt-muc-4"]
    assert (shares.definition, level_4.definition, shares.topic == level_4.topic) == (
        "dvctt-toan-trinh-du-dieu-kien",
        "dvctt-muc-4",
        True,
    )


def test_vneid_of_citizens_and_long_ans_of_adults_are_two_indicators(tay_ninh, long_an):
    citizens = by_id(tay_ninh)["cong-dan-co-tai-khoan-dinh-danh-dien-tu"]
    adults = by_id(long_an)["nguoi-truong-thanh-co-tai-khoan-dinh-danh-dien-tu"]
    assert [(i.id, [o.value for o in i.figures()]) for i in (citizens, adults)] == [
        ("cong-dan-co-tai-khoan-dinh-danh-dien-tu", [83.51]),
        ("nguoi-truong-thanh-co-tai-khoan-dinh-danh-dien-tu", [98]),
    ]
    assert "NGƯỜI TRƯỞNG THÀNH" in (citizens.definition_note or "")
    assert "nguoi-truong-thanh-co-tai-khoan-dinh-danh-dien-tu" not in by_id(tay_ninh)


def test_official_certificates_never_count_as_adults_with_a_digital_signature(tay_ninh):
    signatures = by_id(tay_ninh)["nguoi-truong-thanh-co-chu-ky-so"]
    assert (signatures.figures(), "KHÔNG" in (by_id(tay_ninh)["chung-thu-so-chuyen-dung"].definition_note or "")) == (
        [],
        True,
    )


# ----- the country: national series (group 2 and 3) -----

# (row, indicator, period, definition, value, qualifiers, source, published)
NATIONAL = [
    ("G3-20", "ho-so-xu-ly-toan-trinh", "2024", None, 45.8, [], "kinhtedothi-ha-nam", None),
    ("G3-03", "ho-so-xu-ly-toan-trinh", "6/2025", None, 39.51, [], "vnanet-405224", None),
    ("G3-01", "ho-so-xu-ly-toan-trinh", "10/2025", None, 39.98, [], "S6", dt.date(2025, 11, 7)),
    ("G3-02", "ho-so-xu-ly-toan-trinh", "11/2025", None, 51.7, [], "vnn-2475477", None),
    ("G3-08", "ty-trong-kinh-te-so", "2025", None, 14.02, [U], "vneconomy-2026-01-06", None),
    ("G3-10", "ty-trong-tmdt-ban-le", "2025", None, 12, [U], "vnexpress-5002862", None),
    ("G3-16", "nguoi-truong-thanh-co-chu-ky-so", "6/2025", None, 28.4, [K], "qazinform-61b038", None),
    ("G3-12", "dan-so-tai-khoan-thanh-toan-dien-tu", "2024", "tai-khoan-ngan-hang-15", 86.97, [],
     "cafef-188260202102709337", None),
    ("G2-01", "chi-so-dti", "2023", "dti-quoc-gia-922", 0.7326, [], "dantri-20251021181803153", None),
    ("G2-01", "chi-so-dti", "2024", "dti-quoc-gia-405", 0.7955, [], "dantri-20251021181803153", dt.date(2025, 10, 21)),
    ("G2-02", "chi-so-dti", "2024", "dti-2024", 0.6961, [], "dantri-20251021181803153", dt.date(2025, 10, 21)),
    ("G3-14", "thanh-toan-khong-tien-mat-so-voi-gdp", "2025", None, 28, [K], "dantri-20260202114359230", None),
    ("G3-13", "tai-khoan-thanh-toan-ca-nhan", "12/2025", None, 232000000, [H], "cafef-188260202102709337", None),
    ("G3-15", "ttkdtm-trong-tmdt", "2024", None, 66.8, [], "cafef-188260202102709337", None),
    ("G3-04", "ho-so-qua-cong-dvc-quoc-gia", "29/10/2025", None, 14500000, [H], "mst-197251031150517763", None),
    ("G3-04", "nop-ho-so-truc-tuyen-cong-dvc-quoc-gia", "29/10/2025", None, 83, [], "mst-197251031150517763", None),
    ("G3-03", "giao-dich-ndxp", "1/2025 - 6/2025", None, 630000000, [K], "vnanet-405224", None),
    ("G3-17", "chung-thu-chu-ky-so-da-cap", "12/2024", None, 11000000, [], "vietnamvn-chu-ky-so", None),
    ("G3-17", "chung-thu-chu-ky-so-da-cap", "8/2025", None, 22000000, [], "vietnamvn-chu-ky-so", None),
    ("G3-18", "phu-song-internet-ap", "10/2025", None, 99.3, [], "vjst-76395", None),
    ("G3-18", "toc-do-internet-di-dong", "10/2025", None, 146.64, [], "vjst-76395", None),
    ("G3-18", "phu-song-5g-khu-dan-cu", "10/2025", None, 26, [], "vjst-76395", None),
    ("G3-07", "phu-song-5g-dan-so", "2025", None, 40, [G], "vietnamvn-so-ket-nq57", None),
    ("G3-07", "xep-hang-gii", "2025", None, 44, [], "vietnamvn-so-ket-nq57", None),
    ("G3-11", "dn-cong-nghe-so", "2025", None, 80000, [K, U], "vneconomy-ttkdtm-26-lan", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("row_id", "ident", "period", "definition", "value", "qualifiers", "source", "published"), NATIONAL
)
def test_each_figure_of_the_country_is_a_national_series_beside_the_provinces(
    tay_ninh, row_id, ident, period, definition, value, qualifiers, source, published
):
    series = tay_ninh.national_of(by_id(tay_ninh)[ident])
    assert series is not None
    found = [o for o in series.observations if o.period.text == period and o.definition == definition]
    assert [(o.value, o.qualifier, o.source, o.published, bool(o.note and o.note_en)) for o in found] == [
        (value, qualifiers, source, published, True)
    ]


def test_the_third_source_of_the_2025_digital_economy_share_is_another_citation_of_the_same_figure(tay_ninh):
    series = tay_ninh.national_of(by_id(tay_ninh)["ty-trong-kinh-te-so"])
    (obs,) = [o for o in series.observations if o.period.text == "2025"]
    assert [(c.source, c.qualifier) for c in obs.also] == [
        ("thoibaotaichinh-2026-01-05", [U]),
        ("vietnamplus-post1089071", [U]),
    ]


# Where sources disagree about one measure in one period: the claims beside the charted statistic.
@pytest.mark.parametrize(
    ("ident", "period", "charted", "claims"),
    [
        ("ty-trong-kinh-te-so", "2025", 14.02, [("vietbao-568882", 20, [G]), ("vietnamvn-so-ket-nq57", 18.72, [K])]),
        ("ho-so-xu-ly-toan-trinh", "10/2025", 39.98, [("vietbao-568882", 80, []), ("mst-197251031150517763", 37, [])]),
        ("ho-so-xu-ly-toan-trinh", "11/2025", 51.7, [("vietnamvn-so-ket-nq57", 51, [H])]),
        ("thanh-toan-khong-tien-mat-so-voi-gdp", "2025", 28, [("vneconomy-ttkdtm-26-lan", 26, [U])]),
    ],
)
def test_disagreeing_sources_are_claims_beside_the_defined_statistic_each_saying_why(
    tay_ninh, ident, period, charted, claims
):
    series = tay_ninh.national_of(by_id(tay_ninh)[ident])
    (obs,) = [o for o in series.observations if o.period.text == period]
    assert (obs.value, [(c.source, c.value, c.qualifier) for c in obs.claims]) == (charted, claims)
    assert all(c.note and c.note_en for c in obs.claims)


# ----- the DTI: versions and counts of provinces (group 2, group 5) -----


@pytest.mark.parametrize(
    ("definition", "decision", "provinces"),
    [
        ("dti-1726", "1726/QĐ-BTTTT", "63"),
        ("dti-truoc-2024", "922/QĐ-BTTTT", "63"),
        ("dti-2024", "405/QĐ-BKHCN", "34"),
    ],
)
def test_each_dti_set_is_a_definition_naming_its_decision_and_the_provinces_ranked(
    tay_ninh, definition, decision, provinces
):
    found = tay_ninh.definition_by_id()[definition]
    assert decision in found.name and provinces in f"{found.name} {found.note}"


def test_long_ans_dti_ranks_follow_the_set_of_their_year(long_an):
    ranks = by_id(long_an)["xep-hang-dti"]
    assert [(o.period.text, o.value, o.out_of, ranks.definition_of(o)) for o in ranks.figures()] == [
        ("2020", 27, 63, "dti-1726"),
        ("2021", 21, 63, "dti-1726"),
        ("2022", 11, 63, "dti-truoc-2024"),
    ]


def test_the_dti_set_of_2024_states_the_ministrys_rule_for_a_merged_province_and_its_eight_main_indices(tay_ninh):
    found = tay_ninh.definition_by_id()["dti-2024"]
    assert (
        found.merger_source,
        len(found.main_indices),
        "trung bình cộng các chỉ số chính" in (found.merger_rule or ""),
    ) == (
        "dantri-20251021181803153",
        8,
        True,
    )


# ----- what the overview and the final account count -----


def test_the_new_tay_ninh_targets_twenty_indicators_and_the_sources_measure_three(tay_ninh):
    targeted = [i for i in tay_ninh.indicators if tay_ninh.targets_of(i) and i.kind is not m.Kind.MILESTONE]
    measured = [i.id for i in targeted if i.latest_figure() is not None]
    assert (len(targeted), measured) == (20, ["cap-quang-ho-gia-dinh", "phu-song-5g-xa", "dvctt-toan-trinh"])


@pytest.mark.parametrize(
    ("ident", "sentence"),
    [
        (
            "ho-so-xu-ly-toan-trinh",
            "no figure up to the end of 2025, target ≥80% (2025, national): not measured; Viet Nam: 51.7% (11/2025), "
            "not achieved by the country",
        ),
        (
            "ty-trong-tmdt-ban-le",
            "no figure up to the end of 2025, target >10% (2025, national): not measured; Viet Nam: est. 12% in 2025, "
            "achieved by the country",
        ),
        # a bank account is narrower than a payment account: drawn, never set against the target
        (
            "dan-so-tai-khoan-thanh-toan-dien-tu",
            "no figure up to the end of 2025, target >50% (2025, national): not measured",
        ),
    ],
)
def test_the_final_account_gives_the_countrys_own_outcome_against_the_same_target(tay_ninh, ident, sentence):
    (line,) = [ln for ln in final_account(tay_ninh).lines if ln.indicator.id == ident]
    assert (line.outcome, line.sentence("en")) == (Outcome.NOT_MEASURED, sentence)


def test_a_row_with_a_national_and_a_provincial_target_gives_the_countrys_outcome_against_the_national_one(tay_ninh):
    (group,) = [g for g in final_account(tay_ninh).groups() if g.indicator.id == "nguoi-truong-thanh-co-chu-ky-so"]
    assert group.sentence("vi") == (
        "không có số liệu đến hết năm 2025, mục tiêu >50% (2025, quốc gia), >50% (2025, tỉnh): không đo được; "
        "cả nước: ~28,4% (06/2025), không đạt"
    )
