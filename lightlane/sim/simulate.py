"""``simulate``: hierarchical S-matrix of a gdsfactory Component or netlist dict."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from lightlane.sim.assembly import Dangling, Topology, build_topology
from lightlane.sim.eliminate import fast_solve_pf, from_ports_first, to_ports_first
from lightlane.sim.errors import MissingModelError, NetlistError
from lightlane.sim.models import (
    Model,
    Signature,
    call_model,
    freeze,
    model_signature,
    select_kwargs,
)
from lightlane.sim.montecarlo import Deviation, Variation, draw, matches, parse_variations
from lightlane.sim.netlist import FlatNetlist, Instance, load_netlists
from lightlane.sim.solve import reference_solve
from lightlane.sim.sparams import SParameters
from lightlane.sim.wavelength import as_wl

Solver = Literal["fast", "reference"]
Block = tuple[list[str], np.ndarray]


@dataclass
class _Context:
    """Everything one ``simulate`` call shares across cells, instances and chunks."""

    netlists: Mapping[str, FlatNetlist]
    models: Mapping[str, Model]
    wl: np.ndarray
    settings: Mapping[str, Any]
    dangling: Dangling
    solve: Callable[..., np.ndarray]
    internal: Callable[[np.ndarray], np.ndarray]  # model block -> solver layout
    public: Callable[[np.ndarray], np.ndarray]  # solver layout -> (..., n_wl, p, p)
    variations: tuple[Variation, ...] = ()
    n_samples: int = 0
    seed: int | None = None
    window: slice = field(default_factory=lambda: slice(None))
    active: list[str] = field(default_factory=list)
    sigs: dict[int, Signature] = field(default_factory=dict)
    leaf_cache: dict[Any, Block] = field(default_factory=dict)
    cell_cache: dict[Any, Block] = field(default_factory=dict)
    topologies: dict[str, Topology] = field(default_factory=dict)
    draws: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    varied_cells: dict[tuple[str, tuple[str, ...]], bool] = field(default_factory=dict)
    used_variations: set[str] = field(default_factory=set)
    stats: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("model_calls", "leaf_cache_hits", "subcircuit_cache_hits", "subcircuit_cache_misses"),
            0,
        )
    )

    def signature(self, model: Model) -> Signature:
        key = id(model)
        if key not in self.sigs:
            self.sigs[key] = model_signature(model)
        return self.sigs[key]


def _cell_is_varied(
    ctx: _Context, cell: str, path: tuple[str, ...], stack: tuple[str, ...]
) -> bool:
    """Does any variation reach into ``cell`` (then its S is not shared between instances)?"""
    if not ctx.variations:
        return False
    if cell in stack:
        raise NetlistError(
            f"cell {cell!r} instantiates itself (cycle {' -> '.join(stack + (cell,))})"
        )
    for inst in ctx.netlists[cell].instances.values():
        sub = (*path, inst.name)
        if any(matches(v, sub, inst.component) for v in ctx.variations):
            return True
        if inst.component not in ctx.models and inst.component in ctx.netlists:
            if _cell_is_varied(ctx, inst.component, sub, (*stack, cell)):
                return True
    return False


def _leaf_block(ctx: _Context, cell: str, inst: Instance, path: tuple[str, ...]) -> Block:
    """Evaluate (or reuse) the model of a leaf instance."""
    model = ctx.models[inst.component]
    sig = ctx.signature(model)
    kwargs = select_kwargs(sig, ctx.settings, inst.info, inst.settings)
    where = f"cell {cell!r} instance {'/'.join(path)!r} (component {inst.component!r})"
    varied = [v for v in ctx.variations if matches(v, path, inst.component)]
    if not varied:
        key = (inst.component, freeze(kwargs))
        if key in ctx.leaf_cache:
            ctx.stats["leaf_cache_hits"] += 1
        else:
            ctx.stats["model_calls"] += 1
            ports, s = call_model(model, ctx.wl, kwargs, where)
            ctx.leaf_cache[key] = (ports, ctx.internal(s))
        return ctx.leaf_cache[key]
    for var in varied:
        if sig.names is not None and var.param not in sig.names:
            raise NetlistError(
                f"variation {var.key!r}: model of {where} has no parameter {var.param!r}"
            )
        nominal = kwargs.get(var.param, sig.defaults.get(var.param))
        if nominal is None:
            raise NetlistError(f"variation {var.key!r}: {where} has no nominal {var.param!r}")
        dkey = ("/".join(path), var.param)
        if dkey not in ctx.draws:
            ctx.draws[dkey] = draw(var, path, nominal, ctx.n_samples, ctx.seed)
        kwargs[var.param] = ctx.draws[dkey][ctx.window]
        ctx.used_variations.add(var.key)
    ctx.stats["model_calls"] += 1
    ports, s = call_model(model, ctx.wl, kwargs, where)
    return ports, ctx.internal(s)


def _instance_block(ctx: _Context, cell: str, inst: Instance, path: tuple[str, ...]) -> Block:
    """S block of one instance: a model, or a (cached) solved sub-circuit."""
    if inst.component in ctx.models:
        return _leaf_block(ctx, cell, inst, path)
    if inst.component not in ctx.netlists:
        raise MissingModelError(
            f"instance {inst.name!r} of component {inst.component!r} (in cell {cell!r}) has no "
            f"model and no sub-netlist; known models: {sorted(ctx.models)}"
        )
    vkey = (inst.component, path)  # path matters: a variation may name "sub/inst"
    if vkey not in ctx.varied_cells:
        ctx.varied_cells[vkey] = _cell_is_varied(ctx, inst.component, path, (cell,))
    if ctx.varied_cells[vkey]:  # per-instance random draws: never shared
        return _solve_cell(ctx, inst.component, path)
    key = (inst.component, freeze(dict(inst.settings)))
    if key in ctx.cell_cache:
        ctx.stats["subcircuit_cache_hits"] += 1
    else:
        ctx.stats["subcircuit_cache_misses"] += 1
        ctx.cell_cache[key] = _solve_cell(ctx, inst.component, path)
    return ctx.cell_cache[key]


def _solve_cell(ctx: _Context, cell: str, path: tuple[str, ...] = ()) -> Block:
    """Ports and S matrix of one cell, in the solver's layout (see ``_Context.internal``)."""
    if cell in ctx.active:
        raise NetlistError(
            f"cell {cell!r} instantiates itself ({' -> '.join([*ctx.active, cell])})"
        )
    net = ctx.netlists[cell]
    ports: dict[str, list[str]] = {}
    blocks: list[np.ndarray] = []
    ctx.active.append(cell)
    try:
        for inst in net.instances.values():
            inst_ports, s = _instance_block(ctx, cell, inst, (*path, inst.name))
            ports[inst.name] = inst_ports
            blocks.append(s)
    finally:
        ctx.active.pop()
    if cell not in ctx.topologies:  # port lists never change between chunks
        ctx.topologies[cell] = build_topology(net, ports, ctx.dangling)
    topo = ctx.topologies[cell]
    return list(topo.ext_names), ctx.solve(blocks, topo)


