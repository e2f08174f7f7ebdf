"""A plan's targets and tasks as rows of words: the one wording the Plans page, the deck and every export use."""

from __future__ import annotations

from dataclasses import dataclass

from dxkpi.analysis.plans import PlanAccount, TargetLine, TaskLine
from dxkpi.core import fmt
from dxkpi.core import model as m


@dataclass(frozen=True)
class TargetRow:
    """One target: status key and words, what it is, the goal and its plan, the figure, its period, why, source."""

    status: str
    status_text: str
    name: str
    goal: str
    plan: str
    figure: str
    period: str
    reason: str
    source: str


@dataclass(frozen=True)
class TaskRow:
    """One task: id, title, agency in charge and partners, deadline, status, the latest report's date and words."""

    id: str
    title: str
    lead: str
    partners: str
    due: str
    status: str
    status_text: str
    overdue: bool
    late: bool  # done after its deadline
    reported: str
    result: str
    obstacles: str
    evidence: str


def target_row(line: TargetLine, plan: m.Plan, sources: dict[str, m.Source], lang: str) -> TargetRow:
    """The words of one target line."""
    figure = line.figure
    ind = line.indicator
    shown = fmt.figure(figure, ind, lang) if figure is not None and ind is not None else "—"
    when = fmt.period(figure.period, lang) if figure is not None else "—"
    source_id = figure.source if figure is not None else line.target.source
    return TargetRow(
        status=str(line.state),
        status_text=fmt.status_label(line.state, lang)
        + (fmt.t(lang, " (vượt)", " (over-achieved)") if line.exceeded else ""),
        name=line.name(lang),
        goal=line.goal(lang),
        plan=fmt.plan_label(plan, lang),
        figure=shown,
        period=when,
        reason=line.sentence(lang),
        source=fmt.source_name(sources.get(source_id), source_id),
    )


def target_rows(account: PlanAccount, sources: dict[str, m.Source], lang: str) -> list[TargetRow]:
    """Every target of the plan, in file order."""
    return [target_row(line, account.plan, sources, lang) for line in account.targets]


def task_row(line: TaskLine, lang: str) -> TaskRow:
    """The words of one task line."""
    report = line.report
    evidence = ""
    if report is not None and report.evidence is not None:
        ev = report.evidence
        evidence = " ".join(x for x in (ev.number, fmt.date(ev.date) if ev.date else "", ev.summary or "") if x)
    reason = report.reason if report is not None and report.reason else ""
    result = report.result if report is not None and report.result else reason
    return TaskRow(
        id=line.id,
        title=line.title(lang),
        lead=line.lead or "—",
        partners=", ".join(line.task.partners) if line.task is not None else "",
        due=fmt.period(line.due, lang) if line.due is not None else "—",
        status=str(line.state),
        status_text=line.status(lang),
        overdue=line.overdue,
        late=line.late,
        reported=fmt.date(line.reported) if line.reported else "—",
        result=result,
        obstacles=report.obstacles if report is not None and report.obstacles else "",
        evidence=evidence,
    )


def task_order(account: PlanAccount) -> list[TaskLine]:
    """Every task line, the overdue ones first (then file order): the meeting asks about those first."""
    return sorted(account.tasks, key=lambda x: not x.overdue)


def task_rows(account: PlanAccount, lang: str) -> list[TaskRow]:
    """Every task, in task_order."""
    return [task_row(line, lang) for line in task_order(account)]
