"""Pre-flight: is a GDS file fit to send to a fab? Reads any GDS, not only ours.

The checks a mask shop and a foundry's intake run before any design rule: one top cell, legal
and unique names, units, known layers, vertex counts, the grid, slivers (widths and gaps below
:data:`SLIVER_UM` on a fab layer), acute corners (below ANGLE.1 an error; below the DRC's 80 deg
width-check angle limit, where width and space checks cannot see, a warning) and, on a die
(a top cell with a FLOORPLAN outline), the pattern density of each window of
:data:`lightlane.pdk.rules.DENSITY_RULES`.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import klayout.db as db

from lightlane.pdk.layers import LAYER_TABLE
from lightlane.pdk.rules import DENSITY_RULES, RULES
from lightlane.verify.export import FAB_GRID_UM, MAX_NAME, MAX_VERTICES
from lightlane.verify.fill import window_densities
from lightlane.verify.loading import CONTEXT_CELL, GdsReadError, scan_gds

__all__ = ["ACUTE_WARNING_DEG", "SLIVER_UM", "Finding", "PreflightReport", "preflight"]

SLIVER_UM = 0.05
"""um: a width or gap below this on a fab layer is a sliver (below a mask writer's address
grid of fracturing, ~50 nm; no drawn feature of the process is near it: WG.W.1 is 0.15 um)."""
ACUTE_WARNING_DEG = 80.0
"""deg: convex corners sharper than this escape the DRC's width and space checks (their angle
limit); below ANGLE.1 they are errors."""
_LEGAL = re.compile(r"[A-Za-z0-9_$?]+")
_SLIVER_ANGLE = 10.0  # deg: edge pairs closer to parallel than this bound a sliver

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem: ``check`` is a short key (``top_cells``, ``vertices``...), ``cell`` if any."""

    check: str
    severity: Severity
    message: str
    cell: str = ""


@dataclass
class PreflightReport:
    """Findings of :func:`preflight`; ``ok`` is True when there is no error."""

    path: str
    top_cells: list[str]
    findings: list[Finding] = field(default_factory=list)
    densities: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def checks(self) -> set[str]:
        """Keys of the checks that found something."""
        return {f.check for f in self.findings}

    def summary(self) -> str:
        if not self.findings:
            return f"preflight {self.path}: ok"
        return f"preflight {self.path}: " + "; ".join(f.message for f in self.findings)

    def headline(self) -> str:
        """One short line: ``pre-flight: ok (0 errors, 1 warning)``."""
        errors = sum(f.severity == "error" for f in self.findings)
        warnings = len(self.findings) - errors
        verdict = "ok" if self.ok else "FAILED"
        checks = f": {', '.join(sorted(self.checks()))}" if self.findings else ""
        return f"pre-flight: {verdict} ({errors} errors, {warnings} warnings{checks})"

    def to_dict(self) -> dict[str, object]:
        """Plain data: ``ok``, the top cells, every finding, the density range per rule."""
        return {
            "path": self.path,
            "ok": self.ok,
            "top_cells": self.top_cells,
            "errors": sum(f.severity == "error" for f in self.findings),
            "warnings": sum(f.severity == "warning" for f in self.findings),
            "findings": [asdict(f) for f in self.findings],
            "densities": self.densities,
        }


def _units(scan_user: float, scan_meter: float, out: list[Finding]) -> None:
    dbu_um = scan_meter * 1e6
    if abs(dbu_um - FAB_GRID_UM) > 1e-12:
        out.append(
            Finding("units", "error", f"database unit is {dbu_um:g} um, not 0.001 um (1 nm)")
        )
    user_um = scan_meter / scan_user * 1e6 if scan_user else 0.0
    if abs(user_um - 1.0) > 1e-9:
        out.append(Finding("units", "error", f"user unit is {user_um:g} um, not 1 um"))


