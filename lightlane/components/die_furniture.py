"""Die furniture: seal ring, alignment marks, die label, fibre loopback and a flip-chip laser site.

What every die carries besides its circuit, each drawn on fab layers and checked against the
rule table: a metal seal ring that stops dicing cracks and moisture (M1, VIA1, M2, VIA2, M3 as
one wall), crosses for the vision system of a fibre-attach or flip-chip bonder, a label in a
pixel font on the top metal (no acute corners), a loopback of two fibre couplers for active
alignment, and the recess a III-V laser die is flip-chip bonded into.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import klayout.db as kdb

from lightlane.components._checks import (
    DIE,
    cell,
    device_cell,
    rect,
    require_choice,
    require_flag,
    require_number,
    require_on_grid,
    variant,
)
from lightlane.components.bond_pads import pad_wirebond
from lightlane.components.edge_couplers import edge_coupler
from lightlane.components.fibre_arrays import fibre_array
from lightlane.components.pads import box
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import layer_name, layer_of

__all__ = [
    "SEAL_LAYERS",
    "alignment_mark",
    "die_label",
    "fibre_loopback",
    "laser_site",
    "seal_ring",
]

SEAL_LAYERS = ("M1", "M2", "M3")
"""The seal ring's metals, joined by VIA1 and VIA2 arrays: a wall from M1 to the top metal."""
_MARK_LAYERS = ("WG", "M1", "M2", "M3")
_SEAL_VIA_INSET = 2.0  # um of metal beside the via bars (>= VIA1.EN.* and VIA2.EN.*)


def _pair(parameter: str, value: Any, low: float, high: float = DIE) -> tuple[float, float]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{parameter}={value!r} must be (width, height) in um")
    for k, v in enumerate(value):
        require_number(f"{parameter}[{k}]", v, low, high, open_low=True)
        require_on_grid(f"{parameter}[{k}]", v)
    return float(value[0]), float(value[1])


@cell
def seal_ring(
    size: tuple[float, float] = (500.0, 500.0),
    seal: Any = None,
    width: float = 10.0,
    padding: float = 10.0,
    with_north: bool = True,
    with_south: bool = True,
    with_east: bool = True,
    with_west: bool = True,
) -> gf.Component:
    """A seal ring around the area (0, 0)-``size``: a metal and via wall ``padding`` outside it.

    ::

         ______________________
        |  __________________  |   width: the wall's width
        | |                  | |   padding: from the enclosed area to the wall
        | |    size[0] x     | |   a side left out (with_east=False...) lets edge-coupled
        | |    size[1]       | |   waveguides reach a facet without passing under the metal
        | |__________________| |
        |______________________|

    Gdsfactory's parameters; the wall is M1, M2 and M3 joined by continuous VIA1 and VIA2 bars
    (2 um of metal beside them) unless ``seal`` gives another stack.

    Args:
        size: (width, height) in um of the area the ring encloses.
        seal: gdsfactory's wall spec, called with ``size`` and ``port_orientations=None``;
            None: the M1-M3 via stack.
        width: wall width in um (room for the via bars and their enclosure: 5 to 100).
        padding: space in um between the enclosed area and the wall (0 to 1000).
        with_north: draw the north wall.
        with_south: draw the south wall.
        with_east: draw the east wall.
        with_west: draw the west wall.
    """
    sx, sy = _pair("size", size, 0.0)
    require_number("width", width, 0.0, 100.0, open_low=True)
    RULES.require_even_width("width", width)
    RULES.require_at_least(
        "width", width, "VIA1.W.1", "seal ring width (via bar + its metal)",
        minimum=2 * _SEAL_VIA_INSET + max(RULES.min_width("VIA1"), RULES.min_width("VIA2")),
    )  # fmt: skip
    require_number("padding", padding, 0.0, 1000.0)
    require_on_grid("padding", padding)
    sides = {"north": with_north, "south": with_south, "east": with_east, "west": with_west}
    for name, value in sides.items():
        require_flag(f"with_{name}", value)
    if not any(sides.values()):
        raise ValueError("with_north, with_south, with_east and with_west are all False: no ring")
    outer_x, outer_y = sx + 2 * (padding + width), sy + 2 * padding
    places = {
        "north": (outer_x, width, sx / 2, sy + padding + width / 2),
        "south": (outer_x, width, sx / 2, -padding - width / 2),
        "east": (width, outer_y, sx + padding + width / 2, sy / 2),
        "west": (width, outer_y, -padding - width / 2, sy / 2),
    }
    c = gf.Component()
    for name, (w, h, x, y) in places.items():
        if not sides[name]:
            continue
        if seal is not None:
            wall = gf.get_component(seal, size=(w, h), port_orientations=None)
            c.add_ref(wall).dmove((x, y))
            continue
        for layer in SEAL_LAYERS:
            c.add_polygon(box(w, h, x, y), layer=getattr(LAYER, layer))
        # continuous via bars down the middle of the wall, joined at the corners: no gap for a
        # crack or moisture; an east or west bar runs on into the north and south walls
        inset = _SEAL_VIA_INSET
        if name in ("north", "south"):
            x0, x1, y0, y1 = (
                x - w / 2 + inset,
                x + w / 2 - inset,
                y - h / 2 + inset,
                y + h / 2 - inset,
            )
        else:
            y0 = y - h / 2 - (width if sides["south"] else 0.0) + inset
            y1 = y + h / 2 + (width if sides["north"] else 0.0) - inset
            x0, x1 = x - w / 2 + inset, x + w / 2 - inset
        for via in ("VIA1", "VIA2"):
            rect(c, getattr(LAYER, via), x0, y0, x1, y1)
    c.info["inner"] = (sx + 2 * padding, sy + 2 * padding)
    c.info["outer"] = (outer_x, sy + 2 * (padding + width))
    return c


