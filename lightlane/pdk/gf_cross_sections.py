"""gdsfactory's further cross-section names, on this process's layers and checked by its rules.

gdsfactory's cells ask the active PDK for these by name (``straight_pn`` for ``pn``, the
``taper_cross_section`` family for ``rib2``, ``pad_gs`` for ``gs``, the doped and undercut heaters
for ``rib_heater_doped`` and ``strip_heater_metal_undercut``). Each takes gdsfactory's arguments
with the same meaning and gdsfactory's section arithmetic; the defaults are this process's (a
400 nm O-band core, the rib's bend rule), and every section is checked against :data:`RULES`
(:func:`lightlane.pdk.sections.checked`), so a section narrower than its layer's rule is refused
with one line naming the rule. The optical physics comes from the layers and widths
(:func:`lightlane.pdk.guides.guide`), never from these names.
"""

from __future__ import annotations

from typing import Any

from gdsfactory.cross_section import CrossSection, Section

from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import (
    ELECTRICAL,
    OPTICAL,
    cross_section,
    layer_name,
    layer_of,
    remember,
)

__all__ = ["gs", "pn", "rib2", "rib_heater_doped", "strip_heater_metal_undercut"]


def _section(layer: Any, parameter: str, width: float, offset: float, **kwargs: Any) -> Section:
    return Section(
        width=round(width, 6),
        offset=round(offset, 6),
        layer=layer_of(parameter, layer),
        **kwargs,
    )


def rib2(
    width: float = 0.4,
    layer: Any = "WG",
    layer_slab: Any = "SLAB90",
    radius: float = 25.0,
    radius_min: float | None = None,
    width_slab: float = 6.0,
    **kwargs: Any,
) -> CrossSection:
    """gdsfactory's rib with its slab as a named section: a core on a ``width_slab`` 90 nm slab.

    Args:
        width: core width in um.
        layer: core layer.
        layer_slab: slab layer.
        radius: routing bend radius in um (>= rule XS.R.rib).
        radius_min: smallest bend radius in um; None takes rule XS.R.rib.
        width_slab: slab width in um, centred on the core (> ``width``).
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    if not width_slab > width:
        raise ValueError(
            f"width_slab={width_slab:g} um must exceed the core width={width:g} um of a rib"
        )
    slab = _section(layer_slab, "layer_slab", width_slab, 0.0, name="slab")
    sections = (slab, *kwargs.pop("sections", ()))
    return cross_section(
        layer, width, OPTICAL, "rib", radius, radius_min, sections=sections, **kwargs
    )


def pn(
    width: float = 0.4,
    layer: Any = "WG",
    layer_slab: Any = "SLAB90",
    gap_low_doping: float = 0.0,
    gap_medium_doping: float | None = 0.5,
    gap_high_doping: float | None = 1.0,
    offset_low_doping: float = 0.0,
    width_doping: float = 8.0,
    width_slab: float = 7.0,
    layer_p: Any = "P",
    layer_pp: Any = "PP",
    layer_ppp: Any = "PPP",
    layer_n: Any = "N",
    layer_np: Any = "NP",
    layer_npp: Any = "NPP",
    layer_via: Any = None,
    width_via: float = 1.0,
    layer_metal: Any = None,
    width_metal: float = 1.0,
    port_names: tuple[str, str] = ("o1", "o2"),
    sections: tuple[Section, ...] | None = None,
    cladding_layers: Any = None,
    cladding_offsets: Any = None,
    cladding_simplify: Any = None,
    slab_inset: float | None = None,
    radius: float = 25.0,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """gdsfactory's doped rib: a lateral PN junction, N on the +y side, P on -y.

    Bands are gdsfactory's: N/P over ``width_doping`` from the junction (offset by
    ``offset_low_doping``), N+/P+ from ``gap_medium_doping`` and N++/P++ from
    ``gap_high_doping`` (both from the core centre, None leaves the band out) to the outer edge.
    The contact implants must keep rule NPP.SEP.1 / PPP.SEP.1 from the core: with the 400 nm
    core, ``gap_high_doping`` >= 1.0 um.

    Args:
        width: core width in um.
        layer: core layer.
        layer_slab: slab layer.
        gap_low_doping: gap in um between the N and P bands at the junction (a PIN).
        gap_medium_doping: core centre to the N+/P+ bands in um; None draws none.
        gap_high_doping: core centre to the N++/P++ bands in um; None draws none.
        offset_low_doping: junction offset from the core centre in um.
        width_doping: outer edge of every band from the core centre in um.
        width_slab: slab width in um, centred on the core.
        layer_p: P layer (None draws none); likewise ``layer_pp``, ``layer_ppp``, ``layer_n``,
            ``layer_np``, ``layer_npp``.
        layer_pp: P+ layer.
        layer_ppp: P++ layer.
        layer_n: N layer.
        layer_np: N+ layer.
        layer_npp: N++ layer.
        layer_via: contact layer along both outer edges (None: none).
        width_via: its width in um.
        layer_metal: metal along both outer edges (None: none), with electrical ports.
        width_metal: its width in um.
        port_names: the optical ports' names.
        sections: further sections.
        cladding_layers: gdsfactory's cladding layers.
        cladding_offsets: their offsets in um.
        cladding_simplify: their simplification tolerances in um.
        slab_inset: slab inset from both ends in um (None: none).
        radius: routing bend radius in um (>= rule XS.R.rib).
        radius_min: smallest bend radius in um; None takes rule XS.R.rib.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    insets = (slab_inset, slab_inset) if slab_inset else None
    found = [*(sections or ()), _section(layer_slab, "layer_slab", width_slab, 0.0, insets=insets)]
    base = width_doping / 2 + gap_low_doping / 4
    low = width_doping - gap_low_doping / 2
    if layer_n is not None:
        found.append(
            _section(layer_n, "layer_n", low + offset_low_doping, base - offset_low_doping / 2)
        )
    if layer_p is not None:
        found.append(
            _section(layer_p, "layer_p", low - offset_low_doping, -base - offset_low_doping / 2)
        )
    for gap, layers in (
        (gap_medium_doping, (layer_np, layer_pp)),
        (gap_high_doping, (layer_npp, layer_ppp)),
    ):
        if gap is None:
            continue
        band = width_doping - gap
        for layer_band, sign in zip(layers, (1, -1), strict=True):
            if layer_band is not None:
                found.append(_section(layer_band, "layer", band, sign * (band / 2 + gap)))
    edge = width_doping
    for extra, extra_width, ports in (
        (layer_via, width_via, {}),
        (layer_metal, width_metal, ELECTRICAL),
    ):
        if extra is None:
            continue
        for sign, names in ((1, ("e1", "e2")), (-1, ("e3", "e4"))):
            more = {"port_names": names, "port_types": ELECTRICAL["port_types"]} if ports else {}
            found.append(
                _section(extra, "layer", extra_width, sign * (edge - extra_width / 2), **more)
            )
    ports = {"port_names": port_names, "port_types": OPTICAL["port_types"]}
    return cross_section(
        layer,
        width,
        ports,
        "rib",
        radius,
        radius_min,
        sections=tuple(found),
        cladding_layers=cladding_layers,
        cladding_offsets=cladding_offsets,
        cladding_simplify=cladding_simplify,
        **kwargs,
    )


