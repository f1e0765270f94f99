"""The docs' plots: model spectra and the checks every figure passes (matplotlib, Agg; the
cross-section cuts and the layer stack are in :mod:`lightlane.docsgen.pdk_figures`).

Every figure the site shows is checked before it is saved (:func:`figure_problems`): each curve
lies inside its axes with a margin, no axis is empty. :func:`save_figure` writes the PNG and, next
to it, the figure's data summary (``.json``: axis limits and each curve's extent), which the docs
tests read back from the built site.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend is chosen before pyplot loads
import numpy as np  # noqa: E402

from lightlane.files import atomic_write  # noqa: E402

__all__ = [
    "O_BAND",
    "adaptive_wavelengths",
    "data_limits",
    "figure_data",
    "figure_problems",
    "save_figure",
    "spectrum_figure",
    "spectrum_pairs",
]

# 25 pm steps to start with; adaptive_wavelengths refines wherever a curve bends faster.
O_BAND = np.linspace(1.26, 1.36, 4001)
_DPI = 100
FLOOR_DB = -60.0
"""Spectra are drawn down to this level; deeper nulls leave the axes (the floor is marked)."""
MIN_SPAN_DB = 1.0
"""The smallest vertical span of a spectrum's axes: a flat 0.002 dB loss reads as flat."""
EDGE_FRACTION = 0.02
"""A curve closer than this fraction of the axis span to a horizontal edge is 'on the edge'."""


def figure_data(fig: Any) -> dict[str, Any]:
    """Each axes' limits and the extent of each curve drawn in data coordinates (what the tests
    read back): ``{"axes": [{"title", "xlim", "ylim", "lines": [{"label", "x", "y", "points"}]}]}``.
    Lines in axes coordinates (``axhline``, ``axvline``) are markers, not curves, and are left out.
    """
    axes = []
    for ax in fig.axes:
        lines = []
        for line in ax.get_lines():
            if not line.get_transform().contains_branch(ax.transData):
                continue
            x = np.asarray(line.get_xdata(), dtype=float)
            y = np.asarray(line.get_ydata(), dtype=float)
            shown = np.isfinite(x) & np.isfinite(y)
            bottom, top = sorted(ax.get_ylim())
            inside = shown & (y >= bottom) & (y <= top)
            entry: dict[str, Any] = {"label": line.get_label(), "points": int(shown.sum())}
            if shown.any():
                entry["x"] = [float(x[shown].min()), float(x[shown].max())]
                entry["y"] = [float(y[shown].min()), float(y[shown].max())]
                entry["inside"] = int(inside.sum())
            lines.append(entry)
        if lines or ax.has_data():
            axes.append(
                {
                    "title": ax.get_title(),
                    "xlim": [float(v) for v in ax.get_xlim()],
                    "ylim": [float(v) for v in ax.get_ylim()],
                    "lines": lines,
                }
            )
    return {"axes": axes}


def figure_problems(
    data: dict[str, Any], strict: bool = True, floor: float | None = None
) -> list[str]:
    """What makes a figure uninformative: an axes whose curves show nothing inside it (an empty
    plot), a curve without points or outside the x range. ``strict`` (spectra) also refuses a
    curve beyond or within :data:`EDGE_FRACTION` of a horizontal edge, except below ``floor``
    (deep nulls, which the figure marks); otherwise each curve needs a fifth of its points in view
    (a response may roll off through the bottom of its axes)."""
    problems = []
    for ax in data["axes"]:
        where = f"axes {ax['title']!r}" if ax["title"] else "axes"
        bottom, top = sorted(ax["ylim"])
        left, right = sorted(ax["xlim"])
        margin = EDGE_FRACTION * (top - bottom)
        if not ax["lines"]:
            continue  # bars, patches or images: nothing to check here
        if not any(line.get("inside", 0) > 1 for line in ax["lines"]):
            problems.append(f"{where}: no curve is drawn inside the axes (an empty plot)")
        for line in ax["lines"]:
            name = f"{where}, curve {line['label']!r}"
            if "y" not in line:
                problems.append(f"{name}: no finite point")
                continue
            lo, hi = line["y"]
            x_lo, x_hi = line["x"]
            if x_hi < left or x_lo > right:
                problems.append(f"{name}: outside the x range {left:g}..{right:g}")
            if not strict:
                if line["inside"] < 0.2 * line["points"]:
                    problems.append(f"{name}: {line['inside']} of {line['points']} points in view")
                continue
            if hi > top - margin:
                problems.append(f"{name}: reaches {hi:.4g}, on or above the top {top:.4g}")
            deep = floor is not None and lo < floor
            if lo < bottom + margin and not deep:
                problems.append(f"{name}: reaches {lo:.4g}, on or below the bottom {bottom:.4g}")
    return problems


