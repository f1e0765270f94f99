"""Assembly pads: flip-chip bump pads and arrays, wire-bond pads, GSG and GS RF probe pads.

A bump pad is an M2/M3 stack (joined by a ring of VIA2) under a square passivation opening
(PADOPEN) and a square under-bump metallisation (UBM) that overlaps the opening by
``TECH.ubm_overlap`` and sits inside the M3 by rule UBM.EN.1. A wire-bond pad is the same stack
with a larger square opening for a ball bond and no UBM; RF probe pads are rows of the
process's probe pad (:func:`lightlane.components.pads.pad`) at a probe pitch. Every size and
pitch is checked against :data:`lightlane.pdk.rules.RULES` before anything is drawn; the pads
route on M2 (ports ``e1..``), as every device's leads do.
"""

from __future__ import annotations

import math

import gdsfactory as gf

from lightlane.components._checks import (
    cell,
    require_choice,
    require_count,
    require_number,
    variant,
)
from lightlane.components.pads import box, edge_ports, pad, require_pad_pitch
from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.electrode import parallel_plate_capacitance_ff

__all__ = [
    "bump_pad_side",
    "pad_bump",
    "pad_bump_array",
    "pad_probe_gs",
    "pad_probe_gsg",
    "pad_wirebond",
    "require_bump_pitch",
]

_OPENING_MAX = 500.0  # um: a larger opening is a bond field, not a pad
_ARRAY_MAX = 64  # bumps along one side of an array (a 64 x 64 grid at 150 um is 9.6 mm)
_VIA = 1.0  # um: the VIA2 of the process (vias.py draws the same)
_ROLES = ("GSG", "GS", "SG")


def bump_pad_side(opening: float) -> float:
    """The metal side in um of a bump pad of ``opening``: UBM overlap, then UBM.EN.1."""
    return opening + 2 * TECH.ubm_overlap + 2 * RULES["UBM.EN.1"].value


def _stack(c: gf.Component, side: float, inner: float) -> None:
    """M2 and M3 squares of ``side`` joined by a ring of VIA2 between ``inner`` (the half-width
    kept free under the opening) and the edge, each via enclosed by VIA2.EN.*."""
    for layer in (LAYER.M2, LAYER.M3):
        c.add_polygon(box(side, side), layer=layer)
    enclosure = max(RULES["VIA2.EN.1"].value, RULES["VIA2.EN.2"].value)
    centre = side / 2 - enclosure - _VIA / 2  # ring of via centres, hugging the edge
    if centre - _VIA / 2 < inner:
        return  # no room beside the opening: the opening itself joins M3 to the bump
    pitch = _VIA + max(RULES.min_space("VIA2"), _VIA)
    n = max(1, math.floor(2 * centre / pitch))
    step = 2 * centre / n
    for k in range(n):
        t = -centre + k * step
        for x, y in ((t, -centre), (centre, t), (-t, centre), (-centre, -t)):
            c.add_polygon(box(_VIA, _VIA, round(x, 3), round(y, 3)), layer=LAYER.VIA2)


def _require_opening(parameter: str, opening: float) -> None:
    require_number(parameter, opening, 0.0, _OPENING_MAX, open_low=True)
    RULES.require_width(parameter, opening, "PADOPEN")


def _capacitance_ff(side: float) -> float:
    """The pad's M2 plate to the substrate, through the BOX and the oxide below M2."""
    oxide = STACK["m2"][1] - STACK["box"][1]
    return float(round(parallel_plate_capacitance_ff(side**2, oxide), 4))


@cell
def pad_bump(opening: float = TECH.pad_opening) -> gf.Component:
    """A flip-chip bump pad: M2/M3 stack, square opening and square UBM.

    Square, not octagonal: the Euclidean width check measures an octagon's diagonal edges
    against its flats below their flat-to-flat width.

    ::

               e2
          ____________
         |   ______   |      M2 + M3 square, VIA2 ring at its edge
      e1 |  | UBM  |  | e3   UBM = opening + 2 x 3 um overlap
         |  |______|  |      M3 beyond the UBM by UBM.EN.1
         |____________|
               e4

    Args:
        opening: side of the square passivation opening in um (>= PADOPEN.W.1 = 50,
            <= 500, on a 2 nm step); the UBM and the metal grow from it.
    """
    _require_opening("opening", opening)
    side = bump_pad_side(opening)
    ubm = opening + 2 * TECH.ubm_overlap
    c = gf.Component()
    _stack(c, side, ubm / 2)
    c.add_polygon(box(opening, opening), layer=LAYER.PADOPEN)
    c.add_polygon(box(ubm, ubm), layer=LAYER.UBM)
    edge_ports(c, side, side, "M2")
    c.info["size"] = float(side)
    c.info["ubm"] = float(ubm)
    c.info["capacitance_ff"] = _capacitance_ff(side)
    return c


def require_bump_pitch(parameter: str, pitch: float, opening: float) -> None:
    """Refuse a bump pitch at which neighbouring openings, UBMs or metals come too close."""
    require_number(parameter, pitch, 0.0, TECH.die_size_max, open_low=True)
    RULES.require_even_width(parameter, pitch)
    limits = {
        "PADOPEN.S.1": opening + RULES.min_space("PADOPEN"),
        "UBM.S.1": opening + 2 * TECH.ubm_overlap + RULES.min_space("UBM"),
        "M3.S.1": bump_pad_side(opening) + RULES.min_space("M3"),
    }
    binding = max(limits, key=limits.__getitem__)
    RULES.require_at_least(parameter, pitch, binding, "bump pitch", minimum=limits[binding])