def preflight(path: str | os.PathLike[str], max_findings_per_check: int = 20) -> PreflightReport:
    """Check a GDS for what fabs reject.

    Checks (``Finding.check``): ``top_cells`` (exactly one), ``context_cell`` (no
    ``$$$CONTEXT_INFO$$$``), ``names`` (unique, at most 32 characters of ``[A-Za-z0-9_$?]``),
    ``units`` (dbu 1 nm, user unit 1 um), ``layers`` (all in the PDK layer table),
    ``vertices`` (at most 4,000 per polygon), ``grid`` (1 nm), ``slivers`` (widths and gaps
    below :data:`SLIVER_UM` on a fab layer), ``acute`` (convex corners below ANGLE.1: error;
    below :data:`ACUTE_WARNING_DEG`: warning) and, when the top cell has a FLOORPLAN outline,
    ``density`` (each window of each rule in :data:`DENSITY_RULES` within its limits).

    Raises:
        GdsReadError: missing, empty, non-GDS, truncated or corrupt file.
    """
    start = time.perf_counter()
    p = Path(path)
    scan = scan_gds(p)
    findings: list[Finding] = []
    tops = [t for t in scan.top_cells if t != CONTEXT_CELL]
    if len(tops) != 1:
        findings.append(Finding("top_cells", "error", f"{len(tops)} top cells: {', '.join(tops)}"))
    if CONTEXT_CELL in scan.structures:
        findings.append(Finding("context_cell", "error", f"has a {CONTEXT_CELL} cell (metadata)"))
    _names(scan.structures, findings, max_findings_per_check)
    _units(scan.user_unit, scan.meter_unit, findings)
    layout = db.Layout()
    try:
        layout.read(str(p))
    except RuntimeError as e:
        raise GdsReadError(p, f"unreadable layout: {str(e).splitlines()[0]}") from None
    known = {d.gds for d in LAYER_TABLE}
    for li in layout.layer_indexes():
        info = layout.get_info(li)
        if (info.layer, info.datatype) not in known:
            findings.append(
                Finding("layers", "error", f"layer {info.layer}/{info.datatype} is not in the PDK")
            )
    _polygons(layout, findings, max_findings_per_check)
    densities: dict[str, dict[str, float]] = {}
    top = next((c for c in layout.top_cells() if c.name in tops[:1]), None)
    if top is not None:
        _slivers_and_corners(layout, top, findings)
        densities = _densities(layout, top, findings)
    report = PreflightReport(str(p), tops, findings, densities)
    report.seconds = time.perf_counter() - start
    return report


def _names(structures: list[str], out: list[Finding], limit: int) -> None:
    for name, n in sorted(Counter(structures).items()):
        if n > 1:
            out.append(Finding("names", "error", f"cell name {name!r} defined {n} times", name))
    named = [s for s in structures if s != CONTEXT_CELL]
    long_names = [s for s in named if len(s) > MAX_NAME]
    for name in long_names[:limit]:
        out.append(Finding("names", "error", f"cell name longer than {MAX_NAME}: {name!r}", name))
    illegal = [s for s in named if not _LEGAL.fullmatch(s)]
    for name in illegal[:limit]:
        message = f"cell name {name!r} has characters outside A-Z a-z 0-9 _ $ ?"
        out.append(Finding("names", "error", message, name))


def _polygons(layout: db.Layout, findings: list[Finding], limit: int) -> None:
    """Vertex counts and the grid, cell by cell (each cell once, whatever its placements)."""
    grid = int(round(FAB_GRID_UM / layout.dbu))
    big = off = 0
    for cell in layout.each_cell():
        if cell.name == CONTEXT_CELL:
            continue
        for li in layout.layer_indexes():
            for shape in cell.shapes(li).each(db.Shapes.SPolygons | db.Shapes.SPaths):
                n = shape.polygon.num_points()
                if n > MAX_VERTICES and big < limit:
                    big += 1
                    findings.append(
                        Finding(
                            "vertices",
                            "error",
                            f"polygon with {n} vertices (> {MAX_VERTICES}) in {cell.name}",
                            cell.name,
                        )
                    )
            if grid > 1:
                region = db.Region(cell.shapes(li))
                region.merged_semantics = False
                n = region.grid_check(grid, grid).count()
                if n and off < limit:
                    off += 1
                    findings.append(
                        Finding(
                            "grid",
                            "error",
                            f"{n} vertices off the 1 nm grid in {cell.name}",
                            cell.name,
                        )
                    )


