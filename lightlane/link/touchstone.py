"""Reading host channels from Touchstone files: any ``.sNp``, single-ended or differential.

Touchstone 1.x (and the network data of 2.0) as the IBIS Open Forum's "Touchstone File Format
Specification" (version 2.0, 2009) defines it: an option line ``# <unit> S <format> R <z0>``
(defaults ``GHZ S MA R 50``), then per frequency ``f`` and the ``N^2`` parameters as pairs (RI,
MA or DB; angles in degrees). A two-port lists them ``S11 S21 S12 S22``; three ports and more row by
row, ``S11 S12 .. S1N`` then ``S21 ..``, wrapped over lines. 2.0 files name their port count and
two-port order in ``[Number of Ports]`` and ``[Two-Port Data Order]``; their other keywords are
read past.

A host channel is a differential pair, so measured channels usually come as four-ports. Its
differential insertion loss is the mixed-mode ``SDD21`` (Bockelman & Eisenstadt, "Combined
differential and common-mode scattering parameters: theory and simulation", IEEE Trans. MTT
43(7), 1530, 1995): with single-ended ports ``a+, a-`` at the input and ``b+, b-`` at the output,
``SDD21 = (S[b+,a+] - S[b+,a-] - S[b-,a+] + S[b-,a-]) / 2``. Two port numberings are common;
``pairing`` names which: ``"12-34"`` (ports 1 and 2 the input pair, 3 and 4 the output pair:
through paths 1-3 and 2-4, scikit-rf's ``se2gmm`` order) or ``"13-24"`` (1 and 3 in, 2 and 4 out:
through paths 1-2 and 3-4).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

__all__ = ["PAIRINGS", "channel_transfer", "read_touchstone"]

PAIRINGS = {"13-24": ((1, 3), (2, 4)), "12-34": ((1, 2), (3, 4))}
"""Single-ended ports (positive, negative) of the input pair and of the output pair."""

_SCALE = {"HZ": 1e-9, "KHZ": 1e-6, "MHZ": 1e-3, "GHZ": 1.0}


def _ports_from_name(path: Path) -> int | None:
    match = re.fullmatch(r"\.s(\d+)p", path.suffix.lower())
    return int(match.group(1)) if match else None


def _tokens(path: Path) -> tuple[list[float], str, str, float, int | None, str]:
    """The numbers of the network data, the unit, format, z0, a 2.0 port count, 2-port order."""
    unit, form, z0, ports, order = "GHZ", "MA", 50.0, None, "21_12"
    numbers: list[float] = []
    for raw in path.read_text(errors="replace").splitlines():
        line = raw.split("!")[0].strip()
        if not line:
            continue
        if line.startswith("["):
            key, _, value = line[1:].partition("]")
            key, value = key.strip().lower(), value.strip()
            if key == "number of ports":
                ports = int(value)
            elif key == "two-port data order":
                order = value
            elif key in ("noise data", "end"):
                break
            continue
        if line.startswith("#"):
            words = line[1:].upper().split()
            if any(w in ("Y", "Z", "H", "G") for w in words):
                raise ValueError(f"{path}: only S-parameters are read, the file holds {words}")
            unit = next((w for w in words if w in _SCALE), unit)
            form = next((w for w in words if w in ("RI", "MA", "DB")), form)
            if "R" in words and words.index("R") + 1 < len(words):
                z0 = float(words[words.index("R") + 1])
            continue
        try:
            numbers.extend(float(v) for v in line.split())
        except ValueError:
            raise ValueError(f"{path}: not a Touchstone data line: {raw.strip()!r}") from None
    return numbers, unit, form, z0, ports, order


def read_touchstone(path: str | Path) -> tuple[np.ndarray, np.ndarray, float]:
    """(frequency in GHz, S of shape (frequencies, N, N), reference impedance) of a ``.sNp``.

    ``S[:, i, j]`` is ``S_{i+1, j+1}`` (to port i from port j). The port count comes from the
    file's ``[Number of Ports]`` (2.0) or its extension; the data must hold ``1 + 2 N^2`` numbers
    per frequency at strictly increasing frequencies.
    """
    path = Path(path)
    numbers, unit, form, z0, ports, order = _tokens(path)
    n = ports or _ports_from_name(path)
    if n is None or n < 1:
        raise ValueError(f"{path}: name the port count by the extension (.s2p, .s4p, ...)")
    width = 1 + 2 * n * n
    if len(numbers) < width or len(numbers) % width:
        raise ValueError(
            f"{path}: {len(numbers)} numbers is not a whole number of {n}-port frequency points "
            f"({width} numbers each)"
        )
    data = np.asarray(numbers).reshape(-1, width)
    freq = data[:, 0] * _SCALE[unit]
    if np.any(np.diff(freq) <= 0):
        raise ValueError(f"{path}: frequencies must increase strictly")
    a, b = data[:, 1::2], data[:, 2::2]
    if form == "RI":
        values = a + 1j * b
    elif form == "MA":
        values = a * np.exp(1j * np.radians(b))
    else:
        values = 10 ** (a / 20) * np.exp(1j * np.radians(b))
    s = values.reshape(-1, n, n)
    if n == 2 and order.replace(" ", "") == "21_12":  # 1.x order: S11 S21 S12 S22
        s = s.transpose(0, 2, 1)
    return freq, s, z0


def channel_transfer(path: str | Path, pairing: str = "12-34") -> tuple[np.ndarray, np.ndarray]:
    """(frequency in GHz, transfer) of a host channel file: ``S21`` of a two-port, the
    differential ``SDD21`` of a four-port with the ports paired as ``pairing`` says."""
    freq, s, _ = read_touchstone(path)
    n = s.shape[1]
    if n == 2:
        return freq, s[:, 1, 0]
    if n != 4:
        raise ValueError(f"{path}: a host channel is a 2-port or a 4-port, not {n} ports")
    if pairing not in PAIRINGS:
        raise ValueError(f"pairing={pairing!r}: use one of {', '.join(PAIRINGS)}")
    (ap, an), (bp, bn) = ((p - 1, q - 1) for p, q in PAIRINGS[pairing])
    sdd21 = (s[:, bp, ap] - s[:, bp, an] - s[:, bn, ap] + s[:, bn, an]) / 2
    return freq, sdd21
