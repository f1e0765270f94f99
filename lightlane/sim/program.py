"""A reduced circuit as a program of batched numpy calls over two value tables.

Expressions (:mod:`lightlane.sim.eliminate`) that the requested outputs need are grouped by
depth and kind; each group is a handful of calls (gathers, one multiply, one ``reduceat``, one
scatter) over every value of the group at once. Values live in slots of two tables, reused once
a value is dead: the nominal table ``(slots, 1, n_wl)`` and the sampled table
``(slots, n_samples, n_wl)``. Nominal values are computed once per wavelength chunk and
broadcast against sampled ones, so a Monte Carlo run pays per sample only for what varies.
Every value is computed element by element in a fixed order, so a chunk's results do not
depend on the chunk sizes.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.sim.eliminate import LEAF, LOOP, SOP, Exprs
from lightlane.sim.steps import Step, build_steps, run_steps

NOMINAL, SAMPLED = 0, 1
_DEAD_NEVER = 1 << 30


Index = slice | np.ndarray  # consecutive slots as a slice: a view instead of a gather


def as_index(slots: Sequence[int]) -> Index:
    arr = np.asarray(slots, dtype=np.intp)
    if arr.size and np.array_equal(arr, np.arange(arr[0], arr[0] + arr.size)):
        return slice(int(arr[0]), int(arr[0]) + arr.size)
    return arr


def _size(index: Index) -> int:
    return index.stop - index.start if isinstance(index, slice) else index.size


@dataclass(frozen=True)
class _Part:
    """Terms of one operand-class pattern in an SOP group, in layers.

    Layer ``r`` holds the ``r``-th term of every value that has more than ``r`` terms of this
    pattern; values are ordered by decreasing term count, so a layer's rows are mostly a
    prefix (a slice). The sum is then a few in-place adds, in each value's term order.
    """

    tables: tuple[int, ...]  # table of each operand: (a,) or (a, b), nominal first
    slots: tuple[Index, ...]  # operand slots of all terms, layer after layer
    layers: tuple[tuple[int, int, Index], ...]  # (first term, end, rows of the group)

    @property
    def covers(self) -> bool:
        """Does the first layer give every value of the group, in order?"""
        rows = self.layers[0][2]
        return isinstance(rows, slice) and rows.start == 0


@dataclass(frozen=True)
class _Group:
    kind: int
    table: int  # table of the results
    dst: slice  # the group's values sit in consecutive slots
    parts: tuple[_Part, ...]


class _Workspace(threading.local):
    """Per-thread tables, scratch and prepared steps, reused between chunks and calls.

    A buffer's views are kept per shape, so that the same chunk shape gives the same view
    objects and the steps prepared on them (:mod:`lightlane.sim.steps`) can be reused.
    """

    def __init__(self) -> None:
        self.arrays: dict[Any, np.ndarray] = {}
        self.views: dict[Any, tuple[np.ndarray, np.ndarray]] = {}
        self.steps: dict[tuple, tuple[tuple, list]] = {}

    def array(self, name: Any, shape: tuple[int, ...]) -> np.ndarray:
        """A view of ``shape`` on this thread's buffer ``name``, grown when too small."""
        known = self.views.get((name, shape))
        current = self.arrays.get(name)
        if known is not None and known[0] is current:
            return known[1]
        size = math.prod(shape)
        if current is None or current.size < size:
            current = self.arrays[name] = np.empty(size, dtype=complex)
            self.steps.clear()  # steps on the old buffer would keep it alive
        if len(self.views) >= MAX_VIEWS:
            self.views.clear()
        view = current[:size].reshape(shape)
        self.views[name, shape] = (current, view)
        return view

    def prepared(self, key: tuple, tabs: Sequence[np.ndarray], build: Any) -> list:
        """``build(tabs, table)`` for these tables (``key`` ends with table, ids of the tables),
        kept with them so that their ids stay theirs; a grown buffer drops all (:meth:`array`)."""
        entry = self.steps.get(key)
        if entry is None:
            steps = build(tabs, key[-3])  # may grow scratch, which clears self.steps
            if len(self.steps) >= MAX_VIEWS:
                self.steps.clear()
            entry = self.steps[key] = (tuple(tabs), steps)
        return entry[1]


MAX_VIEWS = 64
"""Views and step lists a thread keeps per program (a few chunk shapes are the usual case)."""


