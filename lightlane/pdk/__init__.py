"""The lightlane technology: layers, rules, cross-sections, layer stack and the ``gf.Pdk``.

``get_pdk()`` builds the PDK once per process, collecting every ``@gf.cell`` of
``lightlane.components`` and every model of ``lightlane.models`` automatically: adding a cell is
adding a function.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from lightlane import __version__
from lightlane.pdk.layers import LAYER_TABLE
from lightlane.pdk.rules import RULES, Rule, RuleTable

if TYPE_CHECKING:
    import gdsfactory as gf

__all__ = ["LAYER", "LAYER_TABLE", "RULES", "Rule", "RuleTable", "get_pdk", "submodules"]


def submodules(package: str) -> list[ModuleType]:
    """Import and return the public submodules of ``package`` (sorted by name)."""
    pkg = importlib.import_module(package)
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"{package}.{name}") for name in names]


def collect_models(modules: list[ModuleType]) -> dict[str, Any]:
    """Every function marked as a model (``lightlane.models.model``) in ``modules``, by name."""
    models: dict[str, Any] = {}
    for module in modules:
        for name, obj in vars(module).items():
            if getattr(obj, "is_lightlane_model", False) and obj.__module__ == module.__name__:
                if name in models:
                    raise ValueError(f"model {name!r} is defined twice ({module.__name__})")
                models[name] = obj
    return models


@cache
def get_pdk() -> gf.Pdk:
    """The lightlane PDK (cached: one object per process). Call ``.activate()`` to use it."""
    # gdsfactory loads here, not at import: the DRC reads the layer and rule tables without it
    import gdsfactory as gf
    from gdsfactory.get_factories import get_cells

    from lightlane.pdk.cross_sections import CROSS_SECTIONS
    from lightlane.pdk.layer_stack import get_layer_stack
    from lightlane.pdk.layers import LAYER, get_layer_views

    cells = get_cells(submodules("lightlane.components"), ignore_non_decorated=True)
    models = collect_models(submodules("lightlane.models"))
    xs_default_names = {f().name: name for name, f in CROSS_SECTIONS.items()}
    return gf.Pdk(
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
        connectivity=[("NPP", "VIAC", "M1"), ("PPP", "VIAC", "M1"), ("M1", "VIA1", "M2")],
    )


def __getattr__(name: str) -> Any:
    if name == "LAYER":
        from lightlane.pdk.layers import LAYER

        return LAYER
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
