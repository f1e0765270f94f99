"""Model modules as the PDK serves them: each model bound to its cell (geometry filled in)."""

from __future__ import annotations

from types import ModuleType, SimpleNamespace

from lightlane.registry import get_pdk


def bound(module: ModuleType) -> SimpleNamespace:
    """``module``'s names, with every model replaced by ``lightlane.PDK.models``'s bound one."""
    models = get_pdk().models
    names = dict(vars(module))
    for name, obj in vars(module).items():
        if getattr(obj, "is_lightlane_model", False) and name in models:
            names[name] = models[name]
    return SimpleNamespace(**names)
