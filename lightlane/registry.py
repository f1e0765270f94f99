"""The ``gf.Pdk`` object: the technology, every cell, and every model bound to its cell.

This module sits above the cells (:mod:`lightlane.components`) and the models
(:mod:`lightlane.models`), which never import each other: here each model is paired with the
cell of the same name and bound to it, so ``PDK.models["straight"](wl)`` fills the geometry the
model needs from the cell (its settings, or for values the cell derives, its ``info``).
:func:`get_pdk` collects cells and models automatically: adding a cell is adding a function.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np

from lightlane import __version__
from lightlane.models._core import SDict, geometry_parameters
from lightlane.pdk.guides import guide
from lightlane.pdk.process import TECH

__all__ = [
    "bind_model",
    "cell_geometry",
    "closed_forms",
    "collect_models",
    "get_pdk",
    "model_of",
    "simulation_models",
    "submodules",
]


def submodules(package: str) -> list[ModuleType]:
    """Import and return the public submodules of ``package`` (sorted by name)."""
    pkg = importlib.import_module(package)
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"{package}.{name}") for name in names]


def collect_models(modules: list[ModuleType]) -> dict[str, Callable[..., SDict]]:
    """Every function marked as a model (``lightlane.models._core.model``) in ``modules``."""
    models: dict[str, Callable[..., SDict]] = {}
    for module in modules:
        for name, obj in vars(module).items():
            if getattr(obj, "is_lightlane_model", False) and obj.__module__ == module.__name__:
                if name in models:
                    raise ValueError(f"model {name!r} is defined twice ({module.__name__})")
                models[name] = obj
    return models


def _ensure_active() -> None:
    """gdsfactory draws nothing without an active PDK: activate lightlane's when none is."""
    import gdsfactory as gf

    try:
        gf.get_active_pdk()
    except ValueError:
        get_pdk().activate()


