"""SParameters object: indexing, dB, Touchstone, npz round trip, plotting, parse_wl."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lightlane.sim import SParameters, parse_wl, simulate
from lightlane.sim.wavelength import wl_to_hz
from simmodels import MODELS, mzi_netlist, ring_netlist


@pytest.fixture
def sp() -> SParameters:
    return simulate(mzi_netlist(), wl=parse_wl("1.26:1.36:11"), models=MODELS)


def test_indexing_db_phase(sp: SParameters) -> None:
    assert sp.ports == ["in1", "in2", "out1", "out2"] and sp.s.shape == (11, 4, 4)
    s21 = sp["out1", "in1"]
    np.testing.assert_allclose(sp.db("out1", "in1"), 10 * np.log10(np.abs(s21) ** 2))
    np.testing.assert_allclose(sp.phase("out1", "in1"), np.angle(s21))
    assert np.all(sp.db("in2", "in1") == -300.0)  # no reflection: floored
    with pytest.raises(KeyError, match="unknown port 'x'"):
        sp["x", "in1"]


def test_sdict_is_sax_convention(sp: SParameters) -> None:
    d = sp.to_sdict()
    np.testing.assert_array_equal(d[("in1", "out1")], sp["out1", "in1"])
    assert len(d) == 16


def test_npz_round_trip(sp: SParameters, tmp_path: Path) -> None:
    back = SParameters.load(sp.save(tmp_path / "mzi.npz"))
    assert back.ports == sp.ports
    np.testing.assert_array_equal(back.s, sp.s)
    np.testing.assert_array_equal(back.wl, sp.wl)


def test_npz_has_the_gplugins_layout(sp: SParameters, tmp_path: Path) -> None:
    """``gplugins.sax.read.model_from_npz`` reads ``wavelengths`` (um) and ``"a@0,b@0"`` keys as
    ``S[(a, b)]``, from port a to port b: read the file the way it does."""
    with np.load(sp.save(tmp_path / "mzi.npz")) as data:
        np.testing.assert_array_equal(data["wavelengths"], sp.wl)
        sdict = {}
        for key in data.files:
            if "@" in key:
                (a, mode_a), (b, mode_b) = (end.split("@") for end in key.split(","))
                assert mode_a == mode_b == "0"
                sdict[a, b] = data[key]
    assert set(sdict) == {(a, b) for a in sp.ports for b in sp.ports}
    for (a, b), value in sdict.items():
        np.testing.assert_array_equal(value, sp[b, a])


def test_touchstone_reads_back_in_scikit_rf(tmp_path: Path) -> None:
    skrf = pytest.importorskip("skrf")
    sp = simulate(mzi_netlist(), wl=np.linspace(1.3, 1.32, 5), models=MODELS)
    network = skrf.Network(str(sp.to_touchstone(tmp_path / "mzi.s4p")))
    assert list(network.port_names) == sp.ports
    np.testing.assert_allclose(network.f, wl_to_hz(sp.wl[::-1]))
    np.testing.assert_allclose(network.s, sp.s[::-1], rtol=1e-11, atol=1e-14)


@pytest.mark.parametrize("net, n", [(ring_netlist(), 2), (mzi_netlist(), 4)])
def test_touchstone(net: dict, n: int, tmp_path: Path) -> None:
    sp = simulate(net, wl=np.linspace(1.3, 1.32, 5), models=MODELS)
    text = sp.to_touchstone(tmp_path / f"c.s{n}p").read_text().splitlines()
    assert "# HZ S RI R 50" in text
    data = [ln.split() for ln in text if not ln.startswith(("!", "#"))]
    per_freq = [tok for ln in data for tok in ln]
    vals = np.array(per_freq, dtype=float).reshape(5, 1 + 2 * n * n)
    freqs = vals[:, 0]
    assert np.all(np.diff(freqs) > 0)  # ascending frequency = descending wavelength
    np.testing.assert_allclose(freqs, wl_to_hz(sp.wl[::-1]))
    first = vals[0, 1::2] + 1j * vals[0, 2::2]
    s_last_wl = sp.s[-1]
    expected = s_last_wl.T.ravel() if n == 2 else s_last_wl.ravel()
    np.testing.assert_allclose(first, expected, rtol=1e-11, atol=1e-14)


def test_plot(sp: SParameters) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    ax = sp.plot([("out1", "in1"), ("out2", "in1")])
    assert len(ax.lines) == 2 and "nm" in ax.get_xlabel()
    assert ax.lines[0].get_xdata()[0] == pytest.approx(1260.0)


def test_parse_wl() -> None:
    np.testing.assert_allclose(parse_wl("1.26:1.36:1001")[[0, -1]], [1.26, 1.36])
    assert parse_wl("1.26:1.36:1001").size == 1001
    assert parse_wl("1.55").tolist() == [1.55]
    with pytest.raises(ValueError, match="start:stop:n"):
        parse_wl("1.26:1.36")
