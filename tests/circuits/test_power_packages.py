"""Power per bit and the package profiles: closed-form blocks, refusals, published comparison."""

from __future__ import annotations

import math

import pytest

from lightlane.circuits.packages import PACKAGES, get_package, io_density, package_figures
from lightlane.circuits.power import PowerParameters, power_per_bit, within


def _summary(cell="mzm_traveling_wave", side="trx", lanes=8, laser_dbm=21.0, heater=10.0):
    levels = {"1311": {"t1": 0.4, "t0": 0.1, "heater_power_mw": heater}}
    modulator = {"cell": cell, "vpp_v": 3.0, "levels": levels}
    if cell == "ring_modulator":
        modulator.update(pm_per_mw=200.0, drift_pm_per_k=58.04, heater_ohm=400.0)
    return {
        "side": side,
        "interface": {"lanes": lanes, "baud_gbd": 106.25, "total_rate_gbps": 200.0 * lanes,
                      "wdm_groups": 0},
        "devices": {"modulator": modulator},
        "budget": [{"chain": {"laser_dbm": laser_dbm}} for _ in range(lanes)],
        "layout": {"die_um": [3000.0, 4000.0]},
    }  # fmt: skip


def test_blocks_follow_their_formulas():
    p = PowerParameters(housekeeping_w=0.0, conversion_efficiency=1.0, dsp_pj_per_bit=5.0)
    out = power_per_bit(_summary(), p)  # 200G lanes: the figures' second value
    blocks = out["blocks_w"]
    laser_mw = 10 ** (21.0 / 10) * 10 ** (1.5 / 10)  # one shared laser, plus its coupling loss
    assert blocks["laser"] == pytest.approx(laser_mw / 0.2 * 1e-3, rel=1e-3)
    assert blocks["driver"] == pytest.approx(8 * 3.3 * 3.0 / 50.0 * 2.0, rel=1e-3)
    assert blocks["heaters"] == pytest.approx(8 * 10e-3, rel=1e-3)
    assert blocks["tia"] == pytest.approx(8 * 0.27, rel=1e-3)
    assert blocks["dsp"] == pytest.approx(5.0 * 1600 * 1e-3, rel=1e-3)
    assert out["pj_per_bit"] == pytest.approx(out["total_w"] / 1600e9 * 1e12, rel=1e-3)


def test_a_transmitter_alone_has_no_tia_and_rings_pay_their_lock_headroom():
    tx = power_per_bit(_summary(side="tx"), PowerParameters())
    assert "tia" not in tx["blocks_w"]
    ring = power_per_bit(_summary(cell="ring_modulator", heater=0.0), PowerParameters())
    headroom = 40.0 * 1311 * (4.34 * 58e-6 / 1.31) / 4.34 * 1e3 / 200.0 / 2  # mW per ring
    assert ring["blocks_w"]["heaters"] == pytest.approx(8 * headroom * 1e-3, rel=1e-3)


def test_held_filter_heaters_are_counted_with_the_heaters():
    """The CWDM4 filters' hold power (summary["filter_heaters"], nominal chip) adds to the
    heaters on either side: a receiver alone pays its demultiplexers'."""
    p = PowerParameters(housekeeping_w=0.0, conversion_efficiency=1.0)
    base = power_per_bit(_summary(side="tx"), p)["blocks_w"]["heaters"]
    held = {**_summary(side="tx"), "filter_heaters": {"chip_c": 25.0, "total_mw": 150.0}}
    assert power_per_bit(held, p)["blocks_w"]["heaters"] == pytest.approx(base + 0.15)
    rx = {**_summary(side="rx"), "filter_heaters": {"chip_c": 25.0, "total_mw": 150.0}}
    assert power_per_bit(rx, p)["blocks_w"]["heaters"] == pytest.approx(0.15)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [({"laser_wall_plug": 0.0}, ["laser_wall_plug", "(0, 1]"]),
     ({"conversion_efficiency": 1.5}, ["conversion_efficiency"]),
     ({"tia_mw_per_lane": -1.0}, ["tia_mw_per_lane", ">= 0"])],
)  # fmt: skip
def test_bad_power_parameters_are_refused_by_name(kwargs, words):
    with pytest.raises(ValueError) as err:
        PowerParameters(**kwargs)
    assert all(w in str(err.value) for w in words)


