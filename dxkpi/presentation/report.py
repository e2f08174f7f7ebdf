"""The Báo cáo as data: the letterhead, the numbered body, the two phụ lục tables, in the form of Nghị định 30/2020.

The Word export lays this out; nothing here knows Word. The report counts one plan (analysis.plans, at the report's
cut-off): its targets and tasks in the province's sentence, its unmet targets and overdue tasks, and the two phụ lục
in the Plans page's words (presentation.plan_rows). By default the plan is the first one open at the cut-off (the
province's own first); a report of a programme period with no plan named counts the closed period's final account
(analysis.account) and lists the milestones, as it did before plans existed. The pace of every indicator with a
target (analysis.progress) and the 2021–2025 account are said beside the plan's counts.
Every figure is the one the deck and the other exports show (fmt.spoken spells out the same number and unit with
the source's own words), cut off at the report's date (analysis.window), each followed by a note citing its source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

import plotly.graph_objects as go

from dxkpi.analysis import plans as pl
from dxkpi.analysis.account import Outcome, final_account
from dxkpi.analysis.progress import Progress, Status, assess_all
from dxkpi.analysis.window import ReportKind, Window, cut, window
from dxkpi.core import clock, fmt
from dxkpi.core import model as m
from dxkpi.presentation import plan_rows
from dxkpi.presentation.slides import citation, pillar_slide

BLANK = "…"  # what the clerk fills in: the number, the signer, the date of the document it is attached to


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph's text, followed by a footnote when `note` is set. `cites` are the sources the note
    cites, each with the words before it ("Số liệu: ", source id), from which draft() writes the note."""

    text: str
    note: str | None = None
    cites: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Block:
    """One paragraph of the body, in reading order.

    kind: "part" (Phần I + title), "section" (I. TITLE), "item" (1. Title), "sub" (a) Title), "text" (a body
    paragraph of `runs`), "placeholder" (bracketed text for the official to replace), "chart" (the picture
    `chart` of Draft.charts)."""

    kind: str
    number: str = ""
    title: str = ""
    runs: tuple[Run, ...] = ()
    chart: int | None = None


@dataclass(frozen=True)
class TargetRow:
    """A row of Phụ lục I: a target, what it stands at, and where the figures come from."""

    indicator: str
    target: str  # the target, and the plan's where there is one
    result: str
    period: str
    status: str  # an official status word (fmt.status_word)
    source: str


@dataclass(frozen=True)
class TaskRow:
    """A row of Phụ lục II: a task of the plan (or one of its milestones; with no plan, a milestone of the file) and
    how it stands."""

    task: str
    lead: str
    deadline: str
    status: str
    outcome: str  # the result, or the obstacles reported
    source: str


@dataclass(frozen=True)
class Annex:
    """A phụ lục: its label ('Phụ lục I'), title, column headings and relative widths, rows, and a line when it has
    none."""

    label: str
    title: str
    columns: tuple[str, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str
    note: str = ""


@dataclass(frozen=True)
class Letterhead:
    parent: str
    issuer: str
    number: str  # 'Số: …/BC-SKHCN'
    reference: str  # '…/BC-SKHCN': how a phụ lục names the report
    place_date: str  # 'Tây Ninh, ngày 02 tháng 12 năm 2026'


@dataclass(frozen=True)
class Draft:
    """The whole report, ready to lay out."""

    lang: str
    title: str  # the document's properties: the region's dashboard title
    letterhead: Letterhead
    nation: str
    motto: str
    kind_word: str  # 'BÁO CÁO'
    summary: str  # the trích yếu
    recipient: str  # 'Kính gửi: …'
    body: tuple[Block, ...]
    recipients_head: str  # 'Nơi nhận:'
    recipients: tuple[str, ...]
    signer: tuple[str, ...]
    annexes: tuple[Annex, ...]
    charts: tuple[go.Figure, ...]
    as_of: dt.date
    window: Window
    plan: m.Plan | None = None  # the plan the report counts; None: the closed period's account and the milestones


class UnknownPlan(ValueError):
    """A plan id the files do not hold; `known` lists the ids they do, in the chooser's order."""

    def __init__(self, plan_id: str, known: list[str]) -> None:
        super().__init__(plan_id)
        self.plan_id = plan_id
        self.known = known


def report_plan(
    metrics: m.Metrics, as_of: dt.date, kind: ReportKind = ReportKind.YEAR, plan_id: str | None = None
) -> m.Plan | None:
    """The plan a report counts: the one named (UnknownPlan if the files hold none by that id); else the first plan
    open at `as_of` (analysis.plans.open_plans: the province's own first); none for a programme period's report,
    which counts the closed period's final account, nor when no plan is open."""
    if plan_id is not None:
        found = metrics.plan_by_id().get(plan_id)
        if found is None:
            raise UnknownPlan(plan_id, [x.id for x in pl.plan_order(metrics)])
        return found
    if ReportKind(kind) is ReportKind.PERIOD:
        return None
    open_ = pl.open_plans(metrics, as_of)
    return open_[0] if open_ else None


def plain(label: str) -> str:
    """'✔ Hoàn thành (vượt)' -> 'Hoàn thành (vượt)': a status label of the Plans page without its icon, as a printed
    report writes it (the icons are the screen's, and Times New Roman has none of them)."""
    icon, _, word = label.partition(" ")
    return word if word and not icon.isalnum() else label


SUMMARY = {
    ReportKind.MONTH: ("Kết quả thực hiện chuyển đổi số {}", "Digital-transformation results, {}"),
    ReportKind.QUARTER: ("Kết quả thực hiện chuyển đổi số {}", "Digital-transformation results, {}"),
    ReportKind.HALF: ("Kết quả thực hiện chuyển đổi số {}", "Digital-transformation results, {}"),
    ReportKind.YEAR: ("Kết quả thực hiện chuyển đổi số {}", "Digital-transformation results, {}"),
    ReportKind.PERIOD: (
        "Kết quả thực hiện Chương trình Chuyển đổi số quốc gia {}",
        "Results of the National Digital Transformation Programme, {}",
    ),
}

# The pace statuses in the order a report counts them, then the ones with too little to go on.
TARGET_ORDER = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.ONE_OBSERVATION,
    Status.NO_DATA,
)
SHORTFALL = (Status.AT_RISK, Status.OFF_TRACK)


