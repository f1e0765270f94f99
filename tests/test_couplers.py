"""Coupler cells and models: supermode cross-over lengths, CMT algebra, MMI figures, sweeps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import lightlane.models.couplers
from bound_models import bound
from layout_checks import assert_clean, assert_refused_before_drawing
from lightlane.components.couplers import coupler, mmi1x2, mmi2x2
from lightlane.pdk.process import TECH
from lightlane.physics import coupling
from lightlane.physics.geometry import sbend_min_radius

models = bound(lightlane.models.couplers)
THICKNESS = TECH.core_thickness

SWEEP = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WL = np.linspace(1.26, 1.36, 201)

# Full-transfer length (um) of oxide-clad strip pairs from a supermode solver (reference values,
# not a publication: lightlane.physics.coupling.COUPLING_REFERENCE is fitted to them).
SUPERMODE_LX = [
    *((0.4, 1.31, g, lx) for g, lx in ((0.15, 27.0), (0.2, 47.2), (0.25, 81.8), (0.3, 141.0))),
    *(
        (0.5, 1.55, g, lx)
        for g, lx in ((0.1, 14.3), (0.15, 23.5), (0.2, 37.0), (0.25, 57.7), (0.3, 89.3))
    ),
]
LX_TOLERANCE = 0.015  # the fit on the mode-solver n_eff table is within 1.1 %


def transfer(sdict, outputs=("o4", "o3"), inputs=("o1", "o2")) -> np.ndarray:
    """The (..., 2, 2) matrix from ``inputs`` to ``outputs``."""
    return np.stack([np.stack([sdict[o, i] for i in inputs], axis=-1) for o in outputs], axis=-2)


@pytest.mark.parametrize(("width", "wl", "gap", "reference"), SUPERMODE_LX)
def test_full_transfer_length_reproduces_the_supermode_table(width, wl, gap, reference):
    assert coupling.full_transfer_length(gap, wl, width, THICKNESS) == pytest.approx(
        reference, rel=LX_TOLERANCE
    )


def test_coupling_falls_exponentially_with_gap_and_rises_with_wavelength():
    gaps = np.linspace(0.15, 0.6, 10)
    lx = coupling.full_transfer_length(gaps, 1.31, 0.4, THICKNESS)
    gamma = np.diff(np.log(lx)) / np.diff(gaps)
    assert np.all((gamma > 9) & (gamma < 13)), "decay ~ 2 k0 sqrt(n_eff^2 - n_ox^2) ~ 10/um"
    wl = np.linspace(1.26, 1.36, 5)
    assert np.all(np.diff(coupling.full_transfer_length(0.2, wl, 0.4, THICKNESS)) < 0), (
        "longer wl couples more"
    )


def fan_length(wl, gap=0.2, width=0.4, dx=10.0, dy=4.0):
    """The straight length (um) whose coupling equals that of the two fans."""
    height = (dy - gap - width) / 2
    fans = coupling.coupling_angle(np.asarray(wl), np.array(gap), 0.0, width, dx, height, THICKNESS)
    return fans / (np.pi / (2 * coupling.full_transfer_length(gap, wl, width, THICKNESS)))


@pytest.mark.parametrize(
    ("cross_section", "wl", "reference"), [("strip", 1.31, 47.2), ("strip_c", 1.55, 37.0)]
)
def test_coupler_model_crosses_over_at_the_domain_length(cross_section, wl, reference):
    """A coupler whose straight plus fans make the table's L_x crosses all the power over."""
    width = 0.4 if cross_section == "strip" else 0.5
    length = round(float(reference - fan_length(wl, width=width)), 3)

    def cross(length):
        s = models.coupler(wl, length=length, cross_section=cross_section, excess_loss_db=0.0)
        return abs(s["o3", "o1"]) ** 2

    assert cross(length) > 0.999 * (1 - LX_TOLERANCE) ** 2
    assert cross(round(length * 0.9, 3)) < cross(length) > cross(round(length * 1.1, 3))


