"""The routed electrical interface's geometry: terminals, launches, coplanar lines and pads.

A terminal is a device port on a covered landing (a cell built ``with_pads=False``). A DC
terminal gets a VIA2 patch to the top metal (M3) and one wire; a modulator's drive end (the
four landings of a GSSG electrode) is one coplanar line: a launch that narrows the landings'
100 um pitch to the line, the line itself (:data:`CPW`, its impedance from
:mod:`lightlane.physics.electrode`) and a launch that widens it to four assembly pads at
:data:`PAD_PITCH`. Every piece is a Manhattan rectangle on M3, so the electrical check
(:mod:`lightlane.verify.connectivity_electrical`) sees plain metal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import gdsfactory as gf
import numpy as np

from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.layers import LAYER
from lightlane.physics.electrode import LineStack, coplanar_line

__all__ = [
    "CPW",
    "DC_WIDTH",
    "PAD_PITCH",
    "SPACE",
    "Net",
    "cpw_figures",
    "draw_polyline",
    "launch_in",
    "launch_out",
    "polyline_boxes",
    "stacked_tails",
]

PAD_PITCH = 150.0
"""um between assembly pads: the process's wire-bond pitch and its C4 bump pitch (a 76 um
wire-bond opening needs PADOPEN.S.1's 50 um beside it, so 126 um at least)."""
DC_WIDTH = 6.0
"""um: DC wires (heaters, photodiodes) on M3, 2.8 Ohm/mm."""
SPACE = 3.0
"""um kept between routed M3 shapes (M3.S.1 is 2 um)."""


@dataclass(frozen=True)
class Coplanar:
    """The GSSG feed line (um): each signal and ground ``signal`` wide, ``gap`` from each
    other; the two signals ``2 gap`` apart (the odd mode's virtual ground midway), so each
    line is a GSG of (``signal``, ``gap``), as the modulator's own electrode is."""

    signal: float = 40.0
    gap: float = 12.0
    ground: float = 40.0

    @property
    def offsets(self) -> tuple[float, ...]:
        """Conductor centres from the line's axis, left to right: G, S, S, G."""
        s = self.gap + self.signal / 2
        g = self.gap + self.signal + self.gap + self.ground / 2
        return (g, s, -s, -g)

    @property
    def widths(self) -> tuple[float, ...]:
        return (self.ground, self.signal, self.signal, self.ground)

    @property
    def half_width(self) -> float:
        return self.offsets[0] + self.ground / 2


CPW = Coplanar()
"""The engines' feed line: 50.7 Ohm, 0.28 dB/mm at 53 GHz on M3 (:func:`cpw_figures`)."""
M3_STACK = LineStack(metal_thickness=STACK["m3"][2], oxide_height=STACK["m3"][1] - STACK["box"][1])
"""M3 (2 um AlCu) over 7.8 um of oxide above the silicon handle."""
PAD_OFFSETS = (1.5 * PAD_PITCH, 0.5 * PAD_PITCH, -0.5 * PAD_PITCH, -1.5 * PAD_PITCH)
"""A line's four pads from its axis, left to right (as :attr:`Coplanar.offsets`)."""
_LAUNCH_IN = (65.0, 20.0, 20.0, 65.0)  # um along the port: where each conductor jogs
LAUNCH_IN_LENGTH = 105.0
"""um from the landings' face to the end of the narrowing launch."""
HEATER_OFFSETS = (-120.0, -130.0)
"""A modulator heater's two wires beside its line (right of it, as the heater sits)."""
HEATER_PADS = (-2.5 * PAD_PITCH, -3.5 * PAD_PITCH)
HEATER_JOGS = (200.0, 215.0)
"""um from the drive end's face where the heater wires step to their place in the bundle."""


