"""Fab pre-flight: each check fires on its seeded defect and is silent on a clean layout."""

from __future__ import annotations

import math
from pathlib import Path

import gdsfactory as gf
import klayout.db as db
import pytest

from lightlane.pdk.rules import DENSITY_RULES
from lightlane.verify import drc
from lightlane.verify.export import write_gds
from lightlane.verify.fill import add_fill, window_densities
from lightlane.verify.preflight import preflight


def _layout(name: str = "TOP", dbu: float = 0.001) -> tuple[db.Layout, db.Cell]:
    layout = db.Layout()
    layout.dbu = dbu
    return layout, layout.create_cell(name)


def _write(layout: db.Layout, path: Path) -> Path:
    options = db.SaveLayoutOptions()
    options.gds2_max_vertex_count = 8000
    layout.write(str(path), options)
    return path


def _box(cell: db.Cell, layer: tuple[int, int], *um: float) -> None:
    layout = cell.layout()
    cell.shapes(layout.layer(*layer)).insert(db.DBox(*um))


def _checks(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in preflight(path).findings:
        found.setdefault(f.check, set()).add(f.severity)
    return found


def test_a_clean_cell_has_no_finding(tmp_path):
    cell = gf.get_active_pdk().get_component("mmi1x2")
    report = preflight(write_gds(cell, tmp_path / "mmi.gds"))
    assert report.ok and report.findings == [], report.summary()
    assert report.densities == {}  # not a die: no FLOORPLAN outline


def test_illegal_names(tmp_path):
    layout, top = _layout("TOP-CELL")  # KLayout writes a space as $; a hyphen stays
    _box(top, (1, 0), 0, 0, 1, 1)
    assert _checks(_write(layout, tmp_path / "n.gds")) == {"names": {"error"}}


def test_unknown_layer(tmp_path):
    layout, top = _layout()
    _box(top, (1, 0), 0, 0, 1, 1)
    _box(top, (200, 0), 0, 0, 1, 1)
    assert _checks(_write(layout, tmp_path / "l.gds")) == {"layers": {"error"}}


def test_too_many_vertices(tmp_path):
    layout, top = _layout()
    ring = db.DPolygon.ellipse(db.DBox(-50, -50, 50, 50), 5000)
    top.shapes(layout.layer(1, 0)).insert(ring.to_itype(layout.dbu))
    assert _checks(_write(layout, tmp_path / "v.gds")) == {"vertices": {"error"}}


def test_off_grid_and_wrong_units(tmp_path):
    layout, top = _layout(dbu=0.0001)
    top.shapes(layout.layer(1, 0)).insert(db.Box(0, 0, 10003, 10000))  # 1.0003 um wide
    assert _checks(_write(layout, tmp_path / "g.gds")) == {
        "grid": {"error"},
        "units": {"error"},
    }


@pytest.mark.parametrize(
    "boxes",
    [
        [(0, 0, 5, 0.02)],  # a 20 nm wide line
        [(0, 0, 5, 1), (0, 1.01, 5, 2)],  # a 10 nm gap
    ],
)
def test_slivers(tmp_path, boxes):
    layout, top = _layout()
    for b in boxes:
        _box(top, (1, 0), *b)
    assert "slivers" in _checks(_write(layout, tmp_path / "s.gds"))


def _parallelogram(top: db.Cell, angle_deg: float) -> None:
    """A parallelogram on WG with two convex corners of ``angle_deg`` (the others obtuse)."""
    slope = db.DPoint(
        10 * math.cos(math.radians(angle_deg)), 10 * math.sin(math.radians(angle_deg))
    )
    corners = [db.DPoint(0, 0), db.DPoint(20, 0), db.DPoint(20, 0) + slope, slope]
    top.shapes(top.layout().layer(1, 0)).insert(db.DPolygon(corners).to_itype(top.layout().dbu))


@pytest.mark.parametrize(("angle", "severity"), [(30.0, "error"), (60.0, "warning")])
def test_acute_corners(tmp_path, angle, severity):
    layout, top = _layout()
    _parallelogram(top, angle)
    found = _checks(_write(layout, tmp_path / "a.gds"))
    assert found.get("acute") == {severity}
    assert preflight(tmp_path / "a.gds").ok == (severity == "warning")


def _die(size: float = 1000.0) -> tuple[db.Layout, db.Cell]:
    layout, top = _layout("DIE")
    _box(top, (64, 0), 0, 0, size, size)  # FLOORPLAN: a die
    _box(top, (1, 0), 100, 100, 300, 102)  # a little silicon
    return layout, top


def test_density_fires_on_an_empty_die_and_fill_meets_it(tmp_path):
    layout, top = _die()
    assert _checks(_write(layout, tmp_path / "empty.gds")) == {"density": {"error"}}
    counts = add_fill(layout, top)
    assert set(counts) == {r.layer for r in DENSITY_RULES} and all(counts.values())
    path = _write(layout, tmp_path / "filled.gds")
    report = preflight(path)
    assert report.ok and report.findings == [], report.summary()
    for rule in DENSITY_RULES:
        low, high = report.densities[rule.id]["min"], report.densities[rule.id]["max"]
        assert rule.minimum <= low <= high <= rule.maximum
    assert drc(path).ok


def test_fill_keeps_its_clearance_and_is_deterministic(tmp_path):
    a, b = _die(), _die()
    add_fill(*a)
    add_fill(*b)
    pa, pb = _write(a[0], tmp_path / "a.gds"), _write(b[0], tmp_path / "b.gds")
    assert pa.read_bytes() == pb.read_bytes()
    layout, top = a
    wg = db.Region(top.begin_shapes_rec(layout.layer(1, 0)))
    drawn = db.Region(db.Box(100_000, 100_000, 300_000, 102_000))
    fill = wg - drawn
    clearance = round(DENSITY_RULES[0].clearance / layout.dbu)
    assert fill.interacting(drawn.sized(clearance)).is_empty()


def test_a_die_filled_twice_is_refused():
    layout, top = _die()
    add_fill(layout, top)
    with pytest.raises(ValueError, match="FILL_WG"):
        add_fill(layout, top)


def test_windows_cover_the_die_to_its_edges():
    layout, top = _die(1100.0)
    windows = window_densities(layout, top, DENSITY_RULES[0])
    assert max(w.box[2] for w in windows) == pytest.approx(1100.0)
    assert max(w.box[3] for w in windows) == pytest.approx(1100.0)
    assert len(windows) == 16  # from 0, 250, 500 and 750 on each axis, the last clipped at 1100


def test_fill_keeps_out_of_no_tile_si():
    layout, top = _die()
    _box(top, (71, 0), 400, 400, 700, 700)  # NO_TILE_SI: no silicon tiles here
    add_fill(layout, top)
    tiles = db.Region(top.begin_shapes_rec(layout.find_layer(1, 0)))
    zone = db.Region(db.Box(400_000, 400_000, 700_000, 700_000))
    assert not tiles.is_empty() and (tiles & zone).is_empty()
