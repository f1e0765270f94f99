"""The standards table against IEEE 802.3 (clauses 124, 151; 802.3dj drafts), the budget by hand."""

from __future__ import annotations

import math

import pytest

from lightlane.circuits.budget import (
    crosstalk_penalty_db,
    default_laser_power_dbm,
    engine_laser_power,
    lane_budget,
    quadrature_levels,
)
from lightlane.circuits.standards import CWDM4_NM, STANDARDS, get_standard


@pytest.mark.parametrize(
    ("name", "lanes", "rate", "baud", "groups"),
    [
        ("400G-DR4", 4, 100, 53.125, 0),
        ("400G-FR4", 4, 100, 53.125, 1),
        ("800G-DR8", 8, 100, 53.125, 0),
        ("800G-2xFR4", 8, 100, 53.125, 2),
        ("800G-DR4", 4, 200, 106.25, 0),  # P802.3dj cl. 180: no inner FEC
        ("800G-FR4", 4, 200, 113.4375, 1),  # P802.3dj cl. 183: inner FEC
        ("1.6T-DR8", 8, 200, 106.25, 0),
        ("1.6T-2xFR4", 8, 200, 113.4375, 2),
    ],
)
def test_standards_lanes_and_rates(name, lanes, rate, baud, groups):
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
    else:
        assert set(std.wavelengths_nm) == {1311.0} and std.tx_fibres == lanes
        assert std.channel_loss_db == 3.0
    for lo, hi in std.windows_nm:
        assert hi - lo == pytest.approx(13.0)
    assert std.draft == (rate == 200)
    # Reference SER: 4.8e-4 (121.8.5.3) without an inner FEC, 9.6e-3 with one (802.3dj FR4).
    assert std.target_ser == (9.6e-3 if baud == 113.4375 else 4.8e-4)
    assert std.reference_ffe_taps == (5 if rate == 100 else 15)


# Table 124-6 / 124-7 (400GBASE-DR4) and 151-7 / 151-8 (400GBASE-FR4), field by field.
DR4_TABLE = {
    "average_launch_min_dbm": -2.9,
    "average_launch_max_dbm": 4.0,
    "tx_oma_min_dbm": -0.8,
    "tx_oma_max_dbm": 4.2,
    "oma_minus_tdecq_min_dbm": -2.2,
    "tdecq_max_db": 3.4,
    "tdecq_minus_ceq_max_db": 3.4,
    "tx_off_max_dbm": -15.0,
    "er_min_db": 3.5,
    "rin_max_db_hz": -136.0,
    "orl_tolerance_db": 21.4,
    "tx_reflectance_max_db": -26.0,
    "damage_threshold_dbm": 5.0,
    "rx_average_min_dbm": -5.9,
    "rx_average_max_dbm": 4.0,
    "rx_oma_max_dbm": 4.2,
    "rx_reflectance_max_db": -26.0,
    "stressed_sensitivity_oma_dbm": -1.9,
    "srs_secq_db": 3.4,
    "aggressor_oma_dbm": 4.2,
    "channel_loss_db": 3.0,
}
FR4_TABLE = {
    "average_launch_min_dbm": -3.3,
    "average_launch_max_dbm": 3.5,
    "total_launch_max_dbm": 9.3,
    "tx_oma_min_dbm": -0.3,
    "tx_oma_max_dbm": 3.7,
    "lane_oma_difference_max_db": 4.0,
    "oma_minus_tdecq_min_dbm": -1.7,
    "oma_minus_tdecq_low_er_dbm": -1.6,
    "oma_minus_tdecq_er_threshold_db": 4.5,
    "tdecq_max_db": 3.4,
    "tdecq_minus_ceq_max_db": 3.4,
    "tx_off_max_dbm": -20.0,
    "er_min_db": 3.5,
    "transition_time_max_ps": 17.0,
    "rin_max_db_hz": -136.0,
    "orl_tolerance_db": 17.1,
    "tx_reflectance_max_db": -26.0,
    "damage_threshold_dbm": 4.5,
    "rx_average_min_dbm": -7.3,
    "rx_average_max_dbm": 3.5,
    "rx_oma_max_dbm": 3.7,
    "rx_lane_oma_difference_max_db": 4.1,
    "rx_reflectance_max_db": -26.0,
    "stressed_sensitivity_oma_dbm": -2.6,
    "srs_secq_db": 3.4,
    "aggressor_oma_dbm": 1.5,
    "channel_loss_db": 4.0,
}


