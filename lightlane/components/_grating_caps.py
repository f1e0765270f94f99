"""Square caps where the focusing grating's trenches cross the fan's edges.

A trench between two confocal ellipses meets the fan's straight edge at a slant: cut off there,
it would leave an acute etch corner. Instead both of its arcs run on along their common tangent
past the edge and a cap square to that tangent joins them. Vertices lie on the 1 nm grid, so a cap
runs along an integer step ``(p, q)`` nm and its normal: its corners are exactly 90 deg, and its
width across the trench is a whole number ``t`` of steps, ``t sqrt(p^2 + q^2)`` nm. That width is
kept within the same bound as the band it closes (the SHALLOW_ETCH minimum width and space plus
the grid margin), for the trench and for the tooth to the next trench alike: the cap runs along
the lattice step nearest the tangent that allows such a width, and the validation refuses a
grating for which no step within :data:`MAX_TURN_DEG` of the tangent does.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from lightlane.pdk.rules import RULES

REACH = 40  # nm: the longest cap step; its ends snap to multiples of it
# deg a cap may turn off the ellipses' tangent: the trench bends into it by 175 deg or flatter
MAX_TURN_DEG = 5.0
# um a trench runs on past the fan's edge: its square cap lies off the silicon, so the etch
# cuts the whole tooth line and leaves no sliver at the fan's edge
_CAP_OVERRUN = RULES.min_width("SHALLOW_ETCH")


@dataclass(frozen=True)
class CapStep:
    """The step (nm) a fan edge's caps run along, and the whole numbers of steps, ``t_min`` to
    ``t_max``, a cap may be wide."""

    step: np.ndarray
    t_min: int
    t_max: int


def edge_frames(k: float, half: float) -> tuple[np.ndarray, np.ndarray]:
    """Unit tangents of every ellipse at the fan's two edges, pointing out of the fan, and the
    edges' unit directions from the apex; the ellipses are homothetic about the apex, so one
    tangent per edge serves all of them."""
    ends = np.array([-half, half])
    slope = k * np.sin(ends) / (1 - k * np.cos(ends))
    tangent = np.column_stack(
        [slope * np.cos(ends) - np.sin(ends), slope * np.sin(ends) + np.cos(ends)]
    )
    tangent *= np.array([[-1.0], [1.0]]) / np.linalg.norm(tangent, axis=1, keepdims=True)
    return tangent, np.column_stack([np.cos(ends), np.sin(ends)])


def lattice_direction(tangent: np.ndarray, reach: int = REACH) -> np.ndarray:
    """The integer step (nm) of at most ``reach`` nm closest in direction to ``tangent``: run
    along it and its normal, a cap's corners are exactly 90 degrees on the 1 nm grid."""
    best, error = np.array([0, 1]), np.inf
    for p in range(-reach, reach + 1):
        for q in range(-reach, reach + 1):
            if (p or q) and p * p + q * q <= reach * reach and math.gcd(p, q) == 1:
                v = np.array([p, q], dtype=float)
                e = 1 - float(v @ tangent) / float(np.hypot(p, q))
                if e < error:
                    best, error = np.array([p, q]), e
    return best


@functools.cache
def _primitive_steps(reach: int) -> np.ndarray:
    """Every integer step of at most ``reach`` nm that is not a multiple of a shorter one."""
    p, q = np.meshgrid(np.arange(-reach, reach + 1), np.arange(-reach, reach + 1), indexing="ij")
    p, q = p.ravel(), q.ravel()
    keep = (p * p + q * q <= reach * reach) & (np.gcd(p, q) == 1)
    return np.column_stack([p[keep], q[keep]])


def _width_range(steps: np.ndarray, radial: np.ndarray, spacing: float, low: float):
    """Fewest and most whole steps a cap along each of ``steps`` may be wide: at least ``low``
    nm, leaving at least ``low`` nm of tooth in the ``spacing`` nm between the lines of two
    trenches' inner ends, which lie ``spacing`` apart along the fan edge ``radial``."""
    length = np.hypot(steps[:, 0], steps[:, 1])
    across = spacing * np.abs(radial[0] * -steps[:, 1] + radial[1] * steps[:, 0]) / length
    t_min = np.ceil(low / length - 1e-9).astype(int)
    t_max = np.floor((across - low) / length + 1e-9).astype(int)
    return t_min, t_max


