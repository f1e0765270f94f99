"""Fab export: a GDS that every foundry tool reads, identical byte for byte from run to run.

``profile="fab"``: one top cell, no ``$$$CONTEXT_INFO$$$`` (metadata goes to a JSON sidecar),
unique cell names of at most 32 characters, polygons of at most 4,000 vertices, 1 nm grid, no
timestamps. ``profile="dev"`` keeps gdsfactory's own writer (context info, long names).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Literal

import klayout.db as db

from lightlane.files import OutputSet
from lightlane.verify.fill import add_fill
from lightlane.verify.loading import check_extent, load_layout

__all__ = [
    "FAB_GRID_UM",
    "MAX_NAME",
    "MAX_VERTICES",
    "exported_cell_names",
    "fab_cell_names",
    "write_gds",
]

MAX_NAME = 32
MAX_VERTICES = 4000
FAB_GRID_UM = 0.001
_LIBNAME = "LIGHTLANE"
_BAD = re.compile(r"[^A-Za-z0-9_$?]")


def fab_cell_names(names: list[str], limit: int = MAX_NAME) -> dict[str, str]:
    """Deterministic renaming: original name -> a unique name of at most ``limit`` characters.

    Names already short and made of ``[A-Za-z0-9_$?]`` are kept; others become a readable
    prefix plus 8 hex digits of the name's SHA-1, so a name maps to the same result every run.
    """
    result: dict[str, str] = {}
    taken: set[str] = set()
    keep = sorted(n for n in names if len(n) <= limit and not _BAD.search(n))
    taken.update(keep)
    result.update({n: n for n in keep})
    for name in sorted(set(names) - set(keep)):
        digest = hashlib.sha1(name.encode()).hexdigest()
        clean = _BAD.sub("_", name)
        candidate, k = f"{clean[: limit - 9]}_{digest[:8]}", 8
        while candidate in taken:  # a 32-bit collision: widen the digest, stay deterministic
            k += 1
            candidate = f"{clean[: max(limit - k - 1, 0)]}_{digest[:k]}"
        taken.add(candidate)
        result[name] = candidate
    return result


def exported_cell_names(component: Any) -> dict[str, str]:
    """Each cell of ``component``'s tree -> its name in the fab GDS :func:`write_gds` writes.

    What a marker file (lyrdb) of a check on ``component`` must call the cells so that KLayout
    finds them in the exported GDS. ``component`` is a ``gf.Component``, a ``klayout.db.Cell``
    or a ``klayout.db.Layout`` with one top cell.
    """
    if isinstance(component, db.Layout):
        layout, top = load_layout(component)
    else:
        top = getattr(component, "kdb_cell", component)
        layout = top.layout()
    names = [top.name] + [layout.cell(i).name for i in top.called_cells()]
    return fab_cell_names(names)


def _metadata(component: Any, renamed: dict[str, str]) -> dict[str, Any]:
    def plain(x: Any) -> Any:
        return json.loads(json.dumps(x, default=str, sort_keys=True))

    meta: dict[str, Any] = {"top_cell": renamed.get(getattr(component, "name", ""), "")}
    for key in ("settings", "info"):
        value = getattr(component, key, None)
        if value is not None:
            meta[key] = plain(value.model_dump() if hasattr(value, "model_dump") else dict(value))
    ports = getattr(component, "ports", None)
    if ports is not None:
        meta["ports"] = [
            {
                "name": p.name,
                "center_um": [float(p.x), float(p.y)],
                "orientation": float(p.orientation),
                "width_um": float(p.width),
                "port_type": p.port_type,
                "layer": str(p.layer),
            }
            for p in sorted(ports, key=lambda p: p.name or "")
        ]
    meta["renamed_cells"] = {k: v for k, v in sorted(renamed.items()) if k != v}
    return meta


def _to_fab_grid(layout: db.Layout, top: db.Cell) -> None:
    """Bring the layout to a 1 nm database unit, snapping finer coordinates."""
    ratio = FAB_GRID_UM / layout.dbu
    if abs(ratio - 1) < 1e-9:
        return
    div = int(round(ratio)) if ratio > 1 else 1
    mult = 1 if ratio > 1 else int(round(1 / ratio))
    layout.scale_and_snap(top, 1, mult, div)
    layout.dbu = FAB_GRID_UM


def write_gds(
    component: Any,
    path: str | os.PathLike[str],
    profile: Literal["fab", "dev"] = "fab",
    metadata: bool = True,
    out: OutputSet | None = None,
    fill: bool = False,
) -> Path:
    """Write ``component`` (a ``gf.Component`` or ``klayout.db.Layout``) as GDS.

    The GDS and its sidecar are written under temporary names and renamed together, so a
    reader never sees half of either, nor one without the other; the sidecar records the
    GDS's SHA-256.

    Args:
        component: what to write.
        path: output ``.gds`` path; the fab sidecar is ``path`` with ``.json`` as suffix.
        profile: ``"fab"`` (see module docstring) or ``"dev"`` (gdsfactory's writer).
        metadata: write the JSON sidecar (settings, info, ports, renamed cells) in ``fab``.
        out: publish with this set of outputs instead of on return.
        fill: ``fab`` only: add the density fill of :func:`lightlane.verify.fill.add_fill`
            (for a die; its counts go into the sidecar as ``fill``).

    Returns:
        The path of the GDS file.
    """
    if profile not in ("fab", "dev"):
        raise ValueError(f"profile={profile!r}; use 'fab' or 'dev'")
    if profile == "dev" and not hasattr(component, "write_gds"):
        raise TypeError("profile='dev' needs a gf.Component")
    if out is None:
        with OutputSet() as outputs:
            return write_gds(component, path, profile, metadata, outputs, fill)
    target = Path(path)
    if profile == "dev":
        return out.write(target, lambda tmp: component.write_gds(tmp))
    layout, top = load_layout(component)
    check_extent(layout, top, top.name)
    for cell in [c for c in layout.top_cells() if c.cell_index() != top.cell_index()]:
        layout.delete_cell_rec(cell.cell_index())  # one top cell: drop strays
    _to_fab_grid(layout, top)
    filled = add_fill(layout, top) if fill else {}
    renamed = fab_cell_names([c.name for c in layout.each_cell()])
    for cell in layout.each_cell():
        cell.name = renamed[cell.name]
    options = db.SaveLayoutOptions()
    options.format = "GDS2"
    options.write_context_info = False
    options.gds2_write_timestamps = False
    options.gds2_max_vertex_count = MAX_VERTICES
    options.gds2_max_cellname_length = MAX_NAME
    options.gds2_libname = _LIBNAME
    options.gds2_write_cell_properties = False
    options.gds2_write_file_properties = False
    digest = hashlib.sha256()

    def write(tmp: Path) -> None:
        layout.write(str(tmp), options)
        digest.update(tmp.read_bytes())

    out.write(target, write)
    if metadata:
        meta = _metadata(component, renamed) | {"gds_sha256": digest.hexdigest()}
        if fill:
            meta["fill"] = filled
        text = json.dumps(meta, indent=1, sort_keys=True) + "\n"
        out.write(target.with_suffix(".json"), lambda tmp: tmp.write_text(text))
    return target
