"""lightlane: an open photonic design kit for 400G, 800G and 1.6T datacenter transceivers.

>>> import lightlane
>>> lightlane.PDK.activate()
>>> c = lightlane.PDK.get_component("straight")

Heavy parts (the PDK object, the solver, DRC) load on first use so that ``import lightlane``
stays fast.
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gdsfactory import Pdk

    from lightlane.pdk.rules import RuleTable
    from lightlane.sim import compile, simulate
    from lightlane.verify import drc

    PDK: Pdk
    rules: RuleTable

__all__ = ["PDK", "__version__", "compile", "drc", "get_pdk", "rules", "simulate"]


def get_pdk() -> Any:
    """Return the lightlane ``gf.Pdk`` (built once per process)."""
    from lightlane.registry import get_pdk as _get_pdk

    return _get_pdk()


def _with_pdk_models(function: Any) -> Any:
    """``function`` (the solver's simulate or compile) with the lightlane PDK's models unless
    the caller passes ``models``; the solver alone defaults to the active gdsfactory PDK's."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kw: Any) -> Any:
        bound = inspect.signature(function).bind_partial(*args, **kw)
        if bound.arguments.get("models") is None:
            from lightlane.registry import simulation_models

            bound.arguments["models"] = simulation_models()
        return function(*bound.args, **bound.kwargs)

    return wrapper


def __getattr__(name: str) -> Any:
    if name == "PDK":
        return get_pdk()
    if name == "drc":
        from lightlane.verify import drc

        return drc
    if name in ("simulate", "compile"):
        import lightlane.sim

        return _with_pdk_models(getattr(lightlane.sim, name))
    if name == "rules":
        from lightlane.pdk.rules import RULES

        return RULES
    raise AttributeError(f"module 'lightlane' has no attribute {name!r}")
