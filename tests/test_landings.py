"""Device cells without their own pads: covered landings for a routed electrical interface.

``with_pads=False`` (``pad_openings=False`` on the heater, ``with_opening(s)=False`` on the
pads) draws the same metal without the passivation openings, so an engine can route the
terminals to assembly pads; the defaults keep their cells, names and GDS bytes.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from layout_checks import assert_clean
from lightlane.pdk.layers import LAYER
from lightlane.registry import get_pdk

CASES = [
    ("mzm_traveling_wave", {}, "with_pads"),
    ("photodetector_ge", {"pads": "gs"}, "with_pads"),
    ("ring_modulator", {}, "with_pads"),
    ("heater_phase_shifter", {}, "pad_openings"),
    ("pad", {}, "with_opening"),
    ("pad_row", {}, "with_openings"),
    ("cwdm4_mux", {}, "with_pads"),
    ("cwdm4_demux", {}, "with_pads"),
]


def _area(component, layer) -> float:
    import klayout.db as kdb

    index = component.kcl.find_layer(*LAYER_TUPLE[layer])
    if index is None:
        return 0.0
    return kdb.Region(component.kdb_cell.begin_shapes_rec(index)).merged().area()


LAYER_TUPLE = {name: tuple(getattr(LAYER, name)) for name in ("PADOPEN", "M2")}


def _bytes(component, tmp_path, tag) -> str:
    path = tmp_path / f"{tag}.gds"
    component.write_gds(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("name", "settings", "flag"), CASES, ids=[c[0] for c in CASES])
def test_landings_keep_metal_drop_openings(name, settings, flag):
    cells = get_pdk().cells
    padded = cells[name](**settings)
    landed = cells[name](**settings, **{flag: False})
    assert landed.name != padded.name
    assert _area(padded, "PADOPEN") > 0
    assert _area(landed, "PADOPEN") == 0
    assert _area(landed, "M2") == _area(padded, "M2")


@pytest.mark.parametrize(("name", "settings", "flag"), CASES, ids=[c[0] for c in CASES])
def test_default_flag_is_the_old_cell(name, settings, flag, tmp_path):
    cells = get_pdk().cells
    default = cells[name](**settings)
    explicit = cells[name](**settings, **{flag: True})
    assert explicit is default or explicit.name == default.name
    assert flag not in default.settings
    assert _bytes(default, tmp_path, "a") == _bytes(explicit, tmp_path, "b")


def test_terminated_mzm_exposes_its_drive_end_only():
    mzm = get_pdk().cells["mzm_traveling_wave"]
    landed = mzm(with_pads=False)
    names = sorted(p.name for p in landed.ports if p.port_type == "electrical")
    assert names == ["e1", "e10", "e2", "e3", "e4", "e9"]
    open_line = mzm(electrode="gsg", termination=False, with_pads=False)
    assert len([p for p in open_line.ports if p.port_type == "electrical"]) == 8


def test_flag_must_be_a_bool():
    with pytest.raises(ValueError, match="with_pads"):
        get_pdk().cells["photodetector_ge"](with_pads="no")


@pytest.mark.parametrize("name", ["cwdm4_mux", "cwdm4_demux"])
def test_covered_filter_heater_ends_on_two_landings(name):
    """A held filter on covered landings: DRC-clean, its loop's ends e1, e2 on the north faces
    of two pad-sized M2 landings, two terminals with no pad (the interface routes them), and
    the same optics as the padded filter."""
    import gdsfactory as gf

    import lightlane
    from lightlane.components.pads import pad
    from lightlane.verify.connectivity_electrical import check_electrical

    cells = get_pdk().cells
    landed = cells[name](with_pads=False)
    assert_clean(landed)
    side = pad().info["xsize"]
    ends = {p.name: p for p in landed.ports if p.port_type == "electrical"}
    assert sorted(ends) == ["e1", "e2"]
    assert {(p.orientation, p.width, p.layer) for p in ends.values()} == {(90, side, LAYER.M2)}
    top = gf.Component()
    top << landed
    report = check_electrical(top)
    assert (report.terminals, report.pads) == (2, 0)
    assert {f.kind for f in report.findings} == {"open"}
    wl = np.linspace(1.26, 1.34, 41)
    covered, padded = lightlane.simulate(landed, wl), lightlane.simulate(cells[name](), wl)
    assert covered.ports == padded.ports
    np.testing.assert_allclose(covered.s, padded.s)
