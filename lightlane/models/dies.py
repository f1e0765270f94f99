"""Models of the die furniture (labels, frame): annotation only, no ports, empty S-parameters."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["die_frame", "text"]


@model()
def die_frame(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A die frame has no ports: the empty S-matrix."""
    return {}


@model()
def text(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A label has no ports: the empty S-matrix."""
    return {}
