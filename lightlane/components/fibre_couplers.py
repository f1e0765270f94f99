"""Fibre couplers: focusing and 2-D grating couplers, inverse-taper edge coupler, fibre array.

A grating coupler's fibre port lies over the grating, not on a polygon edge: such ports are
listed in ``info["vertical_ports"]`` so that layout checks test them for lying inside the
grating instead. They are typed ``optical`` (the model tests take optical ports only).
"""

from __future__ import annotations

from typing import Literal

import gdsfactory as gf
import numpy as np

from lightlane.components._checks import (
    cross_section_with_width,
    device_cell,
    require_on_grid,
    require_positive,
)
from lightlane.components.delays import manhattan_path
from lightlane.components.transitions import crossing
from lightlane.components.waveguides import bend_euler, straight, taper
from lightlane.models.dispersion import n_si, n_sio2, slab_index
from lightlane.pdk.layers import LAYER
from lightlane.pdk.rules import RULES

__all__ = [
    "FIBRE_PITCHES",
    "edge_coupler",
    "fibre_array",
    "diagonal_angle",
    "grating_coupler",
    "grating_coupler_2d",
    "grating_index",
    "phase_matched_period",
    "phase_matched_wavelength",
]

FIBRE_PITCHES = (127.0, 250.0)  # um, V-groove fibre arrays [pub, DOMAIN.md section 1]
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
    require_positive("taper_length", taper_length)
    if period is None:
        period = round(phase_matched_period(wavelength, fibre_angle, fill_factor), 3)
    require_positive("period", period)
    etch = RULES["SHALLOW_ETCH.W.1"]
    for name, value in (("trench", (1 - fill_factor) * period), ("tooth", fill_factor * period)):
        if value < etch.value - 1e-9:
            raise ValueError(
                f"fill_factor={fill_factor:g} with period={period:g} um makes a {value:.3f} um "
                f"{name}, below the SHALLOW_ETCH minimum width/space of {etch.value:g} um "
                f"(rules SHALLOW_ETCH.W.1, SHALLOW_ETCH.S.1); use a fill factor within "
                f"[{etch.value / period:.3f}, {1 - etch.value / period:.3f}]"
            )
    xs = cross_section_with_width(cross_section, None)

    half = np.radians(sector_angle / 2)
    phi = np.linspace(-half, half, _ARC_POINTS)
    k = (
        n_sio2(wavelength)
        * np.sin(np.radians(fibre_angle))
        / grating_index(wavelength, fill_factor)
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


def diagonal_angle(fibre_angle: float) -> float:
    """In-axis angle in degrees of a fibre tilted by ``fibre_angle`` along the diagonal.

    A fibre tilted in the plane at 45 deg to both waveguide axes projects ``sin(theta)/sqrt(2)``
    of its in-plane wavevector onto each axis: each arm phase-matches like a 1-D grating at
    ``arcsin(sin(theta)/sqrt(2))`` (Van Laere et al., JLT 27, 612, 2009).
    """
    return float(np.degrees(np.arcsin(np.sin(np.radians(fibre_angle)) / np.sqrt(2))))


def _hole_gap(period: float, skew: float, hole: float) -> float:
    """Smallest space in um between axis-aligned square holes on the skewed lattice."""
    scale = period / (1 - skew**2)
    gaps = []
    for i, j in ((1, 0), (1, 1), (1, -1)):
        dx, dy = abs(i + j * skew) * scale, abs(j + i * skew) * scale
        gaps.append(np.hypot(max(dx - hole, 0.0), max(dy - hole, 0.0)))
    return float(min(gaps))


def _grid_up(value: float, step: float) -> float:
    return round(np.ceil(value / step - 1e-9) * step, 3)


@gf.cell
def grating_coupler_2d(
    wavelength: float = 1.31,
    fibre_angle: float = 10.0,
    period: float | None = None,
    hole_ratio: float = 0.6,
    n_periods: int = 24,
    taper_length: float = 300.0,
    cross_section: str = "strip",
):
    """A polarisation-diversity 2-D grating coupler: a lattice of holes feeding two tapers.

    ::

                  +---------+
                  | o o o o |   shallow-etched square holes (SHALLOW_ETCH, 70 nm) on a
        o1 ====<  | o o3o o |   silicon pad (WG, SLAB150); the fibre leans north-east
                  | o o o o |
                  +---------+
                      \\/
                      ||
                      o2

    Each fibre polarisation (along x or y) excites the TE mode of one arm: the X arm leaves
    west at o1, the Y arm south at o2 (Taillaert et al., IEEE PTL 15, 1249, 2003). Place the
    grating at a corner of the chip: both outputs head for its interior and the fibre leans
    away from both arms, in the plane bisecting them, so the two arms stay mirror images
    (Van Laere et al., JLT 27, 612, 2009). Phase matching ``beta x - G1 = k_fibre`` for such
    a fibre fixes the line spacing along x, ``period`` (:func:`diagonal_angle`), and tilts the
    hole rows by ``skew = atan(n_SiO2 sin(theta) period / (sqrt(2) wavelength))``: the lattice
    is a square one sheared by a few degrees, square for a vertical fibre. The grating does not
    focus: two linear tapers bring its mode down to the strip, adiabatically at the default
    300 um (a half-angle of 1.1 deg). The fibre
    ports o3 (polarisation X, to o1) and o4 (polarisation Y, to o2) both lie at the grating
    centre, facing the direction the fibre leans to; both are in ``info["vertical_ports"]``.

    Args:
        wavelength: design wavelength in um: sets ``period`` when it is None, and the skew.
        fibre_angle: fibre angle from the vertical in degrees, in the cladding, in (0, 30],
            tilted along the diagonal between the arms.
        period: hole-row spacing along each arm in um; None designs it by phase matching.
        hole_ratio: side of the square holes over ``period``, in (0, 1); holes and the spaces
            between them must meet the SHALLOW_ETCH minimum width, space and area.
        n_periods: holes along each side of the lattice, >= 2.
        taper_length: length in um of each linear taper from the pad to the strip.
        cross_section: cross-section of the waveguides at o1 and o2.
    """
    if not 0 < fibre_angle <= 30:
        raise ValueError(f"fibre_angle={fibre_angle:g} deg must be in (0, 30]")
    if not isinstance(n_periods, int | np.integer) or n_periods < 2:
        raise ValueError(f"n_periods={n_periods!r} must be an integer >= 2")
    if not 0 < hole_ratio < 1:
        raise ValueError(f"hole_ratio={hole_ratio:g} must be in (0, 1)")
    require_positive("taper_length", taper_length)
    require_on_grid("taper_length", taper_length)
    require_positive("wavelength", wavelength)
    xs = cross_section_with_width(cross_section, None)
    in_axis = diagonal_angle(fibre_angle)
    if period is None:
        period = round(phase_matched_period(wavelength, in_axis, 1 - hole_ratio**2), 3)
    require_positive("period", period)
    require_on_grid("period", period)
    hole = round(round(hole_ratio * period / (2 * RULES.grid)) * 2 * RULES.grid, 3)
    width, area, space = (RULES[f"SHALLOW_ETCH.{k}.1"].value for k in "WAS")
    smallest = _grid_up(max(width, np.sqrt(area)), 2 * RULES.grid)
    if hole < smallest - 1e-9:
        raise ValueError(
            f"hole_ratio={hole_ratio:g} with period={period:g} um makes {hole:.3f} um holes, "
            f"below the smallest SHALLOW_ETCH hole of {smallest:.3f} um (rules SHALLOW_ETCH.W.1 "
            f"width {width:g} um, SHALLOW_ETCH.A.1 area {area:g} um^2); "
            f"use hole_ratio >= {smallest / period:.3f}"
        )
    skew = n_sio2(wavelength) * np.sin(np.radians(fibre_angle)) * period
    skew /= np.sqrt(2) * wavelength
    gap = round(_hole_gap(period, skew, hole), 3)
    if gap < space - 1e-9:
        raise ValueError(
            f"hole_ratio={hole_ratio:g} with period={period:g} um leaves {gap:.3f} um between "
            f"holes, below the SHALLOW_ETCH minimum space of {space:g} um (rule "
            f"SHALLOW_ETCH.S.1); use a smaller hole_ratio"
        )

    # Hole (i, j) sits where row i of family X (x - skew y = i period) crosses row j of Y.
    index = np.arange(n_periods) - (n_periods - 1) / 2
    i, j = (a.ravel() for a in np.meshgrid(index, index, indexing="ij"))
    centres = np.round(np.column_stack([i + j * skew, j + i * skew]) * period / (1 - skew**2), 3)
    half = _grid_up(float(np.abs(centres).max()) + period, RULES.grid)
    tip = xs.width / 2

    c = gf.Component()
    pad = [(-half, -half), (half, -half), (half, half), (-half, half)]
    c.add_polygon(pad, layer=LAYER.WG)
    c.add_polygon(pad, layer=LAYER.SLAB150)
    end = half + taper_length
    c.add_polygon([(-end, -tip), (-half, -half), (-half, half), (-end, tip)], layer=LAYER.WG)
    c.add_polygon([(-tip, -end), (tip, -end), (half, -half), (-half, -half)], layer=LAYER.WG)
    for x, y in centres:
        c.add_polygon(
            [(x - hole / 2, y - hole / 2), (x + hole / 2, y - hole / 2),
             (x + hole / 2, y + hole / 2), (x - hole / 2, y + hole / 2)],
            layer=LAYER.SHALLOW_ETCH,
        )  # fmt: skip

    fill_factor = 1 - (hole / period) ** 2
    mfd = FIBRE_MFD[min(FIBRE_MFD, key=lambda wl: abs(wl - wavelength))]
    c.add_port("o1", center=(-end, 0), width=xs.width, orientation=180, layer=LAYER.WG)
    c.add_port("o2", center=(0, -end), width=xs.width, orientation=270, layer=LAYER.WG)
    # The two fibre ports share a point; their nominal directions differ (along each arm's
    # polarisation) so that netlist extraction never mistakes one for the other's partner.
    c.add_port("o3", center=(0, 0), width=mfd, orientation=0, layer=LAYER.WG)
    c.add_port("o4", center=(0, 0), width=mfd, orientation=90, layer=LAYER.WG)
    c.info["period"] = float(period)
    c.info["hole_size"] = float(hole)
    c.info["skew_angle"] = float(np.round(np.degrees(np.arctan(skew)), 4))
    c.info["fill_factor"] = float(np.round(fill_factor, 6))
    c.info["length"] = float(end)
    c.info["grating_size"] = float(2 * half)
    c.info["width"] = float(xs.width)
    c.info["mode_field_diameter"] = mfd
    c.info["peak_wavelength"] = float(
        np.round(phase_matched_wavelength(period, in_axis, fill_factor), 6)
    )
    c.info["vertical_ports"] = ["o3", "o4"]
    return c


@device_cell
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
    xs = cross_section_with_width(cross_section, None if width is None else width)
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


def _grating_loopback(length: float, pitch: float, n: int, radius: float) -> gf.Path:
    """Loopback from the first to the last grating's o1, around the back of the gratings.

    The gratings face east at x = 0 with their fans to the west; the loop turns south under the
    first, runs up the west side and comes back over the last, so the inner gratings' waveguides
    leave eastward unobstructed.
    """
    lead, depth = radius + 2, 2 * radius + 2
    west = -(length + radius + 5)
    top = (n - 1) * pitch
    points = [
        (0, 0), (lead, 0), (lead, -depth), (west, -depth),
        (west, top + depth), (lead, top + depth), (lead, top), (0, top),
    ]  # fmt: skip
    return manhattan_path(points, radius)


@device_cell
def fibre_array(
    n: int = 4,
    pitch: float = 127.0,
    coupler: Literal["grating", "edge"] = "grating",
    wavelength: float = 1.31,
    cross_section: str = "strip",
):
    """``n`` fibre couplers at a fibre-array pitch; the two outer ones joined as a loopback.

    ::

        grating:                        edge (facet at x = 0):
          [GC)=== loop round the back     <|=====   loop ==+
          [GC)--- o1                      <|===== ---------X--- o1 (crossing)
          [GC)--- o2                      <|===== ---------X--- o2
          [GC)=== (loop)                  <|===== =========+

    The loopback aligns the array: light in at one outer fibre comes out at the other. Grating
    arrays loop round the back of the gratings; an edge array cannot (the facet is there), so
    its loop runs east of the couplers and the inner channels cross it through ``crossing``.
    Ports: o1..o(n-2) are the inner channels' waveguides, then one fibre port per coupler from
    the first to the last (vertical for gratings, at the facet for edge couplers).

    Args:
        n: number of couplers, >= 2.
        pitch: coupler pitch in um, one of FIBRE_PITCHES (127 or 250 um arrays).
        coupler: ``grating`` (grating_coupler) or ``edge`` (edge_coupler).
        wavelength: design wavelength of the grating couplers in um.
        cross_section: cross-section of the waveguides.
    """
    if not isinstance(n, int | np.integer) or n < 2:
        raise ValueError(f"n={n!r} must be an integer >= 2 (two couplers make the loopback)")
    if pitch not in FIBRE_PITCHES:
        raise ValueError(
            f"pitch={pitch:g} um is not a fibre-array pitch; use one of {FIBRE_PITCHES}"
        )
    if coupler not in ("grating", "edge"):
        raise ValueError(f"coupler={coupler!r} must be 'grating' or 'edge'")
    xs = cross_section_with_width(cross_section, None)
    radius = xs.radius
    if coupler == "grating":
        return _grating_array(n, pitch, wavelength, cross_section, radius)
    return _edge_array(n, pitch, cross_section, radius)


def _grating_array(n: int, pitch: float, wavelength: float, cross_section: str, radius: float):
    gc = grating_coupler(wavelength=wavelength, cross_section=cross_section)
    length = round(-gc.dbbox().left + gc.dbbox().right, 3)
    path = _grating_loopback(length, pitch, n, radius)
    loop = gf.path.extrude(path, cross_section=cross_section_with_width(cross_section, None))
    c = gf.Component()
    refs = []
    for k in range(n):
        ref = c << gc
        ref.drotate(180)
        ref.dmove((0, k * pitch))
        refs.append(ref)
    c.absorb(c << loop)
    names = [f"o{i}" for i in range(1, 2 * n - 1)]
    for name, ref in zip(names, refs[1:-1], strict=False):
        c.add_port(name, port=ref.ports["o1"])
    fibre = names[n - 2 :]
    for name, ref in zip(fibre, refs, strict=True):
        c.add_port(name, port=ref.ports["o2"])
    c.info["loopback_length"] = float(np.round(path.length(), 6))
    c.info["channel_length"] = 0.0
    c.info["vertical_ports"] = fibre
    return c


def _edge_array(n: int, pitch: float, cross_section: str, radius: float):
    ec = edge_coupler(cross_section=cross_section)
    x_ec = ec.info["length"]
    cross = crossing(cross_section=cross_section)
    arm = cross.info["arm_length"]
    lead = radius  # straight from a coupler to the loop's bend, so the crossings' arms fit
    x_loop = x_ec + lead + radius
    top = (n - 1) * pitch
    c = gf.Component()

    def place(component, x: float, y: float, angle: float = 0):
        ref = c << component
        ref.drotate(angle)
        ref.dmove((x, y))
        return ref

    couplers = [place(ec, x_ec, k * pitch, 180) for k in range(n)]
    place(straight(length=lead, cross_section=cross_section), x_ec, 0)
    place(straight(length=lead, cross_section=cross_section), x_ec, top)
    place(bend_euler(radius=radius, cross_section=cross_section), x_ec + lead, 0)
    place(bend_euler(radius=radius, cross_section=cross_section), x_loop, top - radius, 90)
    rises = [radius, *[k * pitch + arm for k in range(1, n - 1)]]
    ends = [*[k * pitch - arm for k in range(1, n - 1)], top - radius]
    vertical = 0.0
    for y0, y1 in zip(rises, ends, strict=True):
        place(straight(length=round(y1 - y0, 3), cross_section=cross_section), x_loop, y0, 90)
        vertical += y1 - y0
    feed = straight(length=round(lead + radius - arm, 3), cross_section=cross_section)
    names = [f"o{i}" for i in range(1, 2 * n - 1)]
    for name, k in zip(names, range(1, n - 1), strict=False):
        place(feed, x_ec, k * pitch)
        c.add_port(name, port=place(cross, x_loop, k * pitch).ports["o3"])
    for name, ref in zip(names[n - 2 :], couplers, strict=True):
        c.add_port(name, port=ref.ports["o2"])
    bend_length = bend_euler(radius=radius, cross_section=cross_section).info["length"]
    c.info["loopback_length"] = float(np.round(2 * lead + 2 * bend_length + vertical, 6))
    c.info["channel_length"] = float(feed.info["length"])
    c.info["vertical_ports"] = []
    return c
