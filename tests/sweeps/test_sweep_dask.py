"""Sweeps on dask: one worker, two workers with one killed mid-sweep, all equal to serial."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from test_sweep_run import mc_spec, rows

from lightlane.sweeps import run_sweep

distributed = pytest.importorskip("distributed")


def test_one_worker_gives_the_serial_table(tmp_path: Path) -> None:
    serial = run_sweep(mc_spec(samples=4), tmp_path / "serial.parquet", scheduler="serial")
    local = run_sweep(mc_spec(samples=4), tmp_path / "local.parquet", n_workers=1)
    assert rows(local.table) == rows(serial.table)


def _kill_after(parts: Path, done: int, pid: int, killed: list[int]) -> None:
    """SIGKILL ``pid`` once ``done`` task results are checkpointed (or give up after 120 s)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if len(list(parts.glob("task-*.npz"))) >= done:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            return
        time.sleep(0.02)


def test_a_worker_killed_mid_sweep_loses_nothing(tmp_path: Path) -> None:
    spec = mc_spec("sweep_plugins:slow_transmission", samples=16)
    serial = rows(run_sweep(spec, tmp_path / "serial.parquet", scheduler="serial").table)
    out = tmp_path / "killed.parquet"
    killed: list[int] = []
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        victim = sorted(client.run(os.getpid).values())[0]
        parts = tmp_path / f".{out.name}.parts"
        killer = threading.Thread(target=_kill_after, args=(parts, 4, victim, killed))
        killer.start()
        result = run_sweep(spec, out, scheduler=client)
        killer.join()
        survivors = set(client.run(os.getpid).values())
    assert killed == [victim] and victim not in survivors  # it died while tasks were left
    assert result.ok and result.tasks == 16
    assert rows(out) == serial
