"""CWDM4 filters: the flat-top MZI-lattice stage and the multiplexer / demultiplexer trees.

A stage is a 1x2 MMI followed by delay sections and directional couplers (a lattice of order
``sum(orders)``: delays of 1, 2, 2 unit lengths), after Horst et al., "Cascaded Mach-Zehnder
wavelength filters in silicon photonics for low loss and flat pass-band WDM
(de-)multiplexing", Opt. Express 21, 11652 (2013). The tree is a two-stage interleaver: stage 1
interleaves with an FSR of 40 nm, stage 2 splits each pair with 80 nm, on the ITU-T G.694.2
CWDM grid (:mod:`lightlane.physics.wdm`). The delays and coupler lengths below come from
:func:`lightlane.physics.lattice.design_stage` (``python -m lightlane.components.filters``
reprints them); they are centred with the mode-solver dispersion and the calibrated coupler
model.
"""

from __future__ import annotations

import math

import gdsfactory as gf

from lightlane.components import couplers, transitions
from lightlane.components import waveguides as wg
from lightlane.components._checks import (
    DIE,
    cell,
    quiet,
    require_count,
    require_flag,
    require_number,
)
from lightlane.components.filter_heaters import (
    FILTER_HEATER_CONTACT,
    FILTER_HEATER_WIDTH,
    FILTER_HOLD_C,
    add_chain_ports,
    arm_heater,
    arm_loop,
    join_sections,
    wire_tree,
)
from lightlane.pdk.guides import guide
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.lattice import StageGeometry, design_stage
from lightlane.physics.wdm import CWDM4_NM

__all__ = [
    "COUPLER_PITCH",
    "stage_geometry",
    "STAGE1",
    "STAGE2_EVEN",
    "STAGE2_ODD",
    "cwdm4_demux",
    "cwdm4_mux",
    "mzi_lattice_stage",
]

# (delays um, coupler lengths um) from design_stage(); "top"/"bottom" name the output port.
# Stage 1 (FSR 40 nm): 1271 and 1311 top, 1291 and 1331 bottom; worst leak -12.7 dB per pass.
STAGE1: tuple[tuple[float, ...], tuple[float, ...]] = (
    (9.866, 19.236, 19.708),
    (26.863, 8.982, 2.117),
)
# Stage 2 (FSR 80 nm): 1271 top, 1311 bottom; worst leak -18.1 dB.
STAGE2_ODD: tuple[tuple[float, ...], tuple[float, ...]] = ((5.002, 10.012), (29.508, 5.877))
# Stage 2 (FSR 80 nm): 1291 top, 1331 bottom; worst leak -18.3 dB.
STAGE2_EVEN: tuple[tuple[float, ...], tuple[float, ...]] = ((5.134, 10.274), (26.499, 4.961))

# The same stages designed for the filters' hold temperature FILTER_HOLD_C (design_stage with
# dn_eff = DN_EFF_DT (95 - 25) C, i.e. StageGeometry.dn_eff): the held filter's delays run there
# at every corner. Worst leaks -12.68, -18.12 and -18.35 dB, as the room-temperature designs.
STAGE1_HELD: tuple[tuple[float, ...], tuple[float, ...]] = (
    (9.816, 19.136, 19.604),
    (27.118, 9.347, 2.391),
)
STAGE2_ODD_HELD: tuple[tuple[float, ...], tuple[float, ...]] = ((4.976, 9.96), (29.376, 5.719))
STAGE2_EVEN_HELD: tuple[tuple[float, ...], tuple[float, ...]] = ((5.106, 10.22), (26.319, 4.751))

COUPLER_PITCH = 4.0  # um: the coupler cell's default port pitch, kept between sections
_GAP = 0.2  # um: the stages' coupler gap (mzi_lattice_stage's default)
_SBEND_DX = 10.0  # um: MMI outputs (1.5 um pitch) to the coupler pitch, radius 12.7 um
_BRANCH_SPACE = 3.0  # um kept between neighbouring stages of the tree
_SECTIONS_MAX = 20  # delay sections of one stage: CWDM stages use 1-3


