"""Models of the pads, pad arrays and via stacks: metal only, so they have no optical ports.

Their S-parameter dictionary is empty; the cells carry electrical ports (e1..eN) only, which the
optical circuit solver does not see. Their electrical behaviour (pad capacitance, contact
resistance) enters the device models that use them, e.g. the modulator electrode.
"""

from __future__ import annotations

import numpy as np

from lightlane.components import pads as cells
from lightlane.models._core import SDict, model

__all__ = ["pad", "pad_array", "via_stack"]


@model(cells.pad)
def pad(wl: np.ndarray = 1.31) -> SDict:
    """A pad has no optical ports: the empty S-matrix."""
    return {}


@model(cells.pad_array)
def pad_array(wl: np.ndarray = 1.31) -> SDict:
    """A pad array has no optical ports: the empty S-matrix."""
    return {}


@model(cells.via_stack)
def via_stack(wl: np.ndarray = 1.31) -> SDict:
    """A via stack has no optical ports: the empty S-matrix."""
    return {}
