"""Die furniture under gdsfactory's names: text labels and the die frame.

A label and the outline draw on annotation layers (TEXT, FLOORPLAN, DICING), never sent to the
fab; the frame's facet trenches are DEEPTRENCH, a fab layer checked by its rules. The seal ring,
marks and other furniture are in :mod:`lightlane.components.die_furniture`.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import klayout.db as kdb

from lightlane.components._checks import DIE, cell, rect, require_choice, require_number
from lightlane.components.pads import box
from lightlane.pdk.layers import LAYER, LAYER_TABLE
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import layer_name, layer_of

__all__ = ["die_frame", "text"]

_ANNOTATION = tuple(d.name for d in LAYER_TABLE if not d.fab)
_TEXT_MAX = 1000  # characters: a label, not a document


def _annotation_layer(parameter: str, layer: Any) -> Any:
    member = layer_of(parameter, layer)
    require_choice(parameter, layer_name(member), _ANNOTATION)
    return member


@cell
def text(
    text: str = "abcd",
    size: float = 10.0,
    position: tuple[float, float] = (0.0, 0.0),
    justify: str = "left",
    layer: Any = "TEXT",
) -> gf.Component:
    """A text label drawn in polygons (gdsfactory's font) on an annotation layer.

    Args:
        text: the characters (printable, up to 1000).
        size: character height in um, (0, 1000].
        position: (x, y) of the text's anchor in um, within the die.
        justify: ``left``, ``right`` or ``center``.
        layer: an annotation layer (TEXT by default; the font's acute corners would break
            ANGLE.1 on a fab layer).
    """
    if not isinstance(text, str) or not text.isprintable() or len(text) > _TEXT_MAX:
        raise ValueError(f"text={text!r} must be printable characters, at most {_TEXT_MAX}")
    require_number("size", size, 0.0, 1000.0, open_low=True)
    if not isinstance(position, tuple | list) or len(position) != 2:
        raise ValueError(f"position={position!r} must be (x, y) in um")
    for k, value in enumerate(position):
        require_number(f"position[{k}]", value, -DIE, DIE)
    require_choice("justify", justify, ("left", "right", "center"))
    member = _annotation_layer("layer", layer)
    drawn = gf.components.text(
        text=text, size=size, position=tuple(position), justify=justify, layer=member
    )
    c = gf.Component()
    c.add_ref(drawn)
    c.flatten()
    c.info["text"] = text
    return c


# gdsfactory's die_frame names its cell alike: a prefix of its own keeps the two apart in a layout
@cell(basename="die_frame_outline")
def die_frame(
    size: tuple[float, float] = (11200.0, 5000.0),
    layer_floorplan: Any = "FLOORPLAN",
    street_width: float = 0.0,
    facets: str = "",
    trench_width: float = 30.0,
) -> gf.Component:
    """The frame of a die centred on the origin: outline, dicing lane and facet trenches.

    By default the outline alone (gdsfactory's ``die_frame``, which its die cells draw on);
    ``street_width`` adds the dicing lane, ``facets`` the etched facets.

    ::

          DICING (street_width, outside the outline: this die's half of the saw street)
         ______________________
        |                    |#|   # DEEPTRENCH along each facet side, trench_width wide:
        |     (0, 0)         |#|     the etched facet edge couplers face (their tips go
        |____________________|#|     ``info["facet_inset"]`` inside the outline)
               size[0]

    Args:
        size: (width, height) of the die in um, each up to the 33 mm reticle field.
        layer_floorplan: an annotation layer for the outline (FLOORPLAN).
        street_width: width in um of the dicing lane drawn outside the outline (0 for none,
            up to 500: saw streets are 50-150 um wide, shared by two dice).
        facets: the sides with an etched facet for edge couplers, any of ``N``, ``S``, ``E``,
            ``W`` ("" for none).
        trench_width: width in um of each facet trench (>= DEEPTRENCH.W.1, <= 500).
    """
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (width, height) in um")
    for k, value in enumerate(size):
        require_number(f"size[{k}]", value, 0.0, DIE, open_low=True)
        RULES.require_even_width(f"size[{k}]", value)
    member = _annotation_layer("layer_floorplan", layer_floorplan)
    require_number("street_width", street_width, 0.0, 500.0)
    RULES.require_even_width("street_width", street_width)
    if not isinstance(facets, str) or any(side not in "NSEW" for side in facets):
        raise ValueError(f"facets={facets!r} must be made of the sides N, S, E, W (or empty)")
    if len(set(facets)) != len(facets):
        raise ValueError(f"facets={facets!r} names a side twice")
    require_number("trench_width", trench_width, 0.0, 500.0, open_low=True)
    RULES.require_width("trench_width", trench_width, "DEEPTRENCH")
    w, h = size[0] / 2, size[1] / 2
    if facets and 2 * trench_width > min(size):
        raise ValueError(f"trench_width={trench_width:g} um leaves no die between the trenches")
    c = gf.Component()
    c.add_polygon(box(size[0], size[1]), layer=member)
    if street_width:
        sw = street_width
        for x0, y0, x1, y1 in (
            (-w - sw, h, w + sw, h + sw), (-w - sw, -h - sw, w + sw, -h),
            (w, -h, w + sw, h), (-w - sw, -h, -w, h),
        ):  # fmt: skip
            rect(c, LAYER.DICING, x0, y0, x1, y1)
    t = trench_width
    strips = {
        "E": (w - t, -h, w, h), "W": (-w, -h, -w + t, h),
        "N": (-w, h - t, w, h), "S": (-w, -h, w, -h + t),
    }  # fmt: skip
    trench = kdb.Region()
    for side in facets:
        x0, y0, x1, y1 = strips[side]
        trench += kdb.Region(kdb.Box(*(round(v * 1000) for v in (x0, y0, x1, y1))))
    for polygon in trench.merged().each():
        c.add_polygon(_points(polygon.each_point_hull()), layer=LAYER.DEEPTRENCH)
    c.info["size"] = (float(size[0]), float(size[1]))
    c.info["facet_inset"] = float(t + RULES["DEEPTRENCH.SEP.1"].value) if facets else 0.0
    return c


def _points(points) -> list[tuple[float, float]]:
    return [(p.x / 1000, p.y / 1000) for p in points]
