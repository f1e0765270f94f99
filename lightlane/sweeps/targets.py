"""What a task evaluates: an engine, a PDK cell or a netlist, at one parameter point.

A parameter named like an engine option (``side``, ``coupling``, ``modulator``,
``fibre_pitch``) or a cell parameter changes the layout; ``vpp`` is the modulator drive of an
engine's budget; ``instance.param`` sets one instance of a netlist; any other name is a model
setting, passed to every model that takes it (``dn_eff``, say). Names are checked against the
PDK before any task runs.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lightlane.sim.wavelength import as_wl
from lightlane.sweeps.figures import resolve_figure
from lightlane.sweeps.spec import Spec, SpecError
from lightlane.sweeps.tasks import Task

ENGINE_OPTIONS = ("side", "coupling", "modulator", "fibre_pitch")
ENGINE_KEYS = {"engine", "wl", "vpp", "mc_samples", *ENGINE_OPTIONS}
CELL_KEYS = {"cell", "settings", "wl", "pairs"}
CIRCUIT_KEYS = {"circuit", "netlist", "wl", "pairs"}
DEFAULT_WL = "1.26:1.36:201"


@dataclass
class Context:
    """What figures see: the target, the point, the built layout and cached results."""

    kind: str
    target: Mapping[str, Any]
    params: Mapping[str, Any]
    seed: int
    index: int = 0
    component: Any = None
    opts: Any = None
    settings: dict[str, Any] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def wl(self) -> Any:
        return as_wl(self.target.get("wl", DEFAULT_WL))

    @property
    def grating(self) -> bool:
        return self.opts is not None and self.opts.coupling == "grating"

    def analysis(self) -> Any:
        """The engine's nominal analysis at this point (computed once per task)."""
        if "analysis" not in self._cache:
            from lightlane.circuits.analysis import analyse
            from lightlane.circuits.modulation import VPP_DEFAULT_V

            vpp = float(self.params.get("vpp", self.target.get("vpp", VPP_DEFAULT_V)))
            self._cache["analysis"] = analyse(
                self.component, self.opts, self.wl, vpp, self.settings
            )
        return self._cache["analysis"]

    def sparams(self) -> Any:
        """S-parameters of a cell or netlist at this point (computed once per task)."""
        if "sparams" not in self._cache:
            from lightlane.registry import simulation_models
            from lightlane.sim import simulate

            pairs = [tuple(p) for p in self.target["pairs"]] if "pairs" in self.target else None
            source = self.component if self.kind == "cell" else self._netlist()
            models = simulation_models()  # lightlane's, even on a worker where no PDK is active
            self._cache["sparams"] = simulate(
                source, wl=self.wl, models=models, pairs=pairs, **self.settings
            )
        return self._cache["sparams"]

    def _netlist(self) -> dict[str, Any]:
        import copy

        netlist = copy.deepcopy(dict(self.target["netlist"]))
        cells = netlist.values() if "instances" not in netlist else [netlist]
        for name, value in self.params.items():
            inst, _, param = name.rpartition(".")
            for cell in cells:
                if inst in cell.get("instances", {}):
                    cell["instances"][inst].setdefault("settings", {})[param] = value
        return netlist


@functools.lru_cache(maxsize=8)
def _engine(opts: Any) -> Any:
    """One build per layout and process: tasks differing only in model settings share it."""
    from lightlane.circuits.engine import build_engine
    from lightlane.registry import get_pdk

    get_pdk().activate()
    return build_engine(opts)


def _model_parameters() -> set[str]:
    from lightlane.registry import simulation_models
    from lightlane.sim.models import model_signature

    names: set[str] = set()
    for model in simulation_models().values():
        names |= set(model_signature(model).names or ())
    return names


def _cell_factory(name: str) -> Any:
    from lightlane.registry import get_pdk

    pdk = get_pdk()
    if name not in pdk.cells:
        raise SpecError(f"target.cell: {name!r} is not a cell; see `lightlane cells`")
    return pdk.cells[name]


