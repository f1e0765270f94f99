"""The engines' routed electrical interfaces (issue 17 item 2): wire-bond rows and bump fields.

Every device terminal must reach exactly one assembly pad and no other terminal; pads sit on
the assembly pitch beside the circuit, inside the die; the modulators' feed lines are the
coplanar line whose impedance the electrode model gives; the probe default is unchanged.
"""

from __future__ import annotations

import klayout.db as kdb
import numpy as np
import pytest

from lightlane.circuits.electrical import ELECTRICAL
from lightlane.circuits.engine import engine
from lightlane.circuits.maze import Grid, NoRoute, offset_polyline
from lightlane.circuits.wiring import CPW, M3_STACK, PAD_PITCH, cpw_figures
from lightlane.models.mzm import junction
from lightlane.pdk.layers import LAYER
from lightlane.physics.electrode import coplanar_line, line_parameters
from lightlane.verify.connectivity_electrical import check_electrical


@pytest.fixture(scope="module", params=["wirebond", "flipchip"])
def routed(request):
    return request.param, engine("400G-DR4", side="trx", electrical=request.param)


def _openings(component) -> list[tuple[float, float]]:
    index = component.kcl.find_layer(*tuple(LAYER.PADOPEN))
    region = kdb.Region(component.kdb_cell.begin_shapes_rec(index)).merged()
    dbu = component.kcl.dbu
    return [(p.bbox().center().x * dbu, p.bbox().center().y * dbu) for p in region.each()]


def test_every_terminal_reaches_exactly_one_pad(routed):
    kind, c = routed
    report = check_electrical(c)
    assert report.ok, [f.message for f in report.findings]
    # 4 MZMs (e1-e4, e9, e10), 4 monitor and 8 receiver photodiodes (two terminals each)
    assert report.terminals == 4 * 6 + 12 * 2
    assert report.pads == report.terminals  # one pad each, no spare, none shared
    info = c.info["floorplan"]["electrical"]
    assert info["kind"] == kind and info["pads"] == report.pads == info["terminals"]


def test_pads_sit_on_the_assembly_pitch_inside_the_die(routed):
    kind, c = routed
    pads = _openings(c)
    assert len(pads) == 48
    xs = np.array([x for x, _ in pads])
    assert np.allclose(np.round(xs / PAD_PITCH) * PAD_PITCH, xs, atol=1e-3)
    frame = next(inst for inst in c.insts if inst.name == "die_frame").dbbox()
    circuit = next(inst for inst in c.insts if inst.name == "tx").dbbox()
    rx = next(inst for inst in c.insts if inst.name == "rx").dbbox()
    for x, y in pads:
        assert frame.left < x < frame.right and frame.bottom < y < frame.top
        # beside the circuit, never over it: north of the transmitter or south of the receiver
        assert y > circuit.top or y < rx.bottom
    rows = {round(y) for _, y in pads}
    assert len(rows) == (2 if kind == "wirebond" else 4)  # a bump grid two rows deep


def test_held_filters_heaters_are_routed_terminals_not_mid_die_pads():
    """A wire-bond FR4 engine builds its CWDM4 filters on covered landings too: the heater
    loops' two ends (one mux, two demuxes) are terminals routed to the pad rows, so every pad
    opening sits beside the circuit, none over it."""
    c = engine("400G-FR4", side="trx", electrical="wirebond")
    report = check_electrical(c)
    assert report.ok, [f.message for f in report.findings]
    # the DR4 count (4 MZMs, 12 photodiodes) and 3 filter heaters of two terminals each
    assert report.terminals == report.pads == 4 * 6 + 12 * 2 + 3 * 2
    tx = next(inst for inst in c.insts if inst.name == "tx").dbbox()
    rx = next(inst for inst in c.insts if inst.name == "rx").dbbox()
    assert all(y > tx.top or y < rx.bottom for _, y in _openings(c))


def test_a_short_between_two_routed_pads_is_caught():
    c = engine("400G-DR4", side="trx", electrical="wirebond")
    pads = sorted(_openings(c))
    (x0, y0), (x1, y1) = pads[0], next(p for p in pads[1:] if abs(p[1] - pads[0][1]) < 1)
    bridged = c.dup()
    bridged.add_polygon([(x0, y0 - 5), (x1, y1 - 5), (x1, y1 + 5), (x0, y0 + 5)], layer=LAYER.M3)
    kinds = {f.kind for f in check_electrical(bridged).findings}
    assert "short" in kinds or "pads" in kinds


