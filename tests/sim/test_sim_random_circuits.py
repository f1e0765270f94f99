"""Random circuits (trees, loops, reflections): fast == reference, reciprocal, passive."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.sim import simulate
from simmodels import MODELS, assert_physical

KINDS = {"coupler": 4, "straight": 2, "reflector": 2, "mmi1x2": 3}


def random_netlist(seed: int) -> dict:
    """Random instances with all ports randomly paired; a few left as external ports."""
    rng = np.random.default_rng(seed)
    instances, ports = {}, []
    for i in range(rng.integers(3, 12)):
        kind = str(rng.choice(list(KINDS)))
        settings = {
            "coupler": {"kappa": float(rng.uniform(0.05, 0.95))},
            "straight": {
                "length": float(rng.uniform(5, 80)),
                "loss_db_cm": float(rng.uniform(1, 20)),
            },
            "reflector": {"r": float(rng.uniform(0.0, 0.9))},
            "mmi1x2": {},
        }[kind]
        instances[f"i{i}"] = {"component": kind, "settings": settings}
        ports += [f"i{i},o{p + 1}" for p in range(KINDS[kind])]
    ports = list(rng.permutation(ports))
    n_ext = int(rng.integers(1, min(5, len(ports)) + 1))
    n_ext += (len(ports) - n_ext) % 2  # leave an even number to pair up
    ext, internal = ports[:n_ext], ports[n_ext:]
    return {
        "instances": instances,
        "nets": [{"p1": a, "p2": b} for a, b in zip(internal[::2], internal[1::2], strict=True)],
        "ports": {f"e{k}": p for k, p in enumerate(ext)},
    }


@pytest.mark.parametrize("seed", range(40))
def test_fast_matches_reference(seed: int) -> None:
    net = random_netlist(seed)
    wl = np.linspace(1.29, 1.33, 23)
    fast = simulate(net, wl=wl, models=MODELS)
    ref = simulate(net, wl=wl, models=MODELS, solver="reference")
    assert fast.ports == ref.ports
    np.testing.assert_allclose(fast.s, ref.s, rtol=0, atol=1e-12)
    assert_physical(fast)
