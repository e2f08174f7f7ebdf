"""Writing one figure into metrics.yaml: only its own lines change, the result is checked first, the write is atomic."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from dxkpi.editing import atomic
from dxkpi.editing import writer as w
from dxkpi.reading.loader import load, load_text

ROOT = Path(__file__).parent.parent

# A Windows file (BOM, CRLF) with comments and blank lines everywhere and every quote style.
MESSY = (
    "\ufeff# đầu tệp\r\n"
    "meta:   # thông tin\r\n"
    "  title: 'Thử nghiệm'\r\n"
    '  region: "Long An"\r\n'
    "  program: Quyết định 749\r\n"
    "  reporting_period: 2016-2025\r\n"
    "\r\n"
    "sources:\r\n"
    "  # nguồn đầu\r\n"
    "  - id: bao    # mã\r\n"
    "    title: 'Bài ''một'''\r\n"
    "    publisher: ĐCSVN\r\n"
    "    kind: news\r\n"
    "\r\n"
    "  # cuối nguồn\r\n"
    "indicators:\r\n"
    "  - id: doanh-thu\r\n"
    "    name: Doanh thu   # tên\r\n"
    "    name_en: Revenue\r\n"
    "    pillar: kinh-te-so\r\n"
    "    unit: ty-dong\r\n"
    "    kind: context\r\n"
    "    observations:\r\n"
    "      # số liệu đầu\r\n"
    "      - period: 2020   # năm\r\n"
    "        value: 11500\r\n"
    "        # giữa các khoá\r\n"
    "        qualifier: gan\r\n"
    "        source: bao\r\n"
    "\r\n"
    "      # sau số liệu\r\n"
    "  - id: dvctt\r\n"
    "    name: 'Tỷ lệ'\r\n"
    "    name_en: Share\r\n"
    "    pillar: chinh-quyen-so\r\n"
    "    unit: percent\r\n"
    "    kind: measured\r\n"
    "    # chưa có số liệu\r\n"
    "    targets:\r\n"
    "      - value: 100\r\n"
    "        comparator: at_least\r\n"
    "        level: provincial\r\n"
    "        source: bao\r\n"
    "# cuối tệp"
)


@pytest.fixture
def shipped(tmp_path) -> Path:
    """A copy of the shipped metrics.yaml and its data/ folder."""
    shutil.copy(ROOT / "metrics.yaml", tmp_path / "metrics.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "metrics.yaml"


@pytest.fixture
def messy(tmp_path) -> Path:
    path = tmp_path / "metrics.yaml"
    path.write_bytes(MESSY.encode("utf-8"))
    assert load(path).ok
    return path


def opened(path: Path) -> w.Opened:
    result = w.open_file(path)
    assert isinstance(result, w.Opened), result
    return result


def only_inserted(old: bytes, new: bytes) -> list[bytes]:
    """The lines added to `old` to make `new`; fails if any old line changed or went."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, a[i1:i2], b[j1:j2])
        if tag == "insert":
            added += b[j1:j2]
    return added


FIGURE = w.Figure("2024", "S16", value=92.5, qualifier=("khoang",), note='Ghi chú "trích" : có dấu')


def test_adding_a_figure_to_the_shipped_file_adds_only_its_own_lines_lined_up_with_the_others(shipped):
    before = opened(shipped)
    ind = next(i for i in load(shipped).metrics.indicators if i.id == "dvctt-muc-4")
    count = len(ind.observations)
    plan = w.plan(before, [w.AddFigure("dvctt-muc-4", FIGURE)])
    assert plan.problems == []
    added = only_inserted(before.data, plan.data)
    body = [
        b"        value: 92.5\n",
        b"        qualifier: khoang\n",
        b"        source: S16\n",
        b'        note: "Ghi ch\xc3\xba \\"tr\xc3\xadch\\" : c\xc3\xb3 d\xe1\xba\xa5u"\n',
    ]
    if count:
        assert added == [b"      - period: 2024\n", *body]
    else:
        assert added == [b"    observations:\n", b"      - period: 2024\n", *body]
    after = load_text(plan.text, shipped).metrics
    new = next(i for i in after.indicators if i.id == "dvctt-muc-4").observations
    assert [(o.period.text, o.value, o.source, o.note) for o in new][-1] == ("2024", 92.5, "S16", FIGURE.note)


