"""Parameter checks shared by the cells: each raises ``ValueError`` naming parameter, value, limit.

Cells call these before drawing anything, so bad input never leaves half a layout behind.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf
from gdsfactory.cross_section import CrossSection

from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.geometry import linear_taper_half_angle

__all__ = [
    "cross_section_with_width",
    "device_cell",
    "layer_name",
    "rect",
    "require_length_above_widths",
    "require_on_grid",
    "require_positive",
    "require_taper_angle",
]


def cross_section_with_width(cross_section: str, width: float | None) -> CrossSection:
    """The named cross-section, with its core width overridden when ``width`` is given."""
    if width is None:
        return get_cross_section(cross_section)
    RULES.require_width("width", width, "WG")
    return get_cross_section(cross_section, width=width)


def layer_name(layer: object) -> str:
    """The PDK name of a layer enum member (or its string form)."""
    return getattr(layer, "name", str(layer))


def require_positive(parameter: str, value: float, unit: str = "um") -> None:
    if not value > 0:
        raise ValueError(f"{parameter}={value:g} {unit} must be > 0")


def require_on_grid(parameter: str, value: float) -> None:
    grid = RULES.grid
    if abs(round(value / grid) * grid - value) > 1e-9:
        raise ValueError(
            f"{parameter}={value!r} um is off the {grid * 1e3:g} nm grid (rule GRID.1); "
            f"round it to {round(value / grid) * grid:.3f}"
        )


def require_length_above_widths(parameter: str, length: float, xs: CrossSection) -> None:
    """A piece of ``xs`` shorter than a layer's minimum width, or smaller than its minimum area,
    is a violation on its own; refuse it naming the length, the limit and the rule."""
    limits = []
    for section in xs.sections:
        layer = layer_name(section.layer)
        if width_rule := RULES.find("width", layer):
            limits.append((width_rule.value, width_rule, f"length ({layer} width)"))
        if area_rule := RULES.find("area", layer):
            shortest = area_rule.value / section.width
            limits.append((shortest, area_rule, f"length ({layer} area / {section.width:g} um)"))
    if not limits:
        return
    shortest, rule, what = max(limits, key=lambda item: item[0])
    shortest = math.ceil(shortest / RULES.grid - 1e-6) * RULES.grid
    if not length >= shortest - 1e-9:
        raise ValueError(
            f"{parameter}={length:g} um is below the minimum {what} of {shortest:.3f} um "
            f"(rule {rule.id}); use {parameter} >= {shortest:.3f}"
        )


def require_taper_angle(
    parameter: str,
    length: float,
    width1: float,
    width2: float,
    half_angle: float | None = None,
    shortest: float | None = None,
) -> None:
    """Refuse a taper steeper than ``TECH.max_taper_half_angle``, naming the shortest length.

    ``half_angle`` (degrees) and ``shortest`` (um) default to a linear taper's from ``width1``
    to ``width2`` over ``length``; a taper of another profile passes its own.
    """
    limit = TECH.max_taper_half_angle
    if half_angle is None:
        half_angle = linear_taper_half_angle(width1, width2, length)
    if shortest is None:
        shortest = abs(width2 - width1) / 2 / math.tan(math.radians(limit))
    if half_angle > limit:
        shortest = math.ceil(shortest / RULES.grid - 1e-9) * RULES.grid
        raise ValueError(
            f"{parameter}={length:g} um makes a {half_angle:.1f} deg taper from {width1:g} to "
            f"{width2:g} um, steeper than {limit:g} deg; use {parameter} >= {shortest:.3f}"
        )


def rect(c: Any, layer: Any, x0: float, y0: float, x1: float, y1: float) -> None:
    """Draw the axis-aligned rectangle (x0, y0)-(x1, y1) on ``layer`` of component ``c``."""
    c.add_polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], layer=layer)


def _flatten(component: Any) -> None:
    component.flatten()


# A device is drawn from overlapping pieces (an MMI body and its tapers, a coupler's bus and
# arcs) whose physics only its own model knows: flattened, its netlist is a leaf, so a circuit
# solver uses that model instead of chaining the pieces.
device_cell = gf.cell(post_process=[_flatten])
