"""gdsfactory's own cells, routers and cross-section specs with lightlane active (issue 14)."""

from __future__ import annotations

import inspect

import gdsfactory as gf
import numpy as np
import pytest

import lightlane
from layout_checks import drc_problems
from lightlane.pdk.cross_sections import CROSS_SECTIONS, get_cross_section
from lightlane.pdk.guides import guide
from lightlane.pdk.layers import MissingLayer
from lightlane.registry import get_pdk

GENERIC = gf.gpdk.get_generic_pdk()
SHARED_CELLS = sorted(set(get_pdk().cells) & set(GENERIC.cells))
SHARED_XS = sorted(set(CROSS_SECTIONS) & set(GENERIC.cross_sections))


def _names(fn) -> tuple[set[str], bool]:
    params = inspect.signature(fn).parameters
    return set(params) - {"kwargs"}, any(p.kind is p.VAR_KEYWORD for p in params.values())


@pytest.mark.parametrize("name", SHARED_CELLS)
def test_a_cell_under_a_gdsfactory_name_takes_gdsfactorys_parameters(name):
    theirs, _ = _names(GENERIC.cells[name])
    ours, _ = _names(get_pdk().cells[name])
    assert theirs <= ours, f"{name} lacks gdsfactory's {sorted(theirs - ours)}"


@pytest.mark.parametrize("name", SHARED_XS)
def test_a_cross_section_under_a_gdsfactory_name_takes_gdsfactorys_arguments(name):
    theirs, _ = _names(GENERIC.cross_sections[name])
    ours, open_ended = _names(CROSS_SECTIONS[name])
    assert theirs <= ours or open_ended, f"{name} lacks {sorted(theirs - ours)}"


def test_strip_takes_gdsfactorys_arguments_and_keeps_its_rules():
    xs = get_cross_section("strip", width=0.5, layer="WG", radius=20, radius_min=6)
    assert (xs.width, xs.radius, xs.radius_min) == (0.5, 20, 6)
    with pytest.raises(ValueError, match="XS.R.strip"):
        get_cross_section("strip", radius_min=3.5)
    with pytest.raises(MissingLayer, match="'WGN'"):
        get_cross_section("strip", layer="WGN")


def test_a_missing_layer_is_one_line_naming_it():
    with pytest.raises(MissingLayer) as error:
        gf.components.fiber()
    assert "'WGCLAD'" in str(error.value) and "\n" not in str(error.value)


def test_gdsfactory_cells_built_on_lightlane_cells():
    for cell in (gf.components.ring_single, gf.components.ring_double, gf.components.coupler,
                 gf.components.pad_array, gf.components.seal_ring, gf.components.splitter_tree,
                 gf.components.mzi, gf.components.straight_heater_metal):  # fmt: skip
        assert isinstance(cell(), gf.Component), cell


def test_metal_routes_turn_with_wire_corners():
    c = gf.Component()
    left = c << gf.get_component("pad")
    right = c << gf.get_component("pad")
    right.dmove((300, 200))
    gf.routing.route_bundle_electrical(
        c, [left.ports["e3"]], [right.ports["e1"]], cross_section="metal2"
    )
    cells = {inst.cell.name.split("_")[0] + "_" + inst.cell.name.split("_")[1] for inst in c.insts}
    assert "wire_corner" in cells
    routed = gf.Component()
    a = routed << gf.get_component("pad")
    b = routed << gf.get_component("pad")
    b.dmove((400, 300))
    gf.routing.route_bundle(routed, [a.ports["e3"]], [b.ports["e1"]], cross_section="metal2")
    assert len(routed.insts) > 2


def test_a_renamed_cross_section_gets_the_physics_of_its_layers_and_width():
    xs = gf.get_cross_section("strip", radius=20)
    assert xs.name.startswith("xs_")
    assert guide(xs.name).model == "strip"
    assert guide(xs.model_dump()).model == "strip"
    assert guide(get_cross_section("strip", width=0.5)).model == "strip_c"
    assert guide("pn_lateral").kind == "rib" and guide("metal2").kind == "wire"
    c = gf.Component()
    a = c << gf.get_component("straight", length=5)
    b = c << gf.get_component("straight", length=5)
    b.dmove((100, 60))
    gf.routing.route_single(c, a.ports["o2"], b.ports["o1"], cross_section=xs)
    c.add_port("o1", port=a.ports["o1"])
    c.add_port("o2", port=b.ports["o2"])
    wl = np.linspace(1.30, 1.32, 5)
    sp = lightlane.simulate(c, wl=wl)
    loss_db = -10 * np.log10(abs(sp["o2", "o1"]) ** 2)
    assert np.all((loss_db > 0) & (loss_db < 0.2))
    assert drc_problems(c) == []
