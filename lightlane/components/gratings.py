"""Grating couplers: the focusing 1-D TE grating and the polarisation-diversity 2-D grating.

A grating coupler's fibre port lies over the grating, not on a polygon edge: such ports are
listed in ``info["vertical_ports"]`` so that layout checks test them for lying inside the
grating instead. They are typed ``optical`` (the model tests take optical ports only).
"""

from __future__ import annotations

import gdsfactory as gf
import numpy as np

from lightlane.components._checks import (
    cell,
    cross_section_with_width,
    require_count,
    require_number,
)
from lightlane.components._grating_caps import (
    MAX_TURN_DEG,
    CapStep,
    cap_steps,
    fitting_periods,
    outer_arc,
    square_cap,
)
from lightlane.components._grating_lattice import (
    _ETCH,
    _WAVELENGTHS,
    _grid_up,
    _hole_centres,
    _lattice,
    _pad_and_tapers,
    _validate_grating_coupler_2d,
)
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.gratings import (
    diagonal_angle,
    grating_index,
    phase_matched_period,
    phase_matched_wavelength,
)
from lightlane.physics.materials import n_sio2

__all__ = ["grating_coupler", "grating_coupler_2d"]

_ARC_POINTS = 41


def _mode_field_diameter(wavelength: float) -> float:
    """SMF mode-field diameter in um at the tabulated wavelength nearest ``wavelength``."""
    table = TECH.fibre_mode_field_diameter
    return table[min(table, key=lambda wl: abs(wl - wavelength))]


_PERIODS_MAX = 200  # trenches: 120 um of grating, ten times the fibre mode; more radiates nothing
_MARGIN = 2 * RULES.grid  # vertices snap to the grid: a 2 nm margin on the etch rules


def _local_period(period: float, k: float, phi: np.ndarray) -> np.ndarray:
    """Trench spacing in um along the fan's radius at angle ``phi`` (radians)."""
    return period * (1 - k) / (1 - k * np.cos(phi))


def _normal_factor(k: float, phi: np.ndarray) -> np.ndarray:
    """How much shorter than the radial spacing the spacing across confocal ellipses is."""
    slope = k * np.sin(phi) / (1 - k * np.cos(phi))  # d ln r / d phi
    return 1 / np.sqrt(1 + slope**2)


def _validate_grating_coupler(
    wavelength: float,
    fibre_angle: float,
    period: float | None,
    fill_factor: float,
    n_periods: int,
    taper_length: float,
    sector_angle: float,
    width: float,
) -> tuple[float, list[CapStep]]:
    """Refuse bad parameters before drawing; return the period in um (designed when None)
    and the steps of the trench caps at the fan's two edges.

    Teeth and trenches are checked where they are narrowest, at the fan's edges, across the
    ellipses (not along the axis), and so are the square caps that close the trenches there;
    the first trench must lie in front of o1, inside the fan.
    """
    require_number("wavelength", wavelength, *_WAVELENGTHS)
    require_number("fibre_angle", fibre_angle, 0.0, 30.0, "deg", open_low=True)
    require_number("sector_angle", sector_angle, 10.0, 40.0, "deg")
    require_count("n_periods", n_periods, 1, _PERIODS_MAX, "a longer grating radiates nothing")
    require_number("fill_factor", fill_factor, 0.0, 1.0, "", open_low=True)
    if fill_factor == 1:
        raise ValueError("fill_factor=1 etches nothing; use fill_factor < 1")
    require_number("taper_length", taper_length, 0.0, 1000.0, open_low=True)
    if period is None:
        period = round(phase_matched_period(wavelength, fibre_angle, fill_factor, *_ETCH), 3)
    require_number("period", period, 0.0, 5.0, open_low=True)
    etch = RULES["SHALLOW_ETCH.W.1"]
    half = np.radians(sector_angle / 2)
    phi = np.linspace(-half, half, _ARC_POINTS)
    k = _grating_k(wavelength, fibre_angle, fill_factor)
    narrowest = float(np.min(_local_period(period, k, phi) * _normal_factor(k, phi)))
    for name, value in (
        ("trench", (1 - fill_factor) * narrowest),
        ("tooth", fill_factor * narrowest),
    ):
        if value < etch.value + _MARGIN - 1e-9:
            raise ValueError(
                f"fill_factor={fill_factor:g} with period={period:g} um makes a {value:.3f} um "
                f"{name} at the fan's edge (sector_angle={sector_angle:g} deg), below the "
                f"SHALLOW_ETCH minimum width/space of {etch.value:g} um plus the {_MARGIN * 1e3:g} "
                f"nm grid margin (rules SHALLOW_ETCH.W.1, SHALLOW_ETCH.S.1); use a fill factor "
                f"within [{(etch.value + _MARGIN) / narrowest:.3f}, "
                f"{1 - (etch.value + _MARGIN) / narrowest:.3f}] or a narrower sector"
            )
    low, radial = (etch.value + _MARGIN) * 1000, float(_local_period(1.0, k, half)) * 1000
    caps = cap_steps(k, half, radial * period, low)
    if any(cap is None for cap in caps):
        fits, always = fitting_periods(k, half, radial, period, low)
        raise ValueError(
            f"fill_factor={fill_factor:g} with period={period:g} um leaves no room for square "
            f"trench caps at the fan's edge (sector_angle={sector_angle:g} deg): a cap is a whole "
            f"number of 1 nm-grid steps wide, along a step within {MAX_TURN_DEG:g} deg of the "
            f"ellipses, and none keeps both its trench and the tooth beside it at least the "
            f"SHALLOW_ETCH minimum width/space of {etch.value:g} um plus the {_MARGIN * 1e3:g} nm "
            f"grid margin in the {narrowest * 1e3:.2f} nm of trench and tooth there (rules "
            f"SHALLOW_ETCH.W.1, SHALLOW_ETCH.S.1); use period={fits:.3f} or any period >= "
            f"{always:.3f} um"
        )
    apex = width / 2 / np.tan(half)
    shortest = apex + period
    if taper_length < shortest - 1e-9:
        raise ValueError(
            f"taper_length={taper_length:g} um puts the first trench behind or at the {width:g} um "
            f"waveguide's end of the {sector_angle:g} deg fan (its apex is {apex:.3f} um "
            f"behind o1); use taper_length >= {np.ceil(shortest * 1000) / 1000:.3f}"
        )
    return period, caps


