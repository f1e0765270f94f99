"""Models of the assembly pads (bumps, wire-bond and RF probe pads): metal only, no optical ports.

Their S-parameter dictionary is empty, as the probe pads' (:mod:`lightlane.models.pads`): the
cells carry electrical ports (e1..eN) only, which the optical circuit solver does not see. Their
electrical load, the plate capacitance to the substrate, is the cell's ``info["capacitance_ff"]``
for the models of the devices they serve (a modulator's electrode, a photodiode's bandwidth).
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["pad_bump", "pad_bump_array", "pad_probe_gs", "pad_probe_gsg", "pad_wirebond"]


@model()
def pad_bump(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A bump pad has no optical ports: the empty S-matrix."""
    return {}


@model(circuit=True)
def pad_bump_array(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A bump array has no optical ports: the empty S-matrix."""
    return {}


@model()
def pad_wirebond(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A wire-bond pad has no optical ports: the empty S-matrix."""
    return {}


@model(circuit=True)
def pad_probe_gsg(wl: np.ndarray = TECH.wavelength) -> SDict:
    """RF probe pads have no optical ports: the empty S-matrix."""
    return {}


@model(circuit=True)
def pad_probe_gs(wl: np.ndarray = TECH.wavelength) -> SDict:
    """RF probe pads have no optical ports: the empty S-matrix."""
    return {}