def _live(exprs: Exprs, roots: Sequence[int]) -> list[int]:
    """Ids the roots depend on, ascending (a topological order)."""
    seen = set(roots)
    stack = list(roots)
    while stack:
        v = stack.pop()
        if exprs.kind[v] != LEAF:
            for term in exprs.args[v]:
                for a in term if exprs.kind[v] == SOP else (term,):
                    if a not in seen:
                        seen.add(a)
                        stack.append(a)
    return sorted(seen)


def _operands(exprs: Exprs, v: int) -> list[int]:
    if exprs.kind[v] == SOP:
        return [a for term in exprs.args[v] for a in term]
    return list(exprs.args[v]) if exprs.kind[v] == LOOP else []


def _term_order(exprs: Exprs, values: list[int]) -> list[int]:
    """Values by decreasing number of terms (stable), so that layers are prefixes."""
    return sorted(values, key=lambda v: -len(exprs.args[v]))


def _sop_parts(exprs: Exprs, values: list[int], slot: Mapping[int, int]) -> tuple[_Part, ...]:
    cls = exprs.sampled
    by_pattern: dict[tuple[int, ...], dict[int, list[tuple[int, ...]]]] = defaultdict(dict)
    for row, v in enumerate(values):
        for term in exprs.args[v]:
            ordered = tuple(sorted(term, key=lambda a: cls[a]))  # nominal operand first
            pattern = tuple(int(cls[a]) for a in ordered)
            by_pattern[pattern].setdefault(row, []).append(ordered)
    parts = []
    for pattern, per_row in sorted(by_pattern.items()):
        terms: list[tuple[int, ...]] = []
        layers = []
        for r in range(max(len(t) for t in per_row.values())):
            rows = [row for row, t in per_row.items() if len(t) > r]
            layers.append((len(terms), len(terms) + len(rows), as_index(rows)))
            terms += [per_row[row][r] for row in rows]
        if len(values) != len(per_row) and isinstance(layers[0][2], slice):
            layers[0] = (*layers[0][:2], np.arange(layers[0][2].start, layers[0][2].stop))
        slots = tuple(as_index([slot[t[i]] for t in terms]) for i in range(len(pattern)))
        parts.append(_Part(pattern, slots, tuple(layers)))
    return tuple(parts)


