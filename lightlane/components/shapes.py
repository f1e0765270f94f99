"""gdsfactory's basic shapes under its names: rectangle, circle, C, cross and the pixel font.

gdsfactory's containers, test structures and arrays ask the PDK for these by name
(``add_frame`` for ``rectangle``, ``array_hexagonal`` for ``circle``, ``array_polar`` for ``C``,
``copy_layers`` for ``cross``, the CD-SEM structures for ``text_rectangular``). Each takes
gdsfactory's parameters, draws on a layer of this process (another layer is refused with one
line naming it) and refuses a feature below its layer's width rule before drawing. They carry
no light: their ports, where they have any, are electrical.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import gdsfactory as gf
import klayout.db as kdb
import numpy as np
from gdsfactory.components.texts.text_rectangular_font import rectangular_font

from lightlane.components._checks import (
    DIE,
    cell,
    layer_name,
    require_choice,
    require_flag,
    require_number,
    require_positive,
)
from lightlane.components.pads import box, edge_ports
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import layer_of

__all__ = ["C", "circle", "cross", "rectangle", "text_rectangular"]

_PORT_TYPES = ("electrical", None)
_NOT_OPTICAL = "a shape is not a waveguide (use straight or taper for light)"


def _port_type(port_type: Any) -> None:
    if port_type == "optical":
        raise ValueError(f"port_type='optical': {_NOT_OPTICAL}; use 'electrical' or None")
    require_choice("port_type", port_type, _PORT_TYPES)


def _size(size: Any) -> tuple[float, float]:
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (width, height) in um")
    for k, value in enumerate(size):
        require_positive(f"size[{k}]", value)
    return float(size[0]), float(size[1])


@cell
def rectangle(
    size: tuple[float, float] = (4.0, 2.0),
    layer: Any = "WG",
    centered: bool = False,
    port_type: str | None = "electrical",
    port_orientations: tuple[int, ...] | None = (180, 90, 0, -90),
) -> gf.Component:
    """A rectangle on one layer, with an electrical port on each edge asked for.

    ::

              e2
           ________
        e1|        |e3
          |________|
              e4

    Args:
        size: (width, height) in um, each at least the layer's width rule.
        layer: the layer.
        centered: True centres it on (0, 0); False puts its south-west corner there.
        port_type: ``electrical`` or None (no ports).
        port_orientations: the edges to put ports on (180, 90, 0, -90); None: none.
    """
    width, height = _size(size)
    drawn = layer_of("layer", layer)
    name = layer_name(drawn)
    RULES.require_width("size[0]", width, name)
    RULES.require_width("size[1]", height, name)
    require_flag("centered", centered)
    _port_type(port_type)
    for k, orientation in enumerate(port_orientations or ()):
        require_choice(f"port_orientations[{k}]", orientation, (180, 90, 0, -90, 270))
    c = gf.Component()
    inner = gf.Component()
    inner.add_polygon(box(width, height), layer=drawn)
    if port_type and port_orientations:
        edge_ports(inner, width, height, name, orientations=tuple(port_orientations))
    ref = c << inner
    if not centered:
        ref.dmove((width / 2, height / 2))
    c.add_ports(ref.ports)
    c.flatten()
    return c


@cell
def circle(radius: float = 10.0, angle_resolution: float = 2.5, layer: Any = "WG") -> gf.Component:
    """A disc of ``radius`` on one layer, a polygon of one vertex per ``angle_resolution``.

    Args:
        radius: radius in um (a diameter at least the layer's width rule).
        angle_resolution: degrees per vertex, in (0, 10].
        layer: the layer.
    """
    require_positive("radius", radius, high=DIE / 2)
    require_number("angle_resolution", angle_resolution, 0.0, 10.0, "deg", open_low=True)
    drawn = layer_of("layer", layer)
    RULES.require_at_least(
        "radius", 2 * radius, None, f"{layer_name(drawn)} width (as a diameter)",
        minimum=RULES.min_width(layer_name(drawn)),
    )  # fmt: skip
    count = round(360.0 / angle_resolution)
    theta = np.linspace(0.0, 2 * math.pi, count, endpoint=False)
    c = gf.Component()
    c.add_polygon(np.stack((radius * np.cos(theta), radius * np.sin(theta)), axis=-1), layer=drawn)
    return c


@cell
def C(
    width: float = 1.0,
    size: tuple[float, float] = (10.0, 20.0),
    layer: Any = "WG",
    port_type: str = "electrical",
) -> gf.Component:
    """A C of a ``width`` line: a base ``size[1]`` tall with two arms ``size[0]`` long.

    ::

         ______ e1
        |
        |
        |______ e2

    Args:
        width: line width in um (>= the layer's width rule).
        size: (arm length, height) in um between the line centres.
        layer: the layer.
        port_type: ``electrical`` (ports e1, e2 at the arms' ends).
    """
    s1, s2 = _size(size)
    require_positive("width", width)
    drawn = layer_of("layer", layer)
    name = layer_name(drawn)
    RULES.require_width("width", width, name)
    RULES.require_at_least(
        "size[1]", s2 - width, f"{name}.S.1", f"{name} space between the arms",
        minimum=RULES.min_space(name),
    )  # fmt: skip
    require_choice("port_type", port_type, ("electrical",))
    w = width / 2
    c = gf.Component()
    points = [(-w, -w), (s1, -w), (s1, w), (w, w), (w, s2 - w), (s1, s2 - w), (s1, s2 + w)]
    c.add_polygon([*points, (-w, s2 + w)], layer=drawn)
    for port, y in (("e1", s2), ("e2", 0.0)):
        c.add_port(
            port, center=(s1, y), width=width, orientation=0, layer=drawn, port_type=port_type
        )
    return c


@cell
def cross(
    length: float = 10.0, width: float = 3.0, layer: Any = "WG", port_type: str | None = None
) -> gf.Component:
    """A cross of two ``length`` by ``width`` bars, centred on (0, 0).

    Args:
        length: bar length in um (> ``width``).
        width: bar width in um (>= the layer's width rule).
        layer: the layer.
        port_type: None (no ports) or ``electrical`` (e1 east, e2 west).
    """
    require_positive("length", length)
    require_positive("width", width)
    drawn = layer_of("layer", layer)
    RULES.require_width("width", width, layer_name(drawn))
    if not length > width:
        raise ValueError(f"length={length:g} um must exceed width={width:g} um for a cross")
    _port_type(port_type)
    c = gf.Component()
    region = kdb.Region()
    for w, h in ((length, width), (width, length)):
        dw, dh = round(w / 2 / c.kcl.dbu), round(h / 2 / c.kcl.dbu)
        region.insert(kdb.Box(-dw, -dh, dw, dh))
    c.add_polygon(region.merged(), layer=drawn)
    if port_type:
        for port, x, orientation in (("e1", length / 2, 0), ("e2", -length / 2, 180)):
            c.add_port(
                port,
                center=(x, 0),
                width=width,
                orientation=orientation,
                layer=drawn,
                port_type=port_type,
            )
    return c


@cell
def text_rectangular(
    text: str = "abcd",
    size: float = 10.0,
    position: tuple[float, float] = (0.0, 0.0),
    justify: str = "left",
    layer: Any = "WG",
    layers: tuple[Any, ...] | None = None,
    font: Callable[..., dict[str, str]] = rectangular_font,
) -> gf.Component:
    """gdsfactory's pixel font: Manhattan letters of ``size`` pixels, drawable on any layer.

    Unknown characters are refused (gdsfactory skips them silently).

    Args:
        text: the text (lines split by newlines).
        size: pixel size in um (>= every layer's width and space rules).
        position: where the text starts in um.
        justify: ``left``, ``right`` or ``center``.
        layer: the layer (when ``layers`` is None).
        layers: several layers to draw the same text on.
        font: a function returning the characters' pixel strings.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"text={text!r} must be a non-empty string")
    require_positive("size", size, high=1000.0)
    require_choice("justify", justify, ("left", "right", "center"))
    drawn = [layer_of("layer", one) for one in (layers or (layer,))]
    for one in drawn:
        name = layer_name(one)
        RULES.require_width("size", size, name)
        RULES.require_at_least(
            "size", size, f"{name}.S.1", f"{name} space", minimum=RULES.min_space(name)
        )
    characters = font()
    unknown = sorted(
        {ch for ch in text.replace("\n", "") if ch != " " and ch.upper() not in characters}
    )
    if unknown:
        raise ValueError(f"text={text!r} has characters the font lacks: {unknown}")
    pitch = (len(characters["A"].split("\n")[0]) + 1) * size
    dbu = gf.kcl.dbu
    region = kdb.Region()
    for row, line in enumerate(text.split("\n")):
        for column, ch in enumerate(line):
            if ch == " ":
                continue
            rows = [r for r in characters[ch.upper()].split("\n") if r][::-1]
            for j, pixels in enumerate(rows):
                for i, pixel in enumerate(pixels):
                    if pixel in ("X", "1"):
                        x0, y0 = column * pitch + i * size, -row * pitch + j * size
                        region.insert(
                            kdb.Box(
                                round(x0 / dbu),
                                round(y0 / dbu),
                                round((x0 + size) / dbu),
                                round((y0 + size) / dbu),
                            )
                        )
    region.merge()
    box_ = region.bbox()
    shift = {"left": -box_.left, "right": -box_.right, "center": -box_.center().x}[justify]
    region.move(shift + round(position[0] / dbu), round(position[1] / dbu))
    c = gf.Component()
    for one in drawn:
        c.add_polygon(region, layer=one)
    c.info["text"] = text
    return c