def _require_design(
    delays: tuple[float, ...], coupler_lengths: tuple[float, ...], heated: bool = False
) -> None:
    require_flag("heated", heated)
    if heated and len({math.copysign(1.0, d) for d in delays}) != 1:
        raise ValueError(f"heated=True needs delays of one sign, got {list(delays)}")
    if len(delays) == 0 or len(delays) != len(coupler_lengths):
        raise ValueError(
            f"delays has {len(delays)} and coupler_lengths {len(coupler_lengths)} entries: "
            "give one delay per coupler, at least one"
        )
    require_count("len(delays)", len(delays), 1, _SECTIONS_MAX, "a lattice of order 20")
    for k, delay in enumerate(delays):
        require_number(f"delays[{k}]", delay, -DIE, DIE)
        RULES.require_even_width(f"delays[{k}]", abs(delay))
    for k, length in enumerate(coupler_lengths):
        couplers.require_section(f"coupler_lengths[{k}]", length)


@cell
def mzi_lattice_stage(
    delays: tuple[float, ...] = STAGE1[0],
    coupler_lengths: tuple[float, ...] = STAGE1[1],
    gap: float = _GAP,
    length_x: float = 1.0,
    length_y: float = 1.0,
    radius: float | None = None,
    cross_section: str = "strip",
    heated: bool = False,
) -> gf.Component:
    """A 1x2 MZI lattice: an MMI splitter, then per section a delay pair and a coupler.

    ::

                 ___         ___
                |   |       |   |
        o1 -[MMI]   [DC k]  ...  [DC n]-- o2 (top)
                |___|       |___|      -- o3 (bottom)
                 delays[k]: top arm longer by delays[k] (bottom when negative)

    The MMI's outputs are brought to the coupler pitch by S-bends; every delay section is two
    arms of four Euler bends each (like
    :func:`lightlane.components.interferometers.mzi_unbalanced`), so only the straights differ,
    by ``delays[k]``.

    Args:
        delays: path difference top minus bottom of each section in um (on a 2 nm step).
        coupler_lengths: straight coupling length of the coupler after each section in um.
        gap: gap of the directional couplers in um.
        length_x: horizontal straight of each arm in um (0 to the die size).
        length_y: vertical straights of the shorter arm in um (>= 0.15, the WG width: the
            longer arm's rises start from it).
        radius: Euler bend radius in um; None takes the cross-section's routing radius.
        cross_section: ``strip`` (O-band) or ``strip_c``.
        heated: a TiN filament of length ``|delays[k]|`` over each section's longer arm, in
            series (:mod:`lightlane.components.filter_heaters`); each section's across straight
            grows to hold it. Ports e1, e2: the chain's end contacts (M2). The delays must then
            all have one sign (one side for the contacts).
    """
    delays, coupler_lengths = tuple(delays), tuple(coupler_lengths)
    xs = couplers.strip_cross_section(cross_section)
    _require_design(delays, coupler_lengths, heated)
    couplers.require_gap("gap", gap)
    couplers.require_section("length_x", length_x)
    couplers.require_section("length_y", length_y)
    if not length_y >= RULES.min_width("WG") - 1e-9:
        raise ValueError(f"length_y={length_y:g} um must be >= {RULES.min_width('WG'):g}")

    c = gf.Component()
    mmi = couplers.mmi1x2(cross_section=cross_section)
    split = c << mmi
    pitch = split.ports["o2"].center[1] - split.ports["o3"].center[1]
    rise = round((COUPLER_PITCH - pitch) / 2, 3)
    sbends = [
        transitions.bend_s(size=(_SBEND_DX, dy), cross_section=cross_section)
        for dy in (rise, -rise)
    ]
    top, bottom = split.ports["o2"], split.ports["o3"]
    ends = []
    for port, sbend in zip((top, bottom), sbends, strict=True):
        ref = c << sbend
        ref.connect("o1", port)
        ends.append(ref.ports["o2"])
    top, bottom = ends
    bends = {
        angle: wg.bend_euler(radius=radius, angle=angle, cross_section=cross_section)
        for angle in (90.0, -90.0)
    }
    arms_top, arms_bottom, coupler_geometry, contacts, heater_lengths = [], [], [], [], []
    side = 1 if delays[0] > 0 else -1
    for delay, length in zip(delays, coupler_lengths, strict=True):
        rise_top = length_y + max(delay, 0.0) / 2
        rise_bottom = length_y + max(-delay, 0.0) / 2
        heater = round(abs(delay), 3) if heated else 0.0
        across = max(length_x, heater + 2 * FILTER_HEATER_CONTACT) if heated else length_x
        top, top_x = arm_loop(c, top, 90.0, rise_top, across, bends, cross_section)
        bottom, bottom_x = arm_loop(c, bottom, -90.0, rise_bottom, across, bends, cross_section)
        if heated:
            contacts.append(arm_heater(c, top_x if side > 0 else bottom_x, heater, side))
            heater_lengths.append(heater)
        dc = couplers.coupler(gap=gap, length=length, dy=COUPLER_PITCH, cross_section=cross_section)
        ref = c << dc
        ref.connect("o2", top)
        miss = math.dist(bottom.center, ref.ports["o1"].center)
        if miss > 2 * RULES.grid:
            raise RuntimeError(f"mzi_lattice_stage arms do not meet the coupler: {miss:.4f} um off")
        top, bottom = ref.ports["o3"], ref.ports["o4"]
        arms_top.append(round(across + 2 * rise_top, 6))
        arms_bottom.append(round(across + 2 * rise_bottom, 6))
        coupler_geometry.append({**dict(dc.settings), **dict(dc.info)})

    for name, port in (("o1", split.ports["o1"]), ("o2", top), ("o3", bottom)):
        c.add_port(name, port=port)
    if heated:
        join_sections(c, contacts, side)
        add_chain_ports(c, contacts, side)
    c.info["heater_lengths"] = heater_lengths
    c.info["heater_arm"] = "top" if side > 0 else "bottom"
    c.info["heater_width"] = FILTER_HEATER_WIDTH
    c.info["width"] = float(xs.width)
    c.info["length_bend"] = float(bends[90.0].info["length"])
    c.info["length_straight_top"] = arms_top
    c.info["length_straight_bottom"] = arms_bottom
    c.info["splitter_geometry"] = {**dict(mmi.settings), **dict(mmi.info)}
    c.info["sbend_geometry"] = {**dict(sbends[0].settings), **dict(sbends[0].info)}
    c.info["coupler_geometry"] = coupler_geometry
    return c


