"""Sweep specs are refused whole before any work; tasks draw from seeds by task index."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.sweeps import SpecError, expand, load_spec
from lightlane.sweeps.tasks import task_seed_sequence


def spec(**changes: object) -> dict:
    base = {
        "sweep": "monte_carlo",
        "seed": 11,
        "samples": 6,
        "target": {"cell": "straight", "wl": "1.30:1.32:5"},
        "parameters": {"dn_eff": {"normal": {"mean": 0.0, "sigma": 1e-3}}, "length": 20.0},
        "figures": ["transmission"],
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"sweep": "random"}, r"sweep='random' is not valid; choose one of: monte_carlo"),
        ({"samples": 0}, r"samples=0 must be an integer in \[1, 1000000\]"),
        ({"samples": 2_000_000}, r"samples=2000000 must be an integer in \[1, 1000000\]"),
        ({"seed": -1}, r"seed=-1 must be an integer >= 0"),
        ({"target": {"cell": "a", "engine": "b"}}, r"target: .* exactly one of: engine, cell"),
        ({"figures": []}, r"figures=\[\] must be a non-empty list"),
        ({"parameters": {"x": {"normal": {"mean": 0, "sigma": -1}}}}, r"sigma=-1.0 is below"),
        ({"parameters": {"x": {"uniform": {"low": 2, "high": 1}}}}, r"low=2.0 must be below"),
        ({"parameters": {"x": {"gamma": {"k": 1}}}}, r"distribution 'gamma' is unknown"),
        ({"parameters": {"x": [1, 2]}}, r"parameters.x: a list of values needs sweep: grid"),
        ({"extra": 1}, r"unknown entries \['extra'\]"),
    ],
)
def test_refusals_name_the_entry_and_the_limit(changes: dict, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        load_spec(spec(**changes))


def test_grid_size_is_limited() -> None:
    big = {"a": list(range(1001)), "b": list(range(1001))}
    with pytest.raises(SpecError, match="1002001 points, above the limit 1000000"):
        load_spec(spec(sweep="grid", parameters=big))


def test_task_seeds_come_from_the_task_index() -> None:
    tasks = expand(load_spec(spec()))
    again = expand(load_spec(spec()))
    assert [t.params for t in tasks] == [t.params for t in again]
    children = np.random.SeedSequence(11).spawn(6)
    for task, child in zip(tasks, children, strict=True):
        assert task_seed_sequence(11, task.index).generate_state(2).tolist() == (
            child.generate_state(2).tolist()
        )
        assert task.params["length"] == 20.0
    draws = [t.params["dn_eff"] for t in tasks]
    assert len(set(draws)) == 6 and abs(np.mean(draws)) < 2e-3
    assert expand(load_spec(spec(seed=12)))[0].params != tasks[0].params
    # fewer samples: the first tasks keep their draws (a task's seed is its own)
    assert [t.params for t in expand(load_spec(spec(samples=3)))] == [t.params for t in tasks[:3]]


def test_grid_and_corners_points() -> None:
    grid = expand(load_spec(spec(sweep="grid", parameters={"a": [1, 2], "b": [3.0, 4.0, 5.0]})))
    assert [(t.params["a"], t.params["b"]) for t in grid] == [
        (a, b) for a in (1, 2) for b in (3.0, 4.0, 5.0)
    ]
    corners = {"slow": {"dn_eff": -2e-3}, "fast": {"dn_eff": 2e-3}}
    points = expand(load_spec(spec(sweep="corners", parameters={"length": 5.0}, corners=corners)))
    assert [(t.label, t.params) for t in points] == [
        ("slow", {"length": 5.0, "dn_eff": -2e-3}),
        ("fast", {"length": 5.0, "dn_eff": 2e-3}),
    ]


def test_yaml_errors_are_one_line(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sweep: [unclosed\n")
    with pytest.raises(SpecError, match="not valid YAML"):
        load_spec(bad)
    with pytest.raises(SpecError, match="cannot read"):
        load_spec(tmp_path / "missing.yaml")
