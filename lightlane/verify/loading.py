"""Turn what a user hands us (a gf Component, a GDS/OAS path, a klayout Layout) into a private
``klayout.db.Layout`` and one top cell, with clear errors for bad files.

The checks never touch the caller's layout: everything is copied into a fresh ``Layout``.
"""

from __future__ import annotations

import math
import mmap
import os
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import klayout.db as db

__all__ = [
    "CONTEXT_CELL",
    "FAB_DBU_UM",
    "MAX_DEPTH",
    "GdsReadError",
    "GdsScan",
    "TopCellError",
    "check_dbu",
    "check_extent",
    "hierarchy_depth",
    "load_layout",
    "scan_gds",
]

CONTEXT_CELL = "$$$CONTEXT_INFO$$$"
FAB_DBU_UM = 0.001
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


MAX_DEPTH = 20_000
"""Deepest hierarchy accepted: KLayout's own reader slows down quadratically with depth (about
5 s at 20,000 levels, 50 s at 40,000), so deeper files are refused before it runs."""


@dataclass
class GdsScan:
    """What a record-level pass over a GDS file found (no geometry is decoded).

    Attributes:
        structures: names of all structures (cells), in file order.
        referenced: names of structures referenced by SREF/AREF.
        children: structure -> names it references (the context cell excluded).
        user_unit: size of a database unit in user units (1e-3 for 1 nm dbu in um).
        meter_unit: size of a database unit in metres (1e-9 for 1 nm).
    """

    structures: list[str] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)
    children: dict[str, set[str]] = field(default_factory=dict)
    user_unit: float = 0.0
    meter_unit: float = 0.0

    @property
    def top_cells(self) -> list[str]:
        """Structures no other structure references, the context cell included."""
        return [s for s in self.structures if s not in self.referenced]

    @property
    def depth(self) -> int:
        """Levels of the deepest branch (1 for a flat cell); see :func:`hierarchy_depth`."""
        return hierarchy_depth(self.children)


def hierarchy_depth(children: dict[str, set[str]]) -> int:
    """Levels of the deepest branch of a cell graph, without recursion (chains may be deep).

    Raises:
        ValueError: the graph has a cycle; the message shows it (``A -> B -> A``).
    """
    parents = {name: 0 for name in children}
    for kids in children.values():
        for kid in kids:
            parents[kid] = parents.get(kid, 0) + 1
    level = dict.fromkeys(parents, 1)
    ready = [name for name, n in parents.items() if n == 0]
    done = 0
    while ready:  # Kahn's order: a cell is visited after all of its parents
        name = ready.pop()
        done += 1
        for kid in children.get(name, ()):
            level[kid] = max(level[kid], level[name] + 1)
            parents[kid] -= 1
            if parents[kid] == 0:
                ready.append(kid)
    if done < len(parents):
        raise ValueError(f"recursive hierarchy: {' -> '.join(_cycle(children, parents))}")
    return max(level.values(), default=0)


def _cycle(children: dict[str, set[str]], left: dict[str, int]) -> list[str]:
    """One cycle among the cells Kahn's order could not visit, for the error message."""
    parents: dict[str, list[str]] = {}
    for name, kids in children.items():
        for kid in kids:
            parents.setdefault(kid, []).append(name)
    # every cell left over has a parent left over: walking up must come back round
    path, seen = [min(name for name, n in left.items() if n > 0)], {}
    while path[-1] not in seen:
        seen[path[-1]] = len(path) - 1
        path.append(min(q for q in parents[path[-1]] if left[q] > 0))
    return list(reversed(path[seen[path[-1]] :]))