@dataclass
class Net:
    """One routed bundle: a DC wire, a photodiode's signal and ground pair, or a modulator's
    line and heater. ``start`` is where the maze starts, ``direction`` the unit vector it
    leaves along, ``row`` the pad row (+1 north, -1 south; a bump grid takes either).
    ``offsets``, ``widths``, ``pad_offsets`` and ``jogs`` give each conductor's place left of
    the centreline, width, pad place left of the bundle's axis at its end, and the distance
    from the end where it steps to its pad; ``joined`` conductors start at ``lead[1]``."""

    name: str
    ports: list[Any]
    start: tuple[float, float]
    direction: tuple[int, int]
    row: int
    lead: list[tuple[float, float]] = field(default_factory=list)
    offsets: tuple[float, ...] = (0.0,)
    widths: tuple[float, ...] = (DC_WIDTH,)
    pad_offsets: tuple[float, ...] = (0.0,)
    jogs: tuple[float, ...] = (0.0,)
    joined: tuple[bool, ...] = (False,)
    reach: float = 60.0
    """um from the end of the route to the pads' centres."""
    run: float = 0.0
    """um of straight bundle into the pads' launch."""
    launch: list[tuple[list[tuple[float, float]], float]] = field(default_factory=list)
    """Fixed conductors from the landings to the bundle: (polyline, width)."""
    pads: list[tuple[float, float]] = field(default_factory=list)
    fence: float | None = None
    """um, for a laser site's contact: the site's east end and a margin. No line's pads lie
    west of it, so the lines never enclose the site and its contacts' pads lie west of
    theirs."""
    stacked: bool = False
    """A pair whose two pads stand one behind the other in a column of a bump grid (its
    second wire passes the first pad half a pitch to its right), not side by side."""

    @property
    def line(self) -> bool:
        """True for a bundle with a coplanar line (four conductors or more)."""
        return len(self.offsets) >= 4

    @property
    def half_width(self) -> float:
        return max(abs(o) + w / 2 for o, w in zip(self.offsets, self.widths, strict=True))


MZM_BUNDLE = dict(
    offsets=(*CPW.offsets, *HEATER_OFFSETS),
    widths=(*CPW.widths, DC_WIDTH, DC_WIDTH),
    pad_offsets=(*PAD_OFFSETS, *HEATER_PADS),
    jogs=(55.0, 100.0, 100.0, 55.0, 25.0, 10.0),
    joined=(False,) * 4 + (True, True),
    reach=170.0,
)
"""A modulator's bundle: GSSG line, then its heater's two wires (the outer a conductor's pad,
the nearer the end it steps out, so no two cross)."""
PAIR_OFFSETS = (5.0, -5.0)
"""A photodiode's two wires, one grid step apart."""
PAIR_BUNDLE = dict(
    offsets=PAIR_OFFSETS,
    widths=(DC_WIDTH, DC_WIDTH),
    pad_offsets=(0.5 * PAD_PITCH, -0.5 * PAD_PITCH),
    jogs=(20.0, 20.0),
    joined=(False, False),
    reach=70.0,
)
PAIR_JOG = 20.0
"""um along the ports where a photodiode's wires step together."""
PAIR_LAUNCH = 40.0
"""um from a photodiode's landings' face to where its pair of wires starts."""


def cpw_figures(freq_ghz: float) -> dict[str, float]:
    """The feed line's figures: Z0 (Ohm, of each GSG line), n_rf and loss (dB/mm)."""
    z0, n_rf, loss = coplanar_line(np.array([freq_ghz]), CPW.signal, CPW.gap, M3_STACK)
    return {
        "z0_ohm": round(z0, 2),
        "n_rf": round(n_rf, 3),
        "loss_db_per_mm": round(float(loss[0]), 4),
        "frequency_ghz": round(float(freq_ghz), 3),
        "signal_um": CPW.signal,
        "gap_um": CPW.gap,
        "ground_um": CPW.ground,
    }


def polyline_boxes(
    points: Sequence[tuple[float, float]], width: float
) -> list[tuple[float, float, float, float]]:
    """The rectangles (um) of a Manhattan wire of ``width`` along ``points``: one per
    segment, with square ends half a width beyond both points (so consecutive pieces overlap
    at corners)."""
    h = width / 2
    return [
        (min(a[0], b[0]) - h, min(a[1], b[1]) - h, max(a[0], b[0]) + h, max(a[1], b[1]) + h)
        for a, b in zip(points[:-1], points[1:], strict=True)
        if a != b
    ]


def draw_polyline(
    c: gf.Component, points: Sequence[tuple[float, float]], width: float
) -> list[tuple[float, float, float, float]]:
    """A Manhattan wire of ``width`` along ``points`` on M3; returns its rectangles (um)."""
    boxes = polyline_boxes(points, width)
    for left, bottom, right, top in boxes:
        box = [(left, bottom), (right, bottom), (right, top), (left, top)]
        c.add_polygon([(round(x, 3), round(y, 3)) for x, y in box], layer=LAYER.M3)
    return boxes


def _along(origin, u, lateral, a: float, b: float) -> tuple[float, float]:
    """The point ``a`` along ``u`` and ``b`` to its left from ``origin``."""
    left = (-u[1], u[0])
    return (origin[0] + u[0] * a + left[0] * b, origin[1] + u[1] * a + left[1] * b)