def _fan(c: gf.Component, port: gf.Port, sbend: gf.Component) -> gf.Port:
    """Place ``sbend`` on ``port`` and return its far end."""
    ref = c << sbend
    ref.connect("o1", port)
    return ref.ports["o2"]


def _half_height(stage: gf.Component) -> float:
    """Largest distance in um of the stage's geometry from the axis of its input o1."""
    y0 = stage.ports["o1"].center[1]
    box = stage.dbbox()
    return max(box.top - y0, y0 - box.bottom)


@quiet("with_pads")
def cwdm4_demux(
    cross_section: str = "strip", heated: bool = True, with_pads: bool = True
) -> gf.Component:
    """CWDM4 demultiplexer: an interleaver, a clean-up interleaver per branch, two splitters.

    ::

                                   [stage 2 odd ]== o2 1271, o4 1311
                  _[stage 1 clean]/
        o1 -[stage 1]              ---------------- o6 (drop, top branch)
                  \\_[stage 1 clean]---------------- o7 (drop, bottom branch)
                                   \\[stage 2 even]== o3 1291, o5 1331

    Stage 1 (FSR 40 nm) sends 1271/1311 up and 1291/1331 down; the same stage again on each
    branch (Horst et al. 2013's cascade) drops what leaked across, squaring the adjacent-lane
    rejection; stage 2 (FSR 80 nm) separates each pair. Ports: o1 common input; o2..o5 the
    lanes in wavelength order (``info["wavelengths_nm"]``); o6, o7 the clean-up drops (monitor
    taps). All outputs face east at one x.

    Held (``heated``, the default): the stages are the ones designed for
    :data:`~lightlane.components.filter_heaters.FILTER_HOLD_C`, every delay's longer arm
    carries a TiN filament, in four equal branches in parallel between two DC pads north of
    stage 1 (ports e1, e2, :mod:`lightlane.components.filter_heaters`); below the hold the heaters
    warm the arms to it. Unheated: the stages designed for 25 C, passive.

    Args:
        cross_section: ``strip`` (the stages are designed for the O-band strip).
        heated: hold the filter with its heaters (True) or leave it passive (False).
        with_pads: draw the heater pads' passivation openings; False leaves the same metal as
            covered landings (ports e1, e2 unchanged) for a routed electrical interface.
            Unheated, there are no pads either way.
    """
    require_flag("with_pads", with_pads)
    if guide(couplers.strip_cross_section(cross_section)).name != "strip":
        raise ValueError(
            f"cross_section={cross_section!r}: the CWDM4 stages are designed for the 400 nm "
            "O-band strip only"
        )
    require_flag("heated", heated)
    designs = (STAGE1_HELD, STAGE2_ODD_HELD, STAGE2_EVEN_HELD) if heated else (
        STAGE1, STAGE2_ODD, STAGE2_EVEN
    )  # fmt: skip
    stage1, odd, even = (
        mzi_lattice_stage(delays=d, coupler_lengths=k, heated=heated) for d, k in designs
    )
    half = round(max(_half_height(s) for s in (stage1, odd, even)) + _BRANCH_SPACE, 3)
    radius = 2.5 * couplers.strip_cross_section(cross_section).radius  # gentle: low excess loss
    dx = float(math.ceil(math.sqrt(2 * math.pi * half * radius)))
    up, down = (
        transitions.bend_s(size=(dx, dy), cross_section=cross_section) for dy in (half, -half)
    )
    c = gf.Component()
    first = c << stage1
    clean_top, clean_bottom = c << stage1, c << stage1
    clean_top.connect("o1", _fan(c, first.ports["o2"], up))
    clean_bottom.connect("o1", _fan(c, first.ports["o3"], down))
    # Each pair splitter moves out by a stage height, so the drop passes beside it.
    top = c << odd
    top.connect("o1", _fan(c, clean_top.ports["o2"], up))
    bottom = c << even
    bottom.connect("o1", _fan(c, clean_bottom.ports["o3"], down))
    outputs = {
        "o2": top.ports["o2"],
        "o3": bottom.ports["o2"],
        "o4": top.ports["o3"],
        "o5": bottom.ports["o3"],
        "o6": clean_top.ports["o3"],
        "o7": clean_bottom.ports["o2"],
    }
    x_end = max(port.center[0] for port in outputs.values())
    if heated:
        stages = {"first": first, "clean_top": clean_top, "clean_bottom": clean_bottom}
        stages.update(odd=top, even=bottom)
        east = max(top.ports["e2"].center[0], bottom.ports["e2"].center[0])
        drops = (outputs["o6"].center[1], outputs["o7"].center[1])
        wire_tree(c, stages, round(east + 2 * FILTER_HEATER_CONTACT, 3), drops, with_pads)
    c.add_port("o1", port=first.ports["o1"])
    extensions = {}
    for name, port in outputs.items():
        extensions[name] = round(x_end - port.center[0], 3)
        if extensions[name] > 0:
            ref = c << wg.straight(length=extensions[name], cross_section=cross_section)
            ref.connect("o1", port)
            port = ref.ports["o2"]
        c.add_port(name, port=port)
    c.info["stage_geometry"] = {
        name: {**dict(stage.settings), **dict(stage.info)}
        for name, stage in (("stage1", stage1), ("odd", odd), ("even", even))
    }
    c.info["width"] = float(couplers.strip_cross_section(cross_section).width)
    c.info["fan_geometry"] = {"size": (dx, half), "length": up.info["length"]}
    c.info["extension_lengths"] = extensions
    c.info["wavelengths_nm"] = list(CWDM4_NM)
    c.info["lane_ports"] = ["o2", "o3", "o4", "o5"]
    c.info.update({"common_port": "o1", "drop_ports": ["o6", "o7"]})
    c.info["hold_temperature_c"] = FILTER_HOLD_C if heated else None
    c.info["heater_network"] = c.info["heater_network"] if heated else None  # wire_tree's
    return c


