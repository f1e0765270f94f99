"""Generate the documentation pages that come from the PDK: the cell gallery and the PDK tables.

``python -m lightlane.gallery DOCS_DIR`` writes ``DOCS_DIR/gallery/`` (one card per registered
cell: picture, ports, parameters, model spectrum, code) and ``DOCS_DIR/pdk/`` (layers, rules,
cross-sections). A cell added to the PDK appears without editing the docs.
"""

from __future__ import annotations

import inspect
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["docstring_args", "write_gallery", "write_pdk_pages"]

# 5 pm steps resolve resonances down to a loaded Q of ~100k at 1310 nm.
O_BAND = np.linspace(1.26, 1.36, 20001)


def docstring_args(func: Any) -> dict[str, str]:
    """The ``Args:`` section of a Google-style docstring as {name: description}."""
    doc = inspect.getdoc(func) or ""
    match = re.search(r"^Args:\n((?:[ \t]+.*\n?|\n)*)", doc, flags=re.MULTILINE)
    if not match:
        return {}
    args: dict[str, str] = {}
    current = None
    for line in match.group(1).splitlines():
        item = re.match(r"^\s{4}(\w+):\s*(.*)$", line)
        if item:
            current = item.group(1)
            args[current] = item.group(2).strip()
        elif current and line.strip():
            args[current] += " " + line.strip()
    return args


def _summary(func: Any) -> str:
    doc = inspect.getdoc(func) or ""
    return doc.split("\n\n")[0].replace("\n", " ")


def _spectrum_png(name: str, model: Any, ports: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sdict = model(O_BAND)
    fig, ax = plt.subplots(figsize=(6, 3.2), constrained_layout=True)
    one_port = all(out == inp for inp, out in sdict)
    for (inp, out), value in sorted(sdict.items()):
        shown = one_port or (out != inp and ports.index(out) > ports.index(inp))
        if shown and np.any(np.abs(value) > 0):
            db = 10 * np.log10(np.maximum(np.abs(value) ** 2, 1e-30))
            ax.plot(O_BAND * 1e3, np.broadcast_to(db, O_BAND.shape), label=f"{out} <- {inp}")
    bottom, top = ax.get_ylim()
    ax.set_ylim(max(bottom, -60.0), max(top, 1.0))
    ax.set(xlabel="wavelength (nm)", ylabel="transmission (dB)", title=f"{name} (defaults)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _cell_card(name: str, pdk: Any, images: Path) -> str:
    from lightlane.render import render_png

    factory = pdk.cells[name]
    component = factory()
    render_png(component, images / f"{name}.png", 640, 360)
    ports = [p for p in component.ports]
    described = docstring_args(factory)
    lines = [f"## {name}", "", _summary(factory), "", f"![{name}](images/{name}.png)", ""]
    lines += ["| parameter | default | description |", "|---|---|---|"]
    for param in inspect.signature(factory).parameters.values():
        lines.append(f"| `{param.name}` | `{param.default!r}` | {described.get(param.name, '')} |")
    lines += [
        "",
        "| port | type | width (um) | orientation (deg) | center (um) |",
        "|---|---|---|---|---|",
    ]
    for p in ports:
        center = f"({p.center[0]:g}, {p.center[1]:g})"
        lines.append(f"| `{p.name}` | {p.port_type} | {p.width:g} | {p.orientation:g} | {center} |")
    if name in pdk.models:
        optical = sorted(p.name for p in ports if p.port_type == "optical")
        _spectrum_png(name, pdk.models[name], optical, images / f"{name}_spectrum.png")
        lines += ["", f"Model `lightlane.models.{name}`: {_summary(pdk.models[name])}", ""]
        lines += [f"![{name} spectrum](images/{name}_spectrum.png)"]
    lines += [
        "",
        "```python",
        "import lightlane",
        "",
        "lightlane.PDK.activate()",
        f'c = lightlane.PDK.get_component("{name}")',
        f'c.write_gds("{name}.gds")',
        "```",
        "",
    ]
    return "\n".join(lines)


def write_gallery(docs_dir: Path) -> list[Path]:
    """Write ``docs_dir/gallery/index.md`` and its images; return the files written."""
    from lightlane.pdk import get_pdk

    pdk = get_pdk()
    pdk.activate()
    gallery = docs_dir / "gallery"
    shutil.rmtree(gallery, ignore_errors=True)
    images = gallery / "images"
    images.mkdir(parents=True)
    cards = [_cell_card(name, pdk, images) for name in sorted(pdk.cells)]
    index = gallery / "index.md"
    header = f"# Cell gallery\n\nEvery cell of the PDK ({len(cards)}), generated from the code.\n\n"
    index.write_text(header + "\n".join(cards))
    return [index, *sorted(images.iterdir())]


def write_pdk_pages(docs_dir: Path) -> list[Path]:
    """Write the layer, rule and cross-section tables into ``docs_dir/pdk/``."""
    from lightlane.pdk import LAYER_TABLE, RULES
    from lightlane.pdk.cross_sections import CROSS_SECTIONS
    from lightlane.pdk.layer_stack import STACK

    out = docs_dir / "pdk"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    layers = [
        "# Layers",
        "",
        "| name | GDS | fab | colour | description |",
        "|---|---|---|---|---|",
    ]
    for d in LAYER_TABLE:
        swatch = f'<span style="color:{d.color}">&#9632;</span> `{d.color}`'
        layers.append(
            f"| `{d.name}` | {d.gds[0]}/{d.gds[1]} | {'yes' if d.fab else 'no'} | {swatch} | "
            f"{d.description} |"
        )
    layers += [
        "",
        "## Layer stack",
        "",
        "| level | layer | zmin (um) | thickness (um) | material |",
    ]
    layers.append("|---|---|---|---|---|")
    for name, (layer, zmin, thickness, material) in STACK.items():
        layers.append(f"| {name} | `{layer}` | {zmin:g} | {thickness:g} | {material} |")
    rules = [
        "# Design rules",
        "",
        "| id | kind | layer | value | description |",
        "|---|---|---|---|---|",
    ]
    for r in RULES:
        rules.append(
            f"| `{r.id}` | {r.kind} | `{r.layer}` | {r.value:g} {r.unit} | {r.description} |"
        )
    xs = ["# Cross-sections", "", "| name | description | parameters |", "|---|---|---|"]
    for name, func in CROSS_SECTIONS.items():
        params = ", ".join(
            f"`{p.name}={p.default!r}`" for p in inspect.signature(func).parameters.values()
        )
        xs.append(f"| `{name}` | {_summary(func)} | {params} |")
    files = {"layers.md": layers, "rules.md": rules, "cross_sections.md": xs}
    for filename, lines in files.items():
        (out / filename).write_text("\n".join(lines) + "\n")
    return [out / f for f in files]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    written = write_pdk_pages(target) + write_gallery(target)
    print(f"wrote {len(written)} files into {target}")
