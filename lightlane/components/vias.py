"""Via stacks: how silicon, germanium contacts and the heater reach the metals, and metal M1 to M3.

A stack is a box of the same size on every layer of ``layers`` (bottom first) with the process's
via array between each consecutive pair: VIAC from an implant, germanium contact or the heater
to M1, VIA1 from M1 to M2, VIA2 from M2 to M3. The parameters are gdsfactory's
(``gf.components.via_stack``), so its cells and containers draw with it. Every size is checked
against :data:`lightlane.pdk.rules.RULES` before anything is drawn.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf

from lightlane.components._checks import (
    DIE,
    cell,
    require_choice,
    require_flag,
    require_number,
    require_on_grid,
    variant,
)
from lightlane.components.pads import box, edge_ports
from lightlane.pdk.layers import LAYER, LAYER_ALIASES
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import layer_of

__all__ = [
    "VIA_BOTTOM_LAYERS",
    "contact_layers",
    "via",
    "via1",
    "via2",
    "via_stack",
    "via_stack_heater_mtop",
    "viac",
]

VIA_BOTTOM_LAYERS = ("NPP", "PPP", "GEN", "GEP", "HEATER")
"""Layers a stack may start from below M1: contact implants, germanium contacts, the heater."""
_METALS = ("M1", "M2", "M3")
_SILICON_UNDER = {"NPP": "SLAB90", "PPP": "SLAB90"}  # an implant contact needs silicon under it
_ORIENTATIONS = (180, 90, 0, -90, 270)


def _via(lower: str, upper: str) -> tuple[str, float, float]:
    """The process via joining ``lower`` to ``upper``: (layer, drawn size um, inset um)."""
    if lower in VIA_BOTTOM_LAYERS and upper == "M1":
        inset = max(RULES["VIAC.EN.1"].value, RULES["VIAC.EN.2"].value)
        return "VIAC", TECH.contact_size, inset
    if (lower, upper) == ("M1", "M2"):
        return "VIA1", 1.0, max(RULES["VIA1.EN.1"].value, RULES["VIA1.EN.2"].value)
    if (lower, upper) == ("M2", "M3"):
        return "VIA2", 1.0, max(RULES["VIA2.EN.1"].value, RULES["VIA2.EN.2"].value)
    raise ValueError(
        f"layers: {lower} does not reach {upper} through one via in this process "
        f"(VIAC: {'/'.join(VIA_BOTTOM_LAYERS)} to M1, VIA1: M1 to M2, VIA2: M2 to M3); "
        f"list every layer between them"
    )


def contact_layers(bottom: str, top: str = "M2") -> tuple[str, ...]:
    """The layers from ``bottom`` (an implant, GEN/GEP, HEATER or a metal) up to ``top``."""
    start = 0 if bottom not in _METALS else _METALS.index(bottom)
    metals = _METALS[start : _METALS.index(top) + 1]
    return metals if bottom in _METALS else (bottom, *metals)


def _via_grid(c: gf.Component, layer: Any, size: float, width: float, height: float, inset):
    """Square vias of ``size`` at pitch 2*size filling a centred box shrunk by ``inset``."""
    pitch = 2 * size
    nx = max(1, math.floor((width - 2 * inset - size) / pitch + 1e-9) + 1)
    ny = max(1, math.floor((height - 2 * inset - size) / pitch + 1e-9) + 1)
    x0, y0 = -(nx - 1) * pitch / 2, -(ny - 1) * pitch / 2
    for i in range(nx):
        for j in range(ny):
            c.add_polygon(box(size, size, x0 + i * pitch, y0 + j * pitch), layer=layer)


def _stack_plan(layers: tuple, vias: Any) -> list[tuple[str, float, float]]:
    """The vias to draw (layer, size, inset), checking the layers and gdsfactory's ``vias``."""
    names = [LAYER_ALIASES.get(str(layer), str(layer)) for layer in layers]
    if not names or len(set(names)) != len(names):
        raise ValueError(f"layers={tuple(layers)!r} must list distinct layers, bottom first")
    require_choice("layers[0]", names[0], (*VIA_BOTTOM_LAYERS, *_METALS))
    for k, name in enumerate(names[1:], start=1):
        require_choice(f"layers[{k}]", name, _METALS)
    pairs = list(zip(names, names[1:], strict=False))
    if vias is not None and len(vias) != len(pairs):
        raise ValueError(f"vias has {len(vias)} entries: give one per layer pair ({len(pairs)})")
    plan = []
    for k, (lower, upper) in enumerate(pairs):
        layer, size, inset = _via(lower, upper)
        if vias is not None and vias[k] is None:
            continue  # gdsfactory's None: the two layers stacked without a via
        if vias is not None:
            require_choice(f"vias[{k}]", vias[k], (layer.lower(),))
        plan.append((layer, size, inset))
    return plan


