"""Fixtures shared by the test modules (the kit of project and document makers is tests/kit.py)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kit import make_county


@pytest.fixture
def county(tmp_path):
    """A small county project with seven evidence documents (see kit.make_county)."""
    return make_county(tmp_path / "content")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (its own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    from webkit import CHROMIUM, CHROMIUM_ARGS
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()