def place_of(meta: m.Meta) -> str:
    """Where the report is issued: the file's report_place, else the region's name without its '(cũ)'."""
    return meta.report_place or re.sub(r"\s*\(.*?\)\s*", " ", meta.region).strip()


def spoken_at(obs: m.Observation, ind: m.Indicator, lang: str) -> str:
    """'gần 11.500 tỷ đồng năm 2023' / 'khoảng 96% (12/2023)': fmt.figure_at with the source's words spelled out."""
    text = fmt.spoken(obs, ind, lang)
    if not obs.period.is_year:
        return f"{text} ({fmt.period(obs.period, lang)})"
    return fmt.t(lang, f"{text} năm {obs.period.start.year}", f"{text} in {obs.period.start.year}")


def _source_cites(obs: m.Observation, target: m.Target | None, lang: str) -> tuple[tuple[str, str], ...]:
    """What the footnote of a figure cites: the figure's source, and its target's."""
    cites = [(fmt.t(lang, "Số liệu: ", "Figure: "), obs.source)]
    if target is not None:
        cites.append((fmt.t(lang, "Mục tiêu: ", "Target: "), target.source))
    return tuple(cites)


def cited_once(body: list[Block], sources: dict[str, m.Source], lang: str) -> list[Block]:
    """The body with each run's footnote written from its `cites`, in reading order: a source in full the first
    time a note cites it, after that by its id and the number of the note that gives it in full ("Số liệu:
    [S16], xem chú thích 3."), as a report cites a document again; the same source twice in one note, by its id."""
    first: dict[str, int] = {}  # source id -> the note citing it in full
    number = 0
    out = []
    for block in body:
        runs = []
        for run in block.runs:
            if not run.cites:
                runs.append(run)
                continue
            number += 1
            parts = []
            for words, source_id in run.cites:
                if source_id in first:
                    again = first[source_id]
                    said = "" if again == number else fmt.t(lang, f", xem chú thích {again}", f", see note {again}")
                    parts.append(f"{words}[{source_id}]{said}")
                    continue
                first[source_id] = number
                source = sources.get(source_id)
                parts.append(words + (citation(source, lang) if source is not None else f"[{source_id}]"))
            runs.append(replace(run, note=". ".join(parts) + "."))
        out.append(replace(block, runs=tuple(runs)))
    return out


def _share_words(prog: Progress, lang: str) -> str:
    """' (bằng 95,3% mục tiêu: số tính từ kết quả và mục tiêu)': a computed share, labelled as computed."""
    if prog.share is None or prog.status is Status.ACHIEVED:
        return ""
    share = fmt.rate(prog.share * 100, lang)
    return fmt.t(
        lang,
        f" (bằng {share}% mục tiêu: số do bảng chỉ tiêu tính từ kết quả và mục tiêu)",
        f" ({share}% of the target: computed by the dashboard from the result and the target)",
    )


def _figure_runs(ind: m.Indicator, prog: Progress, lang: str) -> list[Run]:
    """One figure of a pillar's paragraph: what, how much and when, its footnote, then its target and status."""
    obs = ind.latest_figure()
    assert obs is not None
    target = prog.target
    runs = [Run(f"{fmt.name(ind, lang)}: {spoken_at(obs, ind, lang)}", cites=_source_cites(obs, target, lang))]
    if target is not None:
        runs.append(
            Run(
                fmt.t(lang, ", mục tiêu ", ", target ")
                + fmt.target_short(target, ind, lang)
                + f": {fmt.status_word(prog.status, lang).lower()}"
                + _share_words(prog, lang)
            )
        )
    return runs


