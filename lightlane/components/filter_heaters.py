"""Heaters of the thermally held CWDM4 filters: TiN over each delay's longer arm, equal branches
in parallel.

A lattice stage's passbands sit where its delays' phases ``2 pi n_eff dL_k / wl`` put them, so a
uniform temperature change moves them by 58 pm/K. The filters are held instead: designed for the
hottest operating temperature and warmed there at every cooler one, by heaters over the delay
arms (as in M. S. Hai et al., "A thermally tunable 1 x 4 channel wavelength demultiplexer designed
on a low-loss Si3N4 waveguide platform", Photonics 2(4), 1065, 2015, heaters on the MZI delay
arms; the heater amount of each stage scaled with its arm difference dL, 2 dL so that one control
moves every stage alike: US patent application 2025/0216187, "Tunable cascaded Mach-Zehnder
interferometer structures"; a heater locked by a feedback loop on a silicon DEMUX: US 9,325,419).
Here each delay section's longer arm carries a TiN filament over its horizontal straight, of the
section's delay length ``|dL_k|``; warming it by ``T_hold - T_chip`` adds exactly the phase the
cooler chip takes away from that delay, at every wavelength (the heated length is the delay).
Within a stage the filaments run in series; the tree's stages form four branches of equal
resistance in parallel between one pair of pads (:func:`wire_tree`: three stage-1 chains, and the
two stage-2 chains with a TiN ballast making up their missing squares), so every filament still
carries the same current, hence the same rise per length: every section is held at once by one
drive. In one series loop the tree's ~945 Ohm needs 8.4 V to hold the 15 C corner, more than the
3.3 V heater rail (:data:`lightlane.models.heaters.HEATER_SUPPLY_V`); the parallel network is
a sixteenth of that resistance, at 2.3 V (the ballast adds 9 % to the power).

Drawing (all of it flat in the stage and tree cells: metal is not a part of their optical
netlists): the filament lies on the arm's straight between two legs as wide as the contacts (like
:func:`lightlane.components.heaters.heater_phase_shifter`), the legs run outward (away from the
stage's axis) to HEATER -> M2 via stacks, and M2 jumpers join the sections of a stage west to
east; the tree joins its stages (:func:`wire_tree`) in two nets that cross once, in M1.
"""

from __future__ import annotations

import gdsfactory as gf

from lightlane.components import waveguides as wg
from lightlane.components._checks import rect
from lightlane.components.pads import pad
from lightlane.components.vias import contact_layers, via_stack
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES

__all__ = [
    "FILTER_HEATER_CONTACT",
    "FILTER_HEATER_WIDTH",
    "FILTER_HOLD_C",
    "add_chain_ports",
    "arm_heater",
    "arm_loop",
    "chain_squares",
    "join_sections",
    "wire_tree",
]

FILTER_HOLD_C = 95.0
"""Temperature in C the held filters are designed for: the hottest corner's chip (85 C case
plus the 10 K the chip runs above it); below it the heaters warm the arms there."""
FILTER_HEATER_WIDTH = 2.0
"""TiN filament width in um (the heater phase shifter's)."""
FILTER_HEATER_CONTACT = 4.0
"""Side of the HEATER -> M2 via stacks and width of the legs in um."""
WIRE_WIDTH = RULES.min_width("M2")
"""Width of the M2 links between stages and to the pads in um: the narrowest, so they keep the
least metal fill off the die (fill keeps 3 um from every metal, rules.DENSITY_RULES); the short
jumpers between a stage's sections are as wide as the contacts (no notch beside them)."""


def arm_loop(c, start, turn, rise, length_x, bends, xs):
    """A delay arm: up (turn > 0) or down, across and back (bend, rise, bend, ``length_x``,
    bend, rise, bend); returns its far end and the across straight, where a heater sits."""
    end, across = start, None
    parts = (bends[turn], rise, bends[-turn], length_x, bends[-turn], rise, bends[turn])
    for k, section in enumerate(parts):
        if isinstance(section, float | int):
            if not section:
                continue
            ref = c << wg.straight(length=section, cross_section=xs)
            across = ref if k == 3 else across
        else:
            ref = c << section
        ref.connect("o1", end)
        end = ref.ports["o2"]
    return end, across


