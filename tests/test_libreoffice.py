"""The spreadsheet template through LibreOffice Calc: opened, filled in, saved by Calc, then imported.

LibreOffice is Debian's `libreoffice-calc-nogui` (.ci/run installs it), run headless with its own profile
folder; the test is skipped on a machine without it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from dxkpi.reading.loader import load
from tests.test_spreadsheet import fill, metrics, run, template  # noqa: F401  (metrics is a fixture)
from tests.test_spreadsheet_tasks import KHCN, cli_template, reports, with_tasks
from tests.test_spreadsheet_tasks import fill as fill_tasks

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def saved_by_calc(xlsx: Path, tmp_path: Path) -> Path:
    """The workbook as LibreOffice Calc opens and saves it again as .xlsx (what a user of Calc sends back)."""
    out = tmp_path / "calc"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--calc", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    saved = out / xlsx.name
    assert saved.is_file(), result.stdout + result.stderr
    return saved


def test_calc_opens_the_template_and_keeps_its_sheets_rows_and_drop_down_lists(metrics, tmp_path):  # noqa: F811
    book = openpyxl.load_workbook(saved_by_calc(template(metrics, "en"), tmp_path))
    assert book.sheetnames == ["Figures", "Sources"]
    ids = [row[0].value for row in book["Figures"].iter_rows(min_row=2)]
    assert ids == ["doanh-thu", "dvctt", "lgps"]
    lists = sorted(
        str(rule.sqref) for ws in book.worksheets for rule in ws.data_validations.dataValidation if rule.type == "list"
    )
    assert lists == ["D2:D202", "J2:J4", "K2:K4", "L2:L4"]


def test_a_template_filled_in_and_saved_by_calc_imports_its_figures(metrics, tmp_path):  # noqa: F811
    xlsx = fill(template(metrics), {"H2": "2021", "I2": "12.500", "K2": "uoc", "L2": "bao", "H3": 2022, "I3": "88,9%",
                                   "L3": "bao"})  # fmt: skip
    result = run("import", str(saved_by_calc(xlsx, tmp_path)), "--metrics", str(metrics), "--lang", "en",
                 cwd=metrics.parent)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "Added 2 figure(s), 0 source(s) to metrics.yaml"
    model = {i.id: [(o.period.text, o.value) for o in i.observations] for i in load(metrics).metrics.indicators}
    assert (model["doanh-thu"], model["dvctt"]) == ([("2020", 11500), ("2021", 12500)], [("2021", 60), ("2022", 88.9)])


def test_a_tasks_sheet_filled_in_and_saved_by_calc_keeps_its_drop_down_and_imports_its_reports(tmp_path):
    region = with_tasks(tmp_path)  # Tây Ninh's file with three tasks, two of them led by KHCN
    xlsx = fill_tasks(cli_template(region, "khcn.xlsx", "--agency", KHCN), {"G3": "30/11/2026", "H3": "Hoàn thành"})
    saved = saved_by_calc(xlsx, tmp_path)
    (rule,) = openpyxl.load_workbook(saved)["Nhiệm vụ"].data_validations.dataValidation
    assert (str(rule.sqref), rule.formula1) == ("H2:H3", '"Hoàn thành,Đang thực hiện,Chưa thực hiện,Không thực hiện"')
    result = run("import", str(saved), "--metrics", str(region), "--lang", "en", cwd=region.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert reports(region)["tn-nv-03"] == [(dt.date(2026, 11, 30), "hoan-thanh", None, None, None, None)]