def _pillar_paragraph(metrics: m.Metrics, progress: dict[str, Progress], pillar: m.Pillar, lang: str) -> Block:
    """Every figure of the pillar, each with its period, its source's words and a footnote; then those with none."""
    inds = [i for i in metrics.indicators if i.pillar is pillar and i.kind is not m.Kind.MILESTONE]
    figured = sorted((i for i in inds if i.latest_figure() is not None), key=lambda i: progress[i.id].target is None)
    runs: list[Run] = []
    for n, ind in enumerate(figured):
        if n:
            runs.append(Run("; "))
        runs += _figure_runs(ind, progress[ind.id], lang)
    if figured:
        runs.append(Run("."))
    missing = [fmt.name(i, lang) for i in inds if i.latest_figure() is None]
    if missing:
        head = fmt.t(lang, "Chưa có số liệu: ", "No figure yet: ")
        runs.append(Run((" " if runs else "") + head + "; ".join(missing) + "."))
    if not runs:
        runs.append(Run(fmt.t(lang, "Tệp số liệu chưa có chỉ tiêu nào của trụ cột này.", "No indicator yet.")))
    return Block("text", runs=tuple(runs))


def _tracked(metrics: m.Metrics) -> list[m.Indicator]:
    """The indicators measured against a target: those the overview counts."""
    return [i for i in metrics.indicators if i.kind in (m.Kind.MEASURED, m.Kind.RANK) and metrics.targets_of(i)]


def _milestones(metrics: m.Metrics) -> list[m.Indicator]:
    return [i for i in metrics.indicators if i.kind is m.Kind.MILESTONE and i.latest_observation() is not None]


def _counted(counts: Counter[str], order: tuple[str, ...], total: int, noun: str, lang: str) -> str:
    """'hoàn thành 05/23 chỉ tiêu; đúng tiến độ 02/23; …', in the official words and with leading zeros."""
    parts: list[str] = []
    for status in order:
        if not counts.get(status):
            continue
        word = fmt.status_word(status, lang).lower()
        parts.append(f"{word} {fmt.count_of(counts[status], total)}" + (f" {noun}" if not parts else ""))
    return "; ".join(parts)


def _plan_counts(account: pl.PlanAccount, lang: str) -> list[Block]:
    """The plan's name and cut-off, then its targets counted in the province's sentence (the Plans page's)."""
    plan = account.plan
    said = fmt.t(
        lang,
        f"Kế hoạch được báo cáo: {fmt.plan_title(plan, lang)}; đánh giá đến ngày {fmt.date(account.as_of)}.",
        f"The plan reported on: {fmt.plan_title(plan, lang)}; assessed as at {fmt.date(account.as_of)}.",
    )
    detail = fmt.t(lang, " (chi tiết tại Phụ lục I)", " (details in Annex I)") if account.targets else ""
    return [
        Block("text", runs=(Run(said),)),
        Block("text", runs=(Run(account.target_sentence(lang) + detail + "."),)),
    ]


def _results(
    metrics: m.Metrics, progress: dict[str, Progress], win: Window, lang: str, account: pl.PlanAccount | None
) -> list[Block]:
    """Phần I, I: the chosen plan's targets counted in the province's words (with a plan), the pace of the
    indicators with a target, the closed period's account; then the heading of the results by pillar."""
    blocks = [Block("section", "I.", fmt.t(lang, "TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU", "PROGRESS ON THE TARGETS"))]
    n = 0

    def item(title: str) -> None:
        nonlocal n
        n += 1
        blocks.append(Block("item", f"{n}.", title))

    if account is not None:
        label = fmt.plan_label(account.plan, lang)
        item(fmt.t(lang, f"Các chỉ tiêu của {label}", f"The targets of {label}"))
        blocks += _plan_counts(account, lang)
    item(fmt.t(lang, "Các chỉ tiêu có mục tiêu", "Indicators with a target"))
    tracked = _tracked(metrics)
    # Phụ lục I details the plan's targets when there is a plan, else the targets this part counts
    annex_ref = (
        fmt.t(lang, " (chi tiết tại Phụ lục I)", " (details in Annex I)")
        if account is None and win.kind is not ReportKind.PERIOD
        else ""
    )
    if tracked:
        counts = Counter(str(progress[i.id].status) for i in tracked)
        noun = fmt.t(lang, "chỉ tiêu", "indicators")
        text = fmt.t(
            lang,
            f"Trong {len(tracked):02d} chỉ tiêu có mục tiêu, đến thời điểm báo cáo: ",
            f"Of the {len(tracked)} indicators with a target, at the time of reporting: ",
        )
        text += _counted(counts, tuple(str(s) for s in TARGET_ORDER), len(tracked), noun, lang) + annex_ref + "."
        blocks.append(Block("text", runs=(Run(text),)))
        blocks.append(
            Block(
                "text",
                runs=(
                    Run(
                        fmt.t(
                            lang,
                            "Tiến độ của chỉ tiêu chưa đến hạn được đánh giá theo tốc độ cần thiết để đạt mục tiêu, "
                            "do bảng chỉ tiêu tính từ các số liệu đã công bố (phương pháp của Open SDG).",
                            "The progress of a target not yet due is judged by the pace needed to reach it, "
                            "computed by the dashboard from the published figures (Open SDG's method).",
                        )
                    ),
                ),
            )
        )
    else:
        blocks.append(
            Block("text", runs=(Run(fmt.t(lang, "Chưa có chỉ tiêu nào có mục tiêu.", "No indicator has a target.")),))
        )
    closed = final_account(metrics)
    item(fmt.t(lang, f"Tổng kết các mục tiêu năm {closed.year}", f"The targets for {closed.year}"))
    if closed.total:
        noun = fmt.t(lang, "mục tiêu", "targets")
        counts = Counter(str(line.outcome) for line in closed.lines)
        text = fmt.t(
            lang,
            f"Đối với {closed.total:02d} mục tiêu năm {closed.year} của giai đoạn {closed.first}–{closed.year}: ",
            f"Of the {closed.total} targets for {closed.year} of the {closed.first}–{closed.year} period: ",
        )
        order = tuple(str(o) for o in Outcome)
        detail = (
            fmt.t(lang, " (chi tiết tại Phụ lục I)", " (details in Annex I)")
            if account is None and win.kind is ReportKind.PERIOD
            else ""
        )
        text += _counted(counts, order, closed.total, noun, lang) + detail + "."
        blocks.append(Block("text", runs=(Run(text),)))
    else:
        blocks.append(
            Block(
                "text",
                runs=(Run(fmt.t(lang, f"Không có mục tiêu năm {closed.year}.", f"No target for {closed.year}.")),),
            )
        )
    item(fmt.t(lang, "Kết quả theo từng trụ cột", "Results by pillar"))
    return blocks


