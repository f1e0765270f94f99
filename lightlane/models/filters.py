"""Compact models of the CWDM4 filters, and the routine that designs their lattice stages.

A stage (:func:`mzi_lattice`) is composed in closed form from its parts' models, the way the
layout connects them: the 1x2 MMI (:mod:`lightlane.models.couplers`), two raised-sine S-bends,
then per section two arms (straights and four Euler bends each) and a directional coupler. The
arms' phase ``2 pi n_eff(wl) L / wl`` uses the mode-solver dispersion, so the grid of every
stage walks across the band as ``FSR = wl^2 / (n_g dL)`` (shared/DOMAIN.md section 2): with the
1x-delay of stage 1 (9.87 um) the local FSR is 37.8 nm at 1271 nm and 41.4 nm at 1331 nm. The
trees (:func:`cwdm4_demux`, :func:`cwdm4_mux`) chain the stages' models along the layout's
paths. Flat-top design after Horst et al., Opt. Express 21, 11652 (2013); CWDM4 windows and
targets (1-dB passband over 13 nm, adjacent crosstalk <= -20 dB, IL 1-2 dB) from DOMAIN.md.
"""

from __future__ import annotations

import numpy as np

from lightlane.components import filters as cells
from lightlane.models import couplers, transitions
from lightlane.models import waveguides as wg
from lightlane.models._core import FROM_CELL, SDict, model
from lightlane.models.couplers import sdict_from
from lightlane.models.dispersion import group_index, n_eff

__all__ = ["cwdm4_demux", "cwdm4_mux", "design_stage", "lane_windows", "mzi_lattice"]

WINDOW_HALF_WIDTH = 0.0065  # um: CWDM4 lanes are 13 nm wide (DOMAIN.md section 1)
# Normalised prototypes (phase offsets of the delays in rad, coupling angles in rad) of the
# ideal, dispersion-free lattice with a 50:50 first split, from a seeded random search with
# Nelder-Mead polish of the worst in-window leak: [1, 2, 2] for a 65 % window (stage 1),
# [1, 2] for a 32.5 % window (stage 2); design_stage() refines them with the real dispersion.
PROTOTYPES: dict[tuple[int, ...], tuple[float, ...]] = {
    (1, 2, 2): (1.5692, -3.1428, 3.1447, 0.9982, 0.4032, 0.1926),
    (1, 2): (1.5709, 3.1415, 1.0073, 0.2809),
}


def lane_windows(centres_nm: tuple[float, ...], n: int = 27) -> np.ndarray:
    """Wavelengths in um sampling each lane's 13 nm window, shape (lanes, n)."""
    centres = np.asarray(centres_nm)[:, None] * 1e-3
    return centres + np.linspace(-WINDOW_HALF_WIDTH, WINDOW_HALF_WIDTH, n)


def _call(fn, wl: np.ndarray, geometry: dict, **physics) -> SDict:
    """A part's model with its stored geometry (only the keys that model takes)."""
    accepted = set(fn.geometry_parameters) | {"cross_section"}
    return fn(wl, **{k: v for k, v in geometry.items() if k in accepted}, **physics)


