"""Temperature corners: thermo-optic drift, the ring heater's re-tuning, the verdict per corner."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.circuits import analysis
from lightlane.circuits.corners import (
    check_corners,
    corner_analysis,
    ring_heater_mw,
)
from lightlane.circuits.engine import build_engine, engine_options
from lightlane.registry import get_pdk


def test_ring_heater_tracks_the_drift_and_wraps_by_one_fsr():
    from lightlane.circuits.corners import _ring_pm_per_k

    pdk = get_pdk()
    pdk.activate()
    ring = pdk.cells["ring_modulator"]()
    drift, pm_per_mw, fsr_nm = _ring_pm_per_k(ring, 1.311)
    assert 50 < drift < 80  # pm/K: silicon's thermo-optic drift in the O-band
    assert ring_heater_mw(ring, 1.311, 10.0, 0.0) == pytest.approx(10.0)
    # 10 K hotter: the resonance is already red of the laser, so the heater backs off ...
    assert ring_heater_mw(ring, 1.311, 10.0, 10.0) == pytest.approx(10.0 - 10 * drift / pm_per_mw)
    # ... and when that would need cooling, it locks onto the next resonance one FSR on.
    hot = ring_heater_mw(ring, 1.311, 1.0, 40.0)
    assert hot == pytest.approx(1.0 - 40 * drift / pm_per_mw + fsr_nm * 1e3 / pm_per_mw)
    assert 0 <= hot <= fsr_nm * 1e3 / pm_per_mw
    # one FSR takes ~74 mW with the ring heater model (123 pm/mW), beyond the 28 mW its driver
    # gives (heater_max_mw, V^2/R): a corner that must wrap fails on "heater power"


@pytest.mark.parametrize(
    ("cases", "offset", "words"),
    [((200.0,), 10.0, "-40..125"), ((15.0,), 80.0, "0..60"), (tuple(range(10)), 10.0, "at most")],
)
def test_bad_corners_are_refused(cases, offset, words):
    with pytest.raises(ValueError, match=words):
        check_corners(cases, offset)


def test_an_untuned_fr_multiplexer_fails_hot_and_says_where():
    pdk = get_pdk()
    pdk.activate()
    opts = engine_options("400G-FR4", side="tx")
    component = build_engine(opts)
    nominal = analysis.analyse(component, opts, np.linspace(1.26, 1.36, 501))
    result = corner_analysis(component, opts, nominal, cases_c=(15.0, 85.0), chip_offset_k=10.0)
    cold, hot = result["corners"]
    assert cold["chip_c"] == 25.0 and cold["dn_eff"] == 0.0
    assert cold["pass"] == all(b.ok for b in nominal.budgets)
    # +70 K moves the lattice's passbands by ~4 nm: the window edges lose OMA.
    assert not hot["pass"] and result["worst_case_c"] == 85.0
    assert any(f.startswith("lane ") and "OMA" in f for f in hot["failing"])
    assert hot["worst_margin"] < cold["worst_margin"]
