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

from typing import Any

import gdsfactory as gf
from gdsfactory.cross_section import CrossSection

from lightlane.components import waveguides as wg
from lightlane.components._checks import (
    cross_section_with_width,
    device_cell,
    quiet,
    rect,
    require_choice,
    require_flag,
    require_length,
    require_number,
    require_positive,
)
from lightlane.components.pads import pad, require_pad_pitch
from lightlane.components.vias import contact_layers, via_stack
from lightlane.pdk.guides import guide
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES

__all__ = ["HEATED_CROSS_SECTIONS", "heater_phase_shifter", "straight_heater_metal"]

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
    xs = cross_section_with_width(cross_section, None)
    if guide(xs).model not in HEATED_CROSS_SECTIONS:
        raise ValueError(
            f"cross_section={getattr(cross_section, 'name', cross_section)!r}: a heater is "
            f"modelled over {', '.join(HEATED_CROSS_SECTIONS)} guides only"
        )
    require_flag("with_pads", with_pads)
    require_length("length", length)
    # The two contacts' M2 face each other across the filament: keep them M2.S.1 apart.
    RULES.require_at_least("length", length, "M2.S.1", "heated length (M2 space of the contacts)")
    require_positive("heater_width", heater_width, high=TECH.pad_side())
    RULES.require_width("heater_width", heater_width, "HEATER")
    require_positive("contact_size", contact_size, high=TECH.pad_side())
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
        require_number("pad_pitch", pad_pitch, 0.0, 1000.0, open_low=True)
        require_pad_pitch("pad_pitch", pad_pitch, TECH.pad_opening)
    return xs


