"""gdsfactory's elliptical grating couplers under its names, drawn as lightlane's focusing grating.

gdsfactory's test structures and dies ask the PDK for ``grating_coupler_elliptical``,
``grating_coupler_elliptical_te``, ``grating_coupler_elliptical_trenches`` and
``grating_coupler_te``. Each takes gdsfactory's parameters with their meaning and draws
:func:`lightlane.components.gratings.grating_coupler` (confocal elliptical SHALLOW_ETCH trenches
on a SLAB150 field, Van Laere et al., JLT 25, 151, 2007):

- ``taper_angle`` is the fan's opening (``sector_angle``), ``fiber_angle`` the fibre's angle;
- the period is gdsfactory's ``wavelength / (neff - nclad sin(fiber_angle))`` when ``neff`` is
  given, else phase-matched by this process's grating index;
- ``grating_line_width`` is the width of a tooth (``grating_coupler_elliptical``, which draws the
  kept lines) or of a trench (the ``_trenches`` variants); None keeps half the period.

The defaults are O-band (``wavelength`` 1.31 um): gdsfactory's C-band numbers (1.554 um,
``neff`` 2.638) belong to its generic process. gdsfactory's drawing details that this grating
does not have (spikes, a big last tooth, its slab extent, a separate taper cell) are accepted at
the value that describes this grating only, and refused otherwise with one line; TM is refused,
as this process's gratings are TE.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf

from lightlane.components._checks import cell, require_number, variant
from lightlane.components.gratings import grating_coupler
from lightlane.pdk.process import TECH
from lightlane.physics.gratings import phase_matched_period

__all__ = [
    "grating_coupler_elliptical",
    "grating_coupler_elliptical_te",
    "grating_coupler_elliptical_trenches",
    "grating_coupler_te",
]

_ETCH = (TECH.core_thickness, TECH.shallow_etch_depth)


def _fixed(parameter: str, value: Any, allowed: Any, why: str) -> None:
    """Refuse a gdsfactory drawing option this grating does not have, saying why."""
    if value != allowed or type(value) is not type(allowed):
        raise ValueError(f"{parameter}={value!r}: {why}; use {parameter}={allowed!r}")


def _period_and_fill(
    wavelength: float,
    fiber_angle: float,
    neff: float | None,
    nclad: float,
    grating_line_width: float | None,
    line_is_tooth: bool,
    taper_angle: float,
    nclad_name: str = "nclad",
) -> tuple[float | None, float]:
    """gdsfactory's period (or None: phase-matched here) and the fill factor of its line width."""
    require_number("taper_angle", taper_angle, 10.0, 40.0, "deg")
    require_number("wavelength", wavelength, 1.2, 1.7)
    require_number("fiber_angle", fiber_angle, 0.0, 30.0, "deg", open_low=True)
    require_number(nclad_name, nclad, 1.0, 2.0, "")
    period = None
    if neff is not None:
        require_number("neff", neff, 1.5, 3.5, "")
        matched = neff - nclad * math.sin(math.radians(fiber_angle))
        period = round(wavelength / matched, 3)
    if grating_line_width is None:
        return period, 0.5
    require_number("grating_line_width", grating_line_width, 0.0, 5.0, open_low=True)
    # phase-matched at half fill first, then at the fill the line width gives
    guess = period or phase_matched_period(wavelength, fiber_angle, 0.5, *_ETCH)
    fill = grating_line_width / guess if line_is_tooth else 1 - grating_line_width / guess
    if not 0 < fill < 1:
        raise ValueError(
            f"grating_line_width={grating_line_width:g} um does not fit in the {guess:.3f} um "
            f"period; use grating_line_width < {guess:.3f}"
        )
    if period is None:
        period = round(phase_matched_period(wavelength, fiber_angle, fill, *_ETCH), 3)
        fill = grating_line_width / period if line_is_tooth else 1 - grating_line_width / period
    return period, round(fill, 4)


def _drawn(
    wavelength: float,
    fiber_angle: float,
    period: float | None,
    fill: float,
    n_periods: int,
    taper_length: float,
    taper_angle: float,
    cross_section: Any,
) -> gf.Component:
    """lightlane's focusing grating at gdsfactory's numbers, with the fill and fibre angle in its
    info (what the model reads)."""
    core = grating_coupler(
        wavelength=wavelength,
        fibre_angle=fiber_angle,
        period=period,
        fill_factor=fill,
        n_periods=n_periods,
        taper_length=taper_length,
        sector_angle=taper_angle,
        cross_section=cross_section,
    )
    return _wrapped(core, fill, fiber_angle)


def _wrapped(core: gf.Component, fill_factor: float, fiber_angle: float) -> gf.Component:
    c = gf.Component()
    ref = c << core
    c.add_ports(ref.ports)
    for key, value in dict(core.info).items():
        c.info[key] = value
    c.info["fill_factor"] = float(fill_factor)
    c.info["fibre_angle"] = float(fiber_angle)
    c.flatten()
    return c