@cell
def pad_bump_array(
    columns: int = 4,
    rows: int = 2,
    pitch: float = TECH.bump_pitch,
    opening: float = TECH.pad_opening,
    orientation: float = 270.0,
) -> gf.Component:
    """A ``columns`` x ``rows`` grid of bump pads at ``pitch``, one port per bump.

    ::

         (o)   (o)   (o)   (o)      row 2: e5 .. e8
         (o)   (o)   (o)   (o)      row 1: e1 .. e4
          <pitch>                   ports on each pad's edge facing ``orientation``

    Args:
        columns: bumps along x (1 to 64).
        rows: bumps along y (1 to 64).
        pitch: centre-to-centre pitch in um along x and y (150 um: C4 class); at least what
            PADOPEN.S.1, UBM.S.1 and M3.S.1 allow for the opening (100 um for 50 um).
        opening: each pad's opening in um (see :func:`pad_bump`).
        orientation: the direction each port faces: 0, 90, 180 or 270 degrees.
    """
    require_count("columns", columns, 1, _ARRAY_MAX)
    require_count("rows", rows, 1, _ARRAY_MAX)
    require_choice("orientation", orientation, (0.0, 90.0, 180.0, 270.0))
    _require_opening("opening", opening)
    require_bump_pitch("pitch", pitch, opening)
    longest = (TECH.die_size_max - bump_pad_side(opening)) / max(columns - 1, rows - 1, 1)
    require_number("pitch", pitch, 0.0, longest, open_low=True)  # the array fits on a die
    unit = pad_bump(opening=opening)
    side = unit.info["size"]
    angle = math.radians(orientation)
    dx, dy = round(math.cos(angle)) * side / 2, round(math.sin(angle)) * side / 2
    c = gf.Component()
    for j in range(int(rows)):
        for i in range(int(columns)):
            x, y = i * pitch, j * pitch
            c.add_ref(unit).dmove((x, y))
            c.add_port(
                f"e{j * int(columns) + i + 1}",
                center=(x + dx, y + dy),
                width=side,
                orientation=orientation,
                layer=LAYER.M2,
                port_type="electrical",
            )
    c.info["pitch"] = float(pitch)
    c.info["size"] = float(side)
    c.info["count"] = int(columns) * int(rows)
    return c


@cell
def pad_wirebond(opening: float = TECH.pad_opening_wire_bond) -> gf.Component:
    """A wire-bond pad: M2/M3 stack under a square opening for a ball bond, no vias under it.

    ::

               e2
          ____________
         |  ________  |
      e1 | | opening| | e3     VIA2 ring between the opening and the edge
         | |________| |
         |____________|
               e4

    Args:
        opening: side of the square passivation opening in um (76 um: a 25 um Au ball bond
            with the bonder's placement tolerance; >= PADOPEN.W.1, <= 500, on a 2 nm step).
    """
    _require_opening("opening", opening)
    enclosure = RULES["PADOPEN.EN.1"].value
    # the via ring sits outside the opening (no vias under the bond: they crack)
    ring = 2 * max(RULES["VIA2.EN.1"].value, RULES["VIA2.EN.2"].value) + _VIA
    side = opening + 2 * max(enclosure, ring)
    c = gf.Component()
    _stack(c, side, opening / 2)
    c.add_polygon(box(opening, opening), layer=LAYER.PADOPEN)
    edge_ports(c, side, side, "M2")
    c.info["size"] = float(side)
    c.info["opening"] = float(opening)
    c.info["capacitance_ff"] = _capacitance_ff(side)
    return c


@cell
def pad_probe_gsg(
    roles: str = "GSG",
    pitch: float = TECH.pad_pitch_probe,
    opening: float = TECH.pad_opening,
    orientation: float = 270.0,
) -> gf.Component:
    """RF probe pads: a row of ground and signal pads at a probe pitch (GSG or GS).

    ::

         _____     _____     _____
        |  G  |   |  S  |   |  G  |
        |_____|   |_____|   |_____|
           e1        e2        e3      ports on the edge facing ``orientation``
           <-pitch->

    Args:
        roles: the pads west to east: ``GSG``, ``GS`` or ``SG``.
        pitch: probe pitch in um (100 or 150 um probes; at least what PADOPEN.S.1 and M2.S.1
            allow for the opening, at most 1000).
        opening: passivation opening of each pad in um (>= PADOPEN.W.1, <= 500).
        orientation: direction the ports face: 90 (north) or 270 (south).
    """
    require_choice("roles", roles, _ROLES)
    require_choice("orientation", orientation, (90.0, 270.0))
    _require_opening("opening", opening)
    require_number("pitch", pitch, 0.0, 1000.0, open_low=True)
    require_pad_pitch("pitch", pitch, opening)
    side = TECH.pad_side(opening)
    unit = pad(size=(side, side))
    c = gf.Component()
    for k in range(len(roles)):
        c.add_ref(unit).dmove((k * pitch, 0))
        c.add_port(
            f"e{k + 1}",
            center=(k * pitch, side / 2 if orientation == 90 else -side / 2),
            width=side,
            orientation=orientation,
            layer=LAYER.M2,
            port_type="electrical",
        )
    c.info["pad_roles"] = roles
    c.info["pitch"] = float(pitch)
    c.info["size"] = float(side)
    c.info["capacitance_ff"] = _capacitance_ff(side)
    return c


pad_probe_gs = variant(
    pad_probe_gsg, __name__, "RF probe pads for a GS probe: ground then signal at the probe pitch.",
    roles="GS",
)  # fmt: skip