def _account_item(account: pl.PlanAccount | None) -> str:
    """Where Phần I says the closed period's account: I.2, or I.3 after the plan's targets."""
    return "I.3" if account is not None else "I.2"


def _tasks(metrics: m.Metrics, progress: dict[str, Progress], lang: str, account: pl.PlanAccount | None) -> list[Block]:
    """Phần I, II: the plan's tasks counted in the province's sentence (its milestones among them); with no plan,
    the milestones of the file."""
    blocks = [
        Block("section", "II.", fmt.t(lang, "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ", "PROGRESS ON THE TASKS")),
    ]
    if account is not None:
        detail = fmt.t(lang, " (chi tiết tại Phụ lục II)", " (details in Annex II)") if account.tasks else ""
        return [*blocks, Block("text", runs=(Run(account.task_sentence(lang) + detail + "."),))]
    milestones = _milestones(metrics)
    if milestones:
        counts = Counter(str(progress[i.id].status) for i in milestones)
        order = tuple(str(s) for s in (Status.DONE, Status.PILOT, Status.IN_PROGRESS, Status.PLANNED))
        noun = fmt.t(lang, "cột mốc", "milestones")
        text = fmt.t(
            lang,
            f"Trong {len(milestones):02d} cột mốc nền tảng và dự án ghi trong tệp số liệu: ",
            f"Of the {len(milestones)} platform and project milestones in the figures file: ",
        )
        text += _counted(counts, order, len(milestones), noun, lang)
        text += fmt.t(lang, " (chi tiết tại Phụ lục II).", " (details in Annex II).")
    else:
        text = fmt.t(
            lang, "Tệp số liệu chưa ghi nhiệm vụ hay cột mốc nào.", "The figures file has no task or milestone."
        )
    return [*blocks, Block("text", runs=(Run(text),))]


def _why(prog: Progress, lang: str, where: str = "I.2") -> str:
    """The status's reason, and where a later target is measured because earlier ones have passed, which part of the
    report gives those (`where`: the dashboard's own note points to a page of the dashboard)."""
    if not prog.horizon:
        return prog.reason(lang)
    years = ", ".join(str(y) for y in prog.passed)
    return prog.reason(lang) + fmt.t(
        lang,
        f" (đo so với mục tiêu {prog.horizon}; mục tiêu {years} đã qua: xem mục {where})",
        f" (measured against the {prog.horizon} target; the {years} target has passed: see {where})",
    )


UNMET = (pl.TargetState.NOT_ACHIEVED, pl.TargetState.NOT_CARRIED_OUT)


def _overdue_line(line: pl.TaskLine, lang: str) -> str:
    """'Lắp trạm 5G (Sở KH&CN; hạn Q2/2026): đang thực hiện · quá hạn, báo cáo ngày 15/05/2026; khó khăn, vướng
    mắc: Chưa có mặt bằng.': an overdue task in the Plans page's words, with the obstacles its last report gave."""
    row = plan_rows.task_row(line, lang)
    status = plain(row.status_text)
    head = f"{row.title} ({row.lead}; {fmt.t(lang, 'hạn', 'due')} {row.due}): {status[:1].lower()}{status[1:]}"
    if line.reported is not None:
        head += fmt.t(lang, f", báo cáo ngày {row.reported}", f", reported on {row.reported}")
    else:
        head += fmt.t(lang, ", chưa có báo cáo", ", no report yet")
    if row.obstacles:
        head += fmt.t(lang, "; khó khăn, vướng mắc: ", "; obstacles: ") + row.obstacles.rstrip(".")
    return head + "."


