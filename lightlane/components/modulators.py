"""Modulator cells: the traveling-wave depletion MZM and the PN-junction ring modulator.

Both are device cells (flattened): their physics (junction, electrode, ring) lives in
:mod:`lightlane.models.modulators` and :mod:`lightlane.models.junction`, which read the geometry
from ``info``. Every electrode is drawn as connected metal from its silicon contact to its pad.
"""

from __future__ import annotations

import math

import gdsfactory as gf
import numpy as np

from lightlane.components import waveguides as wg
from lightlane.components._checks import device_cell, require_on_grid, require_positive
from lightlane.components.couplers import mmi1x2
from lightlane.components.heaters import heater_phase_shifter
from lightlane.components.pads import PAD_PITCH_PROBE, pad, pad_array, pad_size, via_stack
from lightlane.components.transitions import bend_s, strip_to_rib
from lightlane.models.heaters import SHEET_RESISTANCE_OHM
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.layers import LAYER
from lightlane.pdk.rules import RULES

__all__ = ["ELECTRODES", "mzm_traveling_wave", "ring_modulator"]

ELECTRODES = ("gsg", "gssg")
_OPENING = 50.0  # um: RF pad opening (PADOPEN.W.1)
_FAN = 150.0  # um: electrode fan-out from the pads to the line (raised sine, like the arms)
_TRANSITION = 30.0  # um: strip-to-rib converters at both ends of the phase section
_SPLIT_DX = 100.0  # um: S-bends from the MMI ports to the arm pitch
_CONTACT = 2.0  # um: contact stripe height, the M2 width rule (via stack NPP -> M2)
_TAIL = 10.0  # um: straight beyond the output pads before the combiner's S-bends


def _raised_sine(u: np.ndarray) -> np.ndarray:
    """0 -> 1 with zero slope and curvature at both ends (the S-bends' own profile)."""
    return u - np.sin(2 * np.pi * u) / (2 * np.pi)


def _rect(c: gf.Component, layer, x0: float, y0: float, x1: float, y1: float) -> None:
    c.add_polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], layer=layer)


def _conductors(electrode: str, signal: float, gap: float, ground: float) -> tuple[float, list]:
    """(arm offset Y, [(low, high) of each conductor, top to bottom]) across the line in um.

    GSSG: the two signals sit ``2 gap`` apart, so the odd mode's virtual ground (the symmetry
    plane) is ``gap`` from each signal, as the grounds are: each line is a GSG of (signal, gap).
    """
    inner = gap if electrode == "gssg" else -signal / 2
    y = inner + signal + gap / 2
    top = [(y + gap / 2, y + gap / 2 + ground), (inner, inner + signal)]
    if electrode == "gsg":
        top = top[:1]
        middle = [(-signal / 2, signal / 2)]
    else:
        middle = []
    bottom = [(-hi, -lo) for lo, hi in reversed(top)]
    return y, top + middle + bottom


def _fan(c, x0: float, x1: float, start: tuple, end: tuple) -> None:
    """M2 conductor from y-range ``start`` at x0 to ``end`` at x1 along the raised sine."""
    u = np.linspace(0, 1, 201)
    s = _raised_sine(u)
    x = x0 + (x1 - x0) * u
    lo = start[0] + (end[0] - start[0]) * s
    hi = start[1] + (end[1] - start[1]) * s
    c.add_polygon(np.vstack([np.column_stack([x, lo]), np.column_stack([x, hi])[::-1]]), LAYER.M2)