@quiet("with_pads")
def cwdm4_mux(
    cross_section: str = "strip", heated: bool = True, with_pads: bool = True
) -> gf.Component:
    """CWDM4 multiplexer: the demultiplexer mirrored, used backwards (it is reciprocal).

    ::

        o1 1271, o3 1311 ==[stage 2 odd ]\\
                                          [clean]\\
        o6 (drop) -------------------------------  [stage 1]-- o5 (common output)
        o7 (drop) -------------------------------  /
                                          [clean]/
        o2 1291, o4 1331 ==[stage 2 even]/

    Ports: o1..o4 the lane inputs 1271, 1291, 1311, 1331 nm (``info["wavelengths_nm"]``), o5
    the common output, o6 and o7 the clean-up drops (monitor taps of the unwanted leak). Held,
    the heater loop's pads are the mirrored demultiplexer's (its ports e1, e2): with its pads
    the mux itself has optical ports only, so its netlist is its demultiplexer's; on covered
    landings (``with_pads`` False) it exposes the landings' faces as its own e1, e2, for the
    routed interface to reach.

    Args:
        cross_section: ``strip``.
        heated: hold the filter with its heaters (:func:`cwdm4_demux`).
        with_pads: the heater pads' openings (:func:`cwdm4_demux`); False: covered landings.
    """
    require_flag("with_pads", with_pads)
    demux = cwdm4_demux(cross_section=cross_section, heated=heated, with_pads=with_pads)
    c = gf.Component()
    ref = c << demux
    ref.dmirror_x()
    for name, inner in (("o1", "o2"), ("o2", "o3"), ("o3", "o4"), ("o4", "o5"), ("o5", "o1")):
        c.add_port(name, port=ref.ports[inner])
    c.add_port("o6", port=ref.ports["o6"])
    c.add_port("o7", port=ref.ports["o7"])
    if heated and not with_pads:
        for name in ("e1", "e2"):
            c.add_port(name, port=ref.ports[name])
    c.info["hold_temperature_c"] = demux.info["hold_temperature_c"]
    c.info["demux_geometry"] = {**dict(demux.settings), **dict(demux.info)}
    c.info["wavelengths_nm"] = list(CWDM4_NM)
    c.info["lane_ports"] = ["o1", "o2", "o3", "o4"]
    c.info["common_port"] = "o5"
    c.info["drop_ports"] = ["o6", "o7"]
    return c


