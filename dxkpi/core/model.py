"""The typed model of metrics.yaml: what every other module reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Pillar(StrEnum):
    """The four pillars of the national programme, as written in the file."""

    DIGITAL_GOVERNMENT = "chinh-quyen-so"
    DIGITAL_ECONOMY = "kinh-te-so"
    DIGITAL_SOCIETY = "xa-hoi-so"
    FOUNDATIONS = "nen-tang"


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    BILLION_VND = "ty-dong"
    RANK = "rank"
    SCORE = "score"


class Kind(StrEnum):
    MEASURED = "measured"  # a quantity with a target
    CONTEXT = "context"  # a figure that gives context, no target
    MILESTONE = "milestone"  # a step with a status
    RANK = "rank"  # a position where a smaller number is better


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class Qualifier(StrEnum):
    ABOUT = "khoang"
    NEARLY = "gan"
    OVER = "hon"
    ESTIMATED = "uoc"


class Comparator(StrEnum):
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    EXACTLY = "exactly"


class Level(StrEnum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"


class PlanLevel(StrEnum):
    """Who issues a plan: the Government or Party (national), the province, or one of its departments."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    DEPARTMENT = "department"


class TaskStatus(StrEnum):
    """The four words a task's report uses (how-provinces-report.md §1.2, §3.3)."""

    DONE = "hoan-thanh"
    IN_PROGRESS = "dang-thuc-hien"
    NOT_STARTED = "chua-thuc-hien"
    NOT_CARRIED_OUT = "khong-thuc-hien"


class Judgement(StrEnum):
    """What only an official can record about a target, always with the reason: never computed."""

    BASICALLY_ACHIEVED = "co-ban-hoan-thanh"
    NOT_CARRIED_OUT = "khong-thuc-hien"


class MilestoneStatus(StrEnum):
    DONE = "done"
    PILOT = "pilot"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"


class SourceKind(StrEnum):
    NEWS = "news"
    DECISION = "decision"
    REPORT = "report"
    WEB = "web"


class Language(StrEnum):
    VI = "vi"
    EN = "en"


@dataclass(frozen=True)
class Period:
    """A span of time: a year, a range of years, a month or a date span; start <= end."""

    text: str
    start: dt.date
    end: dt.date

    @property
    def end_year(self) -> int:
        return self.end.year

    @property
    def is_year(self) -> bool:
        return self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(self.start.year, 12, 31)


# Each field's metadata carries its documentation (Vietnamese, English): the JSON Schema and the
# docs/reference/file.md are both generated from it, so they cannot drift from the loader.
def doc(vi: str, en: str, **extra: object) -> dict[str, object]:
    return {"vi": vi, "en": en, **extra}


Pos = tuple[int, int]


