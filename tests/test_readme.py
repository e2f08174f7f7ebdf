"""README tells the truth: its commands, its field reference and its example messages match the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from dxkpi.reading.loader import load
from dxkpi.reading.schema import field_reference_markdown

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_the_field_reference_is_the_one_the_model_generates():
    assert field_reference_markdown() in README


EXAMPLES = [line for block in fenced_blocks(README) for line in block.splitlines() if line.startswith("tests/broken/")]


def test_readme_shows_example_messages():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("line", EXAMPLES, ids=[line.split(":")[0] for line in EXAMPLES])
def test_each_example_message_is_what_validate_prints(line):
    path = line.split(":")[0]
    lang = "vi" if line in README.split("In English")[0] else "en"
    rendered = [p.render(lang) for p in load(ROOT / path, filename=path).problems]
    assert line in rendered


def test_the_summary_line_quoted_in_readme_is_what_validate_prints_for_metrics_yaml():
    result = subprocess.run(
        [sys.executable, "-m", "dxkpi", "validate", "metrics.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert f"It prints `{result.stdout.strip().splitlines()[-1]}`" in README  # the last line, after any warnings