def test_unknown_package_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="package='bga'.*dsp, lpo, cpo"):
        get_package("bga")


def test_profiles_are_declarative_and_distinct():
    assert min(PACKAGES["dsp"].power.dsp_pj_per_bit) > 0
    assert (
        PACKAGES["lpo"].power.dsp_pj_per_bit == (0.0, 0.0) == PACKAGES["cpo"].power.dsp_pj_per_bit
    )
    assert (
        PACKAGES["cpo"].modulator == "ring" and PACKAGES["cpo"].electrical_interface == "flipchip"
    )
    assert PACKAGES["cpo"].laser_source.startswith("external")
    assert {p.modulator for p in (PACKAGES["dsp"], PACKAGES["lpo"])} == {"mzm"}


def test_cpo_checks_its_laser_source_and_ring_lock():
    figures = package_figures(_summary(cell="ring_modulator", heater=10.0), PACKAGES["cpo"])
    els = figures["els"]
    assert els["els_output_needed_dbm"] == pytest.approx(21.0 + 1.5 + 2.5)
    assert els["pass"] is (els["els_output_needed_dbm"] <= els["els_max_dbm"])
    tuning = figures["tuning"]
    p_max = 3.3**2 / 400.0 * 1e3
    assert tuning["lock_range_k"] == pytest.approx((p_max - 10.0) * 200.0 / 58.04, rel=1e-3)
    assert io_density(_summary()) == pytest.approx(1.6 * 2 / 4.0)
    bumps = figures["bumps"]
    assert bumps["signals"] == 8 * (5 + 2) and bumps["bumps"] == math.ceil(56 * 1.3)
    assert bumps["columns"] * bumps["rows"] >= bumps["bumps"] and bumps["fits_die"]


def test_the_els_fails_only_when_its_rating_cannot_reach_the_oma_window():
    """The CPO laser is derived from the lanes; capped by the ELS, it fails only when even the
    window's low end needs more than one ELS fibre gives."""
    summary = _summary(cell="ring_modulator", heater=10.0, laser_dbm=20.0)
    laser = {"power_dbm": 20.0, "window_low_dbm": 19.3, "window_high_dbm": 23.0,
             "limited_by_rating": True}  # fmt: skip
    summary["devices"]["modulator"]["laser"] = laser
    els = package_figures(summary, PACKAGES["cpo"])["els"]
    assert els["pass"] and els["els_output_needed_dbm"] == pytest.approx(19.3 + 4.0)
    laser["window_low_dbm"] = 20.5
    els = package_figures(summary, PACKAGES["cpo"])["els"]
    assert not els["pass"] and els["margin_db"] == pytest.approx(24.0 - 24.5)


def test_within_uses_the_published_range():
    assert within(17.5 * 0.8, "dsp") and not within(17.5 * 0.7, "dsp")
    assert within(20.0 * 1.25, "dsp") and not within(20.0 * 1.3, "dsp")
    assert math.isclose(PACKAGES["cpo"].vppd_v, 2.0)


def test_a_cpo_engine_runs_with_rings_an_external_laser_and_its_checks(tmp_path):
    """1.6T-DR8 co-packaged: rings by default at 2 Vppd, 10 dBm per lane, ELS and lock checked."""
    from lightlane.circuits.flow import run_engine

    result = run_engine("1.6T-DR8", output=tmp_path, samples=4, wl=(1.26, 1.36, 201), package="cpo")
    summary = result.summary
    assert summary["options"]["modulator"] == "ring"
    assert summary["devices"]["modulator"]["vpp_v"] == 2.0
    package = summary["package"]
    assert package["profile"]["name"] == "cpo"
    assert set(package["checks"]) == {"ELS output", "ring lock range", "bump array fits the die"}
    laser = summary["devices"]["modulator"]["laser"]
    rating = PACKAGES["cpo"].laser_rating_dbm(None)
    assert laser["available_dbm"] == pytest.approx(rating) == pytest.approx(24.0 - 2.5 - 1.5)
    assert package["els"]["chip_input_dbm"] == pytest.approx(min(laser["power_dbm"], rating))
    assert package["power"]["pj_per_bit"] > 0 and package["io_density_tbps_per_mm"] > 0
    assert summary["checks"]["drc_clean"]