def stage_geometry(cross_section: str = "strip") -> StageGeometry:
    """The guides and couplers the stages are built with, read from the coupler cell itself."""
    dc = couplers.coupler(gap=_GAP, dy=COUPLER_PITCH, cross_section=cross_section)
    return StageGeometry(
        width=dc.info["width"],
        thickness=TECH.core_thickness,
        gap=_GAP,
        dx=dc.settings["dx"],
        pitch=COUPLER_PITCH,
        grid=RULES.grid,
    )


if __name__ == "__main__":
    import dataclasses

    from lightlane.physics.thermal import DN_EFF_DT, T_REF_C

    odd, even = CWDM4_NM[0::2], CWDM4_NM[1::2]
    held = dataclasses.replace(stage_geometry(), dn_eff=DN_EFF_DT * (FILTER_HOLD_C - T_REF_C))
    for suffix, g in (("", stage_geometry()), ("_HELD", held)):
        print(f"STAGE1{suffix}", design_stage((1, 2, 2), odd, even, 40.0, 1.311, g))
        print(f"STAGE2_ODD{suffix}", design_stage((1, 2), odd[:1], odd[1:], 80.0, 1.291, g))
        print(f"STAGE2_EVEN{suffix}", design_stage((1, 2), even[:1], even[1:], 80.0, 1.311, g))
