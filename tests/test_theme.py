"""The theme in .streamlit/config.toml: every text Streamlit draws in its colours reaches WCAG AA on a projector."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dxkpi.core import fmt

THEME = tomllib.loads((Path(__file__).parent.parent / ".streamlit/config.toml").read_text("utf-8"))["theme"]


def tint(color: str, over: str, alpha: float = 0.1) -> str:
    """`color` laid at `alpha` over `over`: the fill Streamlit gives a selected segmented control or pill."""
    a, b = ([int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in (color, over))
    return "#" + "".join(f"{round(y * (1 - alpha) + x * alpha):02X}" for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize(
    ("text", "ground"),
    [
        ("textColor", "backgroundColor"),
        ("textColor", "secondaryBackgroundColor"),
        ("primaryColor", "backgroundColor"),  # links, a selected tab
    ],
)
def test_a_theme_colour_as_text_reaches_4_5_to_1_on_a_theme_background(text: str, ground: str):
    assert fmt.contrast(THEME[text], THEME[ground]) >= fmt.AA_CONTRAST


@pytest.mark.parametrize("ground", ["backgroundColor", "secondaryBackgroundColor"])
def test_a_selected_switchs_text_reaches_4_5_to_1_on_its_tinted_fill_in_the_page_and_in_the_sidebar(ground: str):
    primary = THEME["primaryColor"]
    assert fmt.contrast(primary, tint(primary, THEME[ground])) >= fmt.AA_CONTRAST


def test_a_primary_buttons_white_text_reaches_4_5_to_1():
    assert fmt.contrast("#FFFFFF", THEME["primaryColor"]) >= fmt.AA_CONTRAST
