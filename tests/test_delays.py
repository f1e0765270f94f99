"""The delay spiral_delay: exact length, clean geometry or a clear refusal, and its model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lightlane.models.delays
from bound_models import bound
from layout_checks import assert_refused_before_drawing, drc_problems, port_edge_problem
from lightlane.components.delays import spiral_delay
from lightlane.physics.modes import group_index

models = bound(lightlane.models.delays)

SWEEP = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("length", [1549.3, 2000.0, 3333.3337, 10_000.0])
def test_spiral_achieves_the_requested_length_within_a_nanometre(length):
    component = spiral_delay(length=length)
    assert abs(component.info["length"] - length) < 1e-3
    ports = component.ports
    assert ports["o1"].orientation == 180 and ports["o2"].orientation == 0
    box = component.dbbox()
    assert ports["o1"].x == pytest.approx(box.left) and ports["o2"].x == pytest.approx(box.right)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"length": 1000.0}, ["length=1000", "shorter", "length >= 1549.277"]),
        ({"n_loops": 0}, ["n_loops=0"]),
        ({"pitch": 0.5}, ["pitch=0.5", "WG.S.1", "pitch >= 0.55"]),
        ({"pitch": 3.0, "cross_section": "rib", "length": 5000.0}, ["SLAB90.S.1", "6.3"]),
        ({"radius": 6.0}, ["radius=6", "XS.R.strip", "radius >="]),
        ({"length": -5.0}, ["length=-5"]),
    ],
)
def test_bad_parameters_raise_before_any_geometry(kwargs, words):
    assert_refused_before_drawing(spiral_delay, kwargs, words)


@SWEEP
@given(
    length=st.integers(200_000, 6_000_000).map(lambda n: n / 1000),
    n_loops=st.integers(1, 6),
    pitch=st.integers(550, 8000).map(lambda n: n / 1000),
    radius=st.integers(5, 30).map(float),
    cross_section=st.sampled_from(["strip", "strip_c", "rib"]),
)
def test_spiral_sweep_is_clean_or_refused(length, n_loops, pitch, radius, cross_section):
    try:
        component = spiral_delay(
            length=length, n_loops=n_loops, pitch=pitch, radius=radius, cross_section=cross_section
        )
    except ValueError as error:
        assert any(w in str(error) for w in ("length >=", "pitch >=", "radius >="))
        return
    assert abs(component.info["length"] - length) < 1e-3
    assert [p for p in (port_edge_problem(component, q) for q in component.ports) if p] == []
    assert drc_problems(component) == []


def test_spiral_model_loss_and_delay():
    wl = np.linspace(1.30, 1.32, 2001)  # 10 pm steps: the phase of 1 cm is sampled unaliased
    length = 10_000.0
    s = models.spiral_delay(wl, length=length)[("o2", "o1")]
    n_bends = spiral_delay(length=length).info["n_bends"]
    np.testing.assert_allclose(-20 * np.log10(np.abs(s)), 2.0 + 0.005 * n_bends, rtol=1e-9)
    ng = -np.gradient(np.unwrap(np.angle(s)), 1 / wl) / (2 * np.pi * length)
    np.testing.assert_allclose(ng[10:-10], group_index(wl, 0.4)[10:-10], rtol=2e-3)
