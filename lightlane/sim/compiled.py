"""``compile``: a circuit analysed once, then evaluated for any wavelengths, settings or samples.

Compiling loads the netlist. The first evaluation for given model settings, varied parameters
and requested pairs makes a plan: the model call plan (:mod:`lightlane.sim.resolve`), the
symbolic reduction (:mod:`lightlane.sim.eliminate`) from the ports that the first chunk's
calls return, and its program (:mod:`lightlane.sim.program`). Every evaluation only calls the
models (once per distinct parameter set, per chunk) and runs the program, in chunks of
wavelengths and samples that bound memory.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.sim.assembly import Dangling
from lightlane.sim.eliminate import Exprs, eliminate
from lightlane.sim.errors import NetlistError
from lightlane.sim.graph import Block, reduce_tree
from lightlane.sim.models import Model, call_model, freeze, ports_of
from lightlane.sim.montecarlo import Deviation, Variation, draw, parse_variations
from lightlane.sim.netlist import FlatNetlist
from lightlane.sim.outputs import Pairs, check_pairs, gather, program_for, public, result_array
from lightlane.sim.program import NOMINAL, SAMPLED, Program
from lightlane.sim.resolve import Call, Resolved, resolve
from lightlane.sim.sparams import SParameters
from lightlane.sim.wavelength import as_wl

CHUNK_BYTES = 64 * 2**20
"""Working set of one chunk of samples (tables and scratch): large, since every chunk calls
every varied model once and a PDK model call costs a millisecond whatever its size."""
NOMINAL_CHUNK_BYTES = 4 * 2**20
"""Working set of one chunk of wavelengths without samples: small enough to stay in cache."""
FIRST_WL, FIRST_ELEMENTS = 1024, 2**16
"""The first chunk of a new plan (its calls give the ports the plan is made from)."""
MAX_PLANS = 16


@dataclass
class Plan:
    """Everything one (settings, varied parameters, pairs) key needs to evaluate."""

    resolved: Resolved
    keys: list[frozenset]
    ports: list[str]
    pairs: list[tuple[str, str]] | None
    program: Program
    outputs: tuple[tuple[np.ndarray, tuple[Any, ...]], ...]  # per table: slots, where
    dense: bool  # every entry of the result is an output (none is a structural zero)
    shell: SParameters  # ports and pairs, checked once: results are made like it


class CompiledCircuit:
    """A netlist with its models, ready to evaluate; call it like :func:`lightlane.simulate`."""

    def __init__(
        self,
        top: str,
        netlists: Mapping[str, FlatNetlist],
        models: Mapping[str, Model],
        dangling: Dangling = "error",
    ) -> None:
        if dangling not in ("error", "ignore"):
            raise ValueError(f"dangling must be 'error' or 'ignore', got {dangling!r}")
        self.top, self.netlists, self.models, self.dangling = top, netlists, models, dangling
        self._plans: dict[Any, Plan] = {}

    def resolve(self, settings: Mapping[str, Any], variations: tuple[Variation, ...]) -> Resolved:
        """The model call plan for these settings and varied parameters."""
        return resolve(self.top, self.netlists, self.models, settings, variations)

    def _plan(
        self, key: Any, resolved: Resolved, first: Mapping[int, Mapping], pairs: Pairs
    ) -> Plan:
        """Reduce the circuit symbolically from the ports the first chunk's calls returned."""
        exprs = Exprs()

        def leaf(cid: int) -> Block[int]:
            sampled = resolved.calls[cid].sampled
            keys = list(first[cid])
            return Block(ports_of(keys), {k: exprs.leaf(cid, k, sampled) for k in keys})

        def reduce_cell(edges: dict, internal: list[int]) -> dict:
            return eliminate(exprs, edges, internal)

        top = reduce_tree(resolved.root, _memo(leaf), reduce_cell, self.dangling)
        chosen = check_pairs(pairs, top.ports)
        program, outputs, dense = program_for(exprs, top, chosen)
        keys = [frozenset(first[cid]) for cid in range(len(resolved.calls))]
        shape = (1, len(top.ports), len(top.ports)) if chosen is None else (1, len(chosen))
        shell = SParameters(top.ports, [1.31], np.zeros(shape, complex), pairs=chosen)
        plan = Plan(resolved, keys, list(top.ports), chosen, program, outputs, dense, shell)
        if len(self._plans) >= MAX_PLANS:
            self._plans.pop(next(iter(self._plans)))
        self._plans[key] = plan
        return plan

    def __call__(
        self,
        wl: Any = 1.31,
        samples: int | None = None,
        variations: Mapping[str, Deviation] | None = None,
        chunk_size: int | None = None,
        *,
        seed: int | None = None,
        pairs: Pairs = None,
        workers: int | None = None,
        **settings: Any,
    ) -> SParameters:
        """S-parameters (see :func:`lightlane.simulate` for the arguments)."""
        request = validate_request(wl, samples, variations, chunk_size, workers)
        return self.evaluate(*request, chunk_size, seed, pairs, settings)

    def evaluate(
        self,
        wl: np.ndarray,
        parsed: tuple[Variation, ...],
        n: int,
        workers: int,
        chunk_size: int | None,
        seed: int | None,
        pairs: Pairs,
        settings: Mapping[str, Any],
    ) -> SParameters:
        """:meth:`__call__` on arguments :func:`validate_request` has checked."""
        if pairs is not None and not isinstance(pairs, list | tuple):
            pairs = list(pairs)  # a one-shot iterable is read once, for the key and the plan
        key = (freeze(dict(settings)), tuple(v.key for v in parsed), _pairs_key(pairs))
        plan = self._plans.get(key)
        stats = {"model_calls": 0, "planned": int(plan is None)}
        first: dict[int, Mapping] = {}
        w1 = min(wl.size, FIRST_WL)
        s1 = min(n, int(chunk_size or max(1, FIRST_ELEMENTS // w1)))
        if plan is None:  # the first chunk's calls give the ports to plan with
            resolved = self.resolve(settings, parsed)
            draws = draws_for(resolved.calls, parsed, n, seed)
            for cid, call in enumerate(resolved.calls):
                window = slice(0, s1) if call.sampled else None
                first[cid] = _call(call, cid, wl[:w1], window, draws, stats)
            plan = self._plan(key, resolved, first, pairs)
        else:
            draws = draws_for(plan.resolved.calls, parsed, n, seed)
        stats |= plan.resolved.stats
        prog = plan.program
        w_chunk, s_chunk = _chunks(prog, wl.size, n, chunk_size)
        res = result_array(plan, wl.size, n)
        pool = None
        try:
            for wsl in _slices(wl.size, w1 if first else w_chunk, w_chunk):
                head = bool(first) and wsl.start == 0
                nominal = prog.table(NOMINAL, 1, wsl.stop - wsl.start)
                self._fill(
                    plan, (nominal, nominal), wl[wsl], None, draws, stats, first if head else {}
                )
                prog.run((nominal, nominal), NOMINAL)
                gather(plan, nominal, res, slice(None), wsl, NOMINAL)
                if not prog.n_slots[SAMPLED]:
                    continue
                chunks = _slices(n, s1 if head else s_chunk, s_chunk)
                if head:
                    stats["model_calls"] += self._sampled(
                        plan, nominal, wl, wsl, chunks.pop(0), draws, res, first
                    )
                if len(chunks) > 1 and workers > 1 and pool is None:
                    pool = ThreadPoolExecutor(min(workers, len(chunks)))
                run = functools.partial(self._sampled, plan, nominal, wl, wsl, draws=draws, res=res)
                stats["model_calls"] += sum(pool.map(run, chunks) if pool else map(run, chunks))
        finally:
            if pool is not None:
                pool.shutdown()
        stats["products"] = prog.n_products
        return SParameters.trusted(plan.shell, wl, public(res, n), stats)

    def _sampled(
        self,
        plan: Plan,
        nominal: np.ndarray,
        wl: np.ndarray,
        wsl: slice,
        ssl: slice,
        draws: Mapping[tuple[int, int], np.ndarray],
        res: np.ndarray,
        given: Mapping[int, Mapping] | None = None,
    ) -> int:
        """One chunk of samples (any thread); returns its number of model calls."""
        tabs = (nominal, plan.program.table(SAMPLED, ssl.stop - ssl.start, wsl.stop - wsl.start))
        stats = {"model_calls": 0}
        self._fill(plan, tabs, wl[wsl], ssl, draws, stats, given or {})
        plan.program.run(tabs, SAMPLED)
        gather(plan, tabs[SAMPLED], res, ssl, wsl, SAMPLED)
        return stats["model_calls"]

    def _fill(
        self,
        plan: Plan,
        tabs: tuple[np.ndarray, np.ndarray],
        wl: np.ndarray,
        window: slice | None,
        draws: Mapping[tuple[int, int], np.ndarray],
        stats: dict[str, int],
        given: Mapping[int, Mapping],
    ) -> None:
        """Call the nominal (``window`` None) or the sampled models and fill their slots."""
        calls = plan.resolved.calls
        for cid, entries in plan.program.writers(tabs, NOMINAL if window is None else SAMPLED):
            call = calls[cid]
            sdict = given[cid] if cid in given else _call(call, cid, wl, window, draws, stats)
            if sdict.keys() != plan.keys[cid]:
                raise NetlistError(
                    f"{call.where}: model returned ports {sorted(sdict)} here but "
                    f"{sorted(plan.keys[cid])} before; its keys must not depend on wavelength "
                    "or sampled values"
                )
            try:
                for key, view in entries:
                    np.copyto(view, sdict[key], casting="unsafe")
            except ValueError as exc:
                shape = tabs[SAMPLED if window else NOMINAL].shape[1:]
                raise NetlistError(
                    f"{call.where}: model output does not broadcast to (samples, n_wl) = "
                    f"{shape}: {exc}"
                ) from None
        bad = plan.program.non_finite(tabs, NOMINAL if window is None else SAMPLED)
        if bad:
            cid, (a, b) = bad[0]
            raise NetlistError(
                f"{plan.resolved.calls[cid].where}: model returned NaN or infinity for "
                f"{a} -> {b}; check its parameters against their valid range"
            )


def _pairs_key(pairs: Pairs) -> Any:
    """A plan key for ``pairs`` (the common list of string 2-tuples without :func:`freeze`)."""
    if pairs is None:
        return None
    try:
        key = tuple(pairs)
        hash(key)
    except (TypeError, ValueError):  # not 2-tuples of hashables: check_pairs will say so
        return freeze(pairs)
    return key


def _call(
    call: Call,
    cid: int,
    wl: np.ndarray,
    window: slice | None,
    draws: Mapping[tuple[int, int], np.ndarray],
    stats: dict[str, int],
) -> Mapping:
    """One model call; a sampled call gets its draws of ``window``."""
    kwargs = call.kwargs
    if window is not None:
        kwargs = dict(kwargs)
        for k, varied in enumerate(call.varied):
            kwargs[varied.variation.param] = draws[cid, k][window]
    stats["model_calls"] += 1
    return call_model(call.model, wl, kwargs, call.where, check=False)  # _fill checks


def _slices(total: int, first: int, step: int) -> list[slice]:
    """``[0, first)`` then steps of ``step`` up to ``total``."""
    edges = [0, *range(min(first, total), total, step), total] if total else [0]
    return [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]


DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
"""Threads for chunks of samples: the machine's cores, at most 4 (numpy frees the GIL)."""


def _memo(leaf: Any) -> Any:
    cache: dict[int, Any] = {}

    def get(cid: int) -> Any:
        if cid not in cache:
            cache[cid] = leaf(cid)
        return cache[cid]

    return get


def _is_count(value: Any) -> bool:
    """An integer >= 1 (numpy integers too); 2.5 samples or True samples are not counts."""
    integral = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    return integral and value >= 1


def validate_request(
    wl: Any, samples: int | None, variations: Any, chunk_size: int | None, workers: int | None
) -> tuple[np.ndarray, tuple[Variation, ...], int, int]:
    """Refuse bad arguments before any work: wl, variations, samples (0: nominal), threads."""
    wl = as_wl(wl)
    parsed = parse_variations(variations)
    for name, value in (("samples", samples), ("chunk_size", chunk_size), ("workers", workers)):
        if value is not None and not _is_count(value):
            raise ValueError(f"{name}={value!r} must be >= 1 and a whole number")
    if samples is None and parsed:
        raise NetlistError("variations given without samples=N")
    threads = DEFAULT_WORKERS if workers is None else int(workers)
    return wl, parsed, 0 if samples is None else int(samples), threads


def draws_for(
    calls: Sequence[Call], variations: tuple[Variation, ...], n: int, seed: int | None
) -> dict[tuple[int, int], np.ndarray]:
    """All samples ``(n, 1)`` of every varied parameter, by (call, index in its list)."""
    current = {v.key: v for v in variations}
    return {
        (cid, k): draw(current[v.variation.key], v.path, v.nominal, n, seed)
        for cid, call in enumerate(calls)
        for k, v in enumerate(call.varied)
    }


def _chunks(program: Program, n_wl: int, n: int, chunk_size: int | None) -> tuple[int, int]:
    """Wavelengths and samples per chunk: ``chunk_size`` samples, else what fits the budget."""
    per_element = program.bytes_per_element() if n else 16 * (program.n_slots[NOMINAL] + 4)
    elements = max(1, (CHUNK_BYTES if n else NOMINAL_CHUNK_BYTES) // max(per_element, 1))
    if not n:
        return _even(n_wl, elements), 1
    samples = int(chunk_size) if chunk_size else _even(n, max(1, elements // n_wl))
    return _even(n_wl, max(1, elements // samples)), samples


def _even(total: int, most: int) -> int:
    """The chunk size that splits ``total`` into equal chunks of at most ``most``."""
    return -(-total // -(-total // max(most, 1))) if total else 1
