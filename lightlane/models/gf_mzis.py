"""Models of gdsfactory's MZI and its 2x2 variants (:mod:`lightlane.components.gf_mzis`).

Composed in closed form like :func:`lightlane.models.interferometers.mzi_unbalanced`:
``S_out,in = sum_arm C[out, arm] A_arm S[arm, in]`` with the splitter's and the (mirrored)
combiner's models (:mod:`lightlane.models.couplers`) and each arm's straights and four Euler
bends (:mod:`lightlane.models.waveguides`). For ideal 3 dB couplers the fringe spacing is
``FSR = wl^2 / (n_g dL)`` (Chrostowski & Hochberg, "Silicon Photonics Design", CUP 2015).
"""

from __future__ import annotations

import numpy as np

from lightlane.models import couplers
from lightlane.models._core import SDict, call_with, model, sdict_from
from lightlane.models.interferometers import mzi_arms
from lightlane.pdk.process import TECH

__all__ = ["mzi", "mzi2x2_2x2", "mzi_coupler"]

# The couplers' west (input) ports, bottom to top; the mirrored combiner's become the MZI's east
# ports, which gdsfactory numbers top to bottom after the west ones.
_WEST = {"mmi1x2": ("o1",), "mmi2x2": ("o1", "o2"), "coupler": ("o1", "o2")}


def _compose(
    wl: np.ndarray,
    splitter: str,
    splitter_geometry: dict,
    combiner: str,
    combiner_geometry: dict,
    ports: tuple[str, str, str, str],
    width: float,
    length_bend: float,
    length_straight_top: float,
    length_straight_bottom: float,
    cross_section: str,
    loss_db_per_cm: float | None,
    dn_eff: float | np.ndarray,
    dn_eff_top: float | np.ndarray,
) -> SDict:
    s = call_with(getattr(couplers, splitter), wl, splitter_geometry, dn_eff=dn_eff)
    cm = call_with(getattr(couplers, combiner), wl, combiner_geometry, dn_eff=dn_eff)
    top, bottom = mzi_arms(
        wl, width, length_bend, length_straight_top, length_straight_bottom, cross_section,
        loss_db_per_cm, dn_eff, dn_eff_top,
    )  # fmt: skip
    arm = {"top": top, "bottom": bottom}
    split_top, split_bottom, comb_top, comb_bottom = ports
    inputs = {f"o{k + 1}": p for k, p in enumerate(_WEST[splitter])}
    n_in = len(inputs)
    outputs = {f"o{n_in + k + 1}": p for k, p in enumerate(reversed(_WEST[combiner]))}
    entries = {
        (out, inp): cm[c_out, comb_top] * arm["top"] * s[split_top, s_in]
        + cm[c_out, comb_bottom] * arm["bottom"] * s[split_bottom, s_in]
        for out, c_out in outputs.items()
        for inp, s_in in inputs.items()
    }
    return sdict_from((*inputs, *outputs), entries)


def _mzi_model(doc: str):
    def mzi_model(
        wl: np.ndarray = TECH.wavelength,
        *,
        splitter: str,
        splitter_geometry: dict,
        combiner: str,
        combiner_geometry: dict,
        port_e1_splitter: str,
        port_e0_splitter: str,
        port_e1_combiner: str,
        port_e0_combiner: str,
        width: float,
        length_bend: float,
        length_straight_top: float,
        length_straight_bottom: float,
        cross_section: str,
        loss_db_per_cm: float | None = None,
        dn_eff: float | np.ndarray = 0.0,
        dn_eff_top: float | np.ndarray = 0.0,
    ) -> SDict:
        ports = (port_e1_splitter, port_e0_splitter, port_e1_combiner, port_e0_combiner)
        return _compose(
            wl, splitter, splitter_geometry, combiner, combiner_geometry, ports, width,
            length_bend, length_straight_top, length_straight_bottom, cross_section,
            loss_db_per_cm, dn_eff, dn_eff_top,
        )  # fmt: skip

    mzi_model.__doc__ = doc + _ARGS
    return mzi_model


_ARGS = """

    Args:
        wl: wavelength in um.
        splitter: ``mmi1x2``, ``mmi2x2`` or ``coupler``; splitter_geometry: its settings, info.
        combiner: likewise; combiner_geometry: its settings and info.
        port_e1_splitter, port_e0_splitter: the splitter ports of the top and bottom arms.
        port_e1_combiner, port_e0_combiner: the combiner ports of the top and bottom arms.
        width: arm core width in um; length_bend: path length of one bend in um.
        length_straight_top, length_straight_bottom: straight length of each arm in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation of both arms (and the couplers).
        dn_eff_top: extra perturbation of the top arm only (a phase shifter, an imbalance).
"""


def _named(name: str, doc: str):
    f = _mzi_model(doc)
    f.__name__ = f.__qualname__ = name
    f.__module__ = __name__
    return model(circuit=True)(f)


mzi = _named("mzi", "gdsfactory's MZI, composed in closed form as this module describes.")
"""Model of gdsfactory's MZI: 1x2 splitter, two arms, mirrored combiner, in closed form."""
mzi2x2_2x2 = _named("mzi2x2_2x2", "gdsfactory's 2x2 MZI between two MMIs, in closed form.")
"""Model of gdsfactory's 2x2 MZI between two 2x2 MMIs, in closed form."""
mzi_coupler = _named("mzi_coupler", "gdsfactory's MZI between two directional couplers.")
"""Model of gdsfactory's MZI between two directional couplers, in closed form."""
