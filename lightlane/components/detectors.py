"""Germanium photodiode: a vertical PIN of Ge grown on a P-doped silicon pad, with RF pads.

The strip input tapers to a silicon pad (WG) under the germanium (GE, enclosed by GE.EN.1).
The silicon is P doped and reaches, through 90 nm slab wings, two P++ contacts kept
PPP.SEP.1 clear of the pad's core silicon; the top of the Ge carries the N++ (GEN) contact. The
intrinsic Ge between them (0.4 um: 500 nm Ge less the 100 nm GEN, see the layer stack) is the
absorber and the drift region. M2 leads bring the N contact to the signal pad and the P contacts
to the ground pads of a GSG (or GS) probe pad column at the 100 um probe pitch, east of the
device; the light enters from the west.
"""

from __future__ import annotations

import gdsfactory as gf

from lightlane.components import waveguides as wg
from lightlane.components._checks import (
    device_cell,
    quiet,
    rect,
    require_choice,
    require_flag,
    require_number,
    require_on_grid,
    require_positive,
    require_taper_angle,
)
from lightlane.components.pads import pad, require_pad_pitch
from lightlane.components.vias import contact_layers, via_stack
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.electrode import parallel_plate_capacitance_ff

__all__ = [
    "CONTACT_HEIGHT",
    "P_CONTACT_GAP",
    "check_absorber",
    "draw_absorber",
    "photodetector_ge",
]

CONTACT_HEIGHT = RULES.min_width("M2")
"""um: width of the contact stripes and M2 leads (the M2.W.1 minimum: small capacitance)."""
P_CONTACT_GAP = 1.0
"""um from the silicon pad's edge to a P++ contact (>= PPP.SEP.1 = 0.8: no mode loading)."""
_GEN_INSET = 0.5  # um of Ge around the GEN stripe along x (>= GEN.EN.1 = 0.2, for alignment)


def _check(ge_length: float, ge_width: float, taper_length: float, pads: str, pitch: float):
    """Refuse a geometry that would break a rule, naming the parameter and the rule."""
    require_choice("pads", pads, ("gsg", "gs"))
    require_number("pad_pitch", pitch, 0.0, 1000.0, open_low=True)
    check_absorber(ge_length, ge_width, taper_length)
    require_pad_pitch("pad_pitch", pitch, TECH.pad_opening)


def check_absorber(ge_length: float, ge_width: float, taper_length: float) -> None:
    """Refuse a photodiode body (:func:`draw_absorber`) that would break a rule."""
    for name, value, high in (
        ("ge_length", ge_length, 1000.0),
        ("ge_width", ge_width, 100.0),
        ("taper_length", taper_length, 1000.0),
    ):
        require_number(name, value, 0.0, high, open_low=True)
    enclosure = RULES["GE.EN.1"].value
    RULES.require_width("ge_width", ge_width, "GE")
    RULES.require_width("ge_length", ge_length, "GE")
    # The N stripe on the Ge and the P contacts beside the silicon keep M2.S.1 apart.
    by_space = 2 * (RULES.min_space("M2") + CONTACT_HEIGHT / 2 - enclosure - P_CONTACT_GAP)
    by_gen = CONTACT_HEIGHT + 2 * RULES["GEN.EN.1"].value
    binding = "M2.S.1" if by_space >= by_gen else "GEN.EN.1"
    RULES.require_at_least("ge_width", ge_width, binding, "Ge width", minimum=max(by_space, by_gen))
    RULES.require_at_least(
        "ge_length",
        ge_length,
        "M2.W.1",
        "Ge length (N contact stripe)",
        minimum=RULES.min_width("M2") + 2 * _GEN_INSET,
    )
    RULES.require_at_least("ge_length * ge_width", ge_length * ge_width, "GE.A.1")
    require_positive("taper_length", taper_length)
    require_on_grid("taper_length", taper_length)
    core = get_cross_section("strip").width
    pad_width = ge_width + 2 * enclosure
    require_taper_angle("taper_length", taper_length, core, pad_width)


