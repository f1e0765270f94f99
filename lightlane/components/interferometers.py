"""Interferometer cells: the unbalanced Mach-Zehnder interferometer."""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf

from lightlane.components import couplers
from lightlane.components import waveguides as wg
from lightlane.components._checks import DIE, cell, require_choice, require_number
from lightlane.pdk.rules import RULES

__all__ = ["SPLITTERS", "mzi_unbalanced"]

# Splitter cell name -> (its two output ports, top then bottom).
SPLITTERS: dict[str, tuple[str, str]] = {"mmi1x2": ("o2", "o3"), "mmi2x2": ("o3", "o4")}


def _arm(
    c: gf.Component,
    start: gf.Port,
    turn: float,
    rise: float,
    length_x: float,
    bends: dict[float, gf.Component],
    xs: str,
) -> gf.Port:
    """Up (turn > 0) or down, across and back: bend, rise, bend, length_x, bend, rise, bend."""
    end = start
    for section in (bends[turn], rise, bends[-turn], length_x, bends[-turn], rise, bends[turn]):
        if isinstance(section, float | int):
            if not section:
                continue
            ref = c << wg.straight(length=section, cross_section=xs)
        else:
            ref = c << section
        ref.connect("o1", end)
        end = ref.ports["o2"]
    return end


@cell
def mzi_unbalanced(
    delta_length: float = 10.0,
    length_x: float = 1.0,
    length_y: float = 2.0,
    radius: float | None = None,
    splitter: str = "mmi1x2",
    cross_section: Any = "strip",
) -> gf.Component:
    """Unbalanced Mach-Zehnder interferometer: a splitter, two arms, the mirrored splitter.

    ::

                 ___ length_x ___
                |                | length_y + delta_length / 2
              __|                |__
        o1 --|splitter|      |combiner|-- o2
               ‾‾|                |‾‾
                 |___ length_x ___| length_y

    The top arm is ``delta_length`` longer: FSR = wl^2 / (n_g delta_length), 39.5 nm for the
    default 10 um at 1310 nm (n_g 4.34). With ``splitter="mmi2x2"`` the ports are o1, o2 (left,
    bottom/top) and o3, o4 (right, top/bottom).

    Args:
        delta_length: extra length of the top arm in um (>= 0, on a 2 nm step).
        length_x: horizontal straight of each arm in um (0 to the die size).
        length_y: vertical straights of the bottom arm in um (0 to the die size); the top arm's are
            ``length_y + delta_length / 2``.
        radius: Euler bend radius in um; None takes the cross-section's routing radius.
        splitter: ``mmi1x2`` or ``mmi2x2`` (its default geometry for the cross-section).
        cross_section: ``strip`` or ``strip_c``.
    """
    xs = couplers.strip_cross_section(cross_section)
    require_choice("splitter", splitter, tuple(SPLITTERS))
    require_number("delta_length", delta_length, 0.0, DIE)
    RULES.require_even_width("delta_length", delta_length)
    couplers.require_section("length_x", length_x)
    couplers.require_section("length_y", length_y)
    rise = length_y + delta_length / 2
    bends = {
        angle: wg.bend_euler(radius=radius, angle=angle, cross_section=cross_section)
        for angle in (90.0, -90.0)
    }
    split = getattr(couplers, splitter)(cross_section=cross_section)

    c = gf.Component()
    first = c << split
    top_out, bottom_out = SPLITTERS[splitter]
    top_end = _arm(c, first.ports[top_out], 90.0, rise, length_x, bends, cross_section)
    bottom_end = _arm(c, first.ports[bottom_out], -90.0, length_y, length_x, bends, cross_section)
    last = c << split
    last.dmirror_x()
    dx = top_end.center[0] - last.ports[top_out].center[0]
    dy = top_end.center[1] - last.ports[top_out].center[1]
    last.dmove((dx, dy))
    miss = math.dist(bottom_end.center, last.ports[bottom_out].center)
    if miss > 2 * RULES.grid:
        raise RuntimeError(f"mzi_unbalanced arms do not meet the combiner: {miss:.4f} um off")

    inputs = ["o1"] if splitter == "mmi1x2" else ["o1", "o2"]
    outputs = ["o1"] if splitter == "mmi1x2" else ["o2", "o1"]
    ports = [first.ports[p] for p in inputs] + [last.ports[p] for p in outputs]
    for number, port in enumerate(ports, start=1):
        c.add_port(f"o{number}", port=port)
    bend_length = bends[90.0].info["length"]
    c.info["width"] = float(xs.width)
    c.info["length_bend"] = float(bend_length)
    c.info["length_straight_top"] = float(round(length_x + 2 * rise, 6))
    c.info["length_straight_bottom"] = float(round(length_x + 2 * length_y, 6))
    c.info["splitter_geometry"] = {**dict(split.settings), **dict(split.info)}
    return c