def _grating_k(wavelength: float, fibre_angle: float, fill_factor: float) -> float:
    """``K = n_SiO2 sin(theta) / n_grating`` of the confocal ellipses."""
    index = grating_index(wavelength, fill_factor, *_ETCH)
    return float(n_sio2(wavelength) * np.sin(np.radians(fibre_angle)) / index)


def _focusing_grating(
    c, wavelength, fibre_angle, period, fill_factor, n_periods, half, apex, q_first, width, caps
) -> None:
    """The fan (WG), its grating field (SLAB150) and the confocal elliptical trenches.

    ``half`` is the fan's half-opening in radians, ``apex`` the distance in um from o1 back to
    the fan's apex, ``q_first`` the index of the first trench, ``width`` the core width at o1,
    ``caps`` the steps of the trench caps at the fan's two edges.
    """
    phi = np.linspace(-half, half, _ARC_POINTS)
    k = _grating_k(wavelength, fibre_angle, fill_factor)
    local_period = _local_period(period, k, phi)

    def arc(radius: np.ndarray) -> np.ndarray:
        return np.column_stack([radius * np.cos(phi) - apex, radius * np.sin(phi)])

    steps = [cap.step for cap in caps]

    def trench(inner: np.ndarray, outer: np.ndarray) -> np.ndarray:
        """The band between two arcs, each end capped square: both arcs run on along their
        common tangent past the fan's edge until the cap joining them is normal to it."""
        a, b = arc(inner), arc(outer)
        lo = square_cap(a[0], b[0], caps[0])
        hi = square_cap(a[-1], b[-1], caps[1])
        middle = outer_arc(b, lo, hi, steps)
        return np.vstack([lo[:1] / 1000, a[1:-1], hi / 1000, middle[::-1], lo[:0:-1] / 1000])

    end = float(np.max((q_first + n_periods + 1) * local_period))
    fan = np.vstack([[(0, -width / 2)], arc(np.full_like(phi, end)), [(0, width / 2)]])
    field_start = (q_first - 0.5) * local_period
    field = np.vstack([arc(field_start), arc(np.full_like(phi, end))[::-1]])
    c.add_polygon(fan, layer=LAYER.WG)
    c.add_polygon(field, layer=LAYER.SLAB150)
    for q in range(q_first, q_first + n_periods):
        inner = (q + fill_factor) * local_period
        outer = (q + 1) * local_period
        c.add_polygon(trench(inner, outer), layer=LAYER.SHALLOW_ETCH)


