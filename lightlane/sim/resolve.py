"""The model call plan of a circuit: which model each leaf instance calls, with what.

Walks the hierarchy once per (settings, varied parameters): nominal instances whose model
parameters are equal share one :class:`Call`; an instance that a Monte Carlo variation reaches
gets its own call, with the varied parameters listed; sub-cells no variation reaches are shared
per (cell, settings) and reduced once.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lightlane.sim.assembly import ELECTRICAL
from lightlane.sim.errors import MissingModelError, NetlistError, PortError
from lightlane.sim.graph import CellNode
from lightlane.sim.models import Model, Signature, freeze, model_kwargs, model_signature
from lightlane.sim.montecarlo import Variation, matches
from lightlane.sim.netlist import FlatNetlist, Instance, PortRef


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
        self.uses: Counter = Counter()
        self.sigs: dict[int, Signature] = {}
        self.used: set[str] = set()
        self.stats = dict.fromkeys(
            ("leaf_cache_hits", "subcircuit_cache_hits", "subcircuit_cache_misses"), 0
        )

    def cell(self, name: str, path: tuple[str, ...], stack: tuple[str, ...]) -> CellNode:
        instances, children, links, ports = self.level(name, path, stack)
        return CellNode(FlatNetlist(name, instances, tuple(links), ports), tuple(children))

    def level(self, name: str, path: tuple[str, ...], stack: tuple[str, ...]) -> tuple:
        """Instances, children, links and ports of a cell, its unshared sub-cells inlined."""
        if name in stack:
            raise NetlistError(f"cell {name!r} instantiates itself ({' -> '.join([*stack, name])})")
        net = self.netlists[name]
        instances: dict[str, Instance] = {}
        children: list[int | CellNode] = []
        links: list[tuple[PortRef, PortRef]] = []
        inlined: dict[str, dict[str, PortRef]] = {}
        for inst in net.instances.values():
            sub = (*path, inst.name)
            if inst.component in self.models:
                instances[inst.name] = inst
                children.append(self.leaf(name, inst, sub))
            elif inst.component not in self.netlists:
                raise MissingModelError(
                    f"instance {inst.name!r} of component {inst.component!r} (in cell {name!r}) "
                    f"has no model and no sub-netlist; known models: {sorted(self.models)}"
                )
            elif (node := self.subcell(inst, sub, (*stack, name))) is not None:
                instances[inst.name] = inst
                children.append(node)
            else:  # reduced with its parent: a separate reduction would make its ports dense
                inner, kids, inner_links, inner_ports = self.level(
                    inst.component, sub, (*stack, name)
                )
                pre = f"{inst.name}/"
                instances |= {
                    pre + k: dataclasses.replace(v, name=pre + k) for k, v in inner.items()
                }
                children += kids
                links += [((pre + a[0], a[1]), (pre + b[0], b[1])) for a, b in inner_links]
                inlined[inst.name] = {e: (pre + r[0], r[1]) for e, r in inner_ports.items()}
        for a, b in net.connections:
            ends = (_remap(name, a, inlined), _remap(name, b, inlined))
            if ends[0] is not None and ends[1] is not None:
                links.append(ends)
        ports = {e: r for e, ref in net.ports.items() if (r := _remap(name, ref, inlined))}
        return instances, children, links, ports

    def subcell(
        self, inst: Instance, path: tuple[str, ...], stack: tuple[str, ...]
    ) -> CellNode | None:
        """A sub-cell reduced once for all its instances, or None: inline it in its parent."""
        if self.reaches(inst.component, path, stack):  # per-instance draws: never shared
            return None
        key = (inst.component, freeze(dict(inst.settings)))
        if key in self.shared:
            self.stats["subcircuit_cache_hits"] += 1
            return self.shared[key]
        self.stats["subcircuit_cache_misses"] += 1
        if self.uses[key] == 1:
            return None
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
    r.uses = _uses(top, netlists, models)
    root = r.cell(top, (), ())
    unused = {v.key for v in variations} - r.used
    if unused:
        raise NetlistError(f"variations {sorted(unused)} match no instance or model")
    return Resolved(root, r.calls, r.stats, r.used)


def _remap(cell: str, ref: PortRef, inlined: Mapping[str, Mapping[str, PortRef]]) -> PortRef | None:
    """``ref`` through an inlined sub-cell's ports; None: an electrical port it does not expose."""
    if ref[0] not in inlined:
        return ref
    mapping = inlined[ref[0]]
    if ref[1] in mapping:
        return mapping[ref[1]]
    if ELECTRICAL.fullmatch(ref[1]):
        return None
    raise PortError(
        f"cell {cell!r}: instance {ref[0]!r} has no port {ref[1]!r}; its ports: {list(mapping)}"
    )


def _uses(top: str, netlists: Mapping[str, FlatNetlist], models: Mapping[str, Model]) -> Counter:
    """How many times each (sub-cell, settings) occurs in the whole hierarchy under ``top``."""
    below: dict[str, Counter] = {}

    def count(cell: str, stack: tuple[str, ...]) -> Counter:
        if cell in stack:
            raise NetlistError(f"cell {cell!r} instantiates itself ({' -> '.join([*stack, cell])})")
        if cell not in below:
            total: Counter = Counter()
            for inst in netlists[cell].instances.values():
                if inst.component not in models and inst.component in netlists:
                    total[inst.component, freeze(dict(inst.settings))] += 1
                    total.update(count(inst.component, (*stack, cell)))
            below[cell] = total
        return below[cell]

    return count(top, ())