def test_the_lines_are_the_electrode_models_coplanar_line(routed):
    _, c = routed
    line = c.info["floorplan"]["electrical"]["line"]
    nyquist = 53.125 / 2  # 400G-DR4: 53.125 GBd, the line's loss at the lanes' Nyquist frequency
    assert line["frequency_ghz"] == pytest.approx(nyquist, abs=1e-3)
    z0, n_rf, loss = coplanar_line(np.array([nyquist]), CPW.signal, CPW.gap, M3_STACK)
    assert line["z0_ohm"] == pytest.approx(z0, abs=0.01)
    assert 45.0 < z0 < 55.0  # a 50 Ohm feed for the driver
    assert line["loss_db_per_mm"] == pytest.approx(float(loss[0]), abs=1e-4)
    # the unloaded line of the modulator model is the same closed form
    _, _, z0_loaded_model, n_model = line_parameters(
        np.array([nyquist]), CPW.signal, CPW.gap, junction(), 2.0, M3_STACK
    )
    assert float(z0_loaded_model) == pytest.approx(z0) and float(n_model) == pytest.approx(n_rf)
    assert cpw_figures(nyquist / 2)["loss_db_per_mm"] < line["loss_db_per_mm"]  # skin effect


def test_probe_stays_the_default_and_bad_choices_are_refused():
    assert ELECTRICAL[0] == "probe"
    c = engine("400G-DR4", side="trx")
    assert "electrical" not in c.info["floorplan"]
    with pytest.raises(ValueError, match="electrical"):
        engine("400G-DR4", side="trx", electrical="solder")


def test_offset_conductors_are_exact_at_corners_and_refuse_to_fold():
    centre = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0)]
    assert offset_polyline(centre, 10.0) == [(0.0, 10.0), (90.0, 10.0), (90.0, 100.0)]
    assert offset_polyline(centre, -10.0) == [(0.0, -10.0), (110.0, -10.0), (110.0, 100.0)]
    with pytest.raises(ValueError, match="too short"):
        offset_polyline([(0.0, 0.0), (100.0, 0.0), (100.0, 15.0), (0.0, 15.0)], 10.0)


def test_the_maze_goes_round_an_obstacle_and_reports_a_wall():
    grid = Grid((0.0, 0.0, 200.0, 200.0), 10.0)
    grid.add((60.0, -10.0, 80.0, 150.0))  # a wall with a gap at the top
    cells, index = grid.route(1, 5.0, grid.cell(20, 20), (1, 0), [(grid.cell(180, 20), None)])
    points = [grid.point(*cell) for cell in cells]
    assert index == 0 and points[-1] == (180.0, 20.0)
    assert max(y for _, y in points) > 150.0  # over the wall
    assert not any(55 < x < 85 and y < 155 for x, y in points)
    grid.add((60.0, 140.0, 80.0, 210.0))
    with pytest.raises(NoRoute):
        grid.route(1, 5.0, grid.cell(20, 20), (1, 0), [(grid.cell(180, 20), None)])


