"""The waveguide cells: limits raise before drawing, and a property-based sweep stays clean."""

from __future__ import annotations

import gdsfactory as gf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_checks import port_edge_problem, width_space_violations

from lightlane.components.waveguides import bend_euler, straight, taper

SWEEP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _cell_count() -> int:
    return gf.kcl.layout.cells()


@pytest.mark.parametrize(
    ("factory", "kwargs", "words"),
    [
        (straight, {"width": 0.1}, ["width=0.1", "0.15", "WG.W.1"]),
        (straight, {"length": -1.0}, ["length=-1", "0.15", "WG.W.1"]),
        (taper, {"length": 1.0}, ["length=1", "deg", "length >= 1.423"]),
        (straight, {"length": 1.0005}, ["length=1.0005", "grid"]),
        (straight, {"length": 0.2, "cross_section": "rib"}, ["length=0.2", "SLAB90.W.1"]),
        (straight, {"cross_section": "nope"}, ["cross_section='nope'", "strip"]),
        (bend_euler, {"radius": 4.0}, ["radius=4", "5", "XS.R.strip", "radius >="]),
        (bend_euler, {"radius": 20.0, "cross_section": "rib"}, ["XS.R.rib", "15"]),
        (bend_euler, {"angle": 0.0}, ["angle=0"]),
        (bend_euler, {"p": 1.5}, ["p=1.5"]),
        (taper, {"width2": 0.05}, ["width2=0.05", "0.15", "WG.W.1"]),
        (taper, {"width2": 0.451}, ["width2=0.451", "2 nm", "GRID.1"]),
    ],
)
def test_bad_parameters_raise_before_any_geometry(factory, kwargs, words):
    before = _cell_count()
    with pytest.raises(ValueError) as error:
        factory(**kwargs)
    for word in words:
        assert word in str(error.value)
    assert _cell_count() == before, "a cell was drawn before the error"


def _assert_clean(component):
    assert [p for p in map(lambda q: port_edge_problem(component, q), component.ports) if p] == []
    assert width_space_violations(component) == []


@SWEEP
@given(
    length=st.integers(150, 2_000_000).map(lambda n: n / 1000),
    width=st.one_of(st.none(), st.integers(75, 1500).map(lambda n: n / 500)),
    cross_section=st.sampled_from(["strip", "strip_c", "rib"]),
)
def test_straight_sweep_is_clean_or_refused(length, width, cross_section):
    try:
        component = straight(length=length, width=width, cross_section=cross_section)
    except ValueError as error:
        assert "length=" in str(error) and "SLAB90.W.1" in str(error)
        return
    _assert_clean(component)


@SWEEP
@given(
    radius=st.integers(3000, 60000).map(lambda n: n / 1000),
    angle=st.sampled_from([90.0, -90.0, 180.0, 45.0, -30.0]),
    p=st.sampled_from([0.2, 0.5, 1.0]),
    cross_section=st.sampled_from(["strip", "strip_c", "rib"]),
)
def test_bend_sweep_is_clean_or_refused(radius, angle, p, cross_section):
    try:
        component = bend_euler(radius=radius, angle=angle, p=p, cross_section=cross_section)
    except ValueError as error:
        assert "radius" in str(error)
        return
    assert component.info["min_bend_radius"] >= 5.0 - 1e-6
    _assert_clean(component)


@SWEEP
@given(
    length=st.integers(1000, 200000).map(lambda n: n / 1000),
    width1=st.integers(75, 1500).map(lambda n: n / 500),
    width2=st.integers(75, 1500).map(lambda n: n / 500),
    cross_section=st.sampled_from(["strip", "rib"]),
)
def test_taper_sweep_is_clean_or_refused(length, width1, width2, cross_section):
    try:
        component = taper(length=length, width1=width1, width2=width2, cross_section=cross_section)
    except ValueError as error:
        assert "deg taper" in str(error)
        return
    _assert_clean(component)


def test_bend_info_carries_what_the_model_needs():
    bend = bend_euler(radius=10.0, angle=180.0)
    assert bend.info["length"] > 3.14159 * 10
    assert bend.info["min_bend_radius"] < 10.0
    assert bend.ports["o2"].orientation == 180.0
