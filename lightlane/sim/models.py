"""Calling user models and turning their SDicts into dense S blocks.

Model contract (sax-compatible): ``model(wl=<ndarray µm>, **params) -> {(p_in, p_out): S}``
where ``S`` broadcasts against ``wl``; missing pairs are zero. Keys follow sax: the pair
``(a, b)`` is the transmission *from* ``a`` *to* ``b``, stored in the dense block at
``[..., b, a]`` (row = output). A sax ``SDense`` tuple ``(array, {port: index})`` (same
row = output convention) is accepted as well. Nothing is symmetrised: non-reciprocal models
stay non-reciprocal.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.sim.errors import NetlistError

Model = Callable[..., Any]


@dataclass(frozen=True)
class Signature:
    """The keyword parameters a model accepts (``names is None``: it takes ``**kwargs``)."""

    names: frozenset[str] | None
    defaults: Mapping[str, Any]


def model_signature(model: Model) -> Signature:
    """Inspect ``model`` once; ``wl`` is always passed separately."""
    try:
        params = inspect.signature(model).parameters.values()
    except (TypeError, ValueError):  # builtins / C callables: pass everything
        return Signature(names=None, defaults={})
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        names = None
    else:
        names = frozenset(p.name for p in params if p.name != "wl")
    defaults = {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}
    return Signature(names=names, defaults=defaults)


def select_kwargs(sig: Signature, *sources: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``sources`` (later wins), drop ``None`` and keep what the model accepts."""
    merged: dict[str, Any] = {}
    for src in sources:
        merged.update({k: v for k, v in src.items() if v is not None and k != "wl"})
    if sig.names is None:
        return merged
    return {k: v for k, v in merged.items() if k in sig.names}


def freeze(value: Any) -> Any:
    """A hashable, value-based key for settings (dicts, lists and arrays included)."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, np.ndarray):
        return ("ndarray", value.shape, value.dtype.str, value.tobytes())
    try:
        hash(value)
    except TypeError:
        return ("repr", repr(value))
    return value


def _ports_of(keys: list[tuple[str, str]]) -> list[str]:
    """Ports in order of first appearance in the SDict keys."""
    seen: dict[str, None] = {}
    for a, b in keys:
        seen.setdefault(a)
        seen.setdefault(b)
    return list(seen)


def to_dense(result: Any, n_wl: int, where: str) -> tuple[list[str], np.ndarray]:
    """Convert a model result to ``(ports, S)`` with ``S`` of shape ``(..., n_wl, p, p)``."""
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], Mapping):
        arr, port_map = result  # sax SDense: row = output port, like ours
        ports = sorted(port_map, key=port_map.__getitem__)
        dense = np.asarray(arr, dtype=complex)
        if dense.ndim == 2:  # wavelength-independent
            dense = np.broadcast_to(dense, (n_wl, *dense.shape))
        _check_finite(dense, ports, where)
        return ports, dense
    if not isinstance(result, Mapping):
        raise NetlistError(f"{where}: model returned {type(result).__name__}, expected an SDict")
    if not result:  # a cell without optical ports (pads, via stacks)
        return [], np.zeros((n_wl, 0, 0), dtype=complex)
    keys = list(result)
    ports = _ports_of(keys)
    index = {p: i for i, p in enumerate(ports)}
    values = [np.asarray(result[k], dtype=complex) for k in keys]
    batch = np.broadcast_shapes(*(v.shape for v in values), (n_wl,))
    if batch[-1] != n_wl:
        raise NetlistError(f"{where}: model output shape {batch} does not end in n_wl={n_wl}")
    rows = np.array([index[b] for _, b in keys])  # output port = row
    cols = np.array([index[a] for a, _ in keys])
    dense = np.zeros((*batch, len(ports), len(ports)), dtype=complex)
    dense[..., rows, cols] = np.stack([np.broadcast_to(v, batch) for v in values], axis=-1)
    _check_finite(dense, ports, where)
    return ports, dense


def _check_finite(dense: np.ndarray, ports: list[str], where: str) -> None:
    """A NaN or infinity from a model would spread through the whole circuit: name it here."""
    bad = ~np.isfinite(dense)
    if bad.any():
        *_, row, col = (int(i[0]) for i in np.nonzero(bad))
        raise NetlistError(
            f"{where}: model returned NaN or infinity for {ports[col]} -> {ports[row]}; "
            "check its parameters against their valid range"
        )


def call_model(
    model: Model, wl: np.ndarray, kwargs: Mapping[str, Any], where: str
) -> tuple[list[str], np.ndarray]:
    """Evaluate ``model`` at wavelengths ``wl`` (µm) and return its dense block."""
    try:
        result = model(wl=wl, **kwargs)
    except NetlistError:
        raise
    except Exception as exc:  # say which instance failed, keep the original cause
        raise NetlistError(f"{where}: model raised {type(exc).__name__}: {exc}") from exc
    return to_dense(result, wl.shape[-1], where)
