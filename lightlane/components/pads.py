"""Pads, pad arrays and via stacks: how the outside world and the silicon reach the top metal.

A pad is a square of M2 with a passivation opening (PADOPEN) inset by the enclosure rule; a pad
array places them at a probe or wire-bond pitch; a via stack contacts an implant, germanium
contact implant or heater up to M1 or M2 through arrays of contacts and vias. Every size is
checked against :data:`lightlane.pdk.rules.RULES` before anything is drawn.
"""

from __future__ import annotations

import math

import gdsfactory as gf

from lightlane.components._checks import (
    quiet,
    require_choice,
    require_count,
    require_flag,
    require_number,
    require_on_grid,
)
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import layer_of

__all__ = ["box", "edge_ports", "pad", "pad_row", "require_pad_pitch"]

_PAD_METALS = ("M2", "M3", "MTOP")
_COUNT_MAX = int(TECH.die_size_max // TECH.pad_side())  # pads in a row along the longest die


def box(width: float, height: float, x: float = 0.0, y: float = 0.0) -> list[tuple[float, float]]:
    w, h = width / 2, height / 2
    return [(x - w, y - h), (x + w, y - h), (x + w, y + h), (x - w, y + h)]


def edge_ports(
    c: gf.Component,
    width: float,
    height: float,
    layer: str,
    first: int = 1,
    orientations: tuple = (180, 90, 0, -90),
    inclusion: float = 0.0,
) -> int:
    """Electrical ports e<first>.. on the west, north, east and south edges of a centred box
    (those facing ``orientations``, moved ``inclusion`` um inside); returns the next number."""
    sides = ((-width / 2, 0, 180, height), (0, height / 2, 90, width))
    sides += ((width / 2, 0, 0, height), (0, -height / 2, 270, width))
    wanted = {o % 360 for o in orientations}
    for x, y, orientation, span in sides:
        if orientation not in wanted:
            continue
        dx, dy = -math.cos(math.radians(orientation)), -math.sin(math.radians(orientation))
        c.add_port(
            f"e{first}",
            center=(x + dx * inclusion, y + dy * inclusion),
            width=span,
            orientation=orientation,
            layer=getattr(LAYER, layer),
            port_type="electrical",
        )
        first += 1
    return first


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


@quiet("with_opening")
def pad(
    size: tuple[float, float] = (TECH.pad_side(), TECH.pad_side()),
    layer: str = "M2",
    bbox_layers: tuple[str, ...] | None = None,
    bbox_offsets: tuple[float, ...] | None = None,
    port_inclusion: float = 0.0,
    port_orientation: float | None = None,
    port_orientations: tuple[int, ...] | None = (180, 90, 0, -90),
    port_type: str = "pad",
    with_opening: bool = True,
) -> gf.Component:
    """A metal pad with a passivation opening, for a probe needle or a wire bond.

    ::

                  e2
             ___________
            |  _______  |
        e1  | |opening| |  e3
            | |_______| |
            |___________|
                  e4

    The opening (PADOPEN) is the metal inset by the PADOPEN.EN.1 enclosure on every side and
    must be at least PADOPEN.W.1 (50 um) wide: the default is the smallest pad, 54 um.

    Args:
        size: (width, height) of the metal in um, on a 2 nm step, up to 1 mm.
        layer: pad metal: M2 (lightlane's pads) or M3/MTOP (gdsfactory's).
        bbox_layers: layers of further boxes around the pad (gdsfactory's).
        bbox_offsets: their growth beyond the metal in um, one per layer (0 to 100).
        port_inclusion: how far in um the edge ports sit inside the metal edge (0 to 10).
        port_orientation: gdsfactory's centre port ``pad`` facing this way (0, 90, 180, 270);
            None draws none.
        port_orientations: the edge ports e1.. (of 180, 90, 0, -90).
        port_type: the type of the centre port (``pad``, ``electrical``).
        with_opening: draw the passivation opening; False leaves a covered landing of the
            same metal, for a route to an assembly pad elsewhere on the die.
    """
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (width, height) in um")
    require_choice("layer", layer, _PAD_METALS)
    require_number("port_inclusion", port_inclusion, 0.0, 10.0)
    require_choice("port_type", port_type, ("pad", "electrical"))
    require_flag("with_opening", with_opening)
    if port_orientation is not None:
        require_choice("port_orientation", port_orientation, (0, 90, 180, 270))
    enclosure = RULES["PADOPEN.EN.1"].value
    for k, side in enumerate(size):
        require_number(f"size[{k}]", side, 0.0, _PAD_MAX, open_low=True)
        RULES.require_even_width(f"size[{k}]", side)
        RULES.require_at_least(
            f"size[{k}]", side, "PADOPEN.W.1", "pad side (opening + enclosure)",
            minimum=RULES.min_width("PADOPEN") + 2 * enclosure,
        )  # fmt: skip
    boxes = tuple(zip(bbox_layers or (), bbox_offsets or (), strict=False))
    for k, (bbox_layer, offset) in enumerate(boxes):
        layer_of(f"bbox_layers[{k}]", bbox_layer)
        require_number(f"bbox_offsets[{k}]", offset, 0.0, 100.0)
    width, height = size
    metal = "M3" if layer == "MTOP" else layer
    c = gf.Component()
    c.add_polygon(box(width, height), layer=getattr(LAYER, metal))
    if with_opening:
        c.add_polygon(box(width - 2 * enclosure, height - 2 * enclosure), layer=LAYER.PADOPEN)
    for bbox_layer, offset in boxes:
        c.add_polygon(box(width + 2 * offset, height + 2 * offset), layer=layer_of("", bbox_layer))
    edge_ports(c, width, height, metal, 1, tuple(port_orientations or ()), port_inclusion)
    if port_orientation is not None:
        c.add_port(
            "pad",
            center=(0, 0),
            width=height if port_orientation in (0, 180) else width,
            orientation=port_orientation,
            layer=getattr(LAYER, metal),
            port_type=port_type,
        )
    c.info["size"] = (float(width), float(height))
    c.info["xsize"] = float(width)
    c.info["ysize"] = float(height)
    c.info["opening"] = float(width - 2 * enclosure)
    return c


_PAD_MAX = 1000.0  # um: a pad this large is a bond field, not a pad


@quiet("with_openings")
def pad_row(
    count: int = 4,
    pitch: float = TECH.pad_pitch_probe,
    opening: float = TECH.pad_opening,
    orientation: float = 270.0,
    with_openings: bool = True,
) -> gf.Component:
    """A row of ``count`` pads at ``pitch``, each with one port facing ``orientation``.

    ::

         _____     _____     _____
        |     |   |     |   |     |
        |_____|   |_____|   |_____|
           e1        e2        e3      (orientation 270: ports face south)
           <-pitch->

    Args:
        count: number of pads, 1 to as many as fit along the die's long side.
        pitch: centre-to-centre pitch in um; the openings must keep rule PADOPEN.S.1 and the
            metal rule M2.S.1 apart (100 um suits RF probes, 150 um wire bonds); the row must
            fit on the die.
        opening: passivation opening of each pad in um (50 to 996).
        orientation: direction the ports face in degrees: 90 (north) or 270 (south).
        with_openings: draw the passivation openings; False leaves covered landings.
    """
    require_flag("with_openings", with_openings)
    require_count("count", count, 1, _COUNT_MAX, "pads along the die's long side")
    require_choice("orientation", orientation, (90.0, 270.0))
    require_number("opening", opening, 0.0, _PAD_MAX - 2 * RULES["PADOPEN.EN.1"].value)
    RULES.require_width("opening", opening, "PADOPEN")
    require_pad_pitch("pitch", pitch, opening)
    side = TECH.pad_side(opening)
    require_number("pitch", pitch, 0.0, (TECH.die_size_max - side) / max(count - 1, 1))
    c = gf.Component()
    unit = pad(size=(side, side)) if with_openings else pad(size=(side, side), with_opening=False)
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
