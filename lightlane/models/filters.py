"""Compact models of the CWDM4 filters: the MZI-lattice stage and the demux / mux trees.

A stage (:func:`mzi_lattice_stage`) is composed in closed form from its parts' models, the way the
layout connects them: the 1x2 MMI (:mod:`lightlane.models.couplers`), two raised-sine S-bends, then
per section two arms (straights and four Euler bends each) and a directional coupler. The arms'
phase ``2 pi n_eff(wl) L / wl`` uses the mode-solver dispersion, so the grid of every stage walks
across the band as ``FSR = wl^2 / (n_g dL)``: with the 1x-delay of stage 1 (9.87 um) the local FSR
is 37.8 nm at 1271 nm and 41.4 nm at 1331 nm. The trees (:func:`cwdm4_demux`, :func:`cwdm4_mux`)
chain the stages' models along the layout's paths. Flat-top design after Horst et al., Opt. Express
21, 11652 (2013) (:mod:`lightlane.physics.lattice`). The targets it is checked against, 1-2 dB
insertion loss and -20 to -28 dB adjacent crosstalk over 13 nm passbands, are assumptions of the
order published CWDM4 lattice and AWG filters report."""

from __future__ import annotations

import numpy as np

from lightlane.models import couplers, transitions
from lightlane.models import waveguides as wg
from lightlane.models._core import SDict, call_with, model, sdict_from
from lightlane.pdk.process import TECH

__all__ = ["cwdm4_demux", "cwdm4_mux", "mzi_lattice_stage"]