def _validate_mzm(
    length,
    width,
    contact_offset,
    electrode,
    signal_width,
    gap,
    ground_width,
    pad_pitch,
    termination,
    termination_ohm,
) -> None:
    if electrode not in ELECTRODES:
        raise ValueError(f"electrode={electrode!r} must be one of {ELECTRODES}")
    require_positive("length", length)
    require_on_grid("length", length)
    RULES.require_at_least("length", length, "VIA1.EN.1", "phase-section length", minimum=10.0)
    RULES.require_width("signal_width", signal_width, "M2")
    RULES.require_width("ground_width", ground_width, "M2")
    RULES.require_even_width("gap", gap)
    implant = RULES.min_width("NPP")
    RULES.require_at_least(
        "gap",
        gap,
        "NPP.W.1",
        "electrode gap (core + 2 (contact_offset + N++ band))",
        minimum=width + 2 * (contact_offset + implant),
    )
    side = pad_size(_OPENING)
    by_opening, by_metal = _OPENING + RULES.min_space("PADOPEN"), side + RULES.min_space("M2")
    require_on_grid("pad_pitch", pad_pitch)
    RULES.require_at_least(
        "pad_pitch", pad_pitch, "PADOPEN.S.1", "pad pitch", minimum=max(by_opening, by_metal)
    )
    y, conductors = _conductors(electrode, signal_width, gap, ground_width)
    if termination and electrode == "gsg":
        raise ValueError(
            "termination=True needs electrode='gssg': a GSG signal-to-ground resistor would "
            "cross an optical arm (each arm lies in a signal-ground gap); terminate a GSG line "
            "on its far pads instead"
        )
    if termination:
        widest = SHEET_RESISTANCE_OHM * 2 * gap / RULES.min_width("HEATER")
        if not 0 < termination_ohm <= widest:
            raise ValueError(
                f"termination_ohm={termination_ohm:g} Ohm: a TiN strip across the {2 * gap:g} um "
                f"signal-signal gap at {SHEET_RESISTANCE_OHM:g} Ohm/sq and >= "
                f"{RULES.min_width('HEATER'):g} um wide (rule HEATER.W.1) gives at most "
                f"{widest:g} Ohm; use 0 < termination_ohm <= {widest:g} or a wider gap"
            )


