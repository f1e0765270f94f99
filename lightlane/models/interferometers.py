"""Compact model of the Mach-Zehnder interferometer: splitter, two arms, mirrored splitter.

Composed in closed form from the splitter's model (:mod:`lightlane.models.couplers`) and the
arms' straights and Euler bends (:mod:`lightlane.models.waveguides`):
``S_out,in = sum_arm C[out, arm] A_arm S[arm, in]``, with the combiner's matrix equal to the
splitter's by reciprocity (it is the same cell, mirrored). For ideal 3 dB splitters the bar
transmission is ``cos^2(dphi / 2)``, ``dphi = 2 pi n_eff dL / wl``, and the fringe spacing is
``FSR = wl^2 / (n_g dL)`` (Chrostowski & Hochberg, "Silicon Photonics Design", CUP 2015).
"""

from __future__ import annotations

import numpy as np

from lightlane.models import couplers
from lightlane.models import waveguides as wg
from lightlane.models._core import SDict, call_with, model, sdict_from
from lightlane.pdk.process import TECH

__all__ = ["mzi_arms", "mzi_unbalanced"]


def mzi_arms(
    wl: np.ndarray,
    width: float,
    length_bend: float,
    length_straight_top: float,
    length_straight_bottom: float,
    cross_section: str,
    loss_db_per_cm: float | None,
    dn_eff: float | np.ndarray,
    dn_eff_top: float | np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The two arms' transmissions (top, bottom) of an MZI drawn as gdsfactory draws one: each
    arm its straights plus four 90-degree Euler bends; ``dn_eff_top`` perturbs the top arm only."""
    common = {"width": width, "cross_section": cross_section, "loss_db_per_cm": loss_db_per_cm}
    bend = wg.bend_euler(wl, length=length_bend, angle=90.0, dn_eff=dn_eff, **common)[("o2", "o1")]
    arms = []
    for length, extra in ((length_straight_top, dn_eff_top), (length_straight_bottom, 0.0)):
        straight = wg.straight(wl, length=length, dn_eff=dn_eff + extra, **common)
        arms.append(straight[("o2", "o1")] * bend**4)
    return arms[0], arms[1]


@model(circuit=True)
def mzi_unbalanced(
    wl: np.ndarray = TECH.wavelength,
    *,
    splitter: str,
    splitter_geometry: dict,
    width: float,
    length_bend: float,
    length_straight_top: float,
    length_straight_bottom: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
    dn_eff_top: float | np.ndarray = 0.0,
) -> SDict:
    """Unbalanced MZI with two ``mmi1x2`` or two ``mmi2x2`` (module docstring).

    Each arm is its straights plus four 90-degree Euler bends.

    Args:
        wl: wavelength in um.
        splitter: ``mmi1x2`` or ``mmi2x2``; splitter_geometry: its settings and info.
        width: arm core width in um; length_bend: path length of one bend in um.
        length_straight_top, length_straight_bottom: straight length of each arm in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation of both arms (and the splitters).
        dn_eff_top: extra perturbation of the top arm only (a phase shifter, an imbalance).
    """
    s = call_with(getattr(couplers, splitter), wl, splitter_geometry, dn_eff=dn_eff)
    top, bottom = mzi_arms(
        wl, width, length_bend, length_straight_top, length_straight_bottom, cross_section,
        loss_db_per_cm, dn_eff, dn_eff_top,
    )  # fmt: skip
    if splitter == "mmi1x2":
        through = s["o2", "o1"] ** 2 * top + s["o3", "o1"] ** 2 * bottom
        return sdict_from(("o1", "o2"), {("o2", "o1"): through})
    # The mirrored combiner takes the top arm on its o3 and the bottom arm on its o4; its o2 is
    # the MZI's o3 and its o1 the MZI's o4.
    combiner = {"o3": (s["o2", "o3"], s["o2", "o4"]), "o4": (s["o1", "o3"], s["o1", "o4"])}
    entries = {
        (out, inp): from_top * top * s["o3", inp] + from_bottom * bottom * s["o4", inp]
        for out, (from_top, from_bottom) in combiner.items()
        for inp in ("o1", "o2")
    }
    return sdict_from(("o1", "o2", "o3", "o4"), entries)
