"""The Tx passband is judged without the heater-locked modulator (lane_figures' modulator_t)."""

from __future__ import annotations

import numpy as np

from lightlane.circuits.lane_figures import lane_figures
from lightlane.sim.sparams import SParameters


def _tx_path_with_a_notch() -> tuple[SParameters, np.ndarray]:
    wl = np.linspace(1.300, 1.322, 221)
    passive = 0.5 * np.ones_like(wl)  # a flat -3 dB passive path
    # A ring's Lorentzian notch 10 dB deep, 0.2 nm wide, inside the 1304.5-1317.5 nm window.
    notch = 1 - 0.9 / (1 + ((wl - 1.3085) / 0.0001) ** 2)
    s = np.zeros((wl.size, 2, 2), complex)
    s[:, 1, 0] = s[:, 0, 1] = np.sqrt(passive * notch)
    return SParameters(["laser1", "tx1"], wl, s), notch


def test_tx_passband_without_the_modulator_covers_the_window():
    sp, notch = _tx_path_with_a_notch()
    lanes = [{"lane": 1, "wavelength_nm": 1311.0, "tx_port": "tx1", "laser_port": "laser1"}]
    window = [(1304.5, 1317.5)]
    with_ring = lane_figures(sp, lanes, window, grating=False)[0]["tx"]
    assert not with_ring["passband_covers_window"]  # the notch cuts the 1-dB band
    passive = lane_figures(sp, lanes, window, grating=False, modulator_t=notch)[0]["tx"]
    assert passive["passband_covers_window"] and passive["passband_without_modulator"]
    # The loss figures still include the modulator (its bias point is on the laser's path).
    assert passive["worst_in_window_db"] == with_ring["worst_in_window_db"]
    assert passive["worst_in_window_db"] > 10.0
