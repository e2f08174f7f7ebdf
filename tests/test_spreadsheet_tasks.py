"""The tasks sheet of the Excel template: a row per task of the file's own plans (one agency's with --agency),
the status reports a department fills in imported with the figures in one change, and bad cells refused by sheet,
row and column."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from dxkpi.editing import spreadsheet_import as x
from dxkpi.editing import writer as w
from dxkpi.editing.history import History
from dxkpi.editing.sheet_layout import TASKS
from dxkpi.editing.template import UnknownAgency, agencies, template
from dxkpi.reading.loader import load
from tests.test_spreadsheet import run

ROOT = Path(__file__).resolve().parent.parent
PLAN = "tn-ha-tang-so"
KHCN, NOI_VU = "Sở Khoa học và Công nghệ", "Sở Nội vụ"
TASKS_ADDED = [
    w.TaskFields("tn-nv-01", "Lắp trạm 5G tại các khu công nghiệp", KHCN, "Q2/2026", title_en="Put up 5G stations"),
    w.TaskFields("tn-nv-02", "Số hoá hồ sơ cán bộ", NOI_VU, "2026"),
    w.TaskFields("tn-nv-03", "Phủ sóng băng rộng 1 Gb/s", KHCN, "31/12/2026"),
]


@pytest.fixture
def region(tmp_path) -> Path:
    return with_tasks(tmp_path)


def with_tasks(tmp_path: Path) -> Path:
    """A copy of the new Tây Ninh's file (and the data/ files it includes) with three tasks in one of its plans,
    the first with a report."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / "regions" / "tay-ninh.yaml"
    report = w.AddReport(PLAN, "tn-nv-01", w.ReportFields("15/5/2026", "dang-thuc-hien"))
    for edits in ([w.AddTask(PLAN, task) for task in TASKS_ADDED], [report]):  # a report names a task in the file
        opened = w.open_file(path)
        assert isinstance(opened, w.Opened)
        planned = w.plan(opened, edits)
        assert planned.ok, [p.render("en") for p in planned.problems]
        path.write_bytes(planned.data)
    return path


def cli_template(region: Path, name: str, *args: str) -> Path:
    out = region.parent / name
    result = run("template", "-o", str(out), "--metrics", str(region), *args, cwd=region.parent)
    assert (result.returncode, result.stdout) == (0, f"{out}\n"), result.stderr
    return out


def fill(path: Path, cells: dict[str, object], sheet: str = "Nhiệm vụ") -> Path:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    return path


def made(region: Path, cells: dict[str, object], agency: str | None = None) -> Path:
    """A template made in this process (faster than the command), filled in."""
    out = region.parent / "filled.xlsx"
    template(load(region).metrics, agency=agency).save(out)
    return fill(out, cells)


def rows(path: Path, sheet: str = "Nhiệm vụ") -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def reports(region: Path) -> dict[str, list[tuple]]:
    plan = load(region).metrics.plan_by_id()[PLAN]
    return {
        task.id: [
            (
                r.date,
                r.status.value,
                r.reason,
                r.result,
                r.obstacles,
                (r.evidence.number, r.evidence.date, r.evidence.summary) if r.evidence else None,
            )
            for r in task.reports
        ]
        for task in plan.tasks
    }


EMPTY = (None,) * len(TASKS.inputs)


def test_the_template_has_a_row_per_task_of_the_file_s_own_plans_with_its_current_status(region):
    path = cli_template(region, "mau.xlsx")
    assert openpyxl.load_workbook(path).sheetnames == ["Số liệu", "Nhiệm vụ", "Nguồn"]
    assert rows(path) == [
        tuple(column.vi for column in TASKS.columns.values()),
        ("tn-nv-01", PLAN, "Lắp trạm 5G tại các khu công nghiệp", KHCN, "01/04/2026 – 30/06/2026",
         "Đang thực hiện (báo cáo 15/05/2026)", *EMPTY),
        ("tn-nv-02", PLAN, "Số hoá hồ sơ cán bộ", NOI_VU, "2026", "Chưa có báo cáo", *EMPTY),
        ("tn-nv-03", PLAN, "Phủ sóng băng rộng 1 Gb/s", KHCN, "31/12/2026", "Chưa có báo cáo", *EMPTY),
    ]  # fmt: skip


