"""Model of gdsfactory's die (:mod:`lightlane.components.gf_dies`)."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["die"]


@model()
def die(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A die outline has no ports: the empty S-matrix."""
    return {}
