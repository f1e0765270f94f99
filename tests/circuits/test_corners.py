"""Temperature corners: thermo-optic drift, the ring heater's re-tuning, the verdict per corner."""

from __future__ import annotations

from types import SimpleNamespace

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


def test_held_fr_multiplexer_stays_in_spec_and_reports_its_heater_power():
    """The mux is designed for 95 C and warmed there: the 85 C corner (chip 95 C) needs no
    heater, the 15 C one (chip 25 C) the most; a corner above the hold fails "filter hold"."""
    pdk = get_pdk()
    pdk.activate()
    opts = engine_options("400G-FR4", side="tx")
    component = build_engine(opts)
    nominal = analysis.analyse(component, opts, np.linspace(1.26, 1.36, 501))
    result = corner_analysis(
        component, opts, nominal, cases_c=(15.0, 85.0, 100.0), chip_offset_k=10.0
    )
    cold, hot, over = result["corners"]
    assert cold["chip_c"] == 25.0 and cold["dn_eff"] == 0.0
    assert cold["pass"] == all(b.ok for b in nominal.budgets)
    assert hot["pass"], hot["failing"]
    (mux,) = cold["filters"]
    assert mux["cell"] == "cwdm4_mux" and mux["hold_c"] == 95.0 and mux["held"]
    assert 40.0 < mux["power_mw"] < 120.0 and hot["filters"][0]["power_mw"] == 0.0
    # The parallel network: 64 Ohm, 81.1 mW at 2.29 V from the 3.3 V rail at the cold corner.
    assert mux["resistance_ohm"] == pytest.approx(64.4, abs=0.1)
    assert mux["voltage_v"] == pytest.approx(2.29, abs=0.01) and mux["voltage_v"] < 3.3
    assert mux["power_mw"] == pytest.approx(81.1, abs=0.1)
    assert all(
        line["pass"]
        for b in cold["budget"]
        for line in b["specs"]
        if line["name"] == "filter heater power"
    )
    assert cold["filter_heater_mw"] == mux["power_mw"]
    assert cold["heater_total_mw"] == pytest.approx(
        cold["modulator_heater_mw"] + mux["power_mw"], abs=1e-3
    )
    lanes = cold["budget"]
    assert sum(b["chain"]["filter_heater_mw"] for b in lanes) == pytest.approx(
        mux["power_mw"], abs=0.01
    )
    # 100 C case: the chip (110 C) is above the hold; the filter drifts and says so.
    assert not over["pass"] and not over["filters"][0]["held"]
    assert any(f.endswith("filter hold") for f in over["failing"])


def test_corner_and_filter_tables_and_terminal_lines_show_the_heaters():
    from lightlane.circuits.engine_summary import corner_table, filter_heater_table
    from lightlane.cli.engines import _corner_lines

    filters = [
        {"filter": "tx/mux", "hold_c": 95.0, "power_mw": 81.1, "voltage_v": 2.29},
        {"filter": "rx/demux", "hold_c": 95.0, "power_mw": 81.1, "voltage_v": 2.29},
    ]
    corner = {"case_c": 15.0, "chip_c": 25.0, "worst_margin": 0.33, "pass": True}
    corner.update(heater_total_mw=200.2, modulator_heater_mw=38.0, filter_heater_mw=162.2)
    summary = {"temperature": {"corners": [{**corner, "filters": filters}]}}
    (row,) = corner_table(summary)
    assert row["filter heaters mW"] == 162.2 and row["heaters mW"] == 200.2 and row["pass"]
    rows = filter_heater_table(summary)
    assert [r["filter"] for r in rows] == ["tx/mux", "rx/demux"]
    assert rows[0]["15 C mW"] == 81.1 and rows[0]["15 C V"] == 2.29
    (line,) = _corner_lines(summary)
    assert line == "15 C case: pass, worst margin +0.33, heaters 200 mW (filters 162)"
    assert len(line) <= 80


