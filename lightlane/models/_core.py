"""The model contract: a compact model is a pure function of the wavelength and its geometry.

A model is a plain numpy function ``model(wl, *, <geometry>, <physics>) -> SDict``: ``wl`` the
wavelength in um (any shape; results broadcast against it and against array-valued parameters,
so Monte Carlo samples are a leading axis), the SDict mapping ``(port_in, port_out)`` to complex
amplitudes, the sax convention. Geometry parameters are keyword-only without defaults, named
like the cell's settings and ``info`` keys; physical parameters (losses, perturbations, bias)
have defaults. A model builds nothing and imports no gdsfactory: the binding that fills its
geometry from a cell (:mod:`lightlane.registry`) lives above both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from lightlane.signatures import accepted, required_keywords

__all__ = [
    "SDict",
    "amplitude_of_loss_db",
    "array_namespace",
    "call_with",
    "geometry_of",
    "geometry_parameters",
    "model",
    "reciprocal",
    "sdict_from",
    "two_port",
]

SDict = dict[tuple[str, str], np.ndarray]


def model(
    figures: tuple[Callable[..., Any], ...] = (),
    circuit: bool = False,
) -> Callable[[Callable[..., SDict]], Callable[..., SDict]]:
    """Mark a function as the model of the cell of the same name.

    ``figures`` are its characterisation plots beyond its spectrum (transmission versus bias,
    electro-optic response...): callables ``figure(component) -> matplotlib Figure`` whose
    docstring's first line is the caption. The gallery and the docs show them.

    ``circuit=True`` marks the closed form of a composite cell (one drawn from instances: an
    MZI, a ring, a lattice filter). Its netlist is its model, as gdsfactory and sax expect: sax
    builds nothing for a top cell that has a model of its own. The closed form is kept beside
    the PDK's models (:func:`lightlane.registry.closed_forms`) and checked against the netlist.
    """

    def mark(f: Callable[..., SDict]) -> Callable[..., SDict]:
        f.is_lightlane_model = True  # type: ignore[attr-defined]
        f.figures = tuple(figures)  # type: ignore[attr-defined]
        f.is_circuit = circuit  # type: ignore[attr-defined]
        return f

    return mark


def geometry_parameters(f: Callable[..., Any]) -> tuple[str, ...]:
    """The geometry a model needs: its keyword-only parameters without a default."""
    return required_keywords(f)


def geometry_of(component: Any) -> dict[str, Any]:
    """A built cell's geometry as its model reads it: its settings and its info, merged."""
    return {**dict(component.settings), **dict(component.info)}


def call_with(f: Callable[..., SDict], wl: Any, geometry: dict, **physics: Any) -> SDict:
    """A part's model with its stored geometry (only the keys that model takes)."""
    return f(wl, **accepted(f, geometry, physics))


def array_namespace(*values: Any) -> Any:
    """The array module of the inputs: ``jax.numpy`` when any is a jax array or tracer (so
    that models run under ``jax.jit`` and ``jax.grad``), numpy otherwise. jax is never
    imported here unless the caller already passes its arrays."""
    for value in values:
        if type(value).__module__.startswith(("jax", "jaxlib")):
            import jax.numpy as jnp

            return jnp
    return np


def amplitude_of_loss_db(loss_db: float | np.ndarray) -> np.ndarray:
    """Field amplitude of a power loss in dB: ``10^(-loss/20)``."""
    return 10 ** (-np.asarray(loss_db) / 20)


def sdict_from(ports: Iterable[str], entries: dict[tuple[str, str], np.ndarray]) -> SDict:
    """A full, reciprocal SDict over ``ports``: every pair present, zero where not given.

    ``entries`` gives one direction per pair; all arrays are broadcast to one shape (Monte Carlo
    axes leading), so every value has the same shape.
    """
    ports = list(ports)
    xp = array_namespace(*entries.values())
    shape = np.broadcast_shapes(*(np.shape(v) for v in entries.values()))
    full = {(a, b): xp.zeros(shape, dtype=complex) for a in ports for b in ports}
    for (a, b), value in entries.items():
        full[a, b] = full[b, a] = xp.broadcast_to(xp.asarray(value), shape).astype(complex)
    return full


def reciprocal(sdict: SDict) -> SDict:
    """Complete an SDict given one direction per port pair: S[b, a] = S[a, b]."""
    full = dict(sdict)
    for (a, b), value in sdict.items():
        full.setdefault((b, a), value)
    return full


def two_port(t: np.ndarray) -> SDict:
    """A reciprocal, reflection-free two-port with transmission ``t`` (o1 <-> o2)."""
    return {("o1", "o2"): t, ("o2", "o1"): t}
