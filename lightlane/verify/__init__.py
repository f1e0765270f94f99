"""Layout verification: DRC (klayout.db, deep mode), connectivity, fab export and pre-flight.

>>> from lightlane.verify import drc
>>> report = drc("chip.gds")
>>> report.ok, report.summary()
"""

from __future__ import annotations

from lightlane.verify.connectivity import ConnectivityReport, check_connectivity
from lightlane.verify.drc_run import default_rules, drc
from lightlane.verify.export import write_gds
from lightlane.verify.guard import DrcError
from lightlane.verify.hierarchy import LayoutTooLargeError
from lightlane.verify.loading import GdsReadError, TopCellError, load_layout
from lightlane.verify.lydrc import write_lydrc
from lightlane.verify.preflight import PreflightReport, preflight
from lightlane.verify.report import DrcReport, Violation

__all__ = [
    "ConnectivityReport",
    "DrcError",
    "DrcReport",
    "GdsReadError",
    "LayoutTooLargeError",
    "PreflightReport",
    "TopCellError",
    "Violation",
    "check_connectivity",
    "default_rules",
    "drc",
    "load_layout",
    "preflight",
    "write_gds",
    "write_lydrc",
]
