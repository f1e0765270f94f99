"""Coupler cells: the directional coupler and the 1x2 / 2x2 multimode interference couplers.

Cells are characterised for the strip cross-sections only (``strip``: 400 nm at 1310 nm,
``strip_c``: 500 nm at 1550 nm); their models are calibrated there. Every parameter is validated
against the rule table before anything is drawn.
"""

from __future__ import annotations

import math

import gdsfactory as gf
import numpy as np
from gdsfactory.cross_section import CrossSection

from lightlane.components import waveguides as wg
from lightlane.components._checks import device_cell, require_taper_angle
from lightlane.pdk.cross_sections import get_cross_section
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


def strip_cross_section(cross_section: str) -> CrossSection:
    """The named cross-section, refused unless couplers are characterised for it."""
    if cross_section not in CHARACTERISED:
        raise ValueError(
            f"cross_section={cross_section!r}: couplers are characterised for "
            f"{', '.join(CHARACTERISED)} only"
        )
    return get_cross_section(cross_section)


def _sbend_points(dx: float, height: float) -> np.ndarray:
    x = np.linspace(0, dx, max(16, math.ceil(dx / _SBEND_STEP)) + 1)
    return np.column_stack([x, sbend_offset(x, dx, height)])


def _require_positive_on_grid(parameter: str, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{parameter}={value:g} um must be > 0")
    grid = RULES.grid
    if abs(round(value / grid) * grid - value) > 1e-9:
        raise ValueError(
            f"{parameter}={value!r} um is off the {grid * 1e3:g} nm grid (rule GRID.1); "
            f"round it to {round(value / grid) * grid:.3f}"
        )


def require_section(parameter: str, value: float) -> None:
    """A straight section of ``value`` um: 0 (none) or a drawable straight on the grid."""
    shortest = RULES.min_width("WG")
    if value != 0 and not value >= shortest - 1e-9:
        raise ValueError(f"{parameter}={value:g} um must be 0 or >= {shortest:g} (rule WG.W.1)")
    if value:
        _require_positive_on_grid(parameter, value)


def require_gap(parameter: str, value: float) -> None:
    """A waveguide-to-waveguide gap: at least the WG space, on a 2 nm step (centred shapes)."""
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
    cross_section: str = "strip",
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
        cross_section: ``strip`` (O-band) or ``strip_c`` (C-band).
    """
    xs = strip_cross_section(cross_section)
    require_gap("gap", gap)
    require_section("length", length)
    _require_positive_on_grid("dx", dx)
    RULES.require_even_width("dy", dy)
    width = xs.width
    height = (dy - gap - width) / 2
    if height <= 0:
        raise ValueError(
            f"dy={dy:g} um leaves no room for the fan-out: use dy > gap + width = {gap + width:g}"
        )
    min_radius = sbend_min_radius(dx, height)
    rule = RULES.find("radius", cross_section)
    if rule is not None and min_radius < rule.value - 1e-6:
        shortest = dx * math.sqrt(rule.value / min_radius)
        raise ValueError(
            f"dx={dx:g} um makes an S-bend of {height:g} um with a smallest radius of "
            f"{min_radius:.3f} um, below the minimum {rule.value:g} um of {cross_section!r} "
            f"(rule {rule.id}); use dx >= {math.ceil(shortest * 100) / 100:.2f}"
        )

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


def _mmi(
    kind: str,
    inputs: int,
    width_mmi: float,
    length_mmi: float | None,
    width_taper: float,
    length_taper: float,
    gap_mmi: float | None,
    cross_section: str,
) -> gf.Component:
    xs = strip_cross_section(cross_section)
    RULES.require_width("width_mmi", width_mmi, "WG")
    RULES.require_width("width_taper", width_taper, "WG")
    if width_taper < xs.width:
        raise ValueError(
            f"width_taper={width_taper:g} um is narrower than the {xs.width:g} um waveguide; "
            f"access tapers widen towards the MMI: use width_taper >= {xs.width:g}"
        )
    if length_mmi is None:
        wavelength = TECH.design_wavelength[cross_section]
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
    require_taper_angle("length_taper", length_taper, xs.width, width_taper)
    _require_positive_on_grid("length_taper", length_taper)

    access = wg.taper(
        length=length_taper, width1=xs.width, width2=width_taper, cross_section=cross_section
    )
    body = wg.straight(length=length_mmi, width=width_mmi, cross_section=cross_section)
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
    width_mmi: float = 3.0,
    length_mmi: float | None = None,
    width_taper: float = 1.0,
    length_taper: float = 10.0,
    gap_mmi: float | None = None,
    cross_section: str = "strip",
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
        width_mmi: width of the multimode section in um.
        length_mmi: its length in um; None designs it for the cross-section's band (above).
        width_taper: width of the access tapers at the MMI in um.
        length_taper: length of the access tapers in um.
        gap_mmi: gap between the output tapers in um; None places them at +-W/4.
        cross_section: ``strip`` (O-band) or ``strip_c`` (C-band).
    """
    return _mmi(
        "mmi1x2", 1, width_mmi, length_mmi, width_taper, length_taper, gap_mmi, cross_section
    )


@device_cell
def mmi2x2(
    width_mmi: float = 4.0,
    length_mmi: float | None = None,
    width_taper: float = 1.0,
    length_taper: float = 10.0,
    gap_mmi: float | None = None,
    cross_section: str = "strip",
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
        width_mmi: width of the multimode section in um.
        length_mmi: its length in um; None designs it for the cross-section's band (above).
        width_taper: width of the access tapers at the MMI in um.
        length_taper: length of the access tapers in um.
        gap_mmi: gap between the tapers on each side in um; None places them at +-W/6.
        cross_section: ``strip`` (O-band) or ``strip_c`` (C-band).
    """
    return _mmi(
        "mmi2x2", 2, width_mmi, length_mmi, width_taper, length_taper, gap_mmi, cross_section
    )