def test_default_coupler_splits_50_50_at_1310():
    s = models.coupler(1.31)
    cross, through = abs(s["o3", "o1"]) ** 2, abs(s["o4", "o1"]) ** 2
    assert cross / (cross + through) == pytest.approx(0.5, abs=0.01)
    assert -10 * np.log10(cross + through) == pytest.approx(0.05, abs=0.01)


def test_lossless_coupler_is_unitary_with_quadrature_cross_term():
    s = models.coupler(WL, excess_loss_db=0.0, loss_db_per_cm=0.0)
    m = transfer(s)
    eye = np.broadcast_to(np.eye(2), m.shape)
    np.testing.assert_allclose(m @ np.conj(np.swapaxes(m, -1, -2)), eye, atol=1e-12)
    ratio = s["o3", "o1"] / s["o4", "o1"]
    np.testing.assert_allclose(np.real(ratio), 0.0, atol=1e-12)
    assert np.all(np.imag(ratio) < 0), "cross = -i sin(theta) against through = cos(theta)"


def test_two_half_couplers_in_series_equal_one_full_coupler():
    """Symmetric couplers commute and add their coupling angles: M(L1) M(L2) = M(L1 + L2 + fans)."""
    geometry = {"gap": 0.2, "dx": 10.0, "dy": 4.0, "width": 0.4, "cross_section": "strip"}
    ideal = {"excess_loss_db": 0.0, "loss_db_per_cm": 0.0, "length_arm": 30.0, **geometry}
    half = transfer(models.coupler(WL, length=10.0, **ideal))
    series = half @ half
    full = transfer(models.coupler(WL, length=20.0 + fan_length(WL), **ideal))
    # Equal up to the common propagation phase of the arms.
    common = series[..., 0, 0] / full[..., 0, 0]
    np.testing.assert_allclose(abs(common), 1.0, atol=1e-9)
    np.testing.assert_allclose(series, full * common[:, None, None], atol=1e-9)


def test_coupler_gap_variation_is_a_monte_carlo_axis():
    dgap = np.array([[-0.01], [0.0], [0.01]])
    cross = abs(models.coupler(WL, dgap=dgap)["o3", "o1"]) ** 2
    assert cross.shape == (3, WL.size)
    assert np.all(cross[0] > cross[1]) and np.all(cross[1] > cross[2]), "narrower gap couples more"


def test_mmi1x2_loss_imbalance_and_roll_off_match_the_domain_figures():
    s = models.mmi1x2(WL)
    up, down = abs(s["o2", "o1"]) ** 2, abs(s["o3", "o1"]) ** 2
    excess = -10 * np.log10(up + down)
    design = np.argmin(abs(WL - 1.31))
    assert 0.2 <= excess[design] <= 0.5, "foundry MMIs: excess loss 0.2-0.5 dB (assumed)"
    np.testing.assert_allclose(up, down, rtol=1e-12)
    assert excess.argmin() == pytest.approx(design, abs=10), "self-imaging at the design wl"
    assert np.all(excess < 0.5), "O-band wide, as published MMIs"
    # Parabolic in (wl - wl0): a fit of degree 2 leaves almost nothing.
    coeffs = np.polyfit(WL - 1.31, excess, 2)
    assert coeffs[0] > 0
    np.testing.assert_allclose(np.polyval(coeffs, WL - 1.31), excess, atol=2e-3)
    imbalanced = models.mmi1x2(1.31, imbalance_db=0.2)
    ratio = abs(imbalanced["o2", "o1"]) ** 2 / abs(imbalanced["o3", "o1"]) ** 2
    assert 10 * np.log10(ratio) == pytest.approx(0.2, rel=1e-9)


def test_mmi2x2_is_a_quadrature_3db_coupler_at_the_design_wavelength():
    s = models.mmi2x2(1.31)
    bar, cross = s["o4", "o1"], s["o3", "o1"]
    assert abs(cross) ** 2 / (abs(bar) ** 2 + abs(cross) ** 2) == pytest.approx(0.5, abs=0.01)
    assert np.angle(cross / bar) == pytest.approx(-np.pi / 2, abs=1e-9)
    assert -10 * np.log10(abs(bar) ** 2 + abs(cross) ** 2) == pytest.approx(0.3, abs=0.05)
    lane = np.linspace(1.3045, 1.3175, 27)  # the DR lane: imbalance < 5 % (assumed)
    s = models.mmi2x2(lane)
    split = abs(s["o3", "o1"]) ** 2 / (abs(s["o3", "o1"]) ** 2 + abs(s["o4", "o1"]) ** 2)
    assert np.all(abs(split - 0.5) < 0.025)


