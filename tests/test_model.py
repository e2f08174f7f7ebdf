"""The model's one "latest figure": the last in time order, by the end of the period, optionally up to a date."""

from __future__ import annotations

import datetime as dt

import pytest

from dxkpi.core.model import latest_of
from tests.builders import make_indicator, make_observation, year


@pytest.mark.parametrize(
    ("until", "expected"),
    [(None, 2024), (dt.date(2023, 12, 31), 2023), (dt.date(2023, 6, 30), 2021), (dt.date(2020, 12, 31), None)],
)
def test_the_latest_figure_is_the_last_to_end_up_to_the_date_asked(until, expected):
    ind = make_indicator(
        observations=[make_observation(1, year(2023)), make_observation(2, year(2024)), make_observation(3, year(2021))]
    )
    latest = ind.latest_figure(until)
    assert (latest.period.end_year if latest else None) == expected


def test_a_figure_without_a_value_is_never_the_latest_figure_but_is_the_latest_observation():
    ind = make_indicator(observations=[make_observation(1, year(2023)), make_observation(None, year(2024))])
    assert (ind.latest_figure().value, ind.latest_observation().period.end_year) == (1, 2024)


def test_the_latest_of_nothing_is_none():
    assert latest_of([]) is None
