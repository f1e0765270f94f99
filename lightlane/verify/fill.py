"""Pattern density per window, and the fill that meets the density rules.

The rules are :data:`lightlane.pdk.rules.DENSITY_RULES`.

:func:`window_densities` measures a layer's density in every window of a density rule over the
die; :func:`add_fill` places fill squares (one small cell per rule, arrayed by KLayout's
``fill_region``) wherever a rule's keep-outs allow, on a grid fixed to the origin so that the
same layout always gets the same fill. The die is the FLOORPLAN shape when there is one, else
the top cell's bounding box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import klayout.db as db
import numpy as np

from lightlane.pdk.layers import layer_by_name
from lightlane.pdk.rules import DENSITY_RULES, DensityRule

__all__ = ["WindowDensity", "add_fill", "die_region", "fill_cell_name", "window_densities"]


@dataclass(frozen=True)
class WindowDensity:
    """The density of one window: its box (x0, y0, x1, y1) in um and the covered fraction."""

    box: tuple[float, float, float, float]
    density: float


def _flat(layout: db.Layout, top: db.Cell, layer: str) -> db.Region:
    index = layout.find_layer(*layer_by_name(layer).gds)
    if index is None:
        return db.Region()
    return db.Region(top.begin_shapes_rec(index)).merged()


def die_region(layout: db.Layout, top: db.Cell) -> db.Region:
    """The die: the FLOORPLAN shapes, or the top cell's bounding box when it has none."""
    floorplan = _flat(layout, top, "FLOORPLAN")
    return floorplan if not floorplan.is_empty() else db.Region(top.bbox())


class _TileAreas(db.TileOutputReceiver):
    def __init__(self) -> None:
        self.areas: dict[tuple[int, int], float] = {}

    def put(self, ix, iy, tile, obj, dbu, clip) -> None:  # noqa: ANN001 (KLayout's callback)
        self.areas[(ix, iy)] = float(obj)


def _tile_areas(
    regions: dict[str, db.Region | db.RecursiveShapeIterator],
    origin: db.Point,
    step: float,
    dbu: float,
    nx: int,
    ny: int,
) -> dict[str, np.ndarray]:
    """Area (dbu^2) of each region in each ``step`` um tile from ``origin`` (KLayout's tiling
    processor: one pass over the shapes, in C++)."""
    tp = db.TilingProcessor()
    tp.dbu = dbu
    tp.tile_size(step, step)
    tp.tile_origin(origin.x * dbu, origin.y * dbu)
    tp.tiles(nx, ny)
    receivers = {}
    for name, region in regions.items():
        tp.input(name, region)
        receivers[name] = _TileAreas()
        tp.output(f"{name}_out", receivers[name])
        tp.queue(f"_output({name}_out, to_f({name}.area(_tile.bbox)))")
    tp.execute("pattern density")
    out = {}
    for name, receiver in receivers.items():
        grid = np.zeros((nx, ny))
        for (ix, iy), area in receiver.areas.items():
            grid[ix, iy] = area
        out[name] = grid
    return out


def window_densities(
    layout: db.Layout, top: db.Cell, rule: DensityRule, region: db.Region | None = None
) -> list[WindowDensity]:
    """The density of ``rule.layer`` (or of ``region``) in each window over the die.

    Windows of ``rule.window`` step by ``rule.step`` from the die's lower left corner; those
    at the upper and right edges are clipped to the die (their density is over what lies
    inside it). The window must be a whole number of steps.
    """
    if region is not None:
        shapes: db.Region | db.RecursiveShapeIterator = region
    elif (index := layout.find_layer(*layer_by_name(rule.layer).gds)) is not None:
        shapes = top.begin_shapes_rec(index)  # read tile by tile: no flat copy of the fill
    else:
        shapes = db.Region()
    die = die_region(layout, top)
    dbu = layout.dbu
    per = round(rule.window / rule.step)
    if abs(per * rule.step - rule.window) > 1e-9:
        raise ValueError(f"{rule.id}: window {rule.window:g} um is not a whole number of steps")
    box = die.bbox()
    step = round(rule.step / dbu)
    nx = max(math.ceil(box.width() / step), 1)
    ny = max(math.ceil(box.height() / step), 1)
    tiles = _tile_areas({"a": shapes, "d": die}, box.p1, rule.step, dbu, nx, ny)
    out = []
    for i in range(max(nx - per + 1, 1)):
        for j in range(max(ny - per + 1, 1)):
            area = tiles["d"][i : i + per, j : j + per].sum()
            if area == 0:
                continue
            density = tiles["a"][i : i + per, j : j + per].sum() / area
            x0, y0 = box.left + i * step, box.bottom + j * step
            x1, y1 = min(x0 + per * step, box.right), min(y0 + per * step, box.top)
            corners = (x0 * dbu, y0 * dbu, x1 * dbu, y1 * dbu)
            out.append(WindowDensity(corners, float(density)))
    return out


def fill_cell_name(rule: DensityRule) -> str:
    """The fill cell of ``rule``: ``FILL_<layer>`` (a fab-legal name)."""
    return f"FILL_{rule.layer}"


def add_fill(
    layout: db.Layout, top: db.Cell, rules: tuple[DensityRule, ...] = DENSITY_RULES
) -> dict[str, int]:
    """Place each rule's fill into ``top`` wherever its keep-outs allow; returns the number
    of fill squares per layer.

    Keep-outs are measured before any fill is placed, so one rule's fill never blocks
    another's. The fill grid is anchored at the origin and fills whole pitches only.
    """
    for rule in rules:
        if layout.has_cell(fill_cell_name(rule)):
            raise ValueError(
                f"the layout already has a cell {fill_cell_name(rule)!r}: it is filled already"
            )
    dbu = layout.dbu
    die = die_region(layout, top)
    blocked: dict[DensityRule, db.Region] = {}
    for rule in rules:
        keep = db.Region()
        for layer in rule.keepout:
            keep += _flat(layout, top, layer)
        c = round(rule.clearance / dbu)
        blocked[rule] = keep.merged().sized(c) if c else keep.merged()
    counts: dict[str, int] = {}
    for rule in rules:
        name = fill_cell_name(rule)
        size, pitch = round(rule.fill_size / dbu), round(rule.fill_pitch / dbu)
        area = (die - blocked[rule]).merged()
        cell = layout.create_cell(name)
        cell.shapes(layout.layer(*layer_by_name(rule.layer).gds)).insert(
            db.Box(-size // 2, -size // 2, size - size // 2, size - size // 2)
        )
        footprint = db.Box(-pitch // 2, -pitch // 2, pitch - pitch // 2, pitch - pitch // 2)
        top.fill_region(
            area, cell.cell_index(), footprint, db.Vector(pitch, 0), db.Vector(0, pitch),
            db.Point(0, 0), None, db.Vector(0, 0), None, db.Box(),
        )  # fmt: skip
        placed = sum(
            inst.cell_inst.size()
            for inst in top.each_inst()
            if inst.cell_index == cell.cell_index()
        )
        if not placed:
            layout.delete_cell(cell.cell_index())
        counts[rule.layer] = placed
    return counts