@model(circuit=True)
def mzi_lattice_stage(
    wl: np.ndarray = TECH.wavelength,
    *,
    width: float,
    length_bend: float,
    length_straight_top: list,
    length_straight_bottom: list,
    splitter_geometry: dict,
    sbend_geometry: dict,
    coupler_geometry: list,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """1x2 MZI lattice: MMI, S-bends, then per section arms and a coupler (module docstring).

    Ports: o1 input, o2 top output, o3 bottom output (no path between o2 and o3: the MMI's
    outputs are isolated in its model).

    Args:
        wl: wavelength in um.
        width: core width in um; length_bend: path length of one Euler bend in um.
        length_straight_top, length_straight_bottom: straight length of each arm per section.
        splitter_geometry, sbend_geometry, coupler_geometry: the parts' settings and info.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation of every part (Monte Carlo: an array).
    """
    physics = {"dn_eff": dn_eff}
    common = {"width": width, "cross_section": cross_section, "loss_db_per_cm": loss_db_per_cm}
    split = call_with(couplers.mmi1x2, wl, splitter_geometry, **physics)
    sbend = {**sbend_geometry, "loss_db_per_cm": loss_db_per_cm}
    top = split["o2", "o1"] * call_with(transitions.bend_s, wl, sbend, **physics)["o2", "o1"]
    dx, dy = sbend_geometry["size"]
    sbend["size"] = (dx, -dy)
    bottom = split["o3", "o1"] * call_with(transitions.bend_s, wl, sbend, **physics)["o2", "o1"]
    bend = wg.bend_euler(wl, length=length_bend, angle=90.0, dn_eff=dn_eff, **common)
    bend4 = bend["o2", "o1"] ** 4
    sections = zip(length_straight_top, length_straight_bottom, coupler_geometry, strict=True)
    for length_top, length_bottom, geometry in sections:
        top = top * wg.straight(wl, length=length_top, dn_eff=dn_eff, **common)["o2", "o1"]
        bottom = bottom * wg.straight(wl, length=length_bottom, dn_eff=dn_eff, **common)["o2", "o1"]
        dc = call_with(
            couplers.coupler, wl, {**geometry, "loss_db_per_cm": loss_db_per_cm}, **physics
        )
        top, bottom = (
            dc["o3", "o2"] * top * bend4 + dc["o3", "o1"] * bottom * bend4,
            dc["o4", "o2"] * top * bend4 + dc["o4", "o1"] * bottom * bend4,
        )
    return sdict_from(("o1", "o2", "o3"), {("o2", "o1"): top, ("o3", "o1"): bottom})


# Demux output port -> (stage-1 output, clean-up output, pair stage, its output) on its path.
_DEMUX_PATHS: dict[str, tuple[str, str, str | None, str | None]] = {
    "o2": ("o2", "o2", "odd", "o2"),
    "o4": ("o2", "o2", "odd", "o3"),
    "o3": ("o3", "o3", "even", "o2"),
    "o5": ("o3", "o3", "even", "o3"),
    "o6": ("o2", "o3", None, None),
    "o7": ("o3", "o2", None, None),
}


@model(circuit=True)
def cwdm4_demux(
    wl: np.ndarray = TECH.wavelength,
    *,
    stage_geometry: dict,
    fan_geometry: dict,
    extension_lengths: dict,
    width: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """CWDM4 demultiplexer: the stages' models chained along the tree's paths.

    Each lane passes stage 1, the clean-up copy of stage 1 and a pair stage, with an S-bend fan
    after each of the first two and a straight to the common output plane; a drop port passes
    the first two stages. Lanes and drops see no path between them (the stages' outputs are
    isolated), so only the common port couples to the others.

    Args:
        wl: wavelength in um.
        stage_geometry: ``{"stage1" | "odd" | "even": settings and info}`` of each stage.
        fan_geometry: ``size`` (dx, dy magnitude) and ``length`` of the fan S-bends in um.
        extension_lengths: straight added after each output port, in um (0: none).
        width: core width in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation of every part (Monte Carlo: an array).
    """
    physics = {"loss_db_per_cm": loss_db_per_cm, "dn_eff": dn_eff}
    stages = {
        name: call_with(mzi_lattice_stage, wl, geometry, **physics)
        for name, geometry in stage_geometry.items()
    }
    xs = {"width": width}
    fans = {
        sign: transitions.bend_s(
            wl,
            size=(fan_geometry["size"][0], sign * fan_geometry["size"][1]),
            length=fan_geometry["length"],
            **xs,
            cross_section=cross_section,
            **physics,
        )["o2", "o1"]
        for sign in (1, -1)
    }
    first = stages["stage1"]
    entries = {}
    for port, (out1, out2, pair, out3) in _DEMUX_PATHS.items():
        fan = fans[1 if out1 == "o2" else -1]
        t = first[out1, "o1"] * fan * stages["stage1"][out2, "o1"]
        if pair is not None:
            t = t * fan * stages[pair][out3, "o1"]
        if extension_lengths[port] > 0:
            straight = wg.straight(
                wl, length=extension_lengths[port], **xs, cross_section=cross_section, **physics
            )
            t = t * straight["o2", "o1"]
        entries[port, "o1"] = t
    return sdict_from(("o1", *_DEMUX_PATHS), entries)


# Multiplexer port -> the demultiplexer port it is (the mux is the demux mirrored).
_MUX_TO_DEMUX = {"o1": "o2", "o2": "o3", "o3": "o4", "o4": "o5", "o5": "o1", "o6": "o6", "o7": "o7"}


@model(circuit=True)
def cwdm4_mux(
    wl: np.ndarray = TECH.wavelength,
    *,
    demux_geometry: dict,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """CWDM4 multiplexer: the demultiplexer's matrix with its ports renamed (reciprocity).

    Args:
        wl: wavelength in um.
        demux_geometry: settings and info of the demultiplexer the cell mirrors.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (Monte Carlo: an array).
    """
    physics = {"loss_db_per_cm": loss_db_per_cm, "dn_eff": dn_eff}
    demux = call_with(cwdm4_demux, wl, demux_geometry, **physics)
    return {
        (a, b): demux[_MUX_TO_DEMUX[a], _MUX_TO_DEMUX[b]]
        for a in _MUX_TO_DEMUX
        for b in _MUX_TO_DEMUX
    }