def _check_names(spec: Spec, layout: set[str], allowed_keys: set[str]) -> None:
    unknown = set(spec.target) - allowed_keys
    if unknown:
        raise SpecError(
            f"target: unknown entries {sorted(unknown)}; allowed: {sorted(allowed_keys)}"
        )
    names = set(spec.parameters) | {k for c in spec.corners.values() for k in c}
    models = _model_parameters()
    for name in sorted(names - layout - models):
        if "." in name and spec.target_kind == "circuit":
            continue
        raise SpecError(
            f"parameters: {name!r} is neither a layout parameter of the target nor a parameter "
            "of any PDK model"
        )


def check_target(spec: Spec) -> Spec:
    """Refuse a target, parameter or figure that cannot run; a circuit's netlist is read here."""
    kind = spec.target_kind
    target = dict(spec.target)
    try:
        as_wl(target.get("wl", DEFAULT_WL))
        for name in spec.figures:
            resolve_figure(name, kind)
        if kind == "engine":
            from lightlane.circuits.engine import engine_options

            engine_options(
                target["engine"], **{k: target[k] for k in ENGINE_OPTIONS if k in target}
            )
            _check_names(spec, {*ENGINE_OPTIONS, "vpp"}, ENGINE_KEYS)
        elif kind == "cell":
            factory = _cell_factory(target["cell"])
            _check_names(spec, set(inspect.signature(factory).parameters), CELL_KEYS)
        else:
            target["netlist"] = _read_netlist(target["circuit"])
            _check_names(spec, set(), CIRCUIT_KEYS)
    except (ValueError, TypeError) as exc:
        raise SpecError(f"{spec.source}: {exc}") from None
    return dataclasses.replace(spec, target=target)


def _read_netlist(path: Any) -> dict[str, Any]:
    import yaml

    try:
        return dict(yaml.safe_load(Path(path).read_text()))
    except (OSError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise SpecError(f"target.circuit: cannot read netlist {str(path)!r}: {exc}") from None


def context(kind: str, target: Mapping[str, Any], task: Task) -> Context:
    """Build what the task's point needs (an engine is built once per layout and process)."""
    from lightlane.registry import get_pdk

    get_pdk().activate()  # a fresh worker process has no active PDK to draw cells with
    ctx = Context(kind, target, task.params, task.seed, task.index)
    if kind == "engine":
        from lightlane.circuits.engine import engine_options

        chosen = {k: task.params.get(k, target.get(k)) for k in ENGINE_OPTIONS}
        ctx.opts = engine_options(target["engine"], **{k: v for k, v in chosen.items() if v})
        ctx.component = _engine(ctx.opts)
        layout = {*ENGINE_OPTIONS, "vpp"}
    elif kind == "cell":
        factory = _cell_factory(target["cell"])
        layout = set(inspect.signature(factory).parameters)
        cell_params = {**dict(target.get("settings") or {})}
        cell_params.update({k: v for k, v in task.params.items() if k in layout})
        ctx.component = factory(**cell_params)
    else:
        layout = {k for k in task.params if "." in k}
    ctx.settings = {k: v for k, v in task.params.items() if k not in layout}
    return ctx


def run_task(target: Mapping[str, Any], figures: tuple[str, ...], kind: str, task: Task) -> dict:
    """Evaluate one task; an exception becomes an ``error`` row with the task's parameters."""
    start = time.perf_counter()
    row: dict[str, Any] = {"index": task.index, "label": task.label, "params": task.params}
    scalars: dict[str, Any] = {}
    arrays: dict[str, Any] = {}
    try:
        ctx = context(kind, target, task)
        for name in figures:
            for key, value in resolve_figure(name, kind)(ctx).items():
                if hasattr(value, "shape") and getattr(value, "ndim", 0) > 0:
                    arrays[f"{name}.{key}"] = value
                else:
                    scalars[f"{name}.{key}"] = value.item() if hasattr(value, "item") else value
        row["status"], row["error"] = "ok", ""
    except Exception as exc:  # reported with its parameters; the sweep goes on
        row["status"], row["error"] = "error", f"{type(exc).__name__}: {exc}"
    row["seconds"] = round(time.perf_counter() - start, 3)
    row["seed"] = task.seed
    return {"row": row, "scalars": scalars, "arrays": arrays}
