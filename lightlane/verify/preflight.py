"""Pre-flight: is a GDS file fit to send to a fab? Reads any GDS, not only ours."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import klayout.db as db

from lightlane.pdk.layers import LAYER_TABLE
from lightlane.verify.export import FAB_GRID_UM, MAX_NAME, MAX_VERTICES
from lightlane.verify.loading import CONTEXT_CELL, GdsReadError, scan_gds

__all__ = ["Finding", "PreflightReport", "preflight"]

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

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "ok": self.ok,
            "top_cells": self.top_cells,
            "findings": [asdict(f) for f in self.findings],
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

    Checks: one top cell, no ``$$$CONTEXT_INFO$$$`` cell, unique cell names of at most 32
    characters, polygons of at most 4,000 vertices, vertices on the 1 nm grid, units (dbu 1 nm,
    user unit 1 um), layers outside the PDK layer table.

    Raises:
        GdsReadError: missing, empty, non-GDS, truncated or corrupt file.
    """
    p = Path(path)
    scan = scan_gds(p)
    findings: list[Finding] = []
    tops = [t for t in scan.top_cells if t != CONTEXT_CELL]
    if len(tops) != 1:
        findings.append(Finding("top_cells", "error", f"{len(tops)} top cells: {', '.join(tops)}"))
    if CONTEXT_CELL in scan.structures:
        findings.append(Finding("context_cell", "error", f"has a {CONTEXT_CELL} cell (metadata)"))
    for name, n in sorted(Counter(scan.structures).items()):
        if n > 1:
            findings.append(
                Finding("names", "error", f"cell name {name!r} defined {n} times", name)
            )
    long_names = [s for s in scan.structures if len(s) > MAX_NAME and s != CONTEXT_CELL]
    for name in long_names[:max_findings_per_check]:
        findings.append(
            Finding("names", "error", f"cell name longer than {MAX_NAME}: {name!r}", name)
        )
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
    grid = int(round(FAB_GRID_UM / layout.dbu))
    big = off = 0
    for cell in layout.each_cell():
        if cell.name == CONTEXT_CELL:
            continue
        for li in layout.layer_indexes():
            for shape in cell.shapes(li).each(db.Shapes.SPolygons | db.Shapes.SPaths):
                n = shape.polygon.num_points()
                if n > MAX_VERTICES and big < max_findings_per_check:
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
                if n and off < max_findings_per_check:
                    off += 1
                    findings.append(
                        Finding(
                            "grid",
                            "error",
                            f"{n} vertices off the 1 nm grid in {cell.name}",
                            cell.name,
                        )
                    )
    return PreflightReport(str(p), tops, findings)
