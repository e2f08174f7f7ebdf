"""Problems found in a metrics file: data with a place, a code and a message in two languages."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dxkpi.core.fmt import megabytes, number, pick, unaccent

# code -> (Vietnamese, English). Placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "yaml_syntax": (
        "lỗi cú pháp YAML. {hint_vi} (chi tiết: {problem})",
        "YAML syntax error: {problem}. {hint_en}",
    ),
    "tab_indent": (
        "dòng thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách. Thay Tab bằng dấu cách",
        "line indented with a tab; YAML allows only spaces. Replace the tab with spaces",
    ),
    "encoding_utf16": (
        "tệp được lưu dạng {encoding}, không phải UTF-8. Trong Notepad: File > Save As > Encoding: UTF-8",
        "file is saved as {encoding}, not UTF-8. In Notepad: File > Save As > Encoding: UTF-8",
    ),
    "encoding_not_utf8": (
        "tệp không phải UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI). Mở bằng Notepad, "
        "chọn File > Save As > Encoding: UTF-8, hoặc dùng Unikey > Chuyển mã sang Unicode",
        "file is not UTF-8 (perhaps Windows-1258, TCVN3 or VNI). In Notepad choose "
        "File > Save As > Encoding: UTF-8, or convert it to Unicode with Unikey",
    ),
    "too_large": (
        "tệp quá lớn ({size_mb}, tối đa {limit_mb}); kiểm tra lại tệp",
        "file is too large ({size_mb}, at most {limit_mb}); check the file",
    ),
    "file_missing": (
        "không tìm thấy tệp số liệu; cần có tệp tại {path}",
        "the metrics file is missing; it was expected at {path}",
    ),
    "no_permission": (
        "không có quyền đọc tệp {path}; kiểm tra quyền truy cập hoặc đóng chương trình đang khoá tệp",
        "no permission to read {path}; check its access rights or close the program that locks it",
    ),
    "cannot_read": (
        "không đọc được tệp {path} (mã lỗi hệ thống {errno})",
        "cannot read {path} (system error code {errno})",
    ),
    "unclosed_quote": (
        "dấu ngoặc {quote} mở ở đây chưa được đóng; thêm {quote} vào cuối giá trị",
        "the quote {quote} opened here is not closed; add {quote} at the end of the value",
    ),
    "empty_file": (
        "tệp trống; cần có ít nhất các phần meta và indicators",
        "the file is empty; it needs at least the meta and indicators sections",
    ),
    "no_indicators": (
        "không có chỉ tiêu nào; thêm ít nhất một mục dưới indicators:",
        "there are no indicators; add at least one under indicators:",
    ),
    "not_mapping": (
        "cần các cặp 'khoá: giá trị' ở đây, nhưng thấy {got_vi}",
        "expected 'key: value' pairs here, found {got_en}",
    ),
    "not_list": (
        "cần một danh sách (mỗi mục bắt đầu bằng '- ') ở đây, nhưng thấy {got_vi}",
        "expected a list (each item starting with '- ') here, found {got_en}",
    ),
    "duplicate_key": (
        "khoá '{key}' xuất hiện hai lần (lần đầu ở dòng {first_line}); YAML sẽ chỉ giữ lần sau, "
        "mất số liệu. Xoá hoặc gộp một trong hai",
        "key '{key}' appears twice (first on line {first_line}); YAML would keep only the last and lose "
        "data. Remove or merge one",
    ),
    "duplicate_period": (
        "đã có một số liệu kỳ '{text}' (dòng {first_line}); mỗi kỳ chỉ một số liệu. Nếu nguồn khác nêu cùng số "
        "liệu, ghi nguồn đó dưới khoá also: của số liệu ở dòng {first_line}",
        "there is already a figure for period '{text}' (line {first_line}); one figure per period. If another "
        "source states the same figure, list it under also: of the figure on line {first_line}",
    ),
    "duplicate_national": (
        "chỉ tiêu '{id}' đã có chuỗi số liệu cả nước (dòng {first_line}); gộp các số liệu vào một chuỗi",
        "indicator '{id}' already has a national series (line {first_line}); put the figures in one series",
    ),
    "duplicate_id": (
        "mã '{id}' đã dùng ở dòng {first_line}; mỗi {what_vi} cần một mã riêng",
        "id '{id}' is already used on line {first_line}; each {what_en} needs its own id",
    ),
    "unknown_key": (
        "khoá không hợp lệ '{key}'{suggest_vi}. Các khoá được phép: {allowed}",
        "unknown key '{key}'{suggest_en}. Allowed keys: {allowed}",
    ),
    "missing_key": ("thiếu khoá bắt buộc '{key}'", "required key '{key}' is missing"),
    "bad_choice": (
        "'{value}' không phải {what_vi} hợp lệ{suggest_vi}. Chọn một trong: {allowed}",
        "'{value}' is not a valid {what_en}{suggest_en}. Choose one of: {allowed}",
    ),
    "unknown_source": (
        "không có nguồn mã '{value}' trong sources{suggest_vi}; thêm nguồn đó vào sources: hoặc sửa mã",
        "no source with id '{value}' in sources{suggest_en}; add it under sources: or fix the id",
    ),
    "unknown_indicator": (
        "không có chỉ tiêu mã '{value}'{suggest_vi}",
        "no indicator with id '{value}'{suggest_en}",
    ),
    "unknown_definition": (
        "không có định nghĩa mã '{value}' trong definitions{suggest_vi}; thêm vào data/definitions.yaml hoặc sửa mã",
        "no definition with id '{value}' in definitions{suggest_en}; add it to data/definitions.yaml or fix the id",
    ),
    "share_not_percent": (
        "chỉ tỷ lệ (unit: percent) mới ghi tử số và mẫu số; chỉ tiêu này có unit: {unit}. "
        "Với hạng hay số trên tổng, dùng out_of",
        "only a share (unit: percent) takes a numerator and a denominator; this indicator has unit: {unit}. "
        "For a rank or a count out of a total, use out_of",
    ),
    "share_part_missing": (
        "đã ghi {given} nhưng thiếu {missing}; ghi cả hai (vd. numerator: 731, denominator: 1777) hoặc bỏ cả hai",
        "{given} is written but {missing} is not; write both (e.g. numerator: 731, denominator: 1777) or neither",
    ),
    "share_parts_range": (
        "tử số {numerator} và mẫu số {denominator} không tạo thành một tỷ lệ: mẫu số phải lớn hơn 0 "
        "và tử số từ 0 đến mẫu số",
        "numerator {numerator} and denominator {denominator} do not make a share: the denominator must be above 0 "
        "and the numerator between 0 and the denominator",
    ),
    "share_mismatch": (
        "{numerator} trên {denominator} là {share}%, lệch với value: {value}. Nếu nguồn ghi đúng như vậy thì giữ "
        "nguyên (số gộp tính từ tử số và mẫu số); nếu gõ nhầm thì sửa",
        "{numerator} of {denominator} is {share}%, not value: {value}. If the source says so, leave it (a combined "
        "figure uses the numerator and denominator); if it is a typo, fix it",
    ),
    "unknown_region": (
        "không có địa phương mã '{value}'{suggest_vi}; mã là tên tệp trong {folder} (không có .yaml), "
        "hoặc meta.id của metrics.yaml. Có: {known}",
        "no region with id '{value}'{suggest_en}; an id is a file name in {folder} (without .yaml), "
        "or metrics.yaml's meta.id. Known: {known}",
    ),
    "region_self": (
        "địa phương '{value}' không thể là tiền thân của chính nó",
        "region '{value}' cannot be its own predecessor",
    ),
    "region_id_mismatch": (
        "meta.id là '{value}' nhưng tệp tên {file_id}.yaml; mã địa phương là tên tệp: sửa thành '{file_id}' "
        "hoặc bỏ dòng id",
        "meta.id is '{value}' but the file is named {file_id}.yaml; a region's id is its file name: write "
        "'{file_id}' or remove the id line",
    ),
    "region_duplicate_id": (
        "mã địa phương '{value}' đã dùng cho tệp {other}; mỗi địa phương một mã",
        "region id '{value}' is already used by {other}; each region needs its own id",
    ),
    "no_such_task": (
        "kế hoạch '{plan}' không có nhiệm vụ mã '{task}' (có thể vừa bị sửa trong tệp); tải lại trang",
        "plan '{plan}' has no task with id '{task}' (the file may have just been edited); reload the page",
    ),
    "unknown_plan": (
        "không có kế hoạch mã '{value}' trong plans{suggest_vi}; thêm vào data/plans.yaml (quốc gia) hoặc phần plans: "
        "của tệp tỉnh, hoặc sửa mã",
        "no plan with id '{value}' in plans{suggest_en}; add it to data/plans.yaml (national) or to the region file's "
        "plans:, or fix the id",
    ),
    "span_and_year": (
        "mục tiêu ghi cả year và span; hạn là một năm (year) hoặc cả giai đoạn (span), chỉ ghi một",
        "the target has both year and span; its deadline is a year or a span, write only one",
    ),
    "reason_required": (
        "trạng thái '{status}' cần lý do: thêm dòng reason: \"…\"",
        "status '{status}' needs a reason: add a line reason: \"…\"",
    ),
    "unknown_target": (
        "không có mục tiêu chung mã '{value}'{suggest_vi}; xem danh sách targets:",
        "no shared target with id '{value}'{suggest_en}; see the targets: list",
    ),
    "vn_thousands": (
        "'{text}' trông như cách viết hàng nghìn kiểu Việt Nam (YAML đọc thành {yaml_reads_vi}); viết {fix}",
        "'{text}' looks like Vietnamese thousands notation (YAML reads it as {yaml_reads_en}); write {fix}",
    ),
    "decimal_comma": (
        "'{text}' dùng dấu phẩy thập phân; trong tệp này viết dấu chấm: {fix}",
        "'{text}' uses a decimal comma; in this file write a decimal point: {fix}",
    ),
    "ambiguous_comma": (
        "'{text}' không rõ nghĩa: nếu là số thập phân viết {fix_decimal}, nếu là hàng nghìn viết {fix_thousands}",
        "'{text}' is ambiguous: for a decimal write {fix_decimal}, for thousands write {fix_thousands}",
    ),
    "number_with_unit": (
        "'{text}' có kèm đơn vị; chỉ viết số ({fix}), đơn vị ghi ở khoá unit của chỉ tiêu",
        "'{text}' includes a unit; write only the number ({fix}) and give the unit in the indicator's unit",
    ),
    "number_words": (
        "'{text}' không phải là số; viết bằng chữ số, ví dụ 220. Nếu chưa có số liệu, bỏ hẳn mục này",
        "'{text}' is not a number; write it in digits, for example 220. If there is no figure, leave the entry out",
    ),
    "quoted_number": (
        "'{text}' nằm trong dấu ngoặc kép nên là chữ, không phải số; bỏ dấu ngoặc",
        "'{text}' is in quotes, so it is text, not a number; remove the quotes",
    ),
    "wrong_type": ("cần {expected_vi}, nhưng thấy {got_vi}", "expected {expected_en}, found {got_en}"),
    "bad_date": (
        "'{text}' không phải ngày hợp lệ; viết dạng dd/mm/yyyy, ví dụ 19/10/2021",
        "'{text}' is not a valid date; write dd/mm/yyyy, for example 19/10/2021",
    ),
    "bad_period": (
        "'{text}' không phải kỳ hợp lệ; viết 2020, 2016-2020, 12/2023 hoặc 8/7/2021 - 19/10/2021",
        "'{text}' is not a valid period; write 2020, 2016-2020, 12/2023 or 8/7/2021 - 19/10/2021",
    ),
    "period_backwards": (
        "kỳ '{text}' kết thúc trước khi bắt đầu; đổi chỗ hai mốc",
        "period '{text}' ends before it starts; swap the two ends",
    ),
    "year_range": (
        "năm mục tiêu {value} nằm ngoài 2020-2030 của chương trình",
        "target year {value} is outside the programme's 2020-2030",
    ),
    "percent_range": (
        "tỷ lệ phần trăm {value} nằm ngoài 0-100",
        "percentage {value} is outside 0-100",
    ),
    "negative": ("{value} là số âm; {what_vi} không thể âm", "{value} is negative; a {what_en} cannot be negative"),
    "rank_range": (
        "thứ hạng {value} phải là số nguyên từ 1 trở lên",
        "rank {value} must be a whole number from 1 up",
    ),
    "target_direction": (
        "mục tiêu '{comparator}' ngược với hướng '{direction}' của chỉ tiêu ({why_vi})",
        "target '{comparator}' contradicts the indicator's direction '{direction}' ({why_en})",
    ),
    "rank_kind": (
        "chỉ tiêu kind: rank cần unit: rank và direction: down (số hạng nhỏ hơn là tốt hơn)",
        "an indicator of kind: rank needs unit: rank and direction: down (a smaller rank is better)",
    ),
    "context_target": (
        "chỉ tiêu kind: context không có mục tiêu; đổi thành kind: measured hoặc bỏ targets",
        "a context figure has no target; change to kind: measured or remove targets",
    ),
    "milestone_needs_status": (
        "cột mốc cần status (done, pilot, in_progress, planned) thay cho value",
        "a milestone needs a status (done, pilot, in_progress, planned) instead of a value",
    ),
    "figure_needs_value": (
        "số liệu cần value (một con số); status chỉ dùng cho kind: milestone",
        "an observation needs a value (a number); status is only for kind: milestone",
    ),
    "unsafe_tag": (
        "thẻ '{tag}' không được phép (có thể chạy mã); xoá thẻ, chỉ ghi giá trị",
        "tag '{tag}' is not allowed (it could run code); remove the tag and write the plain value",
    ),
    "alias": (
        "không dùng neo/bí danh YAML (&, *) trong tệp này; viết đầy đủ giá trị",
        "YAML anchors and aliases (&, *) are not allowed in this file; write the value out in full",
    ),
    "too_deep": ("cấu trúc lồng nhau quá sâu", "structure is nested too deeply"),
    "unused_source": (
        "không số liệu hay mục tiêu nào dẫn nguồn '{id}'; dẫn nguồn này ở một số liệu, hoặc xoá nó nếu không cần",
        "no figure or target cites source '{id}'; cite it from a figure, or remove it if it is not needed",
    ),
    "old_figure": (
        "số liệu kỳ {period} cũ hơn số liệu kế tiếp của chỉ tiêu này ({next_period}) {years} năm; "
        "kiểm tra lại năm, hoặc bỏ qua nếu đúng là số liệu cũ",
        "the figure for {period} is {years} years older than this indicator's next one ({next_period}); "
        "check the year, or ignore this if the old figure is right",
    ),
    "include_missing": (
        "không tìm thấy tệp '{value}' (tìm tại {path})",
        "file '{value}' not found (looked at {path})",
    ),
    # Writing through the app or an import (dxkpi.editing.writer, dxkpi.editing.history).
    "file_changed": (
        "tệp {name} đã được sửa và lưu ở nơi khác (có thể bằng Notepad) sau khi mở biểu mẫu; chưa ghi gì. "
        "Số liệu bạn nhập vẫn còn: xem lại rồi bấm lưu lần nữa",
        "{name} was changed and saved elsewhere (perhaps in Notepad) after this form was opened; nothing was "
        "written. What you entered is kept: check it and save again",
    ),
    "layout_unsupported": (
        "không tự sửa được chỗ này vì tệp viết {what_vi}; hãy sửa bằng tay trong Notepad",
        "cannot change this place by itself because the file has {what_en}; edit it by hand in Notepad",
    ),
    "no_such_figure": (
        "chỉ tiêu '{indicator}' không có số liệu thứ {number}",
        "indicator '{indicator}' has no figure number {number}",
    ),
    "cannot_write": (
        "không ghi được tệp: {error}; tệp cũ vẫn nguyên vẹn",
        "cannot write the file: {error}; the old file is unchanged",
    ),
    "nothing_to_undo": ("chưa có thay đổi nào để hoàn tác", "there is no change to undo"),
    "undo_after_direct_edit": (
        "tệp đã được sửa trực tiếp sau lần thay đổi cuối; hoàn tác sẽ làm mất những sửa đổi đó. "
        "Hãy chọn một phiên bản để khôi phục",
        "the file was edited directly after the last change; undoing would lose those edits. Restore a version instead",
    ),
    "template_other_region": (
        "tệp mẫu này làm cho {template}, không phải {region}; tải tệp mẫu của {region} (chọn địa phương ở thanh "
        "bên, hoặc template --region) rồi điền lại, để số liệu không vào nhầm tỉnh",
        "this template was made for {template}, not {region}; download {region}'s template (choose the region in "
        "the sidebar, or template --region) and fill it in, so no figure lands in the wrong province",
    ),
    "not_xlsx": (
        "không mở được tệp Excel ({error}); lưu lại dạng Excel Workbook (.xlsx)",
        "cannot open the Excel file ({error}); save it as an Excel Workbook (.xlsx)",
    ),
    "no_sheet": ("không thấy trang '{sheet}'; dùng tệp mẫu của lệnh template", "no sheet '{sheet}'; use the template"),
    "no_column": (
        "thiếu cột '{header}' ở dòng tiêu đề; dùng tệp mẫu của lệnh template",
        "the header row has no column '{header}'; use the template",
    ),
    "missing_cell": ("ô trống; cần điền {what}", "empty cell; {what} is needed"),
    "figure_exists": (
        "chỉ tiêu đã có số liệu kỳ {period} {where_vi}; để sửa số liệu đó dùng trang Cập nhật số liệu, "
        "hoặc xoá dòng này",
        "the indicator already has a figure for {period} {where_en}; to change it use the Update figures page, "
        "or clear this row",
    ),
    "unknown_task": (
        "không có nhiệm vụ mã '{task}' trong kế hoạch '{plan}' của {into}{suggest_vi}; giữ nguyên mã nhiệm vụ và mã "
        "kế hoạch của tệp mẫu (nhiệm vụ mới thì thêm vào tệp trước, xem docs/plans.md)",
        "no task with id '{task}' in plan '{plan}' of {into}{suggest_en}; keep the task and plan ids the template "
        "lists (a new task goes into the file first, see docs/plans.md)",
    ),
    "report_needs_reason": (
        "tình trạng '{status}' cần lý do: điền cột {what}",
        "status '{status}' needs a reason: fill in the column {what}",
    ),
    "report_exists": (
        "nhiệm vụ đã có báo cáo ngày {date} với tình trạng '{status}' {where_vi}; nếu đã nhập rồi thì xoá dòng này",
        "the task already has a report dated {date} with status '{status}' {where_en}; if it was imported "
        "already, clear this row",
    ),
    "unknown_version": ("không còn lưu phiên bản {version}", "version {version} is not kept"),
}

SYNTAX_HINTS: list[tuple[str, str, str]] = [
    (
        "mapping values are not allowed",
        "Có dấu ':' trong giá trị: đặt giá trị trong ngoặc kép, ví dụ name: \"Mục tiêu: 80%\"",
        "A value contains ':': put it in quotes, for example name: \"Target: 80%\"",
    ),
    (
        "could not find expected ':'",
        "Thiếu dấu ':' sau tên khoá, hoặc thụt lề không thẳng hàng",
        "A key is missing its ':' or the indentation is off",
    ),
    (
        "found character '\\t'",
        "Có ký tự Tab; YAML chỉ cho phép dấu cách",
        "There is a tab character; YAML allows only spaces",
    ),
    (
        "found unexpected end of stream",
        "Thiếu dấu ngoặc kép đóng",
        "A closing quote is missing",
    ),
    (
        "did not find expected key",
        "Thụt lề không thẳng hàng, hoặc thiếu dấu '-' đầu mục danh sách",
        "The indentation is off, or a list item lacks its '-'",
    ),
]
GENERIC_HINT = (
    "Kiểm tra dấu ngoặc kép, dấu ':' và thụt lề (chỉ dùng dấu cách)",
    "Check quotes, colons and indentation (spaces only)",
)


# Problems that are shown but do not stop the file being used: the dashboard shows the data with them.
WARNINGS = frozenset({"unused_source", "old_figure", "share_mismatch"})
SEVERITY_WORD = ("cảnh báo", "warning")

Wording = Callable[[dict[str, object], str], dict[str, str]]


def numbers(*keys: str, decimals: dict[str, int] | None = None) -> Wording:
    """Word these raw-number parameters as the reader writes numbers: 1.777 and 41,14 (vi), 1,777 and 41.14 (en)."""
    places = decimals or {}

    def word(params: dict[str, object], lang: str) -> dict[str, str]:
        return {k: _number(params[k], lang, places.get(k)) for k in keys if k in params}

    return word


def _number(value: object, lang: str, decimals: int | None) -> str:
    """A raw number in the reader's language; anything else (text from an older caller) as it is."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang, decimals)
    return str(value)