def test_a_filter_heater_beyond_the_rail_is_flagged():
    """The same tree wired as one series loop (945 Ohm) needs 8.4 V at the 15 C corner: more
    than the 3.3 V rail gives, so its line fails and says which filter and by how much."""
    from lightlane.circuits.corners import _hold_lines, filter_drive_lines
    from lightlane.components.filters import cwdm4_demux
    from lightlane.models.filters import filter_heater_figures, filter_heater_mw

    get_pdk().activate()
    stages = cwdm4_demux().info["stage_geometry"]
    ohm = filter_heater_figures(stages)["resistance_ohm"]  # no network: one series loop
    power = float(filter_heater_mw(stages, 95.0, 25.0))
    assert ohm == pytest.approx(944.65, abs=0.1) and power == pytest.approx(74.3, abs=0.1)
    loop = {"filter": "tx/mux", "hold_c": 95.0, "power_mw": round(power, 3)}
    loop.update(resistance_ohm=round(ohm, 1), voltage_v=round((power * 1e-3 * ohm) ** 0.5, 3))
    (line,) = filter_drive_lines([loop])
    assert not line.ok and line.name == "filter heater power" and line.unit == "mW"
    assert line.limit == pytest.approx(3.3**2 / 944.6 * 1e3, abs=0.01)
    assert (
        "tx/mux" in line.clause
        and "8.38 V across 945 Ohm" in line.clause
        and "3.3 V" in line.clause
    )
    lane = SimpleNamespace(chain={}, lines=[])  # a lane budget: the corner adds the line
    _hold_lines([lane], [{**loop, "held": True}], 25.0)
    assert [(x.name, x.ok) for x in lane.lines] == [("filter heater power", False)]
    assert filter_drive_lines([{**loop, "hold_c": None}]) == []  # an unheated filter


def test_photodiode_follows_the_chip_temperature():
    """Hot, the Ge gap shrinks (Dash & Newman's -3.1e-4 eV/K): more absorption, the edge moves
    red; the dark current's shot noise adds to the TIA's; the sensitivity moves by both."""
    import math

    from lightlane.circuits.corners import receiver_at
    from lightlane.models.detectors import dark_current_na, responsivity
    from lightlane.physics.materials import GE_DIRECT_GAP_EV_PER_K, ge_absorption_per_cm

    assert GE_DIRECT_GAP_EV_PER_K == pytest.approx(-3.14e-4, abs=0.01e-4)
    assert ge_absorption_per_cm(1.31, 95.0) > ge_absorption_per_cm(1.31, 25.0)
    assert ge_absorption_per_cm(1.6, 25.0) < ge_absorption_per_cm(1.6, 95.0)
    with pytest.raises(ValueError, match="temperature_c"):
        ge_absorption_per_cm(1.31, 300.0)
    fig = {"sensitivity_at_pd_dbm": -8.0, "noise_rms_ua": 2.0, "noise_bandwidth_ghz": 50.0}
    devices = {
        "receiver": {"1311": dict(fig)},
        "photodiode": {"responsivity_a_w": {"1311": float(responsivity(1.311))}},
    }
    hot, figures = receiver_at(devices, 95.0)
    dark = float(dark_current_na(temperature_c=95.0))
    assert figures["dark_current_na"] == pytest.approx(dark, abs=1e-3) and dark > 10 * 6.0
    shot = math.sqrt(2 * 1.602176634e-19 * dark * 1e-9 * 50e9)
    expected = 10 * math.log10(math.hypot(2e-6, shot) / 2e-6) + 10 * math.log10(
        float(responsivity(1.311)) / float(responsivity(1.311, temperature_c=95.0))
    )
    assert figures["sensitivity_shift_db"]["1311"] == pytest.approx(expected, abs=1e-4)
    assert hot["receiver"]["1311"]["sensitivity_at_pd_dbm"] == pytest.approx(
        -8.0 + expected, abs=1e-4
    )
    assert abs(expected) < 0.05  # 95 nA of dark current and a 0.2 % responsivity change
    assert devices["receiver"]["1311"]["sensitivity_at_pd_dbm"] == -8.0  # not modified
    assert receiver_at({"modulator": {}}, 95.0) == ({"modulator": {}}, {})
