"""CWDM4 filters: passband, crosstalk and loss per lane against published figures; the FSR walk."""

from __future__ import annotations

import numpy as np
import pytest

import lightlane.models.filters
from bound_models import bound
from layout_checks import assert_refused_before_drawing
from lightlane.components import filters as cells
from lightlane.physics.lattice import worst_leak_db
from lightlane.physics.modes import group_index
from lightlane.physics.wdm import CWDM4_NM, windows_um

models = bound(lightlane.models.filters)

LANES = ("o2", "o3", "o4", "o5")  # demux lane ports, 1271..1331 nm


def _transmission_db(x):
    return 10 * np.log10(np.abs(x) ** 2)


@pytest.fixture(scope="module")
def lane_spectra():
    """Per lane: its window's wavelengths and the demux SDict over them (held, 25 C chip)."""
    windows = windows_um(CWDM4_NM, n=131)
    return [(w, models.cwdm4_demux(w, filter_hold=True)) for w in windows]


def test_every_lane_1db_passband_covers_its_window(lane_spectra):
    for port, (w, s) in zip(LANES, lane_spectra, strict=True):
        wide = np.linspace(w[0] - 0.01, w[-1] + 0.01, 2001)
        peak = _transmission_db(models.cwdm4_demux(wide)[port, "o1"]).max()
        assert _transmission_db(s[port, "o1"]).min() >= peak - 1.0, port


def test_adjacent_lane_crosstalk_below_20_db(lane_spectra):
    for i, (_, s) in enumerate(lane_spectra):
        for j in (i - 1, i + 1):
            if 0 <= j < 4:
                assert _transmission_db(s[LANES[j], "o1"]).max() <= -20.0, (LANES[i], LANES[j])


def test_every_lane_crosstalk_stays_below_19_db(lane_spectra):
    """Non-adjacent lanes (40 nm apart) rest on stage 2 alone: -19.9 dB worst (see report)."""
    for i, (_, s) in enumerate(lane_spectra):
        for j in range(4):
            if j != i:
                assert _transmission_db(s[LANES[j], "o1"]).max() <= -19.0


def test_insertion_loss_within_domain_range(lane_spectra):
    for port, (_, s) in zip(LANES, lane_spectra, strict=True):
        best, worst = -_transmission_db(s[port, "o1"]).max(), -_transmission_db(s[port, "o1"]).min()
        assert 1.0 <= best <= 2.0, (port, best)  # published CWDM4 lattices: 1-2 dB
        assert worst <= 2.4, (port, worst)  # window edges add the flat-top ripple


def test_mux_is_the_reciprocal_demux():
    wl = np.linspace(1.26, 1.34, 81)
    mux, demux = models.cwdm4_mux(wl), models.cwdm4_demux(wl)
    for mux_port, demux_port in zip(("o1", "o2", "o3", "o4"), LANES, strict=True):
        np.testing.assert_allclose(mux["o5", mux_port], demux[demux_port, "o1"], atol=0)
        np.testing.assert_allclose(mux[mux_port, "o5"], mux["o5", mux_port], atol=0)
    assert cells.cwdm4_mux().info["wavelengths_nm"] == list(CWDM4_NM)


def test_power_is_conserved_up_to_the_parts_losses():
    """Three MMIs (0.3 dB), eight couplers (0.05 dB) and bends lose 1.4-1.7 dB on every path."""
    wl = np.linspace(1.26, 1.36, 101)
    s = models.cwdm4_demux(wl, loss_db_per_cm=0.0)
    total = sum(np.abs(s[p, "o1"]) ** 2 for p in (*LANES, "o6", "o7"))
    assert np.all(total <= 1.0) and np.all(total >= 10 ** (-1.8 / 10))


def test_monte_carlo_dn_eff_broadcasts_and_detunes():
    wl = windows_um(CWDM4_NM, n=11)[0]
    dn = np.array([[0.0], [2e-3], [-2e-3]])
    s = models.cwdm4_demux(wl, dn_eff=dn)
    assert s["o2", "o1"].shape == (3, wl.size)
    np.testing.assert_allclose(s["o2", "o1"][0], models.cwdm4_demux(wl)["o2", "o1"])
    assert not np.allclose(np.abs(s["o2", "o1"][1]), np.abs(s["o2", "o1"][0]))


