"""The loader reports every mistake in a metrics file with its place, and never changes the file."""

from __future__ import annotations

import os
import shutil
import tracemalloc
from pathlib import Path

import pytest

from dxkpi.core import model as m
from dxkpi.reading.loader import MAX_BYTES, load

HERE = Path(__file__).parent
BROKEN = HERE / "broken"
GOOD = HERE / "good"

# file -> every problem it must report, as (line, column, field, kind of problem).
CASES: list[tuple[str, list[tuple[int, int, str, str]]]] = [
    ("ambiguous-comma.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "ambiguous_comma")]),
    ("bad-date.yaml", [(12, 11, "sources[bao].date", "bad_date")]),
    ("bad-period.yaml", [(39, 17, "indicators[dvctt].observations[0].period", "bad_period")]),
    ("context-with-target.yaml", [(28, 7, "indicators[doanh-thu].targets", "context_target")]),
    ("decimal-comma.yaml", [(40, 16, "indicators[dvctt].observations[0].value", "decimal_comma")]),
    ("duplicate-indicator-id.yaml", [(48, 9, "indicators[dvctt].id", "duplicate_id")]),
    ("duplicate-national.yaml", [(64, 16, "national[dvctt].indicator", "duplicate_national")]),
    ("duplicate-key.yaml", [(30, 9, "indicators[doanh-thu].observations[0].value", "duplicate_key")]),
    ("duplicate-period.yaml", [(42, 17, "indicators[dvctt].observations[1].period", "duplicate_period")]),
    ("duplicate-source-id.yaml", [(13, 9, "sources[bao].id", "duplicate_id")]),
    ("empty.yaml", [(1, 1, "", "empty_file")]),
    (
        "many-mistakes.yaml",
        [
            (29, 16, "indicators[doanh-thu].observations[0].value", "vn_thousands"),
            (35, 13, "indicators[dvctt].pillar", "bad_choice"),
            (41, 17, "indicators[dvctt].observations[0].source", "unknown_source"),
            (50, 5, "indicators[lgps].nme", "unknown_key"),
        ],
    ),
    ("figure-needs-value.yaml", [(40, 17, "indicators[dvctt].observations[0]", "figure_needs_value")]),
    ("milestone-without-status.yaml", [(56, 16, "indicators[lgps].observations[0]", "milestone_needs_status")]),
    ("missing-key.yaml", [(21, 5, "indicators[doanh-thu].name_en", "missing_key")]),
    (
        "national-unknown-indicator.yaml",
        [
            (43, 21, "indicators[dvctt].observations[0].also[0].source", "unknown_source"),
            (62, 16, "national[dvct].indicator", "unknown_indicator"),
        ],
    ),
    ("negative-count.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "negative")]),
    ("no-indicators.yaml", [(20, 13, "indicators", "no_indicators")]),
    ("number-with-unit.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "number_with_unit")]),
    ("number-words.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "number_words")]),
    ("observations-not-a-list.yaml", [(54, 19, "indicators[lgps].observations", "not_list")]),
    ("percent-out-of-range.yaml", [(40, 16, "indicators[dvctt].observations[0].value", "percent_range")]),
    ("percent-sign.yaml", [(40, 16, "indicators[dvctt].observations[0].value", "number_with_unit")]),
    ("period-backwards.yaml", [(28, 17, "indicators[doanh-thu].observations[0].period", "period_backwards")]),
    ("python-object-tag.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "unsafe_tag")]),
    ("quoted-number.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "quoted_number")]),
    ("rank-kind.yaml", [(26, 11, "indicators[doanh-thu].kind", "rank_kind")]),
    ("rank-out-of-range.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "rank_range")]),
    ("syntax-colon-in-value.yaml", [(49, 19, "", "yaml_syntax")]),
    ("syntax-unclosed-quote.yaml", [(50, 14, "", "unclosed_quote")]),
    ("tab-indent.yaml", [(25, 1, "", "tab_indent"), (53, 3, "", "tab_indent")]),
    (
        "target-contradicts-direction.yaml",
        [(16, 17, "indicators[dvctt].targets[0].comparator", "target_direction")],
    ),
    ("target-year-out-of-range.yaml", [(17, 11, "targets[qd749-2025].year", "year_range")]),
    ("too-deep.yaml", [(31, 55, "", "too_deep")]),
    ("top-level-list.yaml", [(1, 1, "", "not_mapping")]),
    ("unknown-comparator.yaml", [(16, 17, "targets[qd749-2025].comparator", "bad_choice")]),
    ("unknown-key-typo.yaml", [(42, 5, "indicators[dvctt].tagret", "unknown_key")]),
    ("unknown-key-figure.yaml", [(7, 16, "meta.key_figures[0]", "unknown_indicator")]),
    ("unknown-kind.yaml", [(37, 11, "indicators[dvctt].kind", "bad_choice")]),
    ("unknown-pillar.yaml", [(35, 13, "indicators[dvctt].pillar", "bad_choice")]),
    ("unknown-qualifier.yaml", [(30, 20, "indicators[doanh-thu].observations[0].qualifier", "bad_choice")]),
    ("unknown-source.yaml", [(41, 17, "indicators[dvctt].observations[0].source", "unknown_source")]),
    ("unknown-target-ref.yaml", [(43, 14, "indicators[dvctt].targets[0].ref", "unknown_target")]),
    ("unknown-plan.yaml", [(20, 11, "targets[qd749-2025].plan", "unknown_plan")]),
    ("span-and-year.yaml", [(18, 11, "targets[qd749-2025].span", "span_and_year")]),
    ("task-without-reason.yaml", [(36, 21, "plans[kh-2026].tasks[nv-01].reports[0].reason", "reason_required")]),
    ("unknown-definition.yaml", [(38, 17, "indicators[dvctt].definition", "unknown_definition")]),
    ("share-not-percent.yaml", [(31, 20, "indicators[doanh-thu].observations[0].numerator", "share_not_percent")]),
    ("share-part-missing.yaml", [(41, 20, "indicators[dvctt].observations[0].denominator", "share_part_missing")]),
    ("share-parts-range.yaml", [(42, 22, "indicators[dvctt].observations[0].denominator", "share_parts_range")]),
    ("unknown-unit.yaml", [(25, 11, "indicators[doanh-thu].unit", "bad_choice")]),
    ("utf16-notepad.yaml", [(1, 1, "", "encoding_utf16")]),
    ("value-is-a-list.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "wrong_type")]),
    ("vn-thousands-millions.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "vn_thousands")]),
    ("vn-thousands.yaml", [(29, 16, "indicators[doanh-thu].observations[0].value", "vn_thousands")]),
    ("windows-1258.yaml", [(3, 12, "", "encoding_not_utf8")]),
]


# Files that can be used, with a warning beside their data.
WARNING_CASES = [
    ("old-figure.yaml", [(32, 17, "indicators[doanh-thu].observations[1].period", "old_figure")]),
    ("share-mismatch.yaml", [(41, 20, "indicators[dvctt].observations[0].numerator", "share_mismatch")]),
    ("unused-source.yaml", [(13, 9, "sources[bao-cu]", "unused_source")]),
]


def where(result) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.col, p.field, p.code) for p in result.problems]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_file_reports_exactly_its_problems(name, expected):
    result = load(BROKEN / name)
    assert result.metrics is None
    assert where(result) == expected


@pytest.mark.parametrize(("name", "expected"), WARNING_CASES, ids=[c[0] for c in WARNING_CASES])
def test_a_warning_is_reported_and_the_file_is_still_used(name, expected):
    result = load(HERE / "warnings" / name)
    assert where(result) == expected
    assert [p.severity for p in result.problems] == ["warning"] * len(expected)
    assert (result.ok, result.errors, len(result.metrics.indicators)) == (True, [], 3)


def test_every_warning_file_has_a_case():
    assert sorted(p.name for p in (HERE / "warnings").glob("*.yaml")) == [c[0] for c in WARNING_CASES]


def test_a_figure_a_few_years_older_than_the_next_one_is_no_warning(tmp_path):
    text = (HERE / "warnings" / "old-figure.yaml").read_text(encoding="utf-8").replace("period: 2008", "period: 2015")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    assert load(tmp_path / "m.yaml").problems == []


def test_every_broken_file_has_a_case():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted([c[0] for c in CASES] + ["alias-bomb.yaml"])


@pytest.mark.parametrize("name", ["minimal.yaml", "crlf-with-bom.yaml"])
def test_good_files_load_with_no_problems(name):
    result = load(GOOD / name)
    assert result.problems == []
    assert [i.id for i in result.metrics.indicators] == ["doanh-thu", "dvctt", "lgps"]


def test_a_crlf_file_with_bom_reads_the_same_as_the_plain_one():
    plain, crlf = load(GOOD / "minimal.yaml").metrics, load(GOOD / "crlf-with-bom.yaml").metrics
    assert crlf.indicators == plain.indicators
    assert crlf.meta.title == "Thử nghiệm"


def test_a_loaded_file_gives_typed_values():
    metrics = load(GOOD / "minimal.yaml").metrics
    revenue = metrics.indicators[0]
    assert (revenue.pillar, revenue.unit, revenue.kind) == (
        m.Pillar.DIGITAL_ECONOMY,
        m.Unit.BILLION_VND,
        m.Kind.CONTEXT,
    )
    obs = revenue.observations[0]
    assert (obs.value, obs.qualifier, obs.source, obs.period.text) == (11500, [m.Qualifier.NEARLY], "bao", "2020")
    assert metrics.sources[0].date.isoformat() == "2021-10-19"
    targets = metrics.targets_of(metrics.indicators[1])
    assert [(t.value, t.comparator, t.year, t.level) for t in targets] == [
        (80, m.Comparator.AT_LEAST, 2025, m.Level.NATIONAL),
        (100, m.Comparator.AT_LEAST, None, m.Level.PROVINCIAL),
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            [
                "tests/broken/many-mistakes.yaml:29:16: indicators[doanh-thu].observations[0].value: '11.500' trông "
                "như cách viết hàng nghìn kiểu Việt Nam (YAML đọc thành 11,5); viết 11500",
                "tests/broken/many-mistakes.yaml:35:13: indicators[dvctt].pillar: 'chinh-quyen' không phải trụ cột "
                "hợp lệ (có phải 'chinh-quyen-so'?). Chọn một trong: chinh-quyen-so, kinh-te-so, xa-hoi-so, nen-tang",
            ],
        ),
        (
            "en",
            [
                "tests/broken/many-mistakes.yaml:29:16: indicators[doanh-thu].observations[0].value: '11.500' looks "
                "like Vietnamese thousands notation (YAML reads it as 11.5); write 11500",
                "tests/broken/many-mistakes.yaml:35:13: indicators[dvctt].pillar: 'chinh-quyen' is not a valid pillar "
                "(did you mean 'chinh-quyen-so'?). Choose one of: chinh-quyen-so, kinh-te-so, xa-hoi-so, nen-tang",
            ],
        ),
    ],
)
def test_messages_name_the_place_and_the_fix_in_either_language(lang, expected):
    result = load(BROKEN / "many-mistakes.yaml", filename="tests/broken/many-mistakes.yaml")
    assert [p.render(lang) for p in result.problems[:2]] == expected


def test_an_alias_bomb_is_refused_without_expanding_it():
    tracemalloc.start()
    result = load(BROKEN / "alias-bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.metrics is None
    assert {p.code for p in result.problems} == {"alias"}
    # 9 anchors and 9*8 + 1 aliases, each reported where it stands.
    assert len(result.problems) == 9 + 73
    assert where(result)[:3] == [(1, 7, "", "alias"), (2, 5, "", "alias"), (2, 9, "", "alias")]
    # 9**9 strings if expanded; refused, it stays far below a few megabytes.
    assert peak < 5 * 1024 * 1024


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    tracemalloc.start()
    result = load(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [(p.code, p.params["size"]) for p in result.problems] == [("too_large", MAX_BYTES + 1)]
    assert peak < 1024 * 1024


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    result = load(tmp_path / "nope.yaml")
    assert [(p.line, p.code) for p in result.problems] == [(1, "file_missing")]
    assert [p.message("vi") for p in result.problems] == [
        f"không tìm thấy tệp số liệu; cần có tệp tại {tmp_path / 'nope.yaml'}"
    ]
    assert [p.message("en") for p in result.problems] == [
        f"the metrics file is missing; it was expected at {tmp_path / 'nope.yaml'}"
    ]


@pytest.mark.parametrize(
    ("size", "vi", "en"),
    [
        (21010965, "tệp quá lớn (20,0 MB, tối đa 16 MB)", "file is too large (20.0 MB, at most 16 MB)"),
        (MAX_BYTES + 1, "tệp quá lớn (16,0 MB, tối đa 16 MB)", "file is too large (16.0 MB, at most 16 MB)"),
    ],
)
def test_a_file_too_large_is_told_in_megabytes_the_readers_way(tmp_path, size, vi, en):
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(size)
    (problem,) = load(big).problems
    assert (problem.message("vi"), problem.message("en")) == (vi + "; kiểm tra lại tệp", en + "; check the file")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_far_down_the_file_is_reported_where_it_opens(tmp_path, quote):
    shutil.copytree(HERE.parent / "data", tmp_path / "data")
    lines = (HERE.parent / "metrics.yaml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if i >= 480 and line.startswith('    name: "'))
    lines[number - 1] = lines[number - 1].replace('"', quote, 1).rstrip('"')  # the closing quote forgotten
    (tmp_path / "metrics.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = load(tmp_path / "metrics.yaml", filename="metrics.yaml").problems
    assert [p.render("en") for p in problems] == [
        f"metrics.yaml:{number}:11: the quote {quote} opened here is not closed; add {quote} at the end of the value"
    ]


def test_python_tags_are_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = (BROKEN / "python-object-tag.yaml").read_text(encoding="utf-8").replace("echo hacked", f"touch {marker}")
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    result = load(tmp_path / "f.yaml")
    assert [p.code for p in result.problems] == ["unsafe_tag"]
    assert not marker.exists()


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.glob("*.yaml")))
def test_validation_never_rewrites_the_file(name):
    path = BROKEN / name
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    load(path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_an_included_file_supplies_shared_sources_and_targets(tmp_path):
    (tmp_path / "data").mkdir()
    minimal = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    head, rest = minimal.split("targets:\n", 1)
    shared_targets, indicators = rest.split("indicators:\n", 1)
    (tmp_path / "data" / "shared.yaml").write_text("targets:\n" + shared_targets, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        head + "include:\n  - data/shared.yaml\nindicators:\n" + indicators, encoding="utf-8"
    )
    metrics = load(tmp_path / "m.yaml").metrics
    assert [t.id for t in metrics.targets] == ["qd749-2025"]
    assert metrics.targets_of(metrics.indicators[1])[0].value == 80


def test_problems_in_an_included_file_name_that_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "shared.yaml").write_text(
        "targets:\n  - id: t\n    value: 80\n    comparator: atleast\n    level: national\n    source: bao\n",
        encoding="utf-8",
    )
    minimal = (
        (GOOD / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("indicators:\n", "include: [data/shared.yaml]\nindicators:\n", 1)
    )
    (tmp_path / "m.yaml").write_text(minimal, encoding="utf-8")
    result = load(tmp_path / "m.yaml", filename="m.yaml")
    assert [(p.file, p.line, p.col, p.field, p.code) for p in result.problems] == [
        ("data/shared.yaml", 4, 17, "targets[t].comparator", "bad_choice")
    ]


def test_a_missing_included_file_is_named(tmp_path):
    minimal = (
        (GOOD / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("indicators:\n", "include: [data/none.yaml]\nindicators:\n", 1)
    )
    (tmp_path / "m.yaml").write_text(minimal, encoding="utf-8")
    result = load(tmp_path / "m.yaml", filename="m.yaml")
    assert [(p.line, p.field, p.code, p.params["value"]) for p in result.problems] == [
        (20, "include", "include_missing", "data/none.yaml")
    ]


def test_each_broken_file_says_what_it_breaks_not_that_it_is_valid():
    heads = {
        p.name: p.read_bytes().replace(b"\x00", b"").lstrip(b"\xff\xfe").split(b"\n")[0] for p in BROKEN.glob("*.yaml")
    }
    assert [name for name, head in heads.items() if b"valid file" in head] == []
