"""DRC results: markers with rule, cell and location; counts per rule (flat and per cell);
export to KLayout's marker browser (lyrdb), JSON and one-line text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import klayout.rdb as rdb

from lightlane.files import OutputSet, write_file

__all__ = ["DrcReport", "Violation"]

Box = tuple[float, float, float, float]
Edge = tuple[float, float, float, float]


@dataclass(frozen=True)
class Violation:
    """One marker, in the coordinates of the cell it lives in (um).

    Attributes:
        rule: rule id (``WG.W.1``).
        value: the rule's value (um, um^2 or deg, see ``unit``).
        unit: unit of ``value``.
        message: the rule's one-line description.
        cell: cell holding the marker (the top cell in flat mode).
        bbox: marker extent (x0, y0, x1, y1) in um, in ``cell`` coordinates.
        edges: for edge-pair markers, the two edges (x0, y0, x1, y1) in um; else empty.
        placements: how many times ``cell`` appears in the top cell (flat multiplicity).
    """

    rule: str
    value: float
    unit: str
    message: str
    cell: str
    bbox: Box
    edges: tuple[Edge, ...] = ()
    placements: int = 1


@dataclass
class DrcReport:
    """Result of :func:`lightlane.verify.drc`.

    Attributes:
        top_cell: name of the checked top cell.
        flat: True when the run flattened the layout.
        rules: checked rule ids -> one-line description.
        counts: rule id -> number of markers in the flattened layout (0 for clean rules).
        per_cell: rule id -> cell name -> markers stored in that cell (hierarchical count).
        violations: every hierarchical marker with its location.
        dbu: database unit of the checked layout in um.
        seconds: wall time of the run in s (not part of :meth:`to_dict`: same layout, same JSON).
        truncated: rules whose ``violations`` list stops at the run's ``max_markers``.
        flattened: cells flattened because the hierarchy below them was too deep.
    """

    top_cell: str
    flat: bool
    rules: dict[str, str]
    counts: dict[str, int]
    per_cell: dict[str, dict[str, int]]
    violations: list[Violation] = field(default_factory=list)
    dbu: float = 0.001
    seconds: float = 0.0
    truncated: list[str] = field(default_factory=list)
    flattened: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no rule fired."""
        return self.total == 0

    @property
    def total(self) -> int:
        """Markers in the flattened layout, all rules together."""
        return sum(self.counts.values())

    @property
    def failing(self) -> dict[str, int]:
        """Flat counts of the rules that fired, by rule id."""
        return {rule: n for rule, n in self.counts.items() if n}

    def summary(self) -> str:
        """One line: ``DRC TOP (deep): 3 violations of 2 rules: WG.W.1=2, WG.S.1=1``."""
        mode = "flat" if self.flat else "deep"
        head = f"DRC {self.top_cell} ({mode}, {len(self.rules)} rules, {self.seconds:.2f} s)"
        if self.ok:
            return f"{head}: clean"
        fails = ", ".join(f"{r}={n}" for r, n in sorted(self.failing.items()))
        listed = (
            f" (markers listed in part for {', '.join(self.truncated)})" if self.truncated else ""
        )
        return f"{head}: {self.total} violations of {len(self.failing)} rules: {fails}{listed}"

    def __repr__(self) -> str:
        return f"DrcReport({self.summary()!r})"

    def to_dict(self) -> dict[str, Any]:
        """Plain data (lists and dicts), JSON-ready."""
        return {
            "top_cell": self.top_cell,
            "flat": self.flat,
            "ok": self.ok,
            "total": self.total,
            "dbu_um": self.dbu,
            "counts": dict(sorted(self.counts.items())),
            "per_cell": {r: dict(sorted(c.items())) for r, c in sorted(self.per_cell.items())},
            "rules": dict(sorted(self.rules.items())),
            "violations": [asdict(v) for v in self.violations],
            "violations_truncated": list(self.truncated),
            "flattened_cells": list(self.flattened),
        }

    def to_json(self, indent: int | None = 1) -> str:
        """The report as JSON text (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), indent=indent)

    def write_lyrdb(
        self,
        path: str | os.PathLike[str],
        out: OutputSet | None = None,
        cell_names: Mapping[str, str] | None = None,
    ) -> Path:
        """Write the markers for KLayout's marker browser; categories are the rule ids.

        Markers keep their cell, so the browser shows them in context. ``cell_names`` maps the
        checked cells' names to those of the GDS the markers go with (the fab export renames
        cells to 32 characters: :func:`lightlane.verify.export.exported_cell_names`); a name it
        lacks is kept. Written atomically, or staged in ``out`` to be published with other
        files. Returns the path.
        """
        names = dict(cell_names or {})
        db_ = rdb.ReportDatabase("lightlane DRC")
        db_.top_cell_name = names.get(self.top_cell, self.top_cell)
        db_.generator = "lightlane.verify.drc"
        categories = {}
        for rule_id, text in sorted(self.rules.items()):
            cat = db_.create_category(rule_id)
            cat.description = text
            categories[rule_id] = cat
        cells: dict[str, Any] = {}
        for v in self.violations:
            name = names.get(v.cell, v.cell)
            cell = cells.get(name) or cells.setdefault(name, db_.create_cell(name))
            item = db_.create_item(cell.rdb_id(), categories[v.rule].rdb_id())
            item.add_value(_marker_shape(v))
        return write_file(Path(path), lambda tmp: db_.save(str(tmp)), out)


def _marker_shape(v: Violation) -> Any:
    import klayout.db as db

    if v.edges:
        (a, b) = v.edges if len(v.edges) == 2 else (v.edges[0], v.edges[0])
        return db.DEdgePair(db.DEdge(*a), db.DEdge(*b))
    return db.DBox(*v.bbox)
