"""The solver's inputs of issue 13: counts that are not counts, sigmas that are not standard
deviations, a model that returns NaN and an instance without a component are refused, naming
what is wrong; wavelength specs are bounded before any array is made."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.sim import NetlistError, parse_wl, simulate
from lightlane.sim.wavelength import MAX_POINTS
from simmodels import MODELS, mzi_netlist


@pytest.mark.parametrize("samples", [2.5, True, 0, -3, "4"])
def test_samples_must_be_a_whole_number(samples):
    with pytest.raises(ValueError, match=f"samples={samples!r} must be >= 1 and a whole number"):
        simulate(mzi_netlist(), wl=1.31, models=MODELS, samples=samples)


def test_numpy_integers_are_counts():
    sp = simulate(mzi_netlist(), wl=1.31, models=MODELS, samples=np.int64(3), seed=1)
    assert sp.n_samples == 3


@pytest.mark.parametrize("sigma", [float("nan"), -0.1, float("inf"), True, 1j])
def test_sigma_must_be_finite_and_not_negative(sigma):
    with pytest.raises(NetlistError, match="must be a finite number >= 0"):
        simulate(
            mzi_netlist(), wl=1.31, models=MODELS, samples=2, variations={"coupler.kappa": sigma}
        )


def test_a_model_returning_nan_is_named():
    def broken(wl=1.31, length=10.0, neff=2.4, ng=4.2, loss_db_cm=0.0):
        t = np.full(np.shape(wl), np.nan, dtype=complex)
        return {("o1", "o2"): t, ("o2", "o1"): t}

    with pytest.raises(NetlistError, match=r"component 'straight'.*NaN or infinity"):
        simulate(mzi_netlist(), wl=[1.3, 1.31], models={**MODELS, "straight": broken})


def test_an_instance_without_a_component_is_a_netlist_error():
    net = mzi_netlist()
    name = next(iter(net["instances"]))
    net["instances"][name] = {"settings": {}}
    with pytest.raises(NetlistError, match=f"instance {name!r} has no 'component'"):
        simulate(net, wl=1.31, models=MODELS)


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        (f"1.26:1.36:{MAX_POINTS + 1}", "points"),
        ("1.26:1.36:0", "points"),
        ("0:1.3:5", "outside"),
        ("1.3:inf:5", "outside"),
        ("nan", "outside"),
        ("1.3:1.31", "cannot parse"),
    ],
)
def test_wavelength_specs_are_bounded(spec, match):
    with pytest.raises(ValueError, match=match):
        parse_wl(spec)


def test_wavelength_arrays_must_be_finite_and_positive():
    with pytest.raises(ValueError, match="outside"):
        simulate(mzi_netlist(), wl=[1.3, np.nan], models=MODELS)