def _dc_pads(
    c,
    total: float,
    x_contacts: tuple,
    y_contact: float,
    contact_size: float,
    pad_pitch: float,
    openings: bool = True,
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
    unit = pad() if openings else pad(with_opening=False)
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


def _heated_core(
    length: float,
    cross_section: Any,
    heater_width: float,
    contact_size: float,
    contact: gf.Component,
    lead: float,
) -> tuple[gf.Component, list, tuple[float, float], float]:
    """The core, the filament over ``length`` of it between two legs and the ``contact`` via
    stacks north of the legs; ``lead`` um of bare core before and after.

    Returns the component (ports o1, o2), the contacts' north faces, their x and their y.
    """
    half = heater_width / 2
    total = length + 2 * contact_size
    # M1 of the contacts keeps HEATER.SEP.1 from the filament even where the rule would exempt it.
    y_contact = half + RULES["HEATER.SEP.1"].value + contact_size / 2
    x_contacts = (lead + contact_size / 2, lead + total - contact_size / 2)
    c = gf.Component()
    core = c << wg.straight(length=total + 2 * lead, cross_section=cross_section)
    c.add_port("o1", port=core.ports["o1"])
    c.add_port("o2", port=core.ports["o2"])
    rect(c, LAYER.HEATER, lead, -half, lead + total, half)
    faces = []
    for x in x_contacts:
        rect(c, LAYER.HEATER, x - contact_size / 2, -half, x + contact_size / 2, y_contact)
        ref = c << contact
        ref.dmove((x, y_contact))
        faces.append(ref.ports["e2"])
    return c, faces, x_contacts, y_contact


@quiet("pad_openings", device_cell)
def heater_phase_shifter(
    length: float = 100.0,
    cross_section: Any = "strip",
    heater_width: float = 2.0,
    contact_size: float = 10.0,
    with_pads: bool = True,
    pad_pitch: float = TECH.pad_pitch_probe,
    pad_openings: bool = True,
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
        pad_openings: with pads, draw their passivation openings; False leaves the same metal
            as covered landings for a routed electrical interface.
    """
    require_flag("pad_openings", pad_openings)
    xs = _validate_heater(cross_section, length, heater_width, contact_size, with_pads, pad_pitch)
    contact = via_stack(size=(contact_size, contact_size), layers=contact_layers("HEATER", "M2"))
    c, faces, x_contacts, y_contact = _heated_core(
        length, cross_section, heater_width, contact_size, contact, lead=0.0
    )
    total = length + 2 * contact_size
    if with_pads:
        faces = _dc_pads(c, total, x_contacts, y_contact, contact_size, pad_pitch, pad_openings)
    for k, face in enumerate(faces):
        c.add_port(f"e{k + 1}", port=face)

    c.info["length_waveguide"] = float(total)
    c.info["width"] = float(xs.width)
    c.info["squares"] = float(round(length / heater_width, 6))
    return c


@device_cell
def straight_heater_metal(
    length: float = 320.0,
    *,
    length_undercut_spacing: float = 0.0,
    length_undercut: float = 5.0,
    length_straight: float = 0.1,
    length_straight_input: float = 0.1,
    cross_section: Any = "strip",
    cross_section_heater: Any = "heater_metal",
    cross_section_waveguide_heater: Any = "strip_heater_metal",
    cross_section_heater_undercut: Any = None,
    with_undercut: bool = False,
    via_stack: Any = "via_stack_heater_mtop",
    port_orientation1: int | None = None,
    port_orientation2: int | None = None,
    heater_taper_length: float = 5.0,
    ohms_per_square: float | None = None,
) -> gf.Component:
    """gdsfactory's metal-heater straight: the TiN filament of ``cross_section_waveguide_heater``
    over ``length`` of core, contacted at both ends through ``via_stack`` to the top metal.

    ::

               [via_stack]                [via_stack]      e1, e2: their top faces
                  |#|========= TiN =========|#|
        o1 ──lead─────────────── core ──────────────lead── o2

    Drawn as :func:`heater_phase_shifter` without pads (legs as wide as the contacts, whose M1
    keeps HEATER.SEP.1 off the filament), so gdsfactory's taper from the filament to the
    contacts is not drawn: ``heater_taper_length`` is checked (0 to 100 um) and sets nothing.
    The undercut variant (``with_undercut``) is not drawn by this cell.

    Args:
        length: heated length in um, on the grid, up to the die size.
        length_undercut_spacing: gdsfactory's, used only with an undercut (0 to 100 um).
        length_undercut: gdsfactory's, used only with an undercut (0 to 100 um).
        length_straight: bare core in um between the input straight and a contact.
        length_straight_input: bare core in um at each end.
        cross_section: the core's cross-section (a strip or rib).
        cross_section_heater: the heater line's cross-section (its width is checked).
        cross_section_waveguide_heater: core plus filament; its HEATER section sets the
            filament width.
        cross_section_heater_undercut: gdsfactory's, used only with an undercut.
        with_undercut: False; True (the undercut heater) is refused.
        via_stack: the contact cell (called with ``size``); its north face is the port.
        port_orientation1: gdsfactory's orientation of e1: None or 90 (north, the only face).
        port_orientation2: gdsfactory's orientation of e2: None or 90.
        heater_taper_length: gdsfactory's filament taper in um (0 to 100), not drawn.
        ohms_per_square: sheet resistance in Ohm/sq for ``info["resistance"]``; None takes the
            process's TiN (``TECH.heater_sheet_resistance``).
    """
    require_flag("with_undercut", with_undercut)
    if with_undercut:
        raise ValueError("with_undercut=True: the undercut heater is not drawn; use False")
    for name, value in (
        ("length_undercut_spacing", length_undercut_spacing),
        ("length_undercut", length_undercut),
        ("heater_taper_length", heater_taper_length),
    ):
        require_number(name, value, 0.0, 100.0)
    for name, value in (("length_straight", length_straight),
                        ("length_straight_input", length_straight_input)):  # fmt: skip
        require_length(name, value, open_low=False)
    for name, value in (("port_orientation1", port_orientation1),
                        ("port_orientation2", port_orientation2)):  # fmt: skip
        if value is not None:
            require_choice(name, value, (90,))
    sheet = TECH.heater_sheet_resistance if ohms_per_square is None else ohms_per_square
    require_number("ohms_per_square", sheet, 0.0, 1e6, "Ohm/sq", open_low=True)
    cross_section_with_width(cross_section_heater)
    filament = [
        s for s in cross_section_with_width(cross_section_waveguide_heater).sections
        if getattr(s.layer, "name", "") == "HEATER"
    ]  # fmt: skip
    if not filament:
        raise ValueError(
            f"cross_section_waveguide_heater={cross_section_waveguide_heater!r} has no HEATER "
            "section to draw the filament from"
        )
    heater_width = filament[0].width
    contact_size = 10.0
    xs = _validate_heater(cross_section, length, heater_width, contact_size, False, 0.0)
    contact = gf.get_component(via_stack, size=(contact_size, contact_size))
    lead = round(length_straight_input + length_straight, 3)
    c, faces, _, _ = _heated_core(length, cross_section, heater_width, contact_size, contact, lead)
    for k, face in enumerate(faces):
        c.add_port(f"e{k + 1}", port=face)
    c.info["length_waveguide"] = float(length + 2 * contact_size + 2 * lead)
    c.info["width"] = float(xs.width)
    c.info["heater_width"] = float(heater_width)
    c.info["resistance"] = float(round(sheet * length / heater_width, 6))
    return c
