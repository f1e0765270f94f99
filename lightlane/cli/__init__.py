"""The ``lightlane`` command line (``lightlane.cli:app``; ``python -m lightlane.cli``).

Bad input (an unknown cell, a bad parameter, an unwritable path) and every failure after it
print one line to stderr and exit with code 2 (see :mod:`lightlane.cli_input`); exit 1 means
violations or failed specs. Outputs appear whole, as a set, or not at all.

The application is in :mod:`lightlane.cli._app`; the design-kit commands (``cells``,
``build``, ``simulate``, ``drc``, ``tech``, ``standards``) in :mod:`lightlane.cli.design`, the
engine commands (``engine``, ``eye``, ``compare``) in :mod:`lightlane.cli.engines` and
``sweep`` with the sweeps (:mod:`lightlane.sweeps.cli`); importing this package registers them
in that order.
"""

from __future__ import annotations

# Import order is command order in ``lightlane --help``: design (cells ... standards), engines
# (engine, eye, compare), then sweep.
from lightlane.cli._app import PLOT_FORMATS, app, main
from lightlane.cli.design import (
    YAML_SUFFIXES,
    build,
    build_cell,
    build_circuit,
    cell_summary,
    cells,
    drc,
    simulate,
    standards,
    tech,
)
from lightlane.cli.engines import compare, engine, eye
from lightlane.sweeps.cli import sweep

app.command()(sweep)

__all__ = [
    "PLOT_FORMATS",
    "YAML_SUFFIXES",
    "app",
    "build",
    "build_cell",
    "build_circuit",
    "cell_summary",
    "cells",
    "compare",
    "drc",
    "engine",
    "eye",
    "main",
    "simulate",
    "standards",
    "sweep",
    "tech",
]
