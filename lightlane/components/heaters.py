"""Thermal phase shifter: a TiN filament over a waveguide, contacted at both ends, with DC pads.

Design choice: the filament runs straight over the core (no lateral offset). The TiN sits 0.98 um
above the 220 nm core (layer stack: core top at 0.22 um, heater at 1.2 um), far enough that the
metal adds no measurable loss (the TE field decays ~10 /um into the oxide: exp(-20) in power) and
close enough for the best efficiency a non-undercut heater can give. At each end the TiN turns north
into a leg as wide as the contact, so the legs hold < 1 % of the resistance and nearly all the power
is dissipated over the waveguide. The contacts (via stacks HEATER -> M1 -> M2) keep their M1 at
least HEATER.SEP.1 from the filament, and M2 leads run north to two DC pads.
"""

from __future__ import annotations

import gdsfactory as gf
from gdsfactory.cross_section import CrossSection

from lightlane.components import waveguides as wg
from lightlane.components._checks import (
    cross_section_with_width,
    device_cell,
    rect,
    require_on_grid,
    require_positive,
)
from lightlane.components.pads import pad, require_pad_pitch, via_stack
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES

__all__ = ["HEATED_CROSS_SECTIONS", "heater_phase_shifter"]

HEATED_CROSS_SECTIONS = ("strip", "strip_c", "rib")
"""Cross-sections with an optical model that a heater may sit on."""


def _validate_heater(
    cross_section: str,
    length: float,
    heater_width: float,
    contact_size: float,
    with_pads: bool,
    pad_pitch: float,
) -> CrossSection:
    """Refuse bad parameters before drawing; return the waveguide's cross-section."""
    if cross_section not in HEATED_CROSS_SECTIONS:
        raise ValueError(
            f"cross_section={cross_section!r}: a heater is modelled over "
            f"{', '.join(HEATED_CROSS_SECTIONS)} only"
        )
    xs = cross_section_with_width(cross_section, None)
    require_positive("length", length)
    require_on_grid("length", length)
    # The two contacts' M2 face each other across the filament: keep them M2.S.1 apart.
    RULES.require_at_least("length", length, "M2.S.1", "heated length (M2 space of the contacts)")
    RULES.require_width("heater_width", heater_width, "HEATER")
    RULES.require_width("contact_size", contact_size, "M2")
    RULES.require_at_least(
        "contact_size", contact_size, None, "contact size (heater_width)", minimum=heater_width
    )
    if contact_size > TECH.pad_side():
        raise ValueError(
            f"contact_size={contact_size:g} um exceeds the {TECH.pad_side():g} um pad; "
            f"use contact_size <= {TECH.pad_side():g}"
        )
    if with_pads:
        require_pad_pitch("pad_pitch", pad_pitch, TECH.pad_opening)
    return xs


def _dc_pads(
    c, total: float, x_contacts: tuple, y_contact: float, contact_size: float, pad_pitch: float
) -> list:
    """Two DC pads north of the contacts, centred on the ``total`` um core, and their M2 leads.

    Returns the pads' north faces (e2), west pad first.
    """
    side = TECH.pad_side()
    spread = max(pad_pitch, x_contacts[1] - x_contacts[0])
    centre = total / 2
    top = y_contact + contact_size / 2
    jog = top + TECH.pad_clearance / 2
    pad_y = top + TECH.pad_clearance + side / 2
    unit = pad()
    w = contact_size / 2
    faces = []
    for x, sign in zip(x_contacts, (-1, 1), strict=True):
        x_pad = centre + sign * spread / 2
        # A Manhattan lead: up from the contact, across to the pad's axis, up into the pad.
        rect(c, LAYER.M2, x - w, top - w, x + w, jog + w)
        rect(c, LAYER.M2, min(x, x_pad) - w, jog - w, max(x, x_pad) + w, jog + w)
        rect(c, LAYER.M2, x_pad - w, jog - w, x_pad + w, pad_y)
        ref = c << unit
        ref.dmove((x_pad, pad_y))
        faces.append(ref.ports["e2"])
    return faces


@device_cell
def heater_phase_shifter(
    length: float = 100.0,
    cross_section: str = "strip",
    heater_width: float = 2.0,
    contact_size: float = 10.0,
    with_pads: bool = True,
    pad_pitch: float = TECH.pad_pitch_probe,
) -> gf.Component:
    """A TiN heater over a waveguide: the thermal phase shifter of MZIs, rings and bias points.

    ::

           e1 ____                      ____ e2        (with_pads: DC pads at pad_pitch)
             |pad |                    |pad |
             |____|                    |____|
                |  M2 leads              |
              [via]                    [via]          via stacks HEATER -> M2
               |#|======== TiN ========|#|
        o1 ─────────────── core ───────────────── o2
             contact <---- length ---> contact

    The core runs ``length + 2 * contact_size``; the filament heats ``length`` of it between
    the legs. Without pads, e1 and e2 are the north faces (M2) of the two via stacks, for a
    larger circuit to route to.

    Args:
        length: heated length in um (filament between the contact legs), on the grid.
        cross_section: waveguide under the heater: ``strip``, ``strip_c`` or ``rib``.
        heater_width: TiN filament width in um (>= rule HEATER.W.1, on a 2 nm step).
        contact_size: side of the square via stacks and width of the legs and M2 leads in um
            (>= rule M2.W.1, at most the pad side).
        with_pads: draw the two DC pads; False exposes the via stacks' M2 faces instead.
        pad_pitch: centre-to-centre pitch of the pads in um (>= PADOPEN.S.1 + opening); pads
            sit further apart when the contacts are.
    """
    xs = _validate_heater(cross_section, length, heater_width, contact_size, with_pads, pad_pitch)
    half = heater_width / 2
    total = length + 2 * contact_size
    # M1 of the contacts keeps HEATER.SEP.1 from the filament even where the rule would exempt it.
    y_contact = half + RULES["HEATER.SEP.1"].value + contact_size / 2
    x_contacts = (contact_size / 2, total - contact_size / 2)

    c = gf.Component()
    core = c << wg.straight(length=total, cross_section=cross_section)
    c.add_port("o1", port=core.ports["o1"])
    c.add_port("o2", port=core.ports["o2"])
    rect(c, LAYER.HEATER, 0, -half, total, half)
    contact = via_stack(width=contact_size, height=contact_size, bottom="HEATER", top="M2")
    faces = []
    for x in x_contacts:
        rect(c, LAYER.HEATER, x - contact_size / 2, -half, x + contact_size / 2, y_contact)
        ref = c << contact
        ref.dmove((x, y_contact))
        faces.append(ref.ports["e2"])
    if with_pads:
        faces = _dc_pads(c, total, x_contacts, y_contact, contact_size, pad_pitch)
    for k, face in enumerate(faces):
        c.add_port(f"e{k + 1}", port=face)

    c.info["length_waveguide"] = float(total)
    c.info["width"] = float(xs.width)
    c.info["squares"] = float(round(length / heater_width, 6))
    return c
