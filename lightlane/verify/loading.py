"""Turn what a user hands us (a gf Component, a GDS/OAS path, a klayout Layout) into a private
``klayout.db.Layout`` and one top cell, with clear errors for bad files.

The checks never touch the caller's layout: everything is copied into a fresh ``Layout``.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import klayout.db as db

__all__ = [
    "CONTEXT_CELL",
    "GdsReadError",
    "GdsScan",
    "TopCellError",
    "load_layout",
    "scan_gds",
]

CONTEXT_CELL = "$$$CONTEXT_INFO$$$"
_OASIS_MAGIC = b"%SEMI-OASIS\r\n"
# GDS record types we read (GDSII stream format, record type byte).
_HEADER, _BGNLIB, _UNITS, _ENDLIB, _BGNSTR, _STRNAME = 0x00, 0x01, 0x03, 0x04, 0x05, 0x06
_SREF, _AREF, _SNAME = 0x0A, 0x0B, 0x12


class GdsReadError(ValueError):
    """A layout file that cannot be read: the message names the path and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class TopCellError(GdsReadError):
    """The layout has several top cells (or not the one asked for); ``top_cells`` lists them."""

    def __init__(self, path: str, reason: str, top_cells: list[str]) -> None:
        self.top_cells = top_cells
        super().__init__(path, reason)


@dataclass
class GdsScan:
    """What a record-level pass over a GDS file found (no geometry is decoded).

    Attributes:
        structures: names of all structures (cells), in file order.
        referenced: names of structures referenced by SREF/AREF.
        user_unit: size of a database unit in user units (1e-3 for 1 nm dbu in um).
        meter_unit: size of a database unit in metres (1e-9 for 1 nm).
    """

    structures: list[str] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)
    user_unit: float = 0.0
    meter_unit: float = 0.0

    @property
    def top_cells(self) -> list[str]:
        """Structures no other structure references, the context cell included."""
        return [s for s in self.structures if s not in self.referenced]


def _check_file(path: Path) -> bytes:
    if not path.exists():
        raise GdsReadError(path, "file not found")
    if path.is_dir():
        raise GdsReadError(path, "is a directory, not a layout file")
    data = path.read_bytes()
    if not data:
        raise GdsReadError(path, "file is empty (0 bytes)")
    return data


def scan_gds(path: str | os.PathLike[str]) -> GdsScan:
    """Walk the records of a GDSII file, checking its structure.

    Raises:
        GdsReadError: missing, empty, not GDSII (OASIS is named as such), truncated or corrupt.
    """
    p = Path(path)
    data = _check_file(p)
    if data.startswith(_OASIS_MAGIC):
        raise GdsReadError(p, "is an OASIS file, not GDSII (record scan needs GDSII)")
    if len(data) < 4 or data[2] != _HEADER or struct.unpack(">H", data[:2])[0] != 6:
        raise GdsReadError(p, "not a GDSII file (no HEADER record at the start)")
    scan = GdsScan()
    pos, n, current = 0, len(data), ""
    while pos < n:
        if pos + 4 > n:
            raise GdsReadError(p, f"truncated: incomplete record header at byte {pos}")
        length, rtype = struct.unpack(">HB", data[pos : pos + 3])
        if length < 4 or length % 2:
            if length == 0 and not any(data[pos:]):
                raise GdsReadError(p, f"truncated: zero padding at byte {pos} before ENDLIB")
            raise GdsReadError(p, f"corrupt: invalid record length {length} at byte {pos}")
        if pos + length > n:
            raise GdsReadError(p, f"truncated: record at byte {pos} runs past the end of file")
        body = data[pos + 4 : pos + length]
        if rtype == _UNITS and len(body) == 16:
            scan.user_unit, scan.meter_unit = _real8(body[:8]), _real8(body[8:])
        elif rtype == _STRNAME:
            current = body.rstrip(b"\0").decode("ascii", "replace")
            scan.structures.append(current)
        elif rtype == _SNAME and current != CONTEXT_CELL:  # metadata references are not placements
            scan.referenced.add(body.rstrip(b"\0").decode("ascii", "replace"))
        elif rtype == _ENDLIB:
            return scan
        pos += length
    raise GdsReadError(p, "truncated: no ENDLIB record")


def _real8(b: bytes) -> float:
    """Decode a GDSII 8-byte excess-64 base-16 real."""
    sign = -1.0 if b[0] & 0x80 else 1.0
    exponent = (b[0] & 0x7F) - 64
    mantissa = int.from_bytes(b[1:], "big") / float(1 << 56)
    return sign * mantissa * 16.0**exponent


def _read_file(path: Path) -> db.Layout:
    data = _check_file(path)
    if not data.startswith(_OASIS_MAGIC):
        scan_gds(path)  # structural errors get a precise reason before klayout's generic one
    layout = db.Layout()
    try:
        layout.read(str(path))
    except RuntimeError as e:
        raise GdsReadError(path, f"unreadable layout: {str(e).splitlines()[0]}") from None
    return layout


def _pick_top(layout: db.Layout, source: str, top_cell: str | None) -> db.Cell:
    tops = sorted(c.name for c in layout.top_cells() if c.name != CONTEXT_CELL)
    if top_cell is not None:
        cell = layout.cell(top_cell)
        if cell is None:
            raise TopCellError(source, f"no cell {top_cell!r}; top cells: {', '.join(tops)}", tops)
        return cell
    if not tops:
        raise GdsReadError(source, "layout has no cells")
    if len(tops) > 1:
        raise TopCellError(
            source,
            f"{len(tops)} top cells ({', '.join(tops)}); choose one with top_cell=",
            tops,
        )
    return layout.cell(tops[0])


def load_layout(source: Any, top_cell: str | None = None) -> tuple[db.Layout, db.Cell]:
    """A private copy of ``source`` and its top cell.

    Args:
        source: a ``gf.Component`` (anything with ``kdb_cell``), a path to a GDS/OAS file, a
            ``klayout.db.Layout`` or a ``klayout.db.Cell``.
        top_cell: name of the cell to check when the layout has several top cells.

    Raises:
        GdsReadError: unreadable file; TopCellError when the top cell is ambiguous or unknown.
    """
    if isinstance(source, (str, os.PathLike)):
        layout = _read_file(Path(source))
        return layout, _pick_top(layout, str(source), top_cell)
    if isinstance(source, db.Layout):
        layout = source.dup()
        return layout, _pick_top(layout, "<layout>", top_cell)
    kdb_cell = getattr(source, "kdb_cell", source)
    if isinstance(kdb_cell, db.Cell):
        layout = db.Layout()
        layout.dbu = kdb_cell.layout().dbu
        top = layout.create_cell(kdb_cell.name)
        top.copy_tree(kdb_cell)
        return layout, top
    raise TypeError(f"cannot check a {type(source).__name__}; give a Component, path or Layout")
