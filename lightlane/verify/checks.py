"""Rule kinds -> klayout.db operations: one function per kind of :class:`~lightlane.pdk.Rule`.

A check reads the rule's numbers (the data) and returns marker collections (the logic); the
engine owns layers, hierarchy and reporting. Lengths arrive in um and are converted to database
units here. The same operations are written as Ruby DSL by :mod:`lightlane.verify.lydrc`, so the
two engines agree marker for marker.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

import klayout.db as db

from lightlane.pdk.rules import Rule

__all__ = ["CHECKS", "INTEGRITY_RULES", "CheckContext", "Markers", "check_rule", "to_dbu"]

Markers = db.EdgePairs | db.Region | db.Edges

# Polygon integrity is not a process rule but every fab rejects it; ids live here, not in RULES.
INTEGRITY_RULES: tuple[Rule, ...] = (
    Rule("POLY.1", "self_intersection", "*", 0.0, "self-intersecting polygon"),  # type: ignore[arg-type]
    Rule("POLY.2", "degenerate", "*", 0.0, "degenerate shape (zero area: polygon, box or path)"),  # type: ignore[arg-type]
    Rule(
        "INST.1", "instance_angle", "*", 90.0, "instance rotated by other than a multiple of 90 deg"
    ),  # type: ignore[arg-type]
)


class CheckContext(Protocol):
    """What a check needs from the engine: layers by name, and the run's settings."""

    dbu: float
    tolerance: float
    angle_limit: float
    prefilter: bool  # skip work that provably finds nothing (off where it would only add work)

    def region(self, layer: str) -> db.Region:
        """Merged shapes of PDK layer ``layer`` (empty when the layout has none)."""
        ...

    def raw(self, layer: str) -> db.Region:
        """Shapes of ``layer`` as drawn (not merged), for vertex and polygon-integrity checks."""
        ...

    def present(self, layer: str) -> bool:
        """True when the layout draws anything on ``layer``."""
        ...

    def layers(self) -> list[str]:
        """Names of the fab layers present in the layout (targets of ``*`` rules)."""
        ...

    def near(self, layer: str, box: db.Box) -> db.Region:
        """Flat, merged shapes of ``layer`` overlapping ``box`` (top-cell coordinates)."""
        ...

    def per_placement(
        self, region: db.Region, check: Callable[[db.Polygon], db.EdgePairs]
    ) -> db.EdgePairs:
        """``check`` on each polygon of ``region`` in every placement (top coordinates)."""
        ...

    def marked(self, kind: str) -> Markers:
        """Markers drawn while preparing the layout (``degenerate``, ``strange``, ``instance``)."""
        ...


def to_dbu(ctx: CheckContext, um: float) -> int:
    """A limit in whole database units that flags exactly what lies below ``um``.

    Lengths on the grid are whole units, so ``k < um/dbu`` holds exactly when ``k`` is below
    the ceiling; rounding instead would let a 0.1 um line pass a 0.15 um rule at 0.1 um units.
    """
    return max(math.ceil(um / ctx.dbu - 1e-6), 0)