@dataclass
class Meta:
    title: str = field(metadata=doc("Tiêu đề bảng điều khiển", "Dashboard title"))
    region: str = field(metadata=doc("Địa phương", "Province"))
    program: str = field(metadata=doc("Chương trình đối chiếu", "Programme reported against"))
    reporting_period: str = field(metadata=doc("Kỳ báo cáo", "Reporting period"))
    title_en: str | None = field(default=None, metadata=doc("Tiêu đề tiếng Anh", "Title in English"))
    region_note: str | None = field(default=None, metadata=doc("Ghi chú về địa phương", "Note on the province"))
    region_note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    program_en: str | None = field(default=None, metadata=doc("Chương trình (tiếng Anh)", "Programme in English"))
    id: str | None = field(
        default=None,
        metadata=doc(
            "Mã địa phương (tệp mặc định metrics.yaml; tệp trong data/regions lấy tên tệp làm mã)",
            "Region id (the default metrics.yaml; a file in data/regions is named by its file name)",
        ),
    )
    region_en: str | None = field(default=None, metadata=doc("Tên địa phương tiếng Anh", "Province in English"))
    predecessors: list[str] = field(
        default_factory=list,
        metadata=doc(
            "Mã các địa phương cũ hợp nhất thành địa phương này (vd. long-an, tay-ninh-cu)",
            "Ids of the former regions merged into this one (e.g. long-an, tay-ninh-cu)",
        ),
    )
    formed: dt.date | None = field(
        default=None, metadata=doc("Ngày thành lập sau hợp nhất (dd/mm/yyyy)", "Date formed by the merger")
    )
    language: Language = field(default=Language.VI, metadata=doc("Ngôn ngữ mặc định", "Default language"))
    key_figures: list[str] = field(
        default_factory=list, metadata=doc("Mã các chỉ tiêu hiện ở trang Tổng quan", "Indicator ids shown as cards")
    )
    # The Word report's header (Nghị định 30/2020): who issues it, to whom, from where. Left out, the report leaves
    # a bracketed blank for the clerk.
    report_parent: str | None = field(
        default=None,
        metadata=doc("Báo cáo Word: cơ quan chủ quản (vd. UBND TỈNH TÂY NINH)", "Word report: the parent body"),
    )
    report_issuer: str | None = field(
        default=None,
        metadata=doc("Báo cáo Word: cơ quan ban hành (vd. SỞ KHOA HỌC VÀ CÔNG NGHỆ)", "Word report: the issuing body"),
    )
    report_issuer_short: str | None = field(
        default=None,
        metadata=doc("Báo cáo Word: chữ viết tắt trong số ký hiệu (vd. SKHCN)", "Word report: the body's initials"),
    )
    report_place: str | None = field(
        default=None, metadata=doc("Báo cáo Word: địa danh (vd. Tây Ninh)", "Word report: the place it is issued at")
    )
    report_recipient: str | None = field(
        default=None,
        metadata=doc("Báo cáo Word: Kính gửi (vd. Ủy ban nhân dân tỉnh)", "Word report: to whom it is sent"),
    )
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Source:
    id: str = field(metadata=doc("Mã nguồn, dùng trong `source:`", "Source id, used in `source:`"))
    title: str = field(metadata=doc("Tên văn bản, bài báo", "Title of the document"))
    publisher: str = field(metadata=doc("Cơ quan ban hành, tờ báo", "Publisher"))
    kind: SourceKind = field(metadata=doc("Loại nguồn", "Kind of source"))
    date: dt.date | None = field(default=None, metadata=doc("Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"))
    url: str | None = field(default=None, metadata=doc("Địa chỉ web nếu có", "Web address where known"))
    note: str | None = field(default=None, metadata=doc("Ghi chú", "Note"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Citation:
    """Another source that states the same figure for the same period, in its own words."""

    source: str = field(metadata=doc("Mã nguồn", "Source id"))
    qualifier: list[Qualifier] = field(
        default_factory=list, metadata=doc("Từ nguồn này dùng: khoang, gan, hon, uoc", "This source's wording")
    )
    note: str | None = field(default=None, metadata=doc("Ghi chú", "Note"))
    note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Claim:
    """Another source's different number for the same measure and period: shown beside the figure, never charted."""

    source: str = field(metadata=doc("Mã nguồn", "Source id"))
    value: float = field(metadata=doc("Con số nguồn này nêu", "The number this source states"))
    note: str = field(
        metadata=doc(
            "Nguồn viết gì và vì sao không vẽ con số này", "What the source says, and why this number is not charted"
        )
    )
    qualifier: list[Qualifier] = field(
        default_factory=list, metadata=doc("Từ nguồn này dùng: khoang, gan, hon, uoc", "This source's wording")
    )
    note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Observation:
    period: Period = field(metadata=doc("Kỳ số liệu: 2020, 2016-2020, 12/2023, 8/7/2021 - 19/10/2021", "Period"))
    source: str = field(metadata=doc("Mã nguồn", "Source id"))
    value: float | None = field(default=None, metadata=doc("Giá trị (chỉ số, không đơn vị)", "Value, a plain number"))
    status: MilestoneStatus | None = field(default=None, metadata=doc("Trạng thái (cột mốc)", "Status (milestones)"))
    qualifier: list[Qualifier] = field(
        default_factory=list, metadata=doc("Từ nguồn dùng: khoang, gan, hon, uoc", "Source's wording")
    )
    out_of: float | None = field(
        default=None,
        metadata=doc(
            "Trên tổng số bao nhiêu: hạng 11 trên 63 tỉnh (out_of: 63), 85 trên 168 sản phẩm, 42,28 trên 80 điểm",
            "Out of how many: rank 11 of 63 provinces (out_of: 63), 85 of 168 products, 42.28 of 80 points",
        ),
    )
    note: str | None = field(default=None, metadata=doc("Ghi chú", "Note"))
    note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    numerator: float | None = field(
        default=None,
        metadata=doc(
            "Tử số của tỷ lệ, nếu nguồn nêu (731 trên 1.777 -> numerator: 731)",
            "The share's numerator where the source states it (731 of 1,777 -> numerator: 731)",
        ),
    )
    denominator: float | None = field(
        default=None,
        metadata=doc(
            "Mẫu số của tỷ lệ, nếu nguồn nêu (731 trên 1.777 -> denominator: 1777)",
            "The share's denominator where the source states it (731 of 1,777 -> denominator: 1777)",
        ),
    )
    definition: str | None = field(
        default=None,
        metadata=doc(
            "Mã định nghĩa, khi số liệu này tính khác chỉ tiêu (vd. dti-2024)",
            "Definition id, when this figure is measured differently from its indicator (e.g. dti-2024)",
        ),
    )
    caveat: str | None = field(
        default=None,
        metadata=doc(
            "Vì sao số liệu này chỉ khớp chỉ tiêu một phần (vd. nguồn không nêu mức độ); "
            "hiện cạnh mọi kết quả tính từ nó",
            "Why this figure fits its indicator only imperfectly (e.g. the source names no levels); shown beside every"
            " result counted from it",
        ),
    )
    caveat_en: str | None = field(default=None, metadata=doc("Lưu ý tiếng Anh", "Caveat in English"))
    also: list[Citation] = field(
        default_factory=list,
        metadata=doc(
            "Nguồn khác nêu cùng số liệu, cùng kỳ (mỗi nguồn giữ từ định tính của mình)",
            "Other sources stating the same figure for the same period, each with its own wording",
        ),
    )
    published: dt.date | None = field(
        default=None,
        metadata=doc(
            "Ngày công bố số liệu, khi khác kỳ của nó (DTI 2024 công bố 21/10/2025)",
            "The day the figure was published, besides its period (DTI 2024 was published on 21/10/2025)",
        ),
    )
    claims: list[Claim] = field(
        default_factory=list,
        metadata=doc(
            "Nguồn khác nêu con số khác cho cùng thước đo, cùng kỳ: hiện bên cạnh, không vẽ",
            "Other sources giving a different number for the same measure and period: shown beside, never charted",
        ),
    )
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


def in_time_order(observations: list[Observation]) -> list[Observation]:
    """Observations by the end, then the start, of their period; ties keep file order. Every "latest" is the last."""
    return sorted(observations, key=lambda o: (o.period.end, o.period.start))


def latest_of(observations: list[Observation], until: dt.date | None = None) -> Observation | None:
    """The one "latest figure": the last of `observations` in time order (ended by `until`, if given), or None."""
    ordered = in_time_order([o for o in observations if until is None or o.period.end <= until])
    return ordered[-1] if ordered else None


@dataclass
class Assessment:
    """An official's own judgement of a target (cơ bản hoàn thành, không thực hiện), with its reason and date."""

    status: Judgement = field(metadata=doc("co-ban-hoan-thanh | khong-thuc-hien", "Basically achieved | not done"))
    reason: str = field(metadata=doc("Lý do (bắt buộc)", "The reason (required)"))
    date: dt.date = field(metadata=doc("Ngày đánh giá (dd/mm/yyyy)", "Date of the judgement"))
    reason_en: str | None = field(default=None, metadata=doc("Lý do tiếng Anh", "Reason in English"))
    source: str | None = field(default=None, metadata=doc("Mã nguồn (văn bản ghi nhận)", "Source id"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Target:
    value: float = field(metadata=doc("Giá trị mục tiêu", "Target value"))
    comparator: Comparator = field(metadata=doc("So sánh", "Comparator"))
    level: Level = field(metadata=doc("Cấp: national / provincial", "Level"))
    source: str = field(metadata=doc("Mã nguồn", "Source id"))
    year: int | None = field(default=None, metadata=doc("Năm đích (2020-2030)", "Target year (2020-2030)"))
    span: Period | None = field(
        default=None,
        metadata=doc(
            "Hạn là cả giai đoạn, như nguồn viết (vd. 2025-2027: hạn 31/12/2027); thay cho year",
            "A deadline that is a span, as the source writes it (2025-2027 is due 31/12/2027); instead of year",
        ),
    )
    id: str | None = field(default=None, metadata=doc("Mã mục tiêu (để tham chiếu)", "Target id, for `ref:`"))
    plan: str | None = field(
        default=None, metadata=doc("Mã kế hoạch, văn bản đặt mục tiêu (trong plans:)", "Id of the plan that sets it")
    )
    name: str | None = field(
        default=None, metadata=doc("Lời của văn bản về mục tiêu này", "The target as its document words it (vi)")
    )
    name_en: str | None = field(default=None, metadata=doc("Lời mục tiêu tiếng Anh", "The target's wording in English"))
    assessed: list[Assessment] = field(
        default_factory=list,
        metadata=doc(
            "Đánh giá của cán bộ: cơ bản hoàn thành hoặc không thực hiện, có lý do",
            "An official's judgement: basically achieved or not carried out, with the reason",
        ),
    )
    note: str | None = field(default=None, metadata=doc("Ghi chú", "Note"))
    note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})

    def __post_init__(self) -> None:
        # A span's end year is the target year, so every chart and rule that knows years knows this target.
        if self.year is None and isinstance(self.span, Period):
            self.year = self.span.end_year

    @property
    def deadline(self) -> dt.date | None:
        """The last day that counts: the end of the span, else 31 December of the year, else None."""
        if isinstance(self.span, Period):
            return self.span.end
        return dt.date(self.year, 12, 31) if self.year else None


@dataclass
class TargetRef:
    ref: str = field(metadata=doc("Mã của một mục tiêu chung trong `targets:`", "Id of a shared target"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Indicator:
    id: str = field(metadata=doc("Mã chỉ tiêu, không đổi", "Stable indicator id"))
    name: str = field(metadata=doc("Tên tiếng Việt", "Name in Vietnamese"))
    name_en: str = field(metadata=doc("Tên tiếng Anh", "Name in English"))
    pillar: Pillar = field(metadata=doc("Trụ cột", "Pillar"))
    unit: Unit = field(metadata=doc("Đơn vị", "Unit"))
    kind: Kind = field(metadata=doc("Loại chỉ tiêu", "Kind of indicator"))
    direction: Direction = field(
        default=Direction.UP, metadata=doc("up: càng cao càng tốt; down: càng thấp càng tốt", "Better is up/down")
    )
    unit_label: str | None = field(
        default=None, metadata=doc("Đơn vị đếm (vd. doanh nghiệp) hoặc thang điểm", "Counted noun or score scale, vi")
    )
    unit_label_en: str | None = field(
        default=None, metadata=doc("Đơn vị đếm, thang điểm tiếng Anh", "Counted noun or score scale, en")
    )
    definition_note: str | None = field(default=None, metadata=doc("Ghi chú định nghĩa", "Definition note"))
    definition_note_en: str | None = field(default=None, metadata=doc("Ghi chú định nghĩa (Anh)", "Definition note"))
    topic: str | None = field(
        default=None,
        metadata=doc(
            "Chủ đề so sánh: chỉ tiêu khác mã cùng chủ đề hiện cạnh nhau ở trang So sánh",
            "Comparison topic: indicators with other ids but the same topic sit together on the Compare page",
        ),
    )
    definition: str | None = field(
        default=None,
        metadata=doc("Mã định nghĩa trong definitions: (vd. dvctt-muc-4)", "Definition id from definitions:"),
    )
    plan: str | None = field(
        default=None,
        metadata=doc(
            "Cột mốc: mã kế hoạch mà việc này là một nhiệm vụ của nó",
            "A milestone: id of the plan it is a task of",
        ),
    )
    observations: list[Observation] = field(default_factory=list, metadata=doc("Số liệu đo được", "Observations"))
    targets: list[Target | TargetRef] = field(default_factory=list, metadata=doc("Mục tiêu", "Targets"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})

    def latest_observation(self) -> Observation | None:
        """The most recent observation, with a value or only a status (a milestone's), or None."""
        return latest_of(self.observations)

    def figures(self) -> list[Observation]:
        """The observations that have a value (a milestone's have none), oldest first: the one order of the package."""
        return in_time_order([o for o in self.observations if o.value is not None])

    def latest_figure(self, until: dt.date | None = None) -> Observation | None:
        """The most recent observation that has a value (ended by `until`, if given), or None."""
        return latest_of([o for o in self.observations if o.value is not None], until)

    @property
    def topic_key(self) -> str:
        """What the Compare page groups by: the topic if written, else the id."""
        return self.topic or self.id

    def definition_of(self, obs: Observation) -> str:
        """The definition a figure follows: its own, else its indicator's, else the indicator's id."""
        return obs.definition or self.definition or self.id

    def resolved_targets(self, shared: dict[str, Target]) -> list[Target]:
        """Targets with every `ref:` replaced by the shared target it names (unknown refs dropped)."""
        out: list[Target] = []
        for t in self.targets:
            if isinstance(t, TargetRef):
                if t.ref in shared:
                    out.append(shared[t.ref])
                continue
            out.append(t)
        return out


@dataclass
class Definition:
    """How a figure is measured, where two files (or two years) measure one thing differently."""

    id: str = field(metadata=doc("Mã định nghĩa", "Definition id"))
    name: str = field(metadata=doc("Tên ngắn", "Short name"))
    name_en: str = field(metadata=doc("Tên tiếng Anh", "Short name in English"))
    note: str | None = field(default=None, metadata=doc("Khác gì với định nghĩa khác", "How it differs"))
    note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    source: str | None = field(default=None, metadata=doc("Mã nguồn", "Source id"))
    merger_rule: str | None = field(
        default=None,
        metadata=doc(
            "Quy tắc công bố để tính số của tỉnh sau sáp nhập (vd. DTI: trung bình cộng các chỉ số chính)",
            "The published rule for a merged province's figure (e.g. the DTI: the mean of the main indices)",
        ),
    )
    merger_rule_en: str | None = field(default=None, metadata=doc("Quy tắc, tiếng Anh", "The rule in English"))
    merger_source: str | None = field(default=None, metadata=doc("Mã nguồn của quy tắc", "Source id of the rule"))
    main_indices: list[str] = field(
        default_factory=list,
        metadata=doc(
            "Mã các chỉ tiêu giữ từng chỉ số chính, trong tệp của các tỉnh cũ (quy tắc cần đủ mọi chỉ số)",
            "Ids of the indicators holding each main index in the former provinces' files (the rule needs every one)",
        ),
    )
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class NationalSeries:
    """The country's own published figures for an indicator: drawn on the province's chart as a reference line."""

    indicator: str = field(metadata=doc("Mã chỉ tiêu của tỉnh mà chuỗi này đi kèm", "Id of the province's indicator"))
    observations: list[Observation] = field(metadata=doc("Số liệu cả nước", "The country's figures"))
    label: str = field(default="Cả nước", metadata=doc("Nhãn đường tham chiếu", "Label of the reference line"))
    label_en: str = field(default="Viet Nam", metadata=doc("Nhãn tiếng Anh", "Label in English"))
    note: str | None = field(default=None, metadata=doc("Ghi chú", "Note"))
    note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})

    def figures(self) -> list[Observation]:
        """The country's figures, oldest first (the same order as Indicator.figures)."""
        return in_time_order([o for o in self.observations if o.value is not None])

    def latest_figure(self, until: dt.date | None = None) -> Observation | None:
        """The country's most recent figure (ended by `until`, if given), or None."""
        return latest_of([o for o in self.observations if o.value is not None], until)


@dataclass
class Document:
    """The document that issues a plan: 'Quyết định 2629/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ'."""

    issuer: str = field(metadata=doc("Cơ quan ban hành", "Issuing body"))
    source: str = field(metadata=doc("Mã nguồn (nơi đọc được văn bản hoặc nội dung)", "Source id where it was read"))
    number: str | None = field(
        default=None, metadata=doc("Số, ký hiệu (vd. 2629/QĐ-TTg); bỏ trống nếu nguồn không nêu", "Number, if known")
    )
    date: dt.date | None = field(default=None, metadata=doc("Ngày ban hành (dd/mm/yyyy)", "Date issued"))
    issuer_en: str | None = field(default=None, metadata=doc("Cơ quan ban hành (tiếng Anh)", "Issuing body in English"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Evidence:
    """The document that shows a task's result: số hiệu, ngày, trích yếu."""

    number: str = field(metadata=doc("Số hiệu văn bản", "Document number"))
    date: dt.date | None = field(default=None, metadata=doc("Ngày văn bản", "Date"))
    summary: str | None = field(default=None, metadata=doc("Trích yếu", "What it is about"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class TaskReport:
    """One report on a task: its date and status word, and what the agency says with it."""

    date: dt.date = field(metadata=doc("Ngày báo cáo (dd/mm/yyyy)", "Date of the report"))
    status: TaskStatus = field(
        metadata=doc(
            "hoan-thanh | dang-thuc-hien | chua-thuc-hien | khong-thuc-hien",
            "done | in progress | not started | not carried out",
        )
    )
    reason: str | None = field(
        default=None, metadata=doc("Lý do (bắt buộc khi không thực hiện)", "Reason (required when not carried out)")
    )
    result: str | None = field(default=None, metadata=doc("Kết quả", "Result"))
    obstacles: str | None = field(default=None, metadata=doc("Khó khăn, vướng mắc", "Obstacles"))
    evidence: Evidence | None = field(default=None, metadata=doc("Văn bản minh chứng", "Evidence document"))
    source: str | None = field(default=None, metadata=doc("Mã nguồn, nếu đã công bố", "Source id, if published"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Task:
    """A task (nhiệm vụ) of a plan, assigned to an agency, with a deadline and its reports over time."""

    id: str = field(metadata=doc("Mã nhiệm vụ, không đổi (cột riêng trong Excel)", "Stable task id"))
    title: str = field(metadata=doc("Tên nhiệm vụ", "Title"))
    lead: str = field(metadata=doc("Cơ quan chủ trì", "Agency in charge"))
    due: Period = field(metadata=doc("Thời hạn: 30/6/2026, 6/2026, Q2/2026 hoặc 2026", "Deadline"))
    title_en: str | None = field(default=None, metadata=doc("Tên tiếng Anh", "Title in English"))
    item: str | None = field(default=None, metadata=doc("Mục của văn bản (vd. mục II.3)", "Item of the document"))
    partners: list[str] = field(default_factory=list, metadata=doc("Cơ quan phối hợp", "Coordinating agencies"))
    reports: list[TaskReport] = field(default_factory=list, metadata=doc("Các lần báo cáo", "Status reports"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})

    def latest_report(self, until: dt.date | None = None) -> TaskReport | None:
        """The last report dated by `until` (all if None); ties keep file order."""
        dated = [r for r in self.reports if until is None or r.date <= until]
        return sorted(dated, key=lambda r: r.date)[-1] if dated else None


@dataclass
class Plan:
    """A plan (kế hoạch, chương trình, nghị quyết): its document, level and period; targets name it by `plan:`."""

    id: str = field(metadata=doc("Mã kế hoạch, không đổi (vd. qd-2629)", "Stable plan id"))
    name: str = field(metadata=doc("Tên tiếng Việt", "Name in Vietnamese"))
    name_en: str = field(metadata=doc("Tên tiếng Anh", "Name in English"))
    level: PlanLevel = field(metadata=doc("Cấp: national | provincial | department", "Level"))
    period: Period = field(metadata=doc("Kỳ của kế hoạch: 2026 hoặc 2026-2030", "Period: a year or a span"))
    document: Document = field(metadata=doc("Văn bản ban hành", "The document that issues it"))
    note: str | None = field(default=None, metadata=doc("Ghi chú", "Note"))
    note_en: str | None = field(default=None, metadata=doc("Ghi chú tiếng Anh", "Note in English"))
    tasks: list[Task] = field(default_factory=list, metadata=doc("Các nhiệm vụ", "Tasks"))
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})
    # The included file the plan is written in (data/plans.yaml for the national ones); None: the file itself.
    included_from: str | None = field(default=None, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Metrics:
    meta: Meta = field(metadata=doc("Thông tin chung", "About this file"))
    indicators: list[Indicator] = field(metadata=doc("Các chỉ tiêu", "Indicators"))
    sources: list[Source] = field(default_factory=list, metadata=doc("Các nguồn", "Sources"))
    targets: list[Target] = field(
        default_factory=list, metadata=doc("Mục tiêu chung, tham chiếu bằng `ref`", "Shared targets")
    )
    national: list[NationalSeries] = field(
        default_factory=list,
        metadata=doc("Chuỗi số liệu cả nước để đối chiếu", "The country's series, drawn as reference lines"),
    )
    definitions: list[Definition] = field(
        default_factory=list,
        metadata=doc("Các định nghĩa dùng chung (so sánh giữa địa phương)", "Shared definitions"),
    )
    plans: list[Plan] = field(
        default_factory=list,
        metadata=doc(
            "Kế hoạch: quốc gia trong data/plans.yaml, của tỉnh trong tệp của tỉnh",
            "Plans: national ones in data/plans.yaml, the province's own in its file",
        ),
    )
    include: list[str] = field(
        default_factory=list,
        metadata=doc("Tệp khác chứa sources/targets dùng chung", "Files with shared sources/targets"),
    )
    pos: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})

    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def target_by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets if t.id}

    def targets_of(self, indicator: Indicator) -> list[Target]:
        return indicator.resolved_targets(self.target_by_id())

    def definition_by_id(self) -> dict[str, Definition]:
        return {d.id: d for d in self.definitions}

    def plan_by_id(self) -> dict[str, Plan]:
        return {p.id: p for p in self.plans}

    def own_plans(self) -> list[Plan]:
        """The plans written in this file itself (not in a file it includes): those whose tasks it can change."""
        return [p for p in self.plans if p.included_from is None]

    def national_of(self, indicator: Indicator) -> NationalSeries | None:
        """The country's series for this indicator, if data/ holds one."""
        return next((n for n in self.national if n.indicator == indicator.id), None)
