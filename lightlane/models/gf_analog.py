"""Model of gdsfactory's interdigital capacitor (:mod:`lightlane.components.gf_analog`)."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["interdigital_capacitor"]


@model()
def interdigital_capacitor(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A metal capacitor has no optical ports: the empty S-matrix."""
    return {}