@pytest.mark.parametrize(
    ("name", "table"), [("400G-DR4", DR4_TABLE), ("400G-FR4", FR4_TABLE), ("800G-2xFR4", FR4_TABLE)]
)
def test_100g_rows_match_the_tables(name, table):
    std = get_standard(name)
    assert {k: getattr(std, k) for k in table} == table


def test_dr8_differs_from_dr4_where_802_3df_says():
    dr4, dr8 = get_standard("400G-DR4"), get_standard("800G-DR8")
    assert dr8.orl_tolerance_db == 15.5 and dr8.transition_time_max_ps == 17.0
    assert (dr8.oma_minus_tdecq_low_er_dbm, dr8.oma_minus_tdecq_er_threshold_db) == (-1.9, 5.0)
    assert dr4.oma_minus_tdecq_er_threshold_db is None
    for field in ("tx_oma_min_dbm", "tx_oma_max_dbm", "tdecq_max_db", "er_min_db"):
        assert getattr(dr8, field) == getattr(dr4, field)


def test_dependent_limits():
    dr4, dr8, fr4 = (get_standard(n) for n in ("400G-DR4", "800G-DR8", "400G-FR4"))
    # Tx OMA (min) = max(-0.8, -2.2 + TDECQ): the knee at TDECQ 1.4 dB (Table 124-6 footnote).
    assert dr4.tx_oma_min(1.0) == -0.8
    assert dr4.tx_oma_min(3.0) == pytest.approx(0.8)
    # 800GBASE-DR8: OMA - TDECQ >= -1.9 dBm when ER < 5 dB, -2.2 at and above.
    assert dr8.oma_minus_tdecq_min(4.9) == -1.9 and dr8.oma_minus_tdecq_min(5.0) == -2.2
    assert dr8.tx_oma_min(3.0, er_db=4.0) == pytest.approx(1.1)
    # 400GBASE-FR4: -1.6 dBm when ER < 4.5 dB; OMA (min) knee at TDECQ 1.4 / 1.3 dB.
    assert fr4.oma_minus_tdecq_min(4.4) == -1.6 and fr4.oma_minus_tdecq_min(4.5) == -1.7
    assert fr4.tx_oma_min(1.4, er_db=5.0) == pytest.approx(-0.3)
    assert fr4.tx_oma_min(1.3, er_db=4.0) == pytest.approx(-0.3)
    # Rx sensitivity: max(-4.4, SECQ - 5.3) (DR), max(-4.6, SECQ - 6.0) (FR); at the SRS
    # test's SECQ of 3.4 dB they equal the stressed receiver sensitivity row.
    assert dr4.rx_sensitivity(0.5) == -4.4
    assert dr4.rx_sensitivity(3.4) == pytest.approx(dr4.stressed_sensitivity_oma_dbm)
    assert fr4.rx_sensitivity(1.0) == -4.6
    assert fr4.rx_sensitivity(3.4) == pytest.approx(fr4.stressed_sensitivity_oma_dbm)


def test_every_standard_has_a_clause_and_tables():
    for std in STANDARDS.values():
        assert std.clause in ("124", "151", "180", "183")
        assert std.tx_table.startswith("Table ") and std.rx_table.startswith("Table ")
        assert ("draft" in std.tx_table) == std.draft
        assert std.tx_oma_min_dbm < std.tx_oma_max_dbm
        assert std.average_launch_min_dbm < std.average_launch_max_dbm
        assert std.rx_average_min_dbm < std.rx_average_max_dbm


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


LINK = {
    "tdecq_db": 2.0,
    "tecq_db": 1.9,
    "tdecq_minus_ceq_db": 1.5,
    "oma_outer_rel_db": -6.0,
    "average_rel_db": -5.8,
    "extinction_ratio_db": 4.5,
    "rlm": 0.96,
}


