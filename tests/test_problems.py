"""Every problem the loader can report has a message in both languages, filled with the parameters it really gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dxkpi.reading.loader import MAX_BYTES, load
from dxkpi.reading.problems import MESSAGES, WARNINGS, Problem
from dxkpi.reading.regions import load_regions

HERE = Path(__file__).parent


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


@pytest.fixture
def every_problem(tmp_path, monkeypatch) -> list[Problem]:
    return problems_of_every_kind(tmp_path, monkeypatch)


# Codes a write through the update page or a spreadsheet import gives, not a metrics file: no example file can
# produce them; tests/test_writer.py, tests/test_history.py and tests/test_spreadsheet.py exercise the writes.
WRITE_AND_IMPORT = {
    "file_changed",
    "layout_unsupported",
    "no_such_figure",
    "cannot_write",
    "nothing_to_undo",
    "undo_after_direct_edit",
    "unknown_version",
    "not_xlsx",
    "template_other_region",
    "no_sheet",
    "no_column",
    "missing_cell",
    "figure_exists",
}


def test_every_problem_code_is_produced_by_some_example(every_problem):
    assert sorted(set(MESSAGES) - WRITE_AND_IMPORT - {p.code for p in every_problem}) == []


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