def rib_heater_doped(
    width: float = 0.4,
    layer: Any = "WG",
    heater_width: float = 2.0,
    heater_gap: float = 0.8,
    layer_heater: Any = "NPP",
    layer_slab: Any = "SLAB90",
    slab_gap: float = 0.2,
    with_top_heater: bool = True,
    with_bot_heater: bool = True,
    sections: tuple[Section, ...] | None = None,
    radius: float = 25.0,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """gdsfactory's rib with N++ resistive heaters in the slab on one or both sides.

    Current through the doped slab heats the core directly (Harris et al., Opt. Express 22,
    10487 (2014)); the heater bands keep ``heater_gap`` from the core edge, at least rule
    NPP.SEP.1 so the implant does not load the mode.

    Args:
        width: core width in um.
        layer: core layer.
        heater_width: width of each doped band in um.
        heater_gap: core edge to heater band in um (>= rule NPP.SEP.1).
        layer_heater: heater implant layer.
        layer_slab: slab layer.
        slab_gap: slab beyond the heater bands in um.
        with_top_heater: draw the band on the -y side (gdsfactory's naming).
        with_bot_heater: draw the band on the +y side.
        sections: further sections.
        radius: routing bend radius in um (>= rule XS.R.rib).
        radius_min: smallest bend radius in um; None takes rule XS.R.rib.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    if not (with_top_heater or with_bot_heater):
        raise ValueError("with_top_heater=False and with_bot_heater=False: draw at least one")
    heater = layer_of("layer_heater", layer_heater)
    rule = RULES.find("separation", layer_name(heater))
    if rule is not None:
        RULES.require_at_least("heater_gap", heater_gap, rule.id, "heater to core")
    offset = width / 2 + heater_gap + heater_width / 2
    one_side = width + heater_gap + heater_width + slab_gap
    if with_top_heater and with_bot_heater:
        slab_width, slab_offset = width + 2 * (heater_gap + heater_width + slab_gap), 0.0
    else:
        slab_width = one_side
        slab_offset = -one_side / 2 if with_top_heater else one_side / 2
    found = [
        *(sections or ()),
        _section(layer_slab, "layer_slab", slab_width, slab_offset, name="slab"),
    ]
    if with_bot_heater:
        found.append(_section(heater, "layer_heater", heater_width, offset, name="heater_upper"))
    if with_top_heater:
        found.append(_section(heater, "layer_heater", heater_width, -offset, name="heater_lower"))
    return cross_section(
        layer, width, OPTICAL, "rib", radius, radius_min, sections=tuple(found), **kwargs
    )


def strip_heater_metal_undercut(
    width: float = 0.4,
    layer: Any = "WG",
    heater_width: float = 2.5,
    trench_width: float = 6.5,
    trench_gap: float = 2.0,
    layer_heater: Any = "HEATER",
    layer_trench: Any = "DEEPTRENCH",
    sections: tuple[Section, ...] | None = None,
    radius: float = 10.0,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """gdsfactory's strip with a TiN filament over it and a deep trench on each side.

    The trenches cut the oxide beside the guide so the filament's heat stays in the core
    (Fang et al., IEEE Photon. Technol. Lett. 23(8), 525 (2011)); they keep ``trench_gap``
    from the core edge, at least rule DEEPTRENCH.SEP.1.

    Args:
        width: core width in um.
        layer: core layer.
        heater_width: filament width in um (>= rule HEATER.W.1).
        trench_width: width of each trench in um (>= rule DEEPTRENCH.W.1).
        trench_gap: core edge to trench in um (>= rule DEEPTRENCH.SEP.1).
        layer_heater: heater layer.
        layer_trench: trench layer.
        sections: further sections.
        radius: routing bend radius in um (>= rule XS.R.strip).
        radius_min: smallest bend radius in um; None takes rule XS.R.strip.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    RULES.require_at_least("trench_gap", trench_gap, "DEEPTRENCH.SEP.1", "trench to core")
    offset = trench_gap + trench_width / 2 + width / 2
    trench = layer_of("layer_trench", layer_trench)
    found = [
        *(sections or ()),
        _section(layer_heater, "layer_heater", heater_width, 0.0, name="heater", **ELECTRICAL),
        _section(trench, "layer_trench", trench_width, offset, name="trench_top"),
        _section(trench, "layer_trench", trench_width, -offset, name="trench_bot"),
    ]
    return cross_section(
        layer, width, OPTICAL, "strip", radius, radius_min, sections=tuple(found), **kwargs
    )


def gs(
    trace_width: float = 140.0,
    layer: Any = "M3",
    gap: float = 120.0,
    layer_port: Any = None,
    radius: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """gdsfactory's ground-signal line: two ``trace_width`` traces ``gap`` apart.

    gdsfactory puts the ports on an abstract layer across the gap; this process has none, so
    the electrical ports sit on the signal trace (+y), where a probe lands.

    Args:
        trace_width: width of each trace in um (>= the metal's width rule).
        layer: metal layer.
        gap: signal-to-ground gap in um (>= the metal's space rule).
        layer_port: gdsfactory's port layer; only None (the process has no abstract layers).
        radius: routing radius in um; None takes gdsfactory's two widths plus the gap.
        kwargs: gdsfactory's, ignored as there.
    """
    del kwargs  # gdsfactory ignores them too
    if layer_port is not None:
        layer_of("layer_port", layer_port)
    metal = layer_of("layer", layer)
    name = layer_name(metal)
    RULES.require_width("trace_width", trace_width, name)
    RULES.require_at_least("gap", gap, f"{name}.S.1", f"{name} space")
    offset = gap / 2 + trace_width / 2
    return remember(
        CrossSection(
            sections=(
                _section(metal, "layer", trace_width, offset, name="signal", **ELECTRICAL),
                _section(metal, "layer", trace_width, -offset, name="ground"),
            ),
            radius=radius or 2 * trace_width + gap,
        )
    )
