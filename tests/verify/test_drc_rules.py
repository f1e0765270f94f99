"""Every rule kind fires at its seeded places and nowhere else; deep and flat agree."""

from __future__ import annotations

import klayout.db as db
import pytest

from conftest import COPIES, SEEDS, build
from lightlane.pdk.rules import RULES
from lightlane.verify import drc


def _inside(bbox: tuple[float, ...], zone: tuple[float, ...], eps: float = 1e-3) -> bool:
    return (
        bbox[0] >= zone[0] - eps
        and bbox[1] >= zone[1] - eps
        and bbox[2] <= zone[2] + eps
        and bbox[3] <= zone[3] + eps
    )


def test_seed_fires_where_expected(seed_kind: str) -> None:
    seed = SEEDS[seed_kind]
    report = drc(build([seed]))
    fired = set(report.failing)
    assert set(seed.expected) <= fired <= set(seed.expected) | seed.also, report.summary()
    for rule, (count, zone) in seed.expected.items():
        assert report.counts[rule] == COPIES * count, (rule, report.summary())
        assert report.per_cell[rule] == {"SEED0": count}
        hits = [v for v in report.violations if v.rule == rule]
        assert all(v.cell == "SEED0" and v.placements == COPIES for v in hits)
        assert all(_inside(v.bbox, zone) for v in hits), [v.bbox for v in hits]


def test_flat_and_deep_agree(seed_kind: str) -> None:
    layout = build([SEEDS[seed_kind]])
    deep, flat = drc(layout), drc(layout, flat=True)
    assert deep.counts == flat.counts
    assert all(set(cells) == {"TOP"} for cells in flat.per_cell.values())
    for rule, n in deep.counts.items():
        placed = sum(v.placements for v in deep.violations if v.rule == rule)
        assert placed == n, rule


def test_marker_names_rule_value_cell_location() -> None:
    report = drc(build([SEEDS["width"]]))
    v = next(v for v in report.violations if v.rule == "WG.W.1")
    assert (v.value, v.unit, v.cell) == (0.15, "um", "SEED0")
    assert "WG.W.1" in v.message and len(v.edges) == 2
    assert not report.ok and "WG.W.1=3" in report.summary()


def test_tolerance_and_angle_limit_are_settings() -> None:
    layout = build([SEEDS["width"]])
    strict = drc(layout, tolerance=0.0)  # the 149 nm line fires without the 2 nm allowance
    assert strict.counts["WG.W.1"] == 2 * COPIES


def test_lyrdb_and_json(tmp_path) -> None:
    import json

    import klayout.rdb as rdb

    report = drc(build([SEEDS["space"]]))
    path = report.write_lyrdb(tmp_path / "out.lyrdb")
    loaded = rdb.ReportDatabase()
    loaded.load(str(path))
    items = {c.name(): c.num_items() for c in loaded.each_category()}  # ids contain dots: no paths
    assert items["WG.S.1"] == 2 and items["WG.W.1"] == 0
    data = json.loads(report.to_json())
    assert data["counts"]["WG.S.1"] == 2 * COPIES and data["ok"] is False
    assert not list(tmp_path.glob(".*"))  # no temp file left behind


@pytest.mark.parametrize("rule", ["XS.R.strip"])
def test_radius_rules_are_not_polygon_checks(rule: str) -> None:
    assert rule not in drc(build([SEEDS["area"]])).counts


def test_space_between_sibling_instances_is_counted_once_in_deep_mode() -> None:
    """Deep mode checks a pair spanning two sibling cells from both sides; report it once."""
    layout = db.Layout()
    layout.dbu = 0.001
    wg = layout.layer(1, 0)
    bus = layout.create_cell("SIBLING_BUS")
    bus.shapes(wg).insert(db.Box(0, 0, 10000, 400))
    branch = layout.create_cell("SIBLING_BRANCH")
    branch.shapes(wg).insert(
        db.Polygon([db.Point(0, 0), db.Point(10000, 1000), db.Point(10000, 1400), db.Point(0, 400)])
    )
    top = layout.create_cell("SIBLING_TOP")
    for child in (bus, branch):
        top.insert(db.CellInstArray(child.cell_index(), db.Trans()))
    rules = [RULES["WG.S.1"]]
    deep, flat = drc(layout, rules=rules), drc(layout, flat=True, rules=rules)
    assert deep.counts == flat.counts == {"WG.S.1": 1}
