"""The 2-D grating's hole lattice (validation, period, skew, hole centres, pad and tapers)
and the constants both grating couplers share; the cells are in
:mod:`lightlane.components.gratings`."""

from __future__ import annotations

import numpy as np

from lightlane.components._checks import (
    require_count,
    require_number,
    require_on_grid,
    require_positive,
)
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.gratings import phase_matched_period
from lightlane.physics.materials import n_sio2

_ETCH = (TECH.core_thickness, TECH.shallow_etch_depth)  # the grating's slab and its etch
_WAVELENGTHS = (1.2, 1.7)  # um: the mode tables and the oxide index cover the O to C bands


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


def _validate_grating_coupler_2d(
    wavelength: float, fibre_angle: float, hole_ratio: float, n_periods: int, taper_length: float
) -> None:
    """Refuse bad parameters before drawing (the lattice's own limits: :func:`_lattice`)."""
    require_number("wavelength", wavelength, *_WAVELENGTHS)
    require_number("fibre_angle", fibre_angle, 0.0, 30.0, "deg", open_low=True)
    require_count("n_periods", n_periods, 2, 100, "a 60 um lattice already holds the fibre mode")
    require_number("hole_ratio", hole_ratio, 0.0, 1.0, "", open_low=True)
    if hole_ratio == 1:
        raise ValueError("hole_ratio=1 leaves no silicon between holes; use hole_ratio < 1")
    require_positive("taper_length", taper_length, high=2000.0)
    require_on_grid("taper_length", taper_length)


def _lattice(
    wavelength: float, fibre_angle: float, period: float | None, hole_ratio: float, in_axis: float
) -> tuple[float, float, float]:
    """The hole lattice, refused where its holes or spaces break the SHALLOW_ETCH rules.

    Returns the period in um (designed when None, phase matched at ``in_axis`` degrees along
    each arm), the hole side in um on the even grid, and the lattice skew (a tangent).
    """
    if period is None:
        period = round(phase_matched_period(wavelength, in_axis, 1 - hole_ratio**2, *_ETCH), 3)
    require_positive("period", period, high=5.0)
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
    return period, hole, skew


def _hole_centres(n_periods: int, period: float, skew: float) -> np.ndarray:
    """Centres in um of the ``n_periods`` x ``n_periods`` holes of the skewed lattice."""
    # Hole (i, j) sits where row i of family X (x - skew y = i period) crosses row j of Y.
    index = np.arange(n_periods) - (n_periods - 1) / 2
    i, j = (a.ravel() for a in np.meshgrid(index, index, indexing="ij"))
    return np.round(np.column_stack([i + j * skew, j + i * skew]) * period / (1 - skew**2), 3)


def _pad_and_tapers(c, half: float, end: float, tip: float) -> None:
    """The square grating pad (WG, SLAB150) of side ``2 half`` and its two linear tapers
    (west to o1, south to o2) down to a core of half-width ``tip`` at ``end`` um."""
    pad = [(-half, -half), (half, -half), (half, half), (-half, half)]
    c.add_polygon(pad, layer=LAYER.WG)
    c.add_polygon(pad, layer=LAYER.SLAB150)
    c.add_polygon([(-end, -tip), (-half, -half), (-half, half), (-end, tip)], layer=LAYER.WG)
    c.add_polygon([(-tip, -end), (tip, -end), (half, -half), (-half, -half)], layer=LAYER.WG)