def _engine_summary(name):
    """A summary as the engine flow writes it, for one package (synthetic devices)."""
    summary = _summary(cell="ring_modulator" if name == "cpo" else "mzm_traveling_wave")
    summary["budget"] = [
        {"chain": {"laser_dbm": 21.0}, "specs": [{"name": "TDECQ (assumed)", "value": 2.5,
                                                  "margin": 0.9}]}
    ] * 8  # fmt: skip
    summary["options"] = {"modulator": PACKAGES[name].modulator}
    summary["pass"], summary["verdict"] = True, "ok"
    summary["package"] = package_figures(summary, PACKAGES[name]) if name != "lpo" else {
        **package_figures({**summary, "side": "tx"}, PACKAGES[name]),
        "lpo": {"host_loss_db": [0.0, 10.0, 20.0], "pre_fec_ber": [1e-12, 1e-6, 1e-2],
                "fec_threshold": 2.4e-4, "largest_host_loss_db": 14.0,
                "at_required": {"pre_fec_ber": 1e-6, "rlm": 0.96, "thd_percent": 1.1}},
    }  # fmt: skip
    return summary


def test_the_comparison_rows_and_plots_come_from_the_summaries():
    from lightlane.circuits.compare import compare_figures, package_row

    rows = [package_row(_engine_summary(name)) for name in PACKAGES]
    assert [r["package"] for r in rows] == ["dsp", "lpo", "cpo"]
    assert rows[1]["largest_host_loss_db"] == 14.0 and rows[1]["pre_fec_ber"] == 1e-6
    assert all(r["worst_margin_db"] == 0.9 and r["tdecq_db"] == 2.5 for r in rows)
    assert rows[0]["die_mm2"] == pytest.approx(12.0)
    assert rows[0]["within_25_percent"] == within(rows[0]["pj_per_bit"], "dsp")
    power, ber = compare_figures(rows, _engine_summary("lpo")["package"]["lpo"], "1.6T-DR8")
    assert len(power.axes[0].patches) >= 3 * 4 and ber.axes[0].get_yscale() == "log"


def test_cli_compare_bad_input_is_one_line_exit_2(tmp_path):
    from typer.testing import CliRunner

    from lightlane.cli import app

    result = CliRunner().invoke(app, ["compare", "3.2T-DR16", "-o", str(tmp_path / "c")])
    assert result.exit_code == 2 and result.output.strip().startswith("lightlane: error:")
    assert not (tmp_path / "c").exists()


def test_the_lpo_lane_is_built_from_the_engine_summary():
    from lightlane.circuits.packages import lpo_lane

    summary = _summary()
    summary["interface"].update(baud_gbd=53.125, channel_loss_db=3.0)
    summary["budget"] = [{"chain": {"laser_dbm": 21.0, "tx_loss_db": 13.0, "rx_loss_db": 2.0}}]
    summary["devices"]["modulator"].update(v_pi_v=9.7, eo_bandwidth_ghz=40.0)
    summary["devices"]["photodiode"] = {"responsivity_a_w": {"1311": 0.9}, "bandwidth_ghz": 50.0}
    lane = lpo_lane(summary, PACKAGES["lpo"])
    assert lane.laser_power_dbm == 21.0 and lane.optical_loss_db == 15.0
    assert lane.fibre.loss_db == pytest.approx(3.0) and lane.driver_swing_vppd == 2.5
    assert lane.modulator.insertion_loss_db == pytest.approx(-10 * math.log10(0.5))
    with pytest.raises(ValueError, match="needs an MZM"):
        lpo_lane(_summary(cell="ring_modulator"), PACKAGES["lpo"])


