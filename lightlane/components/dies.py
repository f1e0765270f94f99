"""Die furniture under gdsfactory's names: text labels and a basic die frame.

Both draw on annotation layers only (TEXT, FLOORPLAN, DICING), never sent to the fab as
silicon or metal, so they need no design rule. A full die frame with its dicing lane and
alignment marks builds on :func:`die_frame`.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf

from lightlane.components._checks import DIE, cell, require_choice, require_number
from lightlane.pdk.layers import LAYER_TABLE
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
) -> gf.Component:
    """The outline of a die: its floorplan box, centred on the origin.

    ::

         ____________________
        |                    |
        |     (0, 0)         |  size[1]
        |____________________|
               size[0]

    Args:
        size: (width, height) of the die in um, each up to the 33 mm reticle field.
        layer_floorplan: an annotation layer for the outline (FLOORPLAN).
    """
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (width, height) in um")
    for k, value in enumerate(size):
        require_number(f"size[{k}]", value, 0.0, DIE, open_low=True)
    member = _annotation_layer("layer_floorplan", layer_floorplan)
    w, h = size[0] / 2, size[1] / 2
    c = gf.Component()
    c.add_polygon([(-w, -h), (w, -h), (w, h), (-w, h)], layer=member)
    c.info["size"] = (float(size[0]), float(size[1]))
    return c
