"""This machine's arithmetic throughput: the rates that the arithmetic limit of a circuit uses.

Three rates, each measured with every core busy (numpy releases the GIL inside its kernels, so
``os.cpu_count()`` threads each run the kernel on their own arrays and the rates add up):

- complex MAC/s: ``zgemm`` of two 1024 x 1024 complex matrices (``a @ b``: 1024**3 complex
  multiply-adds), BLAS's own threads; the compute peak, with operands in cache.
- complex exp/s: ``np.exp(z, out=w)`` on 32 Ki-element complex blocks (512 KiB, in cache).
- memory bandwidth: ``np.copyto`` of 64 MiB float arrays per thread, read plus written bytes.

Each rate is the best of several repeats (the machine is shared: the best is the least
disturbed). ``python benchmarks/bench_machine.py`` prints them and writes
``results/machine.json``; :mod:`bench_sim` imports :func:`measure` and keeps the better of
the rates measured before and after its cases, so that the limits use this run's machine.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
REPEATS = 7


def _best(run: Callable[[], None], repeats: int = REPEATS) -> float:
    """Shortest wall time of ``run`` over ``repeats`` calls (after one warm-up)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _on_every_core(make: Callable[[], Callable[[], None]]) -> float:
    """Best wall time of one kernel run by each of ``cpu_count`` threads at once."""
    threads = os.cpu_count() or 1
    kernels = [make() for _ in range(threads)]
    with ThreadPoolExecutor(threads) as pool:

        def all_at_once() -> None:
            list(pool.map(lambda kernel: kernel(), kernels))

        return _best(all_at_once)


def mac_rate() -> float:
    """Complex multiply-adds per second of zgemm."""
    n = 1024
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    b = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    out = np.empty_like(a)
    return n**3 / _best(lambda: np.matmul(a, b, out=out), 5)


def exp_rate() -> float:
    """Complex exponentials per second, every core."""
    n, rounds = 32 * 1024, 8

    def make() -> Callable[[], None]:
        z = 1j * np.random.default_rng(1).uniform(0, 100, n) - 1e-3
        w = np.empty_like(z)

        def kernel() -> None:
            for _ in range(rounds):
                np.exp(z, out=w)

        return kernel

    return (os.cpu_count() or 1) * n * rounds / _on_every_core(make)


def bandwidth() -> float:
    """Bytes per second read plus written by large copies, every core."""
    n = 8 * 2**20  # 64 MiB of float64 per array

    def make() -> Callable[[], None]:
        src, dst = np.ones(n), np.zeros(n)
        return lambda: np.copyto(dst, src)

    return (os.cpu_count() or 1) * 2 * 8 * n / _on_every_core(make)


def measure() -> dict[str, float]:
    """``{"mac_per_s", "exp_per_s", "bytes_per_s", "cores"}`` of this machine, now."""
    return {
        "mac_per_s": mac_rate(),
        "exp_per_s": exp_rate(),
        "bytes_per_s": bandwidth(),
        "cores": float(os.cpu_count() or 1),
    }


def main() -> None:
    rates = measure()
    print(
        f"complex MAC/s {rates['mac_per_s'] / 1e9:.2f} G | complex exp/s "
        f"{rates['exp_per_s'] / 1e6:.1f} M | memory {rates['bytes_per_s'] / 1e9:.1f} GB/s | "
        f"{rates['cores']:.0f} cores"
    )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "machine.json").write_text(json.dumps(rates, indent=1))


if __name__ == "__main__":
    main()
