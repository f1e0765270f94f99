"""gdsfactory's die (``die``): a die outline with dicing-street marks and its name.

gdsfactory's ``wafer`` places it by name. The drawing is gdsfactory's own (its street marks and
label placement); every layer is an annotation layer of this process (FLOORPLAN, TEXT, DICING...),
never fab silicon or metal, and the label is lightlane's ``text`` on TEXT by default (gdsfactory
writes it on WG, which here would print the font's acute corners in silicon, rule ANGLE.1).
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf

from lightlane.components._checks import DIE, cell, require_choice, require_flag, require_number
from lightlane.components.dies import _annotation_layer

__all__ = ["die"]

_gdsfactory_die = gf.components.die.__wrapped__  # gdsfactory's drawing, without its cache
_LOCATIONS = ("N", "NE", "NW", "S", "SE", "SW")


@cell(basename="die_with_streets")
def die(
    size: tuple[float, float] = (10000.0, 10000.0),
    street_width: float = 100.0,
    street_length: float = 1000.0,
    die_name: str | None = "chip99",
    text_size: float = 100.0,
    text_location: Any = "SW",
    layer: Any = "FLOORPLAN",
    bbox_layer: Any = "FLOORPLAN",
    text_layer: Any = "TEXT",
    text: Any = "text",
    draw_corners: bool = False,
) -> gf.Component:
    """A die of ``size`` with L-shaped dicing-street marks at its corners and its name.

    Args:
        size: (width, height) of the die in um, up to the 33 mm reticle field.
        street_width: width of the street marks in um.
        street_length: length of each mark's arms in um (<= half the die's side).
        die_name: the label; None: none.
        text_size: label height in um.
        text_location: N, NE, NW, S, SE, SW or an (x, y) in um.
        layer: annotation layer of the street marks; None: none.
        bbox_layer: annotation layer of the die's box; None: none.
        text_layer: annotation layer of the label.
        text: the text cell (``text``: lightlane's).
        draw_corners: True draws the corner marks only, False the full street frame.
    """
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (width, height) in um")
    for k, value in enumerate(size):
        require_number(f"size[{k}]", value, 0.0, DIE, open_low=True)
    require_number("street_width", street_width, 0.0, min(size) / 2, open_low=True)
    require_number("street_length", street_length, street_width, min(size) / 2)
    require_number("text_size", text_size, 0.0, 1000.0, open_low=True)
    require_flag("draw_corners", draw_corners)
    if isinstance(text_location, str):
        require_choice("text_location", text_location.upper(), _LOCATIONS)
    elif not isinstance(text_location, tuple | list) or len(text_location) != 2:
        raise ValueError(f"text_location={text_location!r} must be one of {_LOCATIONS} or (x, y)")
    for name, value in (("layer", layer), ("bbox_layer", bbox_layer), ("text_layer", text_layer)):
        if value is not None:
            _annotation_layer(name, value)
    drawn = _gdsfactory_die(
        size=tuple(size),
        street_width=street_width,
        street_length=street_length,
        die_name=die_name,
        text_size=text_size,
        text_location=text_location,
        layer=layer,
        bbox_layer=bbox_layer,
        text_layer=text_layer,
        text=text,
        draw_corners=draw_corners,
    )
    c = gf.Component()
    c.add_ref(drawn)
    c.flatten()
    c.info["size"] = (float(size[0]), float(size[1]))
    return c
