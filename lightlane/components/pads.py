"""Pads, pad arrays and via stacks: how the outside world and the silicon reach the top metal.

A pad is a square of M2 with a passivation opening (PADOPEN) inset by the enclosure rule; a pad
array places them at a probe or wire-bond pitch; a via stack contacts an implant, germanium
contact implant or heater up to M1 or M2 through arrays of contacts and vias. Every size is
checked against :data:`lightlane.pdk.rules.RULES` before anything is drawn.
"""

from __future__ import annotations

import math

import gdsfactory as gf

from lightlane.components._checks import require_on_grid, require_positive
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES

__all__ = [
    "VIA_BOTTOM_LAYERS",
    "pad",
    "pad_array",
    "require_pad_pitch",
    "via_stack",
]

VIA_BOTTOM_LAYERS = ("NPP", "PPP", "GEN", "GEP", "HEATER", "M1")
"""Layers a via stack may start from: contact implants, the TiN heater, or M1 itself."""

_VIAC = TECH.contact_size  # contact size in um (>= VIAC.W.1) and its space
_VIA1 = 1.0  # via1 size in um (>= VIA1.W.1) and its space
_SILICON_UNDER = {"NPP": "SLAB90", "PPP": "SLAB90"}  # an implant contact needs silicon under it


def _edge_ports(c: gf.Component, width: float, height: float, layer: str, first: int = 1) -> None:
    """Electrical ports e<first>.. on the west, north, east and south edges of a centred box."""
    sides = ((-width / 2, 0, 180, height), (0, height / 2, 90, width))
    sides += ((width / 2, 0, 0, height), (0, -height / 2, 270, width))
    for k, (x, y, orientation, span) in enumerate(sides):
        c.add_port(
            f"e{first + k}",
            center=(x, y),
            width=span,
            orientation=orientation,
            layer=getattr(LAYER, layer),
            port_type="electrical",
        )


def require_pad_pitch(parameter: str, pitch: float, opening: float) -> None:
    """Refuse a pad pitch at which neighbouring pads' openings (PADOPEN.S.1) or metal (M2.S.1)
    would come too close; ``opening`` is the pads' passivation opening in um."""
    require_on_grid(parameter, pitch)
    by_opening = opening + RULES.min_space("PADOPEN")
    by_metal = TECH.pad_side(opening) + RULES.min_space("M2")
    binding = "PADOPEN.S.1" if by_opening >= by_metal else "M2.S.1"
    RULES.require_at_least(
        parameter, pitch, binding, "pad pitch", minimum=max(by_opening, by_metal)
    )


@gf.cell
def pad(opening: float = TECH.pad_opening) -> gf.Component:
    """A square M2 pad with a passivation opening, for a probe needle or a wire bond.

    ::

                  e2
             ___________
            |  _______  |
        e1  | |opening| |  e3
            | |_______| |
            |___________|
                  e4

    Args:
        opening: side of the square passivation opening in um (>= rule PADOPEN.W.1, on a 2 nm
            grid); the M2 square is larger by the PADOPEN.EN.1 enclosure on every side.
    """
    RULES.require_width("opening", opening, "PADOPEN")
    side = TECH.pad_side(opening)
    c = gf.Component()
    c.add_polygon(_box(side, side), layer=LAYER.M2)
    c.add_polygon(_box(opening, opening), layer=LAYER.PADOPEN)
    _edge_ports(c, side, side, "M2")
    c.info["size"] = side
    c.info["opening"] = opening
    return c


@gf.cell
def pad_array(
    count: int = 4,
    pitch: float = TECH.pad_pitch_probe,
    opening: float = TECH.pad_opening,
    orientation: float = 270.0,
) -> gf.Component:
    """A row of ``count`` pads at ``pitch``, each with one port facing ``orientation``.

    ::

         _____     _____     _____
        |     |   |     |   |     |
        |_____|   |_____|   |_____|
           e1        e2        e3      (orientation 270: ports face south)
           <-pitch->

    Args:
        count: number of pads (>= 1).
        pitch: centre-to-centre pitch in um; the openings must keep rule PADOPEN.S.1 and the
            metal rule M2.S.1 apart (100 um suits RF probes, 150 um wire bonds).
        opening: passivation opening of each pad in um.
        orientation: direction the ports face in degrees: 90 (north) or 270 (south).
    """
    if int(count) != count or count < 1:
        raise ValueError(f"count={count!r} must be a whole number >= 1")
    if orientation not in (90.0, 270.0):
        raise ValueError(f"orientation={orientation!r} must be 90 (north) or 270 (south)")
    RULES.require_width("opening", opening, "PADOPEN")
    require_pad_pitch("pitch", pitch, opening)
    side = TECH.pad_side(opening)
    c = gf.Component()
    unit = pad(opening=opening)
    for k in range(int(count)):
        ref = c.add_ref(unit)
        ref.dmove((k * pitch, 0))
        c.add_port(
            f"e{k + 1}",
            center=(k * pitch, side / 2 if orientation == 90 else -side / 2),
            width=side,
            orientation=orientation,
            layer=LAYER.M2,
            port_type="electrical",
        )
    c.info["pitch"] = pitch
    c.info["size"] = side
    return c


