"""Coupler cells: the directional coupler and the 1x2 / 2x2 multimode interference couplers.

Cells are characterised for the strip cross-sections only (``strip``: 400 nm at 1310 nm,
``strip_c``: 500 nm at 1550 nm); their models are calibrated there. Every parameter is validated
against the rule table before anything is drawn.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf
import numpy as np
from gdsfactory.cross_section import CrossSection

from lightlane.components import waveguides as wg
from lightlane.components._checks import (
    DIE,
    bend_rule,
    cross_section_with_width,
    device_cell,
    require_bend_radius,
    require_number,
    require_taper_angle,
)
from lightlane.pdk.guides import guide
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.coupling import MMI_DESIGN, self_imaging_length
from lightlane.physics.geometry import sbend_min_radius, sbend_offset

__all__ = [
    "CHARACTERISED",
    "coupler",
    "mmi1x2",
    "mmi2x2",
    "require_gap",
    "require_section",
    "strip_cross_section",
]

CHARACTERISED = ("strip", "strip_c")
"""The cross-sections the coupler models are calibrated for (O band and C band strips)."""
_SBEND_STEP = 0.2  # um between S-bend path points: chord error < 1 nm down to a 5 um radius


def strip_cross_section(cross_section: Any, width: float | None = None) -> CrossSection:
    """The cross-section of any spec (its width overridden when given), refused unless it is a
    strip the couplers are characterised for (read from its layers: a core and nothing else)."""
    xs = cross_section_with_width(cross_section, width)
    if guide(xs).model not in CHARACTERISED:
        raise ValueError(
            f"cross_section={getattr(cross_section, 'name', cross_section)!r} is a "
            f"{guide(xs).kind} guide: couplers are characterised for strips "
            f"({', '.join(CHARACTERISED)}) only"
        )
    return xs


def _sbend_points(dx: float, height: float) -> np.ndarray:
    x = np.linspace(0, dx, max(16, math.ceil(dx / _SBEND_STEP)) + 1)
    return np.column_stack([x, sbend_offset(x, dx, height)])


def _require_positive_on_grid(parameter: str, value: float, high: float = DIE) -> None:
    require_number(parameter, value, 0.0, high, open_low=True)
    grid = RULES.grid
    if abs(round(value / grid) * grid - value) > 1e-9:
        raise ValueError(
            f"{parameter}={value!r} um is off the {grid * 1e3:g} nm grid (rule GRID.1); "
            f"round it to {round(value / grid) * grid:.3f}"
        )


def require_section(parameter: str, value: float) -> None:
    """A straight section of ``value`` um in a path: 0 (none) up to the die size, on the grid.

    A section shorter than the minimum WG width is drawn overhanging its ports into the
    waveguides it joins (:func:`lightlane.components.waveguides.straight`), so it is legal.
    """
    require_number(parameter, value, 0.0, DIE)
    grid = RULES.grid
    if abs(round(value / grid) * grid - value) > 1e-9:
        raise ValueError(
            f"{parameter}={value!r} um is off the {grid * 1e3:g} nm grid (rule GRID.1); "
            f"round it to {round(value / grid) * grid:.3f}"
        )


def require_gap(parameter: str, value: float) -> None:
    """A waveguide-to-waveguide gap: at least the WG space, on a 2 nm step (centred shapes), and
    at most 5 um, beyond which a coupler or ring couples nothing (the evanescent tail of a
    220 nm strip decays ~10 dB/um)."""
    require_number(parameter, value, 0.0, 5.0)
    RULES.require_at_least(parameter, value, "WG.S.1", "WG space")
    RULES.require_even_width(parameter, value)


def _add_extruded(
    component: gf.Component, path: gf.Path, xs: CrossSection, port_names: tuple[str, str]
) -> None:
    """Draw ``path`` into ``component`` as polygons (no child cell), ports named ``port_names``."""
    drawn = gf.path.extrude(path, cross_section=xs)
    component.add_ref(drawn)
    component.flatten()
    for name, port in zip(port_names, ("o1", "o2"), strict=True):
        component.add_port(name, port=drawn.ports[port])
    drawn.delete()


@device_cell
def coupler(
    gap: float = 0.2,
    length: float = 20.8,
    dy: float = 4.0,
    dx: float = 10.0,
    cross_section: Any = "strip",
    allow_min_radius_violation: bool = False,
    bend: Any = None,
) -> gf.Component:
    """Directional coupler: two waveguides ``gap`` apart over ``length``, raised-sine fan-in/out.

    ::

        o2 ___                         ___ o3
              \\_______________________/
               _______________________   gap
        o1 ___/                       \\___ o4
              <dx ><---- length ----><dx >

    The defaults split 50:50 at 1310 nm: with a 400 nm strip and a 200 nm gap the full-transfer
    length is 47.4 um, and the 20.8 um straight plus the fans' coupling (worth 2.9 um of straight)
    make half of it (see :mod:`lightlane.physics.coupling`). With ``strip_c`` at 1550 nm the same
    geometry crosses 72 % of the power.

    Args:
        gap: edge-to-edge gap in um in the coupling section (>= WG space, on a 2 nm step).
        length: length in um of the parallel (coupling) section; 0 for bends only.
        dy: port pitch in um (centre to centre), on a 2 nm step.
        dx: length in um of each S-bend; its smallest radius must respect the cross-section's.
        cross_section: a strip (``strip`` O-band, ``strip_c`` C-band).
        allow_min_radius_violation: gdsfactory's switch; a fan below the process minimum radius
            is refused either way.
        bend: gdsfactory's S-bend spec (called with ``size`` and ``cross_section``) for the
            fans; None draws the raised-sine fans the coupler model is calibrated for.
    """
    xs = strip_cross_section(cross_section)
    require_gap("gap", gap)
    require_section("length", length)
    _require_positive_on_grid("dx", dx)
    require_number("dy", dy, 0.0, DIE, open_low=True)
    RULES.require_even_width("dy", dy)
    width = xs.width
    height = (dy - gap - width) / 2
    if height <= 0:
        raise ValueError(
            f"dy={dy:g} um leaves no room for the fan-out: use dy > gap + width = {gap + width:g}"
        )
    min_radius = sbend_min_radius(dx, height)
    shortest = dx * math.sqrt(max(bend_rule(xs)[0], min_radius) / min_radius)
    require_bend_radius(
        "dx", dx, min_radius, xs, math.ceil(shortest * 100) / 100, allow_min_radius_violation
    )
    if bend is not None:
        c = _coupler_from_bend(bend, length, dx, height, dy, xs)
        c.info["width"] = float(xs.width)
        c.info["min_bend_radius"] = float(np.round(min_radius, 6))
        return c

    bend = _sbend_points(dx, height)
    straight = [[dx + length, height]] if length else []
    out = np.column_stack([2 * dx + length - bend[::-1, 0], bend[::-1, 1]])
    lower = np.vstack([bend, straight, out[1:]]) if length else np.vstack([bend, out[1:]])
    c = gf.Component()
    for sign, port_names in ((1, ("o1", "o4")), (-1, ("o2", "o3"))):
        path = gf.Path(np.column_stack([lower[:, 0], sign * (lower[:, 1] - dy / 2)]))
        # The sampled ends are not exactly flat; the ports and end faces must be.
        path.start_angle = path.end_angle = 0.0
        _add_extruded(c, path, xs, port_names)
    c.info["width"] = float(width)
    c.info["length_arm"] = float(np.round(gf.Path(lower).length(), 6))
    c.info["min_bend_radius"] = float(np.round(min_radius, 6))
    return c


def _coupler_from_bend(
    bend: Any, length: float, dx: float, height: float, dy: float, xs: CrossSection
) -> gf.Component:
    """The coupler with a given fan cell: ``bend(size=(dx, height), cross_section=xs)`` into
    and out of each arm, around the coupling straights; ports as :func:`coupler`'s."""
    fan = gf.get_component(bend, size=(dx, height), cross_section=xs)
    c = gf.Component()
    for sign, names in ((-1, ("o1", "o4")), (1, ("o2", "o3"))):
        entry = c << fan
        if sign > 0:
            entry.dmirror_y()  # the upper arm descends to the gap
        entry.dmove((0, sign * dy / 2))
        end = entry.ports["o2"]
        if length:
            middle = c << wg.straight(length=length, cross_section=xs)
            middle.connect("o1", end)
            end = middle.ports["o2"]
        leave = c << fan
        leave.connect("o1", end, mirror=sign < 0)
        c.add_port(names[0], port=entry.ports["o1"])
        c.add_port(names[1], port=leave.ports["o2"])
    c.info["length_arm"] = float(np.round(2 * fan.info.get("length", dx) + length, 6))
    return c


