"""Rule kinds -> klayout.db operations: one function per kind of :class:`~lightlane.pdk.Rule`.

A check reads the rule's numbers (the data) and returns marker collections (the logic); the
engine owns layers, hierarchy and reporting. Lengths arrive in um and are converted to database
units here. The same operations are written as Ruby DSL by :mod:`lightlane.verify.lydrc`, so the
two engines agree marker for marker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import klayout.db as db

from lightlane.pdk.rules import Rule

__all__ = ["CHECKS", "INTEGRITY_RULES", "CheckContext", "Markers", "check_rule"]

Markers = db.EdgePairs | db.Region | db.Edges

# Polygon integrity is not a process rule but every fab rejects it; ids live here, not in RULES.
INTEGRITY_RULES: tuple[Rule, ...] = (
    Rule("POLY.1", "self_intersection", "*", 0.0, "self-intersecting polygon"),  # type: ignore[arg-type]
    Rule("POLY.2", "degenerate", "*", 0.0, "degenerate polygon (zero area)"),  # type: ignore[arg-type]
)


class CheckContext(Protocol):
    """What a check needs from the engine: layers by name, and the run's settings."""

    dbu: float
    tolerance: float
    angle_limit: float

    def region(self, layer: str) -> db.Region:
        """Merged shapes of PDK layer ``layer`` (empty when the layout has none)."""
        ...

    def raw(self, layer: str) -> db.Region:
        """Shapes of ``layer`` as drawn (not merged), for vertex and polygon-integrity checks."""
        ...

    def layers(self) -> list[str]:
        """Names of the fab layers present in the layout (targets of ``*`` rules)."""
        ...

    def degenerate_shapes(self) -> db.Edges:
        """A dot or diagonal per drawn polygon of zero area, kept in the cell that draws it."""
        ...


def _dbu(ctx: CheckContext, um: float) -> int:
    return max(int(round(um / ctx.dbu)), 0)


def check_width(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Width below ``value - tolerance`` (um); corners sharper than ``angle_limit`` ignored."""
    d = _dbu(ctx, rule.value - ctx.tolerance)
    return [ctx.region(rule.layer).width_check(d, False, db.Region.Euclidian, ctx.angle_limit)]


def check_space(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Space (between polygons and notches inside one) below ``value - tolerance`` (um)."""
    d = _dbu(ctx, rule.value - ctx.tolerance)
    return [ctx.region(rule.layer).space_check(d, False, db.Region.Euclidian, ctx.angle_limit)]


def check_area(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Merged polygons with an area below ``value`` (um^2)."""
    limit = int(round(rule.value / ctx.dbu**2))
    return [ctx.region(rule.layer).with_area(0, limit, False)]


def check_enclosure(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """``layer`` enclosed by the union of ``other`` by less than ``value`` (um), or sticking out."""
    inner = ctx.region(rule.layer)
    outer_parts = [ctx.region(name) for name in rule.other]
    outer = outer_parts[0]
    for part in outer_parts[1:]:
        outer = outer + part
    d = _dbu(ctx, rule.value)
    return [inner.enclosed_check(outer, d, False, db.Region.Euclidian), inner - outer]


def check_separation(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """``layer`` closer than ``value`` (um) to ``other``; touching shapes are contacts."""
    layer = ctx.region(rule.layer)
    other = ctx.region(rule.other[0])
    d = _dbu(ctx, rule.value)
    # KLayout flags abutting shapes at distance 0; a contact is intended, so exempt it.
    free = layer.not_interacting(other)
    return [free.separation_check(other, d, False, db.Region.Euclidian)]


def check_grid(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Drawn vertices off the ``value`` (um) grid, on every fab layer."""
    g = _dbu(ctx, rule.value)
    if g <= 1:
        return []  # every vertex is on the database-unit grid by construction
    return [ctx.raw(name).grid_check(g, g) for name in ctx.layers()]


def check_angle(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Convex corners with an interior angle below ``value`` degrees, as dots."""
    # KLayout's corner angle of a convex corner is -(180 - interior angle).
    hi = -(180.0 - rule.value)
    return [ctx.region(name).corners_dots(-180.0, hi, True, False) for name in ctx.layers()]


def check_self_intersection(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Self-overlapping or figure-eight parts of drawn polygons."""
    return [ctx.raw(name).strange_polygon_check() for name in ctx.layers()]


def check_degenerate(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Drawn polygons with zero area (collapsed, fewer than three distinct points)."""
    # klayout regions drop zero-area polygons, so the engine scans the cells' shapes itself
    return [ctx.degenerate_shapes()]


def check_radius(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Radius rules are cross-section rules: the connectivity checker applies them."""
    return []


CHECKS: dict[str, Callable[[CheckContext, Rule], list[Markers]]] = {
    "width": check_width,
    "space": check_space,
    "area": check_area,
    "enclosure": check_enclosure,
    "separation": check_separation,
    "grid": check_grid,
    "angle": check_angle,
    "radius": check_radius,
    "self_intersection": check_self_intersection,
    "degenerate": check_degenerate,
}


def check_rule(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Run the check for ``rule.kind`` (``KeyError`` for a kind nobody implemented)."""
    try:
        check = CHECKS[rule.kind]
    except KeyError:
        raise KeyError(f"no check for rule kind {rule.kind!r} (rule {rule.id})") from None
    return check(ctx, rule)
