"""README tells the truth: its commands, its field reference and its example messages match the code."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from dxkpi.core import model
from dxkpi.reading import reference
from dxkpi.reading.loader import load
from dxkpi.reading.problems import MESSAGES
from dxkpi.reading.schema import SECTIONS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")


def fenced_blocks(text: str) -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)


def test_readme_starts_with_the_run_and_test_commands():
    blocks = fenced_blocks(README)
    assert blocks[0].strip() == (
        "python -m pip install -r requirements.txt -c requirements.lock && python -m streamlit run dashboard.py"
    )
    assert blocks[1].strip() == (
        "python -m pip install -r requirements-dev.txt -c requirements.lock"
        " && python -m mypy && lint-imports && python -m pytest"
    )


def requirements(name: str) -> list[Requirement]:
    """The requirements a file names, following its `-r` includes."""
    found: list[Requirement] = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            found += requirements(line[3:].strip())
        elif line:
            found.append(Requirement(line))
    return found


def test_the_lock_pins_every_requirement_to_a_version_inside_its_range():
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith(" "):
            req = Requirement(line)
            pins[canonicalize_name(req.name)] = next(iter(req.specifier)).version
    outside = {
        str(req): pins.get(canonicalize_name(req.name))
        for req in requirements("requirements-dev.txt")
        if pins.get(canonicalize_name(req.name)) not in req.specifier
    }
    assert outside == {}


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert fenced_blocks(README)[1].strip() in ci


def test_readme_is_read_in_two_minutes():
    assert len(README.splitlines()) < 150


@pytest.mark.parametrize("name", sorted(reference.REFERENCES))
def test_each_committed_reference_is_what_the_generator_writes_now(name):
    assert (ROOT / "docs" / "reference" / name).read_text(encoding="utf-8") == reference.REFERENCES[name]()


def test_the_file_reference_has_a_table_for_every_part_of_the_model_and_every_key():
    text = (ROOT / "docs" / "reference" / "file.md").read_text(encoding="utf-8")
    parts = {cls for _, cls in SECTIONS}
    dataclasses_of_the_model = {
        obj for obj in vars(model).values() if dataclasses.is_dataclass(obj) and obj is not model.Period
    }
    assert dataclasses_of_the_model - parts == set()  # Definition's table was promised and missing before
    missing = [
        f"{cls.__name__}.{f.name}"
        for cls in parts
        for f in dataclasses.fields(cls)
        if not f.metadata.get("internal") and f"| `{f.name}` |" not in text
    ]
    assert missing == []


def test_the_problem_reference_lists_every_code_with_both_wordings():
    text = (ROOT / "docs" / "reference" / "problems.md").read_text(encoding="utf-8")
    missing = [code for code, (vi, en) in MESSAGES.items() if f"| `{code}` |" not in text or vi[:20] not in text]
    assert missing == []


def test_every_readme_link_points_at_a_file_that_exists():
    links = re.findall(r"\]\(((?:docs/)[^)#]+)\)", README)
    assert links and [link for link in links if not (ROOT / link).is_file()] == []


EXAMPLES = [line for block in fenced_blocks(GUIDE) for line in block.splitlines() if line.startswith("tests/broken/")]


def test_the_guide_shows_example_messages():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("line", EXAMPLES, ids=[line.split(":")[0] for line in EXAMPLES])
def test_each_example_message_is_what_validate_prints(line):
    path = line.split(":")[0]
    lang = "vi" if line in GUIDE.split("In English")[0] else "en"
    rendered = [p.render(lang) for p in load(ROOT / path, filename=path).problems]
    assert line in rendered


def test_the_summary_line_quoted_in_the_guide_is_what_validate_prints_for_metrics_yaml():
    result = subprocess.run(
        [sys.executable, "-m", "dxkpi", "validate", "metrics.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert f"It prints `{result.stdout.strip().splitlines()[-1]}`" in GUIDE  # the last line, after any warnings
