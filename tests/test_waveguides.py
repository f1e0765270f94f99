"""The waveguide cells: limits raise before drawing (sweeps: tests/verify/test_pdk_cells.py)."""

from __future__ import annotations

import pytest

from layout_checks import assert_refused_before_drawing, drc_problems
from lightlane.components.waveguides import bend_euler, straight, taper


@pytest.mark.parametrize(
    ("factory", "kwargs", "words"),
    [
        (straight, {"width": 0.1}, ["width=0.1", "0.15", "WG.W.1"]),
        (straight, {"length": -1.0}, ["length=-1", "length >= 0"]),
        (straight, {"length": 1e12}, ["length=1e+12", "33000"]),
        (taper, {"length": 1.0}, ["length=1", "deg", "length >= 1.424"]),
        (straight, {"length": 1.0005}, ["length=1.0005", "grid"]),
        (straight, {"cross_section": "nope"}, ["cross_section='nope'", "strip"]),
        (bend_euler, {"radius": 4.0}, ["radius=4", "5", "XS.R.strip", "radius >="]),
        (bend_euler, {"radius": 20.0, "cross_section": "rib"}, ["XS.R.rib", "15"]),
        (bend_euler, {"angle": 0.0}, ["angle=0"]),
        (bend_euler, {"p": 1.5}, ["p=1.5"]),
        (taper, {"width2": 0.05}, ["width2=0.05", "0.15", "WG.W.1"]),
        (taper, {"width2": 0.451}, ["width2=0.451", "2 nm", "GRID.1"]),
    ],
)
def test_bad_parameters_raise_before_any_geometry(factory, kwargs, words):
    assert_refused_before_drawing(factory, kwargs, words)


def test_bend_info_carries_what_the_model_needs():
    bend = bend_euler(radius=10.0, angle=180.0)
    assert bend.info["length"] > 3.14159 * 10
    assert bend.info["min_bend_radius"] < 10.0
    assert bend.ports["o2"].orientation == 180.0


@pytest.mark.parametrize(
    ("length", "cross_section"), [(0.1, "strip"), (0.0, "strip"), (0.2, "rib")]
)
def test_a_piece_shorter_than_a_width_rule_overhangs_its_ports_and_is_clean(length, cross_section):
    """gdsfactory's MZI joins its bends with 0.1 um straights: legal in a path, and on its own
    the piece is drawn as long as the width rules need, centred on its ports."""
    piece = straight(length=length, cross_section=cross_section)
    assert piece.ports["o2"].center[0] - piece.ports["o1"].center[0] == pytest.approx(length)
    assert piece.info["overlap"] > 0
    assert drc_problems(piece) == []


def test_gdsfactory_mzi_builds_clean_with_lightlane():
    import gdsfactory as gf

    assert drc_problems(gf.components.mzi()) == []
