"""Curves the cells draw and the models integrate along: the raised-sine S-bend and tapers.

The raised sine ``y(x) = h (x/dx - sin(2 pi x/dx) / (2 pi))`` joins two parallel straights with
zero slope and zero curvature at both ends, the property of an Euler bend (Chrostowski &
Hochberg, "Silicon Photonics Design", CUP 2015). Lengths in um.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "linear_taper_half_angle",
    "raised_sine",
    "sbend_min_radius",
    "sbend_offset",
    "shortest_sbend",
    "taper_adiabatic_width",
]


def raised_sine(u: np.ndarray | float) -> np.ndarray:
    """The unit raised sine: 0 at u = 0, 1 at u = 1, zero slope and curvature at both ends."""
    u = np.asarray(u, dtype=float)
    return u - np.sin(2 * np.pi * u) / (2 * np.pi)


def sbend_offset(x: np.ndarray | float, dx: float, height: float) -> np.ndarray:
    """Lateral offset at ``x`` in [0, dx] of the S-bend that rises ``height`` over ``dx``."""
    return height * raised_sine(np.asarray(x, dtype=float) / dx)


def sbend_min_radius(dx: float, height: float) -> float:
    """Smallest radius of curvature in um of the S-bend rising ``height`` over ``dx``."""
    if height == 0:
        return math.inf
    u = np.linspace(0, 1, 2001)
    slope = height / dx * (1 - np.cos(2 * np.pi * u))
    curvature = np.abs(height * 2 * np.pi / dx**2 * np.sin(2 * np.pi * u))
    return float(np.min((1 + slope**2) ** 1.5 / np.maximum(curvature, 1e-300)))


def shortest_sbend(height: float, min_radius: float, grid: float) -> float:
    """Shortest ``dx`` (rounded up to ``grid``) whose S-bend of ``height`` keeps ``min_radius``."""
    lo, hi = 0.0, max(4 * math.sqrt(abs(height) * min_radius), 1.0)
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if sbend_min_radius(mid, height) < min_radius else (lo, mid)
    return math.ceil(hi / grid - 1e-9) * grid


def linear_taper_half_angle(width1: float, width2: float, length: float) -> float:
    """Half-angle in degrees of a linear taper from ``width1`` to ``width2`` over ``length``."""
    return math.degrees(math.atan(abs(width2 - width1) / 2 / length))


def taper_adiabatic_width(t: np.ndarray, width1: float, width2: float) -> np.ndarray:
    """Width at relative position ``t`` in [0, 1] of the constant-adiabaticity taper.

    Love's criterion keeps the local half-angle below ``lambda / (2 n_eff w)`` (Love et al.,
    IEE Proc. J 138(5), 343, 1991); holding it at a constant fraction of that limit gives
    ``w dw/dz = const``, so ``w^2`` is linear in ``z``.
    """
    return np.sqrt(width1**2 + (width2**2 - width1**2) * np.asarray(t))