@model(cells.mzi_lattice)
def mzi_lattice(
    wl: np.ndarray = 1.31,
    width: float = FROM_CELL,
    length_bend: float = FROM_CELL,
    length_straight_top: list = FROM_CELL,
    length_straight_bottom: list = FROM_CELL,
    splitter_geometry: dict = FROM_CELL,
    sbend_geometry: dict = FROM_CELL,
    coupler_geometry: list = FROM_CELL,
    cross_section: str = FROM_CELL,
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
    split = _call(couplers.mmi1x2, wl, splitter_geometry, **physics)
    sbend = {**sbend_geometry, "loss_db_per_cm": loss_db_per_cm}
    top = split["o2", "o1"] * _call(transitions.bend_s, wl, sbend, **physics)["o2", "o1"]
    sbend["dy"] = -sbend_geometry["dy"]
    bottom = split["o3", "o1"] * _call(transitions.bend_s, wl, sbend, **physics)["o2", "o1"]
    bend = wg.bend_euler(wl, length=length_bend, angle=90.0, dn_eff=dn_eff, **common)
    bend4 = bend["o2", "o1"] ** 4
    sections = zip(length_straight_top, length_straight_bottom, coupler_geometry, strict=True)
    for length_top, length_bottom, geometry in sections:
        top = top * wg.straight(wl, length=length_top, dn_eff=dn_eff, **common)["o2", "o1"]
        bottom = bottom * wg.straight(wl, length=length_bottom, dn_eff=dn_eff, **common)["o2", "o1"]
        dc = _call(couplers.coupler, wl, {**geometry, "loss_db_per_cm": loss_db_per_cm}, **physics)
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


@model(cells.cwdm4_demux)
def cwdm4_demux(
    wl: np.ndarray = 1.31,
    stage_designs: dict = FROM_CELL,
    fan_geometry: dict = FROM_CELL,
    extension_lengths: dict = FROM_CELL,
    cross_section: str = FROM_CELL,
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
        stage_designs: ``{"stage1" | "odd" | "even": [delays, coupler_lengths]}`` in um.
        fan_geometry: ``dx``, ``dy`` (magnitude) and ``length`` of the fan S-bends in um.
        extension_lengths: straight added after each output port, in um (0: none).
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation of every part (Monte Carlo: an array).
    """
    physics = {"loss_db_per_cm": loss_db_per_cm, "dn_eff": dn_eff}
    stages = {
        name: mzi_lattice(wl, delays=tuple(d), coupler_lengths=tuple(cl), **physics)
        for name, (d, cl) in stage_designs.items()
    }
    xs = {"width": cells.couplers.strip_cross_section(cross_section).width}
    fans = {
        sign: transitions.bend_s(
            wl,
            **{**fan_geometry, "dy": sign * fan_geometry["dy"]},
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


@model(cells.cwdm4_mux)
def cwdm4_mux(
    wl: np.ndarray = 1.31,
    cross_section: str = FROM_CELL,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """CWDM4 multiplexer: the demultiplexer's matrix with its ports renamed (reciprocity).

    Args:
        wl: wavelength in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (Monte Carlo: an array).
    """
    demux = cwdm4_demux(
        wl, cross_section=cross_section, loss_db_per_cm=loss_db_per_cm, dn_eff=dn_eff
    )
    return {
        (a, b): demux[_MUX_TO_DEMUX[a], _MUX_TO_DEMUX[b]]
        for a in _MUX_TO_DEMUX
        for b in _MUX_TO_DEMUX
    }


def _stage_power(wl: np.ndarray, delays: np.ndarray, coupler_lengths: np.ndarray) -> np.ndarray:
    """Lossless power at (top, bottom) of a default-geometry stage: the design's fast kernel."""
    index = n_eff(wl, 0.4)
    a = np.stack([np.ones_like(wl), np.ones_like(wl)]).astype(complex) / np.sqrt(2)
    height = (cells.COUPLER_PITCH - 0.2 - 0.4) / 2
    for delay, length in zip(delays, coupler_lengths, strict=True):
        phase = np.exp(-2j * np.pi * index * abs(delay) / wl)
        a = a * (
            np.stack([phase, np.ones_like(wl)])
            if delay > 0
            else np.stack([np.ones_like(phase), phase])
        )
        theta = couplers.coupling_angle(wl, np.asarray(0.2), length, 0.4, 10.0, height)
        c, s = np.cos(theta), -1j * np.sin(theta)
        a = np.stack([c * a[0] + s * a[1], s * a[0] + c * a[1]])
    return np.abs(a) ** 2


def worst_leak_db(
    delays, coupler_lengths, top_nm: tuple[float, ...], bottom_nm: tuple[float, ...]
) -> float:
    """Largest power (dB) a stage sends to the wrong output over the given lanes' windows."""
    leak = [_stage_power(w, delays, coupler_lengths)[1] for w in lane_windows(top_nm)]
    leak += [_stage_power(w, delays, coupler_lengths)[0] for w in lane_windows(bottom_nm)]
    return float(10 * np.log10(np.max(leak)))


def design_stage(
    orders: tuple[int, ...],
    top_nm: tuple[float, ...],
    bottom_nm: tuple[float, ...],
    fsr_nm: float,
    wl_ref: float,
) -> tuple[tuple[float, ...], tuple[float, ...], float]:
    """Delays and coupler lengths (um, on the layout grid) of a flat-top stage; its worst leak.

    1. Unit delay ``L = wl_ref^2 / (n_g fsr)`` (DOMAIN.md section 2), nudged to a whole number
       of wavelengths at ``wl_ref`` so that the prototype's phase offsets apply there.
    2. Delays ``orders[k] L + psi_k wl_ref / (2 pi n_eff)`` and coupler lengths whose coupling
       angle at ``wl_ref`` is the prototype's (:data:`PROTOTYPES`).
    3. Nelder-Mead on (unit-delay scale, psi_k, coupler lengths) minimising the worst leak over
       the lanes' 13 nm windows with the real n_eff(wl) and kappa(wl): this re-centres the grid
       against the FSR walk and absorbs the couplers' dispersion.
    4. Delays rounded to 2 nm and coupler lengths to 1 nm (grid), and the leak re-evaluated.
    """
    from scipy.optimize import minimize

    index, ng = float(n_eff(wl_ref, 0.4)), float(group_index(wl_ref, 0.4))
    unit = round(index * wl_ref**2 / (ng * fsr_nm * 1e-3) / wl_ref) * wl_ref / index
    n = len(orders)
    prototype = np.asarray(PROTOTYPES[tuple(orders)])
    grid = np.linspace(0.0, 60.0, 6001)
    height = (cells.COUPLER_PITCH - 0.6) / 2
    angle = couplers.coupling_angle(
        np.full_like(grid, wl_ref), np.asarray(0.2), grid, 0.4, 10.0, height
    )
    lengths = [grid[np.argmin(np.abs(angle - t))] for t in prototype[n:]]

    def unpack(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        offsets = x[1 : 1 + n] * wl_ref / (2 * np.pi * index)
        return np.asarray(orders) * unit * (1 + 1e-2 * x[0]) + offsets, x[1 + n :]

    def cost(x: np.ndarray) -> float:
        delays, lengths_ = unpack(x)
        return 10.0 if np.any(lengths_ < 0) else worst_leak_db(delays, lengths_, top_nm, bottom_nm)

    x = np.r_[0.0, prototype[:n], lengths]
    for _ in range(3):  # restarts: the simplex collapses early on this ripple-limited cost
        options = {"maxiter": 8000, "xatol": 1e-8, "fatol": 1e-7, "adaptive": True}
        x = minimize(cost, x, method="Nelder-Mead", options=options).x
    delays, lengths_ = unpack(x)
    delays = tuple(float(v) for v in np.round(delays / 0.002) * 0.002)
    lengths_ = tuple(float(v) for v in np.round(lengths_, 3))
    return delays, lengths_, worst_leak_db(delays, lengths_, top_nm, bottom_nm)


if __name__ == "__main__":
    print("STAGE1", design_stage((1, 2, 2), (1271, 1311), (1291, 1331), 40.0, 1.311))
    print("STAGE2_ODD", design_stage((1, 2), (1271,), (1311,), 80.0, 1.291))
    print("STAGE2_EVEN", design_stage((1, 2), (1291,), (1331,), 80.0, 1.311))