def _box(width: float, height: float, x: float = 0.0, y: float = 0.0) -> list[tuple[float, float]]:
    w, h = width / 2, height / 2
    return [(x - w, y - h), (x + w, y - h), (x + w, y + h), (x - w, y + h)]


def _via_grid(c: gf.Component, layer: str, size: float, width: float, height: float, inset: float):
    """Square vias of ``size`` at pitch 2*size filling a centred box shrunk by ``inset``."""
    pitch = 2 * size
    nx = max(1, math.floor((width - 2 * inset - size) / pitch + 1e-9) + 1)
    ny = max(1, math.floor((height - 2 * inset - size) / pitch + 1e-9) + 1)
    x0, y0 = -(nx - 1) * pitch / 2, -(ny - 1) * pitch / 2
    for i in range(nx):
        for j in range(ny):
            c.add_polygon(_box(size, size, x0 + i * pitch, y0 + j * pitch), layer=layer)


@gf.cell
def via_stack(
    width: float = 10.0, height: float = 10.0, bottom: str = "PPP", top: str = "M2"
) -> gf.Component:
    """A contact from ``bottom`` up to ``top`` metal, filled with contact and via arrays.

    ::

            e2
         _______
        |  ...  |
     e1 |  ...  | e3      every layer is the same width x height box; the vias sit inside
        |_______|         it by their enclosure rules (VIAC.EN.*, VIA1.EN.*)
            e4

    An implant contact (NPP, PPP) also draws the 90 nm silicon slab under it; GEN/GEP expect the
    germanium of a photodiode under them and HEATER is the TiN itself.

    Args:
        width: width of the stack in um (x), on the grid.
        height: height of the stack in um (y), on the grid.
        bottom: layer the stack starts from, one of VIA_BOTTOM_LAYERS.
        top: top metal, "M1" or "M2".
    """
    if bottom not in VIA_BOTTOM_LAYERS:
        raise ValueError(f"bottom={bottom!r} must be one of {VIA_BOTTOM_LAYERS}")
    if top not in ("M1", "M2"):
        raise ValueError(f"top={top!r} must be 'M1' or 'M2'")
    for name, value in (("width", width), ("height", height)):
        require_positive(name, value)
        require_on_grid(name, value)
    layers = [bottom, "M1"] if bottom != "M1" else ["M1"]
    if top == "M2":
        layers.append("M2")
    if bottom in _SILICON_UNDER:
        layers.append(_SILICON_UNDER[bottom])
    smallest = max(RULES.min_width(layer) for layer in layers)
    if bottom != "M1":
        enclosure = max(RULES["VIAC.EN.1"].value, RULES["VIAC.EN.2"].value)
        smallest = max(smallest, _VIAC + 2 * enclosure)
    if top == "M2":
        smallest = max(smallest, _VIA1 + 2 * RULES["VIA1.EN.1"].value)
    for name, value in (("width", width), ("height", height)):
        RULES.require_at_least(name, value, None, f"via stack {name}", minimum=smallest)
    c = gf.Component()
    for layer in layers:
        c.add_polygon(_box(width, height), layer=getattr(LAYER, layer))
    if bottom != "M1":
        _via_grid(c, LAYER.VIAC, _VIAC, width, height, enclosure)
    if top == "M2":
        _via_grid(c, LAYER.VIA1, _VIA1, width, height, RULES["VIA1.EN.1"].value)
    _edge_ports(c, width, height, top)
    c.info["bottom"] = bottom
    c.info["top"] = top
    return c