def _shortcomings(
    metrics: m.Metrics, progress: dict[str, Progress], lang: str, account: pl.PlanAccount | None
) -> list[Block]:
    """Phần I, III: the plan's unmet targets with why and its overdue tasks with their obstacles; the targets behind
    or missed, with why; with no plan, the milestones not done; the targets without data."""
    blocks = [Block("section", "III.", fmt.t(lang, "TỒN TẠI, HẠN CHẾ", "SHORTCOMINGS"))]
    behind = [i for i in _tracked(metrics) if progress[i.id].status in SHORTFALL]
    closed = final_account(metrics)
    missed = [g for g in closed.groups() if g.outcome is Outcome.NOT_ACHIEVED]
    # with a plan, its milestones are among its tasks (overdue or not); the file's others are not this report's
    waiting = [i for i in _milestones(metrics) if progress[i.id].status is not Status.DONE] if account is None else []
    unknown = [i for i in _tracked(metrics) if progress[i.id].status is Status.NO_DATA]
    unmet = [x for x in account.targets if x.state in UNMET] if account is not None else []
    overdue = list(account.overdue) if account is not None else []
    n = 0

    def item(title: str, lines: list[str]) -> None:
        nonlocal n
        n += 1
        blocks.append(Block("item", f"{n}.", title))
        blocks.extend(Block("text", runs=(Run(f"- {line}"),)) for line in lines)

    if account is not None and unmet:
        label = fmt.plan_label(account.plan, lang)
        item(
            fmt.t(lang, f"Các chỉ tiêu của {label} chưa hoàn thành", f"Targets of {label} not achieved"),
            [f"{x.name(lang)}: {x.sentence(lang)}." for x in unmet],
        )
    if account is not None and overdue:
        label = fmt.plan_label(account.plan, lang)
        item(
            fmt.t(lang, f"Các nhiệm vụ quá hạn của {label}", f"Overdue tasks of {label}"),
            [_overdue_line(x, lang) for x in overdue],
        )
    if behind:
        item(
            fmt.t(lang, "Các chỉ tiêu chậm hoặc có nguy cơ chậm tiến độ", "Targets behind or at risk"),
            [f"{fmt.name(i, lang)}: {_why(progress[i.id], lang, _account_item(account))}." for i in behind],
        )
    if missed:
        item(
            fmt.t(lang, f"Các mục tiêu năm {closed.year} chưa hoàn thành", f"Targets for {closed.year} not achieved"),
            [f"{fmt.name(g.indicator, lang)}: {g.sentence(lang)}." for g in missed],
        )
    if waiting:
        lines = []
        for ind in waiting:
            obs = ind.latest_observation()
            assert obs is not None
            note = fmt.fallback(lang, obs.note, obs.note_en)
            word = fmt.status_word(progress[ind.id].status, lang).lower()
            said = (
                fmt.t(lang, "ghi chú của tệp số liệu", "the figures file notes") + f": {note.rstrip('.')}"
                if note
                else ""
            )
            lines.append(
                f"{fmt.name(ind, lang)}: {word} ({fmt.period(obs.period, lang)})" + (f"; {said}" if said else "") + "."
            )
        item(fmt.t(lang, "Các cột mốc chưa hoàn thành", "Milestones not done"), lines)
    if unknown:
        item(
            fmt.t(lang, "Các chỉ tiêu chưa có số liệu để đánh giá", "Targets with no figure to assess"),
            ["; ".join(fmt.name(i, lang) for i in unknown) + "."],
        )
    if n == 0:
        blocks.append(
            Block("text", runs=(Run(fmt.t(lang, "Không có chỉ tiêu chậm tiến độ.", "No target is behind.")),))
        )
    blocks.append(
        Block(
            "placeholder",
            runs=(
                Run(
                    fmt.t(
                        lang,
                        "[Khó khăn, vướng mắc và nguyên nhân: cơ quan soạn thảo bổ sung.]",
                        "[Obstacles and their causes: to be added by the drafting office.]",
                    )
                ),
            ),
        )
    )
    return blocks


def _target_rows(metrics: m.Metrics, progress: dict[str, Progress], win: Window, lang: str) -> list[TargetRow]:
    """Phụ lục I: a report of a programme period lists its last year's targets (the final account); any other
    report lists each indicator's target as its progress measures it."""
    sources = metrics.source_by_id()

    def source_of(*ids: str) -> str:
        return "; ".join(dict.fromkeys(fmt.source_name(sources.get(i), i) for i in ids))

    def row(ind: m.Indicator, target: m.Target, obs: m.Observation | None, status: str) -> TargetRow:
        return TargetRow(
            fmt.name(ind, lang),
            fmt.target(target, ind, lang),
            fmt.spoken(obs, ind, lang) if obs else "—",
            fmt.period(obs.period, lang) if obs else "—",
            fmt.status_word(status, lang),
            source_of(*([obs.source] if obs else []), target.source),
        )

    if win.kind is ReportKind.PERIOD:
        return [row(line.indicator, line.target, line.figure, line.outcome) for line in final_account(metrics).lines]
    rows = []
    for ind in _tracked(metrics):
        prog = progress[ind.id]
        assert prog.target is not None
        rows.append(row(ind, prog.target, ind.latest_figure(), prog.status))
    return rows


