"""Electrical lines: metals, the TiN heater, implant lines and the coplanar RF electrode.

Each takes gdsfactory's arguments for the function of its name (``metal1(width, layer, radius,
**kwargs)``); a metal's routing radius defaults to its width, gdsfactory's convention, so
routers have a number to work with (wire corners turn the line).
"""

from __future__ import annotations

from typing import Any

from gdsfactory.cross_section import CrossSection, Section

from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import ELECTRICAL, cross_section, layer_name, layer_of, remember

__all__ = ["gsg", "heater", "heater_metal", "metal1", "metal2", "metal3", "metal_routing", "npp"]


def _wire(layer: Any, width: float, radius: float | None, **kwargs: Any) -> CrossSection:
    """A metal (or heater) line: electrical ports, and gdsfactory's routing radius of one width
    where none is given (wire corners turn it; a router needs a number)."""
    return cross_section(
        layer, width, ELECTRICAL, None, width if radius is None else radius, **kwargs
    )


def metal1(
    width: float = 2.0, layer: Any = "M1", radius: float | None = None, **kwargs: Any
) -> CrossSection:
    """M1 routing (DC).

    Args:
        width: line width in um.
        layer: metal layer.
        radius: routing radius in um; None takes the width (gdsfactory's convention).
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return _wire(layer, width, radius, **kwargs)


def metal2(
    width: float = 10.0, layer: Any = "M2", radius: float | None = None, **kwargs: Any
) -> CrossSection:
    """M2 routing (DC and RF feed lines).

    Args:
        width: line width in um.
        layer: metal layer.
        radius: routing radius in um; None takes the width.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return _wire(layer, width, radius, **kwargs)


def metal3(
    width: float = 10.0, layer: Any = "M3", radius: float | None = None, **kwargs: Any
) -> CrossSection:
    """M3 routing, the top metal (gdsfactory's MTOP).

    Args:
        width: line width in um.
        layer: metal layer.
        radius: routing radius in um; None takes the width.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return _wire(layer, width, radius, **kwargs)


def metal_routing(
    width: float = 10.0, layer: Any = "M3", radius: float | None = None, **kwargs: Any
) -> CrossSection:
    """The default electrical routing of gdsfactory's routers and wire corners: the top metal.

    Args:
        width: line width in um.
        layer: metal layer.
        radius: routing radius in um; None takes the width.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return _wire(layer, width, radius, **kwargs)


def heater(
    width: float = 2.0, radius: float = 10.0, layer: Any = "HEATER", **kwargs: Any
) -> CrossSection:
    """TiN heater filament; it follows a waveguide, so it bends no tighter than one.

    Args:
        width: filament width in um.
        radius: default routing bend radius in um (>= rule XS.R.heater).
        layer: heater layer.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return cross_section(layer, width, ELECTRICAL, "heater", radius, **kwargs)


def heater_metal(
    width: float = 2.5, layer: Any = "HEATER", radius: float | None = None, **kwargs: Any
) -> CrossSection:
    """gdsfactory's heater line: the TiN of :func:`heater`, routed like a metal.

    Args:
        width: filament width in um.
        layer: heater layer.
        radius: routing radius in um; None takes rule XS.R.heater's routing radius (10 um).
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return heater(width=width, radius=10.0 if radius is None else radius, layer=layer, **kwargs)


def npp(
    width: float = 0.5, layer: Any = "NPP", radius: float | None = None, **kwargs: Any
) -> CrossSection:
    """An N++ line (gdsfactory's doped resistors and contacts).

    Args:
        width: line width in um (>= rule NPP.W.1).
        layer: implant layer.
        radius: routing radius in um; None takes the width.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return _wire(layer, width, radius, **kwargs)


def gsg(
    trace_width: float | None = None,
    layer: Any = "M2",
    gap: float = 6.0,
    radius: float | None = None,
    signal_width: float = 10.0,
    ground_width: float = 40.0,
) -> CrossSection:
    """Coplanar ground-signal-ground RF electrode (traveling-wave modulators, RF feeds).

    The default 10 um signal, 6 um gaps and 40 um grounds on 2 um AlCu (M2) over 3 um oxide give
    a ~50 ohm unloaded line (:mod:`lightlane.physics.electrode`); a modulator's junction loads
    it to 35-45 ohm.

    Args:
        trace_width: gdsfactory's width of all three traces in um; None keeps
            ``signal_width`` and ``ground_width``.
        layer: metal layer (M2 or M3).
        gap: signal-to-ground gap in um.
        radius: routing radius in um; None takes gdsfactory's three widths plus two gaps.
        signal_width: signal conductor width in um.
        ground_width: width of each ground conductor in um.
    """
    if trace_width is not None:
        signal_width = ground_width = trace_width
    metal = layer_name(layer_of("layer", layer))
    RULES.require_width("signal_width", signal_width, metal)
    RULES.require_at_least("gap", gap, f"{metal}.S.1", f"{metal} space")
    RULES.require_width("ground_width", ground_width, metal)
    offset = signal_width / 2 + gap + ground_width / 2
    if radius is None:
        radius = signal_width + 2 * ground_width + 2 * gap
    metal_layer = layer_of("layer", layer)
    return remember(
        CrossSection(
            sections=(
                Section(width=signal_width, layer=metal_layer, name="signal", **ELECTRICAL),
                Section(width=ground_width, layer=metal_layer, offset=offset, name="ground_top"),
                Section(width=ground_width, layer=metal_layer, offset=-offset, name="ground_bot"),
            ),
            radius=radius,
        )
    )
