"""Engines: every standard and side builds clean and is consistent with its standard; a lane's
simulated transmission equals the product of its parts' own models; the CLI writes its outputs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from layout_checks import drc_problems
from lightlane.circuits.engine import engine
from lightlane.circuits.flow import check_hierarchy
from lightlane.circuits.simulation import detector_netlist, simulate_engine
from lightlane.circuits.standards import STANDARDS, get_standard
from lightlane.cli import app
from lightlane.registry import simulation_models
from lightlane.sim.models import model_signature, select_kwargs

WL = np.linspace(1.30, 1.32, 41)
STANDARD_NAMES = sorted(STANDARDS)


@pytest.mark.parametrize("side", ["tx", "rx", "trx"])
@pytest.mark.parametrize("name", STANDARD_NAMES)
def test_every_standard_and_side_is_clean_and_consistent(name, side):
    std = get_standard(name)
    c = engine(name, side=side)
    assert drc_problems(c) == []
    assert check_hierarchy(c) == []
    lanes = c.info["lanes"]
    assert [lane["wavelength_nm"] for lane in lanes] == list(std.wavelengths_nm)
    tx = sorted(p.name for p in c.ports if p.name.startswith("tx"))
    rx = sorted(p.name for p in c.ports if p.name.startswith("rx"))
    lasers = [p for p in c.ports if p.name.startswith("laser")]
    if side in ("tx", "trx"):
        assert len(tx) == std.tx_fibres
        assert len(lasers) == (std.lanes if std.wdm_groups else 1)
    else:
        assert tx == [] and lasers == []
    assert len(rx) == (std.rx_fibres if side in ("rx", "trx") else 0)
    fibres = sorted(p.center[1] for p in c.ports if p.name.startswith(("tx", "rx")))
    steps = np.diff(fibres) / c.info["fibre_pitch"]  # one array: whole multiples of its pitch
    assert np.all(np.abs(steps - np.round(steps)) < 1e-6) and np.all(np.round(steps) >= 1)
    edge = max(p.center[0] for p in c.ports if p.name.startswith(("tx", "rx")))
    assert all(abs(p.center[0] - edge) < 1e-6 for p in c.ports if p.name.startswith(("tx", "rx")))


@pytest.mark.parametrize(
    ("coupling", "modulator"), [("grating", "mzm"), ("edge", "ring"), ("grating", "ring")]
)
def test_coupling_and_modulator_variants_are_clean(coupling, modulator):
    c = engine("400G-DR4", side="trx", coupling=coupling, modulator=modulator)
    assert drc_problems(c) == []
    assert check_hierarchy(c) == []


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("standard", "3.2T-DR16"),
        ("side", "both"),
        ("coupling", "butt"),
        ("modulator", "eam"),
        ("package", "bga"),
    ],
)
def test_bad_options_name_the_choices(option, value):
    kwargs = {"standard": "400G-DR4", option: value}
    with pytest.raises(ValueError, match="choose one of"):
        engine(**kwargs)


def _flatten(netlists: dict, cell: str, prefix: str = "") -> tuple[dict, list, dict]:
    """Parts, links and ports of ``cell`` with hierarchical names (test-only walker)."""
    net = netlists[cell]
    leaves, links, ports = {}, [], {}
    inner_ports = {}
    for name, inst in net["instances"].items():
        path = f"{prefix}{name}"
        # Like the solver, a cell with its own model (a filter, a modulator) is one part.
        if inst["component"] in netlists and inst["component"] not in simulation_models():
            sub_leaves, sub_links, sub_ports = _flatten(netlists, inst["component"], f"{path}/")
            leaves.update(sub_leaves)
            links += sub_links
            inner_ports.update({f"{name},{p}": ref for p, ref in sub_ports.items()})
        else:
            leaves[path] = inst

    def resolve(ref: str) -> str:
        if ref in inner_ports:
            return inner_ports[ref]
        inst, port = ref.split(",")
        return f"{prefix}{inst},{port}"

    links += [(resolve(n["p1"]), resolve(n["p2"])) for n in net.get("nets") or ()]
    ports = {p: resolve(ref) for p, ref in (net.get("ports") or {}).items()}
    return leaves, links, ports


def _path_product(c, port_in: str, port_out: str, wl: np.ndarray) -> np.ndarray:
    """The product of each part's own model along the single path from port_in to port_out
    (every part on a lane's path is a two-port or a splitter: one path, no loops)."""
    netlists = detector_netlist(c)
    top = next(k for k in netlists if k.startswith("_engine"))
    leaves, links, ports = _flatten(netlists, top)
    partner = {}
    for a, b in links:
        partner[a], partner[b] = b, a
    target = ports[port_out]
    models = simulation_models()
    cache: dict = {}

    def transfer(inst: str) -> dict:
        if inst not in cache:
            spec = leaves[inst]
            model = models[spec["component"]]
            # simulate_engine runs the held CWDM4 filters locked (filter_hold=True)
            params = {"filter_hold": True, **spec.get("settings", {}), **spec.get("info", {})}
            cache[inst] = model(wl, **select_kwargs(model_signature(model), params))
        return cache[inst]

    def walk(ref: str, acc: np.ndarray, seen: set) -> np.ndarray | None:
        inst, port = ref.split(",")
        sdict = transfer(inst)
        for (a, b), value in sdict.items():
            if a != port or b == port:
                continue
            out = f"{inst},{b}"
            if out == target:
                return acc * value
            if out in partner and out not in seen:
                found = walk(partner[out], acc * value, seen | {out})
                if found is not None:
                    return found
        return None

    result = walk(ports[port_in], np.ones_like(wl, dtype=complex), set())
    assert result is not None, f"no path from {port_in} to {port_out}"
    return result


@pytest.mark.parametrize("name", ["400G-DR4", "400G-FR4"])
def test_lane_transmission_is_the_product_of_its_parts(name):
    c = engine(name, side="trx")
    sp = simulate_engine(c, WL)
    for lane in c.info["lanes"][:2]:
        composed = _path_product(c, lane["laser_port"], lane["tx_port"], WL)
        np.testing.assert_allclose(
            np.abs(sp[lane["tx_port"], lane["laser_port"]]) ** 2, np.abs(composed) ** 2, rtol=1e-3
        )
        pd = lane["detectors"][0].split("/")[-1]
        composed = _path_product(c, lane["rx_port"], pd, WL)
        np.testing.assert_allclose(
            np.abs(sp[pd, lane["rx_port"]]) ** 2, np.abs(composed) ** 2, rtol=1e-3
        )


def test_cli_engine_writes_every_output(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["engine", "400G-DR4", "-o", str(tmp_path), "--samples", "8"])
    assert result.exit_code == 0, result.output
    for name in ("engine.gds", "drc.lyrdb", "sparams.npz", "summary.json", "report.html"):
        assert (tmp_path / name).stat().st_size > 0, name
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["pass"] is True
    assert summary["interface"]["lanes"] == 4 and len(summary["budget"]) == 4
    assert summary["layout"]["tx_fibres"] == 4 and summary["layout"]["rx_fibres"] == 4
    assert 0 <= summary["monte_carlo"]["yield"] <= 1
    assert summary["preflight"]["ok"] is True, summary["preflight"]["findings"]
    assert summary["preflight"]["path"] == "engine.gds"
    assert "<img" in (tmp_path / "report.html").read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["3.2T-DR16"],
        ["400G-DR4", "--side", "both"],
        ["400G-DR4", "--samples", "0"],
        ["400G-DR4", "--package", "bga"],
    ],
)
def test_cli_engine_bad_input_is_one_line_exit_2(tmp_path, args):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["engine", *args, "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("lightlane: error:")
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())
