"""Figures for the models' characterisation plots (``@model(cell, figures=...)``).

A plain ``matplotlib.figure.Figure``: no pyplot state and no backend to select, so a model's
figure never depends on, or changes, what else a process has plotted.
"""

from __future__ import annotations

from typing import Any

__all__ = ["figure_axes"]


def figure_axes(figsize: tuple[float, float] = (6, 3.2)) -> tuple[Any, Any]:
    """A new ``(figure, axes)`` pair with constrained layout."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot()
