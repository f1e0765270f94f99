"""The docs' plots: model spectra, cross-section cuts and the layer stack (matplotlib, Agg)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend is chosen before pyplot loads
import numpy as np  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from lightlane.files import atomic_write  # noqa: E402

__all__ = ["O_BAND", "save_figure", "spectrum_figure", "stack_figure", "xs_figure"]

# 5 pm steps resolve resonances down to a loaded Q of ~100k at 1310 nm.
O_BAND = np.linspace(1.26, 1.36, 20001)
_DPI = 100


def save_figure(fig: Any, path: Path) -> Path:
    """Write ``fig`` as PNG (atomically) and close it."""
    try:
        atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=_DPI, format="png"))
    finally:
        plt.close(fig)
    return path


def spectrum_figure(name: str, model: Any, optical_ports: Sequence[str]) -> Any:
    """|S|^2 in dB over the O-band at the cell's defaults: every forward pair that carries light."""
    sdict = model(O_BAND)
    fig, ax = plt.subplots(figsize=(6, 3.2), constrained_layout=True)
    one_port = all(out == inp for inp, out in sdict)
    order = {p: i for i, p in enumerate(optical_ports)}
    for (inp, out), value in sorted(sdict.items()):
        forward = out != inp and order.get(out, 0) > order.get(inp, 0)
        if (one_port or forward) and np.any(np.abs(value) > 0):
            db = 10 * np.log10(np.maximum(np.abs(value) ** 2, 1e-30))
            ax.plot(O_BAND * 1e3, np.broadcast_to(db, O_BAND.shape), label=f"{out} <- {inp}")
    bottom, top = ax.get_ylim()
    ax.set_ylim(max(bottom, -60.0), max(top, 1.0))
    ax.set(xlabel="wavelength (nm)", ylabel="transmission (dB)", title=f"{name} (defaults)")
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize="small")
    return fig


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
    """The layer stack as drawn columns: each level from zmin to zmin + thickness, to scale in z.

    The 675 um substrate is cut: only its top micrometre is drawn.
    """
    from lightlane.pdk.layer_stack import STACK

    colours = _layer_colours()
    levels = [(n, *v) for n, v in STACK.items() if n != "substrate"]
    fig, ax = plt.subplots(figsize=(10, 5.5), constrained_layout=True)
    count = len(levels)
    floor = min(z for _, _, z, _, _ in levels) - 1.0
    ax.add_patch(Rectangle((-0.5, floor), count, 1.0, color="#b0b0b0", hatch="//"))
    ax.text(count / 2 - 0.5, floor + 0.5, "substrate (Si, 675 um, cut)", ha="center", va="center")
    for i, (name, layer, zmin, thickness, material) in enumerate(levels):
        colour = "#d9d9d9" if name == "box" else colours.get(layer, "#888888")
        ax.add_patch(
            Rectangle((i - 0.4, zmin), 0.8, thickness, facecolor=colour, edgecolor="black", lw=0.6)
        )
        label = f"{thickness * 1e3:g} nm\n{material}"
        ax.text(i, zmin + thickness + 0.08, label, ha="center", va="bottom", fontsize=7)
    top = max(z + t for _, _, z, t, _ in levels)
    ax.set(xlim=(-0.6, count - 0.4), ylim=(floor, top + 1.0), ylabel="z (um, 0 = top of BOX)")
    ax.set_xticks(range(count), [f"{n} ({layer})" for n, layer, *_ in levels], rotation=60)
    ax.axhline(0, color="black", lw=0.5, ls=":")
    ax.set_title("Layer stack: each level drawn at its z and thickness")
    return fig