def check_width(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Width below ``value - tolerance`` (um); corners sharper than ``angle_limit`` ignored."""
    d = to_dbu(ctx, rule.value - ctx.tolerance)
    return [ctx.region(rule.layer).width_check(d, False, db.Region.Euclidian, ctx.angle_limit)]


def check_space(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Space (between polygons and notches inside one) below ``value - tolerance`` (um).

    Every space marker is a notch (two edges of one polygon) or an isolated pair (edges of two
    polygons), so a layer with neither is clean: those two checks cost a fraction of KLayout's
    space check where long routes fan out (overlapping bounding boxes), and the space check
    itself runs only on layers that fail them, giving the very same markers.
    """
    region = ctx.region(rule.layer)
    args = (to_dbu(ctx, rule.value - ctx.tolerance), False, db.Region.Euclidian, ctx.angle_limit)
    if ctx.prefilter and region.isolated_check(*args).is_empty():
        if region.notch_check(*args).is_empty():
            return []
    return [region.space_check(*args)]


def check_area(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Merged polygons with an area below ``value`` (um^2)."""
    limit = max(math.ceil(rule.value / ctx.dbu**2 - 1e-6), 0)
    return [ctx.region(rule.layer).with_area(0, limit, False)]


def check_enclosure(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """``layer`` enclosed by the union of ``other`` by less than ``value`` (um), or sticking out.

    A shape whose bounding box grown by ``value`` lies inside ``other`` is enclosed by at least
    ``value`` everywhere, so only the others are checked: same markers, a fraction of the work.
    """
    outer_parts = [ctx.region(name) for name in rule.other if ctx.present(name)]
    inner = ctx.region(rule.layer)
    if not outer_parts:
        return [inner]
    outer = outer_parts[0]
    for part in outer_parts[1:]:
        outer = outer + part
    d = to_dbu(ctx, rule.value)
    # a shape inside a neighbour's bad box is checked too: harmless, each shape checks alone
    suspects = inner.interacting(inner.extents(d).not_inside(outer))
    return [suspects.enclosed_check(outer, d, False, db.Region.Euclidian), suspects - outer]


def check_separation(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """``layer`` closer than ``value`` (um) to ``other``, checked per pair of shapes.

    A pair that touches or overlaps is a contact, not a violation; the same shape is still
    checked against every other shape it does not touch (a heater against foreign M1).
    """
    if not ctx.present(rule.other[0]):
        return []
    layer, other = ctx.region(rule.layer), ctx.region(rule.other[0])
    d = to_dbu(ctx, rule.value)
    free = layer.not_interacting(other)
    markers: list[Markers] = [free.separation_check(other, d, False, db.Region.Euclidian)]
    contacted = layer.interacting(other)
    if not contacted.is_empty():
        markers.append(_contacted_separation(ctx, contacted, rule.other[0], d))
    return markers


def _contacted_separation(ctx: CheckContext, contacted: db.Region, other: str, d: int) -> Markers:
    """Each shape touching ``other``, against the ``other`` shapes it does not touch.

    Checked in each placement's flat context (its neighbours may differ per placement); the
    engine files the markers in the shape's own cell when every placement gives the same.
    """

    def check(polygon: db.Polygon) -> db.EdgePairs:
        shape = db.Region(polygon)
        rest = ctx.near(other, polygon.bbox().enlarged(d, d)).not_interacting(shape)
        if rest.is_empty():
            return db.EdgePairs()
        hits = shape.separation_check(rest, d, False, db.Region.Euclidian)
        if hits.is_empty():
            return hits
        # a local piece may belong to a touching polygon joined outside the window: drop those
        rest = rest.not_interacting(_flat(ctx.region(other).interacting(shape)))
        return shape.separation_check(rest, d, False, db.Region.Euclidian)

    return ctx.per_placement(contacted, check)


def _flat(region: db.Region) -> db.Region:
    """A plain (flat, top-cell) copy of a deep or flat region."""
    flat = region.dup()
    flat.flatten()
    return db.Region(list(flat.each()))


def check_grid(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Drawn vertices off the ``value`` (um) grid, on every fab layer."""
    g = int(round(rule.value / ctx.dbu))  # the loader accepts only units dividing 1 nm
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
    # zero-area figure-eights never reach a deep region: the engine marks those itself
    checked = [ctx.raw(name).with_area(1, None, False) for name in ctx.layers()]
    return [r.strange_polygon_check() for r in checked] + [ctx.marked("strange")]


def check_degenerate(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Drawn shapes with zero area (collapsed polygons, zero-width boxes or paths)."""
    return [ctx.marked("degenerate")]


def check_instance_angle(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Instances rotated by an angle that is not a multiple of ``value`` degrees."""
    return [ctx.marked("instance")]


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
    "instance_angle": check_instance_angle,
}


def check_rule(ctx: CheckContext, rule: Rule) -> list[Markers]:
    """Run the check for ``rule.kind`` (``KeyError`` for a kind nobody implemented)."""
    try:
        check = CHECKS[rule.kind]
    except KeyError:
        raise KeyError(f"no check for rule kind {rule.kind!r} (rule {rule.id})") from None
    return check(ctx, rule)