def test_mmi_length_is_the_self_imaging_length_of_its_band():
    assert mmi1x2().info["length_mmi"] == pytest.approx(10.52)
    assert mmi2x2().info["length_mmi"] == pytest.approx(24.79)
    assert mmi2x2(cross_section="strip_c").info["length_mmi"] == pytest.approx(20.11)


@pytest.mark.parametrize(
    ("factory", "kwargs", "words"),
    [
        (coupler, {"gap": 0.1}, ["gap=0.1", "0.15", "WG.S.1"]),
        (coupler, {"gap": 0.201}, ["gap=0.201", "2 nm"]),
        (coupler, {"dx": 3.0}, ["dx=3", "XS.R.strip", "dx >="]),
        (coupler, {"dy": 0.6}, ["dy=0.6", "dy >"]),
        (coupler, {"length": 1.0005}, ["length=1.0005", "grid"]),
        (coupler, {"cross_section": "rib"}, ["cross_section='rib'", "strip"]),
        (mmi1x2, {"width_mmi": 1.5}, ["width_mmi=1.5", "width_mmi >="]),
        (mmi1x2, {"gap_mmi": 0.1}, ["gap_mmi=0.1", "WG.S.1"]),
        (mmi2x2, {"length_taper": 1.0}, ["length_taper=1", "deg"]),
        (mmi2x2, {"width_taper": 0.101}, ["width_taper=0.101", "WG.W.1"]),
        (mmi2x2, {"length_mmi": -2.0}, ["length_mmi=-2"]),
    ],
)
def test_bad_parameters_raise_before_any_geometry(factory, kwargs, words):
    assert_refused_before_drawing(factory, kwargs, words)


@SWEEP
@given(
    gap=st.integers(70, 400).map(lambda n: n / 500),
    length=st.one_of(st.just(0.0), st.integers(0, 60_000).map(lambda n: n / 1000)),
    dy=st.integers(500, 4000).map(lambda n: n / 500),
    dx=st.integers(5000, 30_000).map(lambda n: n / 1000),
    cross_section=st.sampled_from(["strip", "strip_c"]),
)
def test_coupler_sweep_is_clean_or_refused(gap, length, dy, dx, cross_section):
    try:
        component = coupler(gap=gap, length=length, dy=dy, dx=dx, cross_section=cross_section)
    except ValueError as error:
        event("refused")
        assert any(word in str(error) for word in ("gap=", "dx=", "dy=", "length="))
        return
    assert component.info["min_bend_radius"] >= 5.0 - 1e-6
    assert sbend_min_radius(dx, (dy - gap - component.info["width"]) / 2) >= 5.0 - 1e-6
    assert_clean(component)


@SWEEP
@given(
    kind=st.sampled_from([mmi1x2, mmi2x2]),
    width_mmi=st.integers(1000, 4000).map(lambda n: n / 500),
    width_taper=st.integers(200, 800).map(lambda n: n / 500),
    length_taper=st.integers(3000, 20_000).map(lambda n: n / 1000),
    length_mmi=st.one_of(st.none(), st.integers(500, 60_000).map(lambda n: n / 1000)),
    cross_section=st.sampled_from(["strip", "strip_c"]),
)
def test_mmi_sweep_is_clean_or_refused(
    kind, width_mmi, width_taper, length_taper, length_mmi, cross_section
):
    try:
        component = kind(
            width_mmi=width_mmi,
            width_taper=width_taper,
            length_taper=length_taper,
            length_mmi=length_mmi,
            cross_section=cross_section,
        )
    except ValueError as error:
        event("refused")
        words = ("width_mmi=", "width_taper=", "gap_mmi=", "length_taper=")
        assert any(word in str(error) for word in words)
        return
    assert_clean(component)
