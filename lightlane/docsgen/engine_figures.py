"""The engine pages' figures: the loss waterfall from laser to photodiode and per-lane spectra.

Both read what the engine flow wrote (``summary.json``, ``sparams.npz``) and tolerate missing keys:
a figure whose inputs are absent is not drawn (its function returns ``None``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from lightlane.docsgen.plots import FLOOR_DB, data_limits, plt

__all__ = ["lane_spectra_figure", "waterfall_figure", "waterfall_steps"]


def waterfall_steps(
    chain: dict[str, Any], levels: dict[str, Any] | None, channel_loss_db: float | None = None
) -> list[tuple[str, float]]:
    """(stage, average power in dBm after it) from the laser to the photodiode of one lane's
    budget chain; the modulator's average transmission from its 1 and 0 levels when the chain
    has no average launch power. The receiver's stage is drawn only after a channel loss (the
    chain's or ``channel_loss_db``, the standard's). Empty without the laser power or Tx loss."""
    if "laser_dbm" not in chain or "tx_loss_db" not in chain:
        return []
    steps = [("laser", chain["laser_dbm"])]
    after_tx = chain["laser_dbm"] - chain["tx_loss_db"]
    steps.append((f"Tx passives\n-{chain['tx_loss_db']:.1f} dB", after_tx))
    if "tx_average_dbm" in chain:
        steps.append(("after modulator\n(average launch)", chain["tx_average_dbm"]))
    elif levels and "t1" in levels and "t0" in levels:
        average = after_tx + 10 * np.log10((levels["t1"] + levels["t0"]) / 2)
        steps.append(("after modulator\n(average launch)", average))
    channel = chain.get("channel_loss_db", channel_loss_db)
    if channel is None:
        return steps
    steps.append((f"fibre channel\n-{channel:.1f} dB", steps[-1][1] - channel))
    if "rx_loss_db" in chain:
        steps.append(
            (f"Rx to PD\n-{chain['rx_loss_db']:.1f} dB", steps[-1][1] - chain["rx_loss_db"])
        )
    return steps


def waterfall_figure(summary: dict[str, Any]) -> Any | None:
    """Average optical power along lane 1's chain, a bar per stage with its value, the lane's
    Tx OMA and the Rx sensitivity marked when the summary has them."""
    budget = summary.get("budget") or []
    if not budget or "chain" not in budget[0]:
        return None
    chain = budget[0]["chain"]
    levels = next(
        iter(((summary.get("devices") or {}).get("modulator") or {}).get("levels", {}).values()),
        None,
    )
    channel = (summary.get("interface") or {}).get("channel_loss_db")
    steps = waterfall_steps(chain, levels, channel)
    if len(steps) < 2:
        return None
    values = np.array([v for _, v in steps])
    fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
    positions = np.arange(len(steps))
    marks = []
    for key, label, style in (
        ("tx_oma_dbm", "Tx OMA", ":"),
        ("rx_sensitivity_dbm", "Rx sensitivity (OMA)", "--"),
        ("pd_oma_at_sensitivity_dbm", "PD OMA at sensitivity", "--"),
    ):
        if isinstance(chain.get(key), int | float):
            marks.append((chain[key], f"{label} {chain[key]:.1f} dBm", style))
    bottom = min([values.min(), *(m for m, _, _ in marks)]) - 3
    ax.bar(positions, values - bottom, bottom=bottom, color="#4c78a8", width=0.6)
    for x, v in zip(positions, values, strict=True):
        ax.text(x, v + 0.3, f"{v:.1f} dBm", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(positions, [name for name, _ in steps], fontsize=8)
    ax.set_ylabel("average power (dBm)")
    ax.set_ylim(bottom, max(values.max(), *(m for m, _, _ in marks)) + 3)
    for (value, label, style), colour in zip(
        marks, ("#2e8b57", "#c0392b", "#8e44ad"), strict=False
    ):
        ax.axhline(value, color=colour, ls=style, lw=1, label=label)
    ax.set_title(f"lane {budget[0].get('lane', 1)}: laser to photodiode", fontsize=10)
    ax.grid(alpha=0.3, axis="y")
    if ax.get_legend_handles_labels()[0]:
        ax.legend()
    return fig


def lane_spectra_figure(summary: dict[str, Any], sparams: Path) -> Any | None:
    """Tx (laser to fibre) and Rx (fibre to photodiodes, worse polarisation) transmission of
    every lane over the O-band, each lane's window shaded; ``None`` without S-parameters."""
    from lightlane.circuits.lane_figures import lane_powers
    from lightlane.sim.sparams import SParameters

    lanes = (summary.get("layout") or {}).get("lanes") or []
    if not lanes or not Path(sparams).exists():
        return None
    sp = SParameters.load(sparams)
    grating = (summary.get("options") or {}).get("coupling") == "grating"
    windows = (summary.get("interface") or {}).get("lane_windows_nm") or []
    sides = [s for s in ("tx", "rx") if any(f"{s}_port" in lane for lane in lanes)]
    fig, axes = plt.subplots(
        len(sides), 1, figsize=(8, 3.2 * len(sides)), layout="constrained", squeeze=False
    )
    wl_nm = sp.wl * 1e3
    for ax, side in zip(axes[:, 0], sides, strict=True):
        curves = []
        for lane in lanes:
            power = np.asarray(lane_powers(sp, lane, grating)[side])
            power = power.reshape(-1, power.shape[-1])[0]  # nominal sample
            db = 10 * np.log10(np.maximum(power, 1e-30))
            curves.append(db)
            ax.plot(wl_nm, np.where(db < FLOOR_DB, np.nan, db), lw=1,
                    label=f"lane {lane['lane']} ({lane['wavelength_nm']:g} nm)")  # fmt: skip
        for k, (lo, hi) in enumerate({tuple(w) for w in windows}):
            ax.axvspan(lo, hi, color="#f2c14e", alpha=0.2, lw=0, label=None if k else "lane window")
        ax.set_ylim(*data_limits(curves, FLOOR_DB, 1.0))
        ax.set_xlim(wl_nm[0], wl_nm[-1])
        title = "transmitter: laser to fibre" if side == "tx" else "receiver: fibre to photodiodes"
        ax.set(xlabel="wavelength (nm)", ylabel="transmission (dB)", title=title)
        ax.grid(alpha=0.3)
        ax.legend(ncol=1 if len(lanes) <= 8 else 2)
    return fig
