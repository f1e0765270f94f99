"""Named cross-sections. Widths and minimum radii are validated against :data:`RULES`.

Every function returns a ``gf.CrossSection``; cells take a cross-section by name
(``cross_section="strip"``) and read width, layer and minimum radius from it. The functions are
registered in the PDK, not in gdsfactory's global registry, so activating another PDK is clean.
"""

from __future__ import annotations

from collections.abc import Callable

import gdsfactory as gf
from gdsfactory.cross_section import CrossSection, Section

from lightlane.pdk.layers import LAYER
from lightlane.pdk.rules import RULES

__all__ = [
    "CROSS_SECTIONS",
    "get_cross_section",
    "gsg",
    "heater",
    "metal1",
    "metal2",
    "pn",
    "pn_ring",
    "rib",
    "slab",
    "strip",
    "strip_c",
]

_OPTICAL = {"port_names": ("o1", "o2"), "port_types": ("optical", "optical")}
_ELECTRICAL = {"port_names": ("e1", "e2"), "port_types": ("electrical", "electrical")}


def _single_layer(
    layer: str, width: float, ports: dict, name: str | None = None, radius: float | None = None
) -> CrossSection:
    """One section on ``layer``, its width (and, for a bendable ``name``, radius) checked."""
    RULES.require_width("width", width, layer)
    if name is not None:
        RULES.require_radius("radius", radius, name)
    radius_min = RULES.min_radius(name) if name is not None else None
    return gf.cross_section.cross_section(
        width=width, layer=getattr(LAYER, layer), radius=radius, radius_min=radius_min, **ports
    )


def strip(width: float = 0.4, radius: float = 10.0) -> CrossSection:
    """O-band strip waveguide: 220 nm Si, fully etched, oxide clad.

    Args:
        width: core width in um (400 nm is single-mode TE across 1260-1360 nm).
        radius: default routing bend radius in um (>= rule XS.R.strip).
    """
    return _single_layer("WG", width, _OPTICAL, "strip", radius)


def strip_c(width: float = 0.5, radius: float = 10.0) -> CrossSection:
    """C-band strip waveguide (500 nm wide core), for 1550 nm variants of the O-band cells.

    Args:
        width: core width in um.
        radius: default routing bend radius in um (>= rule XS.R.strip_c).
    """
    return _single_layer("WG", width, _OPTICAL, "strip_c", radius)


def rib(width: float = 0.4, slab_width: float = 6.0, radius: float = 25.0) -> CrossSection:
    """Rib waveguide: a 220 nm core on a 90 nm slab (SLAB90) of ``slab_width``.

    Args:
        width: core width in um.
        slab_width: total width of the 90 nm slab in um, centred on the core.
        radius: default routing bend radius in um (>= rule XS.R.rib).
    """
    RULES.require_width("width", width, "WG")
    RULES.require_width("slab_width", slab_width, "SLAB90")
    if slab_width <= width:
        raise ValueError(
            f"slab_width={slab_width:g} um must exceed the core width={width:g} um of a rib"
        )
    RULES.require_radius("radius", radius, "rib")
    return gf.cross_section.cross_section(
        width=width,
        layer=LAYER.WG,
        sections=(Section(width=slab_width, layer=LAYER.SLAB90, name="slab"),),
        radius=radius,
        radius_min=RULES.min_radius("rib"),
        **_OPTICAL,
    )


def _rib_sections(slab_width: float, doping: tuple[Section, ...] = ()) -> tuple[Section, ...]:
    return (Section(width=slab_width, layer=LAYER.SLAB90, name="slab"), *doping)


def _band(layer: str, start: float, end: float, name: str) -> Section:
    """An implant band from lateral position ``start`` to ``end`` (um, + towards P)."""
    return Section(
        width=round(end - start, 3),
        offset=round((start + end) / 2, 4),
        layer=getattr(LAYER, layer),
        name=name,
    )


def pn(
    width: float = 0.4,
    junction_offset: float = 0.0,
    intermediate_offset: float = 0.15,
    contact_offset: float = 1.0,
    doped_half_width: float = 2.5,
    radius: float = 25.0,
) -> CrossSection:
    """Doped rib of a depletion phase shifter: lateral PN junction, N on the -y side, P on +y.

    Implants nest outwards from the junction: N/P from the junction, N+/P+ from
    ``intermediate_offset`` beyond the core edges, N++/P++ from ``contact_offset`` (>= rule
    NPP.SEP.1); all end, with the 90 nm slab, ``doped_half_width`` from the core centre, where
    a cell places its contacts.

    Args:
        width: core width in um.
        junction_offset: junction position from the core centre in um (+ towards P).
        intermediate_offset: N+/P+ edges beyond the core edges in um.
        contact_offset: N++/P++ edges beyond the core edges in um.
        doped_half_width: half-width in um of the slab and of every implant band.
        radius: default bend radius in um (>= rule XS.R.rib).
    """
    RULES.require_width("width", width, "WG")
    edge = width / 2
    RULES.require_at_least("contact_offset", contact_offset, "NPP.SEP.1")
    if abs(junction_offset) > edge:
        raise ValueError(
            f"junction_offset={junction_offset:g} um puts the junction outside the {width:g} um "
            f"core; use |junction_offset| <= {edge:g}"
        )
    implant = RULES.min_width("NP")
    RULES.require_at_least(
        "intermediate_offset", intermediate_offset, None, "N+/P+ offset", minimum=0.0
    )
    RULES.require_at_least(
        "contact_offset",
        contact_offset,
        "NP.W.1",
        "N++/P++ offset (N+ band width)",
        minimum=intermediate_offset + implant,
    )
    RULES.require_at_least(
        "doped_half_width",
        doped_half_width,
        "NPP.W.1",
        "doped half-width (N++ band width)",
        minimum=edge + contact_offset + implant,
    )
    RULES.require_radius("radius", radius, "rib")
    outer, j = doped_half_width, junction_offset
    doping = (
        _band("N", -outer, j, "n"),
        _band("P", j, outer, "p"),
        _band("NP", -outer, -edge - intermediate_offset, "np"),
        _band("PP", edge + intermediate_offset, outer, "pp"),
        _band("NPP", -outer, -edge - contact_offset, "npp"),
        _band("PPP", edge + contact_offset, outer, "ppp"),
    )
    return gf.cross_section.cross_section(
        width=width,
        layer=LAYER.WG,
        sections=_rib_sections(2 * outer, doping),
        radius=radius,
        radius_min=RULES.min_radius("rib"),
        **_OPTICAL,
    )


