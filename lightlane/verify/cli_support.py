"""The body of ``lightlane drc FILE.gds [--lyrdb out] [--json] [--flat]`` (wired in cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from lightlane.verify.engine import drc
from lightlane.verify.loading import GdsReadError

__all__ = ["run_drc_cli"]


def run_drc_cli(
    path: str | Path,
    lyrdb: str | Path | None = None,
    as_json: bool = False,
    flat: bool = False,
    top_cell: str | None = None,
) -> int:
    """Check ``path``, print a table (or JSON), optionally write an lyrdb.

    Returns:
        Exit code: 0 clean, 1 violations, 2 bad input (one line on stderr, no traceback).
    """
    try:
        report = drc(path, flat=flat, top_cell=top_cell)
    except (GdsReadError, OSError) as e:
        print(f"lightlane: error: {e}", file=sys.stderr)
        return 2
    if lyrdb is not None:
        report.write_lyrdb(lyrdb)
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
