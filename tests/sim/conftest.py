"""Shared fixtures for the circuit-solver tests."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def wl() -> np.ndarray:
    """O-band grid, µm."""
    return np.linspace(1.26, 1.36, 301)
