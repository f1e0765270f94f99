"""Bad files give clear errors; fab export is byte-identical and passes pre-flight; CLI codes."""

from __future__ import annotations

import filecmp
import itertools
import json
from pathlib import Path

import gdsfactory as gf
import klayout.db as db
import pytest

from conftest import SEEDS, build
from lightlane.components.waveguides import bend_euler, straight, taper
from lightlane.registry import get_pdk
from lightlane.verify import GdsReadError, TopCellError, drc
from lightlane.verify.cli_support import run_drc_cli
from lightlane.verify.export import fab_cell_names, write_gds
from lightlane.verify.preflight import preflight

_ids = itertools.count()


@pytest.fixture(scope="module")
def circuit() -> gf.Component:
    get_pdk().activate()
    c = gf.Component(f"verify_files_circuit_with_a_name_longer_than_32_{next(_ids)}")
    s = c << straight(length=10)
    b = c << bend_euler()
    b.connect("o1", s.ports["o2"])
    t = c << taper()
    t.connect("o1", b.ports["o2"])
    c.add_port("o1", port=s.ports["o1"])
    return c


@pytest.fixture
def good_gds(tmp_path: Path) -> Path:
    path = tmp_path / "good.gds"
    build([SEEDS["area"]]).write(str(path))
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: None, "file not found"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_text("hello, not a layout\n" * 4), "not a GDSII file"),
    ],
)
def test_bad_files(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "bad.gds"
    make(path)
    with pytest.raises(GdsReadError, match=reason) as info:
        drc(path)
    assert str(path) in str(info.value)
    with pytest.raises(GdsReadError, match=reason):
        preflight(path)


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_gds(good_gds: Path, tmp_path: Path, cut: float) -> None:
    data = good_gds.read_bytes()
    bad = tmp_path / "truncated.gds"
    bad.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(GdsReadError, match="truncated"):
        drc(bad)


def test_corrupt_record(good_gds: Path, tmp_path: Path) -> None:
    data = bytearray(good_gds.read_bytes())
    data[6:8] = b"\x00\x03"  # second record length 3: impossible (odd, below 4)
    bad = tmp_path / "corrupt.gds"
    bad.write_bytes(bytes(data))
    with pytest.raises(GdsReadError, match="corrupt"):
        drc(bad)


def test_two_top_cells(tmp_path: Path) -> None:
    layout = build([SEEDS["area"]], name="TOP_A")
    other = layout.create_cell("TOP_B")
    other.shapes(layout.layer(1, 0)).insert(db.Box(0, 0, 1000, 1000))
    path = tmp_path / "two.gds"
    layout.write(str(path))
    assert preflight(path).checks() >= {"top_cells"}
    with pytest.raises(TopCellError, match="TOP_A, TOP_B") as info:
        drc(path)
    assert info.value.top_cells == ["TOP_A", "TOP_B"]
    assert drc(path, top_cell="TOP_B").ok
    assert drc(path, top_cell="TOP_A").counts["WG.A.1"] == 3
    assert run_drc_cli(path) == 2


def test_fab_export_is_deterministic_and_clean(circuit: gf.Component, tmp_path: Path) -> None:
    a, b = write_gds(circuit, tmp_path / "a.gds"), write_gds(circuit, tmp_path / "b.gds")
    assert filecmp.cmp(a, b, shallow=False)
    report = preflight(a)
    assert report.ok and not report.findings, report.summary()
    meta = json.loads(a.with_suffix(".json").read_text())
    assert meta["top_cell"] == report.top_cells[0] and len(meta["top_cell"]) <= 32
    assert drc(a).ok
    dev = tmp_path / "dev.gds"
    write_gds(circuit, dev, profile="dev")
    assert {"context_cell", "names"} <= preflight(dev).checks()


def test_fab_export_splits_and_snaps(tmp_path: Path) -> None:
    layout = db.Layout()
    layout.dbu = 0.0001
    top = layout.create_cell("BIG")
    ring = db.DPolygon.ellipse(db.DBox(-50, -50, 50, 50), 9000)
    top.shapes(layout.layer(1, 0)).insert(ring.to_itype(layout.dbu))
    path = write_gds(layout, tmp_path / "big.gds")
    report = preflight(path)
    assert report.ok, report.summary()


def test_fab_names_are_unique_and_short() -> None:
    names = ["a" * 40, "a" * 40 + "x", "ok", "with space"]
    renamed = fab_cell_names(names)
    assert len(set(renamed.values())) == 4 and all(len(v) <= 32 for v in renamed.values())
    assert renamed == fab_cell_names(list(reversed(names))) and renamed["ok"] == "ok"


def test_cli_exit_codes(good_gds: Path, tmp_path: Path, capsys) -> None:
    assert run_drc_cli(good_gds, lyrdb=tmp_path / "o.lyrdb") == 1
    assert (tmp_path / "o.lyrdb").exists() and "WG.A.1" in capsys.readouterr().out
    assert run_drc_cli(good_gds, as_json=True) == 1
    assert json.loads(capsys.readouterr().out)["counts"]["WG.A.1"] == 3
    assert run_drc_cli(tmp_path / "missing.gds") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file not found" in err and "Traceback" not in err
