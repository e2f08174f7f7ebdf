"""Fixtures shared by the browser tests: one way to start Debian's Chromium."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.serve import CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright; Playwright's own browser download is never used."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium package is needed (apt-get install chromium); never `playwright install`"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()
