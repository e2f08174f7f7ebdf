"""The large-file generator (bench/generate_metrics.py) writes files `python -m dxkpi validate` accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("mode", [[], ["--mixed"], ["--pillar", "nen-tang"]], ids=["plain", "mixed", "one-pillar"])
def test_a_generated_file_of_420_indicators_is_valid(tmp_path, mode):
    path = tmp_path / "big.yaml"
    subprocess.run([sys.executable, "bench/generate_metrics.py", "420", "-o", str(path), *mode], cwd=ROOT, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "dxkpi", "validate", str(path)], cwd=ROOT, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout.strip()) == (0, "Hợp lệ: 420 chỉ tiêu, 4200 số liệu, 1 nguồn")
