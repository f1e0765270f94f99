"""Running a sweep: serially, on a LocalCluster (the default) or on a dask.distributed cluster.

Tasks are independent: each one is submitted as its own dask task, and each result is
checkpointed the moment it arrives (:mod:`lightlane.sweeps.store`). A worker that dies takes
only its running tasks with it and the scheduler runs them again elsewhere; a task that raises
is an ``error`` row with its parameters, reported at once, and the sweep goes on; a sweep that
is interrupted resumes from its checkpoints when run again with the same output.
"""

from __future__ import annotations

import os
import re
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lightlane.sweeps.spec import Spec, SpecError, load_spec
from lightlane.sweeps.store import SUFFIXES, Checkpoint, table_rows, write_outputs
from lightlane.sweeps.targets import check_target, run_task
from lightlane.sweeps.tasks import Task, expand

ADDRESS = re.compile(r"(tcp|tls|ucx)://[^\s:/]+:\d{1,5}")
SERIAL = "serial"


@dataclass
class SweepResult:
    """Where the results went and what failed (``(index, parameters, error)`` per failure)."""

    table: Path
    arrays: Path | None
    tasks: int
    failures: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)
    resumed: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures


def check_output(output: str | Path) -> Path:
    path = Path(output)
    if path.suffix not in SUFFIXES:
        raise SpecError(f"output {str(path)!r} must end in {' or '.join(SUFFIXES)}")
    return path


def check_scheduler(scheduler: Any) -> Any:
    """``None`` (LocalCluster), ``"serial"``, an address ``tcp://HOST:PORT`` or a Client."""
    if scheduler is None or scheduler == SERIAL or not isinstance(scheduler, str):
        return scheduler
    if not ADDRESS.fullmatch(scheduler):
        raise SpecError(f"scheduler {scheduler!r} is not an address like tcp://HOST:PORT")
    return scheduler


class Progress:
    """A rich bar on a terminal, plain lines (every 5 % and every failure) otherwise."""

    def __init__(self, total: int, done: int, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.done, self.failed = total, done, 0
        self.step = max(1, total // 20)
        self.bar = None
        if self.stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress(
                "sweep",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
            )
            self.bar.start()
            self.job = self.bar.add_task("sweep", total=total, completed=done)
        elif done:
            self.line(f"resuming: {done}/{total} tasks already done")

    def line(self, text: str) -> None:
        if self.bar is not None:
            self.bar.console.print(f"lightlane sweep: {text}")
        else:
            print(f"lightlane sweep: {text}", file=self.stream, flush=True)

    def advance(self, row: Mapping[str, Any]) -> None:
        self.done += 1
        if row["status"] != "ok":
            self.failed += 1
            self.line(f"task {row['index']} failed with {row['params']}: {row['error']}")
        if self.bar is not None:
            self.bar.update(self.job, completed=self.done)
        elif self.done % self.step == 0 or self.done == self.total:
            self.line(f"{self.done}/{self.total} tasks done ({self.failed} failed)")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def _client(scheduler: Any, n_workers: int | None) -> Iterator[Any]:
    """A dask Client on ``scheduler`` (an address or a Client), or on a new LocalCluster."""
    from distributed import Client, LocalCluster

    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler
        return
    if scheduler is None:
        workers = n_workers or max(1, os.cpu_count() or 1)
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise SpecError(f"cannot reach the scheduler at {scheduler}: {exc}") from None
    with client:
        yield client


def _distributed(
    spec: Spec, tasks: list[Task], client: Any, on_result: Callable[[dict], None]
) -> None:
    from distributed import as_completed

    run = uuid.uuid4().hex[:12]  # one run's keys never meet another's on a shared cluster
    keys = [f"lightlane-sweep-{run}-{t.index}" for t in tasks]
    futures = [
        client.submit(run_task, spec.target, spec.figures, spec.target_kind, t, key=k, pure=False)
        for t, k in zip(tasks, keys, strict=True)
    ]
    by_key = dict(zip(keys, tasks, strict=True))
    for future in as_completed(futures):
        try:
            result = future.result()
        except Exception as exc:  # the task killed every worker that ran it
            task = by_key[future.key]
            row = {
                "index": task.index,
                "label": task.label,
                "params": task.params,
                "seed": task.seed,
            }
            error = f"{type(exc).__name__}: {exc}"
            result = {
                "row": {**row, "status": "error", "error": error, "seconds": 0.0},
                "scalars": {},
                "arrays": {},
            }
        on_result(result)
        future.release()


def run_sweep(
    spec: str | Path | Mapping[str, Any] | Spec,
    output: str | Path,
    scheduler: Any = None,
    n_workers: int | None = None,
    stream: Any = None,
) -> SweepResult:
    """Run every task of ``spec`` not yet checkpointed next to ``output``; write the table.

    Args:
        spec: a YAML path, a dict or a :class:`~lightlane.sweeps.spec.Spec`.
        output: the table, ``.parquet`` or ``.csv`` (arrays go to the same name ``.npz``).
        scheduler: ``None``: a LocalCluster on this machine; ``"serial"``: this process;
            ``"tcp://HOST:PORT"``: a running dask scheduler; or a ``distributed.Client``.
        n_workers: LocalCluster worker processes (default: the cores).
        stream: where progress goes (default stderr).
    """
    spec = spec if isinstance(spec, Spec) else load_spec(spec)
    output = check_output(output)
    scheduler = check_scheduler(scheduler)
    if n_workers is not None and int(n_workers) < 1:
        raise SpecError(f"n_workers={n_workers} must be >= 1")
    spec = check_target(spec)
    tasks = expand(spec)
    store = Checkpoint(output, spec)
    done = store.done() & {t.index for t in tasks}
    pending = [t for t in tasks if t.index not in done]
    progress = Progress(len(tasks), len(done), stream)

    def on_result(result: dict) -> None:
        store.save(result)
        progress.advance(result["row"])

    try:
        if scheduler == SERIAL:
            for task in pending:
                on_result(run_task(spec.target, spec.figures, spec.target_kind, task))
        elif pending:
            with _client(scheduler, n_workers) as client:
                _distributed(spec, pending, client, on_result)
    finally:
        progress.close()
    return _finish(output, store, tasks, len(done))


def _finish(output: Path, store: Checkpoint, tasks: list[Task], resumed: int) -> SweepResult:
    results = [store.load(t.index) for t in tasks]
    arrays = {f"t{r['row']['index']}.{k}": v for r in results for k, v in r["arrays"].items()}
    write_outputs(output, table_rows(results), arrays)
    store.remove()
    failures = [
        (r["row"]["index"], r["row"]["params"], r["row"]["error"])
        for r in results
        if r["row"]["status"] != "ok"
    ]
    npz = output.with_suffix(".npz") if arrays else None
    return SweepResult(output, npz, len(tasks), failures, resumed)
