"""GDSII written record by record, so tests can make files no layout tool would write.

Each helper returns bytes; :func:`library` wraps structures into a whole file. Units are in
the file as given (zero, negative, coarse), names as raw bytes (empty, not UTF-8).
"""

from __future__ import annotations

import math
import struct

HEADER, BGNLIB, LIBNAME, UNITS, ENDLIB = 0x0002, 0x0102, 0x0206, 0x0305, 0x0400
BGNSTR, STRNAME, ENDSTR = 0x0502, 0x0606, 0x0700
BOUNDARY, PATH, SREF, LAYER, DATATYPE, WIDTH, XY, ENDEL = (
    0x0800,
    0x0900,
    0x0A00,
    0x0D02,
    0x0E02,
    0x0F03,
    0x1003,
    0x1100,
)
SNAME, STRANS, ANGLE = 0x1206, 0x1A01, 0x1C05


def record(kind: int, body: bytes = b"") -> bytes:
    if len(body) % 2:
        body += b"\0"
    return struct.pack(">HH", 4 + len(body), kind) + body


def real8(x: float) -> bytes:
    """GDSII excess-64 base-16 real."""
    if x == 0:
        return bytes(8)
    sign = 0x80 if x < 0 else 0
    x = abs(x)
    exponent = math.floor(math.log(x, 16)) + 1
    mantissa = round(x / 16.0**exponent * (1 << 56))
    if mantissa >= 1 << 56:
        mantissa >>= 4
        exponent += 1
    return bytes([sign | (exponent + 64)]) + mantissa.to_bytes(7, "big")


def ints(*values: int, fmt: str = "i") -> bytes:
    return struct.pack(f">{len(values)}{fmt}", *values)


def boundary(layer: int, points: list[tuple[int, int]]) -> bytes:
    """A polygon on ``layer``/0; the closing point is added."""
    xy = [c for p in [*points, points[0]] for c in p]
    return (
        record(BOUNDARY)
        + record(LAYER, ints(layer, fmt="h"))
        + record(DATATYPE, ints(0, fmt="h"))
        + record(XY, ints(*xy))
        + record(ENDEL)
    )


def path(layer: int, points: list[tuple[int, int]], width: int) -> bytes:
    xy = [c for p in points for c in p]
    return (
        record(PATH)
        + record(LAYER, ints(layer, fmt="h"))
        + record(DATATYPE, ints(0, fmt="h"))
        + record(WIDTH, ints(width))
        + record(XY, ints(*xy))
        + record(ENDEL)
    )


def sref(name: bytes, x: int = 0, y: int = 0, angle: float | None = None) -> bytes:
    out = record(SREF) + record(SNAME, name)
    if angle is not None:
        out += record(STRANS, ints(0, fmt="h")) + record(ANGLE, real8(angle))
    return out + record(XY, ints(x, y)) + record(ENDEL)


def structure(name: bytes, *elements: bytes) -> bytes:
    return (
        record(BGNSTR, ints(*[0] * 12, fmt="h"))
        + record(STRNAME, name)
        + b"".join(elements)
        + record(ENDSTR)
    )


def library(*structures: bytes, user_unit: float = 1e-3, meter_unit: float = 1e-9) -> bytes:
    """A whole GDSII file; the defaults are 1 nm units in um."""
    return (
        record(HEADER, ints(600, fmt="h"))
        + record(BGNLIB, ints(*[0] * 12, fmt="h"))
        + record(LIBNAME, b"LIB")
        + record(UNITS, real8(user_unit) + real8(meter_unit))
        + b"".join(structures)
        + record(ENDLIB)
    )


def box(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
