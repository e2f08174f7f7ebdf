"""The spreadsheet round trip: the template read back by an independent reader, imports, and broken sheets."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dxkpi.editing import spreadsheet_import as x
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.editing.sheet_layout import FIGURES
from dxkpi.editing.template import template as make_template
from dxkpi.reading.loader import load

ROOT = Path(__file__).parent.parent


@pytest.fixture
def metrics(tmp_path) -> Path:
    """A small valid file: doanh-thu (ty-dong, 2020), dvctt (percent, 2021), lgps (milestone); source bao."""
    path = tmp_path / "metrics.yaml"
    shutil.copy(ROOT / "tests/good/minimal.yaml", path)
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dxkpi", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def template(metrics: Path, lang: str = "vi", cli: bool = True) -> Path:
    """The template of a metrics file, made by `python -m dxkpi template` (or in this process, faster)."""
    out = metrics.parent / "figures.xlsx"
    if not cli:
        make_template(load(metrics).metrics, lang).save(out)
        return out
    result = run("template", "-o", str(out), "--metrics", str(metrics), "--lang", lang, cwd=metrics.parent)
    assert (result.returncode, result.stdout) == (0, f"{out}\n"), result.stderr
    return out


def fill(path: Path, cells: dict[str, object], sheet: str = "Số liệu") -> Path:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    return path


def test_the_template_has_a_row_per_indicator_with_its_latest_figure_and_empty_cells_to_fill(metrics):
    sheets = pd.read_excel(template(metrics), sheet_name=None, dtype=str)
    assert list(sheets) == ["Số liệu", "Nguồn"]
    figures = sheets["Số liệu"]
    assert list(figures.columns) == [column.vi for column in FIGURES.columns.values()]
    rows = figures.fillna("").to_dict("records")
    assert [
        (r["Mã chỉ tiêu"], r["Số liệu mới nhất"], r["Kỳ của số liệu mới nhất"], r["Nguồn của số liệu mới nhất"])
        for r in rows
    ] == [
        ("doanh-thu", "gần 11.500 tỷ đồng", "2020", "bao"),
        ("dvctt", "60%", "2021", "bao"),
        ("lgps", "✔ Đã hoàn thành", "2020", "bao"),
    ]
    assert {r[h] for r in rows for h in ("Kỳ mới", "Giá trị mới", "Nguồn mới", "Từ định tính")} == {""}
    assert sheets["Nguồn"].fillna("").to_dict("records") == [
        {
            "Mã nguồn": "bao",
            "Tên văn bản, bài báo": "Kết quả nổi bật trong thực hiện chuyển đổi số ở Long An",
            "Nơi phát hành": "ĐCSVN",
            "Loại nguồn": "news",
            "Ngày (dd/mm/yyyy)": "19/10/2021",
            "Địa chỉ web": "",
        }
    ]


def test_the_template_offers_drop_down_lists_for_the_fixed_choices(metrics):
    book = openpyxl.load_workbook(template(metrics, "en"))
    lists = {
        str(rule.sqref): rule.formula1
        for ws in book.worksheets
        for rule in ws.data_validations.dataValidation
        if rule.type == "list"
    }
    assert lists == {
        "J2:J4": '"done,pilot,in_progress,planned"',
        "K2:K4": '"khoang,gan,hon,uoc"',
        "L2:L4": "'Sources'!$A$2:$A$202",
        "D2:D202": '"news,decision,report,web"',
    }
    assert book.sheetnames == ["Figures", "Sources"]


def test_an_import_adds_the_figures_through_the_safe_write_and_logs_one_change(metrics):
    before = metrics.read_bytes()
    xlsx = fill(template(metrics), {"H2": "2021", "I2": "12.500", "K2": "uoc", "L2": "bao", "H3": 2022, "I3": "88,9%",
                                   "L3": "bao", "H4": "12/2023", "J4": "pilot", "L4": "bao"})  # fmt: skip
    dry = run("import", str(xlsx), "--dry-run", "--metrics", str(metrics), cwd=metrics.parent)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert dry.stdout.splitlines()[-1] == "Chạy thử: sẽ thêm 3 số liệu, 0 nguồn; chưa ghi gì"
    assert metrics.read_bytes() == before
    result = run("import", str(xlsx), "--metrics", str(metrics), "--lang", "en", cwd=metrics.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "Added 3 figure(s), 0 source(s) to metrics.yaml"
    assert result.stdout.splitlines()[:-1] == [
        "metrics.yaml:32: +       - period: 2021",
        "metrics.yaml:33: +         value: 12500",
        "metrics.yaml:34: +         qualifier: uoc",
        "metrics.yaml:35: +         source: bao",
        "metrics.yaml:46: +       - period: 2022",
        "metrics.yaml:47: +         value: 88.9",
        "metrics.yaml:48: +         source: bao",
        "metrics.yaml:65: +       - period: 12/2023",
        "metrics.yaml:66: +         status: pilot",
        "metrics.yaml:67: +         source: bao",
    ]
    model = {i.id: i for i in load(metrics).metrics.indicators}
    figures = {k: [(o.period.text, o.value, o.status and o.status.value) for o in i.observations]
               for k, i in model.items()}  # fmt: skip
    assert figures == {
        "doanh-thu": [("2020", 11500, None), ("2021", 12500, None)],
        "dvctt": [("2021", 60, None), ("2022", 88.9, None)],
        "lgps": [("2020", None, "done"), ("12/2023", None, "pilot")],
    }
    (entry,) = History(metrics).entries()
    assert (entry.kind, len(entry.changes)) == ("import", 3)
    assert History(metrics).undo() == [] and metrics.read_bytes() == before


def test_an_import_adds_a_new_source_typed_in_the_sources_sheet(metrics):
    xlsx = fill(template(metrics), {"H3": "2022", "I3": 70, "L3": "bao-moi"})
    fill(xlsx, {"A3": "bao-moi", "B3": "Bài mới", "C3": "Báo Long An", "D3": "news", "E3": "1/2/2024"}, "Nguồn")
    result = run("import", str(xlsx), "--metrics", str(metrics), cwd=metrics.parent)
    assert result.returncode == 0, result.stdout
    source = load(metrics).metrics.source_by_id()["bao-moi"]
    assert (source.title, source.publisher, str(source.date)) == ("Bài mới", "Báo Long An", "2024-02-01")


def test_an_import_with_a_problem_prints_it_writes_nothing_and_exits_1(metrics):
    before = metrics.read_bytes()
    xlsx = fill(template(metrics), {"H3": "2022", "I3": "1,500", "L3": "bao", "H2": "2021", "I2": 1, "L2": "bao"})
    result = run("import", str(xlsx), "--metrics", str(metrics), "--lang", "en", cwd=metrics.parent)
    assert result.returncode == 1
    assert result.stdout == (
        "figures.xlsx: sheet 'Số liệu', row 3, column I (Giá trị mới): '1,500' is ambiguous: for a decimal write "
        "1.500, for thousands write 1500\n"
    )
    assert metrics.read_bytes() == before
    assert not History(metrics).folder.exists()


Cells = dict[str, object]
S, N = "Số liệu", "Nguồn"


def _rename(sheet: str, cell: str, text: str) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet][cell] = text

    return change


def _rename_sheet(book: openpyxl.Workbook) -> None:
    book["Số liệu"].title = "Trang 1"


ROW3 = {"H3": "2022", "I3": 70, "L3": "bao"}
BROKEN: list[tuple[str, Cells, Cells, object, tuple[str, int, str, str]]] = [
    ("ambiguous comma", {**ROW3, "I3": "1,500"}, {}, None, (S, 3, "I", "ambiguous_comma")),
    ("number with a unit", {"H2": "2021", "I2": "193 tỷ", "L2": "bao"}, {}, None, (S, 2, "I", "number_with_unit")),
    ("words for a number", {"H2": "2021", "I2": "nhiều", "L2": "bao"}, {}, None, (S, 2, "I", "number_words")),
    ("a yes/no cell as value", {"H2": "2021", "I2": True, "L2": "bao"}, {}, None, (S, 2, "I", "number_words")),
    ("percent over 100", {**ROW3, "I3": 120}, {}, None, (S, 3, "I", "percent_range")),
    ("negative money", {"H2": "2021", "I2": -5, "L2": "bao"}, {}, None, (S, 2, "I", "negative")),
    ("period backwards", {**ROW3, "H3": "2024-2020"}, {}, None, (S, 3, "H", "period_backwards")),
    ("not a period", {**ROW3, "H3": "năm ngoái"}, {}, None, (S, 3, "H", "bad_period")),
    ("period missing", {"I3": 70, "L3": "bao"}, {}, None, (S, 3, "H", "missing_cell")),
    ("value missing", {"H3": "2022", "L3": "bao"}, {}, None, (S, 3, "I", "missing_cell")),
    ("unknown source", {**ROW3, "L3": "baoo"}, {}, None, (S, 3, "L", "unknown_source")),
    ("source missing", {"H3": "2022", "I3": 70}, {}, None, (S, 3, "L", "missing_cell")),
    ("unknown indicator", {**ROW3, "A3": "dvct"}, {}, None, (S, 3, "A", "unknown_indicator")),
    ("indicator id cleared", {**ROW3, "A3": None}, {}, None, (S, 3, "A", "missing_cell")),
    ("bad qualifier", {**ROW3, "K3": "khoang, hon nua"}, {}, None, (S, 3, "K", "bad_choice")),
    ("bad milestone status", {"H4": "2024", "J4": "don", "L4": "bao"}, {}, None, (S, 4, "J", "bad_choice")),
    ("value on a milestone", {"H4": "2024", "I4": 1, "L4": "bao"}, {}, None, (S, 4, "I", "milestone_needs_status")),
    ("status on a figure", {**ROW3, "J3": "done"}, {}, None, (S, 3, "J", "figure_needs_value")),
    ("period already in the file", {**ROW3, "H3": "2021"}, {}, None, (S, 3, "H", "figure_exists")),
    ("the same period twice", {**ROW3, "A5": "dvctt", "H5": "2022", "I5": 71, "L5": "bao"}, {}, None,
     (S, 5, "H", "figure_exists")),
    ("new source without a title", ROW3, {"A3": "moi", "C3": "Báo", "D3": "news"}, None, (N, 3, "B", "missing_cell")),
    ("new source of an unknown kind", ROW3, {"A3": "moi", "B3": "T", "C3": "Báo", "D3": "bao chi"}, None,
     (N, 3, "D", "bad_choice")),
    ("new source with a bad date", ROW3, {"A3": "moi", "B3": "T", "C3": "Báo", "D3": "news", "E3": "32/13/2024"}, None,
     (N, 3, "E", "bad_date")),
    ("new source id twice", ROW3, {"A3": "moi", "B3": "T", "C3": "B", "D3": "web", "A4": "moi", "B4": "U", "C4": "B",
                                   "D4": "web"}, None, (N, 4, "A", "duplicate_id")),
    ("value column renamed", ROW3, {}, _rename(S, "I1", "Giá trị"), (S, 1, "", "no_column")),
    ("figures sheet renamed", ROW3, {}, _rename_sheet, ("Số liệu / Figures", 0, "", "no_sheet")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cells", "sources", "change", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_a_broken_spreadsheet_names_the_exact_sheet_row_and_column(metrics, cells, sources, change, expected):
    xlsx = fill(fill(template(metrics, cli=False), cells), sources, "Nguồn")
    if change is not None:
        book = openpyxl.load_workbook(xlsx)
        change(book)
        book.save(xlsx)
    model = load(metrics).metrics
    reading = x.read(xlsx, model)
    problems = reading.problems or x.plan_import(w.open_file(metrics), reading)[1]
    assert [(p.sheet, p.row, p.column, p.code) for p in problems] == [expected]
    assert problems[0].render("vi").startswith(f"figures.xlsx: trang '{expected[0]}'")


def test_a_broken_cell_is_explained_exactly_as_the_validator_explains_it_in_both_languages(metrics):
    xlsx = fill(template(metrics, cli=False), {**ROW3, "I3": 120})
    reading = x.read(xlsx, load(metrics).metrics)
    (problem,) = x.plan_import(w.open_file(metrics), reading)[1]
    assert problem.render("vi") == (
        "figures.xlsx: trang 'Số liệu', dòng 3, cột I (Giá trị mới): tỷ lệ phần trăm 120 nằm ngoài 0-100"
    )
    assert problem.render("en") == (
        "figures.xlsx: sheet 'Số liệu', row 3, column I (Giá trị mới): percentage 120 is outside 0-100"
    )


def test_a_file_that_is_not_a_spreadsheet_is_a_problem_not_a_traceback(metrics):
    bad = metrics.parent / "figures.xlsx"
    bad.write_text("not a zip", encoding="utf-8")
    result = run("import", str(bad), "--metrics", str(metrics), cwd=metrics.parent)
    assert result.returncode == 1
    assert result.stdout.startswith("figures.xlsx: không mở được tệp Excel")
    assert "Traceback" not in result.stderr


def test_a_template_made_for_another_province_is_refused_and_nothing_is_written(metrics):
    other = metrics.parent / "other.yaml"
    other.write_text(metrics.read_text(encoding="utf-8").replace("region: Long An", "region: Tây Ninh"), "utf-8")
    xlsx = fill(template(other), {"H2": "2021", "I2": "12500", "L2": "bao"})
    before = metrics.read_bytes()
    result = run("import", str(xlsx), "--metrics", str(metrics), "--lang", "en", cwd=metrics.parent)
    assert (result.returncode, metrics.read_bytes() == before) == (1, True)
    assert result.stdout.splitlines()[0] == (
        "figures.xlsx: this template was made for Tây Ninh, not Long An; download Long An's template "
        "(choose the region in the sidebar, or template --region) and fill it in, so no figure lands in the wrong "
        "province"
    )


def _typed(path: Path, ref: str, value: object, number_format: str) -> None:
    """A cell as a department's Excel leaves it: a real date or number under a display format."""
    book = openpyxl.load_workbook(path)
    cell = book["Số liệu"][ref]
    cell.value, cell.number_format = value, number_format
    book.save(path)