@cell
def via_stack(
    size: tuple[float, float] = (10.0, 10.0),
    layers: tuple[str, ...] = ("PPP", "M1", "M2"),
    layer_offsets: tuple[float, ...] | None = None,
    vias: tuple[str | None, ...] | None = None,
    layer_to_port_orientations: dict[str, list[int]] | None = None,
    correct_size: bool = False,
    slot_horizontal: bool = False,
    slot_vertical: bool = False,
    port_orientations: tuple[int, ...] | None = (180, 90, 0, -90),
) -> gf.Component:
    """A contact up through ``layers``, filled with the process's contact and via arrays.

    ::

            e2
         _______
        |  ...  |
     e1 |  ...  | e3      every layer is a box of ``size`` (grown by its ``layer_offsets``); the
        |_______|         vias sit inside by their enclosure rules (VIAC.EN.*, VIA1.EN.*, VIA2.EN.*)
            e4

    An implant contact (NPP, PPP) also draws the 90 nm silicon slab under it; GEN/GEP expect the
    germanium of a photodiode under them and HEATER is the TiN itself.

    Args:
        size: (width, height) of the stack in um, on the grid, up to the die size.
        layers: the layers bottom first: an implant, GEN, GEP, HEATER or M1, then metals up to
            M3 (MTOP), each reached from the one below through one via.
        layer_offsets: growth in um of each layer's box beyond ``size`` (0 to 100).
        vias: gdsfactory's via of each layer pair: None draws none, else the pair's via
            (``viac``, ``via1``, ``via2``); None for the whole tuple draws every via.
        layer_to_port_orientations: further edge ports: layer -> orientations in degrees.
        correct_size: grow a too small ``size`` to the smallest legal one instead of refusing.
        slot_horizontal: gdsfactory's slotted vias; not in this process (refused).
        slot_vertical: gdsfactory's slotted vias; not in this process (refused).
        port_orientations: the top layer's edge ports (of 180, 90, 0, -90).
    """
    for name, value in (("correct_size", correct_size), ("slot_horizontal", slot_horizontal),
                        ("slot_vertical", slot_vertical)):  # fmt: skip
        require_flag(name, value)
        if name.startswith("slot") and value:
            raise ValueError(f"{name}=True: slotted vias are not in this process; use False")
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (width, height) in um")
    plan = _stack_plan(tuple(layers), vias)
    names = [LAYER_ALIASES.get(str(layer), str(layer)) for layer in layers]
    offsets = tuple(layer_offsets or (0.0,) * len(names))
    if len(offsets) != len(names):
        raise ValueError(f"layer_offsets has {len(offsets)} entries: give one per layer")
    for k, offset in enumerate(offsets):
        require_number(f"layer_offsets[{k}]", offset, 0.0, 100.0)
        require_on_grid(f"layer_offsets[{k}]", offset)
    drawn = names + [_SILICON_UNDER[names[0]]] if names[0] in _SILICON_UNDER else names
    smallest = max(RULES.min_width(layer) for layer in drawn)
    smallest = max([smallest] + [s + 2 * inset for _, s, inset in plan])
    width, height = size
    for k, value in enumerate((width, height)):
        require_number(f"size[{k}]", value, 0.0, DIE, open_low=True)
        require_on_grid(f"size[{k}]", value)
        if correct_size:
            continue
        RULES.require_at_least(f"size[{k}]", value, None, "via stack side", minimum=smallest)
    if correct_size:
        width, height = max(width, smallest), max(height, smallest)
    c = gf.Component()
    grow = dict(zip(names, offsets, strict=True))
    for layer in drawn:
        g = grow.get(layer, 0.0)
        c.add_polygon(box(width + 2 * g, height + 2 * g), layer=getattr(LAYER, layer))
    for layer, via_size, inset in plan:
        _via_grid(c, getattr(LAYER, layer), via_size, width, height, inset)
    c.info["layers"] = list(names)
    c.info["size"] = (float(width), float(height))
    _stack_ports(c, width, height, names, port_orientations, layer_to_port_orientations)
    return c


def _stack_ports(c, width, height, names, port_orientations, layer_to_port_orientations) -> None:
    """Edge ports e1.. on the top layer (``port_orientations``), then on further layers."""
    requested = [(names[-1], port_orientations or ())]
    requested += list((layer_to_port_orientations or {}).items())
    first = 1
    for layer, orientations in requested:
        for k, angle in enumerate(orientations):
            require_choice(f"port orientation [{k}]", angle, _ORIENTATIONS)
        name = LAYER_ALIASES.get(str(layer), str(layer))
        require_choice("layer_to_port_orientations layer", name, tuple(names))
        first = edge_ports(c, width, height, name, first, tuple(orientations))


via_stack_heater_mtop = variant(
    via_stack,
    __name__,
    "gdsfactory's heater contact to the top metal: HEATER, VIAC, M1, VIA1, M2, VIA2, M3.",
    size=(10.0, 10.0),
    layers=("HEATER", "M1", "M2", "M3"),
)