def test_editing_and_removing_a_figure_of_the_shipped_file_touch_only_its_lines(shipped):
    before = opened(shipped)
    metrics = load(shipped).metrics
    ind = next(i for i in metrics.indicators if len(i.observations) and i.observations[0].value is not None)
    old = w.figure_of(ind.observations[0])
    plan = w.plan(before, [w.EditFigure(ind.id, 0, w.Figure(**{**old.__dict__, "value": 42}))])
    assert plan.problems == []
    added, removed = plan.diff()
    assert [text.strip() for _, text in added] == ["value: 42"]
    assert len(removed) == 1 and removed[0][1].strip().startswith("value:")
    plan = w.plan(before, [w.RemoveFigure(ind.id, 0)])
    assert plan.diff()[0] == []
    gone = [text for _, text in plan.diff()[1]]
    assert gone[0].strip() == f"- period: {w.period_text(old.period)}"
    assert load_text(plan.text, shipped).ok


def test_adding_a_figure_to_a_crlf_bom_file_with_comments_everywhere_keeps_every_other_byte(messy):
    plan = w.plan(opened(messy), [w.AddFigure("doanh-thu", w.Figure("2016-2020", "bao", value=12000.0))])
    assert plan.problems == []
    expected = MESSY.replace(
        "        source: bao\r\n\r\n      # sau",
        '        source: bao\r\n      - period: "2016-2020"\r\n        value: 12000\r\n        source: bao\r\n'
        "\r\n      # sau",
    )
    assert plan.data == expected.encode("utf-8")


def test_a_first_figure_goes_into_a_new_observations_list_before_the_targets(messy):
    plan = w.plan(opened(messy), [w.AddFigure("dvctt", w.Figure("12/2023", "bao", value=60, qualifier=("gan", "uoc")))])
    assert plan.problems == []
    expected = MESSY.replace(
        "    kind: measured\r\n",
        "    kind: measured\r\n    observations:\r\n      - period: 12/2023\r\n        value: 60\r\n"
        "        qualifier: [gan, uoc]\r\n        source: bao\r\n",
    )
    assert plan.data == expected.encode("utf-8")


def test_editing_a_figure_replaces_only_the_changed_keys_and_keeps_comments_between_them(messy):
    old = w.Figure("2020", "bao", value=11500, qualifier=("gan",))
    new = w.Figure("2020", "bao", value=11600, note="sửa")
    plan = w.plan(opened(messy), [w.EditFigure("doanh-thu", 0, new)])
    assert plan.problems == []
    assert plan.changes == [{"indicator": "doanh-thu", "old": old.as_dict(), "new": new.as_dict()}]
    expected = MESSY.replace(
        "        value: 11500\r\n        # giữa các khoá\r\n        qualifier: gan\r\n        source: bao\r\n",
        '        value: 11600\r\n        # giữa các khoá\r\n        source: bao\r\n        note: "sửa"\r\n',
    )
    assert plan.data == expected.encode("utf-8")


def test_removing_a_figure_removes_its_lines_and_nothing_else(messy):
    plan = w.plan(opened(messy), [w.RemoveFigure("doanh-thu", 0)])
    assert plan.problems == []
    expected = MESSY.replace(
        "      - period: 2020   # năm\r\n        value: 11500\r\n        # giữa các khoá\r\n"
        "        qualifier: gan\r\n        source: bao\r\n",
        "",
    )
    assert plan.data == expected.encode("utf-8")


def test_a_new_source_is_added_after_the_last_one_in_the_file_s_style(messy):
    source = w.NewSource("bao-2", "Tiêu đề: có dấu", "Báo Long An", "news", date="15/05/2024", url="https://x.vn/a#b")
    plan = w.plan(opened(messy), [w.AddSource(source), w.AddFigure("dvctt", w.Figure("2024", "bao-2", value=70))])
    assert plan.problems == []
    assert plan.sources_added == ["bao-2"]
    expected = MESSY.replace(
        "    kind: news\r\n",
        '    kind: news\r\n  - id: bao-2\r\n    title: "Tiêu đề: có dấu"\r\n    publisher: "Báo Long An"\r\n'
        '    kind: news\r\n    date: 15/05/2024\r\n    url: "https://x.vn/a#b"\r\n',
    ).replace(
        "    kind: measured\r\n",
        "    kind: measured\r\n    observations:\r\n      - period: 2024\r\n        value: 70\r\n"
        "        source: bao-2\r\n",
    )
    assert plan.data == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("figure", "line", "code"),
    [
        (w.Figure("2024", "bao", value=120), 40, "percent_range"),
        (w.Figure("2024", "baoo", value=50), 41, "unknown_source"),
        (w.Figure("2024-2020", "bao", value=50), 39, "period_backwards"),
        (w.Figure("2024", "bao", status="done"), 40, "figure_needs_value"),
    ],
)
def test_a_figure_the_validator_rejects_comes_back_as_problems_at_its_new_line(messy, figure, line, code):
    plan = w.plan(opened(messy), [w.AddFigure("dvctt", figure)])
    assert [(p.line, p.code) for p in plan.problems] == [(line, code)]