def cell_geometry(cell: Callable[..., Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The settings and info of ``cell(**settings)``: the geometry its model reads."""
    _ensure_active()
    component = cell(**settings)
    return {**dict(component.settings), **dict(component.info)}


def _scalar(name: str, value: Any, default: Any = None) -> Any:
    """A cell setting as the cell takes it: numpy and jax scalars (sax passes every number,
    flags included, as a float array) as Python numbers of the default's type, arrays as
    tuples, so that the cell's cache key hashes."""
    if isinstance(value, list | tuple):
        return type(value)(_scalar(name, v) for v in value)
    if not hasattr(value, "shape") or not hasattr(value, "tolist"):
        return value
    if _traced(value):
        raise TypeError(
            f"cell setting {name}={type(value).__name__} has no concrete value (traced under "
            "jax.jit or jax.grad) and the model needs its cell built; trace only the "
            "parameters the model reads directly (lengths of straights, wl, dn_eff, losses)"
        )
    plain = value.tolist()
    if isinstance(plain, list):
        return tuple(plain)
    if isinstance(default, bool | int) and float(plain).is_integer():
        return type(default)(plain)
    return plain


def _traced(value: Any) -> bool:
    """Is ``value`` a jax tracer (under jax.jit or jax.grad: its value must stay symbolic)?"""
    if not type(value).__module__.startswith("jax"):
        return False
    import jax

    return isinstance(value, jax.core.Tracer)


def _concrete(value: Any, default: Any) -> Any:
    """A 0-d numpy or jax value as a Python number of the default's type (sax hands models
    every number, flags included, as a float array); a traced value and arrays stay as they
    are, so that jax.jit and jax.grad reach the model's arithmetic."""
    if getattr(value, "shape", None) != () or not hasattr(value, "item") or _traced(value):
        return value
    plain = value.item()
    if isinstance(default, bool | int) and float(plain).is_integer():
        return type(default)(plain)
    return plain


def _derived_width(given: dict[str, Any]) -> float | None:
    """A core width the cell would take from its cross-section (None: the cell must say)."""
    if "cross_section" not in given:
        return None
    return guide(given["cross_section"]).width


def bind_model(
    model: Callable[..., SDict], cell: Callable[..., Any], name: str | None = None
) -> Callable[..., SDict]:
    """``model`` with its geometry filled from ``cell`` wherever the caller leaves it out.

    The bound model takes the model's own parameters and the cell's; a geometry parameter that
    is missing (or None) comes from the cell's default when the cell has a non-None one, and
    otherwise from the cell built with the given cell settings (its settings and ``info``).
    Anything else raises ``TypeError`` naming what the model takes. ``name`` is the cell's
    registered name (a variant made with ``functools.partial`` has no ``__name__``).
    """
    name = name or cell.__name__
    if model.__name__ != name:
        raise TypeError(f"model {model.__name__!r} must share its cell's name {name!r}")
    own = set(inspect.signature(model).parameters) - {"wl"}
    cell_parameters = inspect.signature(cell).parameters
    defaults = {
        k: p.default
        for k, p in cell_parameters.items()
        if p.default is not inspect.Parameter.empty and p.default is not None
    }
    geometry = geometry_parameters(model)
    defaults_of = {
        k: p.default
        for k, p in [*inspect.signature(model).parameters.items(), *cell_parameters.items()]
        if p.default is not inspect.Parameter.empty
    }

    @functools.wraps(model)
    def bound(wl: Any = TECH.wavelength, **params: Any) -> SDict:
        unknown = set(params) - own - set(cell_parameters)
        if unknown:
            accepted = sorted(own | set(cell_parameters))
            raise TypeError(
                f"model {model.__name__!r} got unknown parameter(s) {sorted(unknown)}; "
                f"it takes {accepted}"
            )
        given = {k: _concrete(v, defaults_of.get(k)) for k, v in params.items() if v is not None}
        missing = [n for n in geometry if n not in given]
        known = {n: defaults[n] for n in missing if n in defaults}
        if "width" in missing and "width" not in known:
            width = _derived_width({**defaults, **given})
            if width is not None:
                known["width"] = width
        if any(n not in known for n in missing):
            settings = {
                k: _scalar(k, v, cell_parameters[k].default)
                for k, v in given.items()
                if k in cell_parameters
            }
            known = cell_geometry(cell, settings)
        for name in missing:
            if name not in known:
                raise TypeError(
                    f"model {model.__name__!r}: cell {cell.__name__!r} does not provide "
                    f"{name!r} in its settings or info"
                )
            given[name] = known[name]
        if "cross_section" in own and "cross_section" in given:
            # physics from the cross-section's layers and width, whatever it is called
            given["cross_section"] = guide(given["cross_section"]).model
        if not hasattr(wl, "shape"):
            wl = np.asarray(wl, dtype=float)
        return model(wl, **{k: v for k, v in given.items() if k in own})

    bound.__signature__ = _bound_signature(model, cell)  # type: ignore[attr-defined]
    bound.is_lightlane_model = True  # type: ignore[attr-defined]
    bound.cell = cell  # type: ignore[attr-defined]
    bound.model = model  # type: ignore[attr-defined]
    bound.geometry_parameters = geometry  # type: ignore[attr-defined]
    bound.figures = getattr(model, "figures", ())  # type: ignore[attr-defined]
    bound.is_circuit = getattr(model, "is_circuit", False)  # type: ignore[attr-defined]
    # lightlane's solver passes a netlist instance exactly what sax passes (see
    # lightlane.sim.models.model_kwargs), so both evaluate the same model on the same values
    bound.sax_settings = True  # type: ignore[attr-defined]
    return bound


def _bound_signature(model: Callable[..., Any], cell: Callable[..., Any]) -> inspect.Signature:
    """``wl``, the cell's parameters with its defaults, then the model's physics parameters.

    Geometry the cell derives (a bend's path length...) is not in the signature, so sax, which
    passes a netlist instance's settings and info for every name in it, never hands the model
    the netlist's rounded copy: the binding reads it from the cell built with the settings. It
    can still be given explicitly.
    """
    kw = inspect.Parameter.KEYWORD_ONLY
    params = [inspect.signature(model).parameters["wl"]]
    cell_parameters = inspect.signature(cell).parameters
    params += [p.replace(kind=kw, annotation=p.annotation) for p in cell_parameters.values()]
    for name, p in inspect.signature(model).parameters.items():
        if name == "wl" or name in cell_parameters or p.default is p.empty:
            continue
        params.append(p)
    return inspect.Signature(params)


@cache
def _pdk_class() -> type:
    """``gf.Pdk`` refusing a layer this process lacks with one line naming it."""
    import gdsfactory as gf

    from lightlane.pdk.layers import LAYER_TABLE, MissingLayer

    gds_numbers = {d.gds for d in LAYER_TABLE}

    class LightlanePdk(gf.Pdk):
        def get_layer(self, layer: Any) -> Any:
            if isinstance(layer, str) and not hasattr(self.layers, layer):
                raise MissingLayer(layer)
            if isinstance(layer, tuple | list) and tuple(layer) not in gds_numbers:
                raise MissingLayer(tuple(layer))
            return super().get_layer(layer)

        # --- gdsfactory names refused on purpose (issue 14; lightlane.components.gf_variants) ---
        def get_component(self, component: Any = None, *args: Any, **kwargs: Any) -> Any:
            from lightlane.components.gf_variants import REFUSED

            if isinstance(component, str) and component in REFUSED:
                raise ValueError(REFUSED[component])
            return super().get_component(component, *args, **kwargs)

    return LightlanePdk


def _constants() -> Any:
    """The process numbers gdsfactory's cells ask the PDK for (``gf.get_constant``)."""
    from gdsfactory.pdk import GenericConstants

    side = TECH.pad_side()
    return GenericConstants(
        fiber_input_to_output_spacing=TECH.fibre_pitches[0],
        metal_spacing=TECH.pad_clearance / 2,
        pad_pitch=TECH.pad_pitch_probe,
        pad_size=(side, side),
        wavelength=TECH.wavelength,
    )


@cache
def _cells_and_models() -> tuple[dict[str, Callable[..., Any]], dict[str, Callable[..., SDict]]]:
    """Every cell, and every model bound to its cell (closed forms of circuits included)."""
    from gdsfactory.get_factories import get_cells

    cells = get_cells(submodules("lightlane.components"), ignore_non_decorated=True)
    raw = collect_models(submodules("lightlane.models"))
    orphans = sorted(set(raw) - set(cells))
    if orphans:
        raise TypeError(f"models without a cell of the same name: {orphans}")
    return cells, {name: bind_model(model, cells[name], name) for name, model in raw.items()}


def closed_forms() -> dict[str, Callable[..., SDict]]:
    """The closed-form models of the composite cells (MZIs, rings, lattice filters), bound.

    They are not in ``PDK.models``: a composite cell's model is its netlist (gdsfactory's and
    sax's convention, so ``sax.circuit(c.get_netlist(recursive=True), models=PDK.models)``
    builds it); the closed form is the same device in one call, tested against the netlist.
    """
    return {name: m for name, m in _cells_and_models()[1].items() if m.is_circuit}


@cache
def simulation_models() -> dict[str, Callable[..., SDict]]:
    """``PDK.models`` and the closed forms: what lightlane's solver uses by default.

    An engine's filter or ring is then one model call (and one Monte Carlo draw) instead of
    its parts; the result equals the parts' netlist (``tests/test_composition.py``).
    """
    return {**get_pdk().models, **closed_forms()}


def model_of(name: str) -> Callable[..., SDict]:
    """The model of cell ``name``: its PDK model, or the closed form of a composite cell."""
    bound = _cells_and_models()[1]
    if name not in bound:
        raise KeyError(f"cell {name!r} has no model; cells with one: {sorted(bound)}")
    return bound[name]


@cache
def get_pdk() -> Any:
    """The lightlane PDK (cached: one object per process). Call ``.activate()`` to use it."""
    from lightlane.pdk.cross_sections import CROSS_SECTIONS
    from lightlane.pdk.layer_stack import get_layer_stack
    from lightlane.pdk.layers import LAYER, get_layer_views

    cells, bound = _cells_and_models()
    models = {name: m for name, m in bound.items() if not m.is_circuit}
    xs_default_names = {f().name: name for name, f in CROSS_SECTIONS.items()}
    return _pdk_class()(
        name="lightlane",
        version=__version__,
        cells=cells,
        models=models,
        cross_sections=dict(CROSS_SECTIONS),
        cross_section_default_names=xs_default_names,
        layers=LAYER,
        layer_stack=get_layer_stack(),
        layer_views=get_layer_views(),
        layer_transitions={},
        constants=_constants(),
        connectivity=[
            ("NPP", "VIAC", "M1"),
            ("PPP", "VIAC", "M1"),
            ("M1", "VIA1", "M2"),
            ("M2", "VIA2", "M3"),
        ],
    )
