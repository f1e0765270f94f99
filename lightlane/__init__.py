"""lightlane: an open photonic design kit for 400G, 800G and 1.6T datacenter transceivers.

>>> import lightlane
>>> lightlane.PDK.activate()
>>> c = lightlane.PDK.get_component("straight")

Heavy parts (the PDK object, the solver, DRC) load on first use so that ``import lightlane``
stays fast.
"""

from __future__ import annotations

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
    from lightlane.pdk import get_pdk as _get_pdk

    return _get_pdk()


def __getattr__(name: str) -> Any:
    if name == "PDK":
        return get_pdk()
    if name == "drc":
        from lightlane.verify import drc

        return drc
    if name in ("simulate", "compile"):
        import lightlane.sim

        return getattr(lightlane.sim, name)
    if name == "rules":
        from lightlane.pdk.rules import RULES

        return RULES
    raise AttributeError(f"module 'lightlane' has no attribute {name!r}")
