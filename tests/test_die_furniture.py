"""Die furniture: seal ring, die frame, marks, label, loopback and the flip-chip laser site."""

from __future__ import annotations

import numpy as np
import pytest

from layout_checks import drc_problems, flat_region
from lightlane.components.die_furniture import (
    alignment_mark,
    die_label,
    fibre_loopback,
    laser_site,
    seal_ring,
)
from lightlane.components.dies import die_frame
from lightlane.models.die_furniture import LASER_MODE_UM, TIP_MODE_UM, butt_coupling
from lightlane.pdk.layers import layer_by_name
from lightlane.pdk.rules import RULES
from lightlane.registry import get_pdk

MODELS = get_pdk().models


def _region(component, layer: str):
    return flat_region(component, layer_by_name(layer).gds)


def test_seal_ring_is_one_closed_wall_on_every_metal_and_via():
    c = seal_ring(size=(300.0, 200.0))
    for layer in ("M1", "VIA1", "M2", "VIA2", "M3"):
        polygons = list(_region(c, layer).each())
        assert len(polygons) == 1 and polygons[0].holes() == 1, layer
    assert c.info["outer"] == (340.0, 240.0)


def test_seal_ring_left_open_on_a_facet_side_is_still_clean():
    c = seal_ring(size=(300.0, 200.0), with_east=False)
    assert list(_region(c, "VIA1").each())[0].holes() == 0
    assert drc_problems(c) == []


def test_seal_ring_refuses_a_wall_too_thin_for_its_vias():
    with pytest.raises(ValueError, match="width=4"):
        seal_ring(width=4.0)


def test_die_frame_draws_its_facet_trench_and_dicing_lane():
    c = die_frame(size=(2000.0, 1000.0), facets="EW", trench_width=40.0, street_width=60.0)
    assert _region(c, "DEEPTRENCH").area() * 1e-6 == pytest.approx(2 * 40.0 * 1000.0)
    assert _region(c, "DICING").area() * 1e-6 == pytest.approx(2120.0 * 1120.0 - 2e6)
    assert c.info["facet_inset"] == 40.0 + RULES["DEEPTRENCH.SEP.1"].value
    assert die_frame(facets="").info["facet_inset"] == 0.0


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"facets": "X"}, "facets='X'"),
        ({"facets": "EE"}, "twice"),
        ({"trench_width": 1.0}, "DEEPTRENCH.W.1"),
    ],
)
def test_die_frame_refusals(settings, words):
    with pytest.raises(ValueError, match=words):
        die_frame(**settings)


def test_alignment_mark_registers_the_waveguide_layer_and_shows_on_the_top_metal():
    c = alignment_mark(size=100.0, width=10.0, with_frame=False)
    cross = 2 * 100.0 * 10.0 - 10.0 * 10.0
    for layer in ("WG", "M3"):
        assert _region(c, layer).area() * 1e-6 == pytest.approx(cross)


def test_die_label_font_is_clean_on_every_metal():
    text = "+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_ 1.6t-dr8"
    for layer in ("M1", "M2", "M3"):
        assert drc_problems(die_label(text=text, size=2.0, layer=layer)) == []
    with pytest.raises(ValueError, match="lacks"):
        die_label(text="DR8!")
    with pytest.raises(ValueError, match="size=1"):
        die_label(size=1.0, layer="M2")


def test_fibre_loopback_is_two_facets_and_a_loop():
    c = fibre_loopback()
    sdict = MODELS["fibre_loopback"](np.array([1.31]))
    loss_db = -10 * np.log10(np.abs(sdict[("o2", "o1")][0]) ** 2)
    loop_db = 2.0 * c.info["loopback_length"] * 1e-4  # strip loss 2 dB/cm
    assert loss_db == pytest.approx(2 * 1.25 + loop_db, abs=0.01)


def test_butt_coupling_is_the_gaussian_overlap():
    assert butt_coupling(1.31, 0.0, (3.0, 3.0), (3.0, 3.0)) == pytest.approx(1.0)
    # one axis 1.5 against 3 um: 2 w1 w2 / (w1^2 + w2^2) = 0.8
    assert butt_coupling(1.31, 0.0, LASER_MODE_UM, TIP_MODE_UM) == pytest.approx(0.8)
    offset = butt_coupling(1.31, 0.0, (3.0, 3.0), (3.0, 3.0), offset=0.5)
    assert offset == pytest.approx(np.exp(-2 * 0.25 / (2 * 1.5**2)))
    assert butt_coupling(1.31, 5.0, (3.0, 3.0), (3.0, 3.0)) < butt_coupling(
        1.31, 1.0, (3.0, 3.0), (3.0, 3.0)
    )


def test_laser_site_has_pedestals_and_couples_the_laser_into_o1():
    c = laser_site()
    trench = list(_region(c, "DEEPTRENCH").each())
    assert len(trench) == 1 and trench[0].holes() == 4
    sdict = MODELS["laser_site"](np.array([1.31]))
    expected = butt_coupling(1.31, c.info["gap"], LASER_MODE_UM, TIP_MODE_UM, n_gap=1.0)
    assert np.abs(sdict[("o1", "o2")][0]) ** 2 == pytest.approx(expected, rel=1e-3)
    worse = MODELS["laser_site"](np.array([1.31]), offset=1.0)
    assert np.abs(worse[("o1", "o2")][0]) < np.abs(sdict[("o1", "o2")][0])


def test_laser_site_keeps_the_tip_off_the_trench_wall():
    with pytest.raises(ValueError, match="DEEPTRENCH.SEP.1"):
        laser_site(gap=0.5)