def _task_rows(metrics: m.Metrics, progress: dict[str, Progress], lang: str) -> list[TaskRow]:
    """Phụ lục II until plans exist: a row per milestone (the file names no agency or deadline for them)."""
    sources = metrics.source_by_id()
    rows = []
    for ind in _milestones(metrics):
        obs = ind.latest_observation()
        assert obs is not None
        status = fmt.status_word(progress[ind.id].status, lang) + f" ({fmt.period(obs.period, lang)})"
        rows.append(
            TaskRow(
                fmt.name(ind, lang),
                "—",
                "—",
                status,
                fmt.fallback(lang, obs.note, obs.note_en) or "—",
                fmt.source_name(sources.get(obs.source), obs.source),
            )
        )
    return rows


def _plan_target_rows(account: pl.PlanAccount, sources: dict[str, m.Source], lang: str) -> list[TargetRow]:
    """Phụ lục I of a plan: its targets in the Plans page's words (plan_rows.target_rows), the state word with vượt;
    a figure that fits its target only imperfectly carries its caveat there, as the page's reason does."""
    rows = []
    for line, row in zip(account.targets, plan_rows.target_rows(account, sources, lang), strict=True):
        assessed = plain(row.status_text)
        figure = line.figure
        if figure is not None and figure.caveat:
            assessed += fmt.t(lang, "; lưu ý: ", "; caveat: ") + fmt.fallback(lang, figure.caveat, figure.caveat_en)
        rows.append(TargetRow(row.name, f"{row.goal}; {row.plan}", row.figure, row.period, assessed, row.source))
    return rows


def _milestone_source(line: pl.TaskLine, sources: dict[str, m.Source]) -> str:
    """The source of the status a milestone stands on at the cut-off (the last one dated by then)."""
    ind, when = line.milestone, line.reported
    assert ind is not None
    if when is None:
        return "—"
    steps = [o for o in m.in_time_order(ind.observations) if o.status is not None and o.period.end <= when]
    return fmt.source_name(sources.get(steps[-1].source), steps[-1].source) if steps else "—"


def _plan_task_rows(account: pl.PlanAccount, sources: dict[str, m.Source], lang: str) -> list[TaskRow]:
    """Phụ lục II of a plan: its tasks in the Plans page's words (plan_rows.task_rows), overdue first; the status
    with quá hạn and the date of the report it stands on; the result, or the obstacles reported; the evidence."""
    rows = []
    for line, row in zip(plan_rows.task_order(account), plan_rows.task_rows(account, lang), strict=True):
        status = plain(row.status_text) + (f" ({row.reported})" if line.reported is not None else "")
        said = [row.result] if row.result else []
        if row.obstacles:
            said.append(fmt.t(lang, "Khó khăn, vướng mắc: ", "Obstacles: ") + row.obstacles)
        source = _milestone_source(line, sources) if line.milestone is not None else row.evidence or "—"
        rows.append(TaskRow(row.title, row.lead, row.due, status, "; ".join(said) or "—", source))
    return rows


