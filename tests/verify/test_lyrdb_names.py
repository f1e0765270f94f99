"""The marker file names the cells of the exported fab GDS (issue 17): KLayout lands each marker
on its cell when engine.gds and drc.lyrdb are opened together."""

from __future__ import annotations

import functools

import gdsfactory as gf
import klayout.db as kdb
import klayout.rdb as rdb

from lightlane.verify import drc
from lightlane.verify.export import MAX_NAME, exported_cell_names, write_gds

LONG = "a_child_cell_whose_name_is_far_longer_than_thirty_two_characters"


@functools.cache
def _seeded() -> gf.Component:
    """A top cell with a long name holding a child (long name too) with a too narrow WG."""
    child = gf.Component(LONG)
    child.add_polygon([(0, 0), (5, 0), (5, 0.1), (0, 0.1)], layer=(1, 0))  # WG.W.1: 0.1 < 0.15
    top = gf.Component("top_cell_with_a_name_longer_than_the_fab_limit_of_32")
    top.add_ref(child).dmove((10, 0))
    top.add_ref(child).dmove((30, 0))
    return top


def test_markers_name_cells_that_exist_in_the_exported_gds(tmp_path):
    top = _seeded()
    gds = write_gds(top, tmp_path / "engine.gds")
    report = drc(top)
    assert not report.ok and {v.cell for v in report.violations} == {LONG}
    lyrdb = report.write_lyrdb(tmp_path / "drc.lyrdb", cell_names=exported_cell_names(top))
    layout = kdb.Layout()
    layout.read(str(gds))
    exported = {c.name for c in layout.each_cell()}
    markers = rdb.ReportDatabase("check")
    markers.load(str(lyrdb))
    assert markers.top_cell_name in exported
    assert layout.top_cell().name == markers.top_cell_name
    items = list(markers.each_item())
    assert items
    for item in items:
        name = markers.cell_by_id(item.cell_id()).name()
        assert name in exported and len(name) <= MAX_NAME
        cell = layout.cell(name)
        region = kdb.Region(cell.begin_shapes_rec(layout.find_layer(1, 0)))
        for value in item.each_value():
            box = value.box().to_itype(layout.dbu) if value.is_box() else None
            edges = value.edge_pair().to_itype(layout.dbu) if value.is_edge_pair() else None
            where = box if box is not None else edges.bbox()
            assert not region.interacting(kdb.Region(where.enlarged(1, 1))).is_empty()


def test_without_the_map_the_long_names_stay(tmp_path):
    report = drc(_seeded())
    markers = rdb.ReportDatabase("check")
    markers.load(str(report.write_lyrdb(tmp_path / "dev.lyrdb")))
    assert {markers.cell_by_id(i.cell_id()).name() for i in markers.each_item()} == {LONG}


def test_the_map_is_the_one_the_export_applies(tmp_path):
    top = _seeded()
    names = exported_cell_names(top)
    layout = kdb.Layout()
    layout.read(str(write_gds(top, tmp_path / "x.gds")))
    assert sorted(names.values()) == sorted(c.name for c in layout.each_cell())
