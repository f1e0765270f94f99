"""Layout verification: DRC (klayout.db, deep mode), connectivity, fab export and pre-flight.

>>> from lightlane.verify import drc
>>> report = drc("chip.gds")
>>> report.ok, report.summary()
"""

from __future__ import annotations

from lightlane.verify.engine import default_rules, drc
from lightlane.verify.loading import GdsReadError, TopCellError, load_layout
from lightlane.verify.report import DrcReport, Violation

__all__ = [
    "DrcReport",
    "GdsReadError",
    "TopCellError",
    "Violation",
    "default_rules",
    "drc",
    "load_layout",
]