@cell
def alignment_mark(
    size: float = 100.0,
    width: float = 10.0,
    layers: tuple[str, ...] = ("WG", "M3"),
    with_frame: bool = True,
) -> gf.Component:
    """A fiducial cross for a fibre-attach or flip-chip bonder's vision system.

    ::

              ___
         ____|   |____        a cross of two bars ``size`` long and ``width`` wide, centred on
        |____     ____|       the origin, on each of ``layers``: on WG it is registered to the
             |___|            waveguides (what the fibres align to), on M3 it is visible
                              through the passivation; the frame's four corners (L-shapes on
                              the top layer) give the bonder a rotation reference.

    Args:
        size: arm-to-arm length of the cross in um (20 to 1000).
        width: bar width in um (2 to size / 2, on a 2 nm step).
        layers: layers the cross is drawn on (WG, M1, M2, M3).
        with_frame: draw four corner L-marks around the cross on the last layer.
    """
    require_number("size", size, 20.0, 1000.0)
    require_number("width", width, 2.0, size / 2)
    RULES.require_even_width("size", size)
    RULES.require_even_width("width", width)
    require_flag("with_frame", with_frame)
    if not isinstance(layers, tuple | list) or not layers:
        raise ValueError(f"layers={layers!r} must name one or more of {', '.join(_MARK_LAYERS)}")
    for k, layer in enumerate(layers):
        require_choice(f"layers[{k}]", layer_name(layer_of(f"layers[{k}]", layer)), _MARK_LAYERS)
    c = gf.Component()
    for layer in layers:
        member = layer_of("layers", layer)
        cross = kdb.Region(kdb.Box(round(-size * 500), round(-width * 500), round(size * 500),
                                   round(width * 500)))  # fmt: skip
        cross += kdb.Region(kdb.Box(round(-width * 500), round(-size * 500), round(width * 500),
                                    round(size * 500)))  # fmt: skip
        for polygon in cross.merged().each():
            c.add_polygon([(p.x / 1000, p.y / 1000) for p in polygon.each_point_hull()], member)
    if with_frame:
        top = layer_of("layers", layers[-1])
        reach, arm = size / 2 + 2 * width, size / 4
        for sx in (-1, 1):
            for sy in (-1, 1):
                x0, y0 = sx * reach, sy * reach
                rect(c, top, min(x0, x0 - sx * arm), min(y0, y0 - sy * width),
                     max(x0, x0 - sx * arm), max(y0, y0 - sy * width))  # fmt: skip
                rect(c, top, min(x0, x0 - sx * width), min(y0, y0 - sy * arm),
                     max(x0, x0 - sx * width), max(y0, y0 - sy * arm))  # fmt: skip
    c.info["size"] = float(size)
    return c