def save_figure(
    fig: Any, path: Path, check: str | None = "figure", floor: float | None = None
) -> Path:
    """Write ``fig`` as PNG (atomically) and its :func:`figure_data` next to it as ``.json``;
    close it. Legends are moved outside the data. ``check`` is ``"spectrum"`` (strict),
    ``"figure"`` or ``None`` (:func:`figure_problems`); a figure with problems raises
    :class:`~lightlane.docsgen.text.DocsBuildError` naming them, and nothing is written."""
    from lightlane.docsgen.text import DocsBuildError

    try:
        _legends_outside(fig)
        data = figure_data(fig)
        data.update(check=check, floor=floor)
        problems = figure_problems(data, check == "spectrum", floor) if check else []
        if problems:
            raise DocsBuildError(f"figure {Path(path).name}: " + "; ".join(problems))
        atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=_DPI, format="png"))
        sidecar = Path(path).with_suffix(".json")
        atomic_write(sidecar, lambda tmp: Path(tmp).write_text(json.dumps(data, indent=1)))
    finally:
        plt.close(fig)
    return path


def _legends_outside(fig: Any) -> None:
    """Every legend to the right of its axes, so that no legend hides a curve."""
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or getattr(legend, "_lightlane_outside", False):
            continue
        handles, labels = ax.get_legend_handles_labels()
        moved = ax.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0.0,
            fontsize="small",
            frameon=False,
        )
        moved._lightlane_outside = True


def data_limits(
    values: Sequence[np.ndarray], floor: float | None = None, min_span: float = 0.0
) -> tuple[float, float]:
    """Axis limits that hold every finite value of ``values`` with an 8 % margin each side,
    at least ``min_span`` wide (centred on the data), the bottom no lower than ``floor`` minus
    the margin (deeper points leave the axes)."""
    finite = [np.asarray(v)[np.isfinite(v)] for v in values]
    finite = [v for v in finite if v.size]
    if not finite:
        raise ValueError("no finite value to scale an axis to")
    lo = min(float(v.min()) for v in finite)
    hi = max(float(v.max()) for v in finite)
    if floor is not None:
        lo = max(lo, floor)
        hi = max(hi, lo)
    span = max(hi - lo, min_span / 1.16, 1e-12)
    centre = (lo + hi) / 2 if hi - lo < span else None
    if centre is not None:
        lo, hi = centre - span / 2, centre + span / 2
    return lo - 0.08 * span, hi + 0.08 * span


