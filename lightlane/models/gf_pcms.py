"""Model of gdsfactory's Greek cross (:mod:`lightlane.components.gf_pcms`)."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["cdsem_bend180", "cdsem_straight", "cdsem_straight_density", "greek_cross"]


@model()
def greek_cross(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A sheet-resistance monitor has no optical ports: the empty S-matrix."""
    return {}


@model()
def cdsem_straight(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A CD-SEM test structure has no ports: the empty S-matrix."""
    return {}


@model()
def cdsem_straight_density(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A CD-SEM test structure has no ports: the empty S-matrix."""
    return {}


@model()
def cdsem_bend180(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A CD-SEM test structure has no ports: the empty S-matrix."""
    return {}