def test_transmitter_budget_by_hand():
    std = get_standard("800G-DR8")
    b = lane_budget(std, 1, 1311.0, laser_power_dbm=20.0, tx_loss_db=13.0, tx_link=LINK)
    assert b.chain["tx_oma_dbm"] == pytest.approx(20 - 13 - 6.0)
    assert b.chain["tx_average_dbm"] == pytest.approx(20 - 13 - 5.8)
    lines = {line.name: line for line in b.lines}
    # ER 4.5 dB < 5 dB: 802.3df's OMA - TDECQ >= -1.9 dBm; Tx OMA (min) = -1.9 + TDECQ.
    assert lines["OMA - TDECQ"].value == pytest.approx(1.0 - 2.0)
    assert lines["OMA - TDECQ"].limit == -1.9
    assert lines["Tx OMA"].limit == pytest.approx(0.1)
    assert lines["TDECQ"].limit == 3.4 and lines["TDECQ"].clause == "124 Table 124-6"
    assert b.ok


def test_engine_laser_power_centres_the_lanes_in_the_oma_window():
    std = get_standard("800G-DR8")
    ring = dict(LINK, oma_outer_rel_db=-3.0)  # a ring loses 3 dB less than LINK's MZM
    losses = [13.0, 14.0]
    laser = engine_laser_power(std, losses, [ring, ring])
    # By hand: OMA at 0 dBm laser -16 / -17 dBm; Tx OMA min 0.1 dBm (TDECQ 2, ER 4.5), max 4.2.
    low, high = 0.1 - (-17.0), 4.2 - (-16.0)
    assert laser["window_low_dbm"] == pytest.approx(low)
    assert laser["window_high_dbm"] == pytest.approx(high)
    assert laser["power_dbm"] == pytest.approx((low + high) / 2)
    assert laser["power_dbm"] < default_laser_power_dbm(std) and not laser["limited_by_rating"]
    for k, loss in enumerate(losses):
        b = lane_budget(
            std, k + 1, 1311.0, laser_power_dbm=laser["power_dbm"], tx_loss_db=loss, tx_link=ring
        )
        assert b.ok, [line.name for line in b.lines if not line.ok]
    # The shared MZM laser power would push the low-loss ring lane past Tx OMA (max).
    over = lane_budget(
        std, 1, 1311.0, laser_power_dbm=default_laser_power_dbm(std), tx_loss_db=13.0, tx_link=ring
    )
    assert not {line.name: line for line in over.lines}["Tx OMA (max)"].ok
    # A lossy lane asks for more than the laser's rating: the rating is used and the OMA fails.
    weak = engine_laser_power(std, [40.0], [LINK])
    assert weak["limited_by_rating"] and weak["power_dbm"] == pytest.approx(
        default_laser_power_dbm(std), abs=1e-3
    )


def test_a_weak_lane_fails_and_says_which_line():
    std = get_standard("400G-DR4")
    b = lane_budget(std, 3, 1311.0, laser_power_dbm=10.0, tx_loss_db=15.0, tx_link=LINK)
    failing = [line.name for line in b.lines if not line.ok]
    assert "Tx OMA" in failing and "OMA - TDECQ" in failing and not b.ok
    assert b.to_dict()["pass"] is False


def test_receiver_budget_by_hand():
    std = get_standard("400G-FR4")
    rx = {"sensitivity_at_pd_dbm": -9.0, "isi_penalty_db": 0.3}
    b = lane_budget(std, 1, 1271.0, rx_loss_db=2.0, rx_link=rx, crosstalk_db=-20.0)
    lines = {line.name: line for line in b.lines}
    assert lines["Rx sensitivity (OMA)"].value == pytest.approx(-7.0)
    assert lines["Rx sensitivity (OMA)"].limit == -4.6
    # Aggressors at 1.5 dBm against a victim at -2.6 dBm (Table 151-8), leaking -20 dB.
    penalty = -10 * math.log10(1 - 3 * 0.01 * 10 ** (4.1 / 10))
    assert crosstalk_penalty_db(-20.0, 4.1) == pytest.approx(penalty)
    assert lines["stressed Rx sensitivity (OMA)"].value == pytest.approx(-7.0 + 3.4 + penalty)
    assert b.ok
    assert crosstalk_penalty_db(-5.0, 4.1) == math.inf


def test_budget_needs_the_simulated_figures():
    with pytest.raises(ValueError, match="tx_link"):
        lane_budget(get_standard("400G-DR4"), 1, 1311.0, tx_loss_db=10.0)
    with pytest.raises(ValueError, match="rx_link"):
        lane_budget(get_standard("400G-DR4"), 1, 1311.0, rx_loss_db=1.0)
