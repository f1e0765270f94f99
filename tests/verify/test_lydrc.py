"""The generated .lydrc, run by KLayout's batch runner, agrees with the Python engine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import klayout.rdb as rdb
import pytest

from conftest import SEEDS, build
from lightlane.verify import drc
from lightlane.verify.lydrc import deck_text, write_lydrc

KLAYOUT = shutil.which("klayout")


def test_deck_names_every_polygon_rule() -> None:
    text = deck_text()
    for rule_id in ("WG.W.1", "WG.S.1", "GE.EN.1", "NPP.SEP.1", "ANGLE.1", "GRID.1", "POLY.1"):
        assert f'"{rule_id}"' in text
    assert "XS.R.strip" not in text  # radius is a cross-section rule


def _deck_counts(deck: Path, gds: Path, out: Path, flat: bool) -> dict[str, int]:
    cmd = [KLAYOUT, "-b", "-r", str(deck), "-rd", f"input={gds}", "-rd", f"report={out}"]
    if flat:
        cmd += ["-rd", "flat=1"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    report = rdb.ReportDatabase()
    report.load(str(out))
    counts: dict[str, int] = {}
    for cat in report.each_category():  # one rule may output twice (enclosure): add them up
        counts[cat.name()] = counts.get(cat.name(), 0) + cat.num_items()
    return counts


@pytest.mark.skipif(
    KLAYOUT is None, reason="the `klayout` binary is not installed (apt-get install klayout)"
)
def test_deck_agrees_with_python_engine(tmp_path: Path) -> None:
    kinds = [k for k in sorted(SEEDS) if SEEDS[k].dbu == 0.001 and k != "degenerate"]
    gds = tmp_path / "seeded.gds"
    build([SEEDS[k] for k in kinds]).write(str(gds))
    deck = write_lydrc(tmp_path / "lightlane.lydrc")
    ours = drc(gds, flat=True)
    theirs = _deck_counts(deck, gds, tmp_path / "deck.lyrdb", flat=True)
    fired = {r: n for r, n in theirs.items() if n}
    assert fired == ours.failing
    assert {r for k in kinds for r in SEEDS[k].expected} <= set(fired)