def adaptive_wavelengths(
    evaluate: Callable[[np.ndarray], np.ndarray],
    wl: np.ndarray = O_BAND,
    tol_db: float = 0.1,
    rounds: int = 10,
    max_points: int = 200_000,
) -> tuple[np.ndarray, np.ndarray]:
    """Wavelengths (um) fine enough that straight lines between samples stay within ``tol_db`` of
    every curve, and the curves there: ``evaluate(wl) -> (curves, len(wl))`` in dB.

    Each round evaluates the midpoints of the intervals still refined and keeps those where the
    curve departs from the chord by more than ``tol_db``; a 15 pm ring notch sampled at 5 pm gets
    sub-picometre steps at its bottom, a flat loss keeps the starting grid.
    """
    wl = np.asarray(wl, dtype=float)
    y = np.atleast_2d(evaluate(wl))
    active = np.arange(wl.size - 1)
    for _ in range(rounds):
        if not active.size or wl.size >= max_points:
            break
        mids = (wl[active] + wl[active + 1]) / 2
        at_mids = np.atleast_2d(evaluate(mids))
        chord = (y[:, active] + y[:, active + 1]) / 2
        keep = np.nanmax(np.abs(at_mids - chord), axis=0) > tol_db
        if not keep.any():
            break
        order = np.argsort(np.concatenate([wl, mids[keep]]), kind="stable")
        wl = np.concatenate([wl, mids[keep]])[order]
        y = np.concatenate([y, at_mids[:, keep]], axis=1)[:, order]
        position = np.flatnonzero(order >= order.size - int(keep.sum()))  # the new points
        active = np.unique(np.concatenate([position - 1, position]))
        active = active[(active >= 0) & (active < wl.size - 1)]
    return wl, y


def _lane_windows(info: dict[str, Any]) -> list[tuple[float, float]]:
    """The CWDM4 lane windows (nm, 802.3 Table 151-5) of a cell whose ``info`` names its lanes'
    wavelengths; none for other cells."""
    centres = info.get("wavelengths_nm") or ()
    if not centres:
        return []
    from lightlane.circuits.standards import CWDM4_WINDOWS_NM

    return [(lo, hi) for lo, hi in CWDM4_WINDOWS_NM if any(lo < c < hi for c in centres)]


def spectrum_pairs(
    sdict: dict, optical_ports: Sequence[str], info: dict[str, Any] | None = None
) -> list[tuple[str, str]]:
    """The (input, output) pairs a spectrum shows: common to lane ports for a (de)multiplexer
    (``info["common_port"]``, ``info["lane_ports"]``), otherwise every forward pair that carries
    light; the reflection of a one-port."""
    info = info or {}
    lanes, common = info.get("lane_ports"), info.get("common_port")
    if lanes and common:
        forward = [(common, lane) for lane in lanes]
        wanted = [p for p in forward if p in sdict] or [(b, a) for a, b in forward]
        return [p for p in wanted if p in sdict]
    if all(out == inp for inp, out in sdict):
        candidates = sorted(sdict)
    else:
        order = {p: i for i, p in enumerate(optical_ports)}
        candidates = [
            (inp, out)
            for inp, out in sorted(sdict)
            if out != inp and order.get(out, 0) > order.get(inp, 0)
        ]
    return [p for p in candidates if np.any(np.abs(sdict[p]) > 0)]


def _db(value: Any, shape: tuple[int, ...]) -> np.ndarray:
    return 10 * np.log10(np.maximum(np.abs(np.broadcast_to(value, shape)) ** 2, 1e-30))


def _resonance(wl: np.ndarray, y: np.ndarray, step: float) -> tuple[float, float] | None:
    """(centre, half-width) in um of the narrow resonance nearest 1310 nm, if the adaptive grid
    found one: a run of refined samples under 0.5 nm in which some curve's power swings by more
    than a third of its peak. ``None`` for spectra without narrow features."""
    refined = np.diff(wl) < 0.99 * step
    if not refined.any():
        return None
    edges = np.diff(np.concatenate([[0], refined.astype(int), [0]]))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    power = 10 ** (y / 10)
    found = []
    for start, stop in zip(starts, stops, strict=True):
        lo, hi = wl[start], wl[stop]
        if hi - lo > 5e-4:
            continue
        run = power[:, start : stop + 1]
        swing = (run.max(axis=1) - run.min(axis=1)) / np.maximum(power.max(axis=1), 1e-30)
        if swing.max() > 1 / 3:
            k = int(np.argmax(swing))
            centre = wl[start + int(np.argmin(run[k]))]
            found.append((abs(centre - 1.31), centre, max(hi - lo, 4 * step)))
    if not found:
        return None
    _, centre, width = min(found)
    return centre, 1.5 * width


