"""Circuit solver: S-parameters of photonic netlists with numpy (no JAX at runtime).

>>> from lightlane.sim import simulate
>>> sp = simulate(netlist, wl="1.26:1.36:1001", models=models)  # doctest: +SKIP
>>> sp.db("o2", "o1")  # doctest: +SKIP
"""

from __future__ import annotations

from lightlane.sim.errors import DanglingPortError, MissingModelError, NetlistError, PortError
from lightlane.sim.montecarlo import yield_fraction
from lightlane.sim.simulate import simulate
from lightlane.sim.sparams import SParameters
from lightlane.sim.wavelength import parse_wl

__all__ = [
    "DanglingPortError",
    "MissingModelError",
    "NetlistError",
    "PortError",
    "SParameters",
    "parse_wl",
    "simulate",
    "yield_fraction",
]
