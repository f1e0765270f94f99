"""Modulators: closed-form checks of the models, published figures, refusals, clean layouts.

Measured against published silicon modulators (defaults, 1311 nm; sources in the models'
docstrings):

==========================  =============  ==========================================
figure                      published      model
==========================  =============  ==========================================
MZM V_pi L (2 V reverse)    1.1-2.5 V cm   1.94 V cm
MZM doped loss              0.8-1.5 dB/mm  1.00 dB/mm (0.85 free carriers + 0.15 rib)
MZM EO bandwidth, 2 mm      40-90 GHz      41 GHz (gssg, 36 Ohm per line)
ring pm/V (0 V)             15-50 pm/V     29 pm/V
ring loaded Q               3-8 k          7.2 k (extinction 18 dB)
ring pm/mW                  70-100 pm/mW   195 pm/mW (3-D heat flow over the slab disc)
==========================  =============  ==========================================
"""

from __future__ import annotations

import klayout.db as kdb
import numpy as np
import pytest

from layout_checks import assert_clean, assert_refused_before_drawing, flat_region
from lightlane.components.mzm import mzm_traveling_wave
from lightlane.components.ring_modulators import ring_modulator
from lightlane.models import call_with, geometry_of
from lightlane.models import mzm as models
from lightlane.models import ring_modulators as rings
from lightlane.models.mzm import junction
from lightlane.pdk.layers import LAYER
from lightlane.physics.junction import delta_n_eff, vpi_l


def _settings(factory, **kw):
    return geometry_of(factory(**kw))


@pytest.mark.parametrize("length", [1000.0, 2000.0, 3000.0])
def test_vpi_l_is_invariant_across_lengths(length):
    step = 1e-3
    phase = [np.angle(models.doped_arm(1.31, 2.0 + d, length, junction())) for d in (-step, step)]
    slope = -np.angle(np.exp(1j * (phase[1] - phase[0]))) / (2 * step)  # rad/V
    assert np.pi / slope * length * 1e-4 == pytest.approx(float(vpi_l(2.0, junction())), rel=1e-6)
    assert 1.5 <= np.pi / slope * length * 1e-4 <= 2.5


def test_oma_at_quadrature_follows_the_push_pull_formula():
    settings = _settings(mzm_traveling_wave)
    p_max = abs(call_with(models.mzm_traveling_wave, 1.31, settings)["o2", "o1"]) ** 2
    quadrature = models.mzm_quadrature_power_mw(settings, 1.31)
    vpp = 1.0
    drive = {"heater_power_mw": quadrature}
    levels = [
        abs(call_with(models.mzm_traveling_wave, 1.31, settings, voltage=v, **drive)["o2", "o1"])
        ** 2
        for v in (vpp / 2, -vpp / 2)
    ]
    oma = abs(levels[0] - levels[1])
    assert oma == pytest.approx(float(models.mzm_oma(vpp, settings, p_max)), rel=0.02)
    x = np.sin(np.pi * vpp / (2 * models.mzm_vpi(settings)))
    expected = 10 * np.log10((1 + x) / (1 - x))
    assert models.mzm_extinction_ratio_db(vpp, settings) == pytest.approx(expected)


def test_eo_bandwidth_falls_with_length():
    geometry = _settings(mzm_traveling_wave)
    lengths = (1000, 2000, 3000)
    bandwidths = [models.mzm_eo_bandwidth_ghz({**geometry, "length": n}) for n in lengths]
    assert bandwidths[0] > bandwidths[1] > bandwidths[2]
    assert bandwidths[1] >= 40.0  # published traveling-wave MZMs: 40-90 GHz


def test_termination_mismatch_lowers_bandwidth():
    geometry = _settings(mzm_traveling_wave)
    matched = models.mzm_eo_bandwidth_ghz(geometry, load_ohm=36.0)
    assert matched > models.mzm_eo_bandwidth_ghz(geometry, load_ohm=150.0)
    assert matched > models.mzm_eo_bandwidth_ghz(geometry, load_ohm=None)


