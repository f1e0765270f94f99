"""The model contract: how a compact model is bound to its cell.

A model is a plain numpy function ``model(wl, **params) -> SDict`` where ``wl`` is the wavelength
in um (any shape; results broadcast against it and against array-valued parameters, so Monte Carlo
samples are a leading axis) and the SDict maps ``(port_in, port_out)`` to complex amplitudes, the
sax convention. Parameters that describe geometry default to :data:`FROM_CELL`: when the caller
does not give them, the model builds its cell with the given cell settings and reads them from
the cell's settings and ``info``, so a model never holds a second copy of the cell's defaults.
A model accepts every parameter of its cell (they select the geometry) plus its own physical
parameters. The circuit solver passes each instance's ``{**settings, **info}`` itself (a
geometry value given as None counts as not given) and never builds cells.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["FROM_CELL", "SDict", "model", "reciprocal", "two_port"]

SDict = dict[tuple[str, str], np.ndarray]
DEFAULT_WL = 1.31


class _FromCell:
    def __repr__(self) -> str:
        return "FROM_CELL"


FROM_CELL: Any = _FromCell()


def model(
    cell: Callable[..., Any], figures: tuple[Callable[..., Any], ...] = ()
) -> Callable[[Callable[..., SDict]], Callable[..., SDict]]:
    """Bind a model to ``cell``: it must have the cell's name, and its geometry defaults to it.

    ``figures`` are the model's characterisation plots beyond its spectrum (transmission versus
    bias, electro-optic response...): callables ``figure(component) -> matplotlib Figure`` whose
    docstring's first line is the caption. The gallery and the docs show them.

    Raises ``TypeError`` at import time when the names differ or when a model parameter that
    defaults to ``FROM_CELL`` is neither a parameter of the cell nor a key the cell puts in info.
    """
    cell_params = set(inspect.signature(cell).parameters)

    def decorator(f: Callable[..., SDict]) -> Callable[..., SDict]:
        if f.__name__ != cell.__name__:
            raise TypeError(f"model {f.__name__!r} must share its cell's name {cell.__name__!r}")
        sig = inspect.signature(f)
        from_cell = [n for n, p in sig.parameters.items() if p.default is FROM_CELL]

        @functools.wraps(f)
        def wrapper(wl: Any = DEFAULT_WL, **params: Any) -> SDict:
            unknown = set(params) - set(sig.parameters) - cell_params
            if unknown:
                accepted = sorted((set(sig.parameters) | cell_params) - {"wl"})
                raise TypeError(
                    f"model {f.__name__!r} got unknown parameter(s) {sorted(unknown)}; "
                    f"it takes {accepted}"
                )
            missing = [n for n in from_cell if params.get(n) is None]
            if missing:
                settings = {k: v for k, v in params.items() if k in cell_params}
                component = cell(**settings)
                known = {**dict(component.settings), **dict(component.info)}
                for name in missing:
                    if known.get(name) is None:
                        raise TypeError(
                            f"model {f.__name__!r}: cell {cell.__name__!r} does not provide "
                            f"{name!r} in its settings or info"
                        )
                    params[name] = known[name]
            kwargs = {k: v for k, v in params.items() if k in sig.parameters}
            return f(np.asarray(wl, dtype=float), **kwargs)

        wrapper.is_lightlane_model = True  # type: ignore[attr-defined]
        wrapper.cell = cell  # type: ignore[attr-defined]
        wrapper.geometry_parameters = tuple(from_cell)  # type: ignore[attr-defined]
        wrapper.figures = tuple(figures)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def reciprocal(sdict: SDict) -> SDict:
    """Complete an SDict given one direction per port pair: S[b, a] = S[a, b]."""
    full = dict(sdict)
    for (a, b), value in sdict.items():
        full.setdefault((b, a), value)
    return full


def two_port(t: np.ndarray) -> SDict:
    """A reciprocal, reflection-free two-port with transmission ``t`` (o1 <-> o2)."""
    return {("o1", "o2"): t, ("o2", "o1"): t}
