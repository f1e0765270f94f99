"""The floorplan: one fibre array in the connector's order, compact, heaters clear of junctions."""

from __future__ import annotations

import numpy as np
import pytest

from layout_checks import drc_problems
from lightlane.circuits.engine import engine
from lightlane.circuits.fibre_io import FIBRE_MAPS, connectors_of, fibre_map, map_of
from lightlane.circuits.floorplan import (
    fibre_map_problems,
    fibre_ports,
    thermal_problems,
)
from lightlane.circuits.flow import check_hierarchy
from lightlane.circuits.monitors import MONITOR, TAP, TAP_FRACTION
from lightlane.circuits.simulation import simulate_engine
from lightlane.circuits.standards import STANDARDS, get_standard
from lightlane.registry import get_pdk
from lightlane.verify.connectivity_electrical import check_electrical


@pytest.mark.parametrize("name", sorted(STANDARDS))
def test_every_standard_has_a_map_for_each_connector(name):
    std = get_standard(name)
    for connector in connectors_of(std):
        fmap = fibre_map(std, connector)
        assert len(fmap.positions) == len(fmap.connector_positions)
        assert sum(p.startswith("tx") for p in fmap.positions) == std.tx_fibres
        assert sum(p.startswith("rx") for p in fmap.positions) == std.rx_fibres


def test_maps_follow_their_connectors():
    # MPO-12 (802.3 cl. 124 DR4): Tx on 1-4, 5-8 dark, Rx on 9-12; MPO-16: Tx 1-8, Rx 9-16.
    assert FIBRE_MAPS["MPO-12"].positions == (
        ("tx1", "tx2", "tx3", "tx4") + ("",) * 4 + ("rx1", "rx2", "rx3", "rx4")
    )
    sixteen = FIBRE_MAPS["MPO-16"].positions
    assert sixteen[:8] == tuple(f"tx{k}" for k in range(1, 9))
    assert sixteen[8:] == tuple(f"rx{k}" for k in range(1, 9))
    two = FIBRE_MAPS["2 x MPO-12"]
    assert two.positions == sixteen
    assert two.connector_positions[:4] == ("A:1", "A:2", "A:3", "A:4")
    assert two.connector_positions[8:12] == ("A:9", "A:10", "A:11", "A:12")


def test_bad_connectors_are_refused():
    with pytest.raises(ValueError, match="not offered by 400G-DR4"):
        fibre_map(get_standard("400G-DR4"), "MPO-16")
    with pytest.raises(ValueError, match="carries 8 Tx"):
        map_of("MPO-16", 4, 4)
    with pytest.raises(ValueError, match="no fibre map"):
        map_of("MT-36", 4, 4)
    assert map_of("3+2 fibre array", 3, 2).positions == ("tx1", "tx2", "tx3", "rx1", "rx2")


@pytest.mark.parametrize(
    ("name", "connector", "coupling"),
    [
        ("400G-DR4", None, "edge"),
        ("400G-DR4", None, "grating"),
        ("400G-FR4", None, "edge"),
        ("800G-DR8", "2 x MPO-12", "edge"),
    ],
)
def test_every_fibre_sits_at_its_map_position(name, connector, coupling):
    c = engine(name, side="trx", connector=connector, coupling=coupling)
    fmap = fibre_map(get_standard(name), connector)
    assert fibre_map_problems(c, fmap, c.info["fibre_pitch"]) == []
    ports = fibre_ports(c)
    pitch = c.info["fibre_pitch"]
    y0 = ports["tx1"].center[1]
    for slot, fibre in enumerate(fmap.positions):
        if fibre:
            assert ports[fibre].center[1] == pytest.approx(y0 - slot * pitch, abs=1e-3)
    assert c.info["floorplan"]["fibre_map"]["connector"] == fmap.connector
    assert drc_problems(c) == []
    assert check_hierarchy(c) == []


def test_a_misplaced_fibre_is_caught():
    c = engine("400G-DR4", side="trx")
    fmap = fibre_map(get_standard("400G-DR4"))
    swapped = type(fmap)(
        fmap.connector,
        ("rx1",) + fmap.positions[1:8] + ("tx1",) + fmap.positions[9:],
        fmap.connector_positions,
        fmap.source,
    )
    problems = fibre_map_problems(c, swapped, c.info["fibre_pitch"])
    assert any(p.startswith("rx1") for p in problems)
    assert any(p.startswith("tx1") for p in problems)


