"""The technology tables: layers, generated KLayout files, rules, cross-sections, layer stack."""

from __future__ import annotations

import klayout.db as kdb
import klayout.lay as klay
import pytest

from lightlane.pdk.cross_sections import CROSS_SECTIONS, get_cross_section
from lightlane.pdk.layer_stack import STACK, get_layer_stack
from lightlane.pdk.layers import LAYER, LAYER_TABLE
from lightlane.pdk.rules import RULES
from lightlane.pdk.tech import write_klayout_tech
from lightlane.registry import closed_forms, get_pdk

LAYER_NAMES = {d.name for d in LAYER_TABLE}


def test_layer_names_and_numbers_are_unique():
    assert len(LAYER_NAMES) == len(LAYER_TABLE)
    assert len({d.gds for d in LAYER_TABLE}) == len(LAYER_TABLE)


def test_layers_follow_the_gdsfactory_generic_numbers():
    import gdsfactory.gpdk as gpdk

    for d in LAYER_TABLE:
        generic = getattr(gpdk.LAYER, d.name, None)
        if generic is not None:
            assert (generic.layer, generic.datatype) == d.gds, d.name


def test_layer_enum_matches_the_table():
    for d in LAYER_TABLE:
        member = getattr(LAYER, d.name)
        assert (member.layer, member.datatype) == d.gds


def test_active_process_layers_exist():
    needed = {
        "WG",
        "SLAB90",
        "SLAB150",
        "SHALLOW_ETCH",
        "N",
        "P",
        "NP",
        "PP",
        "NPP",
        "PPP",
        "GE",
        "GEN",
        "GEP",
        "VIAC",
        "M1",
        "VIA1",
        "M2",
        "HEATER",
        "PADOPEN",
        "FLOORPLAN",
        "TEXT",
        "PORT",
        "PORTE",
    }
    assert needed <= LAYER_NAMES


def test_klayout_opens_the_generated_lyp_and_lyt(tmp_path):
    lyp, lyt = write_klayout_tech(tmp_path)
    tech = kdb.Technology.technology_from_xml(lyt.read_text())
    assert tech.name == "lightlane"
    assert tech.layer_properties_file == lyp.name
    view = klay.LayoutView()
    view.load_layer_props(str(lyp))
    shown = set()
    it = view.begin_layers()
    while not it.at_end():
        props = it.current()
        shown.add((props.source_layer, props.source_datatype))
        it.next()
    assert shown == {d.gds for d in LAYER_TABLE}


def test_rule_ids_are_unique_and_reference_known_layers():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        if rule.kind == "radius":
            assert rule.layer in CROSS_SECTIONS, rule.id
        elif rule.layer != "*":
            assert rule.layer in LAYER_NAMES, rule.id
        assert set(rule.other) <= LAYER_NAMES, rule.id
        assert rule.value > 0 and rule.description, rule.id
        assert rule.message().startswith(rule.id + ": ")


@pytest.mark.parametrize("layer", sorted(d.name for d in LAYER_TABLE if d.fab))
def test_every_fab_layer_has_width_and_space_rules(layer):
    assert RULES.min_width(layer) > 0
    assert RULES.min_space(layer) > 0


def test_every_fab_layer_is_in_the_stack():
    stacked = {layer for layer, *_ in STACK.values()}
    assert {d.name for d in LAYER_TABLE if d.fab} <= stacked
    stack = get_layer_stack()
    for name, (_, zmin, thickness, material) in STACK.items():
        level = stack.layers[name]
        assert (level.zmin, level.thickness, level.material) == (zmin, thickness, material)


def test_stack_is_physically_ordered():
    core = STACK["core"]
    assert STACK["box"][1] + STACK["box"][2] == core[1] == 0.0
    assert STACK["m1"][1] > STACK["heater"][1] + STACK["heater"][2]
    assert STACK["m2"][1] >= STACK["via1"][1] + STACK["via1"][2]


@pytest.mark.parametrize("name", sorted(CROSS_SECTIONS))
def test_cross_sections_build_with_defaults(name):
    xs = get_cross_section(name)
    assert xs.width > 0
    min_radius = RULES.min_radius(name)
    if min_radius:
        assert xs.radius_min == min_radius and xs.radius >= min_radius


def test_o_band_and_c_band_strip_widths():
    assert get_cross_section("strip").width == 0.4
    assert get_cross_section("strip_c").width == 0.5
    rib = get_cross_section("rib")
    assert {s.layer for s in rib.sections} >= {LAYER.WG, LAYER.SLAB90}


@pytest.mark.parametrize(
    ("name", "settings", "words"),
    [
        ("strip", {"width": 0.1}, ["width=0.1", "0.15", "WG.W.1"]),
        ("strip", {"radius": 2.0}, ["radius=2", "5", "XS.R.strip"]),
        ("rib", {"slab_width": 0.2}, ["slab_width=0.2", "0.3", "SLAB90.W.1"]),
        ("gsg", {"gap": 1.0}, ["gap=1", "2", "M2.S.1"]),
        ("metal1", {"width": 0.5}, ["width=0.5", "1", "M1.W.1"]),
    ],
)
def test_cross_section_limits_name_parameter_value_and_rule(name, settings, words):
    with pytest.raises(ValueError) as error:
        get_cross_section(name, **settings)
    for word in words:
        assert word in str(error.value)


def test_unknown_cross_section_lists_the_known_ones():
    with pytest.raises(ValueError, match="rib"):
        get_cross_section("nitride")


def test_pdk_is_cached_and_collects_cells_and_models():
    pdk = get_pdk()
    assert pdk is get_pdk()
    assert {"straight", "bend_euler", "taper"} <= set(pdk.cells)
    assert set(pdk.models) | set(closed_forms()) >= set(pdk.cells)
    assert set(pdk.cross_sections) == set(CROSS_SECTIONS)


def test_top_level_package_exposes_pdk_and_rules():
    import lightlane

    assert lightlane.PDK is get_pdk()
    assert lightlane.rules is RULES
    with pytest.raises(AttributeError):
        lightlane.no_such_thing  # noqa: B018
