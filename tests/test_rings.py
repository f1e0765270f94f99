"""Ring cells and models: Yariv and Bogaerts closed forms, FSR, loaded Q, critical coupling."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import lightlane.models.rings
from bound_models import bound
from layout_checks import assert_clean, assert_refused_before_drawing
from lightlane.components.rings import bend_circular, coupler_ring, ring_double, ring_single
from lightlane.pdk.process import TECH
from lightlane.physics import coupling
from lightlane.physics.modes import group_index, n_eff

models = bound(lightlane.models.rings)


def ring_coupling_angle(wl, gap, radius, length_x, width):
    return coupling.ring_coupling_angle(wl, gap, radius, length_x, width, TECH.core_thickness)


SWEEP = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WL = np.linspace(1.30, 1.32, 20001)  # 1 pm steps
RACETRACK = {"gap": 0.15, "radius": 5.0, "length_x": 4.0}  # loaded Q ~ 7k, like a modulator


def round_trip(wl, length, loss_db_per_cm=2.0, quarter_turns=4, loss_db_per_90=0.005):
    """(amplitude a, phase phi) of one round trip, from the dispersion model alone."""
    a = 10 ** (-(loss_db_per_cm * length * 1e-4 + quarter_turns * loss_db_per_90) / 20)
    return a, 2 * np.pi * n_eff(wl, 0.4) * length / wl


def dips(power):
    return np.where((power[1:-1] < power[:-2]) & (power[1:-1] < power[2:]))[0] + 1


def fwhm(wl, power, index):
    """Full width at half depth of the dip at ``index`` (linear interpolation)."""
    half = (power.max() + power[index]) / 2
    lo = index - np.argmax(power[index::-1] > half)
    hi = index + np.argmax(power[index:] > half)
    left = np.interp(half, [power[lo + 1], power[lo]], [wl[lo + 1], wl[lo]])
    right = np.interp(half, [power[hi - 1], power[hi]], [wl[hi - 1], wl[hi]])
    return right - left


def test_lossless_ring_coupler_is_unitary():
    s = models.coupler_ring(WL[::100], loss_db_per_cm=0.0, loss_db_per_90=0.0)
    m = np.stack([np.stack([s[o, i] for i in ("o1", "o2")], -1) for o in ("o4", "o3")], -2)
    eye = np.broadcast_to(np.eye(2), m.shape)
    np.testing.assert_allclose(m @ np.conj(np.swapaxes(m, -1, -2)), eye, atol=1e-12)


def test_all_pass_ring_is_yariv_closed_form():
    component = ring_single(**RACETRACK)
    length = component.info["length"]
    r = np.cos(ring_coupling_angle(WL, np.array(0.15), 5.0, 4.0, 0.4))
    a, phi = round_trip(WL, length)
    bus = 10 ** (-2.0 * component.info["length_bus"] * 1e-4 / 20)
    x = a * np.exp(-1j * phi)
    expected = bus**2 * abs((r - x) / (1 - r * x)) ** 2
    model = abs(models.ring_single(WL, **RACETRACK)["o2", "o1"]) ** 2
    np.testing.assert_allclose(model, expected, atol=1e-9)


def test_fsr_and_loaded_q_follow_the_closed_forms():
    length = ring_single(**RACETRACK).info["length"]
    power = abs(models.ring_single(WL, **RACETRACK)["o2", "o1"]) ** 2
    found = dips(power)
    assert len(found) >= 2
    wl0 = WL[found[0]]
    ng = group_index(wl0, 0.4)
    assert WL[found[1]] - wl0 == pytest.approx(wl0**2 / (ng * length), rel=0.01)
    r = float(np.cos(ring_coupling_angle(np.array(wl0), np.array(0.15), 5.0, 4.0, 0.4)))
    a, _ = round_trip(wl0, length)
    q_formula = np.pi * ng * length * np.sqrt(r * a) / (wl0 * (1 - r * a))
    assert wl0 / fwhm(WL, power, found[0]) == pytest.approx(q_formula, rel=0.03)
    assert 3e3 < q_formula < 8e3, "ring modulators: loaded Q 3-8 k (assumed)"


def test_default_ring_fsr_is_13_nm_at_r_5_um():
    power = abs(models.ring_single(WL)["o2", "o1"]) ** 2
    found = dips(power)
    assert np.diff(WL[found]) * 1e3 == pytest.approx([12.6], abs=0.4), "wl^2 / (n_g 2 pi R): ~13 nm"


def test_critical_coupling_extinguishes_the_through_port():
    """With the round-trip loss equal to the self-coupling (a = r), the dip goes to zero."""
    length = ring_single().info["length"]
    resonance = WL[dips(abs(models.ring_single(WL)["o2", "o1"]) ** 2)[0]]
    theta = ring_coupling_angle(np.array(resonance), np.array(0.2), 5.0, 0.0, 0.4)
    r = float(np.cos(theta))
    critical = -20 * np.log10(r) / (length * 1e-4)
    extinction = {}
    for name, loss in (("under", critical * 3), ("critical", critical), ("over", critical / 3)):

        def through(wl, loss=loss):
            s = models.ring_single(wl, loss_db_per_cm=loss, loss_db_per_90=0.0)
            return abs(s["o2", "o1"]) ** 2

        coarse = through(WL)
        centre = WL[dips(coarse)[0]]
        fine = np.linspace(centre - 2e-6, centre + 2e-6, 4001)
        extinction[name] = 10 * np.log10(coarse.max() / through(fine).min())
    assert extinction["critical"] > 30
    assert extinction["under"] < extinction["critical"] > extinction["over"]
    assert 4 < critical < 5, "a doped-waveguide loss (dB/cm) critically couples the default ring"


def test_add_drop_ring_is_bogaerts_closed_form():
    settings_ = {**RACETRACK, "gap_top": 0.2, "length_y": 2.0}
    component = ring_double(**settings_)
    length = component.info["length"]
    r1 = np.cos(ring_coupling_angle(WL, np.array(0.15), 5.0, 4.0, 0.4))
    r2 = np.cos(ring_coupling_angle(WL, np.array(0.2), 5.0, 4.0, 0.4))
    a, phi = round_trip(WL, length)
    bus = 10 ** (-2.0 * component.info["length_bus"] * 1e-4 / 20)
    denominator = 1 - 2 * r1 * r2 * a * np.cos(phi) + (r1 * r2 * a) ** 2
    through = bus**2 * (r2**2 * a**2 - 2 * r1 * r2 * a * np.cos(phi) + r1**2) / denominator
    drop = bus**2 * (1 - r1**2) * (1 - r2**2) * a / denominator
    s = models.ring_double(WL, **settings_)
    np.testing.assert_allclose(abs(s["o2", "o1"]) ** 2, through, atol=1e-9)
    np.testing.assert_allclose(abs(s["o4", "o1"]) ** 2, drop, atol=1e-9)
    np.testing.assert_allclose(abs(s["o3", "o2"]) ** 2, drop, atol=1e-9)
    assert np.all(abs(s["o3", "o1"]) == 0) and np.all(abs(s["o1", "o1"]) == 0)


def test_symmetric_add_drop_ring_drops_everything_at_resonance():
    s = models.ring_double(WL, **RACETRACK, loss_db_per_cm=0.0, loss_db_per_90=0.0)
    drop = abs(s["o4", "o1"]) ** 2
    assert drop.max() > 0.999
    through = abs(s["o2", "o1"]) ** 2
    np.testing.assert_allclose(drop + through, 1.0, atol=1e-12)


@pytest.mark.parametrize(
    ("factory", "kwargs", "words"),
    [
        (coupler_ring, {"gap": 0.12}, ["gap=0.12", "WG.S.1"]),
        (coupler_ring, {"radius": 4.0}, ["radius=4", "XS.R.strip"]),
        (ring_single, {"length_x": -0.1}, ["length_x=-0.1", "length_x >= 0"]),
        (ring_single, {"radius": 1e12}, ["radius=1e+12", "1000"]),
        (ring_single, {"length_y": 1.0005}, ["length_y=1.0005", "grid"]),
        (coupler_ring, {"length_x": 0.151}, ["length_x=0.151", "2 nm"]),
        (ring_double, {"gap_top": 0.1}, ["gap_top=0.1", "WG.S.1"]),
        (ring_double, {"cross_section": "rib"}, ["cross_section='rib'"]),
        (bend_circular, {"angle": 0.0}, ["angle=0"]),
        (bend_circular, {"radius": 5.0005}, ["radius=5.0005", "grid"]),
    ],
)
def test_bad_parameters_raise_before_any_geometry(factory, kwargs, words):
    assert_refused_before_drawing(factory, kwargs, words)


@SWEEP
@given(
    kind=st.sampled_from([coupler_ring, ring_single, ring_double]),
    gap=st.integers(70, 300).map(lambda n: n / 500),
    radius=st.integers(4000, 30_000).map(lambda n: n / 1000),
    length_x=st.one_of(st.just(0.0), st.integers(50, 10_000).map(lambda n: n / 500)),
    length_y=st.one_of(st.just(0.0), st.integers(100, 20_000).map(lambda n: n / 1000)),
    cross_section=st.sampled_from(["strip", "strip_c"]),
)
def test_ring_sweep_is_clean_or_refused(kind, gap, radius, length_x, length_y, cross_section):
    kwargs = {"gap": gap, "radius": radius, "length_x": length_x, "cross_section": cross_section}
    if kind is not coupler_ring:
        kwargs["length_y"] = length_y
    try:
        component = kind(**kwargs)
    except ValueError as error:
        event("refused")
        assert any(f"{name}=" in str(error) for name in ("gap", "radius", "length_x", "length_y"))
        return
    assert_clean(component)


@SWEEP
@given(
    radius=st.integers(4000, 50_000).map(lambda n: n / 1000),
    angle=st.sampled_from([90.0, -90.0, 180.0, 45.0, -30.0]),
    cross_section=st.sampled_from(["strip", "strip_c"]),
)
def test_bend_circular_sweep_is_clean_or_refused(radius, angle, cross_section):
    try:
        component = bend_circular(radius=radius, angle=angle, cross_section=cross_section)
    except ValueError as error:
        event("refused")
        assert "radius=" in str(error)
        return
    assert_clean(component)