def _mmi(
    kind: str,
    inputs: int,
    *,
    width: float | None,
    width_taper: float,
    length_taper: float,
    length_mmi: float | None,
    width_mmi: float,
    gap_mmi: float | None,
    taper: Any,
    straight: Any,
    cross_section: Any,
) -> gf.Component:
    xs = strip_cross_section(cross_section, width)
    for name, value in (("width_mmi", width_mmi), ("width_taper", width_taper)):
        require_number(name, value, 0.0, DIE, open_low=True)
        RULES.require_width(name, value, "WG")
    if width_taper < xs.width:
        raise ValueError(
            f"width_taper={width_taper:g} um is narrower than the {xs.width:g} um waveguide; "
            f"access tapers widen towards the MMI: use width_taper >= {xs.width:g}"
        )
    if length_mmi is None:
        wavelength = guide(xs).wavelength
        design = self_imaging_length(kind, width_mmi, wavelength, TECH.core_thickness)
        length_mmi = round(float(design), 2)
    _require_positive_on_grid("length_mmi", length_mmi)
    if gap_mmi is None:
        pitch = 2 * MMI_DESIGN[kind][1] * width_mmi
        gap_mmi = round((pitch - width_taper) / TECH.even_step) * TECH.even_step
        space = RULES.min_space("WG")
        if gap_mmi < space - 1e-9:
            narrowest = (width_taper + space) / (2 * MMI_DESIGN[kind][1])
            raise ValueError(
                f"width_mmi={width_mmi:g} um leaves {gap_mmi:.3f} um between the self-imaging "
                f"ports of {width_taper:g} um tapers, below the WG space of {space:g} um "
                f"(rule WG.S.1); use width_mmi >= {math.ceil(narrowest * 500) / 500:g} "
                "or narrower tapers"
            )
    require_gap("gap_mmi", gap_mmi)
    if gap_mmi / 2 + width_taper > width_mmi / 2 + 1e-9:
        raise ValueError(
            f"width_mmi={width_mmi:g} um cannot hold two {width_taper:g} um access tapers "
            f"{gap_mmi:g} um apart; use width_mmi >= {gap_mmi + 2 * width_taper:g}"
        )
    _require_positive_on_grid("length_taper", length_taper)
    require_taper_angle("length_taper", length_taper, xs.width, width_taper)

    spec = cross_section if width is None else xs
    access = gf.get_component(
        taper, length=length_taper, width1=xs.width, width2=width_taper, cross_section=spec
    )
    body = gf.get_component(straight, length=length_mmi, width=width_mmi, cross_section=spec)
    c = gf.Component()
    c << body
    offset = (gap_mmi + width_taper) / 2
    left = [0.0] if inputs == 1 else [-offset, offset]
    ports = []
    for y in left:
        ref = c << access
        ref.dmove((-length_taper, y))
        ports.append(ref.ports["o1"])
    for y in (offset, -offset):
        ref = c << access
        ref.drotate(180)
        ref.dmove((length_mmi + length_taper, y))
        ports.append(ref.ports["o1"])
    # Ports counter-clockwise from the bottom left: o1 (o2) in, then top right, bottom right.
    for number, port in enumerate(ports, start=1):
        c.add_port(f"o{number}", port=port)
    c.info["width"] = float(xs.width)
    c.info["length_mmi"] = float(length_mmi)
    c.info["gap_mmi"] = float(np.round(gap_mmi, 6))
    return c


