"""Models of gdsfactory's named variants (:mod:`lightlane.components.gf_variants`)."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.models.edge_couplers import edge_coupler
from lightlane.pdk.process import TECH

__all__ = [
    "die_frame_rf",
    "pad_gs",
    "pad_gsg",
    "edge_coupler_silicon",
    "via_stack_heater_mtop_mini",
    "via_stack_m1_mtop",
    "via_stack_m2_m3",
    "via_stack_npp_m1",
    "via_stack_slab_npp_m3",
]


@model()
def edge_coupler_silicon(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    tip_width: float,
    cross_section: str,
    loss_db: float = 1.25,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """gdsfactory's silicon edge coupler: the inverse taper of :func:`edge_coupler` (its
    1.25 dB per facet, Almeida et al., Opt. Lett. 28(15), 1302, 2003), ``width -> tip_width``.

    Args:
        wl: wavelength in um.
        length: taper length in um.
        width: core width at o1 in um.
        tip_width: tip width at the facet in um.
        cross_section: cross-section name.
        loss_db: coupling loss per facet in dB.
        dn_eff: effective-index perturbation.
    """
    return edge_coupler(
        wl,
        length=length,
        width=width,
        tip_width=tip_width,
        cross_section=cross_section,
        loss_db=loss_db,
        dn_eff=dn_eff,
    )


@model()
def die_frame_rf(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A die outline has no ports: the empty S-matrix."""
    return {}


@model()
def pad_gsg(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A coplanar GSG line has no optical ports: the empty S-matrix."""
    return {}


@model()
def pad_gs(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A GS line has no optical ports: the empty S-matrix."""
    return {}


@model()
def via_stack_m1_mtop(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A metal stack has no optical ports: the empty S-matrix."""
    return {}


@model()
def via_stack_m2_m3(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A metal stack has no optical ports: the empty S-matrix."""
    return {}


@model()
def via_stack_npp_m1(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A slab contact has no optical ports: the empty S-matrix."""
    return {}


@model()
def via_stack_slab_npp_m3(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A slab contact has no optical ports: the empty S-matrix."""
    return {}


@model()
def via_stack_heater_mtop_mini(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A heater contact has no optical ports: the empty S-matrix."""
    return {}
