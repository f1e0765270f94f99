"""Named cross-sections. Widths and minimum radii are validated against :data:`RULES`.

Every function returns a ``gf.CrossSection`` and takes gdsfactory's arguments for the function of
its name (``strip(width, layer, radius, radius_min, **kwargs)``, the keyword arguments of
``gf.cross_section.cross_section``), so gdsfactory's own cells and routers can ask for them;
lightlane's own arguments (``slab_width``, ``heater_width``...) are additions. Cells take a
cross-section spec (a name, a ``CrossSection``, a factory or a dict) and read width, layer and
minimum radius from it. The functions are registered in the PDK, not in gdsfactory's global
registry, so activating another PDK is clean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gdsfactory.cross_section import CrossSection, Section

from lightlane.pdk.doped_sections import pn_lateral, rib_sections
from lightlane.pdk.gf_cross_sections import (
    gs,
    pn,
    rib2,
    rib_heater_doped,
    strip_heater_metal_undercut,
)
from lightlane.pdk.rules import RULES
from lightlane.pdk.sections import ELECTRICAL, OPTICAL, SEEN, cross_section, layer_of, remember
from lightlane.pdk.wires import (
    gsg,
    heater,
    heater_metal,
    metal1,
    metal2,
    metal3,
    metal_routing,
    npp,
)

__all__ = [
    "CROSS_SECTIONS",
    "get_cross_section",
    "gsg",
    "heater",
    "heater_metal",
    "metal1",
    "metal2",
    "metal3",
    "metal_routing",
    "npp",
    "pn_lateral",
    "pn_ring",
    "rib",
    "slab",
    "strip",
    "strip_c",
    "strip_heater_metal",
    "strip_no_ports",
    "strip_rib_tip",
    "strip_wide",
]


def strip(
    width: float = 0.4,
    layer: Any = "WG",
    radius: float = 10.0,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """O-band strip waveguide: 220 nm Si, fully etched, oxide clad.

    Args:
        width: core width in um (400 nm is single-mode TE across 1260-1360 nm).
        layer: core layer.
        radius: default routing bend radius in um (>= rule XS.R.strip).
        radius_min: smallest bend radius a router may use in um; None takes rule XS.R.strip.
        kwargs: further arguments of ``gf.cross_section.cross_section`` (sections, ports...).
    """
    return cross_section(layer, width, OPTICAL, "strip", radius, radius_min, **kwargs)


def strip_c(
    width: float = 0.5,
    layer: Any = "WG",
    radius: float = 10.0,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """C-band strip waveguide (500 nm wide core), for 1550 nm variants of the O-band cells.

    Args:
        width: core width in um.
        layer: core layer.
        radius: default routing bend radius in um (>= rule XS.R.strip_c).
        radius_min: smallest bend radius in um; None takes rule XS.R.strip_c.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return cross_section(layer, width, OPTICAL, "strip_c", radius, radius_min, **kwargs)