# Parameters worded by language from the raw ones a problem carries (sizes and numbers as a reader writes them).
DERIVED: dict[str, Wording] = {
    "too_large": lambda p, lang: {
        "size_mb": megabytes(int(str(p["size"])), lang),
        "limit_mb": megabytes(int(str(p["limit"])), lang),
    },
    "share_parts_range": numbers("numerator", "denominator"),
    "share_mismatch": numbers("numerator", "denominator", "share", "value", decimals={"share": 2}),
    "percent_range": numbers("value"),
    "negative": numbers("value"),
    "rank_range": numbers("value"),
}


@dataclass
class Problem:
    """One mistake in a file, at a 1-based line and column, in a field path such as indicators[x].unit."""

    file: str
    line: int
    col: int
    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)  # `field` is a name here

    def message(self, lang: str = "vi") -> str:
        template = pick(lang, MESSAGES[self.code])
        derived = DERIVED.get(self.code)
        return template.format(**{**self.params, **(derived(self.params, lang) if derived else {})})

    @property
    def severity(self) -> str:
        """'error' (the file cannot be used until it is fixed) or 'warning' (shown; the data is still used)."""
        return "warning" if self.code in WARNINGS else "error"

    def render(self, lang: str = "vi") -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        if self.severity == "warning":
            where += f": {pick(lang, SEVERITY_WORD)}"
        return f"{where}: {self.field}: {self.message(lang)}" if self.field else f"{where}: {self.message(lang)}"

    def as_data(self, lang: str = "vi") -> dict[str, object]:
        """The problem for other tools (validate --format json): place, code, severity, message and params."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "params": self.params,
        }


def syntax_hint(problem: str) -> tuple[str, str]:
    """The (vi, en) hint for a PyYAML syntax problem."""
    for needle, vi, en in SYNTAX_HINTS:
        if needle in problem:
            return vi, en
    return GENERIC_HINT


def _fold(text: str) -> str:
    """Lower case without diacritics or separators, so 'Chính quyền số' matches 'chinh-quyen-so'."""
    return re.sub(r"[\s_\-]+", " ", unaccent(text)).strip()


def did_you_mean(value: str, options: Iterable[str]) -> str | None:
    """The option closest to a mistyped value, if any is close."""
    options = list(options)
    folded = {_fold(o): o for o in options}
    if _fold(value) in folded:
        return folded[_fold(value)]
    close = difflib.get_close_matches(_fold(value), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def suggest(value: str, options: Iterable[str]) -> dict[str, str]:
    """The params of a message's '(did you mean …?)', empty when nothing is close."""
    best = did_you_mean(value, options)
    if best is None:
        return {"suggest_vi": "", "suggest_en": ""}
    return {"suggest_vi": f" (có phải '{best}'?)", "suggest_en": f" (did you mean '{best}'?)"}
