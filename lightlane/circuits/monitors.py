"""Monitor taps after every modulator: the photocurrent a bias or ring lock loop steers by.

Each lane's modulator output passes a weak directional coupler (``tap_coupler``, 2 % at
1310 nm); its tap arm climbs an S-bend clear of the through waveguide and ends on a monitor
photodiode (``mon1``.., one per lane, named by lane). An MZM's bias loop holds quadrature on the
tapped power; a ring's lock loop holds its detuning on the through port's tapped power (the
scheme of Padmaraju & Bergman, Nanophotonics 3(4-5), 269, 2014). Taps and photodiodes are
ordinary instances of the layout netlist, so their loss is in the simulated laser-to-fibre path
and the budget, and ``S[mon1, laser1]`` is the light a monitor receives.
"""

from __future__ import annotations

import gdsfactory as gf
import numpy as np

from lightlane.circuits.routing import bundle_length, route_straight, terminate
from lightlane.components.transitions import bend_s
from lightlane.registry import get_pdk

__all__ = ["MONITOR", "TAP", "TAP_FRACTION", "add_monitors", "monitor_extent", "tap_cell"]

TAP = ("tap_coupler", "o1", "o4", "o3", "o2")
"""Tap cell, (input, through, tap, isolated) ports."""
MONITOR = ("photodetector_ge", "o1")
"""Monitor photodiode cell and its optical input: the lane photodiode with its two pads
(``monitor_photodiode`` has terminals but no pads of its own, so it waits for the routed
electrical interface)."""
TAP_FRACTION = 0.02
"""Share of a lane's power sent to its monitor: enough photocurrent for a lock loop (a few uA
at 0 dBm and 0.9 A/W) for a 0.09 dB loss."""


def tap_cell(cross_section: str = "strip") -> gf.Component:
    """The monitor tap: a weak directional coupler crossing :data:`TAP_FRACTION` into o3."""
    return get_pdk().cells[TAP[0]](tap_fraction=TAP_FRACTION, cross_section=cross_section)


def _monitor_cell(with_pads: bool = True) -> gf.Component:
    cell = get_pdk().cells[MONITOR[0]]
    return cell(pads="gs") if with_pads else cell(pads="gs", with_pads=False)


def _lift(cross_section: str) -> float:
    """How far in um the tap arm climbs so the mirrored photodiode clears the through guide."""
    pd = _monitor_cell()
    below = pd.dbbox().top - pd.ports[MONITOR[1]].center[1]  # below its input once mirrored
    return float(np.ceil(below + 10.0))


def monitor_extent(cross_section: str = "strip") -> tuple[float, float]:
    """(top above the lane's axis, length along it) in um of a lane's tap and monitor."""
    tap, pd = tap_cell(cross_section), _monitor_cell()
    rise = tap.ports[TAP[3]].center[1] - tap.ports[TAP[1]].center[1] + _lift(cross_section)
    above = pd.ports[MONITOR[1]].center[1] - pd.dbbox().bottom  # above its input once mirrored
    dx = bundle_length([_lift(cross_section)])
    length = tap.dbbox().width() + dx + pd.dbbox().width()
    return rise + above, length


def add_monitors(
    c: gf.Component,
    outputs: list[gf.Port],
    lanes: list[int],
    cross_section: str,
    with_pads: bool = True,
) -> list[gf.Port]:
    """A tap and a monitor photodiode ``mon<lane>`` on each output; returns the through ports.

    ``lanes`` gives each output's lane number (1-based). The through guides run on past the
    photodiodes, so whatever follows starts clear of them. ``with_pads`` False builds the
    photodiodes on covered landings (a routed electrical interface).
    """
    tap, pd = tap_cell(cross_section), _monitor_cell(with_pads)
    lift = _lift(cross_section)
    dx = bundle_length([lift])
    _, length = monitor_extent(cross_section)
    _, port_in, through, tapped, isolated = TAP
    out = []
    for port, lane in zip(outputs, lanes, strict=True):
        ref = c << tap
        ref.connect(port_in, port)
        terminate(c, [ref.ports[isolated]], cross_section)
        rise = c << bend_s(size=(dx, lift), cross_section=cross_section)
        rise.connect("o1", ref.ports[tapped])
        mon = c.add_ref(pd, name=f"mon{lane}")
        mon.connect(MONITOR[1], rise.ports["o2"], mirror=True)
        run_on = length - tap.dbbox().width()
        out.append(route_straight(c, ref.ports[through], run_on, cross_section))
    return out