@cell
def grating_coupler(
    wavelength: float = TECH.wavelength,
    fibre_angle: float = 10.0,
    period: float | None = None,
    fill_factor: float = 0.5,
    n_periods: int = 25,
    taper_length: float = 15.0,
    sector_angle: float = 25.0,
    cross_section: str = "strip",
) -> gf.Component:
    """A focusing TE grating coupler: a fan from the strip and confocal elliptical trenches.

    ::

                      _____
                 __--| | | |      trenches (SHALLOW_ETCH, 70 nm) on the
        o1 ====<     | | o2|      grating field (SLAB150) of the fan (WG)
                 ‾‾--|_|_|_|

    Trench ``q`` lies at ``r(phi) = q period (1 - K) / (1 - K cos(phi))`` from the fan apex, with
    ``K = n_SiO2 sin(theta) / n_grating``: the ellipses focus the diffracted beam onto the waveguide
    (Van Laere et al., JLT 25, 151, 2007). The period phase-matches ``wavelength`` at
    ``fibre_angle`` unless given (:func:`lightlane.physics.gratings.phase_matched_period`); the
    C-band variant is ``grating_coupler(wavelength=1.55, cross_section="strip_c")``. The fibre port
    o2 lies at the grating centre, facing the direction the fibre leans to (gdsfactory's
    convention), and is listed in ``info["vertical_ports"]``.

    Args:
        wavelength: design wavelength in um, 1.2 to 1.7 (used only when ``period`` is None).
        fibre_angle: fibre angle from the vertical in degrees, in the cladding, in (0, 30].
        period: grating period in um along the axis, (0, 5]; None designs it by phase matching.
        fill_factor: unetched fraction of a period, in (0, 1); teeth and trenches must both be
            at least the SHALLOW_ETCH minimum width/space where they are narrowest, across the
            ellipses at the fan's edges, and so must the square caps that close the trenches
            there.
        n_periods: number of trenches, 1 to 200.
        taper_length: distance in um from the fan apex to the first trench, up to 1 mm; at
            least the apex's distance behind o1 plus a period, so the grating lies in the fan.
        sector_angle: full opening angle of the fan in degrees, in [10, 40].
        cross_section: cross-section of the waveguide at o1.
    """
    xs = cross_section_with_width(cross_section, None)
    period, caps = _validate_grating_coupler(
        wavelength,
        fibre_angle,
        period,
        fill_factor,
        n_periods,
        taper_length,
        sector_angle,
        xs.width,
    )
    half = np.radians(sector_angle / 2)
    apex = xs.width / 2 / np.tan(half)  # where the fan is as wide as the waveguide: o1
    q_first = int(np.ceil(taper_length / period))

    c = gf.Component()
    _focusing_grating(
        c,
        wavelength,
        fibre_angle,
        period,
        fill_factor,
        n_periods,
        half,
        apex,
        q_first,
        xs.width,
        caps,
    )
    centre = round((q_first + n_periods / 2) * period - apex, 3)
    mfd = _mode_field_diameter(wavelength)
    c.add_port("o1", center=(0, 0), width=xs.width, orientation=180, layer=LAYER.WG)
    c.add_port("o2", center=(centre, 0), width=mfd, orientation=0, layer=LAYER.WG)
    c.info["period"] = float(period)
    c.info["length"] = float(centre)
    c.info["width"] = float(xs.width)
    c.info["mode_field_diameter"] = mfd
    c.info["peak_wavelength"] = float(
        np.round(phase_matched_wavelength(period, fibre_angle, fill_factor, *_ETCH), 6)
    )
    c.info["vertical_ports"] = ["o2"]
    return c


@cell
def grating_coupler_2d(
    wavelength: float = TECH.wavelength,
    fibre_angle: float = 10.0,
    period: float | None = None,
    hole_ratio: float = 0.6,
    n_periods: int = 24,
    taper_length: float = 300.0,
    cross_section: str = "strip",
) -> gf.Component:
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
    a fibre fixes the line spacing along x, ``period``
    (:func:`lightlane.physics.gratings.diagonal_angle`), and tilts the
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
    _validate_grating_coupler_2d(wavelength, fibre_angle, hole_ratio, n_periods, taper_length)
    xs = cross_section_with_width(cross_section, None)
    in_axis = diagonal_angle(fibre_angle)
    period, hole, skew = _lattice(wavelength, fibre_angle, period, hole_ratio, in_axis)
    centres = _hole_centres(n_periods, period, skew)
    half = _grid_up(float(np.abs(centres).max()) + period, RULES.grid)
    end = half + taper_length

    c = gf.Component()
    _pad_and_tapers(c, half, end, xs.width / 2)
    for x, y in centres:
        c.add_polygon(
            [(x - hole / 2, y - hole / 2), (x + hole / 2, y - hole / 2),
             (x + hole / 2, y + hole / 2), (x - hole / 2, y + hole / 2)],
            layer=LAYER.SHALLOW_ETCH,
        )  # fmt: skip

    fill_factor = 1 - (hole / period) ** 2
    mfd = _mode_field_diameter(wavelength)
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
        np.round(phase_matched_wavelength(period, in_axis, fill_factor, *_ETCH), 6)
    )
    c.info["vertical_ports"] = ["o3", "o4"]
    return c