_FONT = "+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_ "


@cell
def die_label(
    text: str = "LIGHTLANE",
    size: float = 5.0,
    layer: str = "M3",
    justify: str = "left",
) -> gf.Component:
    """A die label in a pixel font on a metal layer: readable on the die, no acute corners.

    ::

        ##  #  ### #   #   ...    each character 5 x 7 pixels of ``size`` um, Manhattan only,
        # # # #    ## ##          so it passes ANGLE.1 on a fab layer (the outline font of
                                  ``text`` does not; use that on TEXT for annotations)

    Args:
        text: the label, in capitals, digits, space and ``+-._`` (lower case is raised), up to
            200 characters.
        size: pixel size in um (at least the layer's width rule and its area rule, at most 100).
        layer: M1, M2 or M3.
        justify: ``left``, ``right`` or ``center`` about the origin.
    """
    if not isinstance(text, str) or not text or len(text) > 200:
        raise ValueError(f"text={text!r} must be 1 to 200 characters")
    bad = sorted({ch for ch in text.upper() if ch not in _FONT})
    if bad:
        raise ValueError(f"text={text!r} has characters the pixel font lacks: {''.join(bad)!r}")
    require_choice("layer", layer, ("M1", "M2", "M3"))
    require_choice("justify", justify, ("left", "right", "center"))
    require_number("size", size, 0.0, 100.0, open_low=True)
    RULES.require_width("size", size, layer)
    area = RULES.find("area", layer)
    if area is not None:
        RULES.require_at_least("size", size, area.id, f"{layer} pixel", minimum=area.value**0.5)
    drawn = gf.components.text_rectangular(
        text=text.upper(), size=size, justify=justify, layer=getattr(LAYER, layer)
    )
    c = gf.Component()
    c.add_ref(drawn)
    c.flatten()
    c.info["text"] = text.upper()
    return c


fibre_loopback = variant(
    fibre_array,
    __name__,
    "Two edge couplers at the fibre-array pitch joined by a waveguide loop: light sent into one "
    "fibre comes out of the other, so an active-alignment stage can peak the array on it.",
    n=2,
    coupler="edge",
)


