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
# The user guide, one file per language: guide-vi.md in Vietnamese, guide-en.md in English.
GUIDES = {lang: (ROOT / "docs" / f"guide-{lang}.md").read_text(encoding="utf-8") for lang in ("vi", "en")}


def fenced_blocks(text: str) -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)


def test_readme_starts_with_the_run_and_test_commands():
    blocks = fenced_blocks(README)
    assert blocks[0].strip() == (
        "python -m pip install -r requirements.txt -c requirements.lock && python -m dxkpi serve"
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


def examples(lang: str) -> list[str]:
    """The messages a guide quotes, one a line in its fenced blocks."""
    return [line for block in fenced_blocks(GUIDES[lang]) for line in block.splitlines() if line.startswith("tests/")]


EXAMPLES = [(lang, line) for lang in GUIDES for line in examples(lang)]


def test_each_guide_quotes_the_same_broken_files_each_in_its_own_language():
    files = {lang: [line.split(":")[0] for line in examples(lang)] for lang in GUIDES}
    assert len(files["vi"]) >= 10 and files["vi"] == files["en"]


@pytest.mark.parametrize(("lang", "line"), EXAMPLES, ids=[f"{lang}-{line.split(':')[0]}" for lang, line in EXAMPLES])
def test_each_example_message_is_what_validate_prints_in_the_guides_language(lang, line):
    path = line.split(":")[0]
    rendered = [p.render(lang) for p in load(ROOT / path, filename=path).problems]
    assert line in rendered


@pytest.mark.parametrize("lang", GUIDES)
def test_the_summary_line_quoted_in_each_guide_is_what_validate_prints_for_metrics_yaml(lang):
    result = subprocess.run(
        [sys.executable, "-m", "dxkpi", "validate", "metrics.yaml", "--lang", lang],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    said = {"vi": "Lệnh in", "en": "It prints"}[lang]
    assert f"{said} `{result.stdout.strip().splitlines()[-1]}`" in GUIDES[lang]  # the last line, after any warnings


def relative_links(text: str) -> list[str]:
    """The targets of a Markdown text's links to files of this repository (not web addresses), without anchors."""
    return [link.split("#")[0] for link in re.findall(r"\]\(([^)]+)\)", text) if "://" not in link]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_every_link_in_the_docs_points_at_a_file_that_exists(name):
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert [link for link in relative_links(text) if not (ROOT / "docs" / link).resolve().is_file()] == []


def test_the_two_guides_have_the_same_sections_in_the_same_order():
    levels = {
        lang: [line.split(" ")[0] for line in text.splitlines() if line.startswith("#")]
        for lang, text in GUIDES.items()
    }
    assert levels["vi"] == levels["en"]


def test_every_guide_section_a_message_names_is_in_that_guide():
    """The app's messages send a reader to 'docs/guide-vi.md, “Sửa tệp metrics.yaml”': that file, that heading."""
    named = [
        found
        for path in sorted((ROOT / "dxkpi").rglob("*.py"))
        for found in re.findall(r"docs/(guide-(?:vi|en)\.md), “([^”]+)”", path.read_text(encoding="utf-8"))
    ]
    headings = {
        f"guide-{lang}.md": [line.lstrip("# ") for line in text.splitlines() if line.startswith("#")]
        for lang, text in GUIDES.items()
    }
    missing = [(file, section) for file, section in named if not any(h.startswith(section) for h in headings[file])]
    assert len(named) == 4 and missing == []


def test_nothing_names_the_old_bilingual_guide():
    files = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), *(ROOT / "dxkpi").rglob("*.py")]
    assert [str(f.relative_to(ROOT)) for f in files if "docs/guide.md" in f.read_text(encoding="utf-8")] == []
