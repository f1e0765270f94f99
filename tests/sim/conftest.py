"""Shared fixtures for the circuit-solver tests."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.sim import SParameters


@pytest.fixture
def wl() -> np.ndarray:
    """O-band grid, µm."""
    return np.linspace(1.26, 1.36, 301)


def assert_physical(sp: SParameters, lossless: bool = False) -> None:
    """Reciprocal, passive, and unitary when lossless."""
    s = sp.s
    np.testing.assert_allclose(s, np.swapaxes(s, -1, -2), atol=1e-12)
    assert np.linalg.svd(s, compute_uv=False).max() <= 1 + 1e-12
    if lossless:
        eye = np.eye(s.shape[-1])
        np.testing.assert_allclose(np.conj(np.swapaxes(s, -1, -2)) @ s, np.broadcast_to(eye, s.shape), atol=1e-10)