class Program:
    """Evaluate ``roots`` of ``exprs`` from model outputs; see the module docstring."""

    def __init__(self, exprs: Exprs, roots: Sequence[int]) -> None:
        live = _live(exprs, roots)
        depth: dict[int, int] = {}
        for v in live:
            ops = _operands(exprs, v)
            depth[v] = 1 + max(depth[a] for a in ops) if ops else 0
        last = {v: 0 for v in live}
        for v in live:
            for a in _operands(exprs, v):
                same = exprs.sampled[a] == exprs.sampled[v]
                last[a] = max(last[a], depth[v] if same else _DEAD_NEVER)
        for v in roots:
            last[v] = _DEAD_NEVER
        leaves = [v for v in live if exprs.kind[v] == LEAF]
        by_level: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for v in live:
            if exprs.kind[v] != LEAF:
                by_level[depth[v], int(exprs.sampled[v]), exprs.kind[v]].append(v)
        by_level = {k: _term_order(exprs, vs) for k, vs in by_level.items()}
        batches = [(0, [v]) for v in leaves] + [
            (d, vs) for (d, _, _), vs in sorted(by_level.items())
        ]
        slot = self._allocate(exprs, batches, last)
        self.root_slots = [(int(exprs.sampled[v]), slot[v]) for v in roots]
        self.leaves: dict[int, list[tuple[tuple[str, str], int, int]]] = defaultdict(list)
        for v in leaves:
            call, key = exprs.args[v]
            self.leaves[call].append((key, int(exprs.sampled[v]), slot[v]))
        self.n_leaves = [sum(exprs.sampled[v] == t for v in leaves) for t in (False, True)]
        # leaves come first in the allocation: each table's leaf slots are 0 .. n_leaves - 1
        assert all(slot[v] < self.n_leaves[int(exprs.sampled[v])] for v in leaves)
        self.groups: list[list[_Group]] = [[], []]
        for (_, table, kind), values in sorted(by_level.items()):
            dst = slice(slot[values[0]], slot[values[0]] + len(values))
            if kind == LOOP:
                src = as_index([slot[exprs.args[v][0]] for v in values])
                parts: tuple[_Part, ...] = (_Part((table,), (src,), ((0, len(values), dst),)),)
            else:
                parts = _sop_parts(exprs, values, slot)
            self.groups[table].append(_Group(kind, table, dst, parts))
        self.n_products = sum(
            _size(p.slots[0])
            for gs in self.groups
            for g in gs
            for p in g.parts
            if len(p.tables) == 2
        )
        self.widest = [
            max((_size(p.slots[0]) for g in gs for p in g.parts), default=0) for gs in self.groups
        ]
        self._work = _Workspace()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_work"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _work=_Workspace())

    def _allocate(
        self, exprs: Exprs, batches: list[tuple[int, list[int]]], last: Mapping[int, int]
    ) -> dict[int, int]:
        """Consecutive slots per batch; a slot is free again from the level after its last use."""
        slot: dict[int, int] = {}
        self.n_slots = [0, 0]
        free: list[list[int]] = [[], []]  # sorted free slot numbers per table
        expiring: dict[int, list[tuple[int, int]]] = defaultdict(list)
        level = -1
        for d, values in batches:
            while level < d:
                level += 1
                for table, s in expiring.pop(level - 1, ()):
                    bisect.insort(free[table], s)
            table = int(exprs.sampled[values[0]])
            start = self._take(free[table], table, len(values))
            for k, v in enumerate(values):
                slot[v] = start + k
                if last[v] < _DEAD_NEVER:
                    expiring[max(last[v], d)].append((table, start + k))
        return slot

    def _take(self, free: list[int], table: int, m: int) -> int:
        """First run of ``m`` consecutive free slots, else new slots at the end."""
        run = 0
        for k, s in enumerate(free):
            run = run + 1 if k and free[k - 1] == s - 1 else 1
            if run == m:
                del free[k - m + 1 : k + 1]
                return s - m + 1
        start = self.n_slots[table]
        self.n_slots[table] += m
        return start

    def table(self, kind: int, n_samples: int, n_wl: int) -> np.ndarray:
        """This thread's value table of ``kind`` for a chunk (reused between calls, not cleared)."""
        shape = (self.n_slots[kind], 1 if kind == NOMINAL else n_samples, n_wl)
        return self._work.array(("table", kind), shape)

    def bytes_per_element(self) -> int:
        """Bytes per (sample, wavelength) element of a sampled chunk: table and scratch."""
        return 16 * (self.n_slots[SAMPLED] + 3 * self.widest[SAMPLED] + len(self.root_slots))

    def writers(self, tabs: Sequence[np.ndarray], table: int) -> list[tuple[int, list]]:
        """Per model call of ``table`` (in call order): ``(call, [(key, slot view), ...])``,
        the views its entries are copied into (prepared once for these tables)."""

        def build(tabs: Sequence[np.ndarray], table: int) -> list:
            views = {NOMINAL: lambda s: tabs[NOMINAL][s, 0], SAMPLED: lambda s: tabs[SAMPLED][s]}
            return [
                (call, [(key, views[t](slot)) for key, t, slot in entries])
                for call, entries in sorted(self.leaves.items())
                if entries[0][1] == table
            ]

        return self._work.prepared(("write", table, id(tabs[0]), id(tabs[1])), tabs, build)

    def non_finite(self, tabs: Sequence[np.ndarray], table: int) -> list[tuple[int, tuple]]:
        """The ``(call, key)`` of written entries holding NaN or infinity (usually none).

        One pass: the sum of the leaf slots is finite when they all are (a NaN or an infinity
        survives a sum, ``inf - inf`` is NaN), or overflows near 1e308: the slow check decides.
        """
        if np.isfinite(np.add.reduce(tabs[table][: self.n_leaves[table]], axis=None)):
            return []
        bad = []
        for call, entries in self.leaves.items():
            for key, t, slot in entries:
                if t == table and not np.isfinite(tabs[table][slot]).all():
                    bad.append((call, key))
        return bad

    def run(self, tabs: Sequence[np.ndarray], table: int) -> None:
        """Evaluate the groups of one table (nominal first, then sampled) in depth order."""
        run_steps(self._work.prepared((table, id(tabs[0]), id(tabs[1])), tabs, self._build))

    def _build(self, tabs: Sequence[np.ndarray], table: int) -> list[Step]:
        """Steps of ``table``'s groups on these tables and this thread's scratch (sized by
        them, so the same tables always get the same scratch, until a buffer grows)."""
        size = self.widest[table] * tabs[table].shape[1] * tabs[table].shape[2]
        scratch = tuple(self._work.array(("scratch", table, k), (size,)) for k in range(3))
        return build_steps(self.groups[table], tabs, scratch)

    def results(self, tabs: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The root values ``(1 | n_samples, n_wl)`` in root order (views into the tables)."""
        return [tabs[table][slot] for table, slot in self.root_slots]