@device_cell
def mmi1x2(
    width: float | None = None,
    width_taper: float = 1.0,
    length_taper: float = 10.0,
    length_mmi: float | None = None,
    width_mmi: float = 3.0,
    gap_mmi: float | None = None,
    taper: Any = wg.taper,
    straight: Any = wg.straight,
    cross_section: Any = "strip",
) -> gf.Component:
    """1x2 MMI splitter by symmetric (restricted) interference, with linear access tapers.

    ::

                  length_mmi
                 ____________
                |            |__/‾‾ o2
        o1 ‾‾\\__|            |
             /  |            |‾‾\\__ o3
                |____________|

    Design (Soldano & Pennings, JLT 13(4) 1995): a centred input excites only even modes, so the
    2-fold image forms at ``L = 3 L_pi / 8`` with outputs at +-W/4. For the default 3.0 um
    wide section at 1310 nm: n_r = 2.988 (220 nm slab, TE), W_eff = 3.037 um, L_pi = 28.06 um,
    L = 10.52 um; outputs at +-0.75 um (gap 0.5 um between 1.0 um tapers). At 1550 nm
    (``strip_c``) the same width gives L = 8.56 um.

    Args:
        width: waveguide width at the ports in um; None takes the cross-section's.
        width_taper: width of the access tapers at the MMI in um.
        length_taper: length of the access tapers in um, up to the die size.
        length_mmi: length of the multimode section in um; None designs it for the
            cross-section's band (above).
        width_mmi: width of the multimode section in um.
        gap_mmi: gap between the output tapers in um (<= 5); None places them at +-W/4.
        taper: the access taper cell (gdsfactory's spec), called with length, width1, width2.
        straight: the multimode section's cell, called with length and width.
        cross_section: a strip (``strip`` O-band, ``strip_c`` C-band).
    """
    return _mmi("mmi1x2", 1, **locals())