@pytest.mark.parametrize(
    ("period", "period_format", "value", "value_format", "expected"),
    [
        (dt.datetime(2025, 12, 1), "mm/yyyy", 0.95, "0%", ("12/2025", 95)),  # shown as 12/2025 and 95%
        (dt.datetime(2025, 12, 31), "dd/mm/yyyy", 0.95, "0.0%", ("31/12/2025", 95)),  # a full day
        (2025, "General", 88.9, "General", ("2025", 88.9)),  # typed as the number itself
    ],
)
def test_a_date_cell_and_a_percent_cell_import_as_the_reader_sees_them(
    metrics, period, period_format, value, value_format, expected
):
    xlsx = template(metrics, cli=False)
    _typed(xlsx, "H3", period, period_format)
    _typed(xlsx, "I3", value, value_format)
    fill(xlsx, {"L3": "bao"})
    result = x.import_file(xlsx, metrics)
    assert result.problems == []
    dvctt = next(i for i in load(metrics).metrics.indicators if i.id == "dvctt")
    assert [(o.period.text, o.value) for o in dvctt.observations] == [("2021", 60), expected]


def test_a_percent_cell_over_100_percent_is_read_as_shown_and_refused_for_a_share_naming_the_cell(metrics):
    xlsx = template(metrics, cli=False)
    _typed(xlsx, "H3", 2025, "General")
    _typed(xlsx, "I3", 1.25, "0%")  # Excel shows 125%
    fill(xlsx, {"L3": "bao"})
    before = metrics.read_bytes()
    assert x.import_file(xlsx, metrics).problems == [
        "figures.xlsx: trang 'Số liệu', dòng 3, cột I (Giá trị mới): tỷ lệ phần trăm 125 nằm ngoài 0-100"
    ]
    assert metrics.read_bytes() == before


def test_a_figure_already_in_a_region_s_file_is_said_to_be_in_that_file_not_in_metrics_yaml(metrics):
    region = metrics.parent / "tay-ninh.yaml"
    metrics.rename(region)
    xlsx = fill(template(region, cli=False), {"H3": "2021", "I3": "61", "L3": "bao"})  # dvctt has 2021 already
    assert x.import_file(xlsx, region, lang="en").problems == [
        "figures.xlsx: sheet 'Số liệu', row 3, column H (Kỳ mới): the indicator already has a figure for 2021 in "
        "tay-ninh.yaml; to change it use the Update figures page, or clear this row"
    ]
