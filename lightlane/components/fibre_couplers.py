"""Fibre couplers: focusing grating coupler, inverse-taper edge coupler, fibre array with loopback.

A grating coupler's fibre port lies over the grating, not on a polygon edge: such ports are
listed in ``info["vertical_ports"]`` so that layout checks test them for lying inside the
grating instead. They are typed ``optical`` (the model tests take optical ports only).
"""

from __future__ import annotations

import gdsfactory as gf
import numpy as np

from lightlane.components.waveguides import _require_positive, _xs, taper
from lightlane.models.dispersion import n_si, n_sio2, slab_index
from lightlane.pdk.layers import LAYER
from lightlane.pdk.rules import RULES

__all__ = [
    "edge_coupler",
    "grating_coupler",
    "grating_index",
    "phase_matched_period",
    "phase_matched_wavelength",
]

FIBRE_MFD = {1.31: 9.2, 1.55: 10.4}  # um, SMF-28 mode-field diameter [pub, Corning datasheet]
_ETCH_DEPTH = 0.07  # um, SHALLOW_ETCH (layer table)
_ARC_POINTS = 41


def grating_index(wl: np.ndarray | float, fill_factor: float | np.ndarray) -> np.ndarray:
    """First-order effective index of a shallow-etched grating, ``ff n(220 nm) + (1-ff) n(150 nm)``.

    Slab TE0 indices of the unetched (220 nm) and etched (150 nm) silicon, weighted by the fill
    factor (Chrostowski & Hochberg 2015, section 5.2: the weighted average that sets the period).
    """
    wl = np.asarray(wl, dtype=float)
    n_core, n_clad = n_si(wl), n_sio2(wl)
    tooth = slab_index(wl, 0.22, n_core, n_clad, tm=False)
    trench = slab_index(wl, 0.22 - _ETCH_DEPTH, n_core, n_clad, tm=False)
    return fill_factor * tooth + (1 - fill_factor) * trench


def phase_matched_period(wavelength: float, fibre_angle: float, fill_factor: float) -> float:
    """Period in um phase-matching ``wavelength``: ``(n_grating - n_clad sin(theta)) period = wl``.

    ``theta`` is the fibre angle in the cladding (index-matched fibre, n_clad = n_SiO2).
    """
    n_c = n_sio2(wavelength) * np.sin(np.radians(fibre_angle))
    return float(wavelength / (grating_index(wavelength, fill_factor) - n_c))


def phase_matched_wavelength(
    period: float | np.ndarray,
    fibre_angle: float,
    fill_factor: float,
    dn_eff: float | np.ndarray = 0.0,
) -> np.ndarray:
    """Centre wavelength in um of a grating of ``period``: the fixed point of the phase matching.

    Solves ``wl = period (n_grating(wl) + dn_eff - n_SiO2(wl) sin(theta))`` by iteration (a
    contraction: ``period |dn/dwl|`` is ~0.5).
    """
    sin_t = np.sin(np.radians(fibre_angle))
    wl = np.full(np.broadcast(period, dn_eff).shape, 1.31)
    for _ in range(60):
        wl = period * (grating_index(wl, fill_factor) + dn_eff - n_sio2(wl) * sin_t)
    return wl


