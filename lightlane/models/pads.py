"""Models of the pads and pad rows: metal only, so they have no optical ports.

Their S-parameter dictionary is empty; the cells carry electrical ports (e1..eN) only, which the
optical circuit solver does not see. Their electrical behaviour (pad capacitance, contact
resistance) enters the device models that use them, e.g. the modulator electrode.
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["pad", "pad_row"]


@model()
def pad(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A pad has no optical ports: the empty S-matrix."""
    return {}


@model(circuit=True)
def pad_row(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A pad array has no optical ports: the empty S-matrix."""
    return {}