def launch_in(
    face: tuple[float, float], u: tuple[int, int], landings: Sequence[float], axis_shift: float
) -> list[list[tuple[float, float]]]:
    """Each conductor's polyline from its landing (lateral offsets ``landings`` from the
    landings' centre at ``face``, left positive) to the line, whose axis lies ``axis_shift``
    um to the left of that centre, :data:`LAUNCH_IN_LENGTH` along ``u``."""
    paths = []
    for k, lateral in enumerate(landings):
        target = CPW.offsets[k] + axis_shift
        jog = _LAUNCH_IN[k]
        paths.append(
            [
                _along(face, u, lateral, -27.0, lateral),
                _along(face, u, lateral, jog, lateral),
                _along(face, u, lateral, jog, target),
                _along(face, u, lateral, LAUNCH_IN_LENGTH, target),
            ]
        )
    return paths


def launch_out(
    end: tuple[float, float], u: tuple[int, int], net: Net, pads: Sequence[tuple[float, float]]
) -> list[list[tuple[float, float]]]:
    """Each conductor's polyline from the bundle's ``end`` (moving along ``u``) to its pad
    (``pads``, ``net.reach`` ahead, in the order of ``net.offsets``)."""
    left = (-u[1], u[0])
    paths = []
    for k, offset in enumerate(net.offsets):
        jog = net.jogs[k]
        lateral = float(np.dot(np.subtract(pads[k], end), left))
        paths.append(
            [
                _along(end, u, 0.0, 0.0, offset),
                _along(end, u, 0.0, jog, offset),
                _along(end, u, 0.0, jog, lateral),
                tuple(pads[k]),
            ]
        )
    return paths


def stacked_tails(
    end: tuple[float, float],
    u: tuple[int, int],
    net: Net,
    pads: Sequence[tuple[float, float]],
    pad_half: float,
) -> list[list[tuple[float, float]]]:
    """A stacked pair's two wires from the bundle's ``end`` (moving along ``u``) into its
    column of bumps ``pads`` (near, far): the left wire straight onto the near bump, the
    right one half a pitch to the right round it, then back onto the far bump."""
    near, far = (float(np.dot(np.subtract(p, end), u)) for p in pads)
    first, second = net.offsets
    aside = -PAD_PITCH / 2
    before = near - pad_half - SPACE - 1.5 * DC_WIDTH
    beyond = near + pad_half + SPACE + DC_WIDTH
    if before <= DC_WIDTH or beyond + DC_WIDTH / 2 + SPACE >= far - pad_half:
        raise ValueError(f"{net.name}: no room to pass the near bump ({near:g}, {far:g} um)")
    return [
        [_along(end, u, 0.0, 0.0, first), _along(end, u, 0.0, near, first)],
        [
            _along(end, u, 0.0, 0.0, second),
            _along(end, u, 0.0, before, second),
            _along(end, u, 0.0, before, aside),
            _along(end, u, 0.0, beyond, aside),
            _along(end, u, 0.0, beyond, 0.0),
            tuple(pads[1]),
        ],
    ]


def pair_launch(
    face: tuple[float, float], u: tuple[int, int], landings: Sequence[float], axis_shift: float
) -> list[list[tuple[float, float]]]:
    """A photodiode's two wires from its landings (lateral offsets ``landings`` from their
    centre at ``face``, left first) to the pair, whose axis is ``axis_shift`` um to the left."""
    return [
        [
            _along(face, u, 0.0, -27.0, lateral),
            _along(face, u, 0.0, PAIR_JOG, lateral),
            _along(face, u, 0.0, PAIR_JOG, PAIR_OFFSETS[k] + axis_shift),
            _along(face, u, 0.0, PAIR_LAUNCH, PAIR_OFFSETS[k] + axis_shift),
        ]
        for k, lateral in enumerate(landings)
    ]


def heater_launch(
    face: tuple[float, float], u: tuple[int, int], patches, axis_shift: float
) -> list[list[tuple[float, float]]]:
    """The heater wires from their patches (along ``u`` and left of the drive end's centre
    ``face``: (along, lateral) pairs) to their places beside the line at the route's start."""
    paths = []
    for k, (a, lateral) in enumerate(patches):
        target = HEATER_OFFSETS[k] + axis_shift
        jog = HEATER_JOGS[k]
        paths.append(
            [
                _along(face, u, 0.0, a, lateral),
                _along(face, u, 0.0, jog, lateral),
                _along(face, u, 0.0, jog, target),
                _along(face, u, 0.0, LAUNCH_IN_LENGTH + LEAD, target),
            ]
        )
    return paths


LEAD = 120.0
"""um of straight bundle after the line's launch before the route may turn."""
