"""Parameter checks shared by the cells: each raises ``ValueError`` naming parameter, value, limit.

Cells call these before drawing anything, so bad input never leaves half a layout behind. One
helper per kind of check: a number in a range (:func:`require_number`), a whole count
(:func:`require_count`), a switch (:func:`require_flag`), a choice (:func:`require_choice`),
a length on the grid (:func:`require_on_grid`), a bend radius (:func:`require_bend_radius`).
Every number has an upper limit too: nothing drawn is longer than the die
(``TECH.die_size_max``, the 33 mm reticle field).
"""

from __future__ import annotations

import functools
import inspect
import math
from typing import Any

import gdsfactory as gf
import numpy as np
from gdsfactory.cross_section import CrossSection

from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.guides import guide
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import layer_name, layer_of
from lightlane.physics.geometry import linear_taper_half_angle

__all__ = [
    "DIE",
    "cell",
    "bend_rule",
    "cross_section_with_width",
    "require_bend_radius",
    "require_bend_sampling",
    "require_choice",
    "require_count",
    "require_flag",
    "require_length",
    "require_number",
    "device_cell",
    "layer_name",
    "rect",
    "shortest_piece",
    "variant",
    "require_length_above_widths",
    "require_on_grid",
    "require_positive",
    "require_taper_angle",
]


