"""API reference pages: mkdocstrings directives for every public module of the packages.

Submodules are discovered, so a new components or models family (or ``lightlane.circuits``
once it has modules) gets its reference without editing the docs.
"""

from __future__ import annotations

import importlib.util
import pkgutil
from importlib import import_module
from pathlib import Path
from types import ModuleType

__all__ = ["API_PACKAGES", "write_api_pages"]

# package -> (page title, intro); the package's own docstring follows the intro.
API_PACKAGES: dict[str, tuple[str, str]] = {
    "lightlane": ("lightlane", "The top-level package: the PDK, `simulate`, `drc` and `rules`."),
    "lightlane.pdk": (
        "lightlane.pdk",
        "Technology: layers, rules, cross-sections, layer stack, the process table; the gf.Pdk "
        "that binds it to the cells and models is assembled in `lightlane.registry` (below).",
    ),
    "lightlane.physics": ("lightlane.physics", "The shared physics that cells and models read."),
    "lightlane.components": ("lightlane.components", "The cells, one module per family."),
    "lightlane.models": ("lightlane.models", "The compact models, mirroring the cells."),
    "lightlane.sim": ("lightlane.sim", "The circuit solver, sweeps and Monte Carlo."),
    "lightlane.verify": ("lightlane.verify", "DRC, connectivity, fab export and pre-flight."),
    "lightlane.circuits": ("lightlane.circuits", "Standards, transmitters, receivers, engines."),
}
# Modules shown on another package's page: the model contract, and the gf.Pdk assembly.
_ALSO = {"lightlane.models": ["lightlane.models._core"], "lightlane.pdk": ["lightlane.registry"]}
# Packages documented through their re-exports (``__all__``) rather than module by module.
_BY_EXPORTS = {"lightlane", "lightlane.sim", "lightlane.verify"}


def _public_submodules(package: str) -> list[str]:
    pkg = import_module(package)
    names = [m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_")]
    return [f"{package}.{name}" for name in sorted(names)]


def _shadowed_exports(package: str) -> list[str]:
    """Exports named like a submodule (``lightlane.sim.simulate``, the function, in the module
    of that name): the reference sees the module there, so each gets its own directive."""
    pkg = import_module(package)
    out = []
    for name in getattr(pkg, "__all__", ()):
        obj = getattr(pkg, name, None)
        if isinstance(obj, ModuleType) or not hasattr(obj, "__qualname__"):
            continue
        if importlib.util.find_spec(f"{package}.{name}") is not None:
            out.append(f"{obj.__module__}.{obj.__qualname__}")
    return out


def _page(package: str) -> list[str] | None:
    title, intro = API_PACKAGES[package]
    if package in _BY_EXPORTS:
        lines = [f"# {title}", "", intro, "", f"::: {package}", ""]
        for path in _shadowed_exports(package):
            lines += [f"::: {path}", "    options:", "      heading_level: 2", ""]
        return lines
    modules = _ALSO.get(package, []) + _public_submodules(package)
    if not modules:
        return None
    lines = [f"# {title}", "", intro, ""]
    if import_module(package).__doc__:
        lines += [f"::: {package}", "    options:", "      members: false", ""]
    for module in modules:
        lines += [f"::: {module}", "    options:", "      heading_level: 2", ""]
    return lines


def write_api_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Write ``docs_dir/api/*.md``; return (title, page) for every package with content."""
    out = docs_dir / "api"
    out.mkdir(parents=True)
    nav = []
    for package in API_PACKAGES:
        lines = _page(package)
        if lines is None:
            continue
        filename = f"{package.replace('.', '_')}.md"
        (out / filename).write_text("\n".join(lines))
        nav.append((API_PACKAGES[package][0], f"api/{filename}"))
    return nav
