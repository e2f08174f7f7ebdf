"""Today's date, from one place: the rules that say "overdue" or "before its deadline" ask here, so tests fix it."""

from __future__ import annotations

import datetime as dt
import os

ENV = "DXKPI_TODAY"  # dd/mm/yyyy: the date the app takes as today (a test, or a report written as of a day)


def today() -> dt.date:
    """The date in DXKPI_TODAY when it is set and valid, else the computer's date."""
    fixed = os.environ.get(ENV, "").strip()
    if fixed:
        try:
            day, month, year = (int(x) for x in fixed.split("/"))
            return dt.date(year, month, day)
        except ValueError:
            pass  # a mistyped value is ignored rather than stopping the app in front of a room
    return dt.date.today()