DIE = TECH.die_size_max
"""um: the upper limit of every drawn length (the 33 mm reticle field)."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def require_number(
    parameter: str, value: Any, low: float, high: float, unit: str = "um", *, open_low=False
) -> None:
    """Refuse a non-number (a bool too), NaN, an infinity, or a value outside [low, high]
    (``open_low``: (low, high]), naming the parameter, the value and the limit."""
    units = f" {unit}" if unit else ""
    if not _is_number(value):
        raise ValueError(f"{parameter}={value!r} must be a number{' in' + units if unit else ''}")
    if not math.isfinite(value):
        raise ValueError(f"{parameter}={value!r} must be a finite number in [{low:g}, {high:g}]")
    if value <= low if open_low else value < low - 1e-12:
        sign, bound = (">", "above") if open_low else (">=", "at least")
        raise ValueError(
            f"{parameter}={value:g}{units} must be {bound} {low:g}{units}; "
            f"use {parameter} {sign} {low:g}"
        )
    if value > high + 1e-12:
        raise ValueError(
            f"{parameter}={value:g}{units} is above the limit of {high:g}{units}; "
            f"use {parameter} <= {high:g}"
        )


def require_count(parameter: str, value: Any, low: int, high: int, why: str = "") -> None:
    """Refuse anything but a whole number (bools and NaN included) in [low, high]."""
    whole = _is_number(value) and math.isfinite(value) and float(value) == int(value)
    if not whole:
        raise ValueError(f"{parameter}={value!r} must be a whole number in [{low}, {high}]")
    if not low <= value <= high:
        reason = f" ({why})" if why else ""
        raise ValueError(
            f"{parameter}={value!r} is outside [{low}, {high}]{reason}; "
            f"use {low} <= {parameter} <= {high}"
        )


def require_flag(parameter: str, value: Any) -> None:
    """Refuse anything but True or False (a string "false" is not a switch)."""
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{parameter}={value!r} must be True or False")


def require_choice(parameter: str, value: Any, choices: tuple) -> None:
    """Refuse a value that is not one of ``choices``, listing them."""

    def same(c: Any) -> bool:
        if _is_number(value) and _is_number(c):
            return value == c
        return type(value) is type(c) and value == c

    if not any(same(c) for c in choices):
        raise ValueError(f"{parameter}={value!r} must be one of {', '.join(map(repr, choices))}")


def require_length(parameter: str, value: Any, low: float = 0.0, *, open_low=True) -> None:
    """A drawn length in um: a finite number in (low, die size] on the 1 nm grid."""
    require_number(parameter, value, low, DIE, open_low=open_low)
    require_on_grid(parameter, value)


def require_bend_sampling(angle: Any, npoints: Any, angular_step: Any) -> None:
    """A bend's angle in [-180, 180] degrees, not 0, and gdsfactory's point density: ``npoints``
    per 360 degrees (3 to 100,000) or ``angular_step`` in (0, 10] degrees, either None."""
    require_number("angle", angle, -180.0, 180.0, "deg")
    if angle == 0:
        raise ValueError("angle=0 deg makes no bend; use angle in [-180, 180], not 0")
    if npoints is not None:
        require_count("npoints", npoints, 3, 100_000)
    if angular_step is not None:
        require_number("angular_step", angular_step, 0.0, 10.0, "deg", open_low=True)


def bend_rule(xs: CrossSection) -> tuple[float, str | None]:
    """The smallest bend radius in um of ``xs`` and the rule that sets it (None: the
    cross-section's own ``radius_min``).

    Read from the cross-section itself (its ``radius_min``, which lightlane's cross-sections set
    to their rule) and from the rule of its guide, so a renamed copy keeps its limit.
    """
    found = guide(xs)
    rule = RULES.find("radius", found.name or found.model)
    own = xs.radius_min or 0.0
    if rule is not None and rule.value >= own - 1e-9:
        return rule.value, rule.id
    return own, None


def require_bend_radius(
    parameter: str,
    value: float,
    smallest: float,
    xs: CrossSection,
    suggestion: float,
    allow_min_radius_violation: bool = False,
) -> None:
    """Refuse a bend whose smallest radius of curvature ``smallest`` (um) is below the limit of
    ``xs``; ``suggestion`` is the value of ``parameter`` that would meet it.

    ``allow_min_radius_violation`` (gdsfactory's switch) cannot lift a design rule: a bend below
    the process minimum is refused whatever it says.
    """
    require_flag("allow_min_radius_violation", allow_min_radius_violation)
    limit, rule_id = bend_rule(xs)
    if smallest < limit - 1e-6:
        cite = f" (rule {rule_id})" if rule_id else ""
        raise ValueError(
            f"{parameter}={value:g} um gives a smallest radius of curvature of {smallest:.3f} um, "
            f"below the minimum {limit:g} um of the cross-section{cite}; "
            f"use {parameter} >= {suggestion:.3f}"
        )


def cross_section_with_width(
    cross_section: Any, width: float | None = None, layer: Any = None
) -> CrossSection:
    """The cross-section of any spec, its main width (and layer) overridden when given."""
    xs = get_cross_section(cross_section)
    settings = {}
    if layer is not None:
        settings["layer"] = layer_of("layer", layer)
    if width is not None:
        require_number("width", width, 0.0, DIE, open_low=True)
        settings["width"] = width
    if not settings:
        return xs
    new = xs.copy(**settings)
    for k, section in enumerate(new.sections[:1]):
        RULES.require_width(
            "width" if width is not None else f"sections[{k}].width",
            section.width,
            layer_name(section.layer),
        )
    return get_cross_section(new)


def require_positive(parameter: str, value: float, unit: str = "um", high: float = DIE) -> None:
    """A finite number in (0, high]."""
    require_number(parameter, value, 0.0, high, unit, open_low=True)


def require_on_grid(parameter: str, value: float) -> None:
    require_number(parameter, value, -DIE, DIE)
    grid = RULES.grid
    if abs(round(value / grid) * grid - value) > 1e-9:
        raise ValueError(
            f"{parameter}={value!r} um is off the {grid * 1e3:g} nm grid (rule GRID.1); "
            f"round it to {round(value / grid) * grid:.3f}"
        )


def shortest_piece(xs: CrossSection) -> tuple[float, Any, str]:
    """The shortest piece of ``xs`` that is clean on its own: (length in um on the grid, the rule
    that sets it, what it limits). A shorter piece would break a width or area rule along its
    axis."""
    limits = [(0.0, None, "length")]
    for section in xs.sections:
        layer = layer_name(section.layer)
        if width_rule := RULES.find("width", layer):
            limits.append((width_rule.value, width_rule, f"length ({layer} width)"))
        if area_rule := RULES.find("area", layer):
            shortest = area_rule.value / section.width
            limits.append((shortest, area_rule, f"length ({layer} area / {section.width:g} um)"))
    shortest, rule, what = max(limits, key=lambda item: item[0])
    return math.ceil(shortest / RULES.grid - 1e-6) * RULES.grid, rule, what


def require_length_above_widths(parameter: str, length: float, xs: CrossSection) -> None:
    """A piece of ``xs`` shorter than a layer's minimum width, or smaller than its minimum area,
    is a violation on its own; refuse it naming the length, the limit and the rule."""
    shortest, rule, what = shortest_piece(xs)
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
            f"{width2:g} um, steeper than {limit:g} deg (rule TECH.max_taper_half_angle: "
            f"adiabatic tapers); use {parameter} >= {shortest:.3f}"
        )


def rect(c: Any, layer: Any, x0: float, y0: float, x1: float, y1: float) -> None:
    """Draw the axis-aligned rectangle (x0, y0)-(x1, y1) on ``layer`` of component ``c``."""
    c.add_polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], layer=layer)


def _typed(func: Any) -> Any:
    """``func`` refusing a bool for a parameter whose default is a number, and anything but a
    bool for one whose default is a bool, before gdsfactory's cache is consulted: the cache
    holds ``True == 1`` and ``False == 0`` for the same key, so ``length_x=False`` would return
    the cell of ``length_x=0`` without its checks ever running."""
    defaults = {
        name: p.default
        for name, p in inspect.signature(func).parameters.items()
        if p.default is not inspect.Parameter.empty and p.default is not None
    }
    flags = {name for name, d in defaults.items() if isinstance(d, bool)}
    numbers = {name for name, d in defaults.items() if _is_number(d)}

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        for name, value in kwargs.items():
            if name in flags:
                require_flag(name, value)
            elif name in numbers and isinstance(value, bool | np.bool_):
                raise ValueError(f"{name}={value!r} must be a number, not True or False")
        return func(*args, **kwargs)

    return checked


def cell(func: Any = None, **settings: Any) -> Any:
    """gdsfactory's ``@gf.cell`` (same settings) with :func:`_typed`'s argument types."""
    if func is None:
        return functools.partial(cell, **settings)
    return _typed(gf.cell(func, **settings) if settings else gf.cell(func))


def variant(func: Any, module: str, doc: str, **settings: Any) -> functools.partial:
    """``functools.partial(func, **settings)``, a named variant of a cell that documents itself:
    ``doc`` and ``module`` (the caller's ``__name__``) for the gallery and ``lightlane cells``."""
    made = functools.partial(func, **settings)
    made.__doc__ = doc
    made.__module__ = module
    return made


def _flatten(component: Any) -> None:
    component.flatten()


# A device is drawn from overlapping pieces (an MMI body and its tapers, a coupler's bus and
# arcs) whose physics only its own model knows: flattened, its netlist is a leaf, so a circuit
# solver uses that model instead of chaining the pieces.
device_cell = cell(post_process=[_flatten])


def quiet(parameter: str, decorator: Any = None) -> Any:
    """``decorator`` (:func:`cell` by default) on a cell function whose ``parameter`` stays out
    of the cell's name and settings while it holds its default: a parameter added to an
    existing cell leaves the default cell, its name and its GDS bytes as they were."""

    def wrap(func: Any) -> Any:
        make = cell if decorator is None else decorator
        signature = inspect.signature(func)
        default = signature.parameters[parameter].default
        full = make(func)

        @functools.wraps(func)
        def without(**kwargs: Any) -> Any:
            return func(**kwargs, **{parameter: default})

        without.__signature__ = signature.replace(
            parameters=[p for p in signature.parameters.values() if p.name != parameter]
        )
        plain = make(without)

        @functools.wraps(func)
        def dispatch(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind_partial(*args, **kwargs).arguments
            if parameter in bound and bound[parameter] is not default:
                if isinstance(default, bool):
                    require_flag(parameter, bound[parameter])
                if bound[parameter] != default:
                    return full(**bound)
            bound.pop(parameter, None)
            return plain(**bound)

        dispatch.is_gf_cell = True  # type: ignore[attr-defined]
        return dispatch

    return wrap