def _open_regular(path: Path) -> tuple[int, int]:
    """A read-only descriptor and the size of a regular, non-empty file; refuses FIFOs, devices."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise GdsReadError(path, "file not found") from None
    except OSError as e:
        raise GdsReadError(path, f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(info.st_mode):
        raise GdsReadError(path, "is a directory, not a layout file")
    if not stat.S_ISREG(info.st_mode):
        raise GdsReadError(path, f"is not a regular file ({_kind(info.st_mode)}); give a .gds file")
    try:  # O_NONBLOCK: a file swapped for a FIFO after the stat must not hang the open
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise GdsReadError(path, f"cannot read: {e.strerror or e}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise GdsReadError(path, f"is not a regular file ({_kind(info.st_mode)})")
    if info.st_size == 0:
        os.close(fd)
        raise GdsReadError(path, "file is empty (0 bytes)")
    return fd, info.st_size


def _kind(mode: int) -> str:
    kinds = {
        stat.S_ISFIFO: "a FIFO",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a plain file")


def _head(path: Path, n: int) -> bytes:
    fd, _ = _open_regular(path)
    with os.fdopen(fd, "rb") as f:
        return f.read(n)


def scan_gds(path: str | os.PathLike[str]) -> GdsScan:
    """Walk the records of a GDSII file, checking its structure.

    Raises:
        GdsReadError: missing, empty, not a regular file, not GDSII (OASIS is named as such),
            truncated or corrupt; a cell name that is empty or not UTF-8, a reference to a cell
            that is never defined, a recursive hierarchy or one deeper than :data:`MAX_DEPTH`.
    """
    p = Path(path)
    fd, size = _open_regular(p)
    with os.fdopen(fd, "rb") as f, mmap.mmap(f.fileno(), size, access=mmap.ACCESS_READ) as data:
        scan = _scan_records(p, data)
    undefined = sorted(scan.referenced - set(scan.structures))
    if undefined:
        users = sorted(s for s, kids in scan.children.items() if undefined[0] in kids)
        raise GdsReadError(
            p,
            f"cell {undefined[0]!r} is referenced by {users[0]!r} but never defined"
            + (f" ({len(undefined)} undefined cells)" if len(undefined) > 1 else ""),
        )
    try:
        depth = scan.depth
    except ValueError as e:
        raise GdsReadError(p, str(e)) from None
    if depth > MAX_DEPTH:
        raise GdsReadError(
            p, f"hierarchy is {depth} levels deep; lightlane reads at most {MAX_DEPTH} levels"
        )
    return scan


def _scan_records(p: Path, data: Any) -> GdsScan:
    n = len(data)
    if data[: len(_OASIS_MAGIC)] == _OASIS_MAGIC:
        raise GdsReadError(p, "is an OASIS file, not GDSII (record scan needs GDSII)")
    if n < 4 or data[2] != _HEADER or struct.unpack(">H", data[:2])[0] != 6:
        raise GdsReadError(p, "not a GDSII file (no HEADER record at the start)")
    scan = GdsScan()
    pos, current = 0, ""
    while pos < n:
        if pos + 4 > n:
            raise GdsReadError(p, f"truncated: incomplete record header at byte {pos}")
        length, rtype = struct.unpack(">HB", data[pos : pos + 3])
        if length < 4 or length % 2:
            if length == 0 and not any(data[pos : pos + 4096]):
                raise GdsReadError(p, f"truncated: zero padding at byte {pos} before ENDLIB")
            raise GdsReadError(p, f"corrupt: invalid record length {length} at byte {pos}")
        if pos + length > n:
            raise GdsReadError(p, f"truncated: record at byte {pos} runs past the end of file")
        if rtype == _UNITS and length == 20:
            body = data[pos + 4 : pos + length]
            scan.user_unit, scan.meter_unit = _real8(body[:8]), _real8(body[8:])
        elif rtype == _STRNAME:
            current = _name(p, data[pos + 4 : pos + length], pos)
            scan.structures.append(current)
            scan.children.setdefault(current, set())
        elif rtype == _SNAME and current != CONTEXT_CELL:  # metadata references are not placements
            name = _name(p, data[pos + 4 : pos + length], pos)
            scan.referenced.add(name)
            scan.children.setdefault(current, set()).add(name)
        elif rtype == _ENDLIB:
            return scan
        pos += length
    raise GdsReadError(p, "truncated: no ENDLIB record")


def _name(p: Path, raw: bytes, pos: int) -> str:
    """A cell name from its record body; empty or undecodable names are refused."""
    raw = bytes(raw).rstrip(b"\0")
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise GdsReadError(
            p, f"cell name {raw!r} at byte {pos} is not valid text (UTF-8); rename the cell"
        ) from None
    if not name:
        raise GdsReadError(p, f"cell name at byte {pos} is empty; every cell needs a name")
    return name


def _real8(b: bytes) -> float:
    """Decode a GDSII 8-byte excess-64 base-16 real."""
    sign = -1.0 if b[0] & 0x80 else 1.0
    exponent = (b[0] & 0x7F) - 64
    mantissa = int.from_bytes(b[1:], "big") / float(1 << 56)
    return sign * mantissa * 16.0**exponent


def _read_file(path: Path) -> db.Layout:
    if _head(path, len(_OASIS_MAGIC)) != _OASIS_MAGIC:
        scan_gds(path)  # structural errors get a precise reason before klayout's generic one
    layout = db.Layout()
    try:
        layout.read(str(path))
    except RuntimeError as e:
        raise GdsReadError(path, f"unreadable layout: {str(e).splitlines()[0]}") from None
    return layout


def check_dbu(dbu: float, source: str) -> None:
    """Refuse database units the rules cannot be checked on exactly.

    Every rule value is a whole number of nm, so a unit that divides 1 nm holds each limit
    exactly; a coarser, zero, negative or non-finite one would round the limits.
    """
    steps = FAB_DBU_UM / dbu if math.isfinite(dbu) and dbu > 0 else 0.0
    if not (steps >= 1 - 1e-9 and abs(steps - round(steps)) < 1e-6):
        raise GdsReadError(
            source,
            f"database unit {dbu:g} um is not supported: lightlane checks layouts whose unit "
            f"divides 1 nm (0.001 um, 0.0005 um, ..., 0.0001 um); re-export with a 1 nm unit",
        )


def check_extent(layout: db.Layout, top: db.Cell, source: str) -> None:
    """Refuse geometry that reached the 32-bit coordinate limit: something overflowed."""
    box, limit = top.bbox(), 2**31 - 1
    if not box.empty() and max(abs(v) for v in (box.left, box.bottom, box.right, box.top)) >= limit:
        raise GdsReadError(
            source,
            f"{top.name} reaches {limit * layout.dbu / 1e3:,.0f} mm, the largest coordinate a "
            "layout holds: a parameter was too large for any die and its geometry overflowed",
        )


def _check_cells(layout: db.Layout, source: str) -> None:
    """Undefined (ghost) cells and empty names are errors, not empty cells."""
    for cell in layout.each_cell():
        try:
            name = cell.name
        except UnicodeDecodeError as e:
            raise GdsReadError(source, f"a cell name is not valid text (UTF-8): {e}") from None
        if not name:
            raise GdsReadError(source, "a cell has an empty name; every cell needs a name")
        if cell.is_ghost_cell():
            raise GdsReadError(source, f"cell {name!r} is referenced but never defined")


def _pick_top(layout: db.Layout, source: str, top_cell: str | None) -> db.Cell:
    try:
        cells = layout.top_cells()
    except RuntimeError as e:  # klayout's topological sort fails on a cycle
        raise GdsReadError(source, f"recursive hierarchy ({str(e).splitlines()[0]})") from None
    tops = sorted(c.name for c in cells if c.name != CONTEXT_CELL)
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
        GdsReadError: unreadable file, undefined or nameless cells, a recursive hierarchy, a
            database unit that does not divide 1 nm; TopCellError when the top cell is
            ambiguous or unknown.
    """
    if isinstance(source, (str, os.PathLike)):
        name = str(source)
        layout = _read_file(Path(source))
    elif isinstance(source, db.Layout):
        name, layout = "<layout>", source.dup()
    else:
        kdb_cell = getattr(source, "kdb_cell", source)
        if not isinstance(kdb_cell, db.Cell):
            raise TypeError(
                f"cannot check a {type(source).__name__}; give a Component, path or Layout"
            )
        name, layout = f"<cell {kdb_cell.name}>", db.Layout()
        layout.dbu = kdb_cell.layout().dbu
        top = layout.create_cell(kdb_cell.name)
        top.copy_tree(kdb_cell)
        check_dbu(layout.dbu, name)
        _check_cells(layout, name)
        return layout, top
    check_dbu(layout.dbu, name)
    _check_cells(layout, name)
    return layout, _pick_top(layout, name, top_cell)