def _merge_identical(pairs: list[tuple[str, str]], y: np.ndarray) -> tuple[list[int], list[str]]:
    """One curve for pairs that are equal within 0.01 dB (reciprocal or symmetric ports): the
    indices kept and their labels, naming all of them (``o2 ← o1 = o4 ← o3``)."""
    kept: list[int] = []
    labels: list[str] = []
    for i, (inp, out) in enumerate(pairs):
        same = next((j for j, k in enumerate(kept) if np.allclose(y[i], y[k], atol=0.01)), None)
        if same is None:
            kept.append(i)
            labels.append(f"{out} ← {inp}")
        else:
            labels[same] += f" = {out} ← {inp}"
    return kept, labels


def spectrum_figure(
    name: str, model: Any, optical_ports: Sequence[str], info: dict[str, Any] | None = None
) -> Any:
    """|S|^2 in dB over the O-band at the cell's defaults (see :func:`spectrum_pairs`), sampled
    adaptively, on axes scaled to the curves; a narrow resonance gets a zoom panel, lane windows
    are shaded, deep nulls leave the axes at :data:`FLOOR_DB` (marked)."""
    info = dict(info or {})
    pairs = spectrum_pairs(model(O_BAND), optical_ports, info)
    if not pairs:
        raise ValueError(f"{name}: the model carries no light between its optical ports")

    def curves(wl: np.ndarray) -> np.ndarray:
        sdict = model(wl)
        return np.stack([np.maximum(_db(sdict[p], wl.shape), FLOOR_DB - 10) for p in pairs])

    wl, y = adaptive_wavelengths(curves, O_BAND)
    kept, labels = _merge_identical(pairs, y)
    reflection = all(a == b for a, b in pairs)
    kind = "reflection" if reflection else "transmission"
    resonance = _resonance(wl, y, float(O_BAND[1] - O_BAND[0]))
    fig = plt.figure(figsize=(8, 5.6 if resonance else 3.4), layout="constrained")
    axes = fig.subplots(2 if resonance else 1, 1, squeeze=False)[:, 0]
    panels = [(axes[0], wl, y[kept], f"{name}: {kind} at the defaults")]
    if resonance:
        centre, half = resonance
        zoom_wl, zoom_y = adaptive_wavelengths(
            curves, np.linspace(centre - half, centre + half, 801), tol_db=0.05
        )
        panels.append(
            (axes[1], zoom_wl, zoom_y[kept], f"zoom on the resonance at {centre * 1e3:.3f} nm")
        )
    lane_of = dict(
        zip(info.get("lane_ports") or (), info.get("wavelengths_nm") or (), strict=False)
    )
    for k, (ax, grid, values, title) in enumerate(panels):
        # the zoom panel's x axis is the offset from the resonance, in pm
        x = grid * 1e3 if k == 0 else (grid - resonance[0]) * 1e6
        for index, db, label in zip(kept, values, labels, strict=True):
            inp, out = pairs[index]
            if out in lane_of or inp in lane_of:
                label += f" (lane {lane_of.get(out, lane_of.get(inp)):g} nm)"
            if np.ptp(db) < 0.05:
                label += f": {np.interp(1.31, grid, db):.3g} dB, flat"
            ax.plot(x, np.where(db < FLOOR_DB, np.nan, db), label=label)
        ax.set_ylim(*data_limits(values, FLOOR_DB, MIN_SPAN_DB))
        ax.set_xlim(x[0], x[-1])
        if (values < FLOOR_DB).any():
            ax.axhline(
                FLOOR_DB, color="grey", lw=0.8, ls="--", label=f"< {FLOOR_DB:g} dB not drawn"
            )
        for j, (lo, hi) in enumerate(_lane_windows(info) if k == 0 else ()):
            ax.axvspan(lo, hi, color="#f2c14e", alpha=0.2, lw=0, label=None if j else "CWDM4 lane")
        xlabel = "wavelength (nm)" if k == 0 else f"offset from {resonance[0] * 1e3:.3f} nm (pm)"
        ax.set(xlabel=xlabel, ylabel=f"{kind} (dB)", title=title)
        ax.grid(alpha=0.3)
        ax.legend()
    return fig