def _contact() -> gf.Component:
    size = FILTER_HEATER_CONTACT
    return via_stack(size=(size, size), layers=contact_layers("HEATER", "M2"))


def arm_heater(
    c: gf.Component, straight: gf.ComponentReference, length: float, side: int
) -> list[tuple[float, float]]:
    """TiN over ``length`` um of the horizontal arm straight ``straight`` between two legs.

    ``side`` +1 puts the legs and contacts north of the arm (a top arm), -1 south. The straight
    must be at least ``length + 2 * FILTER_HEATER_CONTACT`` long. Returns the two contacts'
    centres, west first.
    """
    xs = sorted(p.center[0] for p in straight.ports)
    y = straight.ports["o1"].center[1]
    size, half = FILTER_HEATER_CONTACT, FILTER_HEATER_WIDTH / 2
    total = length + 2 * size
    if total > xs[1] - xs[0] + 1e-6:
        raise ValueError(
            f"heater length={length:g} um needs {total:g} um of straight, the arm has "
            f"{xs[1] - xs[0]:g} um"
        )
    x0 = round((xs[0] + xs[1]) / 2 - total / 2, 3)
    rect(c, LAYER.HEATER, x0, y - half, x0 + total, y + half)
    # The contacts' M1 keeps HEATER.SEP.1 from the filament.
    offset = half + RULES["HEATER.SEP.1"].value + size / 2
    y_contact = round(y + side * offset, 3)
    centres = []
    contact = _contact()
    for x in (x0 + size / 2, x0 + total - size / 2):
        y_leg = y + side * half
        rect(c, LAYER.HEATER, x - size / 2, min(y_leg, y_contact), x + size / 2,
             max(y_leg, y_contact))  # fmt: skip
        ref = c << contact
        ref.dmove((x, y_contact))
        ref.flatten()  # metal, not a circuit part: the netlist keeps the optical parts only
        centres.append((round(x, 3), y_contact))
    return centres


def _wire(c: gf.Component, points: list[tuple[float, float]], width: float = WIRE_WIDTH) -> None:
    """A Manhattan M2 wire of ``width`` through ``points`` (each step along x or y)."""
    w = width / 2
    for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
        if abs(xa - xb) > 1e-9 and abs(ya - yb) > 1e-9:
            raise ValueError(f"wire step ({xa}, {ya}) -> ({xb}, {yb}) is not Manhattan")
        rect(c, LAYER.M2, min(xa, xb) - w, min(ya, yb) - w, max(xa, xb) + w, max(ya, yb) + w)


def join_sections(c: gf.Component, contacts: list[list[tuple[float, float]]], side: int) -> None:
    """M2 jumpers in series from each section's east contact to the next one's west contact,
    at the outer of the two contacts' heights (``side`` as in :func:`arm_heater`)."""
    for (_, east), (west, _) in zip(contacts, contacts[1:], strict=False):
        y = max(east[1], west[1]) if side > 0 else min(east[1], west[1])
        _wire(c, [east, (east[0], y), (west[0], y), west], FILTER_HEATER_CONTACT)


def _end_port(c: gf.Component, name: str, centre: tuple[float, float], side: int) -> None:
    size = FILTER_HEATER_CONTACT
    c.add_port(
        name,
        center=(centre[0], round(centre[1] + side * size / 2, 3)),
        width=size,
        orientation=90 if side > 0 else 270,
        layer=LAYER.M2,
        port_type="electrical",
    )


def add_chain_ports(c: gf.Component, contacts: list[list[tuple[float, float]]], side: int) -> None:
    """Ports e1 (the chain's west contact) and e2 (its east one) on the contacts' outer faces."""
    _end_port(c, "e1", contacts[0][0], side)
    _end_port(c, "e2", contacts[-1][1], side)


