"""``lightlane sweep SPEC.yaml [--scheduler tcp://HOST:PORT] [-o OUT]``.

Exit 0 when every task ran, 1 when some raised (each is reported with its parameters and is
an ``error`` row of the table), 2 on bad input (one line, no traceback, nothing written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

EXIT_BAD_INPUT = 2


def sweep(
    spec: Annotated[Path, typer.Argument(help="Sweep specification (YAML).")],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="tcp://HOST:PORT of a dask scheduler; default: a LocalCluster."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Table (.parquet or .csv); arrays go to .npz."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="LocalCluster worker processes.")
    ] = None,
    serial: Annotated[bool, typer.Option("--serial", help="Run in this process.")] = False,
) -> None:
    """Monte Carlo, corner or parameter sweep of a cell, netlist or engine on dask."""
    from lightlane.sweeps.runner import SERIAL, run_sweep
    from lightlane.sweeps.spec import SpecError

    if serial and scheduler:
        _fail("--serial and --scheduler exclude each other")
    out = output or Path("build") / "sweeps" / f"{spec.stem}.parquet"
    try:
        result = run_sweep(spec, out, SERIAL if serial else scheduler, workers)
    except SpecError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot write {str(out)!r}: {error.strerror or error}")
    arrays = f" and {result.arrays}" if result.arrays else ""
    typer.echo(
        f"wrote {result.table}{arrays} ({result.tasks} tasks, {len(result.failures)} failed)"
    )
    raise typer.Exit(0 if result.ok else 1)


def _fail(message: str) -> None:
    typer.echo(f"lightlane: error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)