def test_fsr_walks_with_wavelength_as_the_dispersion_says():
    """The stage-1 fringe spacing is wl^2 / (n_g dL): it widens ~9 % from 1271 to 1331 nm."""
    delay = cells.STAGE1[0][0]
    fsr = {wl: wl**2 / (group_index(wl, 0.4) * delay) * 1e3 for wl in (1.271, 1.331)}
    assert fsr[1.271] == pytest.approx(37.8, abs=0.2) and fsr[1.331] == pytest.approx(41.4, abs=0.2)
    # The model's phase agrees: a single delay section's group delay gives the same n_g.
    wl = np.linspace(1.27, 1.272, 5)
    lattice = models.mzi_lattice_stage(
        wl, delays=(delay,), coupler_lengths=(0.0,), loss_db_per_cm=0.0
    )
    assert lattice["o2", "o1"].shape == wl.shape


def test_stored_designs_match_the_design_routine_figures():
    g = cells.stage_geometry()
    leaks = {
        "stage1": worst_leak_db(*cells.STAGE1, (1271, 1311), (1291, 1331), g),
        "odd": worst_leak_db(*cells.STAGE2_ODD, (1271,), (1311,), g),
        "even": worst_leak_db(*cells.STAGE2_EVEN, (1291,), (1331,), g),
    }
    assert leaks["stage1"] == pytest.approx(-12.73, abs=0.02)
    assert leaks["odd"] == pytest.approx(-18.11, abs=0.02)
    assert leaks["even"] == pytest.approx(-18.31, abs=0.02)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"delays": (9.866,), "coupler_lengths": (1.0, 2.0)}, ["delays", "coupler_lengths"]),
        ({"delays": (9.867,), "coupler_lengths": (1.0,)}, ["delays[0]"]),
        ({"delays": (10.0,), "coupler_lengths": (-0.1,)}, ["coupler_lengths[0]", ">= 0"]),
        ({"gap": 0.1}, ["gap", "WG.S.1"]),
    ],
)
def test_lattice_refuses_bad_input_before_drawing(kwargs, words):
    assert_refused_before_drawing(cells.mzi_lattice_stage, kwargs, words)


def test_demux_refuses_other_cross_sections():
    assert_refused_before_drawing(cells.cwdm4_demux, {"cross_section": "strip_c"}, ["strip"])


def _worst_in_window_db(s):
    windows = windows_um(CWDM4_NM, n=41)
    return [
        float(_transmission_db(s(w)[port, "o1"]).min())
        for w, port in zip(windows, LANES, strict=True)
    ]


def test_held_demux_passbands_stay_put_from_25_to_95_c():
    """The heaters make up exactly the delays' phase a cooler chip loses: only the couplers
    and splitters drift (< 0.3 dB); with the heaters off the 25 C chip misses its windows."""
    from lightlane.physics.thermal import DN_EFF_DT

    held = {
        chip: _worst_in_window_db(
            lambda w, c=chip: models.cwdm4_demux(w, dn_eff=DN_EFF_DT * (c - 25), filter_hold=True)
        )
        for chip in (25.0, 60.0, 95.0)
    }
    for chip in (25.0, 60.0):
        np.testing.assert_allclose(held[chip], held[95.0], atol=0.3)
    assert min(held[25.0]) > -3.0
    off = _worst_in_window_db(lambda w: models.cwdm4_demux(w))  # heater off: the default
    assert min(off) < min(held[25.0]) - 3.0


def test_filter_heater_power_is_the_thermal_models():
    """P = (T_hold - T_chip) sum|dL| / R' over the filaments' share of the network's squares
    (every filament carries one current: four equal branches); the model held and driven at
    that power agree; above the hold the heater is off."""
    from lightlane.models.filters import filter_heater_figures, filter_heater_mw
    from lightlane.models.heaters import HEATER_STACK
    from lightlane.physics.thermal import line_resistance

    demux = cells.cwdm4_demux()
    stages = demux.info["stage_geometry"]
    network = demux.info["heater_network"]
    f = filter_heater_figures(stages, network)
    delays = sum(abs(d) for d in cells.STAGE1_HELD[0]) * 3
    delays += sum(abs(d) for d in (*cells.STAGE2_ODD_HELD[0], *cells.STAGE2_EVEN_HELD[0]))
    assert f["heated_length_um"] == pytest.approx(delays, abs=0.01)
    r_line = float(line_resistance(2.0, HEATER_STACK))
    power = float(filter_heater_mw(stages, 95.0, 25.0, network))
    leg = 2 * 1.0 / 4.0  # two legs of HEATER.SEP.1 = 1 um, 4 um wide, per filament
    stage1 = sum(abs(d) / 2.0 + leg for d in cells.STAGE1_HELD[0])
    assert [b["ballast_squares"] for b in network] == pytest.approx([0, 0, 0, 8.647], abs=1e-3)
    assert f["branch_ohm"] == pytest.approx([10.0 * stage1] * 4, rel=1e-6)
    assert f["resistance_ohm"] == pytest.approx(10.0 * stage1 / 4, rel=1e-6)
    squares = 4 * stage1  # every branch as many squares as one stage-1 chain, ballast included
    assert power == pytest.approx(70.0 * delays / r_line * squares / (delays / 2.0), rel=1e-5)
    assert 40.0 < power < 120.0  # ~0.4 mW/K for ~180 um of delay under 2 um TiN
    assert float(filter_heater_mw(stages, 95.0, 100.0)) == 0.0
    wl = windows_um(CWDM4_NM, n=11)[0]
    np.testing.assert_allclose(
        models.cwdm4_demux(wl, filter_heater_mw=power)["o2", "o1"],
        models.cwdm4_demux(wl, filter_hold=True)["o2", "o1"],
        rtol=1e-9,
    )
    mux = models.cwdm4_mux(wl, filter_heater_mw=power)
    np.testing.assert_allclose(mux["o5", "o1"], models.cwdm4_mux(wl, filter_hold=True)["o5", "o1"])
    with pytest.raises(ValueError, match="filter_heater_mw"):
        models.cwdm4_demux(wl, filter_heater_mw=-1.0)


