"""Input checks of the link package: each refusal names the parameter, its value and the limit.

Every public function of :mod:`lightlane.link` calls these before it computes anything, so a bad
setting fails at once with a message that says what to use instead.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["require_array", "require_choice", "require_int", "require_range"]


def require_range(
    parameter: str,
    value: float,
    low: float,
    high: float,
    unit: str = "",
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """``value`` as a float when ``low <= value <= high`` (``<`` on an open side), else refuse."""
    unit_text = f" {unit}" if unit else ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{parameter}={value!r} is not a number") from None
    if math.isnan(number):
        raise ValueError(f"{parameter}=nan is not a number; use {low:g}..{high:g}{unit_text}")
    below = number <= low if low_open else number < low
    above = number >= high if high_open else number > high
    if below:
        limit = ">" if low_open else ">="
        raise ValueError(
            f"{parameter}={number:g}{unit_text} is below the limit {low:g}{unit_text}; "
            f"use {parameter} {limit} {low:g}"
        )
    if above:
        limit = "<" if high_open else "<="
        raise ValueError(
            f"{parameter}={number:g}{unit_text} is above the limit {high:g}{unit_text}; "
            f"use {parameter} {limit} {high:g}"
        )
    return number


def require_int(parameter: str, value: int, low: int, high: int) -> int:
    """``value`` as an int when it is a whole number in ``low..high``, else refuse."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{parameter}={value!r} must be a whole number in {low}..{high}")
    if not low <= value <= high:
        raise ValueError(f"{parameter}={value} is outside {low}..{high}; use {low} to {high}")
    return int(value)


def require_choice(parameter: str, value: str, choices: tuple[str, ...]) -> str:
    """``value`` when it is one of ``choices``, else refuse listing them."""
    if value not in choices:
        raise ValueError(f"{parameter}={value!r} is not valid; choose one of: {', '.join(choices)}")
    return value


def require_array(parameter: str, value, *, min_size: int = 1, finite: bool = True) -> np.ndarray:
    """``value`` as a numpy array with at least ``min_size`` elements, all finite, else refuse."""
    array = np.asarray(value)
    if array.size < min_size:
        raise ValueError(
            f"{parameter} has {array.size} elements, below the minimum {min_size}; "
            f"give at least {min_size}"
        )
    if finite and np.issubdtype(array.dtype, np.number) and not np.all(np.isfinite(array)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise ValueError(
            f"{parameter} has {bad} non-finite values (nan or inf); all must be finite"
        )
    return array
