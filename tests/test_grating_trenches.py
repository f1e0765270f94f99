"""Grating trench corners are square (issue 17): fab sliver and acute-angle checks pass."""

from __future__ import annotations

import numpy as np
import pytest

from layout_checks import flat_region
from lightlane.components.gratings import grating_coupler
from lightlane.pdk.layers import layer_by_name


def _corner_angles(component) -> np.ndarray:
    """Interior angle in degrees at every vertex of the merged trenches."""
    angles = []
    for polygon in flat_region(component, layer_by_name("SHALLOW_ETCH").gds).each():
        pts = np.array([(p.x, p.y) for p in polygon.each_point_hull()], dtype=float)
        u = np.roll(pts, 1, axis=0) - pts
        v = np.roll(pts, -1, axis=0) - pts
        cos = np.sum(u * v, axis=1) / np.linalg.norm(u, axis=1) / np.linalg.norm(v, axis=1)
        angles.append(np.degrees(np.arccos(np.clip(cos, -1, 1))))
    return np.concatenate(angles)


@pytest.mark.parametrize(
    "settings",
    [{}, {"sector_angle": 40.0, "fibre_angle": 20.0}, {"sector_angle": 10.0}, {"fill_factor": 0.3}],
)
def test_every_trench_corner_is_square_or_obtuse(settings):
    angles = _corner_angles(grating_coupler(**settings))
    corners = angles[angles < 150]
    assert len(corners) == 4 * 25  # four square corners per trench
    np.testing.assert_allclose(corners, 90.0, atol=1e-9)


def test_trenches_run_past_the_fan_edge():
    """The etch crosses the whole tooth line: no unetched sliver between trench and fan edge."""
    c = grating_coupler()
    fan = flat_region(c, layer_by_name("WG").gds)
    trenches = flat_region(c, layer_by_name("SHALLOW_ETCH").gds)
    outside = trenches - fan
    assert outside.count() == 2 * 25  # each trench's two caps lie off the silicon


@pytest.mark.parametrize(
    "settings",
    [
        # caps one 35 nm step wider than the 0.154 um band: the arc joins them at 148 deg
        {"wavelength": 1.27, "fibre_angle": 19.0, "fill_factor": 0.7, "n_periods": 1,
         "taper_length": 2.0, "sector_angle": 16.0},
        # no width along the nearest step fits: the caps turn 0.15 deg onto another step
        {"wavelength": 1.31, "fibre_angle": 20.0, "period": 0.336, "fill_factor": 0.51,
         "n_periods": 4, "taper_length": 32.0, "sector_angle": 36.0, "cross_section": "strip_c"},
    ],
)  # fmt: skip
def test_near_minimum_caps_stay_square_and_join_the_arcs_obtusely(settings):
    angles = _corner_angles(grating_coupler(**settings))
    square = np.abs(angles - 90.0) < 1e-9
    assert square.sum() == 4 * settings["n_periods"]
    assert angles[~square].min() >= 135.0