def test_the_status_column_offers_the_four_words_and_the_sheet_looks_like_the_figures_sheet(region):
    book = openpyxl.load_workbook(cli_template(region, "mau.xlsx"))
    ws = book["Nhiệm vụ"]
    assert {str(v.sqref): (v.formula1, v.showErrorMessage) for v in ws.data_validations.dataValidation} == {
        "H2:H4": ('"Hoàn thành,Đang thực hiện,Chưa thực hiện,Không thực hiện"', True)
    }
    assert ws.freeze_panes == book["Số liệu"].freeze_panes == "B2"
    shaded = [c.column_letter for c in ws[2] if c.fill.fgColor.rgb == book["Số liệu"]["H2"].fill.fgColor.rgb]
    assert shaded == list("GHIJKLMN")
    assert [ws[f"{letter}1"].font.b for letter in "AHN"] == [True, True, True]
    assert (ws["G2"].number_format, ws["M2"].number_format) == ("@", "@")


def test_in_english_the_sheet_its_headings_and_its_words_are_english(region):
    path = cli_template(region, "template.xlsx", "--lang", "en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Figures", "Tasks", "Sources"]
    (header, first, *_) = rows(path, "Tasks")
    assert header == tuple(column.en for column in TASKS.columns.values())
    assert first[2:6] == ("Put up 5G stations", KHCN, "01/04/2026 – 30/06/2026", "In progress (reported 15/05/2026)")
    (rule,) = book["Tasks"].data_validations.dataValidation
    assert rule.formula1 == '"Done,In progress,Not started,Not carried out"'


def test_a_file_with_no_task_of_its_own_has_no_tasks_sheet(tmp_path):
    shutil.copy(ROOT / "tests/good/minimal.yaml", tmp_path / "metrics.yaml")
    assert template(load(tmp_path / "metrics.yaml").metrics).sheetnames == ["Số liệu", "Nguồn"]


@pytest.mark.parametrize(
    ("agency", "tasks"),
    [(KHCN, ["tn-nv-01", "tn-nv-03"]), (NOI_VU, ["tn-nv-02"]), ("  sở nội   vụ ", ["tn-nv-02"])],
)
def test_an_agency_s_template_has_only_the_tasks_it_leads_and_every_indicator(region, agency, tasks):
    path = cli_template(region, "mau.xlsx", "--agency", agency)
    assert [row[0] for row in rows(path)[1:]] == tasks
    indicators = [ind.id for ind in load(region).metrics.indicators]
    assert [row[0] for row in rows(path, "Số liệu")[1:]] == indicators


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", f"Không có cơ quan 'Sở Y tế': các nhiệm vụ trong tay-ninh.yaml do {KHCN}; {NOI_VU} chủ trì\n"),
        ("en", f"Unknown agency 'Sở Y tế': the tasks in tay-ninh.yaml are led by {KHCN}; {NOI_VU}\n"),
    ],
)
def test_an_unknown_agency_is_a_plain_error_naming_the_agencies_of_the_file(region, lang, expected):
    out = region.parent / "mau.xlsx"
    result = run("template", "-o", str(out), "--metrics", str(region), "--agency", "Sở Y tế", "--lang", lang,
                 cwd=region.parent)  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)
    assert not out.exists()


def test_agencies_are_listed_once_each_and_an_unknown_one_raises_with_them(region):
    metrics = load(region).metrics
    assert agencies(metrics) == [KHCN, NOI_VU]
    with pytest.raises(UnknownAgency) as raised:
        template(metrics, agency="Sở Y tế")
    assert (raised.value.agency, raised.value.known) == ("Sở Y tế", [KHCN, NOI_VU])