def test_per_lane_figures_follow_the_lane_rate():
    """(at 100G, at 200G) pairs: exact at 53.125 and 106.25 GBd, a power law between."""
    from lightlane.circuits.power import at_lane_rate, published_pj_per_bit

    assert at_lane_rate((180.0, 270.0), 53.125) == pytest.approx(180.0)
    assert at_lane_rate((180.0, 270.0), 106.25) == pytest.approx(270.0)
    assert at_lane_rate((180.0, 270.0), 75.0) == pytest.approx(
        180.0 * 1.5 ** math.log2(75 / 53.125)
    )
    assert at_lane_rate((0.0, 4.0), 79.6875) == pytest.approx(2.0)
    assert PowerParameters(tia_mw_per_lane=60.0).tia_mw_per_lane == (60.0, 60.0)
    with pytest.raises(ValueError, match="baud_gbd"):
        at_lane_rate((1.0, 2.0), 200.0)
    with pytest.raises(ValueError, match="dsp_pj_per_bit"):
        PowerParameters(dsp_pj_per_bit=(1.0, 2.0, 3.0))
    hundred = _summary()
    hundred["interface"].update(baud_gbd=53.125, total_rate_gbps=800.0)
    slow, fast = (power_per_bit(s, PACKAGES["dsp"].power) for s in (hundred, _summary()))
    assert fast["blocks_w"]["tia"] == pytest.approx(1.5 * slow["blocks_w"]["tia"])
    assert fast["at_lane_rate"]["dsp_pj_per_bit"] == 6.0 < slow["at_lane_rate"]["dsp_pj_per_bit"]
    assert published_pj_per_bit("cpo", 106.25) != published_pj_per_bit("cpo", 53.125)


def test_a_host_channel_file_replaces_the_parametric_host_channel(tmp_path):
    """--host-channel: the file's loss at Nyquist sets the LPO lane's checked host channel."""
    from lightlane.circuits.packages import _lpo_link

    summary = _summary()
    summary["interface"].update(baud_gbd=53.125, channel_loss_db=3.0)
    summary["budget"] = [{"chain": {"laser_dbm": 21.0, "tx_loss_db": 13.0, "rx_loss_db": 2.0}}]
    summary["devices"]["modulator"].update(v_pi_v=9.7, eo_bandwidth_ghz=40.0)
    summary["devices"]["photodiode"] = {"responsivity_a_w": {"1311": 0.9}, "bandwidth_ghz": 50.0}
    rows = [f"{f} -30 0 {-0.5 * f:g} 0 {-0.5 * f:g} 0 -30 0" for f in range(0, 81)]
    path = tmp_path / "host.s2p"
    path.write_text("# GHz S DB R 50\n" + "\n".join(rows) + "\n")
    parametric = _lpo_link(summary, PACKAGES["lpo"])
    measured = _lpo_link(summary, PACKAGES["lpo"].with_host_channel(path))
    assert parametric["host_channel"]["touchstone"] is None
    assert measured["host_channel"]["nyquist_loss_db"] == pytest.approx(0.5 * 26.5625, abs=1e-2)
    assert measured["at_required"]["host_loss_db"] == pytest.approx(0.5 * 26.5625, abs=1e-2)
    assert parametric["at_required"]["host_loss_db"] == pytest.approx(10.0)
    host = measured["host_channel"]
    assert host["sweep_loss_db"] == [4.0, 8.0, 12.0, 16.0, 20.0, 24.0]
    assert host["largest_host_loss_db"] is not None
    passing = [x for x, b in zip(host["sweep_loss_db"], host["sweep_pre_fec_ber"], strict=True)
               if b <= 2.4e-4]  # fmt: skip
    assert max(passing) <= host["largest_host_loss_db"] <= max(passing) + 4.0
    from lightlane.link.lpo import HostChannel

    twice = HostChannel(touchstone=path, length_scale=2.0).nyquist_loss_db(26.5625)
    assert twice == pytest.approx(2 * 0.5 * 26.5625, abs=2e-2)
    with pytest.raises(ValueError, match="'lpo'"):
        PACKAGES["dsp"].with_host_channel(path)
