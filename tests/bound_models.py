"""Model modules as the PDK serves them: each model bound to its cell (geometry filled in)."""

from __future__ import annotations

from types import ModuleType, SimpleNamespace

from lightlane.registry import closed_forms, get_pdk


def bound(module: ModuleType) -> SimpleNamespace:
    """``module``'s names, every model replaced by its bound one (``lightlane.PDK.models``, or
    for a composite cell its closed form)."""
    models = {**get_pdk().models, **closed_forms()}
    names = dict(vars(module))
    for name, obj in vars(module).items():
        if getattr(obj, "is_lightlane_model", False) and name in models:
            names[name] = models[name]
    return SimpleNamespace(**names)