def test_two_departments_templates_imported_one_after_the_other_both_land_as_two_changes(region):
    khcn = fill(cli_template(region, "khcn.xlsx", "--agency", KHCN), {
        "G2": dt.datetime(2026, 7, 10), "H2": "Hoàn thành", "J2": "Đã phát sóng 5G tại 12 khu công nghiệp",
        "L2": "45/BC-SKHCN", "M2": "11/07/2026", "N2": "Báo cáo kết quả phát sóng 5G",
        "G3": "30/11/2026", "H3": "Không thực hiện", "I3": "Chuyển sang kế hoạch 2027",
    })  # fmt: skip
    noi_vu = fill(cli_template(region, "noi-vu.xlsx", "--agency", NOI_VU), {
        "G2": "1/12/2026", "H2": "Đang thực hiện", "K2": "Thiếu máy quét",
    })  # fmt: skip
    first = run("import", str(khcn), "--metrics", str(region), "--lang", "en", cwd=region.parent)
    assert (first.returncode, first.stdout.splitlines()[-1]) == (
        0,
        "Added 0 figure(s), 0 source(s), 2 task report(s) to tay-ninh.yaml",
    ), first.stderr
    second = run("import", str(noi_vu), "--metrics", str(region), cwd=region.parent)
    assert (second.returncode, second.stdout.splitlines()[-1]) == (
        0,
        "Đã thêm 0 số liệu, 0 nguồn, 1 báo cáo nhiệm vụ vào tay-ninh.yaml",
    ), second.stderr
    assert reports(region) == {
        "tn-nv-01": [
            (dt.date(2026, 5, 15), "dang-thuc-hien", None, None, None, None),
            (dt.date(2026, 7, 10), "hoan-thanh", None, "Đã phát sóng 5G tại 12 khu công nghiệp", None,
             ("45/BC-SKHCN", dt.date(2026, 7, 11), "Báo cáo kết quả phát sóng 5G")),
        ],
        "tn-nv-02": [(dt.date(2026, 12, 1), "dang-thuc-hien", None, None, "Thiếu máy quét", None)],
        "tn-nv-03": [(dt.date(2026, 11, 30), "khong-thuc-hien", "Chuyển sang kế hoạch 2027", None, None, None)],
    }  # fmt: skip
    entries = History(region).entries()
    assert [(e.kind, [(c["task"], c["new"]["report"]["status"]) for c in e.changes]) for e in entries] == [
        ("import", [("tn-nv-01", "hoan-thanh"), ("tn-nv-03", "khong-thuc-hien")]),
        ("import", [("tn-nv-02", "dang-thuc-hien")]),
    ]


def test_figures_and_reports_of_one_file_are_one_change_in_the_history(region):
    metrics = load(region).metrics
    ind = next(i for i in metrics.indicators if i.kind.value != "milestone" and i.unit.value == "percent")
    row = 2 + metrics.indicators.index(ind)
    source = metrics.sources[0].id
    path = made(region, {"G3": "1/12/2026", "H3": "dang-thuc-hien"})
    fill(path, {f"H{row}": "2031", f"I{row}": 50, f"L{row}": source}, "Số liệu")
    result = x.import_file(path, region, "en")
    assert (result.problems, result.figures, result.sources, result.reports, result.written) == ([], 1, 0, 1, True)
    (entry,) = History(region).entries()
    assert [sorted(change) for change in entry.changes] == [["indicator", "new", "old"], ["new", "old", "plan", "task"]]


