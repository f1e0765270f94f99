"""Hypothesis over every registered cell's parameters (issue 13: bounded inputs).

Inside the documented bounds (each numeric parameter drawn between half and twice its default,
each switch either way) a cell builds DRC-clean or refuses with a ValueError naming a
parameter. Outside them (NaN, infinities, huge or negative numbers, a bool for a number, a
string for a number or a switch) it refuses before drawing anything.
"""

from __future__ import annotations

import inspect

import gdsfactory as gf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_checks import drc_problems
from lightlane.registry import get_pdk

CELLS = get_pdk().cells
# The engines' largest parts take seconds of DRC each: their drawing is covered by the harness.
HEAVY = {"cwdm4_demux", "cwdm4_mux", "mzm_traveling_wave", "fibre_array"}
BAD_NUMBERS = [float("nan"), float("inf"), float("-inf"), 1e15, -1e15, True, "abc"]
BAD_FLAGS = ["yes", 1, None]
FUZZ = settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _parameters(name: str) -> dict:
    """Keyword parameters with a number or a bool default (the ones a number can go wrong in)."""
    params = inspect.signature(CELLS[name]).parameters
    return {
        k: p.default
        for k, p in params.items()
        if isinstance(p.default, bool) or _is_number(p.default)
    }


def _inside(default):
    if isinstance(default, bool):
        return st.booleans()
    if isinstance(default, int):
        return st.integers(max(0, default // 2), max(1, 2 * default))
    if default == 0:
        return st.just(0.0)
    low, high = sorted((default / 2, default * 2))
    return st.integers(round(low * 500), round(high * 500)).map(lambda n: n / 500)


@pytest.mark.parametrize("name", sorted(set(CELLS) - HEAVY))
@FUZZ
@given(data=st.data())
def test_inside_the_bounds_builds_clean_or_is_refused_naming_a_parameter(name, data):
    params = _parameters(name)
    kwargs = {k: data.draw(_inside(d), label=k) for k, d in params.items()}
    try:
        component = CELLS[name](**kwargs)
    except ValueError as error:
        assert any(f"{k}" in str(error) for k in inspect.signature(CELLS[name]).parameters), (
            f"{name}({kwargs}) refused without naming a parameter: {error}"
        )
        return
    assert drc_problems(component) == [], f"{name}({kwargs}) is not DRC-clean"


def _cases():
    for name in sorted(CELLS):
        for parameter, default in _parameters(name).items():
            bad = BAD_FLAGS if isinstance(default, bool) else BAD_NUMBERS
            yield name, parameter, bad


@pytest.mark.parametrize(("name", "parameter", "bad"), list(_cases()))
def test_outside_the_bounds_is_refused_before_drawing(name, parameter, bad):
    for value in bad:
        before = gf.kcl.layout.cells()
        with pytest.raises(ValueError) as error:
            CELLS[name](**{parameter: value})
        assert parameter.split("[")[0] in str(error.value), (
            f"{name}({parameter}={value!r}): {error.value}"
        )
        assert gf.kcl.layout.cells() == before, f"{name}({parameter}={value!r}) drew a cell first"


@pytest.mark.parametrize(
    ("name", "kwargs", "words"),
    [
        ("straight", {"length": 1e12}, ["length=1e+12", "33000"]),
        ("bend_euler", {"radius": 1e12}, ["radius=1e+12", "8250"]),
        ("pad_row", {"count": 1_000_000}, ["count=1000000", "611"]),
        ("grating_coupler", {"n_periods": 1_000_000}, ["n_periods=1000000", "200"]),
        ("fibre_array", {"n": 100_000}, ["n=100000", "64"]),
        ("spiral_delay", {"length": 1e9}, ["length=1e+09"]),
    ],
)
def test_issue_13_reproductions_are_refused_at_once(name, kwargs, words):
    with pytest.raises(ValueError) as error:
        CELLS[name](**kwargs)
    for word in words:
        assert word in str(error.value)


@FUZZ
@given(
    fibre_angle=st.integers(1, 30),
    fill_factor=st.integers(20, 80).map(lambda n: n / 100),
    sector_angle=st.integers(10, 40),
    taper_length=st.integers(1, 40).map(float),
    n_periods=st.integers(1, 30),
    cross_section=st.sampled_from(["strip", "strip_c"]),
)
def test_grating_coupler_is_clean_or_refused(
    fibre_angle, fill_factor, sector_angle, taper_length, n_periods, cross_section
):
    """The sweep that found trenches 0.148 um apart at the fan edges and o2 off the WG."""
    from layout_checks import port_edge_problem

    try:
        c = CELLS["grating_coupler"](
            fibre_angle=fibre_angle,
            fill_factor=fill_factor,
            sector_angle=sector_angle,
            taper_length=taper_length,
            n_periods=n_periods,
            cross_section=cross_section,
            wavelength=1.55 if cross_section == "strip_c" else 1.31,
        )
    except ValueError as error:
        assert any(k in str(error) for k in ("fill_factor", "taper_length", "period"))
        return
    assert [p for p in (port_edge_problem(c, q) for q in c.ports) if p] == []
    assert drc_problems(c) == []


def test_the_reported_grating_coupler_corner_is_refused():
    with pytest.raises(ValueError, match="taper_length"):
        CELLS["grating_coupler"](
            cross_section="strip_c", fibre_angle=2, fill_factor=0.33, sector_angle=10,
            taper_length=3.0, wavelength=1.55,
        )  # fmt: skip
    with pytest.raises(ValueError, match="fan's edge"):
        CELLS["grating_coupler"](fill_factor=0.24, sector_angle=40, fibre_angle=30)