@gf.cell
def grating_coupler(
    wavelength: float = 1.31,
    fibre_angle: float = 10.0,
    period: float | None = None,
    fill_factor: float = 0.5,
    n_periods: int = 25,
    taper_length: float = 15.0,
    sector_angle: float = 25.0,
    cross_section: str = "strip",
):
    """A focusing TE grating coupler: a fan from the strip and confocal elliptical trenches.

    ::

                      _____
                 __--| | | |      trenches (SHALLOW_ETCH, 70 nm) on the
        o1 ====<     | | o2|      grating field (SLAB150) of the fan (WG)
                 ‾‾--|_|_|_|

    Trench ``q`` lies at ``r(phi) = q period (1 - K) / (1 - K cos(phi))`` from the fan apex, with
    ``K = n_SiO2 sin(theta) / n_grating``: the ellipses focus the diffracted beam onto the
    waveguide (Van Laere et al., JLT 25, 151, 2007). The period phase-matches ``wavelength`` at
    ``fibre_angle`` unless given (:func:`phase_matched_period`); the C-band variant is
    ``grating_coupler(wavelength=1.55, cross_section="strip_c")``. The fibre port o2 lies at
    the grating centre, facing the direction the fibre leans to (gdsfactory's convention), and
    is listed in ``info["vertical_ports"]``.

    Args:
        wavelength: design wavelength in um (used only when ``period`` is None).
        fibre_angle: fibre angle from the vertical in degrees, in the cladding, in (0, 30].
        period: grating period in um along the axis; None designs it by phase matching.
        fill_factor: unetched fraction of a period, in (0, 1); teeth and trenches must both be
            at least the SHALLOW_ETCH minimum width/space.
        n_periods: number of trenches, >= 1.
        taper_length: distance in um from the fan apex to the first trench.
        sector_angle: full opening angle of the fan in degrees, in [10, 40].
        cross_section: cross-section of the waveguide at o1.
    """
    if not 0 < fibre_angle <= 30:
        raise ValueError(f"fibre_angle={fibre_angle:g} deg must be in (0, 30]")
    if not 10 <= sector_angle <= 40:
        raise ValueError(f"sector_angle={sector_angle:g} deg must be in [10, 40]")
    if not isinstance(n_periods, int | np.integer) or n_periods < 1:
        raise ValueError(f"n_periods={n_periods!r} must be an integer >= 1")
    if not 0 < fill_factor < 1:
        raise ValueError(f"fill_factor={fill_factor:g} must be in (0, 1)")
    _require_positive("taper_length", taper_length)
    if period is None:
        period = round(phase_matched_period(wavelength, fibre_angle, fill_factor), 3)
    _require_positive("period", period)
    etch = RULES["SHALLOW_ETCH.W.1"]
    for name, value in (("trench", (1 - fill_factor) * period), ("tooth", fill_factor * period)):
        if value < etch.value - 1e-9:
            raise ValueError(
                f"fill_factor={fill_factor:g} with period={period:g} um makes a {value:.3f} um "
                f"{name}, below the SHALLOW_ETCH minimum width/space of {etch.value:g} um "
                f"(rules SHALLOW_ETCH.W.1, SHALLOW_ETCH.S.1); use a fill factor within "
                f"[{etch.value / period:.3f}, {1 - etch.value / period:.3f}]"
            )
    xs = _xs(cross_section, None)

    half = np.radians(sector_angle / 2)
    phi = np.linspace(-half, half, _ARC_POINTS)
    k = n_sio2(wavelength) * np.sin(np.radians(fibre_angle)) / grating_index(
        wavelength, fill_factor
    )
    local_period = period * (1 - k) / (1 - k * np.cos(phi))
    q_first = int(np.ceil(taper_length / period))
    apex = xs.width / 2 / np.tan(half)  # where the fan is as wide as the waveguide: o1

    def arc(radius: np.ndarray) -> np.ndarray:
        return np.column_stack([radius * np.cos(phi) - apex, radius * np.sin(phi)])

    end = float(np.max((q_first + n_periods + 1) * local_period))
    fan = np.vstack([[(0, -xs.width / 2)], arc(np.full_like(phi, end)), [(0, xs.width / 2)]])
    field_start = (q_first - 0.5) * local_period
    field = np.vstack([arc(field_start), arc(np.full_like(phi, end))[::-1]])

    c = gf.Component()
    c.add_polygon(fan, layer=LAYER.WG)
    c.add_polygon(field, layer=LAYER.SLAB150)
    for q in range(q_first, q_first + n_periods):
        inner = (q + fill_factor) * local_period
        outer = (q + 1) * local_period
        c.add_polygon(np.vstack([arc(inner), arc(outer)[::-1]]), layer=LAYER.SHALLOW_ETCH)

    centre = round((q_first + n_periods / 2) * period - apex, 3)
    mfd = FIBRE_MFD[min(FIBRE_MFD, key=lambda wl: abs(wl - wavelength))]
    c.add_port("o1", center=(0, 0), width=xs.width, orientation=180, layer=LAYER.WG)
    c.add_port("o2", center=(centre, 0), width=mfd, orientation=0, layer=LAYER.WG)
    c.info["period"] = float(period)
    c.info["length"] = float(centre)
    c.info["width"] = float(xs.width)
    c.info["mode_field_diameter"] = mfd
    c.info["peak_wavelength"] = float(
        np.round(phase_matched_wavelength(period, fibre_angle, fill_factor), 6)
    )
    c.info["vertical_ports"] = ["o2"]
    return c


@gf.cell
def edge_coupler(
    length: float = 200.0,
    tip_width: float = 0.18,
    width: float | None = None,
    cross_section: str = "strip",
):
    """An inverse-taper spot-size converter: the core narrows to a tip at the chip facet.

    ::

        o1 =====-----_____  o2 (facet, fibre)
           width          tip_width

    The narrow tip pushes the mode into the cladding, where it grows to match a 3-4 um
    mode-field fibre (Almeida et al., Opt. Lett. 28, 1302, 2003; Cheben et al. 2015).
    o2 is the facet: the chip is diced or etched through the tip end.

    Args:
        length: taper length in um.
        tip_width: core width at the facet in um (>= WG minimum width).
        width: core width at o1 in um; None takes the cross-section's width.
        cross_section: cross-section name.
    """
    xs = _xs(cross_section, None if width is None else width)
    RULES.require_width("tip_width", tip_width, "WG")
    if tip_width >= xs.width:
        raise ValueError(
            f"tip_width={tip_width:g} um must be narrower than the waveguide width {xs.width:g} um"
        )
    core = taper(length=length, width1=xs.width, width2=tip_width, cross_section=cross_section)
    c = gf.Component()
    ref = c << core
    c.add_port("o1", port=ref.ports["o1"])
    c.add_port("o2", port=ref.ports["o2"])
    c.info["length"] = float(length)
    c.info["width"] = float(xs.width)
    c.info["tip_width"] = float(tip_width)
    return c
