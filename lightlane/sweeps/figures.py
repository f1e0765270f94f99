"""Figures a sweep collects, by name: ``figure(context) -> {name: scalar | array}``.

Scalars become columns of the result table (``<figure>.<name>``), arrays go to the ``.npz``
next to it. A figure declares the targets it applies to in ``kinds``. Beyond :data:`FIGURES`,
a spec may name any ``"package.module:function"`` with the same signature, so a new figure
(the link-compliance figures, say) plugs in by name without touching the sweep machinery.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

Figure = Callable[[Any], Mapping[str, Any]]


def _kinds(*kinds: str) -> Callable[[Figure], Figure]:
    def mark(f: Figure) -> Figure:
        f.kinds = kinds  # type: ignore[attr-defined]
        return f

    return mark


@_kinds("cell", "circuit")
def transmission(ctx: Any) -> dict[str, Any]:
    """Per requested pair: lowest and highest transmission in dB over the wavelengths."""
    sp = ctx.sparams()
    out = {}
    for o, i in sp.pairs or [(p, sp.ports[0]) for p in sp.ports]:
        db = sp.db(o, i)
        out[f"{o}<-{i}.min_db"], out[f"{o}<-{i}.max_db"] = float(db.min()), float(db.max())
    return out


@_kinds("cell", "circuit")
def sparams(ctx: Any) -> dict[str, Any]:
    """The S-parameters themselves (arrays: wavelengths in um and S)."""
    sp = ctx.sparams()
    return {"wl_um": sp.wl, "s": np.ascontiguousarray(sp.s)}


@_kinds("engine")
def lanes(ctx: Any) -> dict[str, Any]:
    """Per lane and side: insertion loss, worst loss in the window, passband cover, crosstalk."""
    out: dict[str, Any] = {}
    for fig in ctx.analysis().lanes:
        for side in ("tx", "rx"):
            for name, value in fig.get(side, {}).items():
                if not isinstance(value, list):
                    out[f"lane{fig['lane']}.{side}.{name}"] = value
    return out


@_kinds("engine")
def budget(ctx: Any) -> dict[str, Any]:
    """Per lane and spec line: the margin (dB or the line's unit); pass per lane and overall."""
    out: dict[str, Any] = {}
    budgets = ctx.analysis().budgets
    for b in budgets:
        for line in b.lines:
            out[f"lane{b.lane}.{line.name}.margin"] = round(float(line.margin), 6)
        out[f"lane{b.lane}.pass"] = bool(b.ok)
    out["min_margin"] = min(float(line.margin) for b in budgets for line in b.lines)
    out["pass"] = all(b.ok for b in budgets)
    return out


@_kinds("engine")
def spectra(ctx: Any) -> dict[str, Any]:
    """Per lane and side, power transmission over the wavelengths (arrays)."""
    from lightlane.circuits.lane_figures import lane_powers

    result = ctx.analysis()
    out: dict[str, Any] = {"wl_um": result.sparams.wl}
    for lane in ctx.component.info["lanes"]:
        for side, power in lane_powers(result.sparams, lane, ctx.grating).items():
            out[f"lane{lane['lane']}.{side}"] = power
    return out


@_kinds("engine")
def yield_(ctx: Any) -> dict[str, Any]:
    """Monte Carlo yield under local index variation (target ``mc_samples``, the task seed)."""
    from lightlane.circuits import analysis

    samples = int(ctx.target.get("mc_samples", 50))
    mc = analysis.monte_carlo(ctx.component, ctx.opts, ctx.analysis(), samples, ctx.seed)
    return {k: mc[k] for k in ("yield", "worst_margin_db_p5", "worst_margin_db_median")}


FIGURES: Mapping[str, Figure] = MappingProxyType(
    {
        "transmission": transmission,
        "sparams": sparams,
        "lanes": lanes,
        "budget": budget,
        "spectra": spectra,
        "yield": yield_,
    }
)


def resolve_figure(name: str, kind: str) -> Figure:
    """The figure called ``name`` (built in, or ``module:function``) for a ``kind`` target."""
    if name in FIGURES:
        figure = FIGURES[name]
    elif ":" in name:
        module, _, attr = name.partition(":")
        try:
            figure = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            raise ValueError(f"figures: cannot load {name!r}: {exc}") from None
    else:
        raise ValueError(
            f"figures: {name!r} is unknown; built in: {', '.join(FIGURES)}, or 'module:function'"
        )
    kinds = getattr(figure, "kinds", (kind,))
    if kind not in kinds:
        raise ValueError(f"figures: {name!r} applies to {', '.join(kinds)} targets, not {kind}")
    return figure
