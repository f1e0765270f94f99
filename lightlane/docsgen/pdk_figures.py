"""The PDK pages' figures: a cut through each cross-section and the layer stack (matplotlib,
Agg, through :mod:`lightlane.docsgen.plots`, whose :func:`~lightlane.docsgen.plots.save_figure`
checks and writes them)."""

from __future__ import annotations

from typing import Any

from matplotlib.patches import Rectangle

from lightlane.docsgen.plots import plt

__all__ = ["stack_figure", "xs_figure"]


def _layer_colours() -> dict[str, str]:
    from lightlane.pdk.layers import LAYER_TABLE

    return {d.name: d.color for d in LAYER_TABLE}


def _stack_by_layer() -> dict[str, tuple[float, float, str]]:
    """Layer name -> (zmin, thickness, material) of its first level in the stack."""
    from lightlane.pdk.layer_stack import STACK

    out: dict[str, tuple[float, float, str]] = {}
    for layer, zmin, thickness, material in STACK.values():
        out.setdefault(layer, (zmin, thickness, material))
    return out


def xs_figure(name: str, xs: Any) -> Any:
    """A cut through cross-section ``xs``: each section at its width, offset, z and thickness."""
    from lightlane.components._checks import layer_name

    colours, levels = _layer_colours(), _stack_by_layer()
    drawn = []
    for section in xs.sections:
        layer = layer_name(section.layer)
        if layer in levels:
            zmin, thickness, material = levels[layer]
            drawn.append((layer, section.offset, section.width, zmin, thickness, material))
    half = max([abs(off) + w / 2 for _, off, w, *_ in drawn] + [0.5]) * 1.25
    top = max([z + t for *_, z, t, _ in drawn] + [0.5])
    fig, ax = plt.subplots(figsize=(6, 2.6), constrained_layout=True)
    ax.add_patch(Rectangle((-half, -0.4), 2 * half, 0.4, color="#d9d9d9", label="BOX (SiO2)"))
    ax.add_patch(Rectangle((-half, 0), 2 * half, top * 1.2, color="#eef4fb", label="cladding"))
    for layer, offset, width, zmin, thickness, material in drawn:
        ax.add_patch(
            Rectangle(
                (offset - width / 2, zmin),
                width,
                thickness,
                facecolor=colours.get(layer, "#888888"),
                edgecolor="black",
                linewidth=0.6,
                label=f"{layer} ({material}, {width:g} um)",
            )
        )
    ax.set(xlim=(-half, half), ylim=(-0.4, top * 1.2), xlabel="x (um)", ylabel="z (um)")
    ax.set_title(f"{name}: cut across the waveguide")
    ax.legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def stack_figure() -> Any:
    """The layer stack as one row per level: a bar from zmin to zmin + thickness (to scale in z),
    labelled with its thickness and material; rows in the stack's order, bottom level last.

    The 675 um substrate is left out (it is the floor below the BOX).
    """
    from lightlane.pdk.layer_stack import STACK

    colours = _layer_colours()
    levels = [(n, *v) for n, v in STACK.items() if n != "substrate"]
    fig, ax = plt.subplots(figsize=(10, 0.32 * len(levels) + 1.2), layout="constrained")
    top = max(z + t for _, _, z, t, _ in levels)
    bottom = min(z for _, _, z, _, _ in levels)
    for row, (name, layer, zmin, thickness, material) in enumerate(levels):
        colour = "#d9d9d9" if name == "box" else colours.get(layer, "#888888")
        ax.barh(row, thickness, left=zmin, height=0.7, color=colour, edgecolor="black", lw=0.6)
        label = (
            f"{thickness * 1e3:g} nm {material}"
            if thickness < 1
            else f"{thickness:g} um {material}"
        )
        ax.text(zmin + thickness + 0.1, row, label, va="center", fontsize=8)
    ax.set_yticks(range(len(levels)), [f"{n} ({layer})" for n, layer, *_ in levels], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.5, ls=":")
    ax.set(xlim=(bottom - 0.5, top + 3.0), xlabel="z (um, 0 = top of the BOX)")
    ax.set_title("Layer stack: each level from its zmin over its thickness (substrate below)")
    ax.grid(alpha=0.3, axis="x")
    return fig
