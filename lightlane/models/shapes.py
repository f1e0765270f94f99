"""Models of gdsfactory's basic shapes: no optical ports, so their S-parameters are empty."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["C", "circle", "cross", "rectangle", "text_rectangular"]


@model()
def rectangle(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A rectangle carries no light (its ports are electrical): the empty S-matrix."""
    return {}


@model()
def circle(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A disc has no ports: the empty S-matrix."""
    return {}


@model()
def C(wl: np.ndarray = TECH.wavelength) -> SDict:  # noqa: N802 - gdsfactory's cell name
    """A C-shaped line carries no light (its ports are electrical): the empty S-matrix."""
    return {}


@model()
def cross(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A cross carries no light (no ports, or electrical ones): the empty S-matrix."""
    return {}


@model()
def text_rectangular(wl: np.ndarray = TECH.wavelength) -> SDict:
    """Text has no ports: the empty S-matrix."""
    return {}
