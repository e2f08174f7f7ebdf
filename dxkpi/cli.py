"""The command line: `python -m dxkpi validate|schema|export`."""

from __future__ import annotations

import argparse
import json
import sys
import typing
from collections.abc import Sequence

from .loader import load
from .schema import schema_text


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:  # usage errors exit 2, never a traceback
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m dxkpi", description="Bảng chỉ tiêu chuyển đổi số / digital-transformation KPIs")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = sub.add_parser("validate", help="kiểm tra metrics.yaml / check metrics.yaml")
    validate.add_argument("path", nargs="?", default="metrics.yaml")
    validate.add_argument("--lang", choices=["vi", "en"], default="vi")
    validate.add_argument(
        "--format", choices=["text", "json"], default="text", help="json: các lỗi dạng dữ liệu / problems as data"
    )
    sub.add_parser("schema", help="in JSON Schema / print the JSON Schema")
    export = sub.add_parser(
        "export",
        help="xuất PDF, PowerPoint, HTML, PNG, Excel / export PDF, PowerPoint, HTML, PNG, Excel",
        description="Xuất bản trình chiếu để dùng ngoại tuyến / export the deck for offline use",
    )
    export.add_argument("--format", required=True, choices=["pdf", "pptx", "html", "png", "xlsx"])
    export.add_argument("-o", "--output", help="tệp (thư mục với png) / file (folder for png); dxkpi-<lang>.<ext>")
    export.add_argument("--lang", choices=["vi", "en"], default="vi")
    export.add_argument("--metrics", default="metrics.yaml", help="tệp số liệu / metrics file")
    export.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ / no progress bar")
    return parser


def summary(metrics, lang: str) -> str:
    figures = sum(len(i.observations) for i in metrics.indicators)
    n, s = len(metrics.indicators), len(metrics.sources)
    if lang == "en":
        return f"OK: {n} indicators, {figures} figures, {s} sources"
    return f"Hợp lệ: {n} chỉ tiêu, {figures} số liệu, {s} nguồn"


def cmd_validate(path: str, lang: str, form: str = "text") -> int:
    """Every problem, one a line (or as JSON); exit 1 if any is an error, 0 if the file can be used."""
    result = load(path)
    if form == "json":
        data = {"valid": result.ok, "problems": [p.as_data(lang) for p in result.problems]}
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return 0 if result.ok else 1
    for problem in result.problems:
        print(problem.render(lang))
    if result.errors:
        count = len(result.errors)
        print(f"{count} problem(s) found" if lang == "en" else f"Có {count} lỗi", file=sys.stderr)
        return 1
    print(summary(result.metrics, lang))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportError, export  # imported here: validate and schema need none of it

    try:
        path = export(args.metrics, args.format, args.output, args.lang, progress=False if args.no_progress else None)
    except ExportError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã huỷ / cancelled", file=sys.stderr)
        return 130
    print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.path, args.lang, args.format)
    if args.command == "export":
        return cmd_export(args)
    sys.stdout.write(schema_text())
    return 0