@device_cell
def mzm_traveling_wave(
    length: float = 2000.0,
    width: float = 0.4,
    junction_offset: float = 0.0,
    intermediate_offset: float = 0.15,
    contact_offset: float = 1.0,
    electrode: str = "gssg",
    signal_width: float = 10.0,
    gap: float = 5.0,
    ground_width: float = 40.0,
    pad_pitch: float = PAD_PITCH_PROBE,
    termination: bool = True,
    termination_ohm: float = 72.0,
    heater_length: float = 100.0,
):
    """Traveling-wave depletion MZM: MMI, two PN rib arms under a coplanar electrode, MMI.

    ::

        e1 G ]\\___________________________________________/[ G e5     heater (bias) on the
        e2 S ]/  ====== arm 1 (PN rib) in the gap ======  \\[ S e6     top arm, left of the pads:
     o1 -<     (gssg: e3 S, e4 G; gsg: e3 G)              >- o2    e9, e10
        e3 S ]\\  ====== arm 2 (PN rib) in the gap ======  /[ S e7
        e4 G ]/‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾\\[ G e8
                   <------------- length ------------->

    Each arm is a rib with a lateral PN junction (cross-section ``pn``: N towards the signal,
    P towards the ground; N+/P+ and N++/P++ further out) in the middle of a signal-ground gap,
    contacted by NPP/PPP -> M2 via stacks flush with the electrode edges. The electrode fans out
    along raised sines to RF pads at ``pad_pitch`` at both ends; the arms follow the gaps'
    centre lines through the fans and between the pads, so no metal crosses a waveguide.

    - ``gssg``: differential push-pull; each arm is driven by its own signal (S1 top, S2
      bottom). ``termination`` draws a TiN resistor of ``termination_ohm`` between S1 and S2
      at the far end (each line of the odd mode sees half of it).
    - ``gsg``: single drive of arm 1 (top); arm 2 carries the same doping, uncontacted, so the
      arms' losses match. Terminate it on the far pads.

    Args:
        length: doped phase-section length in um (DOMAIN.md: 1.5-3 mm).
        width: rib core width in um.
        junction_offset: junction position from the core centre in um (+ towards P).
        intermediate_offset: N+/P+ edges beyond the core edges in um.
        contact_offset: N++/P++ edges beyond the core edges in um (>= rule NPP.SEP.1).
        electrode: ``gssg`` (push-pull, differential) or ``gsg`` (single drive).
        signal_width: signal conductor width in um (M2).
        gap: signal-ground gap in um; the arm lies in its middle and the contacts at its edges.
        ground_width: ground conductor width in um.
        pad_pitch: RF pad pitch in um (100 um GSG/GSSG probes).
        termination: draw the on-chip termination (gssg only).
        termination_ohm: resistance of the termination between S1 and S2 in Ohm.
        heater_length: heated length of the bias heater in um (strip, on arm 1).
    """
    _validate_mzm(
        length,
        width,
        contact_offset,
        electrode,
        signal_width,
        gap,
        ground_width,
        pad_pitch,
        termination,
        termination_ohm,
    )
    y_arm, conductors = _conductors(electrode, signal_width, gap, ground_width)
    xs = get_cross_section(
        "pn",
        width=width,
        junction_offset=junction_offset,
        intermediate_offset=intermediate_offset,
        contact_offset=contact_offset,
        doped_half_width=gap / 2,
    )
    count = len(conductors)
    pad_y = [((count - 1) / 2 - k) * pad_pitch for k in range(count)]
    y_pads = (pad_y[0] + pad_y[1]) / 2  # the arms pass between the two top (bottom) pads
    side = pad_size(_OPENING)
    split = mmi1x2()
    heater = heater_phase_shifter(length=heater_length)
    heater_core = heater.info["length_waveguide"]
    y_split = split.ports["o2"].center[1]

    c = gf.Component()
    first = c << split
    first.dmove((-first.ports["o1"].center[0], 0))
    strip_length = 0.0
    ends = []
    enclosure, spacing = RULES["PADOPEN.EN.1"].value, RULES["PADOPEN.S.1"].value
    # RF pad openings keep PADOPEN.S.1 from the heater's (its bbox ends at its right pad)
    x_pad = heater.dbbox().right - enclosure + spacing + _OPENING / 2
    for sign in (1, -1):  # top arm, then its mirror image
        pieces = [
            bend_s(dx=_SPLIT_DX, dy=round(y_pads - y_split, 3)),
            heater if sign == 1 else wg.straight(length=heater_core),
            wg.straight(length=round(x_pad + side / 2 - heater_core, 3)),
            bend_s(dx=_FAN, dy=round(y_arm - y_pads, 3)),
            strip_to_rib(length=_TRANSITION, width=width, slab_width=gap),
            gf.path.extrude(gf.path.straight(length=length), cross_section=xs),
            strip_to_rib(length=_TRANSITION, width=width, slab_width=gap),
            bend_s(dx=_FAN, dy=round(y_pads - y_arm, 3)),
            wg.straight(length=side + _TAIL),
            bend_s(dx=_SPLIT_DX, dy=round(y_split - y_pads, 3)),
        ]
        port = first.ports["o2" if sign == 1 else "o3"]
        refs = []
        for k, piece in enumerate(pieces):
            ref = c << piece
            flip = k == 6  # the output converter runs rib -> strip
            ref.connect("o2" if flip else "o1", port, mirror=sign == -1)
            port = ref.ports["o1" if flip else "o2"]
            refs.append(ref)
            if sign == 1 and k not in (1, 4, 5, 6):
                strip_length += piece.info["length"]
        ends.append((port, refs))
    strip_length += heater_core
    last = c << split
    last.dmirror_x()
    last.dmove(np.subtract(ends[0][0].center, last.ports["o2"].center).tolist())
    miss = math.dist(ends[1][0].center, last.ports["o3"].center)
    if miss > 2 * RULES.grid:
        raise RuntimeError(f"mzm arms miss the combiner by {miss:.4f} um")

    top_refs = ends[0][1]
    x_pl = top_refs[2].ports["o2"].center[0] - side / 2  # left pad column centre
    x_line = (top_refs[4].ports["o1"].center[0], top_refs[6].ports["o1"].center[0])
    x_pr = x_line[1] + _FAN + side / 2
    x_dope = (top_refs[5].ports["o1"].center[0], top_refs[5].ports["o2"].center[0])
    unit = pad(opening=_OPENING)
    ports = []
    for k, (y, (lo, hi)) in enumerate(zip(pad_y, conductors, strict=True)):
        pad_range = (y - side / 2, y + side / 2)
        _fan(c, x_pl + side / 2, x_line[0], pad_range, (lo, hi))
        _rect(c, LAYER.M2, x_line[0], lo, x_line[1], hi)
        _fan(c, x_line[1], x_pr - side / 2, (lo, hi), pad_range)
        for x, face in ((x_pl, "e1"), (x_pr, "e3")):
            ref = c << unit
            ref.dmove((x, y))
            ports.append((x > x_pl, k, ref.ports[face]))
    contact = via_stack(width=length, height=_CONTACT, bottom="NPP", top="M2")
    contact_p = via_stack(width=length, height=_CONTACT, bottom="PPP", top="M2")
    x_mid = (x_dope[0] + x_dope[1]) / 2
    for sign in (1, -1) if electrode == "gssg" else (1,):
        for stack, y in (
            (contact, y_arm - gap / 2 - _CONTACT / 2),
            (contact_p, y_arm + gap / 2 + _CONTACT / 2),
        ):
            (c << stack).dmove((x_mid, sign * y))
    drawn_ohm = None
    if termination:
        x_t = x_line[1] - _TRANSITION / 2
        strip = round(SHEET_RESISTANCE_OHM * 2 * gap / termination_ohm / 0.002) * 0.002
        drawn_ohm = SHEET_RESISTANCE_OHM * 2 * gap / strip
        ends_stack = via_stack(width=max(strip, _CONTACT), height=_CONTACT, bottom="HEATER")
        for sign in (1, -1):
            (c << ends_stack).dmove((x_t, sign * (gap + _CONTACT / 2)))
        _rect(c, LAYER.HEATER, x_t - strip / 2, -gap - _CONTACT, x_t + strip / 2, gap + _CONTACT)
    c.add_port("o1", port=first.ports["o1"])
    c.add_port("o2", port=last.ports["o1"])
    for n, (_, _, port) in enumerate(sorted(ports, key=lambda p: (p[0], p[1])), start=1):
        c.add_port(f"e{n}", port=port)
    for k, name in enumerate(("e1", "e2")):
        c.add_port(f"e{2 * count + k + 1}", port=top_refs[1].ports[name])
    c.info["contact_distance"] = round(gap / 2 - width / 2, 6)
    c.info["length_strip"] = round(float(strip_length), 6)
    c.info["length_rib"] = 2 * _TRANSITION
    c.info["width_strip"] = float(get_cross_section("strip").width)
    c.info["termination_ohm_drawn"] = None if drawn_ohm is None else round(drawn_ohm, 3)
    c.info["heater_width"] = float(heater.settings["heater_width"])
    c.info["splitter_geometry"] = {**dict(split.settings), **dict(split.info)}
    return c


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


