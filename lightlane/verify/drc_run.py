"""The DRC run: every rule of :data:`~lightlane.pdk.rules.RULES` on a layout, hierarchically.

Deep mode (``klayout.db.DeepShapeStore``) checks each cell once and keeps markers in the cell
where they occur; flat mode flattens first (slower on repeated cells, same flat counts).
Before any check the layout is measured (flat shapes, against a stated limit), cells deeper
than :data:`~lightlane.verify.hierarchy.CHECK_DEPTH` are flattened, and whatever KLayout
logs or raises as an error turns into :class:`~lightlane.verify.guard.DrcError`.
"""

from __future__ import annotations

import math
import os
import struct
import time
from collections.abc import Iterable
from typing import Any

import klayout.db as db

from lightlane.pdk.layers import LAYER_TABLE
from lightlane.pdk.rules import RULES, Rule
from lightlane.verify.checks import INTEGRITY_RULES, check_rule
from lightlane.verify.guard import klayout_errors
from lightlane.verify.hierarchy import (
    MAX_SHAPES,
    check_size,
    flat_shape_counts,
    flatten_below,
    mark_non_manhattan,
    placements,
)
from lightlane.verify.loading import check_extent, load_layout
from lightlane.verify.report import DrcReport, Violation

__all__ = ["MAX_MARKERS", "default_rules", "drc"]

MAX_DEDUPE = 1_000_000
"""Markers of one rule that deep mode de-duplicates (in Python, ~100 bytes each); a rule that
fires more often is checked again flat, where KLayout reports every pair once by itself."""

MAX_MARKERS = 10_000
"""Markers listed per rule by default (counts stay exact), as DRC tools cap their result
databases: a dense array may fire millions of times, and each listed marker costs memory."""


def default_rules() -> tuple[Rule, ...]:
    """The rules :func:`drc` checks: the polygon rules of RULES plus polygon integrity."""
    return tuple(r for r in RULES if r.kind != "radius") + INTEGRITY_RULES


