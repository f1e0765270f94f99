"""The PDK cells are DRC- and connectivity-clean for any parameters they accept."""

from __future__ import annotations

import itertools
from pathlib import Path

import gdsfactory as gf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lightlane.components.waveguides import bend_euler, straight, taper
from lightlane.registry import get_pdk
from lightlane.verify import drc
from lightlane.verify.cli_support import run_drc_cli
from lightlane.verify.connectivity import check_connectivity
from lightlane.verify.export import write_gds

_ids = itertools.count()
_FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_um = st.integers(min_value=1, max_value=50_000).map(lambda n: n / 1000)  # on the 1 nm grid
_length = st.integers(min_value=1, max_value=50_000).map(lambda n: n / 1000)


@pytest.fixture(autouse=True, scope="module")
def _pdk() -> None:
    get_pdk().activate()


def _clean(cell: gf.Component) -> None:
    """DRC-clean deep and flat, and connectivity-clean when placed with its ports exposed."""
    report = drc(cell)
    assert report.ok, report.summary()
    assert drc(cell, flat=True).ok
    c = gf.Component(f"verify_pdk_wrap_{next(_ids)}")
    ref = c << cell
    c.add_ports(ref.ports)
    assert check_connectivity(c).ok


@pytest.mark.parametrize("factory", [straight, bend_euler, taper])
def test_defaults_clean(factory, tmp_path: Path) -> None:
    cell = factory()
    _clean(cell)
    assert run_drc_cli(write_gds(cell, tmp_path / "cell.gds")) == 0


def _built_or_rejected(factory, **kwargs) -> None:
    try:
        cell = factory(**kwargs)
    except ValueError:
        return  # rejected before drawing: allowed
    _clean(cell)


@_FAST
@given(
    length=_length, width=st.one_of(st.none(), _um), xs=st.sampled_from(["strip", "strip_c", "rib"])
)
def test_straight_sweep(length: float, width: float | None, xs: str) -> None:
    _built_or_rejected(straight, length=length, width=width, cross_section=xs)


@_FAST
@given(
    radius=st.one_of(st.none(), st.floats(1, 60).map(lambda r: round(r, 3))),
    angle=st.sampled_from([-180.0, -90.0, -45.0, 30.0, 90.0, 135.0, 180.0]),
    p=st.floats(0.05, 1.0).map(lambda v: round(v, 3)),
    width=st.one_of(st.none(), st.floats(0.1, 2.0).map(lambda w: round(w, 3))),
    xs=st.sampled_from(["strip", "strip_c", "rib"]),
)
def test_bend_sweep(radius, angle, p, width, xs) -> None:
    _built_or_rejected(bend_euler, radius=radius, angle=angle, p=p, width=width, cross_section=xs)


@_FAST
@given(
    length=_length,
    width1=st.floats(0.1, 3.0).map(lambda w: round(w, 3)),
    width2=st.floats(0.1, 3.0).map(lambda w: round(w, 3)),
    xs=st.sampled_from(["strip", "rib"]),
)
def test_taper_sweep(length, width1, width2, xs) -> None:
    _built_or_rejected(taper, length=length, width1=width1, width2=width2, cross_section=xs)


def test_a_sliver_straight_overhangs_its_ports() -> None:
    piece = straight(length=0.002)  # legal inside a path; drawn as long as WG.W.1 needs
    assert piece.info["overlap"] == pytest.approx(0.074)
