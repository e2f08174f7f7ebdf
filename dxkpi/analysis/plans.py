"""A plan counted the way the province counts it: each target's and each task's state at a cut-off date.

The rules, with examples, are in docs/progress-method.md ("Plans"). In short, at the cut-off date:

- a target with an official's judgement dated by then (cơ bản hoàn thành, không thực hiện) takes it, with its reason;
- else the figure that counts is the last one whose period ends by the deadline and by the cut-off (a figure dated
  later never counts); meeting the target is hoàn thành (vượt when beyond it), else chưa hoàn thành;
- with no such figure, or no indicator in the file that measures it, the target is chưa có thông tin đánh giá;
- a task takes the status of its last report dated by the cut-off (chưa thực hiện without one); it is quá hạn when
  its deadline has passed and it is not done; done after its deadline, it is hoàn thành quá hạn.

Pure functions of the model; today's date comes from dxkpi.core.clock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from dxkpi.analysis.progress import Progress, assess, counted, meets
from dxkpi.core import clock, fmt
from dxkpi.core import model as m


class TargetState(StrEnum):
    """How a plan's target stands; the values are fmt.STATUS_STYLE keys."""

    ACHIEVED = "completed"
    BASICALLY = "basically_achieved"
    NOT_ACHIEVED = "not_yet_achieved"
    NOT_CARRIED_OUT = "not_carried_out"
    NO_INFO = "no_info"


class TaskState(StrEnum):
    """A task's status word at the cut-off; the values are fmt.STATUS_STYLE keys."""

    DONE = "task_done"
    IN_PROGRESS = "task_in_progress"
    NOT_STARTED = "task_not_started"
    NOT_CARRIED_OUT = "task_not_carried_out"


_TASK_STATE = {status: TaskState(key) for status, key in fmt.TASK_STATUS.items()}

# A milestone of the files is a task whose reports are its observations (done, pilot, in progress, planned).
_MILESTONE_TASK = {
    m.MilestoneStatus.DONE: TaskState.DONE,
    m.MilestoneStatus.PILOT: TaskState.IN_PROGRESS,
    m.MilestoneStatus.IN_PROGRESS: TaskState.IN_PROGRESS,
    m.MilestoneStatus.PLANNED: TaskState.NOT_STARTED,
}


@dataclass(frozen=True)
class TargetLine:
    """One target of a plan at the cut-off: its state, the figure that decides it, and the sentence saying why."""

    target: m.Target
    indicator: m.Indicator | None  # None: no indicator of this file measures it
    state: TargetState
    exceeded: bool  # hoàn thành and beyond the target (vượt)
    figure: m.Observation | None  # the figure that counts
    later: m.Observation | None  # a figure dated after the deadline or the cut-off: shown, never counted
    judged: m.Assessment | None  # the official's judgement that decides it, if any
    open: bool  # the deadline has not passed at the cut-off
    pace: Progress | None  # before the deadline, the pace status the app computes
    sentence_vi: str
    sentence_en: str

    def sentence(self, lang: str) -> str:
        return fmt.t(lang, self.sentence_vi, self.sentence_en)

    def name(self, lang: str) -> str:
        """What the target is about: its indicator's name, else the target's own wording, else its id."""
        if self.indicator is not None:
            return fmt.name(self.indicator, lang)
        if self.target.name:
            return fmt.fallback(lang, self.target.name, self.target.name_en)
        return self.target.id or "—"

    def goal(self, lang: str) -> str:
        """'≥100% (giai đoạn 2025–2027, quốc gia)', or the target's wording where no indicator gives it a unit."""
        if self.indicator is not None:
            return fmt.target(self.target, self.indicator, lang)
        return _bare_goal(self.target, lang)


@dataclass(frozen=True)
class TaskLine:
    """One task at the cut-off: its state, whether it is late, and the report it stands on."""

    plan: m.Plan
    task: m.Task | None  # None for a milestone of the files
    milestone: m.Indicator | None
    state: TaskState
    overdue: bool  # the deadline has passed and it is not done (đang/chưa thực hiện quá hạn)
    late: bool  # done after its deadline (hoàn thành quá hạn)
    report: m.TaskReport | None
    reported: dt.date | None  # the date of the status the line stands on

    def title(self, lang: str) -> str:
        if self.task is not None:
            return fmt.fallback(lang, self.task.title, self.task.title_en)
        assert self.milestone is not None
        return fmt.name(self.milestone, lang)

    @property
    def lead(self) -> str:
        return self.task.lead if self.task is not None else ""

    @property
    def due(self) -> m.Period | None:
        return self.task.due if self.task is not None else None

    @property
    def id(self) -> str:
        return self.task.id if self.task is not None else (self.milestone.id if self.milestone else "")

    def status(self, lang: str) -> str:
        """'✔ Hoàn thành', '➜ Đang thực hiện · quá hạn', '✔ Hoàn thành · quá hạn' (done late)."""
        word = fmt.status_label(self.state, lang)
        if self.overdue or self.late:
            return f"{word} · {fmt.t(lang, 'quá hạn', 'overdue' if self.overdue else 'late')}"
        return word


