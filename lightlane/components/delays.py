"""Delay lines: a rectangular double spiral_delay of a requested length."""

from __future__ import annotations

import functools

import gdsfactory as gf
import numpy as np

from lightlane.components._checks import (
    DIE,
    cell,
    cross_section_with_width,
    require_count,
    require_on_grid,
    require_positive,
)
from lightlane.pdk.rules import RULES

__all__ = ["manhattan_path", "spiral_delay"]

_LOOPS_MAX = 100
_LENGTH_MAX = 1e7  # um: 10 m of waveguide, 2 kdB of loss at 2 dB/cm; the die bounds it first


def _spiral_points(a: float, b: float, y_centre: float, n_loops: int, pitch: float, lead: float):
    """Corners of the double spiral: arm A runs in clockwise, arm B (A turned 180 deg) runs out.

    A's loop k has its left side at ``-a + 2kp``, right ``a - p - 2kp``, top ``b - 2kp`` and
    bottom ``-(b - p) + 2kp``; B's tracks fall between A's. The arms meet in an S through the
    centre at heights ``+-y_centre``.
    """
    p = pitch
    arm = [(-a - lead, -b), (-a, -b)]
    for k in range(n_loops):
        top, bottom = b - 2 * k * p, -(b - p) + 2 * k * p
        left, right = -a + 2 * k * p, a - p - 2 * k * p
        arm += [(left, top), (right, top), (right, bottom), (left + 2 * p, bottom)]
    arm += [(-a + 2 * n_loops * p, y_centre), (0.0, y_centre)]
    arm_array = np.array(arm)
    return np.vstack([arm_array, -arm_array[::-1]])


def manhattan_path(points: np.ndarray, radius: float) -> gf.Path:
    """The path through Manhattan ``points`` with an Euler bend of effective ``radius`` at each
    corner (footprint ``radius`` per 90 degrees, so segments need ``radius`` per bend)."""
    bend = functools.partial(gf.path.euler, use_eff=True)
    return gf.path.smooth(np.asarray(points, dtype=float), radius=radius, bend=bend)


@cell
def spiral_delay(
    length: float = 2000.0,
    n_loops: int = 3,
    pitch: float = 3.0,
    radius: float | None = None,
    cross_section: str = "strip",
) -> gf.Component:
    """A rectangular double spiral of Euler bends and straights with exactly ``length`` um of path.

    ::

         _______________________
        | ____________________  |___ o2
        || __________________ | |
        |||   ___________    || |
        |||  |__________ |   || |
        ||______________||___|| |
    o1 _|____________________|| |
                              |_|

    Arm A spirals in from o1 (west), arm B spirals out to o2 (east), their tracks interleaved at
    ``pitch``; the width of the spiral_delay is solved so that the path is ``length`` long, and the
    nanometre rest left by putting the width on the grid is taken up by the centre S. The
    achieved length is ``info["length"]``.

    Args:
        length: path length in um from o1 to o2, up to 10 m; the spiral must fit the die.
        n_loops: loops of each arm, 1 to 100.
        pitch: centre-to-centre spacing of neighbouring tracks in um (up to 100); every layer of the
            cross-section (a rib's slab too) keeps its minimum space between tracks.
        radius: effective radius of the Euler bends in um (up to 1 mm); None takes the
            cross-section's. The
            smallest radius of curvature must respect the cross-section's minimum radius rule.
        cross_section: cross-section name.
    """
    require_count("n_loops", n_loops, 1, _LOOPS_MAX)
    require_positive("length", length, high=_LENGTH_MAX)
    require_positive("pitch", pitch, high=100.0)
    require_on_grid("pitch", pitch)
    xs = cross_section_with_width(cross_section, None)
    radius = xs.radius if radius is None else radius
    require_positive("radius", radius, high=1000.0)
    require_on_grid("radius", radius)
    for section in xs.sections:
        layer = getattr(section.layer, "name", str(section.layer))
        space = RULES.find("space", layer)
        if space is not None and pitch < section.width + space.value - 1e-9:
            raise ValueError(
                f"pitch={pitch:g} um leaves less than the {layer} space of {space.value:g} um "
                f"between {section.width:g} um wide tracks (rule {space.id}); "
                f"use pitch >= {section.width + space.value:g}"
            )
    min_radius = float(gf.path.euler(radius=radius, angle=90, use_eff=True).info["Rmin"])
    rule = RULES.find("radius", cross_section)
    if rule is not None and min_radius < rule.value - 1e-6:
        raise ValueError(
            f"radius={radius:g} um gives Euler bends with a smallest radius of curvature of "
            f"{min_radius:.3f} um, below the minimum {rule.value:g} um of cross-section "
            f"{cross_section!r} (rule {rule.id}); "
            f"use radius >= {radius * rule.value / min_radius:.2f}"
        )

    inner = 2 * n_loops * pitch
    # Slack on the centre S for the trim below: rounding a moves the length by < (n + 1/4) nm/4.
    margin = 0.001 * (2 * n_loops + 2)
    b = inner + 2 * radius
    y_centre = b - inner - margin
    a_min = inner + 2 * radius + margin
    lead = radius + pitch

    def path_length(a: float, y: float = y_centre) -> float:
        return manhattan_path(_spiral_points(a, b, y, n_loops, pitch, lead), radius).length()

    shortest = path_length(a_min)
    if length < shortest - 1e-6:
        raise ValueError(
            f"length={length:g} um is shorter than the smallest {n_loops}-loop spiral_delay at "
            f"radius={radius:g} um and pitch={pitch:g} um ({shortest:.3f} um); use "
            f"length >= {np.ceil(shortest * 1000) / 1000:.3f}, fewer loops or a smaller radius"
        )
    slope = path_length(a_min + 1.0) - shortest  # the length is linear in the half-width a
    a = round(a_min + (length - shortest) / slope, 3)
    if 2 * a > DIE:
        raise ValueError(
            f"length={length:g} um makes a {n_loops}-loop spiral {2 * a:.0f} um wide, wider than "
            f"the {DIE:g} um die; use more loops or length <= {length * DIE / (2 * a):.0f}"
        )
    y_centre += (length - path_length(a)) / 4  # the centre S holds four segments that stretch
    points = _spiral_points(a, b, y_centre, n_loops, pitch, lead)
    path = manhattan_path(points, radius)
    c = gf.path.extrude(path, cross_section=xs)
    c.info["length"] = float(np.round(path.length(), 6))
    c.info["n_bends"] = len(points) - 2
    c.info["min_bend_radius"] = float(np.round(min_radius, 6))
    c.info["width"] = float(xs.width)
    return c