def test_an_unknown_indicator_or_figure_number_is_a_problem_not_a_crash(messy):
    assert [p.code for p in w.plan(opened(messy), [w.AddFigure("khong-co", FIGURE)]).problems] == ["unknown_indicator"]
    assert [p.code for p in w.plan(opened(messy), [w.RemoveFigure("doanh-thu", 5)]).problems] == ["no_such_figure"]


def test_a_flow_style_list_is_left_for_a_human_with_a_message(messy):
    messy.write_bytes(
        MESSY.replace(
            "    observations:\r\n      # số liệu đầu\r\n      - period: 2020   # năm\r\n        value: 11500\r\n"
            "        # giữa các khoá\r\n        qualifier: gan\r\n        source: bao\r\n",
            "    observations: [{period: 2020, value: 11500, source: bao}]\r\n",
        ).encode("utf-8")
    )
    plan = w.plan(opened(messy), [w.AddFigure("doanh-thu", FIGURE)])
    assert [(p.line, p.code) for p in plan.problems] == [(23, "layout_unsupported")]
    assert plan.problems[0].message("en") == (
        "cannot change this place by itself because the file has the observations list written on one line [ ... ]; "
        "edit it by hand in Notepad"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Mục tiêu: 80% # không phải chú thích",
        "dòng\nhai",
        'trích "x" \\ y',
        "tab\tở giữa",
        "\u2028\x85\x7f\ufeff",
        "'",
        "",
    ],
)
def test_a_quoted_note_reads_back_exactly_as_typed(messy, text):
    plan = w.plan(opened(messy), [w.AddFigure("dvctt", w.Figure("2024", "bao", value=1, note=text or None))])
    assert plan.problems == []
    obs = next(i for i in load_text(plan.text, messy).metrics.indicators if i.id == "dvctt").observations[0]
    assert obs.note == (text or None)


@pytest.mark.parametrize(
    ("value", "text"), [(11500, "11500"), (88.9, "88.9"), (12000.0, "12000"), (0.1, "0.1"), (1e-7, "0.0000001")]
)
def test_values_are_written_as_plain_numbers(value, text):
    assert w.number_text(value) == text


def test_the_atomic_write_replaces_the_file_and_leaves_no_temporary_file(messy):
    atomic.atomic_write(messy, b"new")
    assert messy.read_bytes() == b"new"
    assert sorted(p.name for p in messy.parent.iterdir()) == ["metrics.yaml"]


def test_a_file_changed_since_it_was_opened_is_noticed(messy):
    form = opened(messy)
    assert w.still_unchanged(form) is None
    messy.write_bytes(messy.read_bytes() + b"\r\n")
    assert w.still_unchanged(form).code == "file_changed"


RANKED = """meta:
  title: T
  region: Long An
  program: P
  reporting_period: 2016-2025
sources:
  - id: a
    title: A
    publisher: A
    kind: web
  - id: b
    title: B
    publisher: B
    kind: web
indicators:
  - id: hang
    name: Hạng
    name_en: Rank
    pillar: chinh-quyen-so
    unit: rank
    kind: rank
    observations:
      - period: 2020
        value: 27
        source: a
        out_of: 63
        also:
          - source: b
            note: "cũng nêu"
      - period: 2021
        value: 21
        source: a
"""


def test_keys_the_form_does_not_manage_stay_and_a_removal_takes_the_nested_list_with_it(tmp_path):
    path = tmp_path / "metrics.yaml"
    path.write_text(RANKED, encoding="utf-8")
    edited = w.plan(opened(path), [w.EditFigure("hang", 0, w.Figure("2020", "a", value=26, out_of=63))])
    assert edited.problems == []
    assert edited.text == RANKED.replace("value: 27", "value: 26")
    assert w.figure_of(load_text(edited.text, path).metrics.indicators[0].observations[0]).out_of == 63
    removed = w.plan(opened(path), [w.RemoveFigure("hang", 0)])
    assert removed.text == RANKED.replace(
        "      - period: 2020\n        value: 27\n        source: a\n        out_of: 63\n        also:\n"
        '          - source: b\n            note: "cũng nêu"\n',
        "",
    )
    added = w.plan(opened(path), [w.AddFigure("hang", w.Figure("2022", "a", value=11, out_of=63))])
    assert added.text == RANKED + "      - period: 2022\n        value: 11\n        source: a\n        out_of: 63\n"
