"""API reference pages: mkdocstrings directives for every public module of the packages.

Submodules are discovered, so a new components or models family (or ``lightlane.circuits``
once it has modules) gets its reference without editing the docs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import pkgutil
import tempfile
from importlib import import_module
from pathlib import Path
from types import ModuleType

from lightlane.docsgen.text import DocsBuildError, code_block

__all__ = ["API_PACKAGES", "TOP_LEVEL", "run_example", "write_api_pages"]

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


TOP_LEVEL: list[tuple[str, str, str, str]] = [
    (
        "lightlane.PDK",
        "lightlane.registry.get_pdk",
        "The gdsfactory `Pdk` of lightlane: `cells`, `models`, `cross_sections` and `layers` "
        "are its registries; `activate()` makes it gdsfactory's active PDK.",
        """import lightlane

lightlane.PDK.activate()
print(len(lightlane.PDK.cells), "cells,", len(lightlane.PDK.models), "models")
bend = lightlane.PDK.get_component("bend_euler", radius=10)
print("ports", [p.name for p in bend.ports], "length", bend.info["length"], "um")""",
    ),
    (
        "lightlane.simulate",
        "lightlane.sim.simulate.simulate",
        "S-parameters of a cell or a netlist over wavelength, with the PDK's models unless you "
        "pass `models`; composite cells are solved from their layout netlist.",
        """import lightlane

mzi = lightlane.PDK.get_component("mzi_unbalanced", delta_length=40)
sp = lightlane.simulate(mzi, wl="1.30:1.32:201")  # start:stop:points in um
print(sp.ports, sp.s.shape)
print(f"peak {sp.db('o2', 'o1').max():.2f} dB")""",
    ),
    (
        "lightlane.drc",
        "lightlane.verify.drc",
        "Design-rule check of a component or a GDS file against the deck generated from "
        "`lightlane.rules`: violations per rule with locations; `.ok` when clean.",
        """import lightlane

report = lightlane.drc(lightlane.PDK.get_component("ring_single"))
print("clean" if report.ok else report)""",
    ),
    (
        "lightlane.rules",
        "lightlane.pdk.rules.RuleTable",
        "The design-rule table: every width, space, enclosure and radius rule once, read by the "
        "cells, the DRC deck and the [design rules](../pdk/rules.md) page.",
        """import lightlane

print(len(lightlane.rules), "rules")
rule = lightlane.rules.find("radius", "strip")
print(rule.id, rule.value, rule.unit, "-", rule.description)""",
    ),
    (
        "lightlane.circuits.engine.engine",
        "lightlane.circuits.engine.engine",
        "The optical engine of an interface standard as one component (transmitter, receiver, "
        "fibre array, die); `lightlane engine` on the command line adds the budget and reports.",
        """from lightlane.circuits.engine import engine

chip = engine("400G-DR4", side="tx")
print(chip.name, f"{chip.xsize:.0f} x {chip.ysize:.0f} um,", len(chip.ports), "ports")""",
    ),
]
"""The top-level API: (name, object documented, what it is, an example run at build time)."""


def run_example(name: str, code: str) -> str:
    """Run ``code`` in a scratch directory and return what it prints; a failure is a
    :class:`DocsBuildError` naming the example."""
    out = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="lightlane-api-") as tmp:
        from lightlane.docsgen.gallery import working_directory

        with working_directory(Path(tmp)), contextlib.redirect_stdout(out):
            try:
                exec(compile(code, f"<api example {name}>", "exec"), {"__name__": "__main__"})
            except Exception as error:
                raise DocsBuildError(f"API example of {name}: {error!r}") from error
    return out.getvalue()


def _top_level_page() -> list[str]:
    title, intro = API_PACKAGES["lightlane"]
    lines = [f"# {title}", "", intro, "", "`import lightlane` stays fast: each name below loads "
             "its part on first use.", ""]  # fmt: skip
    available = [entry for entry in TOP_LEVEL if _importable(entry[1])]
    lines += ["| name | what it is |", "|---|---|"]
    lines += [f"| [`{name}`](#{_anchor(name)}) | {what} |" for name, _, what, _ in available]
    lines.append("")
    for name, target, what, example in available:
        printed = run_example(name, example)
        lines += [f"## `{name}` {{ #{_anchor(name)} }}", "", what, ""]
        lines += [*code_block("python", example, title="example"), ""]
        if printed.strip():
            lines += [*code_block("text", printed, title="output"), ""]
        lines += [f"Reference: [`{target}`][{target}].", ""]
    lines += ["## Everything else in the package", "", "::: lightlane", "    options:",
              "      heading_level: 3", ""]  # fmt: skip
    return lines


def _anchor(name: str) -> str:
    return name.replace(".", "-").lower()


def _importable(path: str) -> bool:
    module = path
    while module:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ModuleNotFoundError, ValueError):
            found = False
        if found:
            return True
        module = module.rpartition(".")[0]
    return False


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
    if package == "lightlane":
        return _top_level_page()
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
