"""The standards table against IEEE 802.3 (clauses 124, 151), the link budget against hand sums."""

from __future__ import annotations

import math

import pytest

from lightlane.circuits.budget import lane_budget, quadrature_levels, required_photocurrent_oma_ua
from lightlane.circuits.standards import CWDM4_NM, STANDARDS, get_standard


@pytest.mark.parametrize(
    ("name", "lanes", "rate", "baud", "groups"),
    [
        ("400G-DR4", 4, 100, 53.125, 0),
        ("400G-FR4", 4, 100, 53.125, 1),
        ("800G-DR8", 8, 100, 53.125, 0),
        ("800G-2xFR4", 8, 100, 53.125, 2),
        ("800G-DR4", 4, 200, 113.4375, 0),
        ("800G-FR4", 4, 200, 113.4375, 1),
        ("1.6T-DR8", 8, 200, 113.4375, 0),
        ("1.6T-2xFR4", 8, 200, 113.4375, 2),
    ],
)
def test_standards_match_domain(name, lanes, rate, baud, groups):
    std = get_standard(name)
    assert (std.lanes, std.lane_rate_gbps, std.baud_gbd, std.wdm_groups) == (
        lanes,
        rate,
        baud,
        groups,
    )
    total = 1600.0 if name.startswith("1.6T") else float(name.split("G")[0])
    assert std.total_rate_gbps == pytest.approx(total)
    if groups:
        assert std.wavelengths_nm == CWDM4_NM * groups
        assert std.tx_fibres == groups and std.channel_loss_db == 4.0
        assert std.oma_minus_tdecq_min_dbm == -1.7
    else:
        assert set(std.wavelengths_nm) == {1311.0} and std.tx_fibres == lanes
        assert (std.tx_oma_min_dbm, std.tx_oma_max_dbm, std.rx_sensitivity_oma_dbm) == (
            -0.8,
            4.2,
            -4.4,
        )
        assert std.channel_loss_db == 3.0
    for lo, hi in std.windows_nm:
        assert hi - lo == pytest.approx(13.0)


def test_unknown_standard_lists_the_valid_ones():
    with pytest.raises(ValueError) as error:
        get_standard("3.2T-DR16")
    for name in STANDARDS:
        assert name in str(error.value)
    assert get_standard("1.6t-dr8").name == "1.6T-DR8"


def test_quadrature_levels_give_the_oma_formula():
    # Push-pull at quadrature (cos^2 MZM): OMA = P_max sin(pi Vpp / (2 V_pi)).
    t1, t0 = quadrature_levels(v_pi_v=4.0, vpp_v=2.0)
    assert t1 - t0 == pytest.approx(math.sin(math.pi * 2.0 / 8.0))


def test_transmitter_budget_by_hand():
    std = get_standard("1.6T-DR8")
    t1, t0 = quadrature_levels(4.0, 2.0)
    b = lane_budget(std, 1, 1311.0, laser_power_dbm=20.0, tx_loss_db=15.0, t1=t1, t0=t0)
    p1 = 20 - 15 + 10 * math.log10(t1)
    p0 = 20 - 15 + 10 * math.log10(t0)
    oma = 10 * math.log10(10 ** (p1 / 10) - 10 ** (p0 / 10))
    assert b.chain["tx_oma_dbm"] == pytest.approx(oma)
    assert b.chain["tx_oma_dbm"] == pytest.approx(5 + 10 * math.log10(math.sin(math.pi / 4)))
    lines = {line.name: line for line in b.lines}
    assert lines["extinction ratio"].value == pytest.approx(p1 - p0)
    assert lines["OMA - TDECQ"].value == pytest.approx(oma - 2.5)
    assert b.ok  # 3.5 dBm OMA, 7.7 dB ER: inside every DR limit


def test_a_weak_lane_fails_and_says_which_line():
    std = get_standard("400G-DR4")
    b = lane_budget(std, 3, 1311.0, laser_power_dbm=10.0, tx_loss_db=15.0, t1=0.5, t0=0.1)
    failing = [line.name for line in b.lines if not line.ok]
    assert "Tx OMA" in failing and not b.ok
    assert b.to_dict()["pass"] is False


def test_receiver_budget_by_hand():
    std = get_standard("800G-DR4")
    b = lane_budget(std, 1, 1311.0, rx_loss_db=2.0, responsivity_a_w=0.9)
    current = 0.9 * 10 ** ((-4.4 - 2.0) / 10) * 1e3
    assert b.chain["photocurrent_oma_ua"] == pytest.approx(current)
    sigma = 15e-12 * math.sqrt(0.75 * 113.4375e9)
    assert required_photocurrent_oma_ua(113.4375) == pytest.approx(6 * 3.5 * sigma * 1e6)
    assert b.ok


def test_budget_refuses_levels_out_of_order():
    with pytest.raises(ValueError, match="t0 < t1"):
        lane_budget(get_standard("400G-DR4"), 1, 1311.0, tx_loss_db=10.0, t1=0.1, t0=0.5)
