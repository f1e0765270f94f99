"""``make demo``: the main job, end to end, on what the PDK holds today.

Until the optical-engine circuits land (issue 7), the demo builds every cell of the PDK, writes
each to GDS, renders its picture, evaluates its model over the O-band and writes a summary. It
says so on the terminal rather than pretending to build an engine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from lightlane.files import atomic_write

__all__ = ["run_demo"]

O_BAND = (1.26, 1.36)


def _transmission_db(sdict: dict[tuple[str, str], np.ndarray], n: int) -> np.ndarray | None:
    """The best port-to-port transmission in dB (None for a one-port such as a terminator)."""
    through = [np.abs(v) ** 2 for (a, b), v in sdict.items() if a != b]
    if not through:
        return None
    best = np.max(np.broadcast_arrays(*through, np.zeros(n)), axis=0)
    return 10 * np.log10(np.maximum(best, 1e-30))


def _plot_spectra(spectra: dict[str, np.ndarray], wl: np.ndarray, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lightlane.models.dispersion import group_index, n_eff

    fig, (ax_t, ax_n) = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for name, db in spectra.items():
        ax_t.plot(wl * 1e3, db, label=name)
    ax_t.set(
        xlabel="wavelength (nm)", ylabel="best |Sij|^2 (dB)", title="cells with default settings"
    )
    ax_t.legend()
    for width in (0.35, 0.4, 0.5):
        ax_n.plot(wl * 1e3, n_eff(wl, width), label=f"n_eff, {width * 1e3:.0f} nm")
        ax_n.plot(wl * 1e3, group_index(wl, width), "--", label=f"n_g, {width * 1e3:.0f} nm")
    ax_n.set(xlabel="wavelength (nm)", ylabel="index", title="strip waveguide dispersion")
    ax_n.legend(fontsize="small")
    atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=120, format="png"))
    plt.close(fig)


def run_demo(output: Path, points: int = 1001) -> dict[str, Any]:
    """Build, render and evaluate every PDK cell into ``output``; return the summary."""
    from rich.console import Console
    from rich.progress import Progress

    from lightlane.cli import write_gds_checked
    from lightlane.pdk import get_pdk
    from lightlane.render import render_png

    console = Console()
    console.print(
        "[bold]lightlane demo[/bold]: the optical engine is not built yet (issue 7); "
        "building, rendering and simulating every PDK cell instead."
    )
    output = Path(output)
    (output / "cells").mkdir(parents=True, exist_ok=True)
    pdk = get_pdk()
    pdk.activate()
    wl = np.linspace(*O_BAND, points)
    summary: dict[str, Any] = {"cells": {}, "wavelength_um": list(O_BAND), "points": points}
    spectra: dict[str, np.ndarray] = {}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("cells", total=len(pdk.cells))
        for name in sorted(pdk.cells):
            progress.update(task, description=f"building {name}")
            component = pdk.cells[name]()
            gds = write_gds_checked(component, output / "cells" / f"{name}.gds")
            render_png(component, output / "cells" / f"{name}.png")
            entry: dict[str, Any] = {"gds": str(gds), "ports": len(component.ports)}
            db = _transmission_db(pdk.models[name](wl), points) if name in pdk.models else None
            if db is not None:
                spectra[name] = db
                entry["min_insertion_loss_db"] = round(float(-db.max()), 5)
                entry["at_wavelength_nm"] = round(float(wl[db.argmax()] * 1e3), 3)
            summary["cells"][name] = entry
            progress.advance(task)
    _plot_spectra(spectra, wl, output / "spectra.png")
    text = json.dumps(summary, indent=2)
    atomic_write(output / "summary.json", lambda tmp: tmp.write_text(text))
    for name, entry in summary["cells"].items():
        if "min_insertion_loss_db" in entry:
            loss = f"lowest loss {entry['min_insertion_loss_db']} dB"
            loss += f" at {entry['at_wavelength_nm']} nm"
        else:
            loss = "one port (absorber)"
        console.print(f"  {name:<16} ports={entry['ports']}  {loss}")
    console.print(f"wrote {output}/cells/*.gds|png, {output}/spectra.png, {output}/summary.json")
    return summary
