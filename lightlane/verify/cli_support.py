"""The body of ``lightlane drc FILE.gds [--lyrdb out] [--json] [--flat]`` (lightlane.cli.design)."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from lightlane.verify.drc_run import drc
from lightlane.verify.guard import DrcError
from lightlane.verify.hierarchy import MAX_SHAPES
from lightlane.verify.loading import GdsReadError

__all__ = ["run_drc_cli"]


def run_drc_cli(
    path: str | Path,
    lyrdb: str | Path | None = None,
    as_json: bool = False,
    flat: bool = False,
    top_cell: str | None = None,
    max_shapes: int = MAX_SHAPES,
) -> int:
    """Check ``path``, print a table (or JSON), optionally write an lyrdb.

    Returns:
        Exit code: 0 clean, 1 violations, 2 bad input or a failed check (one line on stderr,
        no traceback): a layout that was not checked is never reported clean.
    """
    try:
        report = drc(path, flat=flat, top_cell=top_cell, max_shapes=max_shapes)
        if lyrdb is not None:
            report.write_lyrdb(lyrdb)
    except (GdsReadError, DrcError, OSError, ValueError) as e:
        message = f"{e.filename}: {e.strerror}" if isinstance(e, OSError) and e.strerror else e
        print(f"lightlane: error: {message}", file=sys.stderr)
        return 2
    if as_json:
        print(report.to_json())
    else:
        console = Console()
        if not report.ok:
            table = Table(title=f"DRC {report.top_cell}")
            for column in ("rule", "flat count", "cells", "description"):
                table.add_column(column)
            for rule, n in sorted(report.failing.items()):
                cells = ", ".join(sorted(report.per_cell.get(rule, {})))
                table.add_row(rule, str(n), cells, report.rules[rule])
            console.print(table)
        console.print(report.summary(), highlight=False)
    return 0 if report.ok else 1
