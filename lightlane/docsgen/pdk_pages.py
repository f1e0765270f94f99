"""The PDK pages: layers with colours, the layer stack drawn, design rules, cross-sections drawn.

Each table is generated from the one source of its facts (``pdk/layers.py``, ``pdk/rules.py``,
``pdk/cross_sections.py``, ``pdk/layer_stack.py``).
"""

from __future__ import annotations

import inspect
from pathlib import Path

from lightlane.docsgen.params import docstring_args, summary
from lightlane.docsgen.pdk_figures import stack_figure, xs_figure
from lightlane.docsgen.plots import save_figure
from lightlane.docsgen.text import table_cell

__all__ = ["write_pdk_pages"]

_SWATCH = (
    '<span class="ll-swatch" style="display:inline-block;width:1.4em;height:1em;'
    'vertical-align:middle;border:1px solid #444;background:{color}"></span>'
)


def _layers_page() -> list[str]:
    from lightlane.pdk.layers import LAYER_TABLE

    lines = [
        "# Layers",
        "",
        "Generated from `lightlane/pdk/layers.py`, the source of the KLayout layer properties "
        "(`lightlane tech`) and of the gallery's colours.",
        "",
        "| name | GDS | to fab | colour | fill | description |",
        "|---|---|---|---|---|---|",
    ]
    for d in LAYER_TABLE:
        swatch = _SWATCH.format(color=d.color)
        lines.append(
            f"| `{d.name}` | {d.gds[0]}/{d.gds[1]} | {'yes' if d.fab else 'no'} | "
            f"{swatch} `{d.color}` | {d.hatch} | {table_cell(d.description)} |"
        )
    return lines


def _stack_page(pdk_dir: Path) -> list[str]:
    from lightlane.pdk import layer_stack
    from lightlane.pdk.layer_stack import STACK

    save_figure(stack_figure(), pdk_dir / "images" / "layer_stack.png")
    lines = [
        "# Layer stack",
        "",
        table_cell(summary(layer_stack)),
        "",
        "![The layer stack](images/layer_stack.png)",
        "",
        "| level | layer | zmin (um) | thickness (um) | material |",
        "|---|---|---|---|---|",
    ]
    for name, (layer, zmin, thickness, material) in STACK.items():
        lines.append(f"| {name} | `{layer}` | {zmin:g} | {thickness:g} | {material} |")
    return lines


def _rules_page() -> list[str]:
    from lightlane.pdk.rules import RULES

    lines = [
        "# Design rules",
        "",
        f"{len(RULES)} rules, generated from `lightlane/pdk/rules.py`: the same table that the "
        "cells check their parameters against and that the DRC deck is generated from.",
        "",
    ]
    kinds = list(dict.fromkeys(r.kind for r in RULES))
    for kind in kinds:
        lines += [
            f"## {kind.capitalize()}",
            "",
            "| id | layer | other | value | description |",
            "|---|---|---|---|---|",
        ]
        for r in RULES.of_kind(kind):
            other = ", ".join(f"`{o}`" for o in r.other)
            lines.append(
                f"| `{r.id}` | `{r.layer}` | {other} | {r.value:g} {r.unit} | "
                f"{table_cell(r.description)} |"
            )
        lines.append("")
    return lines


def _cross_sections_page(pdk_dir: Path) -> list[str]:
    from lightlane.components._checks import layer_name
    from lightlane.pdk.cross_sections import CROSS_SECTIONS
    from lightlane.pdk.rules import RULES

    lines = [
        "# Cross-sections",
        "",
        'Cells take a cross-section by name (`cross_section="strip"`) and read width, layers '
        "and minimum radius from it. Each picture is a cut drawn from the cross-section's "
        "sections and the layer stack.",
        "",
    ]
    for name, func in CROSS_SECTIONS.items():
        xs = func()
        save_figure(xs_figure(name, xs), pdk_dir / "images" / f"xs_{name}.png")
        described = docstring_args(func)
        lines += [f"## {name}", "", table_cell(summary(func)), ""]
        lines += [f"![{name} cross-section](images/xs_{name}.png)", ""]
        if rule := RULES.find("radius", name):
            lines += [f"Minimum bend radius: {rule.value:g} {rule.unit} (rule `{rule.id}`).", ""]
        lines += ["| section | layer | width (um) | offset (um) |", "|---|---|---|---|"]
        for section in xs.sections:
            lines.append(
                f"| {section.name or '-'} | `{layer_name(section.layer)}` | "
                f"{section.width:g} | {section.offset:g} |"
            )
        lines += ["", "| parameter | default | description |", "|---|---|---|"]
        for p in inspect.signature(func).parameters.values():
            lines.append(
                f"| `{p.name}` | `{p.default!r}` | {table_cell(described.get(p.name, ''))} |"
            )
        lines.append("")
    return lines


def write_pdk_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Write the PDK pages into ``docs_dir/pdk/``; return (title, page) for the navigation.
    From the build's cache when the code is unchanged (see :mod:`lightlane.docsgen.build_cache`)."""
    from lightlane.docsgen.build_cache import cached_output

    pages = cached_output("pdk", [], docs_dir / "pdk", lambda: _write_pdk_pages(docs_dir))
    return [(title, page) for title, page in pages]


def _write_pdk_pages(docs_dir: Path) -> list[tuple[str, str]]:
    pdk_dir = docs_dir / "pdk"
    (pdk_dir / "images").mkdir(parents=True)
    pages = {
        "layers.md": ("Layers", _layers_page()),
        "layer_stack.md": ("Layer stack", _stack_page(pdk_dir)),
        "rules.md": ("Design rules", _rules_page()),
        "cross_sections.md": ("Cross-sections", _cross_sections_page(pdk_dir)),
    }
    for filename, (_, lines) in pages.items():
        (pdk_dir / filename).write_text("\n".join(lines) + "\n")
    return [(title, f"pdk/{filename}") for filename, (title, _) in pages.items()]
