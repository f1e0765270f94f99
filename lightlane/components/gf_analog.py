"""gdsfactory's interdigital capacitor under its name (``resonator_lumped`` asks for it).

Two combs of ``fingers`` interleaved fingers on one metal (Zhu et al., IEEE Trans. Microw.
Theory Techn. 48(3), 347, 2000); here on M2 by default, every finger and gap
checked against the layer's width and space rules before drawing.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf
import klayout.db as kdb

from lightlane.components._checks import cell, layer_name, require_count, require_number
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import layer_of

__all__ = ["interdigital_capacitor"]


@cell
def interdigital_capacitor(
    fingers: int = 4,
    finger_length: float = 20.0,
    finger_gap: float = 2.0,
    thickness: float = 5.0,
    layer: Any = "M2",
) -> gf.Component:
    """An interdigital capacitor: two bars ``thickness`` wide joined by interleaved fingers.

    ::

          ______________
        e1|_________    |e2     fingers alternate from the left and the right bar,
          |    _________|       finger_gap apart (and from the opposite bar)
          |_________    |
          |_____________|

    Args:
        fingers: number of fingers, 1 to 1000.
        finger_length: finger length in um (0 gives a parallel-plate gap).
        finger_gap: gap between fingers (and finger tip to bar) in um (>= the space rule).
        thickness: finger and bar width in um (>= the width rule).
        layer: the metal.
    """
    require_count("fingers", fingers, 1, 1000)
    require_number("finger_length", finger_length, 0.0, 1000.0)
    require_number("thickness", thickness, 0.0, 1000.0, open_low=True)
    require_number("finger_gap", finger_gap, 0.0, 1000.0, open_low=True)
    drawn = layer_of("layer", layer)
    name = layer_name(drawn)
    RULES.require_width("thickness", thickness, name)
    RULES.require_at_least(
        "finger_gap", finger_gap, f"{name}.S.1" if RULES.find("space", name) else None,
        f"{name} space", minimum=RULES.min_space(name),
    )  # fmt: skip
    width = 2 * thickness + finger_length + finger_gap
    height = fingers * thickness + (fingers - 1) * finger_gap
    step = thickness + finger_gap
    left = [(0.0, 0.0, thickness, height)]
    left += [(thickness, height - 2 * i * step - thickness, thickness + finger_length,
              height - 2 * i * step) for i in range(math.ceil(fingers / 2))]  # fmt: skip
    right = [(width - thickness, 0.0, width, height)]
    right += [(width - thickness - finger_length, height - (1 + 2 * i) * step - thickness,
               width - thickness, height - (1 + 2 * i) * step)
              for i in range(math.floor(fingers / 2))]  # fmt: skip
    c = gf.Component()
    dbu = c.kcl.dbu
    for boxes in (left, right):
        comb = kdb.Region()
        for x0, y0, x1, y1 in boxes:
            comb.insert(kdb.Box(*(round(v / dbu) for v in (x0, y0, x1, y1))))
        c.add_polygon(comb.merged(), layer=drawn)
    for port, x, orientation in (("e1", 0.0, 180), ("e2", width, 0)):
        c.add_port(
            port,
            center=(x, height / 2),
            width=height,
            orientation=orientation,
            layer=drawn,
            port_type="electrical",
        )
    return c
