"""``simulate`` and ``compile``: S-parameters of a gdsfactory Component or netlist dict."""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Literal

from lightlane.sim.assembly import Dangling
from lightlane.sim.compiled import CompiledCircuit, Pairs, validate_request
from lightlane.sim.models import Model, freeze
from lightlane.sim.montecarlo import Deviation
from lightlane.sim.netlist import load_netlists
from lightlane.sim.reference import reference_simulate
from lightlane.sim.sparams import SParameters

Solver = Literal["fast", "reference"]
CACHE_SIZE = 32


class _CompileCache:
    """Compiled circuits by content: (netlist, models, dangling); a locked Component by name.

    Keys hold the values they stand for (the netlist frozen, the model objects), so a changed
    netlist or a replaced model is a new key, never a stale hit.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[Any, CompiledCircuit] = OrderedDict()
        self.components: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()

    def _remember(self, store: OrderedDict, key: Any, value: Any) -> None:
        store[key] = value
        while len(store) > self.size:
            store.popitem(last=False)

    def _load(self, obj: Any) -> tuple[Any, tuple[str, dict]]:
        """``(content key or None, (top, netlists))``; a locked Component is extracted once."""
        if hasattr(obj, "get_netlist") and getattr(obj, "locked", False):
            ckey = ("component", id(obj), obj.name)
            if ckey not in self.components:
                self._remember(self.components, ckey, (obj, load_netlists(obj)))
            self.components.move_to_end(ckey)
            return ckey, self.components[ckey][1]
        return None, load_netlists(obj)

    def compile(self, obj: Any, models: Mapping[str, Model], dangling: Dangling) -> CompiledCircuit:
        mkey = (tuple((name, id(m)) for name, m in models.items()), dangling)
        if isinstance(obj, Mapping):
            key = ("netlist", _content_key(obj), mkey)
            if key not in self.entries:
                loaded = load_netlists(obj)
                self._remember(self.entries, key, CompiledCircuit(*loaded, dict(models), dangling))
        else:
            ckey, loaded = self._load(obj)
            if ckey is None:  # an unlocked Component may still change: not cached
                return CompiledCircuit(*loaded, dict(models), dangling)
            key = (ckey, mkey)
            if key not in self.entries:
                self._remember(self.entries, key, CompiledCircuit(*loaded, dict(models), dangling))
        self.entries.move_to_end(key)
        return self.entries[key]


_CACHE = _CompileCache(CACHE_SIZE)


def _content_key(netlist: Mapping[str, Any]) -> Any:
    """A digest of the netlist's content (pickle is exact for arrays and 10x faster to build)."""
    try:
        return hashlib.blake2b(pickle.dumps(netlist, protocol=5), digest_size=20).digest()
    except (pickle.PicklingError, TypeError, AttributeError):
        return freeze(netlist)


def _default_models() -> Mapping[str, Model]:
    """The models of the active gdsfactory PDK (``lightlane.simulate`` passes lightlane's)."""
    import gdsfactory as gf  # the PDK is optional for the solver itself

    return gf.get_active_pdk().models


def compile(  # noqa: A001 - lightlane.compile, as the API names it
    component_or_netlist: Any,
    models: Mapping[str, Model] | None = None,
    dangling: Dangling = "error",
) -> CompiledCircuit:
    """A compiled circuit: call it with ``wl``, samples, variations, pairs and settings.

    The netlist is loaded (a gdsfactory Component's once per process) and each distinct
    (settings, varied parameters, pairs) request is planned once; later calls only evaluate the
    models and run the plan. ``lightlane.simulate`` uses the same cache.

    >>> run = compile(netlist, models=models)  # doctest: +SKIP
    >>> run(wl="1.26:1.36:1001").db("o2", "o1")  # doctest: +SKIP
    """
    return _CACHE.compile(
        component_or_netlist, _default_models() if models is None else models, dangling
    )


def simulate(
    component_or_netlist: Any,
    wl: Any = 1.31,
    models: Mapping[str, Model] | None = None,
    samples: int | None = None,
    variations: Mapping[str, Deviation] | None = None,
    chunk_size: int | None = None,
    *,
    seed: int | None = None,
    dangling: Dangling = "error",
    solver: Solver = "fast",
    pairs: Pairs = None,
    workers: int | None = None,
    **settings: Any,
) -> SParameters:
    """S-parameters of a circuit.

    Each leaf instance's model gets ``wl`` plus the keys of ``**settings``, the instance
    ``info`` and its ``settings`` (later wins; ``None`` values dropped so model defaults
    apply) that are parameters of the model (all of them if it takes ``**kwargs``). A model
    is called once per distinct parameter set (per chunk); instances of cells without a model
    are sub-circuits, reduced once per distinct (cell, settings).

    Args:
        component_or_netlist: gdsfactory Component, recursive netlist dict, or flat netlist.
        wl: wavelengths in µm (float, array, or ``"start:stop:n"``).
        models: ``{component name: model}``; default: ``lightlane.get_pdk().models``.
        samples: number of Monte Carlo samples (``None``: nominal only).
        variations: ``{"instance_or_model.param": sigma | f(rng, shape)}`` (see montecarlo).
        chunk_size: samples evaluated at a time (default: what fits the chunk memory budget).
        seed: Monte Carlo seed; same seed, same result, whatever ``chunk_size``.
        dangling: ``"error"`` (default) or ``"ignore"`` (unused ports are matched loads).
        solver: ``"fast"`` (compiled elimination) or ``"reference"`` (one solve per cell).
        pairs: ``None`` (every port pair) or the ``(out, in)`` pairs to compute; then ``s``
            is ``(..., n_wl, n_pairs)`` and only those paths are evaluated.
        workers: threads for chunks of Monte Carlo samples (default: the cores, at most 4);
            the result does not depend on it.
        **settings: defaults passed to every model that takes the parameter; instance
            netlist settings take priority.

    Returns:
        :class:`SParameters`; with ``samples`` its ``s`` has a leading sample axis.
    """
    if solver not in ("fast", "reference"):
        raise ValueError(f"solver must be 'fast' or 'reference', got {solver!r}")
    request = validate_request(wl, samples, variations, chunk_size, workers)
    circuit = compile(component_or_netlist, models, dangling)
    if solver == "reference":
        return reference_simulate(circuit, *request[:3], seed, chunk_size, pairs, settings)
    return circuit.evaluate(*request, chunk_size, seed, pairs, settings)
