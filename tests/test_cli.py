"""`python -m dxkpi` as a user runs it: exit codes, one problem a line, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dxkpi", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_validate_a_good_file_prints_a_one_line_summary_and_exits_0():
    result = run("validate", "tests/good/minimal.yaml")
    assert (result.returncode, result.stdout) == (0, "Hợp lệ: 3 chỉ tiêu, 3 số liệu, 1 nguồn\n")


def test_validate_in_english():
    result = run("validate", "tests/good/minimal.yaml", "--lang", "en")
    assert (result.returncode, result.stdout) == (0, "OK: 3 indicators, 3 figures, 1 sources\n")


def test_validate_a_broken_file_prints_every_problem_one_a_line_and_exits_1():
    result = run("validate", "tests/broken/many-mistakes.yaml", "--lang", "en")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "tests/broken/many-mistakes.yaml:29:16",
        "tests/broken/many-mistakes.yaml:35:13",
        "tests/broken/many-mistakes.yaml:41:17",
        "tests/broken/many-mistakes.yaml:50:5",
    ]
    assert lines[0] == (
        "tests/broken/many-mistakes.yaml:29:16: indicators[doanh-thu].observations[0].value: '11.500' looks like "
        "Vietnamese thousands notation (YAML reads it as 11.5); write 11500"
    )
    assert result.stderr == "4 problem(s) found\n"


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "tests" / "broken").glob("*.yaml")))
def test_no_broken_file_gives_a_traceback(name):
    result = run("validate", f"tests/broken/{name}")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"tests/broken/{name}:")


def test_validate_defaults_to_metrics_yaml_in_the_current_folder(tmp_path):
    (tmp_path / "metrics.yaml").write_bytes((ROOT / "tests" / "good" / "minimal.yaml").read_bytes())
    result = run("validate", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "Hợp lệ: 3 chỉ tiêu, 3 số liệu, 1 nguồn\n")


def test_validate_a_missing_file_exits_1_with_a_message(tmp_path):
    result = run("validate", "nope.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == f"nope.yaml:1:1: không tìm thấy tệp số liệu; cần có tệp tại {tmp_path / 'nope.yaml'}\n"


@pytest.mark.parametrize("args", [(), ("bogus",), ("validate", "--lang", "fr"), ("validate", "--format", "xml")])
def test_a_usage_error_exits_2_without_a_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_prints_the_json_schema_of_the_model():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert result.returncode == 0
    indicator = schema["$defs"]["Indicator"]
    assert indicator["properties"]["pillar"]["enum"] == ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so", "nen-tang"]
    assert indicator["required"] == ["id", "name", "name_en", "pillar", "unit", "kind"]
    assert indicator["additionalProperties"] is False


def test_validate_prints_warnings_and_still_exits_0():
    result = run("validate", "tests/warnings/unused-source.yaml", "--lang", "en")
    assert (result.returncode, result.stdout.splitlines()) == (
        0,
        [
            "tests/warnings/unused-source.yaml:13:9: warning: sources[bao-cu]: no figure or target cites source "
            "'bao-cu'; cite it from a figure, or remove it if it is not needed",
            "OK: 3 indicators, 3 figures, 2 sources",
        ],
    )


@pytest.mark.parametrize(
    ("path", "code", "valid"),
    [("tests/broken/vn-thousands.yaml", 1, False), ("tests/warnings/old-figure.yaml", 0, True)],
)
def test_validate_format_json_prints_the_problems_as_data(path, code, valid):
    result = run("validate", path, "--format", "json", "--lang", "en")
    data = json.loads(result.stdout)
    assert (result.returncode, data["valid"]) == (code, valid)
    expected = {
        "tests/broken/vn-thousands.yaml": {
            "file": path,
            "line": 29,
            "column": 16,
            "field": "indicators[doanh-thu].observations[0].value",
            "code": "vn_thousands",
            "severity": "error",
            "message": "'11.500' looks like Vietnamese thousands notation (YAML reads it as 11.5); write 11500",
            "params": {"text": "11.500", "fix": "11500", "yaml_reads_vi": "11,5", "yaml_reads_en": "11.5"},
        },
        "tests/warnings/old-figure.yaml": {
            "file": path,
            "line": 32,
            "column": 17,
            "field": "indicators[doanh-thu].observations[1].period",
            "code": "old_figure",
            "severity": "warning",
            "message": "the figure for 2008 is 12 years older than this indicator's next one (2020); check the year, "
            "or ignore this if the old figure is right",
            "params": {"period": "2008", "next_period": "2020", "years": 12},
        },
    }[path]
    assert data["problems"] == [expected]


def test_validate_format_json_of_a_valid_file_is_an_empty_list():
    result = run("validate", "tests/good/minimal.yaml", "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, {"valid": True, "problems": []})


def test_import_into_a_missing_metrics_file_names_the_file_and_exits_1_without_a_traceback(tmp_path):
    result = run("import", "figures.xlsx", "--metrics", "missing.yaml", "--lang", "en", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        f"missing.yaml:1:1: the metrics file is missing; it was expected at {tmp_path / 'missing.yaml'}\n",
        "1 problem(s); nothing was written\n",
    )


def test_serve_is_streamlits_run_of_the_dashboard_and_passes_streamlits_options_through():
    result = run("serve", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: streamlit run [OPTIONS]")
    assert "--server.port" in result.stdout


def test_the_commands_help_names_serve():
    result = run("--help")
    assert result.returncode == 0 and "python -m dxkpi serve" in result.stdout
