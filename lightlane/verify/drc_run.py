"""The DRC engine: every rule of :data:`~lightlane.pdk.rules.RULES` on a layout, hierarchically.

Deep mode (``klayout.db.DeepShapeStore``) checks each cell once and keeps markers in the cell
where they occur; flat mode flattens first (slower on repeated cells, same flat counts).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import klayout.db as db

from lightlane.pdk.layers import LAYER_TABLE
from lightlane.pdk.rules import RULES, Rule
from lightlane.verify.checks import INTEGRITY_RULES, check_rule
from lightlane.verify.loading import load_layout
from lightlane.verify.report import DrcReport, Violation

__all__ = ["default_rules", "drc"]


def default_rules() -> tuple[Rule, ...]:
    """The rules :func:`drc` checks: the polygon rules of RULES plus polygon integrity."""
    return tuple(r for r in RULES if r.kind != "radius") + INTEGRITY_RULES


class _Run:
    """Layers of one layout as (cached) klayout regions; implements ``CheckContext``."""

    def __init__(
        self, layout: db.Layout, top: db.Cell, flat: bool, tolerance: float, angle_limit: float
    ) -> None:
        self.layout, self.top = layout, top
        self.dbu = layout.dbu
        self.tolerance, self.angle_limit = tolerance, angle_limit
        self.dss = None if flat else db.DeepShapeStore()
        self._gds = {d.name: d.gds for d in LAYER_TABLE}
        self._fab = [d.name for d in LAYER_TABLE if d.fab]
        self._merged: dict[str, db.Region] = {}
        self._raw: dict[str, db.Region] = {}

    def _make(self, layer: str) -> db.Region:
        index = self.layout.layer(*self._gds[layer])  # private copy: creating a layer is harmless
        it = self.top.begin_shapes_rec(index)
        return db.Region(it) if self.dss is None else db.Region(it, self.dss)

    def region(self, layer: str) -> db.Region:
        if layer not in self._merged:
            self._merged[layer] = self._make(layer)
        return self._merged[layer]

    def raw(self, layer: str) -> db.Region:
        if layer not in self._raw:
            region = self._make(layer)
            region.merged_semantics = False
            self._raw[layer] = region
        return self._raw[layer]

    def layers(self) -> list[str]:
        present = []
        for name in self._fab:
            index = self.layout.find_layer(*self._gds[name])
            if index is not None and not self.top.begin_shapes_rec(index).at_end():
                present.append(name)
        return present

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
        seen: set[frozenset[tuple[int, int, int, int]]] = set()
        unique = db.EdgePairs()
        for pair in flat.each():
            key = frozenset(_edge_key(e) for e in (pair.first, pair.second))
            if key not in seen:
                seen.add(key)
                unique.insert(pair)
        # Without twins keep the hierarchical markers: they say which cell is at fault.
        return markers if unique.count() == flat.count() else unique

    def degenerate_shapes(self) -> db.Edges:
        marker = self.layout.layer()
        fab = [
            i for i in (self.layout.find_layer(*self._gds[n]) for n in self._fab) if i is not None
        ]
        cells = [self.top.cell_index(), *self.top.called_cells()]
        for ci in cells:
            cell = self.layout.cell(ci)
            for li in fab:
                for shape in cell.shapes(li).each(db.Shapes.SPolygons | db.Shapes.SBoxes):
                    if shape.polygon.area() == 0:
                        box = shape.bbox()
                        cell.shapes(marker).insert(db.Edge(box.p1, box.p2))
        it = self.top.begin_shapes_rec(marker)
        return db.Edges(it) if self.dss is None else db.Edges(it, self.dss)


def _edge_key(edge: db.Edge) -> tuple[int, int, int, int]:
    """An edge's end points in a direction-free order."""
    a, b = (edge.p1.x, edge.p1.y), (edge.p2.x, edge.p2.y)
    return (*min(a, b), *max(a, b))


def _placements(layout: db.Layout, top: db.Cell) -> dict[int, int]:
    """Cell index -> number of times the cell appears in ``top`` once flattened."""
    counts = {top.cell_index(): 1}
    for ci in layout.each_cell_top_down():
        n = counts.get(ci)
        if not n:
            continue
        for inst in layout.cell(ci).each_inst():
            child = inst.cell_index
            counts[child] = counts.get(child, 0) + n * inst.cell_inst.size()
    return counts


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


def drc(
    component_or_path: Any,
    flat: bool = False,
    tolerance: float = 0.002,
    angle_limit: float = 80.0,
    top_cell: str | None = None,
    rules: Iterable[Rule] | None = None,
) -> DrcReport:
    """Check a layout against the lightlane rule table.

    Args:
        component_or_path: a ``gf.Component``, a path to a GDS/OAS file or a ``klayout.db.Layout``.
        flat: flatten before checking (default: hierarchical, each cell checked once).
        tolerance: width and space rules fire below ``value - tolerance`` (um), so that curves
            snapped to the 1 nm grid do not give false markers.
        angle_limit: width and space ignore edges meeting at this angle (deg) or more.
        top_cell: cell to check when the file has several top cells.
        rules: rules to check (default: :func:`default_rules`).

    Returns:
        A :class:`DrcReport`; ``report.ok`` is True when clean.

    Raises:
        GdsReadError: unreadable file, or several top cells and no ``top_cell`` (TopCellError).
    """
    start = time.perf_counter()
    layout, top = load_layout(component_or_path, top_cell)
    run = _Run(layout, top, flat, tolerance, angle_limit)
    selected = tuple(default_rules() if rules is None else rules)
    counts: dict[str, int] = {}
    marker_layers: dict[str, int] = {}
    for rule in selected:
        marker_layers[rule.id] = layout.layer()
        counts[rule.id] = 0
        for markers in map(run.unique, check_rule(run, rule)):
            counts[rule.id] += markers.count()
            markers.insert_into(layout, top.cell_index(), marker_layers[rule.id])
    placements = _placements(layout, top)
    per_cell: dict[str, dict[str, int]] = {r.id: {} for r in selected}
    violations: list[Violation] = []
    for ci in sorted(placements, key=lambda i: layout.cell(i).name):
        cell = layout.cell(ci)
        for rule in selected:
            shapes = cell.shapes(marker_layers[rule.id])
            if shapes.is_empty():
                continue
            per_cell[rule.id][cell.name] = shapes.size()
            violations.extend(_violation(rule, cell.name, s, placements[ci]) for s in shapes.each())
    return DrcReport(
        top_cell=top.name,
        flat=flat,
        rules={r.id: r.message() for r in selected},
        counts=counts,
        per_cell={r: c for r, c in per_cell.items() if c},
        violations=violations,
        dbu=layout.dbu,
        seconds=time.perf_counter() - start,
    )