@cell
def via(
    size: tuple[float, float] = (1.0, 1.0),
    enclosure: float = 0.5,
    layer: str = "VIAC",
    bbox_layers: tuple[str, ...] | None = None,
    bbox_offset: float = 0.5,
    bbox_offsets: tuple[float, ...] | None = None,
    pitch: float = 2.0,
    column_pitch: float | None = None,
    row_pitch: float | None = None,
) -> gf.Component:
    """One via (gdsfactory's), with the metals it joins drawn around it so it is whole alone.

    gdsfactory's via stacks array it by ``info`` (``xsize``, ``ysize``, ``enclosure``,
    ``column_pitch``, ``row_pitch``). ``bbox_layers`` default to the layers the via joins (VIAC:
    N++ and M1; VIA1: M1 and M2; VIA2: M2 and M3), grown ``bbox_offset`` beyond the via, large
    enough for their width and area rules.

    Args:
        size: (width, height) of the via in um, at least its width rule, at most 10.
        enclosure: metal beyond the via in um when a stack arrays it (>= its enclosure rules).
        layer: VIAC, VIA1 or VIA2.
        bbox_layers: layers drawn around the via; None: the two it joins.
        bbox_offset: their growth beyond the via in um (0 to 10).
        bbox_offsets: one growth per bbox layer instead.
        pitch: via pitch in a stack's array in um (size + the via space rule to 100).
        column_pitch: pitch along x; None takes ``pitch``.
        row_pitch: pitch along y; None takes ``pitch``.
    """
    require_choice("layer", layer, tuple(_JOINS))
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (width, height) in um")
    for k, value in enumerate(size):
        require_number(f"size[{k}]", value, 0.0, 10.0, open_low=True)
        RULES.require_width(f"size[{k}]", value, layer)
    require_number("enclosure", enclosure, 0.0, 10.0)
    for rule in (r for r in RULES.of_kind("enclosure") if r.layer == layer):
        RULES.require_at_least("enclosure", enclosure, rule.id, f"{layer} enclosure")
    layers = tuple(bbox_layers) if bbox_layers is not None else _JOINS[layer]
    offsets = tuple(bbox_offsets) if bbox_offsets is not None else (bbox_offset,) * len(layers)
    if len(offsets) != len(layers):
        raise ValueError(f"bbox_offsets has {len(offsets)} entries: give one per bbox layer")
    pitches = {
        "pitch": pitch,
        "column_pitch": column_pitch or pitch,
        "row_pitch": row_pitch or pitch,
    }
    for name, value in pitches.items():
        require_number(name, value, 0.0, 100.0, open_low=True)
        RULES.require_at_least(
            name, value, f"{layer}.S.1", f"{layer} pitch (size + space)",
            minimum=max(size) + RULES.min_space(layer),
        )  # fmt: skip
    for k, (bbox_layer, offset) in enumerate(zip(layers, offsets, strict=True)):
        _check_bbox(k, layer_of(f"bbox_layers[{k}]", bbox_layer).name, offset, size, layer)
    c = gf.Component()
    c.add_polygon(box(*size), layer=getattr(LAYER, layer))
    for bbox_layer, offset in zip(layers, offsets, strict=True):
        c.add_polygon(
            box(size[0] + 2 * offset, size[1] + 2 * offset), layer=layer_of("", bbox_layer)
        )
    c.info["xsize"], c.info["ysize"] = float(size[0]), float(size[1])
    c.info["enclosure"] = float(enclosure)
    c.info["column_pitch"] = float(pitches["column_pitch"])
    c.info["row_pitch"] = float(pitches["row_pitch"])
    return c


def _check_bbox(k: int, name: str, offset: float, size: tuple, via_layer: str) -> None:
    """A box of ``name`` around the via: it encloses the via by its rules and is at least its
    layer's width and area."""
    parameter = f"bbox_offsets[{k}]"
    require_number(parameter, offset, 0.0, 10.0)
    for rule in RULES.of_kind("enclosure"):
        if rule.layer == via_layer and name in rule.other:
            RULES.require_at_least(parameter, offset, rule.id, f"{name} enclosure of {via_layer}")
    short, long = sorted(value + 2 * offset for value in size)
    area = RULES.find("area", name)
    need = max(RULES.min_width(name), area.value / long if area else 0.0)
    RULES.require_at_least(
        parameter, offset, None, f"{name} box (width, area)", minimum=offset + (need - short) / 2
    )


_JOINS = {"VIAC": ("NPP", "M1"), "VIA1": ("M1", "M2"), "VIA2": ("M2", "M3")}

viac = variant(
    via,
    __name__,
    "gdsfactory's contact: a VIAC from N++ to M1.",
    size=(TECH.contact_size, TECH.contact_size),
    layer="VIAC",
    pitch=1.0,
)
via1 = variant(via, __name__, "gdsfactory's via from M1 to M2.", layer="VIA1")
via2 = variant(via, __name__, "gdsfactory's via from M2 to M3.", layer="VIA2")
