"""Checked cross-section building: every section on a layer of the process and at least its
minimum width, every routing radius at least its bend rule (:data:`RULES`)."""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
from gdsfactory.cross_section import CrossSection

from lightlane.pdk.layers import LAYER, LAYER_ALIASES, LAYER_TABLE, MissingLayer
from lightlane.pdk.rules import RULES

__all__ = [
    "ELECTRICAL",
    "OPTICAL",
    "SEEN",
    "checked",
    "cross_section",
    "layer_name",
    "layer_of",
    "remember",
]

SEEN: dict[str, CrossSection] = {}
"""Every cross-section made or handed to a cell in this process, by name: gdsfactory records a
modified cross-section in a cell's settings by a hash name (``xs_ced4e74f``) no table holds."""


def remember(xs: CrossSection) -> CrossSection:
    """Record ``xs`` under its name (the first one of a name stays) and return it."""
    SEEN.setdefault(xs.name, xs)
    return xs


OPTICAL = {"port_names": ("o1", "o2"), "port_types": ("optical", "optical")}
ELECTRICAL = {"port_names": ("e1", "e2"), "port_types": ("electrical", "electrical")}
_LAYER_NAMES = {d.name for d in LAYER_TABLE} | set(LAYER_ALIASES)


def layer_of(parameter: str, layer: Any) -> Any:
    """The ``LAYER`` member of a layer spec (name, member or GDS tuple); else MissingLayer."""
    if isinstance(layer, str):
        if layer not in _LAYER_NAMES:
            raise MissingLayer(layer)
        return getattr(LAYER, layer)
    if isinstance(layer, tuple | list):
        for d in LAYER_TABLE:
            if d.gds == tuple(layer):
                return getattr(LAYER, d.name)
        raise MissingLayer(tuple(layer))
    if getattr(layer, "name", None) in _LAYER_NAMES:
        return layer
    raise ValueError(f"{parameter}={layer!r} is not a layer of the lightlane process")


def layer_name(layer: Any) -> str:
    return getattr(layer, "name", str(layer))


def checked(xs: CrossSection, bend_rule: str | None) -> CrossSection:
    """Refuse a section off the process's layers or below its width rule, and a routing radius
    or ``radius_min`` below the bend rule named ``bend_rule``."""
    for k, section in enumerate(xs.sections):
        layer_of(f"sections[{k}].layer", section.layer)
        parameter = "width" if k == 0 else f"sections[{section.name or k}].width"
        RULES.require_width(parameter, section.width, layer_name(section.layer))
    for layer in xs.bbox_layers or ():
        layer_of("layer", layer)
    if bend_rule is not None:
        for parameter in ("radius", "radius_min"):
            value = getattr(xs, parameter)
            if value is not None:
                RULES.require_radius(parameter, value, bend_rule)
    return remember(xs)


def cross_section(
    layer: Any,
    width: float,
    ports: dict,
    bend_rule: str | None,
    radius: float | None,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """A cross-section of a main section on ``layer`` (and ``kwargs``' sections), checked.

    ``radius_min`` defaults to the bend rule's minimum; ports default to ``ports``.
    """
    if radius_min is None and bend_rule is not None:
        radius_min = RULES.min_radius(bend_rule)
    xs = gf.cross_section.cross_section(
        width=width,
        layer=layer_of("layer", layer),
        radius=radius,
        radius_min=radius_min,
        **{**ports, **kwargs},
    )
    return checked(xs, bend_rule)
