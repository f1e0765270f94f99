"""Seeded corrupt GDS files: flipped bytes, cut records, shuffled and repeated records. DRC
answers each with a result or one line and exit 2; it never crashes, hangs or says clean about
a file it could not read."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lightlane.cli import app

runner = CliRunner()
SEEDS = range(40)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("good") / "mzi.gds"
    result = runner.invoke(app, ["build", "mzi_unbalanced", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def records(data: bytes) -> list[bytes]:
    out, pos = [], 0
    while pos + 4 <= len(data):
        length = struct.unpack(">H", data[pos : pos + 2])[0]
        if length < 4:
            break
        out.append(data[pos : pos + length])
        pos += length
    return out


def corrupt(data: bytes, seed: int) -> bytes:
    """One of four damages, chosen and placed by ``seed``."""
    rng = random.Random(seed)
    kind = seed % 4
    if kind == 0:  # flip a few bytes anywhere
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if kind == 1:  # cut the file short
        return data[: rng.randrange(1, len(data))]
    recs = records(data)
    if kind == 2:  # swap two records of the body
        i, j = rng.randrange(1, len(recs) - 1), rng.randrange(1, len(recs) - 1)
        recs[i], recs[j] = recs[j], recs[i]
    else:  # repeat a record
        i = rng.randrange(1, len(recs) - 1)
        recs.insert(i, recs[i])
    return b"".join(recs)


@pytest.mark.parametrize("seed", SEEDS)
def test_corrupt_gds_is_a_result_or_one_line(tmp_path: Path, good: bytes, seed: int) -> None:
    bad = tmp_path / "bad.gds"
    data = corrupt(good, seed)
    bad.write_bytes(data)
    result = runner.invoke(app, ["drc", str(bad), "--json"])
    assert result.exit_code in (0, 1, 2), result.output[-500:]
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.strip().splitlines()[-1].startswith("lightlane: error:")
    if data != good and result.exit_code == 0:
        # still clean: then the damage left a readable, clean layout (a flipped bit of a
        # coordinate, say); the file must still be one KLayout reads the same way
        import klayout.db as db

        layout = db.Layout()
        layout.read(str(bad))
        assert layout.top_cells(), "clean verdict on a file with no cells"
