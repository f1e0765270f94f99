"""Models of the via stacks: metal and contacts only, so they have no optical ports.

Their S-parameter dictionary is empty; their contact resistance enters the device models that
use them."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["via", "via1", "via2", "via_stack", "via_stack_heater_mtop", "viac"]


@model()
def via_stack(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A via stack has no optical ports: the empty S-matrix."""
    return {}


@model()
def via_stack_heater_mtop(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A heater contact has no optical ports: the empty S-matrix."""
    return {}


@model()
def via(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A via has no optical ports: the empty S-matrix."""
    return {}


@model()
def via1(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A via has no optical ports: the empty S-matrix."""
    return {}


@model()
def via2(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A via has no optical ports: the empty S-matrix."""
    return {}


@model()
def viac(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A via has no optical ports: the empty S-matrix."""
    return {}