@device_cell
def ring_modulator(
    radius: float = 7.5,
    width: float = 0.4,
    gap: float = 0.2,
    junction: str = "lateral",
    junction_offset: float = 0.0,
    intermediate_offset: float = 0.15,
    contact_offset: float = 1.0,
    heater: bool = True,
    heater_width: float = 1.0,
    pad_pitch: float = PAD_PITCH_PROBE,
):
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
        radius: ring radius in um (>= rule XS.R.pn_ring; DOMAIN.md: 5-10 um).
        width: rib core width in um (ring and bus).
        gap: bus-ring gap in um (>= WG space, 2 nm step).
        junction: ``lateral`` (the one junction drawn).
        junction_offset: junction position from the core centre in um (+ outwards, to P).
        intermediate_offset: N+/P+ edges beyond the core edges in um.
        contact_offset: N++/P++ edges beyond the core edges in um (>= rule NPP.SEP.1).
        heater: draw the heater (its pads are drawn either way, for a fixed pad frame).
        heater_width: TiN width in um (>= rule HEATER.W.1).
        pad_pitch: pad pitch in um.
    """
    if junction != "lateral":
        raise ValueError(f"junction={junction!r}: only 'lateral' is drawn")
    get_cross_section("pn_ring", width=width, radius=radius)  # width and radius rules
    RULES.require_at_least("gap", gap, "WG.S.1", "WG space")
    RULES.require_even_width("gap", gap)
    require_on_grid("radius", radius)
    get_cross_section(
        "pn",
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
    side = pad_size(_OPENING)
    by_opening, by_metal = _OPENING + RULES.min_space("PADOPEN"), side + RULES.min_space("M2")
    RULES.require_at_least(
        "pad_pitch", pad_pitch, "PADOPEN.S.1", "pad pitch", minimum=max(by_opening, by_metal)
    )
    edge = width / 2
    r_contact = max(radius + edge + contact_offset, radius + heater_width / 2 + sep) + 1.52
    r_out = r_contact + 1.0
    y_bus = -(radius + width + gap)
    # the doped sectors stop where their outer corner would come within NPP.SEP.1 of the bus
    reach = (radius + gap + edge - RULES["PPP.SEP.1"].value - 0.2) / r_out
    a0 = -math.floor(math.degrees(math.asin(max(min(reach, 1.0), 0.0))))
    a1 = 180.0 - a0

    c = gf.Component()
    for lo, hi in ((0.0, 180.0), (180.0, 360.0)):
        _sector(c, LAYER.WG, radius - edge, radius + edge, lo, hi)
    # slab: a disc on a rectangle down to the bus slab's edge (no notch where they meet)
    r_slab = r_out + 1.0
    _sector(c, LAYER.SLAB90, 0.0, r_slab, 0.0, 180.0)
    _rect(c, LAYER.SLAB90, -r_slab, y_bus - 3.0, r_slab, 0.0)
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
        _sector(c, layer, r0, r1, a0, a1)
    (c << via_stack(width=centre, height=centre, bottom="NPP", top="M2")).dmove((0, 0))
    angles = (30.0, 60.0, 90.0, 120.0, 150.0)
    for k, angle in enumerate(angles):
        stack = via_stack(
            width=_CONTACT, height=_CONTACT, bottom="PPP", top="M2" if k == 0 else "M1"
        )
        at = (
            round(r_contact * math.cos(math.radians(angle)), 3),
            round(r_contact * math.sin(math.radians(angle)), 3),
        )
        (c << stack).dmove(at)
        if k == 0:
            p_via = at
    _sector(c, LAYER.M1, r_contact - _CONTACT / 2, r_contact + _CONTACT / 2, angles[0], angles[-1])
    bus_xs = get_cross_section("rib", width=width, slab_width=6.0)
    half_bus = round(r_out + 10.0, 3)
    bus = c << gf.path.extrude(gf.path.straight(length=2 * half_bus), cross_section=bus_xs)
    bus.dmove((-half_bus, y_bus))
    converter = strip_to_rib(length=_TRANSITION, width=width, slab_width=6.0)
    left, right = c << converter, c << converter
    left.connect("o2", bus.ports["o1"])
    right.connect("o2", bus.ports["o2"])

    x_heater = round(r_out + 3.0, 3)
    y_heater = -heater_width / 2 - 0.5
    if heater:
        _sector(c, LAYER.HEATER, radius - heater_width / 2, radius + heater_width / 2, 0, 180)
        for sign in (1, -1):
            x0 = sign * (radius - heater_width / 2)
            _rect(
                c,
                LAYER.HEATER,
                min(x0, sign * x_heater),
                -heater_width,
                max(x0, sign * x_heater),
                0.0,
            )
    heater_stack = via_stack(width=3.0, height=3.0, bottom="HEATER" if heater else "M1")
    y_jog = r_out + _PAD_DROP
    y_pad = y_jog + _LEAD / 2 + _PAD_DROP + side / 2
    pads = c << pad_array(count=4, pitch=pad_pitch, opening=_OPENING, orientation=90)
    pads.dmove((-1.5 * pad_pitch, y_pad))
    w = _LEAD / 2
    bottom = y_pad - side / 2
    for sign, x_pad in ((-1, -1.5 * pad_pitch), (1, 1.5 * pad_pitch)):
        (c << heater_stack).dmove((sign * x_heater, y_heater))
        _rect(
            c,
            LAYER.M2,
            min(sign * x_heater, x_pad - w),
            y_heater - 1.5,
            max(sign * x_heater, x_pad + w),
            y_heater + 1.5,
        )
        _rect(c, LAYER.M2, x_pad - w, y_heater, x_pad + w, bottom)
    for (x0, y0), x_pad in (((0.0, 0.0), -0.5 * pad_pitch), (p_via, 0.5 * pad_pitch)):
        _rect(c, LAYER.M2, x0 - w, y0, x0 + w, y_jog + w)
        _rect(c, LAYER.M2, min(x0, x_pad) - w, y_jog - w, max(x0, x_pad) + w, y_jog + w)
        _rect(c, LAYER.M2, x_pad - w, y_jog, x_pad + w, bottom)
    c.add_port("o1", port=left.ports["o1"])
    c.add_port("o2", port=right.ports["o1"])
    for k in range(4):
        c.add_port(f"e{k + 1}", port=pads.ports[f"e{k + 1}"])
    c.info["doped_fraction"] = round((a1 - a0) / 360.0, 6)
    c.info["length"] = round(2 * math.pi * radius, 6)
    c.info["length_bus"] = round(2 * half_bus + 2 * _TRANSITION, 6)
    c.info["contact_distance"] = round(r_contact - radius - edge, 6)
    return c
