"""Region files: found by name, checked one by one and for the links between them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dxkpi.reading.regions import by_id, discover, load_regions

ROOT = Path(__file__).parent.parent
CASES = ROOT / "tests" / "broken" / "regions"


def test_the_shipped_regions_are_long_an_the_former_and_the_new_tay_ninh():
    result = load_regions(ROOT / "metrics.yaml")
    regions = [(r.id, r.path.relative_to(ROOT).as_posix(), r.default) for r in result.regions]
    assert regions == [
        ("long-an", "metrics.yaml", True),
        ("tay-ninh-cu", "data/regions/tay-ninh-cu.yaml", False),
        ("tay-ninh", "data/regions/tay-ninh.yaml", False),
    ]
    assert (result.ok, [p.code for p in result.links]) == (True, [])
    assert [r.errors for r in result.results.values()] == [[], [], []]


def test_the_new_tay_ninh_names_both_former_provinces_and_the_day_it_was_formed():
    meta = load_regions(ROOT / "metrics.yaml").results["tay-ninh"].metrics.meta
    assert (meta.predecessors, meta.formed.isoformat()) == (["long-an", "tay-ninh-cu"], "2025-07-01")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown-predecessor", [("data/regions/tay-ninh.yaml", 5, 17, "meta.predecessors[1]", "unknown_region")]),
        ("own-predecessor", [("data/regions/tay-ninh.yaml", 5, 17, "meta.predecessors[1]", "region_self")]),
        ("id-mismatch", [("data/regions/tay-ninh.yaml", 5, 7, "meta.id", "region_id_mismatch")]),
        ("duplicate-id", [("metrics.yaml", 4, 7, "meta.id", "region_duplicate_id")]),
    ],
)
def test_a_broken_link_between_region_files_is_a_problem_at_its_line(case, expected, monkeypatch):
    monkeypatch.chdir(CASES / case)
    links = load_regions(Path("metrics.yaml")).links
    assert [(p.file, p.line, p.col, p.field, p.code) for p in links] == expected


def test_a_predecessor_is_not_reported_unknown_while_a_file_cannot_be_read(tmp_path):
    case = tmp_path / "case"
    subprocess.run(["cp", "-r", str(CASES / "unknown-predecessor"), str(case)], check=True)
    (case / "data" / "regions" / "tay-ninh-cu.yaml").write_text("meta: [\n", encoding="utf-8")
    assert [p.code for p in load_regions(case / "metrics.yaml").links] == []


def test_an_unknown_region_id_falls_back_to_the_default_region():
    regions = discover(ROOT / "metrics.yaml", None)
    assert (by_id(regions, "tay-ninh").id, by_id(regions, "nowhere").default) == ("tay-ninh", True)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dxkpi", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_validate_with_no_file_checks_every_region_file():
    result = run("validate", "--lang", "en")
    summaries = [line for line in result.stdout.splitlines() if ": OK: " in line]
    assert result.returncode == 0
    assert [line.split(":")[0] for line in summaries] == [
        "metrics.yaml (long-an)",
        "data/regions/tay-ninh-cu.yaml (tay-ninh-cu)",
        "data/regions/tay-ninh.yaml (tay-ninh)",
    ]


def test_validate_names_the_broken_link_and_exits_1():
    result = run("validate", "--lang", "en", cwd=CASES / "unknown-predecessor")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "data/regions/tay-ninh.yaml:5:17: meta.predecessors[1]: no region with id 'tay-ninh-c' (did you mean "
        "'tay-ninh-cu'?); an id is a file name in data/regions (without .yaml), or metrics.yaml's meta.id. "
        "Known: long-an, tay-ninh-cu, tay-ninh"
    )


def test_validate_one_named_region_file_checks_its_links_too():
    result = run("validate", "data/regions/tay-ninh.yaml", "--format", "json", cwd=CASES / "own-predecessor")
    data = json.loads(result.stdout)
    assert (result.returncode, data["valid"], [p["code"] for p in data["problems"]]) == (1, False, ["region_self"])
    assert data["files"] == [{"file": "data/regions/tay-ninh.yaml", "region": "tay-ninh", "valid": True}]


def test_validate_of_files_outside_the_regions_reports_no_link_between_the_regions():
    good = str(ROOT / "tests" / "good" / "minimal.yaml")
    result = run("validate", good, good, cwd=CASES / "unknown-predecessor")  # its region files have a broken link
    assert (result.returncode, "predecessors" in result.stdout) == (0, False)