@dataclass(frozen=True)
class AgencyRow:
    """One agency's tasks for the meeting where the chair asks who is late."""

    agency: str
    total: int
    done: int
    in_progress: int
    not_started: int
    overdue: int


@dataclass(frozen=True)
class PlanAccount:
    """A plan at a cut-off date: its targets and tasks in file order, and the counts in the province's words."""

    plan: m.Plan
    as_of: dt.date
    targets: tuple[TargetLine, ...]
    tasks: tuple[TaskLine, ...]

    def count(self, state: TargetState) -> int:
        return Counter(line.state for line in self.targets)[state]

    def task_count(self, state: TaskState) -> int:
        return Counter(line.state for line in self.tasks)[state]

    @property
    def exceeded(self) -> int:
        return sum(1 for line in self.targets if line.exceeded)

    @property
    def overdue(self) -> tuple[TaskLine, ...]:
        return tuple(line for line in self.tasks if line.overdue)

    def target_sentence(self, lang: str) -> str:
        """'Hoàn thành 23/34 chỉ tiêu; 02/34 chưa hoàn thành; 02/34 không thực hiện; 07/34 chưa có thông tin
        đánh giá', and its English twin."""
        n = len(self.targets)
        if n == 0:
            return fmt.t(lang, "Kế hoạch chưa có chỉ tiêu nào trong tệp", "The files hold no target of this plan")
        done = self.count(TargetState.ACHIEVED)
        beyond = f" ({fmt.t(lang, 'vượt', 'over-achieved')} {self.exceeded:02d})" if self.exceeded else ""
        head = fmt.t(lang, f"Hoàn thành {fmt.of_total(done, n)} chỉ tiêu", f"Achieved {fmt.of_total(done, n)} targets")
        parts = [head + beyond]
        for state in (
            TargetState.BASICALLY,
            TargetState.NOT_ACHIEVED,
            TargetState.NOT_CARRIED_OUT,
            TargetState.NO_INFO,
        ):
            k = self.count(state)
            if k:
                parts.append(f"{fmt.of_total(k, n)} {_lower(fmt.status_label(state, lang))}")
        return "; ".join(parts)

    def task_sentence(self, lang: str) -> str:
        """'Hoàn thành 05/12 nhiệm vụ (01 quá hạn); 04/12 đang thực hiện (02 quá hạn); 02/12 chưa thực hiện; …'."""
        n = len(self.tasks)
        if n == 0:
            return fmt.t(lang, "Kế hoạch chưa có nhiệm vụ nào trong tệp", "The files hold no task of this plan")
        parts = []
        for state in TaskState:
            lines = [x for x in self.tasks if x.state is state]
            if not lines and state is not TaskState.DONE:
                continue
            late = sum(1 for x in lines if x.overdue or x.late)
            tail = f" ({late:02d} {fmt.t(lang, 'quá hạn', 'overdue' if state is not TaskState.DONE else 'late')})"
            tail = tail if late else ""
            if state is TaskState.DONE:
                parts.append(
                    fmt.t(
                        lang,
                        f"Hoàn thành {fmt.of_total(len(lines), n)} nhiệm vụ",
                        f"Done {fmt.of_total(len(lines), n)} tasks",
                    )
                    + tail
                )
                continue
            parts.append(f"{fmt.of_total(len(lines), n)} {_lower(fmt.status_label(state, lang))}{tail}")
        return "; ".join(parts)

    def agencies(self) -> list[AgencyRow]:
        """Each agency in charge with its tasks done, in progress, not started and overdue; the latest first."""
        rows: dict[str, list[TaskLine]] = {}
        for line in self.tasks:
            if line.task is not None:
                rows.setdefault(line.lead, []).append(line)
        out = [
            AgencyRow(
                agency,
                len(lines),
                sum(1 for x in lines if x.state is TaskState.DONE),
                sum(1 for x in lines if x.state is TaskState.IN_PROGRESS),
                sum(1 for x in lines if x.state is TaskState.NOT_STARTED),
                sum(1 for x in lines if x.overdue),
            )
            for agency, lines in rows.items()
        ]
        return sorted(out, key=lambda r: (-r.overdue, r.agency))


def _lower(label: str) -> str:
    """'○ Chưa có thông tin đánh giá' -> 'chưa có thông tin đánh giá': the status word inside a sentence."""
    word = label.split(" ", 1)[1]
    return word[:1].lower() + word[1:]