class _Run:
    """Layers of one layout as (cached) klayout regions; implements ``CheckContext``."""

    def __init__(
        self,
        layout: db.Layout,
        top: db.Cell,
        flat: bool,
        tolerance: float,
        angle_limit: float,
        present: set[str],
        marks: dict[str, int],
    ) -> None:
        self.layout, self.top = layout, top
        self.dbu = layout.dbu
        self.tolerance, self.angle_limit = tolerance, angle_limit
        self.prefilter = True
        self.dss = None if flat else db.DeepShapeStore()
        self._gds = {d.name: d.gds for d in LAYER_TABLE}
        self._present = [d.name for d in LAYER_TABLE if d.fab and d.name in present]
        self._marks = marks
        self._merged: dict[str, db.Region] = {}
        self._raw: dict[str, db.Region] = {}

    def _iter(self, index: int, box: db.Box | None = None) -> db.RecursiveShapeIterator:
        if box is None:
            return self.top.begin_shapes_rec(index)
        return self.top.begin_shapes_rec_overlapping(index, box)

    def _make(self, layer: str) -> db.Region:
        index = self.layout.layer(*self._gds[layer])  # private copy: creating a layer is harmless
        it = self._iter(index)
        return db.Region(it) if self.dss is None else db.Region(it, self.dss)

    def region(self, layer: str) -> db.Region:
        if layer not in self._merged:
            region = self._make(layer)
            if self.dss is None:
                # merged up front: a flat check on a lazily merged region is ~6x slower, and
                # merging drops zero-area shapes as a deep region does (they are POLY.2's)
                region.merge()
            self._merged[layer] = region
        return self._merged[layer]

    def raw(self, layer: str) -> db.Region:
        if layer not in self._raw:
            region = self._make(layer)
            region.merged_semantics = False
            self._raw[layer] = region
        return self._raw[layer]

    def present(self, layer: str) -> bool:
        return layer in self._present

    def layers(self) -> list[str]:
        return list(self._present)

    def near(self, layer: str, box: db.Box) -> db.Region:
        return db.Region(self._iter(self.layout.layer(*self._gds[layer]), box))

    def per_placement(self, region: db.Region, check: Any) -> db.EdgePairs:
        """``check(polygon in top coordinates)`` for each polygon of ``region`` per placement.

        A polygon whose placements all give the same markers (in its cell's coordinates) gets
        them once in its own cell, so the report names the cell; others are filed in the top.
        """
        scratch, found = self.layout.layer(), self.layout.layer()
        region.insert_into(self.layout, self.top.cell_index(), scratch)
        groups: dict[tuple[int, str], list[tuple[db.ICplxTrans, db.EdgePairs]]] = {}
        it = self.top.begin_shapes_rec(scratch)
        while not it.at_end():
            polygon, trans = it.shape().polygon, it.trans()
            groups.setdefault((it.cell_index(), str(polygon)), []).append(
                (trans, check(polygon.transformed(trans)))
            )
            it.next()
        for (ci, _), hits in groups.items():
            local = [markers.transformed(trans.inverted()) for trans, markers in hits]
            if len({_pairs(m) for m in local}) == 1:
                self.layout.cell(ci).shapes(found).insert(local[0])
            else:
                for _, markers in hits:
                    self.top.shapes(found).insert(markers)
        self.layout.delete_layer(scratch)
        it = self.top.begin_shapes_rec(found)
        return db.EdgePairs(it) if self.dss is None else db.EdgePairs(it, self.dss)

    def marked(self, kind: str) -> Any:
        it = self.top.begin_shapes_rec(self._marks[kind])
        if kind in ("instance", "strange"):
            region = db.Region(it) if self.dss is None else db.Region(it, self.dss)
            region.merged_semantics = False  # one marker per instance, even where they overlap
            return region
        return db.Edges(it) if self.dss is None else db.Edges(it, self.dss)

    def unique(self, markers: Any) -> Any:
        """Drop the mirrored twin that deep mode reports for a pair spanning sibling cells.

        Deep mode checks a pair of shapes from two sibling instances in each one's context and
        reports it once per side, swapped; flat mode reports it once. Markers are rare, so
        flattening the (non-empty) collection to de-duplicate costs nothing on clean layouts.
        """
        if self.dss is None or not isinstance(markers, db.EdgePairs) or markers.is_empty():
            return markers
        flat = markers.dup()
        flat.flatten()
        seen: set[bytes] = set()  # 64 bytes a pair: a million markers cost ~100 MB here
        unique = db.EdgePairs()
        for pair in flat.each():
            a, b = sorted((_edge_key(pair.first), _edge_key(pair.second)))
            key = struct.pack(">8q", *a, *b)
            if key not in seen:
                seen.add(key)
                unique.insert(pair)
        # Without twins keep the hierarchical markers: they say which cell is at fault.
        return markers if unique.count() == flat.count() else unique

    def mark_zero_area(self) -> None:
        """Mark every drawn shape of zero area in its own cell: degenerate, or a figure-eight.

        Deep regions drop zero-area shapes, so each cell's own shapes are scanned (in C++, per
        cell and layer); a figure-eight has zero signed area too but is a self-intersection.
        """
        degenerate, strange = self._marks["degenerate"], self._marks["strange"]
        fab = [self.layout.find_layer(*self._gds[name]) for name in self._present]
        for ci in placements(self.layout, self.top):
            cell = self.layout.cell(ci)
            for li in fab:
                drawn = db.Region(cell.shapes(li))
                drawn.merged_semantics = False
                for polygon in drawn.with_area(0, 1, False).each():
                    alone = db.Region(polygon)
                    alone.merged_semantics = False
                    parts = alone.strange_polygon_check()
                    if parts.is_empty():
                        box = polygon.bbox()
                        cell.shapes(degenerate).insert(db.Edge(box.p1, box.p2))
                    else:
                        cell.shapes(strange).insert(parts)


