"""The doped rib of a depletion phase shifter: the lateral PN junction's implant bands.

Apart from :mod:`lightlane.pdk.cross_sections` (which registers it) because its implants nest
by their own rules (NPP.SEP.1, NP.W.1, NPP.W.1), checked here before a section is drawn.
"""

from __future__ import annotations

from gdsfactory.cross_section import CrossSection, Section

from lightlane.pdk.layers import LAYER
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import OPTICAL, cross_section

__all__ = ["pn_lateral", "rib_sections"]


def rib_sections(slab_width: float, doping: tuple[Section, ...] = ()) -> tuple[Section, ...]:
    """The 90 nm slab of a rib, ``slab_width`` um wide and centred, then ``doping``."""
    return (Section(width=slab_width, layer=LAYER.SLAB90, name="slab"), *doping)


def _band(layer: str, start: float, end: float, name: str) -> Section:
    """An implant band from lateral position ``start`` to ``end`` (um, + towards P)."""
    return Section(
        width=round(end - start, 3),
        offset=round((start + end) / 2, 4),
        layer=getattr(LAYER, layer),
        name=name,
    )


def pn_lateral(
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
    return cross_section(
        "WG", width, OPTICAL, "rib", radius, sections=rib_sections(2 * outer, doping)
    )