def _fab_layers(layout: db.Layout) -> list[tuple[str, int]]:
    out = []
    for d in LAYER_TABLE:
        if d.fab and (index := layout.find_layer(*d.gds)) is not None:
            out.append((d.name, index))
    return out


def _where(markers: db.EdgePairs | db.Region, dbu: float) -> str:
    box = markers.bbox()
    return f"({box.left * dbu:g}, {box.bottom * dbu:g})-({box.right * dbu:g}, {box.top * dbu:g})"


def _slivers_and_corners(layout: db.Layout, top: db.Cell, findings: list[Finding]) -> None:
    """Slivers (width, notch and gap below SLIVER_UM) and acute convex corners per fab layer,
    in deep (hierarchical) mode: each cell's shapes are checked once. The density fill's
    cells (``FILL_*``: squares at a pitch, far from everything by construction) are left out."""
    store = db.DeepShapeStore()
    d = max(int(round(SLIVER_UM / layout.dbu)), 1)
    error_angle = RULES["ANGLE.1"].value
    for name, index in _fab_layers(layout):
        shapes = top.begin_shapes_rec(index)
        shapes.unselect_cells("FILL_*")
        region = db.Region(shapes, store)
        if region.is_empty():
            continue
        # near-parallel edges only: a corner, however sharp, is the acute check's
        args = (d, False, db.Region.Euclidian, _SLIVER_ANGLE)
        slivers = region.width_check(*args) + region.space_check(*args)
        if not slivers.is_empty():
            findings.append(
                Finding(
                    "slivers",
                    "error",
                    f"{slivers.count()} slivers (< {SLIVER_UM:g} um) on {name} in "
                    f"{_where(slivers, layout.dbu)}",
                    top.name,
                )
            )
        for severity, limit in (("error", error_angle), ("warning", ACUTE_WARNING_DEG)):
            dots = region.corners_dots(-180.0, -(180.0 - limit), True, False)
            if dots.is_empty():
                continue
            findings.append(
                Finding(
                    "acute",
                    severity,
                    f"{dots.count()} convex corners below {limit:g} deg on {name} in "
                    f"{_where(dots, layout.dbu)}",
                    top.name,
                )
            )
            break  # the error range already counts these corners


def _densities(
    layout: db.Layout, top: db.Cell, findings: list[Finding]
) -> dict[str, dict[str, float]]:
    """Each density rule over the die's windows (only on a die: a FLOORPLAN outline)."""
    index = layout.find_layer(*next(d.gds for d in LAYER_TABLE if d.name == "FLOORPLAN"))
    if index is None or db.Region(top.begin_shapes_rec(index)).is_empty():
        return {}
    out: dict[str, dict[str, float]] = {}
    for rule in DENSITY_RULES:
        windows = window_densities(layout, top, rule)
        if not windows:
            continue
        values = [w.density for w in windows]
        out[rule.id] = {"min": round(min(values), 4), "max": round(max(values), 4),
                        "windows": len(values)}  # fmt: skip
        bad = [w for w in windows if not rule.minimum <= w.density <= rule.maximum]
        if bad:
            worst = max(bad, key=lambda w: max(rule.minimum - w.density, w.density - rule.maximum))
            x0, y0, x1, y1 = worst.box
            findings.append(
                Finding(
                    "density",
                    "error",
                    f"{rule.message()}: {len(bad)} of {len(windows)} windows, worst "
                    f"{worst.density:.1%} at ({x0:g}, {y0:g})-({x1:g}, {y1:g})",
                    top.name,
                )
            )
    return out
