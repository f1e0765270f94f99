"""A DRC that never says clean by mistake: each case reproduces one finding of issue 13.

Files are written record by record (gds_bytes) so that each test holds exactly the oddity it
is about; layouts built with klayout.db hold the geometric ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gds_bytes as g
import klayout.db as db
import pytest

from lightlane.pdk.rules import RULES
from lightlane.verify import GdsReadError, drc
from lightlane.verify.guard import DrcError, klayout_errors
from lightlane.verify.hierarchy import CHECK_DEPTH, LayoutTooLargeError

WG, M1, NPP, HEATER = 1, 41, 24, 47


def write(tmp_path: Path, data: bytes, name: str = "case.gds") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def lines(dbu_um: float, width: float, space: float) -> bytes:
    """Two 10 um waveguides of ``width`` at ``space`` (um), in units of ``dbu_um``."""
    w, s, length = (round(v / dbu_um) for v in (width, space, 10.0))
    top = g.structure(
        b"TOP",
        g.boundary(WG, g.box(0, 0, length, w)),
        g.boundary(WG, g.box(0, w + s, length, 2 * w + s)),
    )
    return g.library(top, user_unit=dbu_um, meter_unit=dbu_um * 1e-6)


@pytest.mark.parametrize(
    ("user", "meter"), [(0.1, 1e-7), (-1e-3, -1e-9), (0.0, 0.0), (3e-4, 3e-10)]
)
def test_database_units_that_would_round_the_rules_are_refused(tmp_path, user, meter):
    data = g.library(
        g.structure(b"TOP", g.boundary(WG, g.box(0, 0, 100, 1))), user_unit=user, meter_unit=meter
    )
    with pytest.raises(GdsReadError, match="database unit .* is not supported"):
        drc(write(tmp_path, data))


def test_coarse_unit_in_a_layout_object_is_refused_too():
    layout = db.Layout()
    layout.dbu = 0.1
    layout.create_cell("TOP").shapes(layout.layer(WG, 0)).insert(db.Box(0, 0, 100, 1))
    with pytest.raises(GdsReadError, match="database unit 0.1 um"):
        drc(layout)


@pytest.mark.parametrize(("width", "fires"), [(0.1479, True), (0.1480, False)])
def test_a_finer_unit_holds_each_limit_exactly(tmp_path, width, fires):
    # WG.W.1 fires below 0.15 - 0.002 um: at 0.1 nm units, 0.1479 is below and 0.148 is not
    report = drc(write(tmp_path, lines(0.0001, width, 1.0)), rules=[RULES["WG.W.1"]])
    assert report.counts["WG.W.1"] == (2 if fires else 0)


def _cells(*cells: tuple[str, list[tuple[int, tuple[int, int, int, int]]]]) -> db.Layout:
    layout = db.Layout()
    layout.dbu = 0.001
    top = layout.create_cell("TOP")
    for name, shapes in cells:
        cell = layout.create_cell(name)
        for layer, b in shapes:
            cell.shapes(layout.layer(layer, 0)).insert(db.Box(*b))
        top.insert(db.CellInstArray(cell.cell_index(), db.Trans()))
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_heater_touching_its_contact_is_still_checked_against_other_metal(flat):
    layout = _cells(
        ("HTR", [(HEATER, (0, 0, 10000, 1000)), (M1, (10000, 0, 12000, 1000))]),  # own contact
        ("WIRE", [(M1, (0, 1500, 9000, 3000))]),  # foreign M1 0.5 um away: too close
    )
    report = drc(layout, flat=flat, rules=[RULES["HEATER.SEP.1"]])
    assert report.counts["HEATER.SEP.1"] == 1, report.summary()
    hit = report.violations[0]
    assert hit.bbox[1] >= 1.0 - 1e-6 and hit.bbox[3] <= 1.5 + 1e-6  # between heater and wire


def test_an_npp_touching_one_waveguide_is_checked_against_another():
    layout = _cells(
        ("MOD", [(NPP, (0, 0, 2000, 2000)), (WG, (2000, 0, 12000, 500))]),  # touching: a contact
        ("BUS", [(WG, (0, 2300, 12000, 2800))]),  # a second waveguide 0.3 um above the N++
    )
    assert drc(layout, rules=[RULES["NPP.SEP.1"]]).counts["NPP.SEP.1"] == 1


def test_the_contact_polygon_itself_stays_exempt_where_it_returns_near_the_heater():
    # one M1 polygon drawn as boxes: the contact, a riser far away and an arm back over the
    # heater; joined outside the window around the heater, it is still the heater's contact
    layout = _cells(
        (
            "HTR",
            [
                (HEATER, (0, 0, 10000, 1000)),
                (M1, (10000, 0, 12000, 1000)),
                (M1, (10000, 1000, 60000, 2000)),
                (M1, (58000, 2000, 60000, 40000)),
                (M1, (0, 38000, 60000, 40000)),
                (M1, (0, 1500, 2000, 38000)),
            ],
        ),
    )
    assert drc(layout, rules=[RULES["HEATER.SEP.1"]]).ok


@pytest.mark.parametrize(
    ("element", "what"),
    [
        (g.path(WG, [(0, 0), (10000, 0)], 0), "zero-width path"),
        (g.path(WG, [(0, 0), (0, 0)], 500), "zero-length path"),
        (g.boundary(WG, g.box(0, 0, 0, 5000)), "zero-width box"),
    ],
    ids=["zero-width-path", "zero-length-path", "zero-width-box"],
)
@pytest.mark.parametrize("flat", [False, True])
def test_zero_area_shapes_are_degenerate(tmp_path, element, what, flat):
    data = g.library(g.structure(b"TOP", g.boundary(WG, g.box(0, 5000, 10000, 6000)), element))
    report = drc(write(tmp_path, data), flat=flat)
    assert report.failing == {"POLY.2": 1}, (what, report.summary())


@pytest.mark.parametrize("flat", [False, True])
def test_a_figure_eight_is_a_self_intersection_not_a_zero_area(tmp_path, flat):
    bow_tie = g.boundary(WG, [(0, 0), (1000, 1000), (1000, 0), (0, 1000)])
    data = g.library(g.structure(b"LEAF", bow_tie), g.structure(b"TOP", g.sref(b"LEAF")))
    report = drc(write(tmp_path, data), flat=flat)
    assert "POLY.2" not in report.failing and report.failing.get("POLY.1", 0) >= 1, report.summary()


def test_an_undefined_cell_is_an_error(tmp_path):
    data = g.library(g.structure(b"TOP", g.sref(b"MISSING")))
    with pytest.raises(GdsReadError, match="'MISSING' is referenced by 'TOP' but never defined"):
        drc(write(tmp_path, data))


def test_a_non_manhattan_instance_has_its_own_rule():
    layout = _cells(("LEAF", [(WG, (0, 0, 10000, 500))]))
    top, leaf = layout.cell("TOP"), layout.cell("LEAF")
    top.insert(db.CellInstArray(leaf.cell_index(), db.ICplxTrans(1.0, 30.0, False, 0, 20000)))
    top.insert(db.CellInstArray(leaf.cell_index(), db.ICplxTrans(1.0, 270.0, False, 0, 40000)))
    report = drc(layout)
    assert report.failing == {"INST.1": 1}, report.summary()
    assert report.per_cell["INST.1"] == {"TOP": 1}


def test_a_recursive_hierarchy_is_an_error(tmp_path):
    data = g.library(
        g.structure(b"TOP", g.sref(b"A")),
        g.structure(b"A", g.sref(b"B"), g.boundary(WG, g.box(0, 0, 1000, 500))),
        g.structure(b"B", g.sref(b"A")),
    )
    with pytest.raises(GdsReadError, match="recursive hierarchy: (A -> B -> A|B -> A -> B)"):
        drc(write(tmp_path, data))


@pytest.mark.parametrize(
    ("name", "match"),
    [(b"", "is empty"), (b"\xe9\xff", r"b'\\xe9\\xff'.*not valid text")],
    ids=["empty", "e9ff"],
)
def test_empty_and_undecodable_cell_names_are_errors(tmp_path, name, match):
    data = g.library(g.structure(name, g.boundary(WG, g.box(0, 0, 1000, 500))))
    with pytest.raises(GdsReadError, match=match):
        drc(write(tmp_path, data))


def chain(levels: int, leaf: list[tuple[int, tuple[int, int, int, int]]]) -> db.Layout:
    layout = db.Layout()
    layout.dbu = 0.001
    cells = [layout.create_cell(f"L{i}") for i in range(levels)]
    for layer, b in leaf:
        cells[-1].shapes(layout.layer(layer, 0)).insert(db.Box(*b))
    for parent, child in zip(cells[:-1], cells[1:], strict=True):
        parent.insert(db.CellInstArray(child.cell_index(), db.Trans(db.Vector(10, 0))))
    return layout


def test_a_deep_chain_is_checked_with_its_violation_in_the_cut_cell():
    levels = 2000
    narrow = [(WG, (0, 0, 10000, 100)), (WG, (0, 5000, 10000, 5500))]
    report = drc(chain(levels, narrow))
    assert report.failing == {"WG.W.1": 1}, report.summary()
    assert report.flattened == [f"L{CHECK_DEPTH - 1}"]
    assert report.per_cell["WG.W.1"] == {f"L{CHECK_DEPTH - 1}": 1}
    assert drc(chain(levels, narrow), flat=True).counts == report.counts


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_non_regular_files_are_refused_without_reading_them(tmp_path, special):
    path = special
    if special == "fifo":
        path = tmp_path / "pipe.gds"
        os.mkfifo(path)
    code = f"from lightlane.verify import drc\ndrc({str(path)!r})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr[-500:]


def box_array(n: int, pitch_nm: int = 500, size_nm: int = 400) -> db.Layout:
    layout = db.Layout()
    layout.dbu = 0.001
    cell = layout.create_cell("BOX")
    cell.shapes(layout.layer(WG, 0)).insert(db.Box(0, 0, size_nm, size_nm))
    top = layout.create_cell("TOP")
    step_a, step_b = db.Vector(pitch_nm, 0), db.Vector(0, pitch_nm)
    top.insert(db.CellInstArray(cell.cell_index(), db.Trans(), step_a, step_b, n, n))
    return layout


def test_a_huge_array_is_refused_with_its_size_and_the_limit():
    with pytest.raises(LayoutTooLargeError, match=r"9,000,000 shapes .* limit of 2,000,000"):
        drc(box_array(3000))


def test_listed_markers_stop_at_the_cap_while_counts_stay_exact():
    layout = box_array(30)  # 0.1 um gaps under the 0.15 um rule; a diagonal gap is two corner pairs
    full = drc(layout, rules=[RULES["WG.S.1"]])
    capped = drc(layout, rules=[RULES["WG.S.1"]], max_markers=10)
    assert capped.counts == full.counts and full.counts["WG.S.1"] == 2 * 30 * 29 + 4 * 29 * 29
    assert len(capped.violations) == 10 and capped.truncated == ["WG.S.1"]
    assert full.truncated == [] and "listed in part" in capped.summary()


def test_an_error_logged_by_klayout_is_an_error_not_a_clean_result():
    # what KLayout's worker jobs do with an exception: log it on fd 2 and carry on
    with pytest.raises(DrcError, match="std::bad_alloc; the layout was not checked"):
        with klayout_errors("DRC of TEST"):
            os.write(2, b"ERROR: Worker thread: std::bad_alloc\n")


def test_running_out_of_memory_inside_klayout_is_exit_2_never_clean(tmp_path):
    gds = tmp_path / "dense.gds"
    box_array(400).write(str(gds))  # 160,000 boxes, 956,004 spacing markers: ~1 GB to check
    # the child caps its address space at what it uses after imports plus 400 MiB
    code = (
        "import re, resource, sys\n"
        "from lightlane.cli import app\n"
        "import lightlane.verify\n"
        "size = int(re.search(r'VmSize:\\s+(\\d+)', open('/proc/self/status').read())[1])\n"
        "resource.setrlimit(resource.RLIMIT_AS, ((size << 10) + (400 << 20),) * 2)\n"
        "app(['drc', sys.argv[1]])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(gds)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 2, (done.returncode, done.stdout[-300:], done.stderr[-800:])
    assert "clean" not in done.stdout
    assert done.stderr.strip().splitlines()[-1].startswith("lightlane: error:")