def chain_squares(info: dict) -> float:
    """TiN squares of a stage's heater chain from its cell info: each filament ``L / w`` and
    its two legs, each ``HEATER.SEP.1`` long and a contact wide up to its contact."""
    lengths = list(info.get("heater_lengths", ()))
    leg = RULES["HEATER.SEP.1"].value / FILTER_HEATER_CONTACT
    return sum(length / float(info["heater_width"]) + 2 * leg for length in lengths)


def _ballast(c: gf.Component, x: float, squares: float) -> tuple[float, float, float]:
    """A TiN ballast of ``squares`` (a contact wide) centred on (x, 0) between two HEATER -> M2
    contacts; returns (north contact y, south contact y, the squares drawn)."""
    size = FILTER_HEATER_CONTACT
    gap = round(squares * size / RULES.grid / 2) * 2 * RULES.grid  # even: centred on the grid
    top, bottom = round(gap / 2 + size / 2, 3), round(-gap / 2 - size / 2, 3)
    rect(c, LAYER.HEATER, x - size / 2, bottom - size / 2, x + size / 2, top + size / 2)
    for y in (top, bottom):
        ref = c << _contact()
        ref.dmove((x, y))
        ref.flatten()
    return top, bottom, round(gap / size, 6)


def _underpass(c: gf.Component, x: float, y_top: float, y_bottom: float) -> None:
    """An M1 link from (x, y_top) down to (x, y_bottom) with M1 -> M2 stacks at both ends: the
    one place a wire of the network passes under another."""
    size = FILTER_HEATER_CONTACT
    stack = via_stack(size=(size, size), layers=contact_layers("M1", "M2"))
    rect(c, LAYER.M1, x - size / 2, y_bottom - size / 2, x + size / 2, y_top + size / 2)
    for y in (y_top, y_bottom):
        ref = c << stack
        ref.dmove((x, y))
        ref.flatten()


def wire_tree(
    c: gf.Component,
    refs: dict[str, gf.ComponentReference],
    x_east: float,
    drops: tuple[float, float],
    openings: bool = True,
) -> None:
    """The demultiplexer's heater network: four equal branches in parallel between two DC pads
    north of stage 1.

    Branches (each ``R_b``, so each filament carries the same current ``I``, the same rise per
    length as one series loop gave): ``first``, ``clean_top``, ``clean_bottom`` (each one stage
    1 chain) and ``odd`` + ``even`` in series with a TiN ballast that makes up the squares the
    two shorter chains lack (on the east link, at ``x_east``, clear of every waveguide).
    Network resistance ``R_b / 4``, 16 times less than the four in series, so the drive is a
    quarter of the series loop's voltage for the same current per filament. Nets: the west pad
    (P) joins first.e1, clean_bottom.e1 and clean_top.e2 / odd.e1 (along the top drop, then
    down the channel between the branches); the east pad (N) joins first.e2 / clean_top.e1 and
    clean_bottom.e2 / even.e1, passing under the P link once in M1 (:func:`_underpass`). The
    links from each clean-up stage to its pair stage run along that branch's drop waveguide (at
    ``drops``: y of the top and bottom drop), where metal fill is kept off already. Writes
    ``c.info["heater_network"]``: each branch's stage geometry names (``stage1``, ``odd``,
    ``even``) and ballast squares, the numbers the model adds up. Ports e1, e2: the pads' north
    faces. ``openings`` False leaves the pads' metal without its passivation openings: covered
    landings, for a route to an assembly pad.
    """
    e = {name: (ref.ports["e1"].center, ref.ports["e2"].center) for name, ref in refs.items()}
    w = FILTER_HEATER_CONTACT / 2

    def pt(p):  # a port on a contact's outer face -> the contact's centre
        return (round(p[0], 3), round(p[1] - w, 3))

    def step(a, b):  # up or down first from a, then across and into b
        _wire(c, [pt(a), (pt(a)[0], pt(b)[1]), pt(b)] if a[1] < b[1] else
              [pt(a), (pt(b)[0], pt(a)[1]), pt(b)])  # fmt: skip

    def along(a, b, y):  # from a down (or up) to the drop at y, along it, then into b
        _wire(c, [pt(a), (pt(a)[0], y), (pt(b)[0], y), pt(b)])

    step(e["first"][1], e["clean_top"][0])
    along(e["clean_top"][1], e["odd"][0], drops[0])
    stage1 = chain_squares(dict(refs["first"].cell.info))
    short = sum(chain_squares(dict(refs[name].cell.info)) for name in ("odd", "even"))
    if not stage1 > short:
        raise RuntimeError("wire_tree: the odd + even branch is not shorter than stage 1's")
    top, bottom, ballast = _ballast(c, x_east, stage1 - short)
    odd_end, even_end = pt(e["odd"][1]), pt(e["even"][1])
    _wire(c, [odd_end, (x_east, odd_end[1]), (x_east, top)])
    _wire(c, [(x_east, bottom), (x_east, even_end[1]), even_end])
    along(e["even"][0], e["clean_bottom"][1], drops[1])
    c.info["heater_network"] = [
        {"stages": ["stage1"], "ballast_squares": 0.0},
        {"stages": ["stage1"], "ballast_squares": 0.0},
        {"stages": ["stage1"], "ballast_squares": 0.0},
        {"stages": ["odd", "even"], "ballast_squares": ballast},
    ]
    _pads(c, refs, e, pt, drops, openings)