def draw_absorber(
    c: gf.Component, ge_length: float, ge_width: float, taper_length: float, sides: tuple
) -> dict[str, float]:
    """Draw the photodiode body into ``c``: the strip input (port o1) and its taper, the silicon
    pad, the Ge with its N contact stripe and the P++ contact stripes on ``sides`` (+1 north, -1
    south), each contacted up to M2. Returns the x of the Ge's east end (``x_ge1``), of the N
    stripe's (``x_n``) and of the silicon's (``x_end``), and the |y| of the P stripe centres
    (``y_p``)."""
    enclosure = RULES["GE.EN.1"].value
    pad_width = ge_width + 2 * enclosure
    x_ge0, x_ge1 = taper_length + enclosure, taper_length + enclosure + ge_length
    x_end = x_ge1 + enclosure
    x_mid = (x_ge0 + x_ge1) / 2
    y_p = pad_width / 2 + P_CONTACT_GAP + CONTACT_HEIGHT / 2  # P contact stripe centres
    outer = y_p + CONTACT_HEIGHT / 2
    core = get_cross_section("strip").width
    taper = c << wg.taper(length=taper_length, width1=core, width2=pad_width)
    c.add_port("o1", port=taper.ports["o1"])
    rect(c, LAYER.WG, taper_length, -pad_width / 2, x_end, pad_width / 2)
    rect(c, LAYER.GE, x_ge0, -ge_width / 2, x_ge1, ge_width / 2)
    rect(c, LAYER.SLAB90, x_ge0, -outer, x_ge1, outer)
    rect(c, LAYER.P, taper_length, -outer, x_end, outer)
    n_contact = c << via_stack(
        size=(ge_length - 2 * _GEN_INSET, CONTACT_HEIGHT), layers=contact_layers("GEN", "M2")
    )
    n_contact.dmove((x_mid, 0))
    p_contact = via_stack(size=(ge_length, CONTACT_HEIGHT), layers=contact_layers("PPP", "M2"))
    for sign in sides:
        ref = c << p_contact
        ref.dmove((x_mid, sign * y_p))
    c.info["silicon_width"] = float(pad_width)
    c.info["width"] = float(core)
    return {"x_end": x_end, "x_ge1": x_ge1, "x_n": x_ge1 - _GEN_INSET, "y_p": y_p}


@quiet("with_pads", device_cell)
def photodetector_ge(
    ge_length: float = 10.0,
    ge_width: float = 3.0,
    taper_length: float = 20.0,
    pads: str = "gsg",
    pad_pitch: float = TECH.pad_pitch_probe,
    with_pads: bool = True,
) -> gf.Component:
    """Vertical Ge-on-Si PIN photodiode with a strip input and a GSG or GS probe pad column.

    ::

                         P++ ==========         ____
                             | slab  |    __ G |    | e1
        o1 ────taper──── [WG [ Ge+GEN ]] ───── S|    | e2     (gsg; gs: S, G)
                             | slab  |    __ G |____| e3
                         P++ ==========

    Args:
        ge_length: germanium length along the light in um (absorption: ~98 % of 1310 nm light
            in 10 um, see :mod:`lightlane.models.detectors`).
        ge_width: germanium width in um; sets the junction area (capacitance).
        taper_length: length in um of the strip-to-pad taper (half-angle <= 8 deg).
        pads: ``"gsg"`` (P contacts on both sides, two grounds) or ``"gs"`` (south P contact).
        pad_pitch: pad centre-to-centre pitch in um (100 um RF probes).
        with_pads: draw the pads' passivation openings; False leaves the same metal as covered
            landings (ports unchanged) for a routed electrical interface.
    """
    require_flag("with_pads", with_pads)
    _check(ge_length, ge_width, taper_length, pads, pad_pitch)
    c = gf.Component()
    sides = (1, -1) if pads == "gsg" else (-1,)
    a = draw_absorber(c, ge_length, ge_width, taper_length, sides)
    x_end, x_ge1, y_p = a["x_end"], a["x_ge1"], a["y_p"]

    side = TECH.pad_side()
    x_turn = x_end + TECH.pad_clearance / 2
    x_pad = x_end + TECH.pad_clearance + side / 2
    h = CONTACT_HEIGHT / 2
    # Signal: straight east from the N stripe into the signal pad.
    rect(c, LAYER.M2, x_ge1 - _GEN_INSET - h, -h, x_pad, h)
    grounds = {sign: sign * pad_pitch for sign in sides}
    for sign, y_pad in grounds.items():
        # Ground: east from a P stripe, turn away from the signal, east into its pad.
        y0 = sign * y_p
        rect(c, LAYER.M2, x_ge1 - h, y0 - h, x_turn + h, y0 + h)
        rect(c, LAYER.M2, x_turn - h, min(y0, y_pad) - h, x_turn + h, max(y0, y_pad) + h)
        rect(c, LAYER.M2, x_turn - h, y_pad - h, x_pad, y_pad + h)
    unit = pad() if with_pads else pad(with_opening=False)
    rows = [0.0, *grounds.values()]
    for number, y in enumerate(sorted(rows, reverse=True), start=1):
        ref = c << unit
        ref.dmove((x_pad, y))
        c.add_port(f"e{number}", port=ref.ports["e3"])

    c.info["pad_roles"] = "GSG" if pads == "gsg" else "SG"
    oxide = STACK["m2"][1] - STACK["box"][1]  # um from the substrate to the bottom of M2
    c.info["pad_capacitance_ff"] = float(round(parallel_plate_capacitance_ff(side**2, oxide), 4))
    return c
