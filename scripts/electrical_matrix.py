"""Every standard's engine with each routed electrical interface, checked as a fab would.

For each standard, side and interface (wirebond, flipchip): build the engine, run DRC, the
optical and electrical connectivity checks and the fab pre-flight on its exported GDS (with
fill), and print one table row: die size, pads, longest line, and the count of findings.

    PYTHONPATH=$PWD python scripts/electrical_matrix.py [--sides trx] [--standards A,B]
        [--laser flipchip] [--json F]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def check(standard: str, side: str, electrical: str, **options) -> dict:
    """One engine's checks as a row of the table."""
    from lightlane.circuits.engine import engine
    from lightlane.circuits.flow import check_hierarchy, electrical_findings
    from lightlane.verify import drc
    from lightlane.verify.export import write_gds
    from lightlane.verify.preflight import preflight

    start = time.perf_counter()
    row = {"standard": standard, "side": side, "electrical": electrical, **options}
    try:
        c = engine(standard, side=side, electrical=electrical, **options)
    except Exception as err:  # the row records why the engine could not be built
        return {**row, "error": f"{type(err).__name__}: {err}"[:300]}
    plan = c.info["floorplan"]
    e = plan.get("electrical", {})
    with tempfile.TemporaryDirectory() as tmp:
        gds = Path(tmp) / "engine.gds"
        write_gds(c, gds, profile="fab", fill=True)
        fab = preflight(gds)
    report = drc(c)
    row.update(
        die_mm=plan["die_mm"],
        die_area_mm2=plan["die_area_mm2"],
        pads=e.get("pads"),
        terminals=e.get("terminals"),
        lines=e.get("rf_lines"),
        longest_line_mm=e.get("longest_line_mm"),
        drc=int(report.total),
        connectivity=len(check_hierarchy(c)),
        electrical_findings=len(electrical_findings(c)),
        preflight_errors=int(fab.to_dict()["errors"]),
        seconds=round(time.perf_counter() - start, 1),
    )
    row["clean"] = not (
        row["drc"] or row["connectivity"] or row["electrical_findings"] or row["preflight_errors"]
    )
    return row


def main(argv: list[str] | None = None) -> int:
    from lightlane.circuits.standards import STANDARDS
    from lightlane.registry import get_pdk

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sides", default="trx")
    parser.add_argument("--standards", default=",".join(STANDARDS))
    parser.add_argument("--electrical", default="wirebond,flipchip")
    parser.add_argument("--laser", default=None, help="edge, grating or flipchip (default: fibres)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    get_pdk().activate()
    rows = []
    for standard in args.standards.split(","):
        for side in args.sides.split(","):
            for electrical in args.electrical.split(","):
                options = {} if args.laser is None else {"laser": args.laser}
                row = check(standard, side, electrical, **options)
                rows.append(row)
                print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0 if all(r.get("clean") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
