"""Which of gdsfactory's own cells build with lightlane's PDK active (issue 14, item 1).

Every cell of gdsfactory's generic PDK is built with its defaults twice, each time in a fresh
process: once with the generic PDK active, then, for those that built, with lightlane's. A cell
that builds with the generic PDK but not with lightlane's is classified by how it failed:

- ``missing layer``: refused with lightlane's one-line :class:`lightlane.pdk.layers.MissingLayer`
  (the cell needs a layer this process does not have);
- ``missing name``: it asks the PDK for a cell or cross-section lightlane does not register;
- ``design rule``: a lightlane cell refused gdsfactory's numbers, naming the rule they break;
- ``port width``: gdsfactory's cell hard-codes the generic PDK's 500 nm strip;
- ``TypeError``: a cell or cross-section registered under a gdsfactory name does not take
  gdsfactory's parameters (shadowing: what must never happen);
- ``other``: anything else, with its one-line message.

Usage: ``python scripts/gf_cells_compat.py [--json out.json] [--timeout 60]``. The summary is
printed; exit status 1 when fewer than 90 % build or any TypeError remains.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import warnings
from pathlib import Path

TARGET = 0.9


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001 - the signal handler's signature
    raise _Timeout


def _classify(error: BaseException) -> str:
    from lightlane.pdk.layers import MissingLayer

    text = str(error)
    if isinstance(error, MissingLayer):
        return "missing layer"
    if isinstance(error, ValueError) and (" not in PDK " in text or "' not in [" in text):
        return "missing name"
    if isinstance(error, ValueError) and ("(rule " in text or "must be one of" in text):
        return "design rule"
    if type(error).__name__ == "PortWidthMismatchError":
        return "port width"
    if isinstance(error, TypeError):
        return "TypeError"
    if isinstance(error, _Timeout):
        return "timeout"
    return "other"


def build_all(pdk_name: str, names: list[str] | None, timeout: int) -> dict[str, dict]:
    """Build every generic-PDK cell (or ``names``) with ``pdk_name`` active; one row each."""
    import gdsfactory as gf

    warnings.simplefilter("ignore")
    generic = gf.gpdk.get_generic_pdk()
    if pdk_name == "generic":
        generic.activate()
    else:
        import lightlane

        lightlane.PDK.activate()
    names = sorted(generic.cells) if names is None else names
    signal.signal(signal.SIGALRM, _alarm)
    rows = {}
    for name in names:
        signal.alarm(timeout)
        try:
            gf.components.__dict__.get(name, generic.cells[name])()
            rows[name] = {"result": "builds"}
        except BaseException as error:  # noqa: BLE001 - every failure is classified
            if isinstance(error, KeyboardInterrupt):
                raise
            message = str(error).strip().splitlines()[0] if str(error).strip() else ""
            rows[name] = {
                "result": _classify(error),
                "error": f"{type(error).__name__}: {message[:300]}",
                "lines": len(str(error).strip().splitlines()),
            }
        finally:
            signal.alarm(0)
    return rows


def _run(pdk_name: str, names: list[str] | None, timeout: int) -> dict[str, dict]:
    """:func:`build_all` in a fresh process (no cell cached from the other PDK)."""
    argv = [sys.executable, __file__, "--child", pdk_name, "--timeout", str(timeout)]
    if names is not None:
        argv += ["--names", ",".join(names)]
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write every cell's row here")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per cell")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--names", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        names = args.names.split(",") if args.names else None
        print(json.dumps(build_all(args.child, names, args.timeout)))
        return 0

    generic = _run("generic", None, args.timeout)
    built = sorted(n for n, row in generic.items() if row["result"] == "builds")
    ours = _run("lightlane", built, args.timeout)
    counts: dict[str, int] = {}
    for row in ours.values():
        counts[row["result"]] = counts.get(row["result"], 0) + 1
    share = counts.get("builds", 0) / len(built)
    print(f"{len(built)} of {len(generic)} gdsfactory cells build with the generic PDK")
    print(f"with lightlane active: {counts.get('builds', 0)} build ({share:.1%})")
    for result, count in sorted(counts.items()):
        print(f"  {result}: {count}")
    for name, row in sorted(ours.items()):
        if row["result"] != "builds":
            print(f"  {name}: [{row['result']}] {row['error']}")
    if args.json:
        args.json.write_text(json.dumps({"generic": generic, "lightlane": ours}, indent=1))
    return 0 if share >= TARGET and "TypeError" not in counts else 1


if __name__ == "__main__":
    sys.exit(main())
