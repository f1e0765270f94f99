"""The PN-junction micro-ring modulator cell: rib ring, bus, TiN heater, contacts and pads.

A device cell (flattened): its physics lives in :mod:`lightlane.physics` and its model
(:mod:`lightlane.models.ring_modulators`) reads the geometry in ``info``. Every electrode is
drawn as connected metal from its silicon contact to its pad.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf
import numpy as np

from lightlane.components._checks import (
    device_cell,
    quiet,
    rect,
    require_choice,
    require_flag,
    require_number,
    require_on_grid,
)
from lightlane.components.pads import pad_row
from lightlane.components.transitions import strip_to_rib
from lightlane.components.vias import contact_layers, via_stack
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES

__all__ = ["ring_modulator"]

_CONTACT = RULES.min_width("M2")  # um: contact pads of the via stacks

_LEAD = 4.0  # um: M2 lead width (>= M2.W.1)
_PAD_DROP = 10.0  # um: clearance between the lead jogs and the pads


def _sector(c, layer, r0: float, r1: float, a0: float, a1: float) -> None:
    """Annular sector r0..r1 (r0 = 0: a pie) from a0 to a1 degrees, split at <= 180 degrees."""
    pieces = max(1, math.ceil((a1 - a0) / 180.0))
    for k in range(pieces):
        lo, hi = a0 + (a1 - a0) * k / pieces, a0 + (a1 - a0) * (k + 1) / pieces
        # chord error below 1 nm at the outer radius
        n = max(8, math.ceil(math.radians(hi - lo) / (2 * math.sqrt(2e-3 / max(r1, 1.0)))))
        t = np.radians(np.linspace(lo, hi, n + 1))
        outer = np.column_stack([r1 * np.cos(t), r1 * np.sin(t)])
        inner = np.column_stack([r0 * np.cos(t), r0 * np.sin(t)])[::-1] if r0 else [[0.0, 0.0]]
        c.add_polygon(np.vstack([outer, inner]), layer=layer)


def _validate_ring_modulator(
    radius,
    width,
    gap,
    junction,
    junction_offset,
    intermediate_offset,
    contact_offset,
    heater_width,
    pad_pitch,
) -> float:
    """Refuse bad parameters before drawing; return the side in um of the centre N++ contact."""
    require_choice("junction", junction, ("lateral",))
    for name, value, low, high in (
        ("radius", radius, 0.0, 100.0),
        ("width", width, 0.0, 5.0),
        ("gap", gap, 0.0, 5.0),
        ("junction_offset", junction_offset, -5.0, 5.0),
        ("intermediate_offset", intermediate_offset, 0.0, 10.0),
        ("contact_offset", contact_offset, 0.0, 20.0),
        ("heater_width", heater_width, 0.0, 50.0),
        ("pad_pitch", pad_pitch, 0.0, 1000.0),
    ):
        require_number(name, value, low, high)
    get_cross_section("pn_ring", width=width, radius=radius)  # width and radius rules
    RULES.require_at_least("gap", gap, "WG.S.1", "WG space")
    RULES.require_even_width("gap", gap)
    require_on_grid("radius", radius)
    get_cross_section(
        "pn_lateral",
        width=width,
        junction_offset=junction_offset,
        intermediate_offset=intermediate_offset,
        contact_offset=contact_offset,
    )
    RULES.require_width("heater_width", heater_width, "HEATER")
    sep = RULES["HEATER.SEP.1"].value
    # the centre N++ contact keeps NPP.SEP.1 from the ring and its M1 HEATER.SEP.1 from the heater
    room = min(radius - width / 2 - contact_offset, radius - heater_width / 2 - sep)
    centre = math.floor((room * math.sqrt(2) - 0.01) / 0.2) * 0.2
    RULES.require_at_least(
        "radius",
        radius,
        None,
        "ring radius holding its centre contact",
        minimum=radius + (_CONTACT - centre) / math.sqrt(2),
    )
    side = TECH.pad_side()
    by_opening = TECH.pad_opening + RULES.min_space("PADOPEN")
    by_metal = side + RULES.min_space("M2")
    RULES.require_at_least(
        "pad_pitch", pad_pitch, "PADOPEN.S.1", "pad pitch", minimum=max(by_opening, by_metal)
    )
    return centre


def _ring_and_implants(
    c, radius, width, junction_offset, intermediate_offset, contact_offset, r_out, y_bus, doped
) -> float:
    """The rib ring, its slab down to the bus and the lateral junction's implants.

    Returns the radius of the slab disc in um (the heater's thermal model reads it).

    N is inside and fills the centre; P and its P+/P++ bands are annular sectors over the
    ``doped`` angles (degrees), which leave a wedge free at the bus.
    """
    edge = width / 2
    for lo, hi in ((0.0, 180.0), (180.0, 360.0)):
        _sector(c, LAYER.WG, radius - edge, radius + edge, lo, hi)
    # slab: a disc on a rectangle down to the bus slab's edge (no notch where they meet)
    r_slab = r_out + 1.0
    _sector(c, LAYER.SLAB90, 0.0, r_slab, 0.0, 180.0)
    rect(c, LAYER.SLAB90, -r_slab, y_bus - 3.0, r_slab, 0.0)
    j = radius + junction_offset
    # the N side is inside: its N+ and N++ fill the centre whole (no notch at the contact)
    _sector(c, LAYER.NP, 0.0, radius - edge - intermediate_offset, 0.0, 360.0)
    _sector(c, LAYER.NPP, 0.0, radius - edge - contact_offset, 0.0, 360.0)
    for layer, r0, r1 in (
        (LAYER.N, 0.0, j),
        (LAYER.P, j, r_out),
        (LAYER.PP, radius + edge + intermediate_offset, r_out),
        (LAYER.PPP, radius + edge + contact_offset, r_out),
    ):
        _sector(c, layer, r0, r1, *doped)
    return r_slab


def _ring_contacts(c, centre: float, r_contact: float) -> tuple[float, float]:
    """The centre N++ via stack and five P++ stacks on an M1 arc (30-150 deg) at ``r_contact``.

    Returns the centre of the first P++ stack, the one that reaches M2 for its pad's lead.
    """
    (c << via_stack(size=(centre, centre), layers=contact_layers("NPP", "M2"))).dmove((0, 0))
    angles = (30.0, 60.0, 90.0, 120.0, 150.0)
    for k, angle in enumerate(angles):
        stack = via_stack(
            size=(_CONTACT, _CONTACT), layers=contact_layers("PPP", "M2" if k == 0 else "M1")
        )
        at = (
            round(r_contact * math.cos(math.radians(angle)), 3),
            round(r_contact * math.sin(math.radians(angle)), 3),
        )
        (c << stack).dmove(at)
        if k == 0:
            p_via = at
    _sector(c, LAYER.M1, r_contact - _CONTACT / 2, r_contact + _CONTACT / 2, angles[0], angles[-1])
    return p_via


def _bus(c, width: float, r_out: float, y_bus: float) -> tuple[Any, Any, float]:
    """The rib bus under the ring and strip converters at both ends.

    Returns the two converters' references and the bus length in um, converters included.
    """
    bus_xs = get_cross_section("rib", width=width, slab_width=6.0)
    half_bus = round(r_out + 10.0, 3)
    bus = c << gf.path.extrude(gf.path.straight(length=2 * half_bus), cross_section=bus_xs)
    bus.dmove((-half_bus, y_bus))
    converter = strip_to_rib(width=width, slab_width=6.0)
    left, right = c << converter, c << converter
    left.connect("o2", bus.ports["o1"])
    right.connect("o2", bus.ports["o2"])
    return left, right, round(2 * half_bus + 2 * converter.info["length"], 6)


def _heater(c, radius: float, heater_width: float, x_heater: float, lead: float) -> None:
    """TiN over the upper half of the ring, with straight legs ``lead`` wide (downwards from the
    arc's ends) out to ``x_heater`` both sides."""
    _sector(c, LAYER.HEATER, radius - heater_width / 2, radius + heater_width / 2, 0, 180)
    for sign in (1, -1):
        x0 = sign * (radius - heater_width / 2)
        rect(
            c,
            LAYER.HEATER,
            min(x0, sign * x_heater),
            -lead,
            max(x0, sign * x_heater),
            0.0,
        )


def _pads_and_leads(
    c,
    heater: bool,
    pad_pitch: float,
    r_out: float,
    x_heater: float,
    y_heater: float,
    p_via,
    openings: bool = True,
) -> Any:
    """Four pads north of the ring and the M2 leads to them: heater, N, P, heater.

    The heater's via stacks are drawn either way (from M1 when there is no heater), so the
    pad frame stays the same. Returns the pad array's reference.
    """
    side = TECH.pad_side()
    heater_stack = via_stack(
        size=(3.0, 3.0), layers=contact_layers("HEATER" if heater else "M1", "M2")
    )
    y_jog = r_out + _PAD_DROP
    y_pad = y_jog + _LEAD / 2 + _PAD_DROP + side / 2
    row = dict(count=4, pitch=pad_pitch, orientation=90)
    pads = c << (pad_row(**row) if openings else pad_row(**row, with_openings=False))
    pads.dmove((-1.5 * pad_pitch, y_pad))
    w = _LEAD / 2
    bottom = y_pad - side / 2
    for sign, x_pad in ((-1, -1.5 * pad_pitch), (1, 1.5 * pad_pitch)):
        (c << heater_stack).dmove((sign * x_heater, y_heater))
        rect(
            c,
            LAYER.M2,
            min(sign * x_heater, x_pad - w),
            y_heater - 1.5,
            max(sign * x_heater, x_pad + w),
            y_heater + 1.5,
        )
        rect(c, LAYER.M2, x_pad - w, y_heater, x_pad + w, bottom)
    for (x0, y0), x_pad in (((0.0, 0.0), -0.5 * pad_pitch), (p_via, 0.5 * pad_pitch)):
        rect(c, LAYER.M2, x0 - w, y0, x0 + w, y_jog + w)
        rect(c, LAYER.M2, min(x0, x_pad) - w, y_jog - w, max(x0, x_pad) + w, y_jog + w)
        rect(c, LAYER.M2, x_pad - w, y_jog, x_pad + w, bottom)
    return pads


@quiet("with_pads", device_cell)
def ring_modulator(
    radius: float = 7.5,
    width: float = 0.4,
    gap: float = 0.2,
    junction: str = "lateral",
    junction_offset: float = 0.0,
    intermediate_offset: float = 0.15,
    contact_offset: float = 1.0,
    heater: bool = True,
    heater_width: float = 2.0,
    pad_pitch: float = TECH.pad_pitch_probe,
    heater_lead_width: float = 4.0,
    with_pads: bool = True,
) -> gf.Component:
    """All-pass PN-junction ring modulator (rib) with a TiN heater, contacts and four pads.

    ::

               e1 (heater)   e2 (N)   e3 (P)   e4 (heater)      pads at pad_pitch
                  |            |        |          |
                  |          .-|--------|-.        |            P++ contacts on an M1 arc
                  |        /   N++ centre   \\      |            (30-150 deg), N++ contact at
                  +=====  (    ring (PN)     )  ===+            the centre; heater over the
                           \\               /                    upper half of the ring
        o1 ___________________________________________ o2      rib bus, strip ports

    The junction is lateral, N inside and P outside (``junction_offset`` + outwards), over the
    ring except a wedge at the bus, where the implants would reach it. Ports: o1 in, o2
    through (all-pass: a transmitter needs no drop port).

    Args:
        radius: ring radius in um (>= rule XS.R.pn_ring; published rings: 5-10 um).
        width: rib core width in um (ring and bus).
        gap: bus-ring gap in um (>= WG space, 2 nm step).
        junction: ``lateral`` (the one junction drawn).
        junction_offset: junction position from the core centre in um (+ outwards, to P).
        intermediate_offset: N+/P+ edges beyond the core edges in um.
        contact_offset: N++/P++ edges beyond the core edges in um (>= rule NPP.SEP.1).
        heater: draw the heater (its pads are drawn either way, for a fixed pad frame).
        heater_width: TiN width in um (>= rule HEATER.W.1).
        pad_pitch: pad pitch in um.
        heater_lead_width: TiN width of the heater's two straight legs in um (>= heater_width,
            <= radius): wider legs take fewer of the heater's squares, so less of its power is
            spent off the ring and more reaches it from the 3.3 V rail. With the 2 um arc: 16.0
            squares, 160 Ohm, 67.9 mW (about one FSR of tuning, 69.7 mW, so any resonance
            placement locks with one FSR wrap); a 1 um arc with 1 um legs was 38.6 squares and
            28.2 mW, a third of an FSR.
        with_pads: draw the pads' passivation openings; False leaves the same metal as covered
            landings (ports unchanged) for a routed electrical interface.
    """
    require_flag("heater", heater)
    require_flag("with_pads", with_pads)
    if not heater_width <= heater_lead_width <= radius:
        raise ValueError(
            f"heater_lead_width={heater_lead_width} um must lie in [heater_width={heater_width}, "
            f"radius={radius}] um"
        )
    centre = _validate_ring_modulator(
        radius,
        width,
        gap,
        junction,
        junction_offset,
        intermediate_offset,
        contact_offset,
        heater_width,
        pad_pitch,
    )
    edge = width / 2
    sep = RULES["HEATER.SEP.1"].value
    r_contact = max(radius + edge + contact_offset, radius + heater_width / 2 + sep) + 1.52
    r_out = r_contact + 1.0
    y_bus = -(radius + width + gap)
    # the doped sectors stop where their outer corner would come within NPP.SEP.1 of the bus
    reach = (radius + gap + edge - RULES["PPP.SEP.1"].value - 0.2) / r_out
    a0 = -math.floor(math.degrees(math.asin(max(min(reach, 1.0), 0.0))))
    a1 = 180.0 - a0

    c = gf.Component()
    r_slab = _ring_and_implants(
        c,
        radius,
        width,
        junction_offset,
        intermediate_offset,
        contact_offset,
        r_out,
        y_bus,
        (a0, a1),
    )
    p_via = _ring_contacts(c, centre, r_contact)
    left, right, length_bus = _bus(c, width, r_out, y_bus)
    x_heater = round(r_out + 3.0, 3)
    y_heater = -heater_lead_width / 2
    if heater:
        _heater(c, radius, heater_width, x_heater, heater_lead_width)
    pads = _pads_and_leads(c, heater, pad_pitch, r_out, x_heater, y_heater, p_via, with_pads)
    c.add_port("o1", port=left.ports["o1"])
    c.add_port("o2", port=right.ports["o1"])
    for k in range(4):
        c.add_port(f"e{k + 1}", port=pads.ports[f"e{k + 1}"])
    c.info["doped_fraction"] = round((a1 - a0) / 360.0, 6)
    c.info["length"] = round(2 * math.pi * radius, 6)
    c.info["length_bus"] = length_bus
    c.info["contact_distance"] = round(r_contact - radius - edge, 6)
    c.info["slab_radius"] = round(r_slab, 6)
    c.info["centre_contact"] = round(centre, 6)
    c.info["lead_width"] = _LEAD
    # the heater's current runs a leg, the half ring (at its mid radius) and the other leg
    legs = 2 * (x_heater - radius + heater_width / 2)
    c.info["heater_lead_width"] = heater_lead_width
    c.info["heater_squares"] = round(math.pi * radius / heater_width + legs / heater_lead_width, 6)
    return c