def _pairs(markers: db.EdgePairs) -> tuple[str, ...]:
    """A comparable form of a (small) marker collection."""
    return tuple(sorted(str(pair) for pair in markers.each()))


def _edge_key(edge: db.Edge) -> tuple[int, int, int, int]:
    """An edge's end points in a direction-free order."""
    a, b = (edge.p1.x, edge.p1.y), (edge.p2.x, edge.p2.y)
    return (*min(a, b), *max(a, b))


def _violation(rule: Rule, cell: str, shape: db.Shape, placements: int) -> Violation:
    r6 = lambda *xs: tuple(round(x, 6) for x in xs)  # noqa: E731 - um to 1 pm, stable JSON
    box = shape.dbbox()
    edges: tuple[Any, ...] = ()
    if shape.is_edge_pair():
        ep = shape.dedge_pair
        edges = tuple(r6(e.x1, e.y1, e.x2, e.y2) for e in (ep.first, ep.second))
    elif shape.is_edge():
        e = shape.dedge
        edges = (r6(e.x1, e.y1, e.x2, e.y2),)
    return Violation(
        rule=rule.id,
        value=rule.value,
        unit=rule.unit,
        message=rule.message(),
        cell=cell,
        bbox=r6(box.left, box.bottom, box.right, box.top),
        edges=edges,
        placements=placements,
    )


def _check_settings(tolerance: float, angle_limit: float, max_shapes: int, max_markers: int):
    """Each setting is a finite number in its range, before any work."""
    for name, value, lo, hi in (
        ("tolerance", tolerance, 0.0, 0.1),
        ("angle_limit", angle_limit, 0.0, 180.0),
        ("max_shapes", max_shapes, 1, 10**12),
        ("max_markers", max_markers, 0, 10**9),
    ):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name}={value!r} must be a number")
        if not (math.isfinite(value) and lo <= value <= hi):
            raise ValueError(f"{name}={value!r} is outside [{lo:g}, {hi:g}]")


def drc(
    component_or_path: Any,
    flat: bool = False,
    tolerance: float = 0.002,
    angle_limit: float = 80.0,
    top_cell: str | None = None,
    rules: Iterable[Rule] | None = None,
    max_shapes: int = MAX_SHAPES,
    max_markers: int = MAX_MARKERS,
) -> DrcReport:
    """Check a layout against the lightlane rule table.

    Args:
        component_or_path: a ``gf.Component``, a path to a GDS/OAS file or a ``klayout.db.Layout``.
        flat: flatten before checking (default: hierarchical, each cell checked once).
        tolerance: width and space rules fire below ``value - tolerance`` (um, 0 to 0.1), so
            that curves snapped to the 1 nm grid do not give false markers.
        angle_limit: width and space ignore edges meeting at this angle (deg) or more.
        top_cell: cell to check when the file has several top cells.
        rules: rules to check (default: :func:`default_rules`).
        max_shapes: refuse layouts with more shapes than this once flattened (memory bound).
        max_markers: markers listed per rule in ``violations`` (counts are always exact).

    Returns:
        A :class:`DrcReport`; ``report.ok`` is True when clean.

    Raises:
        GdsReadError: unreadable or malformed file, unsupported database unit, several top
            cells and no ``top_cell`` (TopCellError), above ``max_shapes`` (LayoutTooLargeError).
        DrcError: KLayout failed (out of memory, internal error): the layout was not checked.
    """
    _check_settings(tolerance, angle_limit, max_shapes, max_markers)
    selected = tuple(default_rules() if rules is None else rules)
    start = time.perf_counter()
    path = isinstance(component_or_path, (str, os.PathLike))
    with klayout_errors(f"DRC of {component_or_path if path else 'the layout'}"):
        layout, top = load_layout(component_or_path, top_cell)
        source = str(component_or_path) if path else top.name
        report = _check(
            source, layout, top, flat, tolerance, angle_limit, selected, max_shapes, max_markers
        )
    report.seconds = time.perf_counter() - start
    return report


