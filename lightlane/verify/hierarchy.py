"""The hierarchy before a check: how big it is once flat, how deep, and what no rule can see.

All walks here are iterative and linear in cells and instances, never in placements, so a
20,000-level chain or a 9-million-member array costs no more than its file.
"""

from __future__ import annotations

import klayout.db as db

from lightlane.verify.loading import GdsReadError

__all__ = [
    "CHECK_DEPTH",
    "MAX_SHAPES",
    "LayoutTooLargeError",
    "flat_shape_counts",
    "flatten_below",
    "mark_non_manhattan",
    "placements",
]

MAX_SHAPES = 2_000_000
"""Flat shapes a check accepts by default (a 64-lane DR engine has 1.3 million). Peak memory
grows with flat shapes: about 0.35 GiB for a clean million-box array, up to 3.2 GiB when every
box violates spacing with its eight neighbours (benchmarks/bench_drc.py); above the limit the
check refuses before any work."""

CHECK_DEPTH = 32
"""Cells deeper than this are flattened into their ancestor at this depth before checking:
KLayout's hierarchical checks grow quadratically with depth (and overflow the stack past some
thousand levels), and no real layout needs more levels to share its repeated cells."""


class LayoutTooLargeError(GdsReadError):
    """The layout is above a stated limit (flat shapes); the message names value and limit."""


def placements(layout: db.Layout, top: db.Cell) -> dict[int, int]:
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


def flat_shape_counts(
    layout: db.Layout, layers: dict[str, int], counts: dict[int, int]
) -> dict[str, int]:
    """Layer name -> shapes on that layer once flattened (exact, from per-cell counts)."""
    return {
        name: sum(n * layout.cell(ci).shapes(li).size() for ci, n in counts.items())
        for name, li in layers.items()
    }


def check_size(source: str, flat_shapes: int, max_shapes: int) -> None:
    """Refuse a layout whose flat shape count is above ``max_shapes``, before any check runs."""
    if flat_shapes > max_shapes:
        raise LayoutTooLargeError(
            source,
            f"{flat_shapes:,} shapes once flattened is above the DRC limit of {max_shapes:,} "
            f"(max_shapes, --max-shapes; checking takes up to ~3 GiB per million shapes)",
        )


def _levels(layout: db.Layout, top: db.Cell) -> dict[int, int]:
    """Cell index -> longest instance path from ``top`` (``top`` is level 1)."""
    level = {top.cell_index(): 1}
    for ci in layout.each_cell_top_down():
        if ci not in level:
            continue
        for child in layout.cell(ci).each_child_cell():
            level[child] = max(level.get(child, 0), level[ci] + 1)
    return level


def flatten_below(layout: db.Layout, top: db.Cell, depth: int = CHECK_DEPTH) -> list[str]:
    """Flatten every cell first reached at ``depth`` so that no branch is deeper; return them.

    A branch longer than ``depth`` passes from a cell above ``depth`` into one at or below it;
    flattening those frontier cells (all layers, so markers drawn before move along) bounds
    every branch. Cells left unreachable are deleted. Markers of flattened cells are reported
    in the frontier cell.
    """
    level = _levels(layout, top)
    if max(level.values()) <= depth:
        return []
    frontier = sorted(
        {
            child
            for ci, lv in level.items()
            if lv < depth
            for child in layout.cell(ci).each_child_cell()
            if level[child] >= depth
        }
    )
    layers = list(layout.layer_indexes())
    for ci in frontier:
        cell = layout.cell(ci)
        for li in layers:
            it = cell.begin_shapes_rec(li)
            it.min_depth = 1  # the cell's own shapes stay where they are
            below = db.Shapes()
            below.insert(it)
            cell.shapes(li).insert(below)
        cell.clear_insts()
    reachable = set(placements(layout, top))
    layout.delete_cells([ci for ci in range(layout.cells()) if ci not in reachable])
    return [layout.cell(ci).name for ci in frontier]


def mark_non_manhattan(layout: db.Layout, top: db.Cell, marker: int) -> None:
    """Draw the extent of every instance rotated by other than a multiple of 90 degrees.

    The box goes into the parent cell on layer ``marker``, so it is reported where it is placed.
    """
    for ci in placements(layout, top):
        cell = layout.cell(ci)
        for inst in cell.each_inst():
            if inst.is_complex() and abs(inst.cplx_trans.angle / 90.0 % 1.0 - 0.5) < 0.5 - 1e-9:
                cell.shapes(marker).insert(inst.bbox())