def targets_of_plan(metrics: m.Metrics, plan_id: str) -> list[tuple[m.Target, m.Indicator | None]]:
    """Every target of the plan, each with the indicator of this file that measures it (None if none), in file
    order: the indicators' targets first, then the shared ones no indicator refers to."""
    out: list[tuple[m.Target, m.Indicator | None]] = []
    seen: set[int] = set()
    for ind in metrics.indicators:
        for target in metrics.targets_of(ind):
            if target.plan == plan_id and id(target) not in seen:
                seen.add(id(target))
                out.append((target, ind))
    for target in metrics.targets:
        if target.plan == plan_id and id(target) not in seen:
            seen.add(id(target))
            out.append((target, None))
    return out


def account_of(metrics: m.Metrics, plan: m.Plan, as_of: dt.date | None = None) -> PlanAccount:
    """The plan's targets and tasks at `as_of` (today by default), by the rules in the module docstring."""
    as_of = as_of or clock.today()
    targets = tuple(target_line(t, ind, as_of) for t, ind in targets_of_plan(metrics, plan.id))
    tasks = [task_line(plan, task, as_of) for task in plan.tasks]
    tasks += [milestone_line(plan, ind, as_of) for ind in metrics.indicators if ind.plan == plan.id]
    return PlanAccount(plan, as_of, targets, tuple(tasks))


def target_line(target: m.Target, ind: m.Indicator | None, as_of: dt.date) -> TargetLine:
    """One target's state at `as_of`."""
    deadline = target.deadline
    is_open = deadline is None or as_of <= deadline
    judged = _judgement(target, as_of)
    figures = ind.figures() if ind is not None else []  # as the final account counts them
    cutoff = min(deadline, as_of) if deadline is not None else as_of
    counting = [o for o in counted(figures, target) if o.period.end <= cutoff]
    figure = counting[-1] if counting else None
    after = [o for o in figures if o not in counting]
    later = after[-1] if after else None
    pace = assess(ind, [target], as_of) if ind is not None and is_open and judged is None else None
    if judged is not None:
        state = (
            TargetState.BASICALLY if judged.status is m.Judgement.BASICALLY_ACHIEVED else TargetState.NOT_CARRIED_OUT
        )
        exceeded = False
    elif figure is None:
        state, exceeded = TargetState.NO_INFO, False
    elif meets(figure, target):
        state, exceeded = TargetState.ACHIEVED, _beyond(figure, target)
    else:
        state, exceeded = TargetState.NOT_ACHIEVED, False
    vi, en = _sentence(target, ind, state, exceeded, figure, later, judged, is_open, pace)
    return TargetLine(target, ind, state, exceeded, figure, later, judged, is_open, pace, vi, en)


def _judgement(target: m.Target, as_of: dt.date) -> m.Assessment | None:
    dated = [a for a in target.assessed if a.date <= as_of]
    return sorted(dated, key=lambda a: a.date)[-1] if dated else None


def _beyond(figure: m.Observation, target: m.Target) -> bool:
    """Vượt: strictly better than the target's value (a share at 100% cannot exceed a 100% target)."""
    if figure.value is None:
        return False
    if target.comparator in (m.Comparator.AT_MOST, m.Comparator.LESS_THAN):
        return figure.value < target.value
    if target.comparator is m.Comparator.EXACTLY:
        return False
    return figure.value > target.value


def _sentence(
    target: m.Target,
    ind: m.Indicator | None,
    state: TargetState,
    exceeded: bool,
    figure: m.Observation | None,
    later: m.Observation | None,
    judged: m.Assessment | None,
    is_open: bool,
    pace: Progress | None,
) -> tuple[str, str]:
    """'đạt 95,13% (12/2025), mục tiêu ≥100% (giai đoạn 2025–2027, quốc gia): chưa hoàn thành; …' and its twin."""
    word_vi = _lower(fmt.status_label(state, "vi")) + (" (vượt)" if exceeded else "")
    word_en = _lower(fmt.status_label(state, "en")) + (" (over-achieved)" if exceeded else "")
    goal_vi = fmt.target(target, ind, "vi") if ind is not None else _bare_goal(target, "vi")
    goal_en = (
        fmt.target(target, ind, "en") if ind is not None else _bare_goal(target, "en")
    )  # a unit needs an indicator
    if judged is not None:
        reason_en = judged.reason_en or judged.reason
        vi = f"mục tiêu {goal_vi}: {word_vi} theo đánh giá ngày {fmt.date(judged.date)}, lý do: {judged.reason}"
        en = f"target {goal_en}: {word_en} as judged on {fmt.date(judged.date)}, because: {reason_en}"
    elif ind is None:
        vi = f"mục tiêu {goal_vi}: {word_vi} (tệp chưa có chỉ tiêu nào đo mục tiêu này)"
        en = f"target {goal_en}: {word_en} (no indicator in the file measures this target)"
    elif figure is None and is_open:
        vi = f"chưa có số liệu, mục tiêu {goal_vi}: {word_vi}"
        en = f"no figure yet, target {goal_en}: {word_en}"
    elif figure is None:
        vi = f"chưa có số liệu đến {fmt.deadline(target, 'vi')}, mục tiêu {goal_vi}: {word_vi}"
        en = f"no figure up to {fmt.deadline(target, 'en')}, target {goal_en}: {word_en}"
    else:
        vi = f"đạt {fmt.figure_at(figure, ind, 'vi')}, mục tiêu {goal_vi}: {word_vi}"
        en = f"{fmt.figure_at(figure, ind, 'en')}, target {goal_en}: {word_en}"
        if figure.caveat:
            vi += f"; lưu ý: {figure.caveat}"
            en += f"; caveat: {figure.caveat_en or figure.caveat}"
    if later is not None and ind is not None:
        vi += f"; số liệu {fmt.figure_at(later, ind, 'vi')} là sau hạn hoặc sau ngày chốt nên không tính"
        en += (
            f"; the figure {fmt.figure_at(later, ind, 'en')} comes after the deadline or the cut-off and does not count"
        )
    if is_open and pace is not None and state is not TargetState.ACHIEVED:
        vi += f"; chưa đến hạn, tiến độ: {_lower(fmt.status_label(pace.status, 'vi'))}"
        en += f"; not yet due, pace: {_lower(fmt.status_label(pace.status, 'en'))}"
    return vi, en