def _annexes(
    target_rows: list[TargetRow],
    task_rows: list[TaskRow],
    win: Window,
    lang: str,
    account: pl.PlanAccount | None = None,
) -> tuple[Annex, ...]:
    """Phụ lục I (the targets) and II (the tasks); with a plan, each says whose they are and as at which day."""
    stt = fmt.t(lang, "STT", "No.")
    if account is not None:
        title, day = fmt.plan_title(account.plan, lang), fmt.date(account.as_of)
        empty_targets = fmt.t(
            lang, "Kế hoạch chưa có chỉ tiêu nào trong tệp số liệu.", "The files hold no target of this plan."
        )
        targets_note = fmt.t(
            lang,
            f"Các chỉ tiêu của {title}, đánh giá đến ngày {day} theo số liệu cuối cùng đến hạn của chỉ tiêu: hoàn "
            "thành (vượt khi kết quả vượt mục tiêu), chưa hoàn thành, không thực hiện (theo đánh giá của cơ quan, có "
            "lý do), chưa có thông tin đánh giá (chưa có số liệu).",
            f"The targets of {title}, assessed as at {day} on each target's last figure by its deadline: achieved "
            "(over-achieved when the result is beyond the target), not achieved, not carried out (as the office "
            "judged it, with the reason), no information to assess (no figure yet).",
        )
        empty_tasks = fmt.t(
            lang, "Kế hoạch chưa có nhiệm vụ nào trong tệp số liệu.", "The files hold no task of this plan."
        )
        tasks_note = fmt.t(
            lang,
            f"Các nhiệm vụ của {title}, tình trạng theo báo cáo gần nhất đến ngày {day}; nhiệm vụ quá hạn xếp trước.",
            f"The tasks of {title}, each as its last report by {day} gives it; the overdue ones first.",
        )
        if any(x.milestone is not None for x in account.tasks):
            tasks_note += fmt.t(
                lang,
                " Các cột mốc của kế hoạch ghi trong tệp số liệu được liệt kê như nhiệm vụ; cơ quan chủ trì và thời hạn"
                " để trống (—) vì tệp không ghi.",
                " The plan's milestones in the figures file are listed as tasks; their lead agency and deadline are"
                " blank (—) because the file does not give them.",
            )
    else:
        empty_targets = fmt.t(lang, "Không có chỉ tiêu nào có mục tiêu.", "No indicator has a target.")
        targets_note = ""
        empty_tasks = fmt.t(
            lang, "Tệp số liệu chưa ghi nhiệm vụ hay cột mốc nào.", "The figures file has no task or milestone."
        )
        tasks_note = fmt.t(
            lang,
            "Chưa có kế hoạch nhiệm vụ trong tệp số liệu: bảng liệt kê các cột mốc nền tảng và dự án; cơ quan chủ trì "
            "và thời hạn để trống (—) vì tệp không ghi.",
            "No task plan in the figures file yet: the table lists the platform and project milestones; the lead "
            "agency and deadline are blank (—) because the file does not give them.",
        )
    first = Annex(
        fmt.t(lang, "Phụ lục I", "Annex I"),
        fmt.t(
            lang,
            f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ {win.name_vi.upper()}",
            f"PROGRESS ON THE DIGITAL-TRANSFORMATION TARGETS, {win.name_en.upper()}",
        ),
        (
            stt,
            fmt.t(lang, "Chỉ tiêu", "Indicator"),
            fmt.t(lang, "Mục tiêu (kế hoạch)", "Target (plan)"),
            fmt.t(lang, "Kết quả", "Result"),
            fmt.t(lang, "Kỳ số liệu", "Period"),
            fmt.t(lang, "Đánh giá", "Assessment"),
            fmt.t(lang, "Nguồn", "Source"),
        ),
        (6, 30, 18, 14, 10, 14, 18),
        tuple(
            (f"{n}", *(r.indicator, r.target, r.result, r.period, r.status, r.source))
            for n, r in enumerate(target_rows, 1)
        ),
        empty_targets,
        targets_note,
    )
    second = Annex(
        fmt.t(lang, "Phụ lục II", "Annex II"),
        fmt.t(lang, "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ", "PROGRESS ON THE TASKS"),
        (
            stt,
            fmt.t(lang, "Nhiệm vụ", "Task"),
            fmt.t(lang, "Cơ quan chủ trì", "Lead agency"),
            fmt.t(lang, "Thời hạn", "Deadline"),
            fmt.t(lang, "Tình trạng", "Status"),
            fmt.t(lang, "Kết quả hoặc khó khăn", "Result or obstacles"),
            fmt.t(lang, "Nguồn", "Source"),
        ),
        (6, 27, 12, 9, 14, 19, 13),
        tuple(
            (f"{n}", *(r.task, r.lead, r.deadline, r.status, r.outcome, r.source)) for n, r in enumerate(task_rows, 1)
        ),
        empty_tasks,
        tasks_note,
    )
    return first, second