def _matrix():
    """scripts/electrical_matrix.py as a module (its ``check`` is one row of the table)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[2] / "scripts" / "electrical_matrix.py"
    spec = importlib.util.spec_from_file_location("electrical_matrix", path)
    matrix = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(matrix)
    return matrix


FOUR_LANES = ["400G-DR4", "400G-FR4", "800G-DR4", "800G-FR4"]
EIGHT_LANES = ["800G-DR8", "800G-2xFR4", "1.6T-DR8", "1.6T-2xFR4"]


@pytest.mark.slow
@pytest.mark.parametrize("electrical", ["wirebond", "flipchip"])
@pytest.mark.parametrize(
    "standard",
    FOUR_LANES + EIGHT_LANES,
)
def test_every_standards_engine_is_clean_with_each_interface(standard, electrical):
    """DRC, optical and electrical connectivity and the fab pre-flight (with fill) of the trx
    engine (scripts/electrical_matrix.py runs the same check and prints the table)."""
    row = _matrix().check(standard, "trx", electrical)
    assert "error" not in row, row.get("error")
    assert row["clean"], row
    assert row["pads"] == row["terminals"]


def _pair(name, start, direction, row):
    from lightlane.circuits.wiring import PAIR_BUNDLE, Net

    return Net(name, [name], start, direction, row, **PAIR_BUNDLE)


def _line(name, start, row):
    from lightlane.circuits.wiring import MZM_BUNDLE, Net

    return Net(name, [name], start, (-1, 0), row, **MZM_BUNDLE, run=150.0)


def test_pad_plan_nests_the_lines_and_fans_a_stack_without_overlap():
    from lightlane.circuits.pad_plan import plan_pads, row_shortfall

    lines = [_line(f"l{k}", (0.0, 1000.0 - 400.0 * k), 1) for k in range(3)]
    stack = [_pair(f"m{k}", (2000.0, 1000.0 - 400.0 * k), (1, 0), 1) for k in range(3)]
    nets = lines + stack
    rows = {1: 2000.0, -1: -2000.0}
    order = plan_pads(nets, (-40, 30), rows)
    assert sorted(order) == list(range(len(nets)))
    assert order[:3] == [0, 1, 2]  # lines first, the one nearest the row first
    xs = [p[0] for n in nets for p in n.pads]
    assert len(set(xs)) == len(xs)  # one site each
    # the lower a line, the further west its pads (nested); the nearer a monitor, the further
    # west (its wires leave east, the others pass outside)
    assert max(p[0] for p in lines[2].pads) < min(p[0] for p in lines[1].pads)
    assert max(p[0] for p in lines[1].pads) < min(p[0] for p in lines[0].pads)
    assert stack[0].pads[0][0] < stack[1].pads[0][0] < stack[2].pads[0][0]
    # every line's pads but the last lie west of the next one's turn
    assert max(p[0] for p in lines[1].pads) < lines[0].start[0] - lines[0].half_width
    # too few sites: the shortfall in um, and plan_pads refuses
    assert row_shortfall(nets, (0, 10), rows) > 0
    with pytest.raises(NoRoute, match="pad rows need"):
        plan_pads(nets, (0, 10), rows)


@pytest.mark.slow
def test_eight_lane_engine_terminals_each_reach_one_pad():
    c = engine("1.6T-DR8", side="trx", electrical="wirebond")
    report = check_electrical(c)
    assert report.ok, [f.message for f in report.findings]
    # 8 MZMs (e1-e4, e9, e10), 8 monitor and 16 receiver photodiodes (two terminals each)
    assert report.terminals == report.pads == 8 * 6 + 24 * 2


def test_a_stacked_pair_passes_its_near_bump_with_clearance():
    from lightlane.circuits.wiring import SPACE, polyline_boxes, stacked_tails

    net = _pair("pd", (0.0, 0.0), (0, -1), -1)  # moving south to a south bump column
    net.stacked = True
    half = 30.0
    pads = [(0.0, -70.0), (0.0, -220.0)]  # near bump at the pair's reach, far one a pitch on
    first, second = stacked_tails((0.0, 0.0), (0, -1), net, pads, half)
    near = (-half, -70.0 - half, half, -70.0 + half)
    assert near[0] < first[-1][0] < near[2] and near[1] <= first[-1][1] <= near[3]
    assert second[-1] == pads[1]
    for left, bottom, right, top in polyline_boxes(second, 6.0):
        apart = max(near[0] - right, left - near[2], near[1] - top, bottom - near[3])
        assert apart >= SPACE  # the far bump's wire never touches the near bump
    with pytest.raises(ValueError, match="no room"):
        stacked_tails((0.0, 0.0), (0, -1), net, [(0.0, -70.0), (0.0, -120.0)], half)


def test_the_maze_arrives_along_a_goals_step_without_passing_through_it():
    grid = Grid((0.0, 0.0, 200.0, 200.0), 10.0)
    start, goal = grid.cell(20.0, 150.0), grid.cell(100.0, 100.0)
    cells, _ = grid.route(0, 5.0, start, (1, 0), [(goal, (0, 1))])
    assert cells[-1] == goal and cells[-2] == (goal[0], goal[1] - 1)  # the last step north
    assert cells.count(goal) == 1  # never through the goal from above and back


@pytest.mark.slow
@pytest.mark.parametrize("electrical", ["wirebond", "flipchip"])
@pytest.mark.parametrize("standard", ["400G-FR4", "1.6T-DR8"])
def test_a_flip_chip_laser_site_die_is_clean_with_each_interface(standard, electrical):
    """The flip-chip laser's sites: their contacts routed too, no line over a site
    (scripts/electrical_matrix.py --laser flipchip checks every standard)."""
    row = _matrix().check(standard, "trx", electrical, laser="flipchip")
    assert "error" not in row, row.get("error")
    assert row["clean"], row
    assert row["pads"] == row["terminals"]