def _bare_goal(target: m.Target, lang: str) -> str:
    return f"{fmt.COMPARATOR[target.comparator]}{fmt.number(target.value, lang)} ({fmt.deadline(target, lang)})"


def task_line(plan: m.Plan, task: m.Task, as_of: dt.date) -> TaskLine:
    """One task's state at `as_of`: its last report by then, overdue or done late against its deadline."""
    report = task.latest_report(as_of)
    state = _TASK_STATE[report.status] if report is not None else TaskState.NOT_STARTED
    due = task.due.end
    done = state is TaskState.DONE
    overdue = as_of > due and state in (TaskState.IN_PROGRESS, TaskState.NOT_STARTED)
    late = done and report is not None and report.date > due
    return TaskLine(plan, task, None, state, overdue, late, report, report.date if report else None)


def milestone_line(plan: m.Plan, ind: m.Indicator, as_of: dt.date) -> TaskLine:
    """A milestone of the files as a task of its plan: its last status by `as_of`; it has no deadline of its own."""
    steps = [o for o in m.in_time_order(ind.observations) if o.status is not None and o.period.end <= as_of]
    last = steps[-1] if steps else None
    state = _MILESTONE_TASK[last.status] if last is not None and last.status is not None else TaskState.NOT_STARTED
    return TaskLine(plan, None, ind, state, False, False, None, last.period.end if last else None)


def plan_order(metrics: m.Metrics) -> list[m.Plan]:
    """Plans as a chooser lists them: the ones open today first (the province's own before the national), then
    the closed ones, each group newest first."""
    today = clock.today()
    level_rank = {m.PlanLevel.DEPARTMENT: 0, m.PlanLevel.PROVINCIAL: 1, m.PlanLevel.NATIONAL: 2}
    return sorted(
        metrics.plans,
        key=lambda p: (p.period.end < today, level_rank[p.level], -p.period.end.toordinal(), p.id),
    )


def closed_year(metrics: m.Metrics, today: dt.date | None = None) -> int | None:
    """The last year of the most recent national plan period that has ended (2025 for 749/QĐ-TTg in 2026); with
    no such plan, the last target year before this one; None when the files have neither."""
    today = today or clock.today()
    ended = [p.period.end.year for p in metrics.plans if p.level is m.PlanLevel.NATIONAL and p.period.end < today]
    if ended:
        return max(ended)
    years = [t.year for ind in metrics.indicators for t in metrics.targets_of(ind) if t.year and t.year < today.year]
    return max(years) if years else None


def current_span(metrics: m.Metrics, today: dt.date | None = None) -> tuple[int, int] | None:
    """The period the province works in now, from the open national plans: from the year after the last closed
    period (or the earliest open plan's start) to the latest open plan's end: (2026, 2030) in 2026."""
    today = today or clock.today()
    open_ = [p for p in metrics.plans if p.level is m.PlanLevel.NATIONAL and p.period.end >= today]
    if not open_:
        return None
    closed = closed_year(metrics, today)
    start = max(min(p.period.start.year for p in open_), (closed or 0) + 1)
    return start, max(p.period.end.year for p in open_)


def open_plans(metrics: m.Metrics, today: dt.date | None = None) -> list[m.Plan]:
    """The plans whose period has not ended, the province's own first (plan_order)."""
    today = today or clock.today()
    return [p for p in plan_order(metrics) if p.period.end >= today]