def grating_coupler_elliptical(
    polarization: str = "te",
    taper_length: float = 16.6,
    taper_angle: float = 40.0,
    wavelength: float = TECH.wavelength,
    fiber_angle: float = 15.0,
    grating_line_width: float | None = None,
    neff: float | None = None,
    nclad: float = 1.443,
    n_periods: int = 30,
    big_last_tooth: bool = False,
    layer_slab: Any = "SLAB150",
    slab_xmin: float = -1.0,
    slab_offset: float = 2.0,
    spiked: bool = False,
    cross_section: Any = "strip",
) -> gf.Component:
    """gdsfactory's elliptical grating coupler (module docstring): o1 the waveguide, o2 the fibre.

    ::

                      _____
                 __--| | | |
        o1 ====<     | | o2|
                 ‾‾--|_|_|_|

    Args:
        polarization: ``te`` (this process's gratings are TE).
        taper_length: fan apex to the first trench in um.
        taper_angle: fan opening in degrees, in [10, 40].
        wavelength: design wavelength in um.
        fiber_angle: fibre angle from the vertical in degrees, in (0, 30].
        grating_line_width: tooth width in um; None: half the period.
        neff: gdsfactory's tooth index for the period; None: phase-matched here.
        nclad: cladding index of the period formula.
        n_periods: number of trenches.
        big_last_tooth: gdsfactory's wide last tooth: not drawn here (False only).
        layer_slab: the grating field's layer (SLAB150 only).
        slab_xmin: gdsfactory's slab start; the field is this grating's own (-1.0 only).
        slab_offset: gdsfactory's slab margin; the field is this grating's own (2.0 only).
        spiked: gdsfactory's spiked tooth ends: not drawn here (False only).
        cross_section: cross-section of the waveguide at o1.
    """
    _fixed("polarization", polarization, "te", "this process's grating couplers are TE")
    _fixed("big_last_tooth", big_last_tooth, False, "this grating has no wide last tooth")
    _fixed("layer_slab", layer_slab, "SLAB150", "this grating's field is SLAB150")
    _fixed("slab_xmin", slab_xmin, -1.0, "this grating draws its own SLAB150 field")
    _fixed("slab_offset", slab_offset, 2.0, "this grating draws its own SLAB150 field")
    _fixed("spiked", spiked, False, "this grating's teeth have no spikes")
    period, fill = _period_and_fill(
        wavelength, fiber_angle, neff, nclad, grating_line_width, True, taper_angle
    )
    return _drawn(
        wavelength, fiber_angle, period, fill, n_periods, taper_length, taper_angle, cross_section
    )


# gdsfactory's TE name for the same cell; a cell name of its own keeps the two apart in a layout
grating_coupler_elliptical_te = cell(basename="grating_coupler_elliptical_te")(
    grating_coupler_elliptical
)
grating_coupler_elliptical = cell(grating_coupler_elliptical)


@cell
def grating_coupler_elliptical_trenches(
    polarization: str = "te",
    taper_length: float = 16.6,
    taper_angle: float = 30.0,
    trenches_extra_angle: float = 9.0,
    wavelength: float = TECH.wavelength,
    fiber_angle: float = 15.0,
    grating_line_width: float | None = None,
    neff: float | None = None,
    ncladding: float = 1.443,
    layer_trench: Any = "SHALLOW_ETCH",
    p_start: int | None = None,
    n_periods: int = 30,
    end_straight_length: float = 0.0,
    taper: Any = None,
    cross_section: Any = "strip",
) -> gf.Component:
    """gdsfactory's grating coupler defined by its trenches (module docstring).

    Args:
        polarization: ``te`` (this process's gratings are TE).
        taper_length: fan apex to the first trench in um.
        taper_angle: fan opening in degrees, in [10, 40].
        trenches_extra_angle: gdsfactory's trench overhang beyond the fan; the trenches here end
            at the fan (9.0 only, gdsfactory's default).
        wavelength: design wavelength in um.
        fiber_angle: fibre angle from the vertical in degrees, in (0, 30].
        grating_line_width: trench width in um; None: half the period.
        neff: gdsfactory's tooth index for the period; None: phase-matched here.
        ncladding: cladding index of the period formula.
        layer_trench: the trench layer (SHALLOW_ETCH only).
        p_start: gdsfactory's first trench index; here ``taper_length`` places it (None only).
        n_periods: number of trenches.
        end_straight_length: gdsfactory's straight before the fan (0 only: o1 is the fan's).
        taper: gdsfactory's taper cell; the fan is this grating's own (None only).
        cross_section: cross-section of the waveguide at o1.
    """
    _fixed("polarization", polarization, "te", "this process's grating couplers are TE")
    _fixed("trenches_extra_angle", trenches_extra_angle, 9.0, "the trenches end at the fan")
    _fixed("layer_trench", layer_trench, "SHALLOW_ETCH", "this grating etches SHALLOW_ETCH")
    _fixed("p_start", p_start, None, "taper_length places the first trench")
    _fixed("end_straight_length", end_straight_length, 0.0, "o1 is the fan's narrow end")
    _fixed("taper", taper, None, "the fan is this grating's own")
    period, fill = _period_and_fill(
        wavelength,
        fiber_angle,
        neff,
        ncladding,
        grating_line_width,
        False,
        taper_angle,
        "ncladding",
    )
    return _drawn(
        wavelength, fiber_angle, period, fill, n_periods, taper_length, taper_angle, cross_section
    )


grating_coupler_te = variant(
    grating_coupler_elliptical_trenches,
    __name__,
    "gdsfactory's TE grating coupler: :func:`grating_coupler_elliptical_trenches`, 35 deg fan.",
    taper_angle=35.0,
)
