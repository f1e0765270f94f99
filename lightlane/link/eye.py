"""Eye diagrams: the 2-D histogram of a pattern-locked waveform and its plot with the TDECQ marks.

``eye_histogram`` folds one period onto a two-UI time axis centred on the eye (vectorised over
all samples, with ``numpy.histogram2d``); ``eye_figure`` draws it on a plain
``matplotlib.figure.Figure`` (no pyplot state), with the two TDECQ histogram windows, the three
thresholds and the measured figures (IEEE 802.3-2022 121.8.5.3 sets the windows and thresholds
on the equalised eye).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from lightlane.link._checks import require_int, require_range
from lightlane.link.compliance import TdecqResult
from lightlane.link.levels import delay_samples
from lightlane.link.signals import Waveform

__all__ = ["EyeHistogram", "eye_figure", "eye_histogram"]


@dataclass(frozen=True)
class EyeHistogram:
    """Counts ``(time_bins, value_bins)`` over ``time_ui`` (-1..1 about the centre) and
    ``value`` (the waveform's unit): bin edges of each axis."""

    counts: np.ndarray
    time_ui: np.ndarray
    value: np.ndarray
    unit: str


def eye_histogram(
    waveform: Waveform,
    centre_ui: float | None = None,
    time_bins: int | None = None,
    value_bins: int = 160,
    delay: int | None = None,
) -> EyeHistogram:
    """The eye of ``waveform`` over two UI about ``centre_ui`` (phase after the chain's delay).

    ``centre_ui`` (0..1, as :attr:`TdecqResult.eye_centre_ui`) defaults to half a UI;
    ``delay`` (samples, as :attr:`TdecqResult.delay`) to the waveform's correlation delay;
    ``time_bins`` to one bin per sample phase (two per sample per UI leave every other empty).
    """
    time_bins = 2 * waveform.samples_per_symbol if time_bins is None else time_bins
    require_int("time_bins", time_bins, 4, 4096)
    require_int("value_bins", value_bins, 8, 4096)
    y = np.asarray(waveform.samples)
    y = np.abs(y) ** 2 if np.iscomplexobj(y) else y
    if y.ndim != 1:
        raise ValueError(f"eye_histogram takes one waveform (1-D samples), got {y.shape}")
    sps_ = waveform.samples_per_symbol
    centre = 0.5 if centre_ui is None else require_range("centre_ui", centre_ui, 0.0, 1.0, "UI")
    lag = delay_samples(waveform) if delay is None else delay
    t = (np.arange(y.size) - lag) / sps_ - centre  # UI from an eye centre
    t = (t + 1.0) % 2.0 - 1.0
    span = float(np.ptp(y)) or 1.0
    edges_y = np.linspace(y.min() - 0.05 * span, y.max() + 0.05 * span, value_bins + 1)
    edges_t = np.linspace(-1.0, 1.0, time_bins + 1)
    counts, _, _ = np.histogram2d(t, y, bins=(edges_t, edges_y))
    unit = "mW" if np.iscomplexobj(waveform.samples) else waveform.unit
    return EyeHistogram(counts, edges_t, edges_y, unit)


def eye_figure(result: TdecqResult, title: str = "", figsize=(6.4, 4.0)) -> Figure:
    """The equalised eye of a TDECQ measurement with its windows, thresholds and figures."""
    hist = eye_histogram(result.equalised, result.eye_centre_ui, delay=result.delay)
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    density = np.log1p(hist.counts.T)
    ax.imshow(
        density,
        origin="lower",
        aspect="auto",
        extent=(hist.time_ui[0], hist.time_ui[-1], hist.value[0], hist.value[-1]),
        cmap="magma",
        interpolation="nearest",
    )
    for lo, hi in result.windows_ui:
        # Windows are phases of the UI; draw them relative to the eye centre at 0.
        a, b = lo - result.eye_centre_ui, hi - result.eye_centre_ui
        ax.axvspan(a, b, color="cyan", alpha=0.35, lw=0)
    for th in result.thresholds:
        ax.axhline(th, color="white", lw=0.8, ls="--")
    ax.set(
        xlabel="time (UI from the eye centre)",
        ylabel=f"power after reference receiver and FFE ({hist.unit})",
        title=title or "equalised eye",
    )
    text = (
        f"TDECQ {result.tdecq_db:.2f} dB\nOMA_outer {result.oma_outer:.3g} {hist.unit}\n"
        f"ER {result.extinction_ratio_db:.2f} dB\nRLM {result.rlm:.3f}\nC_eq {result.ceq:.3f}"
    )
    ax.text(
        0.02,
        0.98,
        text,
        transform=ax.transAxes,
        va="top",
        ha="left",
        color="white",
        fontsize="small",
        family="monospace",
    )
    return fig
