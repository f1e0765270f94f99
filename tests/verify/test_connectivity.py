"""Connectivity checks on circuits of lightlane cells, clean and with deliberate faults."""

from __future__ import annotations

import itertools

import gdsfactory as gf
import pytest

from lightlane.components.waveguides import bend_euler, straight, taper
from lightlane.registry import get_pdk
from lightlane.verify.connectivity import check_connectivity

_ids = itertools.count()


@pytest.fixture(autouse=True, scope="module")
def _pdk() -> None:
    get_pdk().activate()


def _new(tag: str) -> gf.Component:
    return gf.Component(f"verify_conn_{tag}_{next(_ids)}")  # unique: gf's layout is global


def _chain(c: gf.Component):
    s = c << straight(length=10)
    b = c << bend_euler()
    b.connect("o1", s.ports["o2"])
    t = c << taper(width1=0.4, width2=0.8)
    t.connect("o1", b.ports["o2"])
    return s, b, t


def test_clean_chain() -> None:
    c = _new("clean")
    s, _, t = _chain(c)
    c.add_port("o1", port=s.ports["o1"])
    c.add_port("o2", port=t.ports["o2"])
    report = check_connectivity(c)
    assert report.ok, report.summary()


def test_dangling_port_and_width_mismatch() -> None:
    c = _new("faults")
    s, b, t = _chain(c)
    c.add_port("o1", port=s.ports["o1"])  # taper o2 left dangling
    s2 = c << straight(length=5, width=0.5)
    s2.connect("o1", t.ports["o2"], allow_width_mismatch=True)  # 0.8 um meets 0.5 um
    report = check_connectivity(c)
    assert report.counts == {"dangling": 1, "width_mismatch": 1}, report.summary()
    assert report.of_kind("dangling")[0].instances == (s2.name,)


def test_misaligned_and_overlap() -> None:
    c = _new("misaligned")
    a = c << straight(length=10)
    b = c << straight(length=10)
    b.dmove((10.005, 0))  # 5 nm gap
    d = c << straight(length=10)
    d.dmove((5, 0))  # on top of a and b
    c.add_port("o1", port=a.ports["o1"])
    report = check_connectivity(c)
    assert report.of_kind("misaligned"), report.summary()
    assert {f.instances for f in report.of_kind("overlap")} >= {(a.name, d.name)}


def test_type_mismatch() -> None:
    c = _new("types")
    a = c << straight(length=10)
    b = c << straight(length=10)
    b.connect("o1", a.ports["o2"])
    c.add_port("o1", port=a.ports["o1"])
    c.add_port("o2", port=b.ports["o2"])
    e = gf.Component(f"verify_conn_elec_{next(_ids)}")
    e.add_polygon([(0, -0.2), (1, -0.2), (1, 0.2), (0, 0.2)], layer=(1, 0))
    e.add_port(
        "e1", center=(0, 0), width=0.4, orientation=180, layer=(1, 0), port_type="electrical"
    )
    e.add_port("e2", center=(1, 0), width=0.4, orientation=0, layer=(1, 0), port_type="electrical")
    r = c << e
    r.connect("e1", b.ports["o2"], allow_type_mismatch=True)
    report = check_connectivity(c)
    assert "type_mismatch" in report.counts, report.summary()


@gf.cell
def verify_test_tight_bend(cross_section: str = "strip") -> gf.Component:
    """A bend drawn around the PDK checks: its info claims a 2 um radius (below 5 um)."""
    c = gf.Component()
    path = gf.path.euler(radius=3, angle=90, p=0.5, use_eff=True)
    xs = gf.get_cross_section(cross_section)
    ref = c << gf.path.extrude(path, cross_section=xs)
    c.add_ports(ref.ports)
    c.info["min_bend_radius"] = 2.0
    return c


def test_bend_below_min_radius() -> None:
    c = _new("tight")
    s = c << straight(length=10)
    b = c << verify_test_tight_bend()
    b.connect("o1", s.ports["o2"])
    c.add_port("o1", port=s.ports["o1"])
    c.add_port("o2", port=b.ports["o2"])
    report = check_connectivity(c)
    assert report.counts == {"bend_radius": 1}, report.summary()
    assert report.findings[0].rule == "XS.R.strip"
