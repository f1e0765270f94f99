"""Circuit solver: S-parameters of photonic netlists with numpy (no JAX at runtime).

>>> from lightlane.sim import compile, simulate
>>> sp = simulate(netlist, wl="1.26:1.36:1001", models=models)  # doctest: +SKIP
>>> sp.db("o2", "o1")  # doctest: +SKIP
>>> run = compile(netlist, models=models)  # doctest: +SKIP
>>> mc = run(wl=wl, samples=1000, variations={"straight.neff": 1e-3})  # doctest: +SKIP
"""

from __future__ import annotations

from lightlane.sim.compiled import CompiledCircuit
from lightlane.sim.errors import DanglingPortError, MissingModelError, NetlistError, PortError
from lightlane.sim.montecarlo import yield_fraction
from lightlane.sim.simulate import compile, simulate
from lightlane.sim.sparams import SParameters
from lightlane.sim.wavelength import parse_wl

__all__ = [
    "CompiledCircuit",
    "DanglingPortError",
    "MissingModelError",
    "NetlistError",
    "PortError",
    "SParameters",
    "compile",
    "parse_wl",
    "simulate",
    "yield_fraction",
]
