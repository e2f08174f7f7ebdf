"""Every problem the loader, a write or an import can report has a message in both languages, filled with the
parameters it really gets."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import openpyxl
import pytest

from dxkpi.editing import atomic
from dxkpi.editing import spreadsheet_import as x
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.editing.template import template
from dxkpi.reading.loader import MAX_BYTES, load, load_text
from dxkpi.reading.problems import MESSAGES, WARNINGS, Problem
from dxkpi.reading.regions import load_regions

HERE = Path(__file__).parent
MINIMAL = (HERE / "good" / "minimal.yaml").read_text(encoding="utf-8")
FLOW_OBSERVATIONS = MINIMAL.replace(
    "    observations:\n      - period: 2020\n        value: 11500\n        qualifier: gan\n        source: bao\n",
    "    observations: [{period: 2020, value: 11500, qualifier: gan, source: bao}]\n",
)


def problems_of_every_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Problem]:
    """Problems from real loads: every example file, and the file-level ones made on the spot."""
    found = [
        p for folder in ("broken", "warnings") for f in sorted((HERE / folder).glob("*.yaml")) for p in load(f).problems
    ]
    # Problems between region files: each folder under broken/regions is a metrics.yaml with data/regions beside it.
    found += [
        p for case in sorted((HERE / "broken" / "regions").iterdir()) for p in load_regions(case / "metrics.yaml").links
    ]
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    found += load(big).problems  # too_large
    found += load(tmp_path / "missing.yaml").problems  # file_missing
    found += load(tmp_path).problems  # a folder: cannot_read
    including = tmp_path / "including.yaml"
    text = (HERE / "good" / "minimal.yaml").read_text(encoding="utf-8")
    including.write_text(text + "include:\n  - data/none.yaml\n", encoding="utf-8")
    found += load(including).problems  # include_missing

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # root reads any file, so the refusal is simulated
    found += load(HERE / "good" / "minimal.yaml").problems  # no_permission
    return found


def with_a_task(folder: Path) -> Path:
    """A valid file with a plan of its own: task nv-01, reported 'khong-thuc-hien' (with its reason) on 30/6/2026."""
    tasks = folder / "tasks.yaml"
    text = (HERE / "broken" / "task-without-reason.yaml").read_text(encoding="utf-8")
    reason = "            status: khong-thuc-hien\n            reason: r\n"
    tasks.write_text(text.replace("            status: khong-thuc-hien\n", reason), encoding="utf-8")
    return tasks


def problems_of_writes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Problem]:
    """Problems from real writes, undos and restores of a copy of the minimal file, as the update page makes them."""
    folder.mkdir()
    path = folder / "metrics.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    history = History(path)
    found = history.undo()  # nothing_to_undo
    found += history.restore("0" * 64)  # unknown_version
    found += w.plan(w.open_file(path), [w.RemoveFigure("doanh-thu", 5)]).problems  # no_such_figure
    tasks = with_a_task(folder)
    report = w.ReportFields("1/7/2026", "hoan-thanh")
    found += w.plan(w.open_file(tasks), [w.AddReport("kh-2026", "nv-99", report)]).problems  # no_such_task
    plan = w.plan(w.open_file(path), [w.AddFigure("doanh-thu", w.Figure("2021", "bao", value=12000))])
    with monkeypatch.context() as m:

        def full_disk(target: Path, data: bytes) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        m.setattr(atomic, "atomic_write", full_disk)
        found += history.save(plan)  # cannot_write
    assert history.save(plan) == []
    path.write_bytes(path.read_bytes() + b"\n")  # a hand edit after the app's change
    found += history.undo()  # undo_after_direct_edit
    found += history.save(plan)  # file_changed: the plan's form was read before both
    flow = folder / "flow.yaml"
    flow.write_text(FLOW_OBSERVATIONS, encoding="utf-8")
    opened = w.open_file(flow)
    assert isinstance(opened, w.Opened)
    found += w.plan(opened, [w.AddFigure("doanh-thu", w.Figure("2021", "bao", value=1))]).problems  # layout_unsupported
    found += w.open_file(folder / "missing.yaml")  # the writer's file_missing
    found += w.open_file(folder)  # the writer's cannot_read
    return [p for p in found if isinstance(p, Problem)]


def problems_of_imports(folder: Path) -> list[Problem]:
    """Problems from real reads of filled-in templates, as the import command makes them (sheet, row and column
    aside: the message is the Problem's)."""
    folder.mkdir()
    path = folder / "metrics.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    metrics = load(path).metrics
    other = load_text(MINIMAL.replace("region: Long An", "region: Tây Ninh"), path).metrics
    assert metrics is not None and other is not None

    def filled(name: str, cells: dict[str, object], made_for=metrics) -> Path:
        book = template(made_for)
        for ref, value in cells.items():
            book["Số liệu"][ref] = value
        book.save(folder / name)
        return folder / name

    not_xlsx = folder / "not.xlsx"
    not_xlsx.write_text("not a zip", encoding="utf-8")
    renamed_sheet = filled("renamed-sheet.xlsx", {})
    book = openpyxl.load_workbook(renamed_sheet)
    book["Số liệu"].title = "Trang 1"
    book.save(renamed_sheet)
    workbooks = [
        not_xlsx,  # not_xlsx
        filled("other.xlsx", {}, other),  # template_other_region
        renamed_sheet,  # no_sheet
        filled("renamed-column.xlsx", {"I1": "Giá trị"}),  # no_column
        filled("missing-cell.xlsx", {"I3": 70, "L3": "bao"}),  # missing_cell
        filled("exists.xlsx", {"H3": "2021", "I3": 70, "L3": "bao"}),  # figure_exists
    ]
    found: list[Problem] = []
    for xlsx in workbooks:
        reading = x.read(xlsx, metrics)
        opened = w.open_file(path)
        assert isinstance(opened, w.Opened)
        cells = reading.problems or x.plan_import(opened, reading)[1]
        found += [p if isinstance(p, Problem) else Problem(p.file, p.row, 1, "", p.code, p.params) for p in cells]
    # The tasks sheet of a file with a plan of its own (with_a_task).
    tasks = with_a_task(folder)
    with_tasks = load(tasks).metrics
    assert with_tasks is not None
    for name, cells in [
        ("unknown-task.xlsx", {"A2": "nv-9", "G2": "1/7/2026", "H2": "Hoàn thành"}),  # unknown_task
        ("no-reason.xlsx", {"G2": "1/7/2026", "H2": "Không thực hiện"}),  # report_needs_reason
        ("reported.xlsx", {"G2": "30/6/2026", "H2": "Không thực hiện", "I2": "r"}),  # report_exists
    ]:
        book = template(with_tasks)
        for ref, value in cells.items():
            book["Nhiệm vụ"][ref] = value
        book.save(folder / name)
        found += [Problem(p.file, p.row, 1, "", p.code, p.params) for p in x.read(folder / name, with_tasks).problems]
    return found


@pytest.fixture
def every_problem(tmp_path, monkeypatch) -> list[Problem]:
    writes = problems_of_writes(tmp_path / "writes", monkeypatch) + problems_of_imports(tmp_path / "imports")
    return writes + problems_of_every_kind(tmp_path, monkeypatch)


def test_every_problem_code_is_produced_by_some_example(every_problem):
    assert sorted(set(MESSAGES) - {p.code for p in every_problem}) == []


def test_the_writes_and_imports_give_the_problems_they_are_meant_to(tmp_path, monkeypatch):
    writes = [p.code for p in problems_of_writes(tmp_path / "writes", monkeypatch)]
    imports = [p.code for p in problems_of_imports(tmp_path / "imports")]
    assert (writes, imports) == (
        [
            "nothing_to_undo",
            "unknown_version",
            "no_such_figure",
            "no_such_task",
            "cannot_write",
            "undo_after_direct_edit",
            "file_changed",
            "layout_unsupported",
            "file_missing",
            "cannot_read",
        ],
        [
            "not_xlsx",
            "template_other_region",
            "no_sheet",
            "no_column",
            "missing_cell",
            "figure_exists",
            "unknown_task",
            "report_needs_reason",
            "report_exists",
        ],
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_renders_in_both_languages_with_no_placeholder_left(every_problem, lang):
    rendered = {p.code: p.render(lang) for p in every_problem}
    assert [(code, line) for code, line in rendered.items() if re.search(r"[{}]", line) or not line] == []


def test_the_two_languages_say_different_words(every_problem):
    assert [p.code for p in every_problem if p.message("vi") == p.message("en")] == []


def test_warnings_are_marked_as_such_in_both_languages(every_problem):
    marked = {(p.severity, ": cảnh báo: " in p.render("vi"), ": warning: " in p.render("en")) for p in every_problem}
    assert marked == {("error", False, False), ("warning", True, True)}
    assert {p.code for p in every_problem if p.severity == "warning"} == WARNINGS


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            "731 trên 1.777 là 41,14%, lệch với value: 41,11. Nếu nguồn ghi đúng như vậy thì giữ nguyên (số gộp tính "
            "từ tử số và mẫu số); nếu gõ nhầm thì sửa",
        ),
        (
            "en",
            "731 of 1,777 is 41.14%, not value: 41.11. If the source says so, leave it (a combined figure uses the "
            "numerator and denominator); if it is a typo, fix it",
        ),
    ],
)
def test_numbers_in_a_message_are_written_in_the_readers_language(lang, expected):
    (problem,) = load(HERE / "warnings" / "share-mismatch.yaml").problems
    assert problem.message(lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            "tử số 1.777 và mẫu số 731 không tạo thành một tỷ lệ: mẫu số phải lớn hơn 0 và tử số từ 0 đến mẫu số",
        ),
        (
            "en",
            "numerator 1,777 and denominator 731 do not make a share: the denominator must be above 0 and the "
            "numerator between 0 and the denominator",
        ),
    ],
)
def test_a_share_out_of_range_writes_its_parts_in_the_readers_language(lang, expected):
    (problem,) = load(HERE / "broken" / "share-parts-range.yaml").problems
    assert problem.message(lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "-11.500,5 là số âm; số tiền không thể âm"),
        ("en", "-11,500.5 is negative; a sum of money cannot be negative"),
    ],
)
def test_a_negative_value_is_written_in_the_readers_language(lang, expected):
    params = {"value": -11500.5, "what_vi": "số tiền", "what_en": "sum of money"}
    assert Problem("f.yaml", 1, 1, "", "negative", params).message(lang) == expected
