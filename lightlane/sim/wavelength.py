"""Wavelength grids (µm) and conversion to frequency (Hz)."""

from __future__ import annotations

from typing import Any

import numpy as np

C_UM_PER_S = 299_792_458.0e6  # speed of light in µm/s
MAX_POINTS = 100_000
"""Wavelength points a ``start:stop:n`` spec may ask for: 1 pm steps across the 100 nm O band,
finer than the narrowest resonance the models hold (a ring linewidth of ~10 pm), while one
8-port S array stays under 1 GB."""
WL_RANGE_UM = (0.2, 20.0)
"""Wavelengths the solver accepts (µm): far beyond the O band either way, but finite."""


def parse_wl(spec: str) -> np.ndarray:
    """Parse ``"start:stop:n"`` (µm, inclusive, ``n`` points) or ``"1.31"`` into a 1-D array.

    >>> parse_wl("1.26:1.36:3")
    array([1.26, 1.31, 1.36])
    """
    text = str(spec)[:200]
    parts = [p.strip() for p in text.split(":")]
    try:
        if len(parts) == 1:
            return _in_range(np.array([float(parts[0])]), text)
        if len(parts) == 3:
            start, stop, n = float(parts[0]), float(parts[1]), int(parts[2])
            if not 1 <= n <= MAX_POINTS:
                raise ValueError(
                    f"wavelength spec {text!r} asks for {n} points; use 1..{MAX_POINTS:,}"
                )
            _in_range(np.array([start, stop]), text)  # before linspace: no NaN arithmetic
            return np.linspace(start, stop, n)
    except ValueError as error:
        if "wavelength" in str(error):
            raise
    raise ValueError(f"cannot parse wavelength spec {text!r}; expected 'start:stop:n' in µm")


def _in_range(arr: np.ndarray, what: str | None = None) -> np.ndarray:
    """``arr`` if every value lies in :data:`WL_RANGE_UM` (NaN does not: min/max propagate it)."""
    lo, hi = WL_RANGE_UM
    if not lo <= arr.min() <= arr.max() <= hi:
        if what is None:
            what = f"{arr.min():g}..{arr.max():g}" if arr.size > 1 else f"{arr[0]:g}"
        sign = "wavelengths must be positive; " if np.any(arr <= 0) else ""
        raise ValueError(f"{sign}wavelength {what!r} is outside {lo:g}..{hi:g} µm")
    return arr


def as_wl(wl: Any) -> np.ndarray:
    """Return ``wl`` (float, sequence, array or ``parse_wl`` string, µm) as a 1-D float array."""
    if type(wl) is np.ndarray and wl.ndim == 1 and wl.dtype == np.float64 and wl.size:
        return _in_range(wl)  # the common case, without conversions
    arr = parse_wl(wl) if isinstance(wl, str) else np.atleast_1d(np.asarray(wl, dtype=float))
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"wavelength must be a non-empty 1-D array in µm, got shape {arr.shape}")
    return _in_range(arr)


def wl_to_hz(wl_um: np.ndarray) -> np.ndarray:
    """Convert vacuum wavelength (µm) to frequency (Hz)."""
    return C_UM_PER_S / np.asarray(wl_um, dtype=float)
