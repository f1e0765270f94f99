"""Shared fixtures: the PDK is activated once; every test gets the list of registered cells."""

from __future__ import annotations

import hypothesis
import pytest

import lightlane
from lightlane.registry import get_pdk

CELL_NAMES = sorted(get_pdk().cells)


@pytest.fixture(scope="session", autouse=True)
def _active_pdk():
    """Every test runs with the lightlane PDK active (idempotent, never another PDK)."""
    lightlane.PDK.activate()
    yield


@pytest.fixture(params=CELL_NAMES)
def cell_name(request) -> str:
    """Parametrises a test over every cell registered in the PDK."""
    return request.param


# Property tests draw the same examples on every machine and every run, so a CI result can be
# reproduced here (a test's own settings may still ask for more examples).
hypothesis.settings.register_profile("lightlane", derandomize=True)
hypothesis.settings.load_profile("lightlane")
