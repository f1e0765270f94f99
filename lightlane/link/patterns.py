"""PAM4 test patterns of IEEE 802.3: PRBS13Q, PRBS31Q and SSPRQ, with Gray-coded levels.

- PRBS generators (IEEE 802.3-2022 49.2.8, 94.2.9.1; ITU-T O.150): a Fibonacci shift
  register holding the last ``order`` bits ``e`` of the sequence, ``e[n] = XOR_t e[n - t]`` over
  the polynomial's taps ``t``; the seed's bit ``order - 1`` is the oldest bit ``e[n - order]``
  and bit 0 the newest ``e[n - 1]``. ``invert`` complements the output (O.150 5.8 inverts the
  2^31 - 1 sequence).
- Gray coding of a bit pair {A, B}, A first in time (802.3 120.5.7.1): {0,0} -> 0, {0,1} -> 1,
  {1,1} -> 2, {1,0} -> 3.
- PRBS13Q (802.3 120.5.11.2.1) and SSPRQ (802.3 120.5.11.2.3) are each a bit sequence of odd
  length taken twice and Gray-coded in pairs, so that one period of symbols holds every bit in
  both positions of a pair: 8191 symbols from PRBS13, 65 535 symbols from a 65 535-bit sequence.
- SSPRQ's 65 535 bits are six sections of the inverted PRBS31 (x^31 + x^28 + 1), restarted from
  the seeds 0x00000001, 0x34013FF7 and 0x0CCCCCCC in turn for 10 925, 10 922 and 10 920 bits,
  then 10 925, 10 922 and 10 921 bits; the PAM4 symbols 0..16 383 and 32 768..49 151 are then
  inverted (level ``s`` -> ``3 - s``), which balances the pattern's mean level block by block.
  This construction reproduces, symbol for symbol, the published SSPRQ of Teledyne LeCroy's
  SignalIntegrity (``SignalIntegrity/Lib/Prbs/SSPRQ.txt``, read 4 922 symbols after its start):
  ``tests/link/test_patterns.py`` checks it by digest.

PAM4 levels are returned as symbol indices 0..3; :func:`pam4_levels` maps them to equally spaced
amplitudes in -1..1.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from lightlane.link._checks import require_choice, require_int

__all__ = [
    "PATTERNS",
    "PRBS_TAPS",
    "gray_symbols",
    "pam4_levels",
    "pattern",
    "prbs13q",
    "prbs31q",
    "prbs_bits",
    "ssprq",
]

# Taps ``t`` of x^order + ... + 1: e[n] = XOR e[n - t] (802.3 49.2.8, 94.2.9.1; O.150).
PRBS_TAPS: dict[int, tuple[int, ...]] = {
    7: (6, 7),
    9: (5, 9),
    11: (9, 11),
    13: (1, 2, 12, 13),
    15: (14, 15),
    23: (18, 23),
    31: (28, 31),
}

# SSPRQ sections: (seed, bits) of the 65 535-bit sequence (module docstring).
_SSPRQ_SECTIONS = (
    (0x00000001, 10925),
    (0x34013FF7, 10922),
    (0x0CCCCCCC, 10920),
    (0x00000001, 10925),
    (0x34013FF7, 10922),
    (0x0CCCCCCC, 10921),
)
_SSPRQ_INVERTED_BLOCKS = ((0, 16384), (32768, 49152))

# Gray map indexed [A, B] (802.3 120.5.7.1).
_GRAY = np.array([[0, 1], [3, 2]], dtype=np.int8)


def prbs_bits(order: int, n_bits: int, seed: int = 1, *, invert: bool = False) -> np.ndarray:
    """``n_bits`` bits (uint8) of the PRBS of ``order`` from the register ``seed`` (module doc).

    Args:
        order: one of :data:`PRBS_TAPS` (7, 9, 11, 13, 15, 23, 31).
        n_bits: number of bits, 1..2^26.
        seed: initial register content, 1..2^order - 1 (zero would lock the register).
        invert: complement the output bits.
    """
    require_choice("order", str(order), tuple(str(k) for k in PRBS_TAPS))
    require_int("n_bits", n_bits, 1, 1 << 26)
    require_int("seed", seed, 1, (1 << order) - 1)
    taps = PRBS_TAPS[order]
    e = np.empty(n_bits + order, dtype=np.uint8)
    e[:order] = (seed >> np.arange(order - 1, -1, -1)) & 1
    # Bits up to the shortest tap ahead depend only on known bits: fill them a chunk at a time.
    step = min(taps)
    for i in range(order, n_bits + order, step):
        k = min(step, n_bits + order - i)
        chunk = np.zeros(k, dtype=np.uint8)
        for t in taps:
            chunk ^= e[i - t : i - t + k]
        e[i : i + k] = chunk
    out = e[order:]
    return out ^ np.uint8(1) if invert else out


def gray_symbols(bits: np.ndarray) -> np.ndarray:
    """PAM4 symbols 0..3 (int8) of consecutive bit pairs {A, B}, Gray coded (802.3 120.5.7.1)."""
    bits = np.asarray(bits)
    if bits.ndim != 1 or bits.size % 2:
        raise ValueError(f"bits has shape {bits.shape}; give a 1-D array of even length")
    pairs = bits.reshape(-1, 2).astype(np.intp)
    return _GRAY[pairs[:, 0], pairs[:, 1]]


def _twice_gray(bits: np.ndarray) -> np.ndarray:
    """Symbols of an odd-length bit sequence taken twice (one period of PRBS13Q and SSPRQ)."""
    return gray_symbols(np.concatenate([bits, bits]))


@cache
def _prbs13q() -> np.ndarray:
    return _twice_gray(prbs_bits(13, 8191, seed=0x02AA))


@cache
def _ssprq() -> np.ndarray:
    bits = np.concatenate([prbs_bits(31, n, seed, invert=True) for seed, n in _SSPRQ_SECTIONS])
    symbols = _twice_gray(bits)
    for start, stop in _SSPRQ_INVERTED_BLOCKS:
        symbols[start:stop] = 3 - symbols[start:stop]
    return symbols


def prbs13q() -> np.ndarray:
    """One period (8191 symbols) of PRBS13Q (802.3 120.5.11.2.1), symbols 0..3 (a copy)."""
    return _prbs13q().copy()


def ssprq() -> np.ndarray:
    """One period (65 535 symbols) of SSPRQ (802.3 120.5.11.2.3), symbols 0..3 (a copy)."""
    return _ssprq().copy()


def prbs31q(n_symbols: int = 65536, seed: int = 0x7FFFFFFF) -> np.ndarray:
    """``n_symbols`` symbols of PRBS31Q (802.3 120.5.11.2.2): PRBS31 bit pairs, Gray coded.

    Args:
        n_symbols: number of symbols, 1..2^25 (the full period, 2^31 - 1, is never needed).
        seed: PRBS31 register seed, 1..2^31 - 1.
    """
    require_int("n_symbols", n_symbols, 1, 1 << 25)
    return gray_symbols(prbs_bits(31, 2 * n_symbols, seed))


PATTERNS = ("ssprq", "prbs13q", "prbs31q")


def pattern(name: str = "ssprq", n_symbols: int | None = None) -> np.ndarray:
    """The symbols of a named pattern (:data:`PATTERNS`).

    ``n_symbols`` repeats or truncates the periodic patterns (PRBS13Q, SSPRQ) and sets the
    length of PRBS31Q; None gives one period (PRBS31Q: 65 536 symbols).
    """
    require_choice("name", name, PATTERNS)
    if name == "prbs31q":
        return prbs31q(65536 if n_symbols is None else n_symbols)
    period = ssprq() if name == "ssprq" else prbs13q()
    if n_symbols is None:
        return period
    require_int("n_symbols", n_symbols, 1, 1 << 25)
    return np.resize(period, n_symbols)


def pam4_levels(symbols: np.ndarray) -> np.ndarray:
    """Amplitudes -1, -1/3, 1/3, 1 of PAM4 symbols 0..3."""
    symbols = np.asarray(symbols)
    if symbols.size and (symbols.min() < 0 or symbols.max() > 3):
        raise ValueError(f"symbols span {symbols.min()}..{symbols.max()}; PAM4 symbols are 0..3")
    return (2.0 * symbols - 3.0) / 3.0
