"""Calling user models: which parameters an instance's model gets, and its SDict.

Model contract (sax-compatible): ``model(wl=<ndarray µm>, **params) -> {(p_in, p_out): S}``
where ``S`` broadcasts against ``wl`` (and a leading Monte Carlo sample axis); missing pairs
are zero, and the keys a model returns do not depend on ``wl`` or on sampled values. Keys
follow sax: the pair ``(a, b)`` is the transmission *from* ``a`` *to* ``b``. A sax ``SDense``
tuple ``(array, {port: index})`` (row = output) is accepted as well. Nothing is symmetrised:
non-reciprocal models stay non-reciprocal. Models are pointwise in ``wl``: the solver
evaluates them on chunks of the wavelength grid.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.sim.errors import NetlistError
from lightlane.sim.netlist import Instance

Model = Callable[..., Any]


@dataclass(frozen=True)
class Signature:
    """The keyword parameters a model accepts (``names is None``: it takes ``**kwargs``)."""

    names: frozenset[str] | None
    defaults: Mapping[str, Any]
    sax_settings: bool = False


def model_signature(model: Model) -> Signature:
    """Inspect ``model`` once; ``wl`` is always passed separately.

    A model with ``sax_settings = True`` (the PDK's, bound to their cells) takes what sax
    passes it (:func:`model_kwargs`).
    """
    sax_settings = bool(getattr(model, "sax_settings", False))
    try:
        params = inspect.signature(model).parameters.values()
    except (TypeError, ValueError):  # builtins / C callables: pass everything
        return Signature(names=None, defaults={}, sax_settings=sax_settings)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        names = None
    else:
        names = frozenset(p.name for p in params if p.name != "wl")
    defaults = {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}
    return Signature(names=names, defaults=defaults, sax_settings=sax_settings)


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
    if isinstance(value, (str, int, float)):  # the common leaves first (Mapping checks are slow)
        return value
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


def model_kwargs(sig: Signature, settings: Mapping[str, Any], instance: Instance) -> dict[str, Any]:
    """The parameters the solver passes one instance's model: the only place that decides it.

    A model with ``sax_settings`` gets them as sax gives them: the instance's settings updated
    by its info, for the names in the model's signature (the PDK's models leave the geometry
    their cell derives out of it: gdsfactory rounds info to 3 digits by default).
    """
    if sig.sax_settings:
        return select_kwargs(sig, settings, instance.settings, instance.info)
    return select_kwargs(sig, settings, instance.info, instance.settings)


def ports_of(keys: Iterable[tuple[str, str]]) -> list[str]:
    """Ports in order of first appearance in the SDict keys."""
    seen: dict[str, None] = {}
    for a, b in keys:
        seen.setdefault(a)
        seen.setdefault(b)
    return list(seen)


def sdict_of(result: Any, where: str) -> Mapping[tuple[str, str], Any]:
    """A model result as an SDict ``{(in, out): value}``; a sax SDense gives every pair."""
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], Mapping):
        arr, port_map = result  # sax SDense: row = output port, like ours
        dense = np.asarray(arr)
        return {(a, b): dense[..., j, i] for a, i in port_map.items() for b, j in port_map.items()}
    if not isinstance(result, Mapping):
        raise NetlistError(f"{where}: model returned {type(result).__name__}, expected an SDict")
    return result


def call_model(
    model: Model, wl: np.ndarray, kwargs: Mapping[str, Any], where: str, check: bool = True
) -> Mapping[tuple[str, str], Any]:
    """Evaluate ``model`` at wavelengths ``wl`` (µm) and return its SDict.

    ``check=False`` leaves the NaN / infinity check to the caller (the compiled solver checks
    the entries it uses in one pass over its table, :func:`check_finite` names the culprit).
    """
    try:
        result = model(wl=wl, **kwargs)
    except NetlistError:
        raise
    except Exception as exc:  # say which instance failed, keep the original cause
        raise NetlistError(f"{where}: model raised {type(exc).__name__}: {exc}") from exc
    sdict = sdict_of(result, where)
    if check:
        check_finite(sdict, where)
    return sdict


def check_finite(sdict: Mapping[tuple[str, str], Any], where: str) -> None:
    """A NaN or infinity from a model would spread through the whole circuit: name it here."""
    for (a, b), value in sdict.items():
        if not np.all(np.isfinite(np.asarray(value))):
            raise NetlistError(
                f"{where}: model returned NaN or infinity for {a} -> {b}; "
                "check its parameters against their valid range"
            )
