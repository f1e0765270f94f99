"""Long laser leads run on the low-loss wide strip: the simulated loss of the layout's own
netlist is the wide guide's length loss plus two tapers; a short lead stays a plain strip."""

from __future__ import annotations

import gdsfactory as gf
import numpy as np
import pytest

import lightlane
from layout_checks import drc_problems
from lightlane.circuits.leads import (
    WIDE_TAPER_LENGTH,
    lead_loss_db,
    route_lead,
    wide_lead_threshold,
)
from lightlane.circuits.transmitter import tx_block
from lightlane.components.waveguides import straight
from lightlane.pdk.process import TECH
from lightlane.registry import get_pdk

WL = np.array([1.31])
STUB = 1.0  # um of strip the lead hangs on


def _lead_circuit(length: float) -> gf.Component:
    """A 1 um strip stub, then a lead of ``length`` um; ports o1 (stub) and o2 (lead's end)."""
    c = gf.Component()
    stub = c << straight(length=STUB)
    c.add_port("o1", port=stub.ports["o1"])
    c.add_port("o2", port=route_lead(c, stub.ports["o2"], length, "strip"))
    return c


def _simulated_loss_db(c: gf.Component) -> float:
    sp = lightlane.simulate(c.get_netlist(recursive=True), wl=WL)
    return float(-20 * np.log10(np.abs(sp["o2", "o1"][0])))


def _components(c: gf.Component) -> list[str]:
    return sorted(v["component"] for v in c.get_netlist()["instances"].values())


def test_the_threshold_is_where_the_tapers_pay_back():
    # closed form of the models: 2 tapers of (0.05 dB excess + mean loss over 40 um) against
    # (strip - wide) dB/cm over what is left
    strip, wide = TECH.loss_db_per_cm["strip"], TECH.loss_db_per_cm["strip_wide"]
    length = WIDE_TAPER_LENGTH + 2 * 0.05 / ((strip - wide) * 1e-4)
    assert wide_lead_threshold() == np.ceil(length)
    t = wide_lead_threshold()
    assert lead_loss_db(t, True) <= lead_loss_db(t, False)
    assert lead_loss_db(t - 1, True) > lead_loss_db(t - 1, False)


def test_a_long_lead_simulates_as_the_wide_guide_plus_two_tapers():
    length = 3000.0
    c = _lead_circuit(length)
    assert drc_problems(c) == []
    assert _components(c) == ["straight", "straight", "taper_cross_section", "taper_cross_section"]
    wide = TECH.loss_db_per_cm["strip_wide"] * (length - 2 * WIDE_TAPER_LENGTH) * 1e-4
    taper = 0.05 + WIDE_TAPER_LENGTH * 1e-4 * (TECH.loss_db_per_cm["strip"] + 0.5) / 2
    stub = TECH.loss_db_per_cm["strip"] * STUB * 1e-4
    expected = wide + 2 * taper + stub
    # lightlane's solver and sax on the same netlist, within 1e-6 dB of the closed form
    assert _simulated_loss_db(c) == pytest.approx(expected, abs=1e-6)
    assert lead_loss_db(length, True) + stub == pytest.approx(expected, abs=1e-6)
    assert expected < TECH.loss_db_per_cm["strip"] * (length + STUB) * 1e-4 - 0.3


def test_sax_sees_the_wide_lead_loss():
    sax = pytest.importorskip("sax")
    c = _lead_circuit(3000.0)
    circuit, _ = sax.circuit(
        c.get_netlist(recursive=True), models=get_pdk().models, on_internal_port="ignore"
    )
    s21 = np.asarray(circuit(wl=WL)[("o1", "o2")])
    assert float(-20 * np.log10(np.abs(s21[0]))) == pytest.approx(_simulated_loss_db(c), abs=1e-6)


def test_a_short_lead_stays_a_plain_strip():
    length = wide_lead_threshold() - 1
    c = _lead_circuit(length)
    assert _components(c) == ["straight", "straight"]
    expected = TECH.loss_db_per_cm["strip"] * (length + STUB) * 1e-4
    assert _simulated_loss_db(c) == pytest.approx(expected, abs=1e-6)


def test_a_lead_off_the_strip_stays_plain():
    c = gf.Component()
    stub = c << straight(length=STUB, cross_section="strip_c")
    route_lead(c, stub.ports["o2"], 3000.0, "strip_c")
    assert _components(c) == ["straight", "straight"]


def _tx_components(laser_lead: float) -> list[str]:
    c = tx_block(wavelengths=(1.311,) * 4, laser_lead=laser_lead)
    assert drc_problems(c) == []
    return [v["component"] for v in c.get_netlist()["instances"].values()]


def test_a_transmitter_runs_a_long_laser_lead_wide_and_a_short_one_plain():
    assert _tx_components(1000.0).count("taper_cross_section") == 2
    assert "taper_cross_section" not in _tx_components(500.0)