def _resonance(wl, t):
    k = np.argmin(abs(t))
    a, b, c = np.log(abs(t[k - 1 : k + 2]))  # parabola through the minimum's neighbours
    return wl[k] + (a - c) / (2 * (a - 2 * b + c)) * (wl[1] - wl[0])


def test_ring_shift_maps_to_phase():
    """The resonance moves by FSR * dphi / 2 pi, dphi the round-trip phase the junction adds."""
    s = _settings(ring_modulator)
    wl = np.linspace(1.300, 1.322, 44001)
    dips = [
        _resonance(wl, call_with(rings.ring_modulator, wl, s, voltage=v)["o2", "o1"])
        for v in (0, 1)
    ]
    fom = rings.ring_figures_of_merit(s)
    j = junction(n_doping=rings.RING_DOPING, p_doping=rings.RING_DOPING)
    dphi = 2 * np.pi * s["doped_fraction"] * delta_n_eff(1.0, j) * s["length"] / 1.31
    expected = fom["fsr_nm"] * 1e-3 * dphi / (2 * np.pi)
    assert dips[1] - dips[0] == pytest.approx(expected, rel=0.03)
    assert 15 <= fom["pm_per_v"] <= 50 and 3000 <= fom["q_loaded"] <= 8000


def test_ring_heater_shift_matches_pm_per_mw():
    s = _settings(ring_modulator)
    wl = np.linspace(1.300, 1.322, 44001)
    dips = [
        _resonance(wl, call_with(rings.ring_modulator, wl, s, heater_power_mw=p)["o2", "o1"])
        for p in (0.0, 1.0)
    ]
    fom = rings.ring_figures_of_merit(s)
    assert (dips[1] - dips[0]) * 1e6 == pytest.approx(fom["pm_per_mw"], rel=0.03)


@pytest.mark.parametrize(
    ("factory", "kwargs", "words"),
    [
        (mzm_traveling_wave, {"gap": 3.0}, ["gap=3", "NPP.W.1"]),
        (mzm_traveling_wave, {"electrode": "gs"}, ["electrode='gs'"]),
        (mzm_traveling_wave, {"electrode": "gsg"}, ["termination=True", "gssg"]),
        (mzm_traveling_wave, {"termination_ohm": 500.0}, ["termination_ohm=500", "HEATER.W.1"]),
        (mzm_traveling_wave, {"pad_pitch": 80.0}, ["pad_pitch=80", "PADOPEN.S.1"]),
        (ring_modulator, {"radius": 4.0}, ["radius=4", "XS.R.pn_ring"]),
        (ring_modulator, {"junction": "interleaved"}, ["junction='interleaved'"]),
        (ring_modulator, {"gap": 0.1}, ["gap=0.1", "WG.S.1"]),
    ],
)
def test_bad_parameters_are_refused_before_drawing(factory, kwargs, words):
    assert_refused_before_drawing(factory, kwargs, words)


def _every_via_reaches_a_pad(component) -> None:
    """Each contact and via sits under metal that connects, through vias, to a pad opening."""
    region = {name: flat_region(component, getattr(LAYER, name)) for name in
              ("M1", "M2", "VIAC", "VIA1", "PADOPEN")}  # fmt: skip
    live_m2 = region["M2"].interacting(region["PADOPEN"])
    assert (region["VIA1"] - live_m2).is_empty()
    live_m1 = region["M1"].interacting(region["VIA1"] & live_m2)
    assert (region["VIAC"] - live_m1).is_empty()
    assert isinstance(live_m1, kdb.Region)


@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (mzm_traveling_wave, {}),
        (mzm_traveling_wave, {"length": 1000.0, "gap": 4.0, "signal_width": 8.0}),
        (mzm_traveling_wave, {"length": 1500.0, "electrode": "gsg", "termination": False}),
        (ring_modulator, {}),
        (ring_modulator, {"radius": 5.0, "gap": 0.3}),
        (ring_modulator, {"radius": 10.0, "heater": False, "junction_offset": 0.05}),
    ],
)
def test_sweep_is_drc_clean_and_wired(factory, kwargs):
    component = factory(**kwargs)
    assert_clean(component)
    _every_via_reaches_a_pad(component)
