"""The finite-volume conduction solver against closed forms, and the thermal model built on it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from lightlane.models.heaters import HEATER_STACK
from lightlane.physics import thermal
from lightlane.physics.conduction import Block, axis, solve


@pytest.mark.parametrize("geometry", ["planar", "axisymmetric"])
def test_a_uniform_sheet_source_gives_the_one_dimensional_rise(geometry):
    """Heat over the whole width flows straight down: dT = q'' z / k at height z over the sink."""
    width = 10.0
    u = axis([0.0, width], 0.1, 1.0, (0.0, width))
    z = axis([-2.0, 0.0, 0.22, 1.2, 1.35, 5.0], 0.05, 0.5, (-2.0, 5.0))
    field = solve(u, z, background=1.4, source=Block(0.0, width, 1.2, 1.35, 1.4), geometry=geometry)
    area = 2 * width if geometry == "planar" else np.pi * width**2
    expected = 1.0 / area * 2.11 / 1.4 * 1e3  # 1 mW, core centre 2.11 um over the sink
    assert field.mean(0.0, width, 0.1, 0.12) == pytest.approx(expected, rel=1e-9)


def test_a_strip_heater_in_oxide_matches_the_image_solution():
    """No Si, no substrate, a thin filament: the solver reproduces the images within 1 %."""
    stack = replace(HEATER_STACK, k_film=0.0, substrate=0.0, heater_thickness=0.02)
    solved = thermal.line_resistance(2.0, stack)
    assert solved == pytest.approx(thermal.thermal_resistance(2.0, stack), rel=1e-2)


def test_a_large_ring_tends_to_the_straight_heater():
    """R -> infinity: the ring's rise per mW is R' / (2 pi R) of the same cross-section."""
    radius = 50.0
    ring = thermal.ring_rise_per_mw(radius, 0.4, 2.0, HEATER_STACK)
    line = float(thermal.line_resistance(2.0, HEATER_STACK)) / (2 * np.pi * radius)
    assert ring == pytest.approx(line, rel=0.03)


def test_crosstalk_falls_with_pitch_and_the_slab_spreads_the_heat():
    pitches = np.array([5.0, 10.0, 20.0, 30.0])
    line = thermal.line_crosstalk(pitches, 2.0, HEATER_STACK)
    assert np.all(np.diff(line) < 0) and line[0] < 0.5 and line[-1] < 0.01
    ring = thermal.ring_crosstalk([20.0, 30.0, 50.0], 7.5, 0.4, 1.0, HEATER_STACK, 12.2, 0.09)
    assert np.all(np.diff(ring) < 0) and ring[0] < 0.15
    bare = thermal.ring_rise_per_mw(7.5, 0.4, 1.0, HEATER_STACK)
    assert thermal.ring_rise_per_mw(7.5, 0.4, 1.0, HEATER_STACK, 12.2, 0.09) < 0.85 * bare


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: thermal.line_resistance(0.0, HEATER_STACK), ["heater_width", "> 0"]),
        (lambda: thermal.line_crosstalk(-1.0, 2.0, HEATER_STACK), ["pitch"]),
        (lambda: thermal.ring_rise_per_mw(0.4, 0.4, 1.0, HEATER_STACK), ["heater_width"]),
        (lambda: thermal.ring_rise_per_mw(7.5, 0.4, 1.0, HEATER_STACK, 5.0, 0.09), ["slab_radius"]),
        (lambda: thermal.ring_crosstalk(10.0, 7.5, 0.4, 1.0, HEATER_STACK), ["pitch", "radius"]),
        (
            lambda: solve([0, 1], [0, 1, 2], background=1.4, source=Block(0, 1, 0, 1, 1)),
            ["u_edges"],
        ),
    ],
)
def test_bad_thermal_inputs_are_refused_by_name(call, words):
    with pytest.raises(ValueError) as err:
        call()
    assert all(w in str(err.value) for w in words)


def test_the_reciprocal_ring_field_prices_the_arc_as_the_forward_one():
    """Green's reciprocity: the core-sourced field averaged over the heater is the forward mean."""
    from lightlane.physics.ring_heater import ring_heater_rise_per_mw

    forward = thermal.ring_rise_per_mw(7.5, 0.4, 1.0, HEATER_STACK, 12.5, 0.09)
    reciprocal = ring_heater_rise_per_mw(7.5, 0.4, 1.0, HEATER_STACK, (0.0, 12.5, 0.09))
    assert reciprocal == pytest.approx(forward, rel=1e-9)


def test_a_sink_lowers_the_field_and_a_lead_fin_has_the_fin_formula():
    from lightlane.physics.ring_heater import lead_fin_conductance

    u = axis([0.0, 10.0], 0.1, 1.0, (0.0, 10.0))
    z = axis([-2.0, 0.0, 1.2, 1.35, 5.0], 0.05, 0.5, (-2.0, 5.0))
    heater = Block(0.0, 10.0, 1.2, 1.35, 1.4)
    bare = solve(u, z, background=1.4, source=heater)
    sunk = solve(u, z, background=1.4, source=heater, sinks=[(heater, 1.0)])
    assert sunk.mean(0, 10, 1.2, 1.35) < bare.mean(0, 10, 1.2, 1.35)
    # uniform source over the whole disc, one sink on it: 1 mW shared by the two paths
    t = sunk.mean(0, 10, 1.2, 1.35)
    assert t * 1.0 == pytest.approx(1.0 - (t / bare.mean(0, 10, 1.2, 1.35)), rel=0.05)
    g = lead_fin_conductance(4.0, 2.0, 6.0, k_metal=220.0, k_oxide=1.4)
    expected = np.sqrt(2 * np.pi * 1.4 / np.log(12.0) * 220.0 * 8e-12) * 1e3
    assert g == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match="height"):
        lead_fin_conductance(4.0, 2.0, 0.4)
    with pytest.raises(ValueError, match="conductance"):
        solve(u, z, background=1.4, source=heater, sinks=[(heater, -1.0)])
