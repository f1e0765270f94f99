"""Electrical connectivity: every device terminal reaches its own pad; seeded shorts, opens and
extra pads are caught."""

from __future__ import annotations

import gdsfactory as gf
import pytest

from lightlane.circuits.engine import engine
from lightlane.pdk.layers import LAYER
from lightlane.registry import get_pdk
from lightlane.verify.connectivity_electrical import check_electrical


def _two_photodiodes() -> tuple[gf.Component, list]:
    c = gf.Component()
    pd = get_pdk().cells["photodetector_ge"](pads="gs")
    refs = [c.add_ref(pd, name=f"pd{k}") for k in range(2)]
    refs[1].dmove((0, 400))
    return c, refs


def _bridge(c: gf.Component, a, b) -> None:
    """An M2 strip from port a's pad to port b's pad."""
    (xa, ya), (xb, yb) = a.center, b.center
    c.add_polygon(
        [(xa - 5, ya - 5), (xb + 5, ya - 5), (xb + 5, yb + 5), (xa - 5, yb + 5)], layer=LAYER.M2
    )


def test_separate_photodiodes_are_clean():
    c, _ = _two_photodiodes()
    report = check_electrical(c)
    assert report.ok, report.findings
    assert (report.terminals, report.pads) == (4, 4)


def test_a_seeded_short_is_caught():
    c, refs = _two_photodiodes()
    _bridge(c, refs[0].ports["e1"], refs[1].ports["e1"])
    kinds = {(f.kind, f.terminal) for f in check_electrical(c).findings}
    assert ("short", "pd1:e1") in kinds


def test_a_terminal_without_a_pad_is_an_open():
    device = gf.Component()  # a heater with a metal lead and no pad
    device.add_polygon([(-30, 1), (0, 1), (0, 4), (-30, 4)], layer=LAYER.HEATER)
    device.add_polygon([(0, 0), (20, 0), (20, 5), (0, 5)], layer=LAYER.M2)
    device.add_port(
        "e1", center=(20, 2.5), width=5, orientation=0, layer=LAYER.M2, port_type="electrical"
    )
    c = gf.Component()
    c.add_ref(device, name="bare")
    findings = check_electrical(c).findings
    assert [(f.kind, f.terminal) for f in findings] == [("open", "bare:e1")]


def test_a_second_pad_on_one_terminal_is_caught():
    c, refs = _two_photodiodes()
    extra = c << get_pdk().cells["pad"]()
    extra.dmove((refs[0].ports["e1"].center[0] + 200, refs[0].ports["e1"].center[1]))
    _bridge(c, refs[0].ports["e1"], extra.ports["e3"])
    kinds = [(f.kind, f.terminal) for f in check_electrical(c).findings]
    assert ("pads", "pd0:e1") in kinds


@pytest.mark.parametrize(("modulator", "side"), [("mzm", "trx"), ("ring", "tx")])
def test_engine_terminals_each_reach_one_pad(modulator, side):
    c = engine("400G-DR4", side=side, modulator=modulator)
    report = check_electrical(c)
    assert report.ok, report.findings[:5]
    lanes = len(c.info["lanes"])
    per_modulator = {"mzm": 6, "ring": 4}[modulator]  # GSSG (two ends each) + heater; ring pads
    photodiodes = 2 * lanes * 2 if side == "trx" else 0
    assert report.terminals == lanes * (per_modulator + 2) + photodiodes