def _pads(c, refs, e, pt, drops, openings) -> None:
    """The two pads north of stage 1 and the links that make the branches parallel."""
    w = FILTER_HEATER_CONTACT / 2
    first_box = refs["first"].dbbox()
    side = TECH.pad_side()
    pad_y = round(first_box.top + TECH.pad_clearance + side / 2, 3)
    x_west = round(first_box.left + side / 2, 3)
    x_east_pad = x_west + TECH.pad_pitch_probe
    unit = pad() if openings else pad(with_opening=False)
    for k, x in enumerate((x_west, x_east_pad)):
        ref = c << unit
        ref.dmove((x, pad_y))
        c.add_port(f"e{k + 1}", port=ref.ports["e2"])
        ref.flatten()
    # P: back from clean_bottom west at its contacts' height, north along stage 1's west edge
    # into the west pad; stage 1's west contact joins that wire from the east.
    start, back = pt(e["first"][0]), pt(e["clean_bottom"][0])
    x_back = round(first_box.left + w, 3)
    if not x_back < start[0] - 2 * w - RULES.min_space("M2"):
        raise RuntimeError("wire_tree: stage 1's chain starts too far west for the return wire")
    _wire(c, [back, (x_back, back[1]), (x_back, pad_y)])
    _wire(c, [start, (x_back, start[1])])
    # P: from the top drop link down the channel between the branches, west to clean_bottom.e1.
    top_box, bottom_box = refs["clean_top"].dbbox(), refs["clean_bottom"].dbbox()
    x_c = round((top_box.right + refs["odd"].dbbox().left) / 2, 3)
    y_p = round((top_box.bottom + bottom_box.top) / 2, 3)
    _wire(c, [(x_c, drops[0]), (x_c, y_p), (back[0], y_p), back])
    # N: the east pad down to the jog, east onto stage 1's east link (first.e2 -> clean_top.e1),
    # on east past stage 1, down and along the channel above the P link, under it in M1 into
    # clean_bottom.e2.
    jog = round(first_box.top + TECH.pad_clearance / 2, 3)
    east = pt(e["first"][1])
    x_n = round((first_box.right + top_box.left) / 2, 3)
    y_n = round(y_p + w + RULES.min_space("M2") + WIRE_WIDTH / 2 + w, 3)
    x_cb = pt(e["clean_bottom"][1])
    y_low = round(y_p - (y_n - y_p), 3)
    _wire(c, [(x_east_pad, pad_y), (x_east_pad, jog), (east[0], jog), (x_n, jog), (x_n, y_n),
              (x_cb[0], y_n)])  # fmt: skip
    _underpass(c, x_cb[0], y_n, y_low)
    _wire(c, [(x_cb[0], y_low), x_cb])
