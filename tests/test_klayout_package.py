"""``lightlane tech -o DIR``: a KLayout package that KLayout installs from a folder and whose
deck runs from its macro menu (issue 14, item 4)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import gdsfactory as gf
import klayout.db as kdb
import klayout.lay as klay
import klayout.rdb as krdb
import pytest

from lightlane.klayout_package import SHIPPED, write_klayout_package
from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.layers import LAYER_TABLE

KLAYOUT = shutil.which("klayout")
needs_klayout = pytest.mark.skipif(KLAYOUT is None, reason="no klayout binary to run the deck")


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return write_klayout_package(tmp_path_factory.mktemp("pkg") / "lightlane")


def test_package_layout_is_klayouts(package):
    root = package["grain"].parent
    assert package["lyt"] == root / "tech" / "lightlane" / "lightlane.lyt"
    assert package["drc"].parent == root / "drc" and package["d25"].parent == root / "d25"
    grain = ET.parse(package["grain"]).getroot()
    assert grain.tag == "salt-grain"
    assert grain.findtext("name") == "lightlane"
    assert grain.findtext("license") == "Apache-2.0"
    assert grain.findtext("version")


def test_klayout_module_opens_the_technology_and_its_layer_views(package):
    tech = kdb.Technology.technology_from_xml(package["lyt"].read_text())
    assert tech.name == "lightlane"
    assert (package["lyt"].parent / tech.layer_properties_file) == package["lyp"]
    view = klay.LayoutView()
    view.load_layer_props(str(package["lyp"]))
    shown, it = set(), view.begin_layers()
    while not it.at_end():
        shown.add((it.current().source_layer, it.current().source_datatype))
        it.next()
    assert shown == {d.gds for d in LAYER_TABLE}


def test_the_macros_are_drc_and_d25_scripts_of_the_tables(package):
    for role, category in (("drc", "drc"), ("d25", "d25")):
        macro = ET.parse(package[role]).getroot()
        assert macro.findtext("category") == category
        assert macro.findtext("show-in-menu") == "true"
    script = ET.parse(package["d25"]).getroot().findtext("text")
    stacked = [name for name, entry in STACK.items() if entry[0] != "WAFER"]
    assert [line.split('name: "')[1].rstrip('")') for line in script.splitlines()[1:]] == stacked


def _run_deck(package, tmp_path, component):
    gds = tmp_path / f"{component.name}.gds"
    component.write_gds(gds, with_metadata=False)
    report = tmp_path / "out.lyrdb"
    env = {"KLAYOUT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [KLAYOUT, "-b", "-r", str(package["drc"]), "-rd", f"input={gds}",
         "-rd", f"report={report}"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    db = krdb.ReportDatabase("")
    db.load(str(report))
    return {db.category_by_id(item.category_id()).name() for item in db.each_item()}


@needs_klayout
def test_klayout_installs_the_package_and_lists_the_technology(package, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(package["grain"].parent, home / "salt" / "lightlane")
    script = tmp_path / "list.rb"
    script.write_text('puts RBA::Technology.technology_names.join(",")\n')
    done = subprocess.run(
        [KLAYOUT, "-b", "-r", str(script)], capture_output=True, text=True, timeout=120,
        env={"KLAYOUT_HOME": str(home), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert "lightlane" in done.stdout.strip().split(",")


@needs_klayout
def test_the_deck_runs_on_a_small_layout(package, tmp_path):
    clean = gf.get_component("straight", length=5.0)
    assert _run_deck(package, tmp_path, clean) == set()
    bad = gf.Component()
    bad.add_polygon([(0, 0), (5, 0), (5, 0.1), (0, 0.1)], layer=(1, 0))
    assert "WG.W.1" in _run_deck(package, tmp_path, bad)


def test_the_shipped_copy_is_what_the_tables_generate(package):
    """The wheel carries lightlane/klayout; regenerate it with ``lightlane tech -o
    lightlane/klayout`` when a layer, rule or stack entry changes."""
    root = package["grain"].parent
    for path in package.values():
        shipped = SHIPPED / path.relative_to(root)
        assert shipped.read_text() == path.read_text(), f"{shipped} is stale"