def draft(
    metrics: m.Metrics,
    lang: str = "vi",
    *,
    as_of: dt.date | None = None,
    kind: ReportKind = ReportKind.YEAR,
    today: dt.date | None = None,
    charts: bool = False,
    plan: str | None = None,
) -> Draft:
    """The report of `metrics` as known on `as_of` (default today), for the `kind` of report, dated `today`,
    counting the plan of id `plan` (report_plan: by default the first open one; UnknownPlan for an id the files do
    not hold)."""
    today = today or clock.today()
    as_of = as_of or today
    closed = final_account(metrics)
    # a plain 'year' from a caller is the same kind; a programme period is the closed one the plans give
    win = window(ReportKind(kind), as_of, (closed.first, closed.year))
    known = cut(metrics, as_of)
    progress = assess_all(known, as_of)
    chosen = report_plan(known, as_of, kind, plan)
    # the plan counted on the figures known by the cut-off; account_of leaves out the task reports dated later
    account = pl.account_of(known, chosen, as_of) if chosen is not None else None
    meta = known.meta
    short = meta.report_issuer_short or BLANK
    number = f"{BLANK}/BC-{short}"
    letterhead = Letterhead(
        parent=(meta.report_parent or fmt.t(lang, "[CƠ QUAN CHỦ QUẢN]", "[PARENT BODY]")).upper(),
        issuer=(meta.report_issuer or fmt.t(lang, "[CƠ QUAN BAN HÀNH]", "[ISSUING BODY]")).upper(),
        number=fmt.t(lang, "Số: ", "No.: ") + number,
        reference=number,
        place_date=f"{place_of(meta)}, {fmt.long_date(today, lang)}",
    )
    summary = fmt.pick(lang, SUMMARY[kind]).format(win.name(lang))
    region = fmt.fallback(lang, meta.region, meta.region_en)
    intro = fmt.t(
        lang,
        f"Số liệu tính đến ngày {fmt.date(as_of)}. ",
        f"Figures as at {fmt.date(as_of)}. ",
    ) + win.rule(lang)
    body: list[Block] = [
        Block("text", runs=(Run(intro),)),
        Block(
            "text",
            runs=(
                Run(
                    fmt.t(
                        lang,
                        f"Báo cáo tổng hợp từ bảng chỉ tiêu chuyển đổi số của {region}; mỗi số liệu ghi kỳ số liệu, "
                        "cách nguồn diễn đạt và nguồn ở chú thích cuối trang.",
                        f"Compiled from the digital-transformation dashboard of {region}; each figure gives its "
                        "period, its source's wording and, in a footnote, its source.",
                    )
                ),
            ),
        ),
        Block(
            "part",
            fmt.t(lang, "Phần I", "Part I"),
            fmt.t(lang, f"KẾT QUẢ THỰC HIỆN {win.name_vi.upper()}", f"RESULTS, {win.name_en.upper()}"),
        ),
    ]
    body += _results(known, progress, win, lang, account)
    figures: list[go.Figure] = []
    for letter, pillar in zip("abcd", m.Pillar, strict=True):
        body.append(Block("sub", f"{letter})", fmt.pillar(pillar, lang)))
        body.append(_pillar_paragraph(known, progress, pillar, lang))
        if charts:
            for chart in pillar_slide(known, progress, pillar, lang).charts:
                body.append(Block("chart", chart=len(figures)))
                figures.append(chart.figure)
    body += _tasks(known, progress, lang, account)
    body += _shortcomings(known, progress, lang, account)
    for number_word, title_vi, title_en, ask_vi, ask_en in (
        (
            fmt.t(lang, "Phần II", "Part II"),
            "NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
            "TASKS AND MEASURES AHEAD",
            "[Nhiệm vụ, giải pháp trọng tâm thời gian tới: cơ quan soạn thảo bổ sung.]",
            "[The main tasks and measures ahead: to be added by the drafting office.]",
        ),
        (
            fmt.t(lang, "Phần III", "Part III"),
            "ĐỀ XUẤT, KIẾN NGHỊ",
            "PROPOSALS AND RECOMMENDATIONS",
            "[Đề xuất, kiến nghị: cơ quan soạn thảo bổ sung.]",
            "[Proposals and recommendations: to be added by the drafting office.]",
        ),
    ):
        body.append(Block("part", number_word, fmt.t(lang, title_vi, title_en)))
        body.append(Block("placeholder", runs=(Run(fmt.t(lang, ask_vi, ask_en)),)))
    if account is not None:
        sources = known.source_by_id()
        target_rows, task_rows = _plan_target_rows(account, sources, lang), _plan_task_rows(account, sources, lang)
    else:
        target_rows, task_rows = _target_rows(known, progress, win, lang), _task_rows(known, progress, lang)
    annexes = _annexes(target_rows, task_rows, win, lang, account)
    recipient = meta.report_recipient or BLANK
    return Draft(
        lang=lang,
        title=fmt.fallback(lang, meta.title, meta.title_en),
        letterhead=letterhead,
        nation=fmt.t(lang, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        motto=fmt.t(lang, "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        kind_word=fmt.t(lang, "BÁO CÁO", "REPORT"),
        summary=summary,
        recipient=fmt.t(lang, "Kính gửi: ", "To: ") + recipient,
        body=tuple(cited_once(body, known.source_by_id(), lang)),
        recipients_head=fmt.t(lang, "Nơi nhận:", "Recipients:"),
        recipients=(
            fmt.t(lang, "- Như trên;", "- As above;"),
            f"- {BLANK};",
            fmt.t(lang, f"- Lưu: VT, {BLANK}.", f"- Filed: VT, {BLANK}."),
        ),
        signer=(
            fmt.t(lang, "[QUYỀN HẠN, CHỨC VỤ NGƯỜI KÝ]", "[AUTHORITY AND TITLE OF THE SIGNER]"),
            "",
            "",
            "",
            fmt.t(lang, "[Họ và tên]", "[Full name]"),
        ),
        annexes=annexes,
        charts=tuple(figures),
        as_of=as_of,
        window=win,
        plan=chosen,
    )


def annex_reference(draft_: Draft) -> str:
    """'(Kèm theo Báo cáo số …/BC-SKHCN ngày … tháng … năm …)', as the decree heads a phụ lục."""
    number = draft_.letterhead.reference
    return fmt.t(
        draft_.lang,
        f"(Kèm theo Báo cáo số {number} ngày {BLANK} tháng {BLANK} năm {BLANK})",
        f"(Attached to Report No. {number} of {BLANK})",
    )
