"""Models of the metal routing pieces: no optical ports, so their S-parameters are empty."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["wire_corner", "wire_straight"]


@model()
def wire_corner(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A wire corner has no optical ports: the empty S-matrix."""
    return {}


@model()
def wire_straight(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A metal straight has no optical ports: the empty S-matrix."""
    return {}