def test_the_die_is_compact_and_heaters_clear_junctions():
    c = engine("400G-DR4", side="trx")
    figures = c.info["floorplan"]
    width, height = figures["die_mm"]
    assert figures["die_area_mm2"] == pytest.approx(width * height, rel=1e-2)
    assert 0.4 < figures["used_fraction"] <= 1.0
    # The receiver's photodiodes lie in a row under the modulators, not in a column.
    tx, rx = c.insts["tx"].dbbox(), c.insts["rx"].dbbox()
    assert rx.height() < tx.height() / 2 and rx.width() > 2 * rx.height()
    assert rx.top < tx.bottom
    assert thermal_problems(c) == []
    assert thermal_problems(c, keepout=1e5)  # a keep-out larger than the die: every pair fails


@pytest.mark.parametrize(("name", "modulator"), [("400G-DR4", "mzm"), ("400G-FR4", "ring")])
def test_every_modulator_has_a_monitor_in_the_simulated_path(name, modulator):
    c = engine(name, side="tx", modulator=modulator)
    assert drc_problems(c) == []
    assert check_hierarchy(c) == []
    netlist = c.get_netlist(recursive=True)
    tx = next(net for cell, net in netlist.items() if cell.startswith("tx_block"))
    monitors = sorted(k for k, v in tx["instances"].items() if v["component"] == MONITOR[0])
    lanes = c.info["lanes"]
    assert monitors == sorted(f"mon{lane['lane']}" for lane in lanes)
    taps = [v for v in tx["instances"].values() if v["component"] == TAP[0]]
    assert len(taps) == len(lanes)
    wl = np.array([lane["wavelength_nm"] / 1e3 for lane in lanes])
    sp = simulate_engine(c, wl)
    for k, lane in enumerate(lanes):  # each lane at its own wavelength (FR: the mux passes it)
        seen = abs(sp[f"mon{lane['lane']}", lane["laser_port"]][k]) ** 2
        out = abs(sp[lane["tx_port"], lane["laser_port"]][k]) ** 2
        # The monitor sees about the tap's share of what leaves the modulator: the fibre side
        # adds its coupler's and (FR) its multiplexer's loss on top of the through arm.
        assert 0.5 * TAP_FRACTION < seen / (seen + out) < 0.5


@pytest.mark.parametrize(("name", "laser"), [("400G-DR4", "flipchip"), ("400G-FR4", "flipchip")])
def test_a_flip_chip_laser_site_feeds_the_lanes_through_its_coupling(name, laser):
    c = engine(name, side="tx", laser=laser)
    assert drc_problems(c) == []
    assert check_hierarchy(c) == []
    assert check_electrical(c).ok
    assert c.info["floorplan"]["laser"]["input"] == "flipchip"
    netlist = c.get_netlist(recursive=True)
    tx = next(net for cell, net in netlist.items() if cell.startswith("tx_block"))
    sites = [v for v in tx["instances"].values() if v["component"] == "laser_site"]
    assert len(sites) == len({lane["laser_port"] for lane in c.info["lanes"]})
    if get_standard(name).wdm_groups:
        return  # FR rows widen for the sites, so the routes differ too: DR4 checks the loss
    # Its butt coupling is in the simulated path: the flip-chip and edge-fed paths differ by
    # the two inputs' own model losses.
    edge = engine(name, side="tx", laser="edge")
    wl = np.array([c.info["lanes"][0]["wavelength_nm"] / 1e3])
    lane = c.info["lanes"][0]
    models = get_pdk().models
    site = abs(models["laser_site"](wl)[("o2", "o1")][0]) ** 2
    coupler = abs(models["edge_coupler"](wl)[("o2", "o1")][0]) ** 2
    p_site = abs(simulate_engine(c, wl)[lane["tx_port"], lane["laser_port"]][0]) ** 2
    p_edge = abs(simulate_engine(edge, wl)[lane["tx_port"], lane["laser_port"]][0]) ** 2
    assert p_site / p_edge == pytest.approx(site / coupler, rel=1e-3)


def test_an_edge_fed_laser_names_its_fibre():
    c = engine("400G-DR4", side="tx")
    assert "polarisation-maintaining" in c.info["floorplan"]["laser"]["note"]
    with pytest.raises(ValueError, match="laser='vcsel' is not valid"):
        engine("400G-DR4", laser="vcsel")
