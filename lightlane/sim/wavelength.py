"""Wavelength grids (µm) and conversion to frequency (Hz)."""

from __future__ import annotations

from typing import Any

import numpy as np

C_UM_PER_S = 299_792_458.0e6  # speed of light in µm/s


def parse_wl(spec: str) -> np.ndarray:
    """Parse ``"start:stop:n"`` (µm, inclusive, ``n`` points) or ``"1.31"`` into a 1-D array.

    >>> parse_wl("1.26:1.36:3")
    array([1.26, 1.31, 1.36])
    """
    parts = [p.strip() for p in str(spec).split(":")]
    try:
        if len(parts) == 1:
            return np.array([float(parts[0])])
        if len(parts) == 3:
            start, stop, n = float(parts[0]), float(parts[1]), int(parts[2])
            if n < 1:
                raise ValueError
            return np.linspace(start, stop, n)
    except ValueError:
        pass
    raise ValueError(f"cannot parse wavelength spec {spec!r}; expected 'start:stop:n' in µm")


def as_wl(wl: Any) -> np.ndarray:
    """Return ``wl`` (float, sequence, array or ``parse_wl`` string, µm) as a 1-D float array."""
    arr = parse_wl(wl) if isinstance(wl, str) else np.atleast_1d(np.asarray(wl, dtype=float))
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"wavelength must be a non-empty 1-D array in µm, got shape {arr.shape}")
    if np.any(arr <= 0):
        raise ValueError("wavelengths must be positive (µm)")
    return arr


def wl_to_hz(wl_um: np.ndarray) -> np.ndarray:
    """Convert vacuum wavelength (µm) to frequency (Hz)."""
    return C_UM_PER_S / np.asarray(wl_um, dtype=float)
