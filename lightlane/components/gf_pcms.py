"""gdsfactory's process-control monitors under its names: the Greek cross and the CD-SEM lines.

``greek_cross`` is the Van der Pauw sheet-resistance and line-width monitor (Versnel,
Solid-State Electronics 22(11), 911, 1979): a cross of the layers to measure with a contact at
the end of each arm. gdsfactory's ``greek_cross_with_pads`` asks the PDK for it by name.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

import gdsfactory as gf

from lightlane.components._checks import cell, require_count, require_number
from lightlane.components.shapes import cross

__all__ = ["cdsem_bend180", "cdsem_straight", "cdsem_straight_density", "greek_cross"]


@cell
def greek_cross(
    length: float = 30.0,
    layers: tuple[Any, ...] = ("SLAB90", "N"),
    widths: tuple[float, ...] = (2.0, 3.0),
    offsets: tuple[float, ...] | None = None,
    via_stack: Any = "via_stack_npp_m1",
    layer_index: int = 0,
) -> gf.Component:
    """A cross of ``layers`` with a contact (``via_stack``) on each of its four arm ends.

    ::

                 e2
                [  ]
                 ||
        e1 [  ]==++==[  ] e3
                 ||
                [  ]
                 e4

    The default measures the N implant's sheet resistance in the 90 nm slab, contacted through
    N++ (a full-thickness WG cross would put the contact implant against the core, rule
    NPP.SEP.1).

    Args:
        length: arm tip to arm tip in um.
        layers: the cross's layers (one cross each).
        widths: arm width of each layer in um (>= its width rule).
        offsets: how far each layer's arms reach beyond ``length / 2`` in um; None: 0.
        via_stack: the contact at each arm end of layer ``layer_index``.
        layer_index: the layer the contacts land on.
    """
    if len(layers) != len(widths) or not layers:
        raise ValueError(
            f"layers has {len(layers)} entries and widths {len(widths)}: give one width per layer"
        )
    offsets = tuple(offsets) if offsets is not None else (0.0,) * len(layers)
    if len(offsets) != len(layers):
        raise ValueError(f"offsets has {len(offsets)} entries: give one per layer")
    require_count("layer_index", layer_index, 0, len(layers) - 1)
    require_number("length", length, 0.0, 1000.0, open_low=True)
    for k, offset in enumerate(offsets):
        require_number(f"offsets[{k}]", offset, -length / 4, 1000.0)
    c = gf.Component()
    arms = None
    for k, (layer, width, offset) in enumerate(zip(layers, widths, offsets, strict=True)):
        ref = c << cross(length=length + 2 * offset, width=width, layer=layer)
        if k == layer_index:
            arms = (length / 2 + offset, width)
    reach, width = arms
    contact = gf.get_component(via_stack)
    side = contact.dxsize
    for name, (x, y), angle in (("e1", (-1, 0), 180), ("e2", (0, 1), 90), ("e3", (1, 0), 0),
                                ("e4", (0, -1), 270)):  # fmt: skip
        ref = c << contact
        ref.dmove((x * (reach + side / 2 - width / 2), y * (reach + side / 2 - width / 2)))
        outer = {180: "e1", 90: "e2", 0: "e3", 270: "e4"}[angle]
        c.add_port(name, port=ref.ports[outer])
    c.flatten()
    c.info["length"] = float(length)
    return c


def _gdsfactory_pcm(name: str, doc: str) -> Any:
    """gdsfactory's portless test structure ``name``, drawn by gdsfactory's own code with this
    PDK's cells and cross-sections (each refuses what breaks a rule), under a cell name of its
    own (``<name>_pcm``) so that gdsfactory's cell of the same settings never shares it."""
    raw = getattr(gf.components, name).__wrapped__
    signature = inspect.signature(raw)

    @functools.wraps(raw)
    def drawn(*args: Any, **kwargs: Any) -> gf.Component:
        bound = signature.bind(*args, **kwargs)
        for key, value in bound.arguments.items():
            default = signature.parameters[key].default
            if isinstance(default, float | int) and not isinstance(default, bool):
                require_number(key, value, 0.0, 1000.0, open_low=True)
        inner = raw(**bound.arguments)
        if len(inner.ports):
            raise ValueError(f"{name} has ports: it is not a portless test structure")
        c = gf.Component()
        c.add_ref(inner)
        c.flatten()
        return c

    drawn.__doc__ = doc
    drawn.__module__ = __name__
    drawn.__signature__ = signature  # type: ignore[attr-defined]
    return cell(basename=f"{name}_pcm")(drawn)


cdsem_straight = _gdsfactory_pcm(
    "cdsem_straight",
    "gdsfactory's CD-SEM line-width monitor: straights of each of ``widths``, each labelled.",
)
"""gdsfactory's CD-SEM line-width monitor on lightlane's layers (portless)."""
cdsem_straight_density = _gdsfactory_pcm(
    "cdsem_straight_density",
    "gdsfactory's CD-SEM density monitor: a grating of lines of ``widths`` and ``gaps``.",
)
"""gdsfactory's CD-SEM density monitor on lightlane's layers (portless)."""
cdsem_bend180 = _gdsfactory_pcm(
    "cdsem_bend180",
    "gdsfactory's CD-SEM bend monitor: a U-turn of ``width`` between two straights, labelled.",
)
"""gdsfactory's CD-SEM bend monitor on lightlane's layers (portless)."""
