"""gdsfactory's named variants of lightlane's cells: the names its cells ask the PDK for.

gdsfactory builds many cells from named variants (``via_stack_m1_mtop``, ``edge_coupler_silicon``
...). Here each is the lightlane cell it varies, with gdsfactory's parameters, on this process's
layers. gdsfactory's ``via_stack_slab_m1/m2/m3`` are not provided: they land a contact on undoped
slab, and here a contact must sit in a contact implant (rule VIAC.EN.2); ``via_stack_npp_m1`` and
``via_stack_slab_npp_m3`` are the slab contacts of this process.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf

from lightlane.components._checks import (
    device_cell,
    require_choice,
    require_flag,
    require_positive,
    variant,
)
from lightlane.components.dies import die_frame
from lightlane.components.edge_couplers import edge_coupler
from lightlane.components.vias import via_stack, via_stack_heater_mtop
from lightlane.components.waveguides import straight
from lightlane.pdk.rules import RULES

__all__ = [
    "REFUSED",
    "die_frame_rf",
    "edge_coupler_silicon",
    "pad_gs",
    "pad_gsg",
    "via_stack_heater_mtop_mini",
    "via_stack_m1_mtop",
    "via_stack_m2_m3",
    "via_stack_npp_m1",
    "via_stack_slab_npp_m3",
]

die_frame_rf = variant(
    die_frame,
    __name__,
    "gdsfactory's RF die outline: :func:`die_frame` of 10.4 x 5 mm.",
    size=(10400.0, 5000.0),
)
pad_gsg = variant(
    straight,
    __name__,
    "gdsfactory's high-speed GSG pad: a 100 um :func:`straight` of the ``gsg`` coplanar line "
    "(the probe-landing pads of this process are ``pad_probe_gsg``).",
    length=100.0,
    cross_section="gsg",
)
pad_gs = variant(
    straight,
    __name__,
    "gdsfactory's high-speed GS pad: a 100 um :func:`straight` of the ``gs`` line "
    "(the probe-landing pads of this process are ``pad_probe_gs``).",
    length=100.0,
    cross_section="gs",
)
_SLAB_CONTACT = (
    "{name} lands its contacts on undoped slab; here a contact must sit in a contact implant "
    "(rule VIAC.EN.2): use via_stack_slab_npp_m3 or via_stack(layers=('PPP', 'M1', 'M2', 'M3'))"
)
REFUSED = {
    name: _SLAB_CONTACT.format(name=name)
    for name in ("via_stack_slab_m1", "via_stack_slab_m2", "via_stack_slab_m3")
} | {
    "via_stack_slab_m1_horizontal": (
        "via_stack_slab_m1_horizontal lands slotted contacts on undoped slab; here a contact "
        "must sit in a contact implant (rule VIAC.EN.2) and be square: use via_stack_slab_npp_m3"
    ),
}
"""gdsfactory's names this PDK deliberately does not register, with the one-line reason (the PDK
raises it when gdsfactory's cells ask for one)."""

via_stack_m1_mtop = variant(
    via_stack,
    __name__,
    "gdsfactory's metal stack: M1, VIA1, M2, VIA2, M3.",
    layers=("M1", "M2", "M3"),
)
via_stack_m2_m3 = variant(
    via_stack, __name__, "gdsfactory's top-metal stack: M2, VIA2, M3.", layers=("M2", "M3")
)
via_stack_npp_m1 = variant(
    via_stack,
    __name__,
    "gdsfactory's N++ contact: slab, N++ implant, VIAC, M1.",
    layers=("NPP", "M1"),
)
via_stack_slab_npp_m3 = variant(
    via_stack,
    __name__,
    "gdsfactory's N++ slab contact (gdsfactory draws it up to M1): slab, N++, VIAC, M1.",
    layers=("NPP", "M1"),
    size=(12.0, 12.0),
)
via_stack_heater_mtop_mini = variant(
    via_stack_heater_mtop,
    __name__,
    "gdsfactory's small heater contact: :func:`via_stack_heater_mtop` of 4 x 4 um.",
    size=(4.0, 4.0),
)


@device_cell
def edge_coupler_silicon(
    length: float = 100.0,
    width1: float | None = None,
    width2: float = 0.2,
    with_two_ports: bool = True,
    port_names: tuple[str, str] = ("o1", "o2"),
    port_types: tuple[str, str] = ("optical", "optical"),
    cross_section: Any = "strip",
) -> gf.Component:
    """gdsfactory's silicon edge coupler: :func:`edge_coupler` narrowing ``width1 -> width2``.

    ::

        o1 =====-----_____  o2 (facet)

    Args:
        length: taper length in um.
        width1: core width at o1 in um; None takes the cross-section's.
        width2: tip width at the facet in um (>= rule WG.W.1).
        with_two_ports: False leaves the facet without a port.
        port_names: names of the waveguide and facet ports.
        port_types: ``optical`` for both (gdsfactory's ``edge_coupler`` type is an optical
            port here).
        cross_section: cross-section spec of the waveguide.
    """
    require_flag("with_two_ports", with_two_ports)
    for k, kind in enumerate(port_types):
        require_choice(f"port_types[{k}]", kind, ("optical", "edge_coupler"))
    if len(port_names) != 2 or len(set(port_names)) != 2:
        raise ValueError(f"port_names={port_names!r} must be two different names")
    require_positive("width2", width2)
    RULES.require_width("width2", width2, "WG")
    if width1 is not None:
        require_positive("width1", width1)
        RULES.require_width("width1", width1, "WG")
    core = edge_coupler(length=length, tip_width=width2, width=width1, cross_section=cross_section)
    c = gf.Component()
    ref = c << core
    for name, port in zip(port_names, ("o1", "o2")[: 2 if with_two_ports else 1], strict=False):
        c.add_port(name, port=ref.ports[port])
    for key, value in dict(core.info).items():
        c.info[key] = value
    return c
