"""Bump, wire-bond and RF probe pads: their stacks, pitches and refusals."""

from __future__ import annotations

import pytest

from layout_checks import flat_region
from lightlane.components.bond_pads import (
    bump_pad_side,
    pad_bump,
    pad_bump_array,
    pad_probe_gs,
    pad_probe_gsg,
    pad_wirebond,
)
from lightlane.pdk.layers import layer_by_name
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES


def _area(component, layer: str) -> float:
    return flat_region(component, layer_by_name(layer).gds).area() * 1e-6


def test_bump_pad_stacks_metal_opening_and_ubm():
    c = pad_bump()
    side = bump_pad_side(TECH.pad_opening)
    assert side == TECH.pad_opening + 2 * TECH.ubm_overlap + 2 * RULES["UBM.EN.1"].value
    assert _area(c, "M2") == _area(c, "M3") == pytest.approx(side**2)
    assert _area(c, "UBM") == pytest.approx((TECH.pad_opening + 2 * TECH.ubm_overlap) ** 2)
    assert _area(c, "PADOPEN") == pytest.approx(TECH.pad_opening**2)
    assert _area(c, "VIA2") > 0


def test_wirebond_pad_keeps_vias_out_from_under_the_bond():
    c = pad_wirebond()
    opening = flat_region(c, layer_by_name("PADOPEN").gds)
    vias = flat_region(c, layer_by_name("VIA2").gds)
    assert not vias.is_empty() and (vias & opening).is_empty()
    assert c.info["opening"] == TECH.pad_opening_wire_bond


def test_bump_array_numbers_its_ports_row_by_row():
    c = pad_bump_array(columns=3, rows=2, pitch=120.0)
    assert [p.name for p in c.ports] == [f"e{k}" for k in range(1, 7)]
    assert c.ports["e4"].center[1] - c.ports["e1"].center[1] == pytest.approx(120.0)
    assert c.info["count"] == 6


@pytest.mark.parametrize(("pitch", "rule"), [(90.0, "PADOPEN.S.1"), (99.0, "PADOPEN.S.1")])
def test_bump_pitch_below_the_rules_is_refused(pitch, rule):
    with pytest.raises(ValueError, match=rule):
        pad_bump_array(pitch=pitch)


def test_bump_array_larger_than_a_die_is_refused():
    with pytest.raises(ValueError, match="pitch"):
        pad_bump_array(columns=64, rows=1, pitch=600.0)


def test_rf_probe_pads_carry_their_roles_at_the_probe_pitch():
    gsg, gs = pad_probe_gsg(pitch=150.0), pad_probe_gs()
    assert gsg.info["pad_roles"] == "GSG" and len(gsg.ports) == 3
    assert gs.info["pad_roles"] == "GS" and len(gs.ports) == 2
    assert gsg.ports["e3"].center[0] - gsg.ports["e1"].center[0] == pytest.approx(300.0)
    with pytest.raises(ValueError, match="pitch=60"):
        pad_probe_gsg(pitch=60.0)
    with pytest.raises(ValueError, match="roles"):
        pad_probe_gsg(roles="GSSG")


@pytest.mark.parametrize("factory", [pad_bump, pad_wirebond])
def test_opening_below_the_rule_is_refused(factory):
    with pytest.raises(ValueError, match="PADOPEN.W.1"):
        factory(opening=40.0)