def strip_wide(
    width: float = 2.0,
    layer: Any = "WG",
    radius: float = 10.0,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """Wide multimode O-band strip for long straight routes: the strip's core, 2 um wide.

    Sidewall roughness scatters in proportion to the mode's intensity at the sidewalls
    (Payne and Lacey, "A theoretical analysis of scattering loss from planar optical
    waveguides", Opt. Quantum Electron. 26, 977, 1994), which falls steeply as the core widens
    past single-mode, so a wide core loses several times less per cm (see
    ``TECH.loss_db_per_cm["strip_wide"]``). A 2 um core guides higher-order modes across
    1260-1360 nm: reach it through adiabatic tapers from ``strip`` and keep it straight (its
    bends go back to ``strip``), so only the fundamental mode is launched and carried.

    Args:
        width: core width in um.
        layer: core layer.
        radius: routing bend radius in um (>= rule XS.R.strip); bends belong on ``strip``.
        radius_min: smallest bend radius in um; None takes rule XS.R.strip.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return cross_section(layer, width, OPTICAL, "strip", radius, radius_min, **kwargs)


def strip_no_ports(width: float = 0.4, layer: Any = "WG", **kwargs: Any) -> CrossSection:
    """The strip without port names (gdsfactory's test structures extrude it portless).

    Args:
        width: core width in um.
        layer: core layer.
        kwargs: further arguments of :func:`strip`.
    """
    return strip(width=width, layer=layer, port_names=("", ""), **kwargs)


def strip_rib_tip(
    width: float = 0.4,
    width_tip: float = 0.3,
    layer: Any = "WG",
    layer_slab: Any = "SLAB90",
    radius: float = 10.0,
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """The strip with a narrow 90 nm slab under it: the start of a strip-to-rib taper.

    Args:
        width: core width in um.
        width_tip: slab width in um (>= rule SLAB90.W.1).
        layer: core layer.
        layer_slab: slab layer.
        radius: routing bend radius in um (>= rule XS.R.strip).
        radius_min: smallest bend radius in um; None takes rule XS.R.strip.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    slab = Section(width=width_tip, layer=layer_of("layer_slab", layer_slab), name="slab")
    sections = (*kwargs.pop("sections", ()), slab)
    return cross_section(
        layer, width, OPTICAL, "strip", radius, radius_min, sections=sections, **kwargs
    )


def rib(
    width: float = 0.4,
    layer: Any = "WG",
    radius: float = 25.0,
    radius_min: float | None = None,
    slab_width: float = 6.0,
    **kwargs: Any,
) -> CrossSection:
    """Rib waveguide: a 220 nm core on a 90 nm slab (SLAB90) of ``slab_width``.

    Args:
        width: core width in um.
        layer: core layer.
        radius: default routing bend radius in um (>= rule XS.R.rib).
        radius_min: smallest bend radius in um; None takes rule XS.R.rib.
        slab_width: total width of the 90 nm slab in um, centred on the core.
        kwargs: further arguments of ``gf.cross_section.cross_section`` (gdsfactory's
            ``cladding_layers``/``cladding_offsets`` draw further slabs).
    """
    RULES.require_width("slab_width", slab_width, "SLAB90")
    if slab_width <= width:
        raise ValueError(
            f"slab_width={slab_width:g} um must exceed the core width={width:g} um of a rib"
        )
    sections = (*rib_sections(slab_width), *kwargs.pop("sections", ()))
    return cross_section(
        layer, width, OPTICAL, "rib", radius, radius_min, sections=sections, **kwargs
    )


def pn_ring(
    width: float = 0.4,
    slab_width: float = 6.0,
    radius: float = 7.5,
    layer: Any = "WG",
    radius_min: float | None = None,
    **kwargs: Any,
) -> CrossSection:
    """The rib of a ring modulator: a rib allowed down to rule XS.R.pn_ring (5 um).

    The ring modulator cell draws its junction and contacts itself (annular implants); this
    cross-section carries the core, the slab and the tighter radius rule.

    Args:
        width: core width in um.
        slab_width: slab width in um, centred on the core.
        radius: ring radius in um (>= rule XS.R.pn_ring).
        layer: core layer.
        radius_min: smallest bend radius in um; None takes rule XS.R.pn_ring.
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    RULES.require_width("slab_width", slab_width, "SLAB90")
    sections = (*rib_sections(slab_width), *kwargs.pop("sections", ()))
    return cross_section(
        layer, width, OPTICAL, "pn_ring", radius, radius_min, sections=sections, **kwargs
    )


def slab(
    width: float = 2.0, layer: Any = "SLAB90", radius: float | None = None, **kwargs: Any
) -> CrossSection:
    """A 90 nm slab strip (SLAB90 only), used by strip-to-rib transitions and test structures.

    Args:
        width: slab width in um.
        layer: slab layer.
        radius: routing bend radius in um (None: not routed).
        kwargs: further arguments of ``gf.cross_section.cross_section``.
    """
    return cross_section(layer, width, OPTICAL, None, radius, **kwargs)


def strip_heater_metal(
    width: float = 0.4,
    layer: Any = "WG",
    heater_width: float = 2.5,
    layer_heater: Any = "HEATER",
    sections: tuple[Section, ...] | None = None,
    insets: tuple[float, float] | None = None,
    **kwargs: Any,
) -> CrossSection:
    """The strip with a TiN filament over it (gdsfactory's straight_heater_metal extrudes it).

    The filament sits 0.98 um above the core (layer stack), far enough that it adds no loss.

    Args:
        width: core width in um.
        layer: core layer.
        heater_width: filament width in um (>= rule HEATER.W.1).
        layer_heater: heater layer.
        sections: further sections.
        insets: (start, end) insets of the filament from the ends in um.
        kwargs: further arguments of :func:`strip`.
    """
    filament = Section(
        width=heater_width,
        layer=layer_of("layer_heater", layer_heater),
        name="heater",
        insets=insets,
        **ELECTRICAL,
    )
    return strip(width=width, layer=layer, sections=(*(sections or ()), filament), **kwargs)


def get_cross_section(cross_section: Any, **settings: Any) -> CrossSection:
    """Resolve a cross-section spec with lightlane's table, whichever PDK is active.

    ``cross_section`` is a name (of the table, or the ``xs_...`` name of a cross-section object
    a cell has seen in this process), a ``CrossSection``, a factory (function or partial), or a
    dict: gdsfactory's ``{"cross_section": name, "settings": {...}}`` or a serialised
    ``CrossSection`` (``{"sections": [...], ...}``). Raises ``ValueError`` naming the known
    cross-sections when a name is unknown.
    """
    if isinstance(cross_section, CrossSection):
        xs = cross_section.copy(**settings) if settings else cross_section
    elif isinstance(cross_section, dict):
        if "sections" in cross_section:
            xs = CrossSection.model_validate(cross_section)
            xs = xs.copy(**settings) if settings else xs
        else:
            name = cross_section.get("cross_section")
            merged = {**cross_section.get("settings", {}), **settings}
            return get_cross_section(name, **merged)
    elif callable(cross_section):
        xs = cross_section(**settings)
    elif isinstance(cross_section, str) and cross_section in SEEN and not settings:
        return SEEN[cross_section]
    else:
        try:
            factory = CROSS_SECTIONS[cross_section]
        except (KeyError, TypeError):
            known = ", ".join(CROSS_SECTIONS)
            raise ValueError(
                f"cross_section={cross_section!r} is not a lightlane cross-section; "
                f"use one of {known}"
            ) from None
        return factory(**settings)
    return remember(xs)


CROSS_SECTIONS: dict[str, Callable[..., CrossSection]] = {
    f.__name__: f
    for f in (
        strip,
        strip_c,
        strip_wide,
        strip_no_ports,
        strip_rib_tip,
        strip_heater_metal,
        rib,
        pn_lateral,
        pn_ring,
        slab,
        metal1,
        metal2,
        metal3,
        metal_routing,
        heater,
        heater_metal,
        npp,
        gsg,
        # gdsfactory's further names (lightlane.pdk.gf_cross_sections)
        pn,
        rib2,
        rib_heater_doped,
        strip_heater_metal_undercut,
        gs,
    )
}
