"""Fixtures shared by the tests: one way to start Debian's Chromium, and one fixed "today"."""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from dxkpi.core import clock
from tests.serve import CHROMIUM_ARGS

# What is overdue or not yet due depends on the day: every test (and every app a browser test serves, which
# inherits the environment) sees the same one, the day this suite's expectations were written for.
TODAY = "02/12/2026"
os.environ.setdefault(clock.ENV, TODAY)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright; Playwright's own browser download is never used."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium package is needed (apt-get install chromium); never `playwright install`"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()