def _is_count(value: Any) -> bool:
    """An integer >= 1 (numpy integers too); 2.5 samples or True samples are not counts."""
    integral = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    return integral and value >= 1


def _identity(s: np.ndarray) -> np.ndarray:
    return s


def _default_models() -> Mapping[str, Model]:
    import lightlane  # the PDK is optional for the solver itself

    return lightlane.get_pdk().models


def simulate(
    component_or_netlist: Any,
    wl: Any = 1.31,
    models: Mapping[str, Model] | None = None,
    samples: int | None = None,
    variations: Mapping[str, Deviation] | None = None,
    chunk_size: int = 64,
    *,
    seed: int | None = None,
    dangling: Dangling = "error",
    solver: Solver = "fast",
    **settings: Any,
) -> SParameters:
    """S-parameters of a circuit.

    Each leaf instance's model gets ``wl`` plus the keys of ``**settings``, the instance
    ``info`` and its ``settings`` (later wins; ``None`` values dropped so model defaults
    apply) that are parameters of the model (all of them if it takes ``**kwargs``). A model
    is called once per distinct parameter set; instances of cells without a model are
    solved as sub-circuits, once per distinct (cell, settings).

    Args:
        component_or_netlist: gdsfactory Component, recursive netlist dict, or flat netlist.
        wl: wavelengths in µm (float, array, or ``"start:stop:n"``).
        models: ``{component name: model}``; default: ``lightlane.get_pdk().models``.
        samples: number of Monte Carlo samples (``None``: nominal only).
        variations: ``{"instance_or_model.param": sigma | f(rng, shape)}`` (see montecarlo).
        chunk_size: samples solved at a time (bounds memory to ~chunk_size x nominal).
        seed: Monte Carlo seed; same seed, same result, whatever ``chunk_size``.
        dangling: ``"error"`` (default) or ``"ignore"`` (unused ports are matched loads).
        solver: ``"fast"`` (link elimination) or ``"reference"`` (one global solve).
        **settings: defaults passed to every model that takes the parameter; instance
            netlist settings take priority.

    Returns:
        :class:`SParameters`; with ``samples`` its ``s`` has a leading sample axis.
    """
    if solver not in ("fast", "reference"):
        raise ValueError(f"solver must be 'fast' or 'reference', got {solver!r}")
    for name, value in (("samples", samples), ("chunk_size", chunk_size)):
        if value is not None and not _is_count(value):
            raise ValueError(f"{name}={value!r} must be a whole number >= 1")
    fast = solver == "fast"
    top, netlists = load_netlists(component_or_netlist)
    ctx = _Context(
        netlists=netlists,
        models=_default_models() if models is None else models,
        wl=as_wl(wl),
        settings=settings,
        dangling=dangling,
        solve=fast_solve_pf if fast else reference_solve,
        internal=to_ports_first if fast else _identity,
        public=from_ports_first if fast else _identity,
        variations=parse_variations(variations),
        n_samples=int(samples or 0),
        seed=seed,
    )
    if samples is None:
        if ctx.variations:
            raise NetlistError("variations given without samples=N")
        ports, s = _solve_cell(ctx, top)
        return SParameters(ports, ctx.wl, np.ascontiguousarray(ctx.public(s)), info=dict(ctx.stats))
    if ctx.n_samples < 1 or chunk_size < 1:
        raise ValueError("samples and chunk_size must be >= 1")
    out: np.ndarray | None = None
    for start in range(0, ctx.n_samples, chunk_size):
        ctx.window = slice(start, min(start + chunk_size, ctx.n_samples))
        ports, internal = _solve_cell(ctx, top)
        s = ctx.public(internal)
        if out is None:
            out = np.empty((ctx.n_samples, *s.shape[-3:]), dtype=complex)
        out[ctx.window] = s  # broadcasts when nothing varied
    unused = {v.key for v in ctx.variations} - ctx.used_variations
    if unused:
        raise NetlistError(f"variations {sorted(unused)} match no instance or model")
    return SParameters(ports, ctx.wl, out, info=dict(ctx.stats))