@device_cell
def mmi2x2(
    width: float | None = None,
    width_taper: float = 1.0,
    length_taper: float = 10.0,
    length_mmi: float | None = None,
    width_mmi: float = 4.0,
    gap_mmi: float | None = None,
    taper: Any = wg.taper,
    straight: Any = wg.straight,
    cross_section: Any = "strip",
) -> gf.Component:
    """2x2 MMI 3 dB coupler by paired interference, with linear access tapers.

    ::

        o2 ‾‾\\__ ____________ __/‾‾ o3
                |            |
        o1 __/‾‾|____________|‾‾\\__ o4

    Design (Soldano & Pennings 1995): inputs at +-W/6 do not excite modes 2, 5, 8, ..., so the
    2-fold image forms at ``L = L_pi / 2`` (a third of the general-interference 3 L_pi / 2).
    For the default 4.0 um section at 1310 nm: n_r = 2.988, W_eff = 4.037 um, L_pi = 49.58 um,
    L = 24.79 um; ports at +-0.667 um (gap 0.334 um between 1.0 um tapers). At 1550 nm
    (``strip_c``) L = 20.11 um.

    Args:
        width: waveguide width at the ports in um; None takes the cross-section's.
        width_taper: width of the access tapers at the MMI in um.
        length_taper: length of the access tapers in um, up to the die size.
        length_mmi: length of the multimode section in um; None designs it for the
            cross-section's band (above).
        width_mmi: width of the multimode section in um.
        gap_mmi: gap between the tapers on each side in um (<= 5); None places them at +-W/6.
        taper: the access taper cell (gdsfactory's spec), called with length, width1, width2.
        straight: the multimode section's cell, called with length and width.
        cross_section: a strip (``strip`` O-band, ``strip_c`` C-band).
    """
    return _mmi("mmi2x2", 2, **locals())