# flattened: its coupling is the butt joint's physics, which none of its parts' models know
@device_cell
def laser_site(
    trench_size: tuple[float, float] = (400.0, 300.0),
    pedestal: float = 20.0,
    gap: float = 2.0,
    coupler_length: float = 200.0,
    tip_width: float = 0.18,
    with_pads: bool = True,
) -> gf.Component:
    """A site for a flip-chip III-V laser: a recess with pedestals, fiducials and a coupler.

    ::

           +  _______________________   +          + fiducials (alignment_mark) at the
             |  []             []   |               trench corners, on WG and M3
             |      laser die        |<gap> ==taper=== o1
             |  []             []   |  o2 (tip)     [] pedestals: unetched islands that set
           +  ‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾   +          the laser's height (active layer to Si core)
              [e1]  [e2]  wire-bond pads south of the trench for the laser's top contacts

    The DEEPTRENCH recess (cladding, BOX and into the substrate) is ``trench_size``; its east
    wall faces the inverse-taper coupler whose tip (port o2, facing the laser's facet) stands
    ``gap`` back from it (>= DEEPTRENCH.SEP.1). Light from the laser's facet crosses the gap
    into o2 and leaves at o1.

    Args:
        trench_size: (length along the light, width) of the recess in um (100 to 2000).
        pedestal: side of the four square pedestals in um (>= DEEPTRENCH space rule, <= 100).
        gap: from the trench wall to the coupler tip in um (>= DEEPTRENCH.SEP.1, <= 20).
        coupler_length: length of the inverse taper in um (up to 2000).
        tip_width: width of the coupler tip in um (>= WG.W.1, below the waveguide's).
        with_pads: draw two wire-bond pads for the laser's contacts south of the trench.
    """
    length, height = _pair("trench_size", trench_size, 0.0, 2000.0)
    for k, value in enumerate((length, height)):
        require_number(f"trench_size[{k}]", value, 100.0, 2000.0)
    require_number("pedestal", pedestal, 0.0, 100.0, open_low=True)
    RULES.require_even_width("pedestal", pedestal)
    RULES.require_at_least("pedestal", pedestal, "DEEPTRENCH.S.1", "pedestal side")
    require_number("gap", gap, 0.0, 20.0)
    require_on_grid("gap", gap)
    RULES.require_at_least("gap", gap, "DEEPTRENCH.SEP.1", "trench wall to coupler tip")
    require_flag("with_pads", with_pads)
    require_number("coupler_length", coupler_length, 0.0, 2000.0, open_low=True)
    require_on_grid("coupler_length", coupler_length)
    require_number("tip_width", tip_width, 0.0, 1.0, open_low=True)
    RULES.require_width("tip_width", tip_width, "WG")
    coupler = edge_coupler(length=coupler_length, tip_width=tip_width)
    c = gf.Component()
    inset = 2 * pedestal  # pedestal from the trench walls: clear of the laser's facet region
    trench = kdb.Region(kdb.Box(round(-length * 1000), round(-height * 500), 0,
                                round(height * 500)))  # fmt: skip
    for sx in (-length + inset, -inset):
        for sy in (-height / 2 + inset, height / 2 - inset):
            hole = box(pedestal, pedestal, sx, sy)
            trench -= kdb.Region(kdb.Polygon([kdb.Point(round(x * 1000), round(y * 1000))
                                              for x, y in hole]))  # fmt: skip
    for polygon in trench.merged().each():  # one polygon, the pedestals its holes
        c.add_polygon(polygon, layer=LAYER.DEEPTRENCH)
    ref = c << coupler
    ref.drotate(180)
    ref.dmove((gap + coupler_length, 0))
    c.add_port("o1", port=ref.ports["o1"])
    c.add_port("o2", port=ref.ports["o2"])
    mark = alignment_mark(size=40.0, width=4.0, with_frame=False)
    reach = 40.0 + 20.0  # mark centre beyond the trench corner
    for x in (-length - reach, reach):
        for y in (-height / 2 - reach, height / 2 + reach):
            c.add_ref(mark).dmove((x, y))
    if with_pads:
        bond = pad_wirebond()
        side = bond.info["size"]
        y = -height / 2 - reach - 40.0 / 2 - TECH.pad_clearance - side / 2
        for k, x in enumerate((-length / 2 - TECH.pad_pitch_wire_bond / 2,
                               -length / 2 + TECH.pad_pitch_wire_bond / 2)):  # fmt: skip
            pad_ref = c.add_ref(bond)
            pad_ref.dmove((x, y))
            c.add_port(f"e{k + 1}", port=pad_ref.ports["e4"])
        c.info["bond_landings"] = True  # the laser's wires land here, not the assembly's
    c.info["width"] = float(coupler.info["width"])
    c.info["coupler_geometry"] = {**dict(coupler.settings), **dict(coupler.info)}
    c.info["gap"] = float(gap)
    return c
