"""The command line: `python -m dxkpi validate|schema|export|template|import` (`serve` is the ui's: __main__.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import typing
from collections.abc import Sequence
from pathlib import Path

from dxkpi.analysis.window import ReportKind
from dxkpi.core import fmt
from dxkpi.reading.loader import LoadResult, load
from dxkpi.reading.schema import schema_text

if typing.TYPE_CHECKING:  # openpyxl only when a command needs it
    from dxkpi.editing.spreadsheet_import import ImportResult
    from dxkpi.editing.template import UnknownAgency


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:  # usage errors exit 2, never a traceback
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def _day(text: str) -> dt.date:
    """A DD/MM/YYYY date for argparse; anything else is a usage error naming the expected form."""
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày không hợp lệ / not a date: {text!r} (DD/MM/YYYY, vd. / e.g. 02/12/2026)"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m dxkpi",
        description="Bảng chỉ tiêu chuyển đổi số / digital-transformation KPIs",
        epilog="python -m dxkpi serve [--server.port 8502 ...]: chạy bảng điều khiển / run the dashboard "
        "(docs/serving.md)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = sub.add_parser(
        "validate",
        help="kiểm tra metrics.yaml và các tệp địa phương / check metrics.yaml and every region file",
        description="Không nêu tệp: kiểm tra metrics.yaml, mọi tệp trong data/regions và liên kết giữa chúng "
        "/ with no file named: metrics.yaml, every file in data/regions and the links between them",
    )
    validate.add_argument("path", nargs="*", help="tệp cần kiểm tra / files to check")
    validate.add_argument("--lang", choices=["vi", "en"], default="vi")
    validate.add_argument(
        "--format", choices=["text", "json"], default="text", help="json: các lỗi dạng dữ liệu / problems as data"
    )
    sub.add_parser("schema", help="in JSON Schema / print the JSON Schema")
    export = sub.add_parser(
        "export",
        help="xuất PDF, PowerPoint, HTML, PNG, Excel, báo cáo Word / export PDF, PowerPoint, HTML, PNG, Excel, Word",
        description="Xuất bản trình chiếu để dùng ngoại tuyến / export the deck for offline use",
    )
    export.add_argument("--format", required=True, choices=["pdf", "pptx", "html", "png", "xlsx", "docx"])
    export.add_argument("-o", "--output", help="tệp (thư mục với png) / file (folder for png); dxkpi-<lang>.<ext>")
    export.add_argument("--lang", choices=["vi", "en"], default="vi")
    export.add_argument("--metrics", default="metrics.yaml", help="tệp số liệu / metrics file")
    export.add_argument("--region", help="mã địa phương, vd. tay-ninh / region id, e.g. tay-ninh")
    export.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ / no progress bar")
    report = export.add_argument_group("docx", "Báo cáo Word (Nghị định 30/2020) / the Word report")
    report.add_argument(
        "--as-of",
        type=_day,
        metavar="DD/MM/YYYY",
        help="ngày chốt số liệu (mặc định hôm nay) / the data cut-off (default today)",
    )
    report.add_argument(
        "--kind",
        choices=[k.value for k in ReportKind],
        help="kỳ báo cáo: tháng, quý, 6 tháng, năm (mặc định), giai đoạn đã kết thúc theo các kế hoạch (2021–2025) "
        "/ month, quarter, half year, year (the default), the closed plan period (2021–2025)",
    )
    report.add_argument(
        "--plan",
        metavar="ID",
        help="kế hoạch được báo cáo, vd. tn-ha-tang-so (mặc định: kế hoạch đầu tiên còn hiệu lực, của tỉnh trước; với "
        "--kind period: quyết toán giai đoạn đã kết thúc) / the plan reported on (default: the first open plan, the "
        "province's own first; with --kind period: the closed period's final account)",
    )
    report.add_argument("--charts", action="store_true", help="kèm biểu đồ / with the charts (needs Chrome or Edge)")
    template = sub.add_parser(
        "template",
        help="tệp Excel mẫu để điền số liệu mới và báo cáo nhiệm vụ / an Excel template for figures and task reports",
        description="Một dòng cho mỗi chỉ tiêu và mỗi nhiệm vụ, cột trống để điền "
        "/ a row per indicator and per task, empty cells to fill",
    )
    template.add_argument("-o", "--output", default="figures.xlsx", help="tệp .xlsx / the .xlsx file")
    template.add_argument("--lang", choices=["vi", "en"], default="vi")
    template.add_argument("--metrics", default="metrics.yaml", help="tệp số liệu / metrics file")
    template.add_argument("--region", help="mã địa phương, vd. tay-ninh / region id, e.g. tay-ninh")
    template.add_argument(
        "--agency",
        help='chỉ các nhiệm vụ do cơ quan này chủ trì, vd. "Sở Khoa học và Công nghệ" '
        "/ only the tasks this agency leads",
    )
    imp = sub.add_parser(
        "import",
        help="thêm số liệu, báo cáo nhiệm vụ từ tệp Excel đã điền / add the figures and task reports of a template",
        description="Kiểm tra rồi thêm số liệu và báo cáo nhiệm vụ vào tệp số liệu trong một lần ghi "
        "/ check, then add the figures and task reports to the metrics file in one change",
    )
    imp.add_argument("path", help="tệp .xlsx đã điền / the filled-in .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi / check only, write nothing")
    imp.add_argument("--lang", choices=["vi", "en"], default="vi")
    imp.add_argument("--metrics", default="metrics.yaml", help="tệp số liệu / metrics file")
    imp.add_argument("--region", help="mã địa phương, vd. tay-ninh / region id, e.g. tay-ninh")
    return parser


def summary(metrics, lang: str) -> str:
    figures = sum(len(i.observations) for i in metrics.indicators)
    n, s = len(metrics.indicators), len(metrics.sources)
    vi = f"Hợp lệ: {n} chỉ tiêu, {figures} số liệu, {s} nguồn"
    return fmt.t(lang, vi, f"OK: {n} indicators, {figures} figures, {s} sources")


def cmd_validate(paths: list[str], lang: str, form: str = "text") -> int:
    """Every problem of every file named (or of every region), one a line or as JSON; exit 1 on any error."""
    from dxkpi.reading.regions import load_regions, region_files

    default = Path("metrics.yaml")
    regional = {p.resolve() for p in region_files(default)} if default.is_file() else set()
    named = [Path(p) for p in paths]
    if len(named) == 1 and named[0].resolve() not in regional:
        return _validate_one(paths[0], lang, form)
    if not named and len(regional) <= 1:  # one file (or none: then it says the file is missing)
        return _validate_one(str(default), lang, form)
    inside = [p for p in named if p.resolve() in regional]
    outside = [p for p in named if p.resolve() not in regional]
    # The region files (all of them, or those named) and their links; files outside the regions on their own.
    regions = load_regions(default, only=inside or None) if regional and (inside or not named) else None
    results: list[tuple[str, str | None, LoadResult]] = []
    if regions is not None:
        results = [(str(r.path), r.id, regions.results[r.id]) for r in regions.regions if r.id in regions.results]
    results += [(str(p), None, load(p)) for p in outside]
    links = regions.links if regions is not None else []
    problems = [p for _, _, res in results for p in res.problems] + links
    ok = all(res.ok for _, _, res in results) and not any(p.severity == "error" for p in links)
    if form == "json":
        data = {
            "valid": ok,
            "files": [{"file": f, "region": rid, "valid": res.ok} for f, rid, res in results],
            "problems": [p.as_data(lang) for p in problems],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return 0 if ok else 1
    for problem in problems:
        print(problem.render(lang))
    for file, rid, res in results:
        label = f"{file} ({rid}): " if rid else f"{file}: "
        if res.metrics is not None:
            print(f"{label if len(results) > 1 else ''}{summary(res.metrics, lang)}")
    if not ok:
        count = sum(1 for p in problems if p.severity == "error")
        print(fmt.t(lang, f"Có {count} lỗi", f"{count} problem(s) found"), file=sys.stderr)
        return 1
    return 0


def _validate_one(path: str, lang: str, form: str) -> int:
    """One file on its own, as before regions: its problems, then a one-line summary."""
    result = load(path)
    if form == "json":
        data = {"valid": result.ok, "problems": [p.as_data(lang) for p in result.problems]}
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return 0 if result.ok else 1
    for problem in result.problems:
        print(problem.render(lang))
    if result.errors:
        count = len(result.errors)
        print(fmt.t(lang, f"Có {count} lỗi", f"{count} problem(s) found"), file=sys.stderr)
        return 1
    print(summary(result.metrics, lang))
    return 0


def region_file(args: argparse.Namespace) -> Path | None:
    """The metrics file of `--region` (the default file's region when not given); None, with a message, if unknown."""
    from dxkpi.reading.regions import discover, folder_for

    default = Path(args.metrics)
    if not args.region:
        return default
    regions = discover(default, load(default).metrics if default.is_file() else None)
    chosen = next((r for r in regions if r.id == args.region), None)
    if chosen is not None:
        return chosen.path
    known = ", ".join(r.id for r in regions)
    where = folder_for(default)
    print(
        fmt.t(
            args.lang,
            f"Không có địa phương '{args.region}': có {known} (các tệp trong {where})",
            f"Unknown region '{args.region}': the regions are {known} (files in {where})",
        ),
        file=sys.stderr,
    )
    return None


def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportError, default_output, export  # imported here: validate and schema need none of it

    word_flags = (("--as-of", args.as_of), ("--kind", args.kind), ("--plan", args.plan), ("--charts", args.charts))
    only_word = [flag for flag, given in word_flags if given]
    if only_word and args.format != "docx":
        said = ", ".join(only_word)
        print(
            fmt.t(args.lang, f"{said}: chỉ dùng với --format docx", f"{said}: only for --format docx"),
            file=sys.stderr,
        )
        return 2
    metrics = region_file(args)
    if metrics is None:
        return 2
    if args.plan is not None and not _known_plan(metrics, args.plan, args.lang):
        return 2
    output = args.output or default_output(args.format, args.lang, args.region)
    try:
        options = {
            "as_of": args.as_of,
            "kind": ReportKind(args.kind or ReportKind.YEAR),
            "charts": args.charts,
            "plan": args.plan,
        }
        path = export(
            metrics,
            args.format,
            output,
            args.lang,
            progress=False if args.no_progress else None,
            options=options if args.format == "docx" else None,
        )
    except ExportError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã huỷ / cancelled", file=sys.stderr)
        return 130
    print(path)
    return 0


def _known_plan(path: Path, plan_id: str, lang: str) -> bool:
    """Whether the file at `path` holds a plan `plan_id`; if not, a message listing the plans it holds, as for an
    unknown region. A file that does not load is left to the export, which says why."""
    from dxkpi.analysis.plans import plan_order

    metrics = load(path).metrics if path.is_file() else None
    if metrics is None or plan_id in metrics.plan_by_id():
        return True
    ids = [p.id for p in plan_order(metrics)]
    known = ", ".join(ids) if ids else fmt.t(lang, "(không có)", "(none)")
    print(
        fmt.t(
            lang,
            f"Không có kế hoạch '{plan_id}' trong {path}: có {known}",
            f"Unknown plan '{plan_id}' in {path}: the plans are {known}",
        ),
        file=sys.stderr,
    )
    return False


def cmd_template(args: argparse.Namespace) -> int:
    from dxkpi.editing.atomic import atomic_write
    from dxkpi.editing.template import UnknownAgency, template_bytes  # openpyxl only when asked for

    metrics = region_file(args)
    if metrics is None:
        return 2
    result = load(metrics)
    for problem in result.problems:  # warnings too: said, but the template is still made
        print(problem.render(args.lang))
    if result.errors:
        return 1
    try:
        assert result.metrics is not None  # no problems, so a model
        atomic_write(Path(args.output), template_bytes(result.metrics, args.lang, args.agency))
    except UnknownAgency as err:
        print(_unknown_agency(err, metrics.name, args.lang), file=sys.stderr)
        return 2
    except OSError as err:
        print(f"{args.output}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(args.output)
    return 0


def _unknown_agency(err: UnknownAgency, name: str, lang: str) -> str:
    """No task of the file's own plans is led by the agency asked for: say which agencies lead some."""
    if not err.known:
        return fmt.t(
            lang,
            f"Không có cơ quan '{err.agency}': các kế hoạch của {name} chưa có nhiệm vụ nào",
            f"Unknown agency '{err.agency}': the plans of {name} have no task yet",
        )
    known = "; ".join(err.known)
    return fmt.t(
        lang,
        f"Không có cơ quan '{err.agency}': các nhiệm vụ trong {name} do {known} chủ trì",
        f"Unknown agency '{err.agency}': the tasks in {name} are led by {known}",
    )


def _added(result: ImportResult, lang: str) -> str:
    """'3 số liệu, 0 nguồn' and, when there are some, '2 báo cáo nhiệm vụ'."""
    vi, en = (
        f"{result.figures} số liệu, {result.sources} nguồn",
        f"{result.figures} figure(s), {result.sources} source(s)",
    )
    if result.reports:
        vi, en = f"{vi}, {result.reports} báo cáo nhiệm vụ", f"{en}, {result.reports} task report(s)"
    return fmt.t(lang, vi, en)


def cmd_import(args: argparse.Namespace) -> int:
    import getpass

    from dxkpi.editing.spreadsheet_import import import_file

    try:
        who = getpass.getuser()
    except Exception:  # no login name in this environment
        who = None
    metrics = region_file(args)
    if metrics is None:
        return 2
    result = import_file(args.path, metrics, args.lang, dry_run=args.dry_run, who=who)
    lang = args.lang
    if result.problems:
        for line in result.problems:
            print(line)
        count = len(result.problems)
        print(fmt.t(lang, f"Có {count} lỗi; chưa ghi gì", f"{count} problem(s); nothing was written"), file=sys.stderr)
        return 1
    if not result.added:
        print(fmt.t(lang, "Tệp không có số liệu hay báo cáo mới nào", "No new figure or report in the file"))
        return 0
    name = metrics.name
    for number, text in result.added:
        print(f"{name}:{number}: + {text}")
    added = _added(result, lang)
    if result.written:
        print(fmt.t(lang, f"Đã thêm {added} vào {name}", f"Added {added} to {name}"))
    else:
        print(
            fmt.t(
                lang,
                f"Chạy thử: sẽ thêm {added}; chưa ghi gì",
                f"Dry run: {added} would be added; nothing was written",
            )
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.path, args.lang, args.format)
    if args.command == "export":
        return cmd_export(args)
    if args.command == "template":
        return cmd_template(args)
    if args.command == "import":
        return cmd_import(args)
    sys.stdout.write(schema_text())
    return 0
