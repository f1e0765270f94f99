"""gdsfactory's transition between two cross-sections (``taper_cross_section``).

gdsfactory's doped heaters (``straight_heater_doped_rib``...) enter and leave their doped rib
through ``taper_cross_section``: every section of the first cross-section morphs into the
section of the second on the same layer. Here the morph is refused when any section's edge would
run steeper than ``TECH.max_taper_half_angle`` (the rule every lightlane taper keeps), so the
default length is long enough for the strip-to-rib slabs it usually opens.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf

from lightlane.components._checks import (
    device_cell,
    require_choice,
    require_count,
    require_flag,
    require_length,
    require_taper_angle,
)
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.guides import guide
from lightlane.pdk.process import TECH
from lightlane.pdk.sections import layer_name, layer_of

__all__ = ["taper_cross_section"]

# The steepest edge slope of a width profile over its mean slope: 1 for a linear profile,
# pi/2 for gdsfactory's sine profile w1 + (w2 - w1)(1 - cos(pi t))/2.
_PEAK_SLOPE = {"linear": 1.0, "sine": math.pi / 2}


def _edge_shift(a: Any, b: Any) -> float:
    """The largest lateral move in um of an edge of section ``a`` becoming section ``b``."""
    return max(
        abs((b.offset + b.width / 2) - (a.offset + a.width / 2)),
        abs((b.offset - b.width / 2) - (a.offset - a.width / 2)),
    )


def _paired(x1: Any, x2: Any) -> list[tuple[Any, Any]]:
    """The sections of ``x1`` and ``x2`` that morph into each other: same layer, in order."""
    pairs = []
    for layer in {layer_name(s.layer) for s in x1.sections}:
        ones = [s for s in x1.sections if layer_name(s.layer) == layer]
        twos = [s for s in x2.sections if layer_name(s.layer) == layer]
        pairs += list(zip(ones, twos, strict=False))
    return pairs


@device_cell
def taper_cross_section(
    cross_section1: Any = "strip_rib_tip",
    cross_section2: Any = "rib2",
    length: float = 35.0,
    npoints: int = 100,
    linear: bool = False,
    width_type: str = "sine",
    exclude_layers: tuple[Any, ...] | None = None,
) -> gf.Component:
    """A transition from ``cross_section1`` (o1) to ``cross_section2`` (o2) over ``length``.

    ::

                 ___________
        o1 ____/____________ o2      cross_section1 -> cross_section2
               \\___________

    Args:
        length: transition length in um; no section's edge may run steeper than
            ``TECH.max_taper_half_angle`` (8 deg), taking the profile's peak slope.
        cross_section1: cross-section spec at o1.
        cross_section2: cross-section spec at o2 (its core on the same layer).
        npoints: points along the path (2 to 10,000).
        linear: a linear profile (else ``width_type``).
        width_type: ``sine`` or ``linear``.
        exclude_layers: layers whose sections are drawn without morphing (gdsfactory's).
    """
    require_length("length", length)
    require_count("npoints", npoints, 2, 10_000)
    require_flag("linear", linear)
    require_choice("width_type", width_type, tuple(_PEAK_SLOPE))
    profile = "linear" if linear else width_type
    x1, x2 = get_cross_section(cross_section1), get_cross_section(cross_section2)
    g1, g2 = guide(x1), guide(x2)
    for end, found in (("cross_section1", g1), ("cross_section2", g2)):
        if found.kind == "wire":
            raise ValueError(f"{end} has no silicon core: taper_cross_section joins waveguides")
    excluded = {layer_name(layer_of("exclude_layers", layer)) for layer in exclude_layers or ()}
    limit = math.radians(TECH.max_taper_half_angle)
    for a, b in _paired(x1, x2):
        if layer_name(a.layer) in excluded:
            continue
        shift = _PEAK_SLOPE[profile] * _edge_shift(a, b)
        require_taper_angle(
            "length",
            length,
            a.width,
            b.width,
            half_angle=math.degrees(math.atan2(shift, length)),
            shortest=shift / math.tan(limit),
        )
    if excluded:

        def _skip(xs: Any) -> Any:
            sections = tuple(
                s.model_copy(update={"skip_transition": True})
                if layer_name(s.layer) in excluded
                else s
                for s in xs.sections
            )
            return xs.model_copy(update={"sections": sections})

        x1, x2 = _skip(x1), _skip(x2)
    transition = gf.path.transition(
        cross_section1=x1, cross_section2=x2, width_type=profile, offset_type=profile
    )
    c = gf.Component()
    ref = c << gf.path.extrude_transition(
        gf.path.straight(length=length, npoints=npoints), transition=transition
    )
    c.add_ports(ref.ports)
    c.info["length"] = float(length)
    c.info["width1"] = float(g1.width)
    c.info["width2"] = float(g2.width)
    c.info["guide1"] = g1.model
    c.info["guide2"] = g2.model
    return c