def _check(
    source: str,
    layout: db.Layout,
    top: db.Cell,
    flat: bool,
    tolerance: float,
    angle_limit: float,
    selected: tuple[Rule, ...],
    max_shapes: int,
    max_markers: int,
) -> DrcReport:
    check_extent(layout, top, source)
    fab = {d.name: layout.find_layer(*d.gds) for d in LAYER_TABLE if d.fab}
    fab = {name: li for name, li in fab.items() if li is not None}
    shapes = flat_shape_counts(layout, fab, placements(layout, top))
    check_size(source, sum(shapes.values()), max_shapes)
    marks = {kind: layout.layer() for kind in ("degenerate", "strange", "instance")}
    mark_non_manhattan(layout, top, marks["instance"])
    flattened = flatten_below(layout, top)
    present = {n for n, k in shapes.items() if k}
    run = _Run(layout, top, flat, tolerance, angle_limit, present, marks)
    run.mark_zero_area()
    # regions of a run are made on first use: the flat one costs nothing unless it is needed
    flat_run = run if flat else _Run(layout, top, True, tolerance, angle_limit, present, marks)
    if flat_run is not run:
        flat_run.prefilter = False  # it runs only for rules that fire a million times
    counts: dict[str, int] = {}
    marker_layers: dict[str, int] = {}
    for rule in selected:
        marker_layers[rule.id] = layout.layer()
        counts[rule.id] = 0
        if not _applies(run, rule):
            continue  # a rule on an absent layer cannot fire: skip its (hierarchical) work
        for markers in _rule_markers(run, rule, flat_run):
            counts[rule.id] += markers.count()
            markers.insert_into(layout, top.cell_index(), marker_layers[rule.id])
    per_cell, violations, truncated = _listing(layout, top, selected, marker_layers, max_markers)
    return DrcReport(
        top_cell=top.name,
        flat=flat,
        rules={r.id: r.message() for r in selected},
        counts=counts,
        per_cell=per_cell,
        violations=violations,
        dbu=layout.dbu,
        truncated=truncated,
        flattened=flattened,
    )


def _listing(
    layout: db.Layout,
    top: db.Cell,
    selected: tuple[Rule, ...],
    marker_layers: dict[str, int],
    max_markers: int,
) -> tuple[dict[str, dict[str, int]], list[Violation], list[str]]:
    """Markers per rule and cell, the first ``max_markers`` of each rule as violations, and
    the rules whose list stops there."""
    where = placements(layout, top)
    per_cell: dict[str, dict[str, int]] = {r.id: {} for r in selected}
    violations: list[Violation] = []
    listed = {r.id: 0 for r in selected}
    for ci in sorted(where, key=lambda i: layout.cell(i).name):
        cell = layout.cell(ci)
        for rule in selected:
            stored = cell.shapes(marker_layers[rule.id])
            if stored.is_empty():
                continue
            per_cell[rule.id][cell.name] = stored.size()
            for shape in stored.each():
                if listed[rule.id] >= max_markers:
                    break
                listed[rule.id] += 1
                violations.append(_violation(rule, cell.name, shape, where[ci]))
    truncated = sorted(r for r, n in listed.items() if n < sum(per_cell[r].values()))
    return {r: c for r, c in per_cell.items() if c}, violations, truncated


def _rule_markers(run: _Run, rule: Rule, flat_run: _Run) -> list[Any]:
    """The rule's markers, each collection once per pair (see :meth:`_Run.unique`)."""
    found = check_rule(run, rule)
    if run.dss is not None and any(
        isinstance(m, db.EdgePairs) and m.count() > MAX_DEDUPE for m in found
    ):
        del found  # free the deep markers before the flat copy of the layer is made
        return check_rule(flat_run, rule)
    return [run.unique(m) for m in found]


def _applies(run: _Run, rule: Rule) -> bool:
    """Can ``rule`` fire at all? Its own layer must be drawn (``*`` rules: any fab layer)."""
    if rule.layer == "*":
        return rule.kind in ("degenerate", "instance_angle") or bool(run.layers())
    return run.present(rule.layer)
