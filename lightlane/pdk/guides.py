"""What a cross-section is optically, read from its layers and widths, never from its name.

gdsfactory hands cells and netlists cross-sections in many forms: a name, a ``CrossSection``
(``gf.get_cross_section("strip", radius=20)`` is called ``xs_ced4e74f``), a factory or a dict.
:func:`guide` maps any of them to the optical guide a model needs: its kind (strip, rib, slab),
its core width, and the table cross-section with the same sections if there is one (which
names its design band: ``strip_c`` is the 500 nm C-band strip whatever it is called).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from lightlane.pdk.process import TECH

__all__ = ["Guide", "guide"]


@dataclass(frozen=True)
class Guide:
    """The optical guide of a cross-section.

    Attributes:
        kind: ``strip`` (core only), ``rib`` (core on a wider 90 nm slab), ``slab`` (90 nm slab
            only) or ``wire`` (no silicon: metal, heater, implant lines).
        width: core width in um (the slab's for a slab guide, the line's for a wire).
        name: the lightlane cross-section with the same sections (layers, widths, offsets), or
            None when it matches none.
    """

    kind: str
    width: float
    name: str | None

    @property
    def model(self) -> str:
        """The cross-section the models are characterised for (their ``cross_section``)."""
        return self.name if self.name in TECH.loss_db_per_cm else self.kind

    @property
    def wavelength(self) -> float:
        """The design wavelength in um of the guide's band (O band unless C-band strip)."""
        return TECH.design_wavelength.get(self.model, TECH.wavelength)


def _layer(section: Any) -> str:
    return getattr(section.layer, "name", str(section.layer))


def _signature(xs: Any) -> tuple:
    """The sections as (layer, width, offset), in order: what the geometry is made of."""
    return tuple((_layer(s), round(s.width, 6), round(s.offset, 6)) for s in xs.sections)


@cache
def _table() -> dict[tuple, str]:
    """Section signature -> first table cross-section with it (defaults of every factory)."""
    from lightlane.pdk.cross_sections import CROSS_SECTIONS

    table: dict[tuple, str] = {}
    for name, factory in CROSS_SECTIONS.items():
        table.setdefault(_signature(factory()), name)
    return table


def guide(cross_section: Any) -> Guide:
    """The optical guide of any cross-section spec (name, ``CrossSection``, factory or dict).

    >>> guide("strip_c").model, guide("strip_c").width
    ('strip_c', 0.5)
    """
    from lightlane.pdk.cross_sections import get_cross_section

    xs = get_cross_section(cross_section)
    layers = {_layer(s): s for s in xs.sections}
    core = layers.get("WG")
    slab = layers.get("SLAB90")
    if core is not None:
        kind = "rib" if slab is not None and slab.width > core.width else "strip"
        width = core.width
    elif slab is not None:
        kind, width = "slab", slab.width
    else:
        kind, width = "wire", xs.sections[0].width
    return Guide(kind=kind, width=float(width), name=_table().get(_signature(xs)))
