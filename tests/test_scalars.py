"""Numbers typed in a form or a spreadsheet cell: the Vietnamese way understood when unambiguous."""

from __future__ import annotations

import pytest

from dxkpi.reading.scalars import typed_number


@pytest.mark.parametrize(
    ("text", "percent", "read"),
    [
        ("11500", False, 11500),
        ("11.500", False, 11500),
        ("1.234.567", False, 1234567),
        ("1.234,5", False, 1234.5),
        ("88,9", True, 88.9),
        ("88.9", True, 88.9),
        (" 96% ", True, 96),
        ("96 %", True, 96),
        ("88,9%", True, 88.9),
        ("-3", False, -3),
    ],
)
def test_a_number_typed_the_vietnamese_way_is_understood_when_unambiguous(text, percent, read):
    assert typed_number(text, percent) == read


@pytest.mark.parametrize(
    ("text", "percent", "code"),
    [
        ("1,500", False, "ambiguous_comma"),
        ("96%", False, "number_with_unit"),
        ("193 tỷ", False, "number_with_unit"),
        ("nhiều", False, "number_words"),
        ("1/2", False, "wrong_type"),
    ],
)
def test_a_number_that_is_not_unambiguous_gets_the_validator_s_code(text, percent, code):
    got = typed_number(text, percent)
    assert isinstance(got, tuple) and got[0] == code