def test_held_filters_are_one_network_between_two_pads():
    """Each delay's longer arm carries a filament of its delay's length; the network's two nets
    reach the filter's two pads and nothing else (electrical connectivity check)."""
    import gdsfactory as gf

    from lightlane.verify.connectivity_electrical import check_electrical

    for name in ("cwdm4_demux", "cwdm4_mux"):
        cell = getattr(cells, name)()
        top = gf.Component()
        top << cell
        report = check_electrical(top)
        assert report.ok and report.terminals == 2 and report.pads == 2, report.findings
    stage = cells.mzi_lattice_stage(
        delays=cells.STAGE1_HELD[0], coupler_lengths=cells.STAGE1_HELD[1], heated=True
    )
    assert stage.info["heater_lengths"] == [round(abs(d), 3) for d in cells.STAGE1_HELD[0]]
    assert {p.name for p in stage.ports if p.port_type == "electrical"} == {"e1", "e2"}
    assert cells.cwdm4_demux(heated=False).info["hold_temperature_c"] is None


def test_held_designs_match_the_design_routine_at_the_hold_temperature():
    import dataclasses

    from lightlane.components.filter_heaters import FILTER_HOLD_C
    from lightlane.physics.thermal import DN_EFF_DT, T_REF_C

    g = dataclasses.replace(cells.stage_geometry(), dn_eff=DN_EFF_DT * (FILTER_HOLD_C - T_REF_C))
    leaks = {
        "stage1": worst_leak_db(*cells.STAGE1_HELD, (1271, 1311), (1291, 1331), g),
        "odd": worst_leak_db(*cells.STAGE2_ODD_HELD, (1271,), (1311,), g),
        "even": worst_leak_db(*cells.STAGE2_EVEN_HELD, (1291,), (1331,), g),
    }
    assert leaks["stage1"] < -12.5 and leaks["odd"] < -18.0 and leaks["even"] < -18.2
    # The room-temperature design run at the hold temperature leaks far more.
    assert worst_leak_db(*cells.STAGE2_ODD, (1271,), (1311,), g) > leaks["odd"] + 0.3


def test_heated_lattice_refuses_mixed_delay_signs_before_drawing():
    assert_refused_before_drawing(
        cells.mzi_lattice_stage,
        {"delays": (10.0, -10.0), "coupler_lengths": (5.0, 5.0), "heated": True},
        ["heated", "one sign"],
    )


def test_the_ballast_drawn_is_the_squares_the_model_adds():
    """The odd + even branch's TiN ballast, as drawn (a contact wide, between two contacts),
    has the squares the cell writes, so that every branch has stage 1's squares."""
    from lightlane.components.filter_heaters import FILTER_HEATER_CONTACT, chain_squares
    from lightlane.pdk.layers import LAYER

    demux = cells.cwdm4_demux()
    size = FILTER_HEATER_CONTACT
    layer = demux.kcl.find_layer(*LAYER.HEATER)
    boxes = [s.dbbox() for s in demux.shapes(layer).each()]
    (ballast,) = [b for b in boxes if abs(b.width() - size) < 1e-6 and abs(b.center().y) < 1e-3]
    drawn = (ballast.height() - 2 * size) / size
    network = demux.info["heater_network"]
    assert network[-1]["stages"] == ["odd", "even"]
    assert network[-1]["ballast_squares"] == pytest.approx(drawn, abs=1e-6)
    stages = demux.info["stage_geometry"]
    short = chain_squares(stages["odd"]) + chain_squares(stages["even"])
    assert short + drawn == pytest.approx(chain_squares(stages["stage1"]), abs=1e-3)
