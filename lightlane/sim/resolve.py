"""The model call plan of a circuit: which model each leaf instance calls, with what.

Walks the hierarchy once per (settings, varied parameters): nominal instances whose model
parameters are equal share one :class:`Call`; an instance that a Monte Carlo variation reaches
gets its own call, with the varied parameters listed; sub-cells no variation reaches are shared
per (cell, settings) and reduced once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lightlane.sim.errors import MissingModelError, NetlistError
from lightlane.sim.graph import CellNode
from lightlane.sim.models import Model, Signature, freeze, model_kwargs, model_signature
from lightlane.sim.montecarlo import Variation, matches
from lightlane.sim.netlist import FlatNetlist, Instance


@dataclass(frozen=True)
class Varied:
    """One sampled parameter of a call: its variation, the instance path and nominal value."""

    variation: Variation
    path: tuple[str, ...]
    nominal: Any


@dataclass
class Call:
    """One model evaluation shared by every instance it stands for."""

    model: Model
    kwargs: dict[str, Any]
    where: str
    varied: tuple[Varied, ...] = ()

    @property
    def sampled(self) -> bool:
        return bool(self.varied)


@dataclass
class Resolved:
    """The call plan: the cell tree, the distinct calls and what sharing saved."""

    root: CellNode
    calls: list[Call]
    stats: dict[str, int]
    used_variations: set[str] = field(default_factory=set)


class _Resolver:
    def __init__(
        self,
        netlists: Mapping[str, FlatNetlist],
        models: Mapping[str, Model],
        settings: Mapping[str, Any],
        variations: tuple[Variation, ...],
    ) -> None:
        self.netlists, self.models = netlists, models
        self.settings, self.variations = settings, variations
        self.calls: list[Call] = []
        self.call_ids: dict[Any, int] = {}
        self.shared: dict[Any, CellNode] = {}
        self.sigs: dict[int, Signature] = {}
        self.used: set[str] = set()
        self.stats = dict.fromkeys(
            ("leaf_cache_hits", "subcircuit_cache_hits", "subcircuit_cache_misses"), 0
        )

    def cell(self, name: str, path: tuple[str, ...], stack: tuple[str, ...]) -> CellNode:
        if name in stack:
            raise NetlistError(f"cell {name!r} instantiates itself ({' -> '.join([*stack, name])})")
        net = self.netlists[name]
        children: list[int | CellNode] = []
        for inst in net.instances.values():
            sub = (*path, inst.name)
            if inst.component in self.models:
                children.append(self.leaf(name, inst, sub))
            elif inst.component in self.netlists:
                children.append(self.subcell(inst, sub, (*stack, name)))
            else:
                raise MissingModelError(
                    f"instance {inst.name!r} of component {inst.component!r} (in cell {name!r}) "
                    f"has no model and no sub-netlist; known models: {sorted(self.models)}"
                )
        return CellNode(net, tuple(children))

    def subcell(self, inst: Instance, path: tuple[str, ...], stack: tuple[str, ...]) -> CellNode:
        if self.reaches(inst.component, path, stack):  # per-instance draws: never shared
            return self.cell(inst.component, path, stack)
        key = (inst.component, freeze(dict(inst.settings)))
        if key in self.shared:
            self.stats["subcircuit_cache_hits"] += 1
        else:
            self.stats["subcircuit_cache_misses"] += 1
            self.shared[key] = self.cell(inst.component, path, stack)
        return self.shared[key]

    def reaches(self, cell: str, path: tuple[str, ...], stack: tuple[str, ...]) -> bool:
        """Does any variation reach an instance inside ``cell`` placed at ``path``?"""
        if not self.variations:
            return False
        if cell in stack:
            raise NetlistError(f"cell {cell!r} instantiates itself ({' -> '.join([*stack, cell])})")
        for inst in self.netlists[cell].instances.values():
            sub = (*path, inst.name)
            if any(matches(v, sub, inst.component) for v in self.variations):
                return True
            nested = inst.component not in self.models and inst.component in self.netlists
            if nested and self.reaches(inst.component, sub, (*stack, cell)):
                return True
        return False

    def leaf(self, cell: str, inst: Instance, path: tuple[str, ...]) -> int:
        model = self.models[inst.component]
        if id(model) not in self.sigs:
            self.sigs[id(model)] = model_signature(model)
        sig = self.sigs[id(model)]
        kwargs = model_kwargs(sig, self.settings, inst)
        where = f"cell {cell!r} instance {'/'.join(path)!r} (component {inst.component!r})"
        varied = [v for v in self.variations if matches(v, path, inst.component)]
        if not varied:
            key = (inst.component, freeze(kwargs))
            if key in self.call_ids:
                self.stats["leaf_cache_hits"] += 1
            else:
                self.call_ids[key] = len(self.calls)
                self.calls.append(Call(model, kwargs, where))
            return self.call_ids[key]
        sampled = []
        for var in varied:
            if sig.names is not None and var.param not in sig.names:
                raise NetlistError(
                    f"variation {var.key!r}: model of {where} has no parameter {var.param!r}"
                )
            nominal = kwargs.get(var.param, sig.defaults.get(var.param))
            if nominal is None:
                raise NetlistError(f"variation {var.key!r}: {where} has no nominal {var.param!r}")
            sampled.append(Varied(var, path, nominal))
            self.used.add(var.key)
        self.calls.append(Call(model, kwargs, where, tuple(sampled)))
        return len(self.calls) - 1


def resolve(
    top: str,
    netlists: Mapping[str, FlatNetlist],
    models: Mapping[str, Model],
    settings: Mapping[str, Any],
    variations: tuple[Variation, ...],
) -> Resolved:
    """The call plan of cell ``top`` (raises on missing models, cycles, bad variations)."""
    r = _Resolver(netlists, models, settings, variations)
    root = r.cell(top, (), ())
    unused = {v.key for v in variations} - r.used
    if unused:
        raise NetlistError(f"variations {sorted(unused)} match no instance or model")
    return Resolved(root, r.calls, r.stats, r.used)
