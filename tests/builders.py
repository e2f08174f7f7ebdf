"""Model objects for tests, built directly (no YAML): a year, an indicator with defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxkpi.model import Indicator, Kind, Period, Pillar, Unit


def year(y: int) -> Period:
    """The period of one whole year."""
    return Period(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))


def make_indicator(**fields: Any) -> Indicator:
    """An indicator with neutral defaults; any field may be given."""
    defaults: dict[str, Any] = {
        "id": "x",
        "name": "chỉ tiêu",
        "name_en": "indicator",
        "pillar": Pillar.DIGITAL_GOVERNMENT,
        "unit": Unit.PERCENT,
        "kind": Kind.MEASURED,
    }
    return Indicator(**{**defaults, **fields})
