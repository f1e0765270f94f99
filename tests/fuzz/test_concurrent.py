"""Concurrent runs writing the same outputs: whoever finishes last wins, as a whole set; the
files never mix two runs (the GDS's sidecar names the GDS it belongs to)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path


def test_concurrent_builds_into_the_same_name_leave_one_consistent_set(tmp_path: Path) -> None:
    out = tmp_path / "s.gds"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "lightlane.cli",
                "build",
                "straight",
                "-p",
                f"length={n}",
                "-o",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in (10, 20, 30, 40)
    ]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.stderr.read()
    meta = json.loads(out.with_suffix(".json").read_text())
    assert meta["gds_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert meta["settings"]["length"] in (10, 20, 30, 40)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.gds", "s.json"]