def test_empty_rows_and_a_template_left_as_it_is_add_nothing(region):
    path = cli_template(region, "mau.xlsx")
    before = region.read_bytes()
    result = run("import", str(path), "--metrics", str(region), "--lang", "en", cwd=region.parent)
    assert (result.returncode, result.stdout) == (0, "No new figure or report in the file\n")
    assert region.read_bytes() == before


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"G2": "1/12/2026", "H2": "Xong"}, (2, "H", "bad_choice")),
        ({"G2": "31/11/2026", "H2": "Hoàn thành"}, (2, "G", "bad_date")),
        ({"G2": "tháng 12", "H2": "Hoàn thành"}, (2, "G", "bad_date")),
        ({"G2": "1/12/2026", "H2": "Hoàn thành", "L2": "45/BC", "M2": "hôm qua"}, (2, "M", "bad_date")),
        ({"G2": "1/12/2026", "H2": "Hoàn thành", "M2": "1/12/2026"}, (2, "L", "missing_cell")),
        ({"G2": "1/12/2026", "H2": "Không thực hiện"}, (2, "I", "report_needs_reason")),
        ({"G2": "1/12/2026", "J2": "Đã xong"}, (2, "H", "missing_cell")),
        ({"H2": "Hoàn thành"}, (2, "G", "missing_cell")),
        ({"A2": "tn-nv-9", "G2": "1/12/2026", "H2": "Hoàn thành"}, (2, "A", "unknown_task")),
        ({"A2": None, "G2": "1/12/2026", "H2": "Hoàn thành"}, (2, "A", "missing_cell")),
        ({"B2": "qd-2629", "G2": "1/12/2026", "H2": "Hoàn thành"}, (2, "B", "unknown_task")),
        ({"G2": "15/5/2026", "H2": "Đang thực hiện"}, (2, "G", "report_exists")),
        (
            {"G3": "1/12/2026", "H3": "Hoàn thành", "A4": "tn-nv-02", "G4": "01/12/2026", "H4": "hoan-thanh"},
            (4, "G", "report_exists"),
        ),
    ],
)
def test_a_bad_cell_of_the_tasks_sheet_is_named_by_sheet_row_and_column(region, cells, expected):
    reading = x.read(made(region, cells), load(region).metrics, into=region.name)
    assert [(p.sheet, p.row, p.column, p.code) for p in reading.problems] == [("Nhiệm vụ", *expected)]
    assert ("Nhiệm vụ", expected[0]) not in reading.rows  # the bad row gives no report


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "mau.xlsx: trang 'Nhiệm vụ', dòng 3, cột I (Lý do (khi không thực hiện)): tình trạng 'Không thực "
               "hiện' cần lý do: điền cột Lý do (khi không thực hiện)\n"),
        ("en", "mau.xlsx: sheet 'Nhiệm vụ', row 3, column H (Tình trạng): 'Hoan thanh roi' is not a valid task "
               "status (did you mean 'Hoàn thành'?). Choose one of: Hoàn thành, Đang thực hiện, Chưa thực hiện, "
               "Không thực hiện\n"),
    ],
)  # fmt: skip
def test_the_import_command_prints_the_bad_cell_writes_nothing_and_exits_1(region, lang, expected):
    status = "Không thực hiện" if lang == "vi" else "Hoan thanh roi"
    path = fill(cli_template(region, "mau.xlsx"), {"G3": "1/12/2026", "H3": status})
    before = region.read_bytes()
    result = run("import", str(path), "--metrics", str(region), "--lang", lang, cwd=region.parent)
    assert (result.returncode, result.stdout) == (1, expected)
    assert region.read_bytes() == before


@pytest.mark.parametrize("status", ["Hoàn thành", "hoàn thành", "Done", "hoan-thanh", " HOÀN THÀNH "])
def test_the_status_is_read_in_either_language_or_as_the_file_writes_it(region, status):
    reading = x.read(made(region, {"G2": dt.date(2026, 12, 1), "H2": status}), load(region).metrics)
    assert reading.edits == [w.AddReport(PLAN, "tn-nv-01", w.ReportFields("1/12/2026", "hoan-thanh"))]


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (w.ReportFields("31/2/2026", "hoan-thanh"), (2, "G", "bad_date")),
        (w.ReportFields("1/12/2026", "khong-thuc-hien"), (2, "I", "reason_required")),
        (
            w.ReportFields("1/12/2026", "hoan-thanh", evidence_number="1", evidence_date="40/1/2026"),
            (2, "M", "bad_date"),
        ),
    ],
)
def test_a_problem_the_validator_finds_in_a_new_report_is_traced_back_to_its_cell(region, report, expected):
    """Should a report pass the sheet's own checks and still fail the validator's, it is named by its cell too."""
    reading = x.read(made(region, {"G2": "1/12/2026", "H2": "Hoàn thành"}), load(region).metrics)
    (edit,) = reading.edits
    assert isinstance(edit, w.AddReport)
    reading.edits = [w.AddReport(edit.plan, edit.task_id, report)]
    opened = w.open_file(region)
    assert isinstance(opened, w.Opened)
    _, problems = x.plan_import(opened, reading)
    (problem,) = problems
    assert isinstance(problem, x.CellProblem)
    assert (problem.sheet, problem.row, problem.column, problem.code) == ("Nhiệm vụ", *expected)
