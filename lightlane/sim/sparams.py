"""The :class:`SParameters` result object: S(λ) of a circuit plus I/O helpers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from lightlane.files import OutputSet, write_file
from lightlane.sim.wavelength import wl_to_hz

DB_FLOOR = -300.0  # dB value reported for |S| == 0


class SParameters:
    """Scattering matrix of a circuit over wavelength, whole or for chosen port pairs.

    Attributes:
        ports: external port names (matrix order).
        wl: wavelengths in µm, shape ``(n_wl,)``.
        s: complex array ``(..., n_wl, n_ports, n_ports)``; ``s[..., out, in]`` (row = output).
           With ``pairs`` it is ``(..., n_wl, n_pairs)``, column ``k`` being ``pairs[k]``.
           A Monte Carlo result has a leading sample axis.
        pairs: ``None`` (all pairs) or the ``(out, in)`` pairs that were computed.
        info: solver statistics (model calls, sub-circuit cache hits/misses, ...).
    """

    def __init__(
        self,
        ports: Sequence[str],
        wl: np.ndarray,
        s: np.ndarray,
        info: dict[str, Any] | None = None,
        pairs: Sequence[tuple[str, str]] | None = None,
    ) -> None:
        self.ports = list(ports)
        self.wl = np.asarray(wl, dtype=float)
        self.s = np.asarray(s, dtype=complex)
        self.info = dict(info or {})
        self.pairs = None if pairs is None else [(str(a), str(b)) for a, b in pairs]
        self._index = {p: i for i, p in enumerate(self.ports)}
        if self.pairs is None:
            want: tuple[int, ...] = (self.wl.size, len(self.ports), len(self.ports))
        else:
            self._columns = {pair: k for k, pair in enumerate(self.pairs)}
            for out, inp in self.pairs:
                self._ix(out), self._ix(inp)
            want = (self.wl.size, len(self.pairs))
        if self.s.shape[-len(want) :] != want:
            raise ValueError(f"s has shape {self.s.shape}, expected (..., {want})")

    @classmethod
    def trusted(
        cls,
        like: SParameters,
        wl: np.ndarray,
        s: np.ndarray,
        info: dict[str, Any],
    ) -> SParameters:
        """A result with the ports and pairs of ``like``, from arrays the solver shaped itself.

        Skips the checks of ``__init__`` (``wl`` float, ``s`` complex of the right shape).
        """
        obj = cls.__new__(cls)
        obj.__dict__.update(like.__dict__)
        obj.ports, obj.wl, obj.s, obj.info = list(like.ports), wl, s, info
        obj.pairs = None if like.pairs is None else list(like.pairs)
        return obj

    @property
    def n_samples(self) -> int | None:
        """Number of Monte Carlo samples, or ``None`` for a nominal result."""
        base = 3 if self.pairs is None else 2
        return self.s.shape[0] if self.s.ndim == base + 1 else None

    def _ix(self, port: str) -> int:
        try:
            return self._index[port]
        except KeyError:
            raise KeyError(f"unknown port {port!r}; ports: {self.ports}") from None

    def __getitem__(self, pair: tuple[str, str]) -> np.ndarray:
        """``sp["o2", "o1"]``: complex transmission from ``o1`` (input) to ``o2`` (output)."""
        out, inp = pair
        if self.pairs is None:
            return self.s[..., self._ix(out), self._ix(inp)]
        self._ix(out), self._ix(inp)
        if (out, inp) not in self._columns:
            raise KeyError(
                f"pair ({out!r}, {inp!r}) was not computed; computed pairs: {self.pairs} "
                "(simulate with pairs=None for all of them)"
            )
        return self.s[..., self._columns[out, inp]]

    def db(self, out: str, inp: str) -> np.ndarray:
        """Power transmission ``10 log10 |S|^2`` in dB, floored at -300 dB."""
        power = np.abs(self[out, inp]) ** 2
        with np.errstate(divide="ignore"):
            return np.maximum(10.0 * np.log10(power), DB_FLOOR)

    def phase(self, out: str, inp: str) -> np.ndarray:
        """Phase of ``S[out, in]`` in radians, in (-π, π]."""
        return np.angle(self[out, inp])

    def sample(self, i: int) -> SParameters:
        """The ``i``-th Monte Carlo sample as a nominal :class:`SParameters`."""
        if self.n_samples is None:
            raise ValueError("not a Monte Carlo result")
        return SParameters(self.ports, self.wl, self.s[i], self.info, self.pairs)

    def to_sdict(self) -> dict[tuple[str, str], np.ndarray]:
        """sax-convention SDict ``{(in, out): S}`` (note: key order is input first, as in sax)."""
        if self.pairs is not None:
            return {(a, b): self[b, a] for b, a in self.pairs}
        return {(a, b): self[b, a] for a in self.ports for b in self.ports}

    def to_touchstone(self, path: str | Path, out: OutputSet | None = None) -> Path:
        """Write Touchstone 1.x (``.sNp``): ``# HZ S RI R 50``, ascending frequency ``c/λ``.

        Rows follow Touchstone: for 2 ports ``S11 S21 S12 S22``; otherwise row-major with at
        most four pairs per line. Port ``k`` is ``self.ports[k-1]``, named in the header as
        ``! Port[k] = name`` (scikit-rf's ``port_names``).
        Written atomically, or staged in ``out`` to be published with other files.
        """
        if self.n_samples is not None:
            raise ValueError("Touchstone holds one sample; use .sample(i).to_touchstone()")
        if self.pairs is not None:
            raise ValueError("Touchstone holds every pair; simulate with pairs=None")
        path = Path(path)
        n = len(self.ports)
        freq = wl_to_hz(self.wl)
        order = np.argsort(freq)
        lines = [f"! lightlane S-parameters, {n} ports", "! frequency = c / wavelength"]
        # the port-name comments scikit-rf reads back (Network.port_names)
        lines += [f"! Port[{k + 1}] = {p}" for k, p in enumerate(self.ports)]
        lines.append("# HZ S RI R 50")
        for f_idx in order:
            m = self.s[f_idx]
            entries = m.T.ravel() if n == 2 else m.ravel()  # 2-port files are column-major
            chunks = [entries[i : i + 4] for i in range(0, entries.size, 4)] or [entries]
            for c_i, chunk in enumerate(chunks):
                vals = " ".join(f"{v.real:.12e} {v.imag:.12e}" for v in chunk)
                lines.append(f"{freq[f_idx]:.12e} {vals}" if c_i == 0 else f"  {vals}")
        text = "\n".join(lines) + "\n"
        return write_file(path, lambda tmp: tmp.write_text(text), out)

    def save(self, path: str | Path, out: OutputSet | None = None) -> Path:
        """Save to ``.npz``, atomically, or staged in ``out``.

        Two layouts in one file: lightlane's (``ports``, ``wl`` in µm, ``s``; ``pairs`` as an
        (n, 2) array when chosen), read by :meth:`load`; and, for a nominal result, the
        gdsfactory/gplugins one that ``gplugins.sax.read.model_from_npz`` reads:
        ``wavelengths`` in µm and one array per pair keyed ``"in@0,out@0"`` (sax's order,
        input first, mode 0).
        """
        path = Path(path)
        path = path if path.suffix == ".npz" else path.with_name(path.name + ".npz")
        arrays = {"ports": np.array(self.ports), "wl": self.wl, "s": self.s}
        if self.pairs is not None:
            arrays["pairs"] = np.array(self.pairs, dtype=str).reshape(-1, 2)
        if self.n_samples is None:
            arrays["wavelengths"] = self.wl
            for (a, b), value in self.to_sdict().items():
                arrays[f"{a}@0,{b}@0"] = value

        def write(tmp: Path) -> None:
            with open(tmp, "wb") as f:  # a file object: numpy adds no suffix and keeps the mode
                np.savez(f, **arrays)

        return write_file(path, write, out)

    @classmethod
    def load(cls, path: str | Path) -> SParameters:
        """Load an object written by :meth:`save`."""
        with np.load(Path(path), allow_pickle=False) as data:
            pairs = [tuple(p) for p in data["pairs"].tolist()] if "pairs" in data else None
            return cls([str(p) for p in data["ports"]], data["wl"], data["s"], pairs=pairs)

    def plot(self, pairs: Iterable[tuple[str, str]] | None = None, ax: Any = None) -> Any:
        """Plot ``db(out, in)`` vs wavelength (nm) for ``pairs`` (default: all from ports[0])."""
        import matplotlib.pyplot as plt  # only needed for plotting

        if ax is None:
            _, ax = plt.subplots()
        if pairs is None:
            pairs = self.pairs or [(p, self.ports[0]) for p in self.ports]
        for out, inp in pairs:
            if not np.any(self[out, inp]):
                continue  # an identically zero path (no reflection) is not worth a -300 dB line
            trace = self.db(out, inp)
            if trace.ndim > 1:  # Monte Carlo: one faint line per sample
                ax.plot(self.wl * 1e3, trace.T, alpha=0.2, lw=0.5)
            else:
                ax.plot(self.wl * 1e3, trace, label=f"{inp}→{out}")
        bottom, top = ax.get_ylim()
        ax.set_ylim(max(bottom, -60.0), max(top, 1.0))
        ax.set_xlabel("wavelength (nm)")
        ax.set_ylabel("transmission (dB)")
        if ax.get_legend_handles_labels()[0]:
            ax.legend()
        return ax

    def __repr__(self) -> str:
        lead = f"{self.n_samples} samples, " if self.n_samples else ""
        chosen = "" if self.pairs is None else f", {len(self.pairs)} pairs"
        return f"SParameters({lead}{self.wl.size} wl, ports={self.ports}{chosen})"