def cap_step(tangent: np.ndarray, radial: np.ndarray, spacing: float, low: float):
    """The step (nm) closest to ``tangent`` whose caps can keep trench and tooth at least
    ``low`` nm wide, both with ``spacing`` nm of radial period along the fan edge ``radial``;
    None when no step within :data:`MAX_TURN_DEG` of the tangent can."""
    step = lattice_direction(tangent)
    t_min, t_max = _width_range(step[None, :], radial, spacing, low)
    if t_min[0] <= t_max[0]:
        return CapStep(step, int(t_min[0]), int(t_max[0]))
    steps = _primitive_steps(REACH)
    cos = steps @ tangent / np.hypot(steps[:, 0], steps[:, 1])
    t_min, t_max = _width_range(steps, radial, spacing, low)
    fits = (t_min <= t_max) & (cos >= math.cos(math.radians(MAX_TURN_DEG)))
    if not fits.any():
        return None
    best = int(np.argmax(np.where(fits, cos, -np.inf)))
    return CapStep(steps[best], int(t_min[best]), int(t_max[best]))


def cap_steps(k: float, half: float, spacing: float, low: float) -> list[CapStep | None]:
    """The cap steps at the fan's two edges, ``half`` radians off the axis, of ellipses with
    eccentricity ``k`` and ``spacing`` nm of radial period along the edges (see
    :func:`cap_step`)."""
    tangent, radial = edge_frames(k, half)
    return [cap_step(t, r, spacing, low) for t, r in zip(tangent, radial, strict=True)]


def fitting_periods(k: float, half: float, radial: float, period: float, low: float):
    """The next period (um, on a 1 nm grid) above ``period`` at which caps fit, and the period
    from which they always do: the nearest-tangent step's range of widths then spans a step.
    ``radial`` is the radial period in nm along the fan's edges per um of period."""
    tangent, edge = edge_frames(k, half)
    step = lattice_direction(tangent[1])
    length = float(np.hypot(*step))
    across = radial * abs(float(edge[1] @ np.array([-step[1], step[0]]))) / length
    always = math.ceil((2 * low + length) / across * 1000 - 1e-6) / 1000
    fits = (math.floor(period * 1000 + 1e-6) + 1) / 1000
    while fits < always and any(c is None for c in cap_steps(k, half, radial * fits, low)):
        fits = round(fits + 0.001, 3)
    return min(fits, always), always


def square_cap(a_end: np.ndarray, b_end: np.ndarray, cap: CapStep) -> np.ndarray:
    """Points (nm) from the inner arc's end ``a_end`` (um) to the outer arc's ``b_end``: run
    on along the cap's step past the fan's edge, cross along its normal, run back to the outer
    arc; the cap is the whole number of steps wide nearest the band, within the cap's range."""
    step = cap.step
    g, h = np.round(a_end * 1000).astype(int), np.round(b_end * 1000).astype(int)
    normal = np.array([-step[1], step[0]])
    if (h - g) @ normal < 0:
        normal = -normal
    length = float(np.hypot(*step))
    across = float((h - g) @ step) / length  # nm the outer end lies ahead of the inner one
    run = math.ceil((_CAP_OVERRUN * 1000 + max(across, 0.0)) / length)
    v1 = g + run * step
    width = round(float((h - v1) @ normal) / float(normal @ normal))
    v2 = v1 + min(max(width, cap.t_min), cap.t_max) * normal
    back = round(float((v2 - h) @ step) / float(step @ step))
    if (v2 - h) @ normal > 0:  # wider than the band: the arc's join faces the cap's far side
        back = max(back, math.ceil(_CAP_OVERRUN * 1000 / length))
    return np.array([g, v1, v2, v2 - max(back, 1) * step])


def outer_arc(b: np.ndarray, lo: np.ndarray, hi: np.ndarray, steps: list[np.ndarray]):
    """The outer arc ``b`` (um) between the caps ``lo`` and ``hi`` (nm): its two ends give way
    to the caps' last points, and so does any point less far behind a cap's last point than
    that point lies off the arc, so the arc joins each cap at 135 deg or flatter."""
    nm = np.round(b * 1000)
    keep = np.arange(len(b)) % (len(b) - 1) != 0
    for end, cap, step in ((0, lo, steps[0]), (-1, hi, steps[1])):
        unit = step / np.hypot(*step)
        offset = abs(float((nm[end] - cap[3]) @ np.array([-unit[1], unit[0]])))
        keep &= (nm - cap[3]) @ unit <= -offset
    return b[keep]
