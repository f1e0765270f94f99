"""Monte Carlo variations and yield.

A variation key is ``"<target>.<param>"`` where ``target`` is an instance name (at any
hierarchy level), an instance path ``"sub/inst"``, or a component (model) name; the value
is a standard deviation ``sigma`` (normal deviation added to the nominal value) or a
callable ``f(rng, shape) -> deviation`` added to the nominal value. Every matching
instance gets its *own* draws of shape ``(n_samples, 1)`` (broadcasting against ``wl``),
generated from ``(seed, instance path, param)`` so results do not depend on chunking or
on traversal order.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.sim.errors import NetlistError
from lightlane.sim.sparams import SParameters

Deviation = float | Callable[[np.random.Generator, tuple[int, ...]], Any]


@dataclass(frozen=True)
class Variation:
    """One parsed ``"target.param": sigma|callable`` entry."""

    key: str
    target: str
    param: str
    deviation: Deviation


def parse_variations(variations: Mapping[str, Deviation] | None) -> tuple[Variation, ...]:
    """Split keys into (target, param); raise :class:`NetlistError` on malformed keys."""
    out = []
    for key, dev in (variations or {}).items():
        target, _, param = key.rpartition(".")
        if not target or not param:
            raise NetlistError(f"variation key {key!r} must look like 'instance_or_model.param'")
        if not callable(dev) and not _is_sigma(dev):
            raise NetlistError(
                f"variation {key!r}: sigma={dev!r} must be a finite number >= 0 "
                "or a callable(rng, shape)"
            )
        out.append(Variation(key, target, param, dev))
    return tuple(out)


def _is_sigma(value: Any) -> bool:
    """A real, finite, non-negative number (a bool is not a standard deviation)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        return False
    return bool(np.isreal(value) and np.isfinite(value) and value >= 0)


def matches(var: Variation, path: tuple[str, ...], component: str) -> bool:
    """Does ``var`` apply to the instance at ``path`` (names from top) of ``component``?"""
    return var.target in (path[-1], "/".join(path), component)


def draw(
    var: Variation, path: tuple[str, ...], nominal: Any, n: int, seed: int | None
) -> np.ndarray:
    """All ``n`` sampled values ``(n, 1)`` of ``var.param`` for the instance at ``path``."""
    tag = zlib.crc32(f"{'/'.join(path)}.{var.param}".encode())
    rng = np.random.default_rng([0 if seed is None else int(seed), tag])
    shape = (n, 1)
    if callable(var.deviation):
        dev = np.broadcast_to(np.asarray(var.deviation(rng, shape), dtype=float), shape)
    else:
        dev = float(var.deviation) * rng.standard_normal(shape)
    return np.asarray(nominal, dtype=float) + dev


Spec = Callable[[SParameters], bool] | Mapping[tuple[str, str], Mapping[str, Any]]


def _dict_pass(sp: SParameters, spec: Mapping[tuple[str, str], Mapping[str, Any]]) -> np.ndarray:
    """Vectorised check of ``{(out, in): {"min_db", "max_db", "wl_range"}}`` per sample."""
    ok = np.ones(sp.s.shape[:-3], dtype=bool)
    for (out, inp), rule in spec.items():
        lo, hi = rule.get("wl_range", (-np.inf, np.inf))
        band = (sp.wl >= lo) & (sp.wl <= hi)
        if not band.any():
            raise ValueError(f"wl_range {(lo, hi)} µm selects no simulated wavelength")
        trace = sp.db(out, inp)[..., band]
        if "min_db" in rule:
            ok &= trace.min(axis=-1) >= rule["min_db"]
        if "max_db" in rule:
            ok &= trace.max(axis=-1) <= rule["max_db"]
    return ok


def yield_fraction(sparams: SParameters, spec: Spec) -> float:
    """Fraction of Monte Carlo samples meeting ``spec`` (a nominal result counts as 1 sample).

    ``spec`` is either ``callable(SParameters_of_one_sample) -> bool`` or a dict
    ``{(out, in): {"min_db": -3, "max_db": 0, "wl_range": (1.304, 1.3175)}}`` (dB, µm).
    """
    if not callable(spec):
        return float(np.mean(_dict_pass(sparams, spec)))
    if sparams.n_samples is None:
        return float(bool(spec(sparams)))
    return float(np.mean([bool(spec(sparams.sample(i))) for i in range(sparams.n_samples)]))
