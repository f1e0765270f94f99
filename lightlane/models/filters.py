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
order published CWDM4 lattice and AWG filters report.

Held filters (:mod:`lightlane.components.filter_heaters`): a TiN filament of length ``|dL_k|``
over each delay's longer arm, the stages' chains in the branches of a series-parallel network
the cell writes (``info["heater_network"]``, :func:`filter_heater_figures`: its resistance and
each branch's current from the drawn squares). The filaments' power per length ``p'`` warms the
cores under them by ``R' p'`` (``R'`` the planar heater-over-strip thermal resistance of
:func:`lightlane.physics.thermal.line_resistance` in this stack), so each heated straight runs
at ``dn_eff + DN_EFF_DT R' p'``. ``filter_hold=True`` is the hold loop locked (the drop taps
o6/o7 are its monitors; the engine's simulations run so): the heater warms the delays to the
filter's hold temperature whenever the chip (``T_REF_C + dn_eff / DN_EFF_DT``) is cooler, and is
off above it (:func:`filter_heater_mw`); by default the heater is off (``filter_heater_mw=0``),
which is what the layout's netlist of parts simulates to. A Monte Carlo draw of ``dn_eff`` is
taken out the same way (the locked loop holds the passbands whatever moved them, while it has
heating headroom); an index error that differs from stage to stage, which one drive cannot take
out, is not drawn. Heat that leaks to the shorter arms (tens of um away) and the contact
legs' own heat are left out."""

from __future__ import annotations

import numpy as np

from lightlane.models import couplers, transitions
from lightlane.models import waveguides as wg
from lightlane.models._core import SDict, array_namespace, call_with, model, sdict_from
from lightlane.models.heaters import HEATER_STACK
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.thermal import DN_EFF_DT, T_REF_C, line_resistance

__all__ = [
    "cwdm4_demux",
    "cwdm4_mux",
    "filter_heater_figures",
    "filter_heater_mw",
    "mzi_lattice_stage",
]

_LEG_CONTACT = 4.0  # um: the legs' width (components.filter_heaters.FILTER_HEATER_CONTACT)


def _stage_counts(stage_geometry: dict) -> list[tuple[dict, int]]:
    """(stage geometry, instances in the tree): stage 1 is used three times."""
    return [(g, 3 if name == "stage1" else 1) for name, g in stage_geometry.items()]


def _chain_squares(g: dict) -> float:
    """TiN squares of one stage's chain: each filament ``L / w`` and its two legs, each
    ``HEATER.SEP.1`` long and a contact wide (components.filter_heaters.chain_squares)."""
    leg = RULES["HEATER.SEP.1"].value / _LEG_CONTACT
    width = float(g.get("heater_width", 2.0))
    return sum(length / width + 2 * leg for length in g.get("heater_lengths", ()))


def _branches(stage_geometry: dict, network: list | None) -> list[dict]:
    """The network's branches: the cell's ``heater_network`` or, without one, every stage
    instance in one series branch (the series loop of earlier cells)."""
    if network:
        return [dict(b) for b in network]
    counts = _stage_counts(stage_geometry)
    stages = [name for name, (_, n) in zip(stage_geometry, counts, strict=True) for _ in range(n)]
    return [{"stages": stages, "ballast_squares": 0.0}]


def filter_heater_figures(stage_geometry: dict, network: list | None = None) -> dict:
    """Heated length (um), network resistance (Ohm), R' (K um/mW), the hold's power per kelvin
    (mW/K) and each stage's rise per kelvin of the reference branch's (branch 0, which holds
    stage 1: its drop taps are the hold loop's monitors) of a held tree.

    The network is parallel branches between the two pads, each a series of stage chains and
    a ballast (``network``: the cell's ``info["heater_network"]``, squares as drawn); a
    filament of branch ``b`` carries ``I_b = V / R_b``, so its rise per length is
    ``R' R_s I_b^2 / w`` and the stages of branch ``b`` rise ``(R_0 / R_b)^2`` times branch 0's.
    """
    widths = {float(g.get("heater_width", 2.0)) for g in stage_geometry.values()}
    if len(widths) != 1:
        raise ValueError(f"heater widths {sorted(widths)} differ between stages")
    width, sheet = widths.pop(), TECH.heater_sheet_resistance
    heated = sum(count * sum(g.get("heater_lengths", ())) for g, count in _stage_counts(
        stage_geometry))  # fmt: skip
    branches = _branches(stage_geometry, network)
    squares = [
        sum(_chain_squares(stage_geometry[name]) for name in b["stages"])
        + float(b.get("ballast_squares", 0.0))
        for b in branches
    ]
    if not heated or not all(squares):
        return {"heated_length_um": 0.0, "resistance_ohm": 0.0, "r_line_k_um_per_mw": 0.0,
                "hold_mw_per_k": 0.0, "stage_rise_ratio": {}, "branch_ohm": []}  # fmt: skip
    r_line = float(line_resistance(width, HEATER_STACK))
    ohm = [sheet * sq for sq in squares]
    network_ohm = 1.0 / sum(1.0 / r for r in ohm)
    # Branch 0 at rise dT: I^2 = dT w / (R' R_s), V = I R_0, P = V^2 / R_network.
    hold_mw_per_k = width / (r_line * sheet) * ohm[0] ** 2 / network_ohm
    ratio: dict[str, float] = {}
    for b, r in zip(branches, ohm, strict=True):
        for name in b["stages"]:
            ratio.setdefault(name, (ohm[0] / r) ** 2)
    return {
        "heated_length_um": heated,
        "resistance_ohm": network_ohm,
        "r_line_k_um_per_mw": r_line,
        "hold_mw_per_k": hold_mw_per_k,
        "stage_rise_ratio": ratio,
        "branch_ohm": ohm,
    }


def filter_heater_mw(stage_geometry: dict, hold_c: float | None, chip_c, network=None):
    """Electrical power (mW) that holds the tree's delays at ``hold_c`` on a chip at ``chip_c``
    (0 above it, or for an unheated tree); ``network`` as in :func:`filter_heater_figures`."""
    xp = array_namespace(chip_c)
    f = filter_heater_figures(stage_geometry, network)
    if hold_c is None or not f["heated_length_um"]:
        return xp.zeros_like(xp.asarray(chip_c, dtype=float))
    rise = xp.maximum(hold_c - xp.asarray(chip_c, dtype=float), 0.0)
    return rise * f["hold_mw_per_k"]


def _heater_rise_k(stage_geometry: dict, hold_c, power_mw, hold: bool, dn_eff, network=None):
    """Rise (K) of each stage's heated cores (by stage name): from ``power_mw``, or the hold's
    when ``hold``."""
    f = filter_heater_figures(stage_geometry, network)
    if not f["heated_length_um"]:
        return dict.fromkeys(stage_geometry, 0.0)
    if hold:
        chip = T_REF_C + dn_eff / DN_EFF_DT
        power_mw = filter_heater_mw(stage_geometry, hold_c, chip, network)
    elif array_namespace(power_mw) is np and np.any(np.asarray(power_mw) < 0):
        raise ValueError(f"filter_heater_mw={power_mw!r} mW must be >= 0: a heater only heats")
    rise = power_mw / f["hold_mw_per_k"]
    return {name: rise * f["stage_rise_ratio"][name] for name in stage_geometry}


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
    heater_lengths: list | tuple = (),
    heater_arm: str = "top",
    heater_rise_k: float | np.ndarray = 0.0,
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
        heater_lengths: heated length of each section's longer arm in um (empty: unheated).
        heater_arm: ``top`` or ``bottom``, the arm the filaments lie over.
        heater_rise_k: rise of the heated cores above the chip in K.
    """
    physics = {"dn_eff": dn_eff}
    heated = list(heater_lengths) or [0.0] * len(length_straight_top)
    if len(heated) != len(length_straight_top):
        raise ValueError(
            f"heater_lengths has {len(heated)} entries for {len(length_straight_top)} sections"
        )
    hot = dn_eff + DN_EFF_DT * heater_rise_k
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
    for (length_top, length_bottom, geometry), heat in zip(sections, heated, strict=True):
        lengths = {"top": length_top, "bottom": length_bottom}
        arms = {}
        for arm, length in lengths.items():
            cool = length - heat if arm == heater_arm else length
            t = wg.straight(wl, length=cool, dn_eff=dn_eff, **common)["o2", "o1"]
            if arm == heater_arm and heat > 0:
                t = t * wg.straight(wl, length=heat, dn_eff=hot, **common)["o2", "o1"]
            arms[arm] = t
        top, bottom = top * arms["top"], bottom * arms["bottom"]
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
    hold_temperature_c: float | None,
    heater_network: list | None,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
    filter_heater_mw: float | np.ndarray = 0.0,
    filter_hold: bool = False,
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
        hold_temperature_c: temperature in C a held tree is designed for (None: unheated).
        filter_heater_mw: the heater loop's electrical power in mW (``filter_hold`` False).
        filter_hold: the hold loop locked: the heater power the chip temperature asks
            (module docstring); the engine's simulations run so.
        heater_network: the heater branches the cell drew (``info["heater_network"]``, see
            :func:`filter_heater_figures`); None: every filament in one series loop.
    """
    physics = {"loss_db_per_cm": loss_db_per_cm, "dn_eff": dn_eff}
    rise = _heater_rise_k(
        stage_geometry, hold_temperature_c, filter_heater_mw, filter_hold, dn_eff, heater_network
    )
    stages = {
        name: call_with(mzi_lattice_stage, wl, geometry, heater_rise_k=rise[name], **physics)
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
    filter_heater_mw: float | np.ndarray = 0.0,
    filter_hold: bool = False,
) -> SDict:
    """CWDM4 multiplexer: the demultiplexer's matrix with its ports renamed (reciprocity).

    Args:
        wl: wavelength in um.
        demux_geometry: settings and info of the demultiplexer the cell mirrors.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (Monte Carlo: an array).
        filter_heater_mw: the heater loop's power in mW (``filter_hold`` False).
        filter_hold: the hold loop locked (:func:`cwdm4_demux`).
    """
    physics = {"loss_db_per_cm": loss_db_per_cm, "dn_eff": dn_eff}
    physics.update(filter_heater_mw=filter_heater_mw, filter_hold=filter_hold)
    demux = call_with(cwdm4_demux, wl, demux_geometry, **physics)
    return {
        (a, b): demux[_MUX_TO_DEMUX[a], _MUX_TO_DEMUX[b]]
        for a in _MUX_TO_DEMUX
        for b in _MUX_TO_DEMUX
    }
