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