def pn_ring(width: float = 0.4, slab_width: float = 6.0, radius: float = 7.5) -> CrossSection:
    """The rib of a ring modulator: a rib allowed down to rule XS.R.pn_ring (5 um).

    The ring modulator cell draws its junction and contacts itself (annular implants); this
    cross-section carries the core, the slab and the tighter radius rule.

    Args:
        width: core width in um.
        slab_width: slab width in um, centred on the core.
        radius: ring radius in um (>= rule XS.R.pn_ring).
    """
    RULES.require_width("width", width, "WG")
    RULES.require_width("slab_width", slab_width, "SLAB90")
    RULES.require_radius("radius", radius, "pn_ring")
    return gf.cross_section.cross_section(
        width=width,
        layer=LAYER.WG,
        sections=_rib_sections(slab_width),
        radius=radius,
        radius_min=RULES.min_radius("pn_ring"),
        **_OPTICAL,
    )


def slab(width: float = 2.0) -> CrossSection:
    """A 90 nm slab strip (SLAB90 only), used by strip-to-rib transitions and test structures.

    Args:
        width: slab width in um.
    """
    return _single_layer("SLAB90", width, _OPTICAL)


def metal1(width: float = 2.0) -> CrossSection:
    """M1 routing (DC).

    Args:
        width: line width in um.
    """
    return _single_layer("M1", width, _ELECTRICAL)


def metal2(width: float = 10.0) -> CrossSection:
    """M2 routing (DC and RF feed lines).

    Args:
        width: line width in um.
    """
    return _single_layer("M2", width, _ELECTRICAL)


def heater(width: float = 2.0, radius: float = 10.0) -> CrossSection:
    """TiN heater filament; it follows a waveguide, so it bends no tighter than one.

    Args:
        width: filament width in um.
        radius: default routing bend radius in um (>= rule XS.R.heater).
    """
    return _single_layer("HEATER", width, _ELECTRICAL, "heater", radius)


def gsg(signal_width: float = 10.0, gap: float = 6.0, ground_width: float = 40.0) -> CrossSection:
    """Coplanar ground-signal-ground RF electrode on M2 (traveling-wave modulators, RF feeds).

    The default 10 um signal, 6 um gaps and 40 um grounds on 2 um AlCu over 3 um oxide give a
    ~50 ohm unloaded line (:mod:`lightlane.physics.electrode`); a modulator's junction loads it
    to 35-45 ohm.

    Args:
        signal_width: signal conductor width in um.
        gap: signal-to-ground gap in um.
        ground_width: width of each ground conductor in um.
    """
    RULES.require_width("signal_width", signal_width, "M2")
    RULES.require_at_least("gap", gap, "M2.S.1", "M2 space")
    RULES.require_width("ground_width", ground_width, "M2")
    offset = signal_width / 2 + gap + ground_width / 2
    return CrossSection(
        sections=(
            Section(width=signal_width, layer=LAYER.M2, name="signal", **_ELECTRICAL),
            Section(width=ground_width, layer=LAYER.M2, offset=offset, name="ground_top"),
            Section(width=ground_width, layer=LAYER.M2, offset=-offset, name="ground_bot"),
        ),
        radius=None,
    )


def get_cross_section(cross_section: str | CrossSection, **settings: float) -> CrossSection:
    """Resolve a cross-section by name in lightlane's table, whichever PDK is active.

    Raises ``ValueError`` naming the known cross-sections when ``cross_section`` is unknown.
    """
    if isinstance(cross_section, CrossSection):
        return cross_section.copy(**settings) if settings else cross_section
    try:
        factory = CROSS_SECTIONS[cross_section]
    except KeyError:
        known = ", ".join(CROSS_SECTIONS)
        raise ValueError(
            f"cross_section={cross_section!r} is not a lightlane cross-section; use one of {known}"
        ) from None
    return factory(**settings)


CROSS_SECTIONS: dict[str, Callable[..., CrossSection]] = {
    f.__name__: f for f in (strip, strip_c, rib, pn, pn_ring, slab, metal1, metal2, heater, gsg)
}
