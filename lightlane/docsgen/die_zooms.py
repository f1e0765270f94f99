"""Zoom boxes on an engine's die, computed from its cell instances: the fibre couplers at the
die edge, lane 1's modulator and the first photodiodes.

The engine GDS keeps the hierarchy the flow built (die, Tx and Rx blocks, their devices), and
every device cell is named after the PDK cell that made it (``edge_coupler_L200_...``), so the
instances of a device family are found by name and placed by their transformed bounding boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEVICE_FAMILIES", "Zoom", "device_boxes", "die_zooms"]

Box = tuple[float, float, float, float]

DEVICE_FAMILIES = {
    "fibre couplers": ("edge_couplers", "gratings", "gf_gratings"),
    "modulator": ("mzm", "ring_modulators"),
    "photodiodes": ("detectors",),
}
"""Zoom title -> the component modules (``lightlane.components.<family>``) whose cells it shows."""


@dataclass(frozen=True)
class Zoom:
    """A zoom on the die: what it shows (``title``) and where (``box``, um)."""

    title: str
    box: Box


def _family_cells() -> dict[str, str]:
    """PDK cell name -> zoom title, for the cells of :data:`DEVICE_FAMILIES`."""
    from lightlane.docsgen.gallery import families
    from lightlane.registry import get_pdk

    out = {}
    by_family = families(get_pdk())
    for title, modules in DEVICE_FAMILIES.items():
        for module in modules:
            out.update({name: title for name in by_family.get(module, ())})
    return out


def _title_of(cell_name: str, cells: dict[str, str]) -> str | None:
    """The zoom title of a GDS cell named after a PDK cell (the longest name it starts with)."""
    matches = [n for n in cells if cell_name == n or cell_name.startswith(n + "_")]
    return cells[max(matches, key=len)] if matches else None


def device_boxes(gds: str | Path) -> dict[str, list[Box]]:
    """Zoom title -> the bounding boxes (um, on the die) of its devices' instances, every
    placement of a device cell anywhere below the top cell (KLayout's recursive instance
    iterator, array members one by one)."""
    import klayout.db as kdb

    layout = kdb.Layout()
    layout.read(str(gds))
    top = layout.top_cells()[0]
    cells = _family_cells()
    titles = {}
    for cell in layout.each_cell():
        title = _title_of(cell.name, cells)
        if title is not None:
            titles[cell.cell_index()] = title
    found: dict[str, list[Box]] = {}
    if not titles:
        return found
    it = top.begin_instances_rec()
    it.targets = list(titles)
    while not it.at_end():
        cell = it.inst_cell()
        box = cell.dbbox().transformed(it.dtrans() * it.inst_dtrans())
        found.setdefault(titles[cell.cell_index()], []).append(
            (box.left, box.bottom, box.right, box.top)
        )
        it.next()
    return found


def _rows(boxes: list[Box], axis: int) -> dict[int, list[Box]]:
    """The boxes grouped by their coordinate ``axis`` (0: left edge, 1: bottom edge, 2: right
    edge) to the micrometre."""
    rows: dict[int, list[Box]] = {}
    for box in boxes:
        rows.setdefault(round(box[axis]), []).append(box)
    return rows


def _square(box: Box, pad: float = 0.15, least: float = 20.0) -> Box:
    """``box`` grown by ``pad`` of its larger side each way and made square (at least ``least``
    um a side)."""
    left, bottom, right, top = box
    side = max(right - left, top - bottom, least) * (1 + 2 * pad)
    x, y = (left + right) / 2, (bottom + top) / 2
    return x - side / 2, y - side / 2, x + side / 2, y + side / 2


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def die_zooms(gds: str | Path, couplers: int = 3, photodiodes: int = 2) -> list[Zoom]:
    """Zooms on a die, each where its devices are.

    - the ``couplers`` northernmost couplers of the fibre array (those on the die's east edge,
      where the floorplan puts the fibres; the laser inputs come in from the west);
    - lane 1's modulator (the northernmost; its input end when it is long and thin, as a
      travelling-wave MZM is);
    - the ``photodiodes`` westernmost of the receiver's photodiode row (the largest group on
      one y: not the Tx monitors).

    A family the die lacks gets no zoom.
    """
    boxes = device_boxes(gds)
    zooms = []
    edges = _rows(boxes.get("fibre couplers", []), 2)
    array = edges[max(edges)] if edges else []  # the east edge's: lasers come in from the west
    found = sorted(array, key=lambda b: -b[3])[:couplers]
    if found:
        zooms.append(Zoom(f"fibre array, first {len(found)} fibres", _square(_union(found))))
    modulators = sorted(boxes.get("modulator", []), key=lambda b: -b[3])
    if modulators:
        left, bottom, right, top = modulators[0]
        height = top - bottom
        if right - left > 2.5 * height:  # a long MZM: its input end, pads and electrodes
            box, title = (left, bottom, left + height, top), "lane 1 modulator, input end"
        else:
            box, title = modulators[0], "lane 1 modulator"
        zooms.append(Zoom(title, _square(box, pad=0.05)))
    rows = _rows(boxes.get("photodiodes", []), 1)
    row = max(rows.values(), key=len) if rows else []  # the Rx row, not the Tx power monitors
    diodes = sorted(row, key=lambda b: b[0])[:photodiodes]
    if diodes:
        zooms.append(Zoom(f"first {len(diodes)} Rx photodiodes", _square(_union(diodes))))
    return zooms
