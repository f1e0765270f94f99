"""The traveling-wave depletion MZM cell: MMI, two PN rib arms under a coplanar electrode, MMI.

A device cell (flattened): its physics (junction, electrode) lives in
:mod:`lightlane.physics.junction` and :mod:`lightlane.physics.electrode`, which its model
(:mod:`lightlane.models.mzm`) feeds with the geometry in ``info``. Every electrode is drawn as
connected metal from its silicon contact to its pad.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import gdsfactory as gf
import numpy as np

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
)
from lightlane.components.couplers import mmi1x2
from lightlane.components.heaters import heater_phase_shifter
from lightlane.components.pads import pad
from lightlane.components.transitions import bend_s, strip_to_rib
from lightlane.components.vias import contact_layers, via_stack
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.geometry import raised_sine

__all__ = ["ELECTRODES", "mzm_traveling_wave"]

ELECTRODES = ("gsg", "gssg")
_FAN = 150.0  # um: electrode fan-out from the pads to the line (raised sine, like the arms)
_TRANSITION = 30.0  # um: strip-to-rib converters at both ends of the phase section
_SPLIT_DX = 100.0  # um: S-bends from the MMI ports to the arm pitch
_CONTACT = RULES.min_width("M2")  # um: contact stripe height (via stack NPP -> M2)
_TAIL = 10.0  # um: straight beyond the output pads before the combiner's S-bends


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
    s = raised_sine(u)
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
    require_choice("electrode", electrode, ELECTRODES)
    require_flag("termination", termination)
    for name, value, high in (
        ("width", width, 5.0),
        ("contact_offset", contact_offset, 20.0),
        ("signal_width", signal_width, 500.0),
        ("gap", gap, 500.0),
        ("ground_width", ground_width, 1000.0),
        ("pad_pitch", pad_pitch, 1000.0),
        ("termination_ohm", termination_ohm, 1e4),
    ):
        require_number(name, value, 0.0, high, open_low=True)
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
    side = TECH.pad_side()
    by_opening = TECH.pad_opening + RULES.min_space("PADOPEN")
    by_metal = side + RULES.min_space("M2")
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
        widest = TECH.heater_sheet_resistance * 2 * gap / RULES.min_width("HEATER")
        if not 0 < termination_ohm <= widest:
            raise ValueError(
                f"termination_ohm={termination_ohm:g} Ohm: a TiN strip across the {2 * gap:g} um "
                f"signal-signal gap at {TECH.heater_sheet_resistance:g} Ohm/sq and >= "
                f"{RULES.min_width('HEATER'):g} um wide (rule HEATER.W.1) gives at most "
                f"{widest:g} Ohm; use 0 < termination_ohm <= {widest:g} or a wider gap"
            )


class _Arms(NamedTuple):
    """The optical path as drawn: splitter and combiner references, the top arm's pieces in
    order (S-bend, heater, straight, fan S-bend, converter, phase section, converter, ...) and
    the strip length of one arm in um."""

    first: Any
    last: Any
    top: list
    strip_length: float


def _arms(c, split, heater, xs, length, width, gap, y_arm, y_pads) -> _Arms:
    """Splitter, the two arms (the bottom one the top one's mirror image) and the combiner.

    Each arm runs from the splitter to the pads' row, through the heater (top) or a straight
    of its length (bottom), along the fan into the signal-ground gap, over the doped phase
    section, back out and into the combiner.
    """
    side = TECH.pad_side()
    heater_core = heater.info["length_waveguide"]
    y_split = split.ports["o2"].center[1]
    first = c << split
    first.dmove((-first.ports["o1"].center[0], 0))
    strip_length = 0.0
    ends = []
    enclosure, spacing = RULES["PADOPEN.EN.1"].value, RULES["PADOPEN.S.1"].value
    # RF pad openings keep PADOPEN.S.1 from the heater's (its bbox ends at its right pad)
    x_pad = heater.dbbox().right - enclosure + spacing + TECH.pad_opening / 2
    for sign in (1, -1):  # top arm, then its mirror image
        pieces = [
            bend_s(size=(_SPLIT_DX, round(y_pads - y_split, 3))),
            heater if sign == 1 else wg.straight(length=heater_core),
            wg.straight(length=round(x_pad + side / 2 - heater_core, 3)),
            bend_s(size=(_FAN, round(y_arm - y_pads, 3))),
            strip_to_rib(length=_TRANSITION, width=width, slab_width=gap),
            gf.path.extrude(gf.path.straight(length=length), cross_section=xs),
            strip_to_rib(length=_TRANSITION, width=width, slab_width=gap),
            bend_s(size=(_FAN, round(y_pads - y_arm, 3))),
            wg.straight(length=side + _TAIL),
            bend_s(size=(_SPLIT_DX, round(y_split - y_pads, 3))),
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
    return _Arms(first, last, ends[0][1], strip_length)


def _line_x(arms: _Arms) -> tuple[float, float]:
    """x in um where the straight line starts and ends: the two strip-to-rib converters."""
    return arms.top[4].ports["o1"].center[0], arms.top[6].ports["o1"].center[0]


def _electrode(c, arms: _Arms, pad_y: list, conductors: list, openings: bool = True) -> list:
    """The coplanar line, its raised-sine fans and the pad columns at both ends.

    Returns ``(right column?, row, port)`` of every pad, for numbering e1..eN.
    """
    side = TECH.pad_side()
    x_pl = arms.top[2].ports["o2"].center[0] - side / 2  # left pad column centre
    x_line = _line_x(arms)
    x_pr = x_line[1] + _FAN + side / 2
    unit = pad() if openings else pad(with_opening=False)
    ports = []
    for k, (y, (lo, hi)) in enumerate(zip(pad_y, conductors, strict=True)):
        pad_range = (y - side / 2, y + side / 2)
        _fan(c, x_pl + side / 2, x_line[0], pad_range, (lo, hi))
        rect(c, LAYER.M2, x_line[0], lo, x_line[1], hi)
        _fan(c, x_line[1], x_pr - side / 2, (lo, hi), pad_range)
        for x, face in ((x_pl, "e1"), (x_pr, "e3")):
            ref = c << unit
            ref.dmove((x, y))
            ports.append((x > x_pl, k, ref.ports[face]))
    return ports


def _contacts(c, arms: _Arms, length: float, gap: float, y_arm: float, electrode: str) -> None:
    """NPP and PPP via stacks to M2 along each driven arm, flush with the gap's edges."""
    contact = via_stack(size=(length, _CONTACT), layers=contact_layers("NPP", "M2"))
    contact_p = via_stack(size=(length, _CONTACT), layers=contact_layers("PPP", "M2"))
    doped = arms.top[5]
    x_mid = (doped.ports["o1"].center[0] + doped.ports["o2"].center[0]) / 2
    for sign in (1, -1) if electrode == "gssg" else (1,):
        for stack, y in (
            (contact, y_arm - gap / 2 - _CONTACT / 2),
            (contact_p, y_arm + gap / 2 + _CONTACT / 2),
        ):
            (c << stack).dmove((x_mid, sign * y))


def _termination(c, arms: _Arms, gap: float, termination_ohm: float) -> float:
    """A TiN strip across the signal-signal gap at the far end; returns its drawn Ohm."""
    x_t = _line_x(arms)[1] - _TRANSITION / 2
    step = TECH.even_step
    strip = round(TECH.heater_sheet_resistance * 2 * gap / termination_ohm / step) * step
    drawn_ohm = TECH.heater_sheet_resistance * 2 * gap / strip
    ends_stack = via_stack(
        size=(max(strip, _CONTACT), _CONTACT), layers=contact_layers("HEATER", "M2")
    )
    for sign in (1, -1):
        (c << ends_stack).dmove((x_t, sign * (gap + _CONTACT / 2)))
    rect(c, LAYER.HEATER, x_t - strip / 2, -gap - _CONTACT, x_t + strip / 2, gap + _CONTACT)
    return drawn_ohm


@quiet("with_pads", device_cell)
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
    pad_pitch: float = TECH.pad_pitch_probe,
    termination: bool = True,
    termination_ohm: float = 72.0,
    heater_length: float = 100.0,
    with_pads: bool = True,
) -> gf.Component:
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
        length: doped phase-section length in um (published MZMs: 1.5-3 mm).
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
        with_pads: draw the pads' passivation openings. False leaves the same metal as covered
            landings for a routed electrical interface (:mod:`lightlane.circuits.electrical`);
            a terminated line then exposes only its drive end (e1..e4) and the heater (e9,
            e10): its far end is closed on chip.
    """
    require_flag("with_pads", with_pads)
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
    require_number("junction_offset", junction_offset, -5.0, 5.0)
    require_number("intermediate_offset", intermediate_offset, 0.0, 10.0)
    require_positive("heater_length", heater_length)
    xs = get_cross_section(
        "pn_lateral",
        width=width,
        junction_offset=junction_offset,
        intermediate_offset=intermediate_offset,
        contact_offset=contact_offset,
        doped_half_width=gap / 2,
    )
    count = len(conductors)
    pad_y = [((count - 1) / 2 - k) * pad_pitch for k in range(count)]
    split = mmi1x2()
    heater = (
        heater_phase_shifter(length=heater_length)
        if with_pads
        else heater_phase_shifter(length=heater_length, pad_openings=False)
    )

    c = gf.Component()
    arms = _arms(c, split, heater, xs, length, width, gap, y_arm, (pad_y[0] + pad_y[1]) / 2)
    ports = _electrode(c, arms, pad_y, conductors, with_pads)
    _contacts(c, arms, length, gap, y_arm, electrode)
    drawn_ohm = _termination(c, arms, gap, termination_ohm) if termination else None
    c.add_port("o1", port=arms.first.ports["o1"])
    c.add_port("o2", port=arms.last.ports["o1"])
    for n, (far, _, port) in enumerate(sorted(ports, key=lambda p: (p[0], p[1])), start=1):
        if with_pads or not (far and termination):
            c.add_port(f"e{n}", port=port)
    for k, name in enumerate(("e1", "e2")):
        c.add_port(f"e{2 * count + k + 1}", port=arms.top[1].ports[name])
    c.info["contact_distance"] = round(gap / 2 - width / 2, 6)
    c.info["length_strip"] = round(float(arms.strip_length), 6)
    c.info["length_rib"] = 2 * _TRANSITION
    c.info["width_strip"] = float(get_cross_section("strip").width)
    c.info["termination_ohm_drawn"] = None if drawn_ohm is None else round(drawn_ohm, 3)
    c.info["heater_width"] = float(heater.settings["heater_width"])
    c.info["splitter_geometry"] = {**dict(split.settings), **dict(split.info)}
    return c
