"""A sweep specification (YAML or dict), checked whole before any work.

```yaml
sweep: monte_carlo          # monte_carlo | grid | corners
seed: 7                     # task k draws from SeedSequence(seed, spawn_key=(k,))
samples: 64                 # monte_carlo: number of tasks
target:                     # one of: engine, cell, circuit (a netlist file)
  engine: 1.6T-DR8
  side: tx
  wl: "1.30:1.32:201"       # um, start:stop:n
parameters:                 # a value, a list (grid), or a distribution (monte_carlo)
  dn_eff: {normal: {mean: 0.0, sigma: 1.0e-3}}
  vpp: {uniform: {low: 2.6, high: 3.4}}
figures: [lanes, budget]    # names from lightlane.sweeps.figures, or "module:function"
```

``corners`` sweeps name their points: ``corners: {slow: {dn_eff: -2e-3}, fast: {...}}``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KINDS = ("monte_carlo", "grid", "corners")
TARGETS = ("engine", "cell", "circuit")
MAX_TASKS = 1_000_000
DISTRIBUTIONS = {"normal": ("mean", "sigma"), "uniform": ("low", "high")}


class SpecError(ValueError):
    """A sweep specification that cannot run; the message names the entry and the limit."""


@dataclass(frozen=True)
class Distribution:
    """``normal`` (mean, sigma) or ``uniform`` (low, high), or ``choice`` among values."""

    kind: str
    args: tuple[Any, ...]

    def draw(self, rng: Any) -> Any:
        if self.kind == "normal":
            return float(rng.normal(*self.args))
        if self.kind == "uniform":
            return float(rng.uniform(*self.args))
        return self.args[int(rng.integers(len(self.args)))]


@dataclass(frozen=True)
class Spec:
    """A checked sweep: what to evaluate, at which points, and which figures to collect."""

    kind: str
    target: Mapping[str, Any]
    parameters: Mapping[str, Any]
    figures: tuple[str, ...]
    seed: int = 0
    samples: int = 0
    corners: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "<dict>"

    @property
    def target_kind(self) -> str:
        return next(k for k in TARGETS if k in self.target)

    def points(self) -> list[tuple[str, dict[str, Any]]]:
        """``(label, fixed parameters)`` per task before Monte Carlo draws, in task order."""
        if self.kind == "corners":
            return [(name, {**self._fixed(), **dict(c)}) for name, c in self.corners.items()]
        if self.kind == "monte_carlo":
            return [(f"sample {k}", self._fixed()) for k in range(self.samples)]
        names = list(self.parameters)
        values = [v if isinstance(v, list) else [v] for v in self.parameters.values()]
        return [
            (
                ", ".join(f"{n}={x}" for n, x in zip(names, combo, strict=True)),
                dict(zip(names, combo, strict=True)),
            )
            for combo in itertools.product(*values)
        ]

    def distributions(self) -> dict[str, Distribution]:
        return {k: v for k, v in self.parameters.items() if isinstance(v, Distribution)}

    def _fixed(self) -> dict[str, Any]:
        return {k: v for k, v in self.parameters.items() if not isinstance(v, Distribution)}


def _fail(where: str, message: str) -> None:
    raise SpecError(f"{where}: {message}")


def _distribution(name: str, raw: Mapping[str, Any]) -> Distribution:
    where = f"parameters.{name}"
    if len(raw) != 1:
        _fail(where, f"{dict(raw)!r} must have one key of normal, uniform, choice")
    kind, args = next(iter(raw.items()))
    if kind == "choice":
        if not isinstance(args, list) or not args:
            _fail(where, f"choice={args!r} must be a non-empty list")
        return Distribution("choice", tuple(args))
    if kind not in DISTRIBUTIONS:
        _fail(where, f"distribution {kind!r} is unknown; use normal, uniform or choice")
    keys = DISTRIBUTIONS[kind]
    if not isinstance(args, Mapping) or set(args) != set(keys):
        _fail(where, f"{kind}={args!r} needs exactly the keys {', '.join(keys)}")
    values = tuple(float(args[k]) for k in keys)
    if kind == "normal" and values[1] < 0:
        _fail(where, f"sigma={values[1]} is below the minimum 0")
    if kind == "uniform" and not values[0] < values[1]:
        _fail(where, f"low={values[0]} must be below high={values[1]}")
    return Distribution(kind, values)


def _parameters(kind: str, raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        _fail("parameters", f"{raw!r} must be a mapping of name: value")
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, Mapping):
            if kind != "monte_carlo":
                _fail(f"parameters.{name}", f"distributions need sweep: monte_carlo, not {kind}")
            out[str(name)] = _distribution(str(name), value)
        elif isinstance(value, list):
            if kind != "grid" or not value:
                _fail(f"parameters.{name}", "a list of values needs sweep: grid and one value")
            out[str(name)] = value
        else:
            out[str(name)] = value
    return out


def _count(kind: str, samples: Any, parameters: Mapping[str, Any], corners: Any) -> int:
    if kind == "monte_carlo":
        if (
            not isinstance(samples, int)
            or isinstance(samples, bool)
            or not 1 <= samples <= MAX_TASKS
        ):
            _fail("samples", f"samples={samples!r} must be an integer in [1, {MAX_TASKS}]")
        return samples
    if kind == "corners":
        if not isinstance(corners, Mapping) or not corners:
            _fail("corners", f"{corners!r} must map corner names to parameter values")
        return len(corners)
    n = 1
    for value in parameters.values():
        n *= len(value) if isinstance(value, list) else 1
    if n > MAX_TASKS:
        _fail("parameters", f"the grid has {n} points, above the limit {MAX_TASKS}")
    return n


def parse_spec(raw: Mapping[str, Any], source: str = "<dict>") -> Spec:
    """Check a spec dict (see the module docstring); raises :class:`SpecError`."""
    if not isinstance(raw, Mapping):
        _fail(source, f"a sweep spec is a mapping, got {type(raw).__name__}")
    unknown = set(raw) - {"sweep", "seed", "samples", "target", "parameters", "figures", "corners"}
    if unknown:
        _fail(source, f"unknown entries {sorted(unknown)}")
    kind = raw.get("sweep")
    if kind not in KINDS:
        _fail("sweep", f"sweep={kind!r} is not valid; choose one of: {', '.join(KINDS)}")
    target = raw.get("target")
    if not isinstance(target, Mapping) or sum(k in target for k in TARGETS) != 1:
        _fail("target", f"{target!r} must name exactly one of: {', '.join(TARGETS)}")
    seed = raw.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        _fail("seed", f"seed={seed!r} must be an integer >= 0")
    parameters = _parameters(kind, raw.get("parameters"))
    _count(kind, raw.get("samples"), parameters, raw.get("corners"))
    figures = raw.get("figures")
    if not isinstance(figures, list) or not figures or not all(isinstance(f, str) for f in figures):
        _fail("figures", f"figures={figures!r} must be a non-empty list of names")
    corners = {str(k): dict(v or {}) for k, v in (raw.get("corners") or {}).items()}
    return Spec(
        kind,
        dict(target),
        parameters,
        tuple(figures),
        seed,
        int(raw.get("samples") or 0),
        corners,
        source,
    )


def load_spec(path_or_dict: str | Path | Mapping[str, Any]) -> Spec:
    """A :class:`Spec` from a YAML file or a dict."""
    if isinstance(path_or_dict, Mapping):
        return parse_spec(path_or_dict)
    path = Path(path_or_dict)
    try:
        raw = yaml.safe_load(path.read_text())
    except OSError as exc:
        raise SpecError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise SpecError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    return parse_spec(raw, str(path))
