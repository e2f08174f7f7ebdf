"""A periodic report's window and its data cut-off. Pure functions.

The window of each kind of report follows the reporting rules (Thông tư 02/2023/TT-BTTTT, under Nghị định
09/2019/NĐ-CP): a month from the 15th of the month before to the 14th; a quarter from the 15th of the month before
it to the 14th of its last month; six months from 15/12 of the year before to 14/6; a year from 15/12 of the year
before to 14/12. A programme period is its calendar years (2021–2025: 1/1/2021 to 31/12/2025).

The cut-off: a report uses only what was known by its date. A figure is dated by its source's date when the file
gives one (the day it was published), else by the end of its period; a figure of a period that had not begun by
the cut-off never counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dxkpi.core import fmt
from dxkpi.core import model as m


class ReportKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    PERIOD = "period"


@dataclass(frozen=True)
class Window:
    """The span a report covers and what it is called: 'năm 2026', 'quý IV/2026', 'giai đoạn 2021–2025'."""

    kind: ReportKind
    start: dt.date
    end: dt.date
    name_vi: str
    name_en: str

    def name(self, lang: str) -> str:
        return fmt.t(lang, self.name_vi, self.name_en)

    def rule(self, lang: str) -> str:
        """The sentence saying which span this is and why: '… từ ngày 15/12/2025 đến ngày 14/12/2026 (…)'."""
        span_vi = f"từ ngày {fmt.date(self.start)} đến ngày {fmt.date(self.end)}"
        span_en = f"from {fmt.date(self.start)} to {fmt.date(self.end)}"
        if self.kind is ReportKind.PERIOD:
            return fmt.t(
                lang,
                f"Kỳ báo cáo {self.name_vi} tính {span_vi} (các năm của giai đoạn Chương trình).",
                f"The report covers {self.name_en}, {span_en} (the programme period's calendar years).",
            )
        return fmt.t(
            lang,
            f"Kỳ báo cáo {self.name_vi} tính {span_vi} (theo Thông tư 02/2023/TT-BTTTT, Nghị định 09/2019/NĐ-CP).",
            f"The report covers {self.name_en}, {span_en} (the windows of Thông tư 02/2023/TT-BTTTT and "
            "Nghị định 09/2019/NĐ-CP).",
        )


def _day15_before(year: int, month: int) -> dt.date:
    """The 15th of the month before `month` of `year`."""
    return dt.date(year - 1, 12, 15) if month == 1 else dt.date(year, month - 1, 15)


def window(kind: ReportKind, as_of: dt.date, programme: tuple[int, int] | None = None) -> Window:
    """The window of the `kind` of report that `as_of` falls in by its calendar month, quarter or year; a
    programme period's is `programme` (first and last year: the closed period the plans give, 2021–2025 in 2026),
    else the five years before `as_of`'s."""
    kind = ReportKind(kind)
    y, mo = as_of.year, as_of.month
    if kind is ReportKind.MONTH:
        return Window(kind, _day15_before(y, mo), dt.date(y, mo, 14), f"tháng {mo:02d}/{y}", f"{mo:02d}/{y}")
    if kind is ReportKind.QUARTER:
        q = (mo - 1) // 3 + 1
        first, last = 3 * q - 2, 3 * q
        return Window(kind, _day15_before(y, first), dt.date(y, last, 14), f"quý {fmt.roman(q)}/{y}", f"Q{q} {y}")
    if kind is ReportKind.HALF:
        return Window(kind, dt.date(y - 1, 12, 15), dt.date(y, 6, 14), f"6 tháng đầu năm {y}", f"the first half of {y}")
    if kind is ReportKind.YEAR:
        return Window(kind, dt.date(y - 1, 12, 15), dt.date(y, 12, 14), f"năm {y}", str(y))
    first, last = programme or (as_of.year - 5, as_of.year - 1)
    return Window(
        kind,
        dt.date(first, 1, 1),
        dt.date(last, 12, 31),
        f"giai đoạn {first}–{last}",
        f"the {first}–{last} period",
    )


def dated(obs: m.Observation, sources: dict[str, m.Source]) -> dt.date:
    """The day a figure became known: its source's date, else the end of its period."""
    source = sources.get(obs.source)
    return source.date if source is not None and source.date is not None else obs.period.end


def known_by(obs: m.Observation, sources: dict[str, m.Source], as_of: dt.date) -> bool:
    """Whether a report cut off at `as_of` may use the figure (the module docstring's rule)."""
    return obs.period.start <= as_of and dated(obs, sources) <= as_of


def cut(metrics: m.Metrics, as_of: dt.date) -> m.Metrics:
    """The model as a report cut off at `as_of` sees it: every figure (province's and country's) known by then."""
    sources = metrics.source_by_id()

    def keep(observations: list[m.Observation]) -> list[m.Observation]:
        return [o for o in observations if known_by(o, sources, as_of)]

    return dataclasses.replace(
        metrics,
        indicators=[dataclasses.replace(i, observations=keep(i.observations)) for i in metrics.indicators],
        national=[dataclasses.replace(n, observations=keep(n.observations)) for n in metrics.national],
    )
