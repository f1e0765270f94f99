"""Every netlist error names the instance and the port."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.sim import DanglingPortError, MissingModelError, NetlistError, PortError, simulate
from simmodels import MODELS, inst, mzi_netlist, ring_netlist


def run(net: dict, **kw: object):
    return simulate(net, wl=1.31, models=MODELS, **kw)


def test_missing_model() -> None:
    net = mzi_netlist()
    net["instances"]["c1"] = inst("mmi2x2_unknown")
    with pytest.raises(
        MissingModelError,
        match=r"instance 'c1' of component 'mmi2x2_unknown'.*known models: \['coupler'",
    ):
        run(net)
    with pytest.raises(KeyError):  # also a KeyError for dict-like lookups
        run(net)


def test_connection_to_unknown_port() -> None:
    net = mzi_netlist()
    net["connections"]["c1,o3"] = "top,o9"
    with pytest.raises(
        PortError, match=r"instance 'top' \(component 'straight'\) port 'o9'.*\['o1', 'o2'\]"
    ):
        run(net)


def test_port_connected_twice() -> None:
    net = ring_netlist()
    net["ports"]["extra"] = "c,o3"  # already linked to wg,o1
    with pytest.raises(PortError, match=r"instance 'c' .*port 'o3' is connected twice"):
        run(net)
    net = ring_netlist()
    net["nets"].append({"p1": "wg,o1", "p2": "c,o2"})
    with pytest.raises(PortError, match="connected twice"):
        run(net)


def test_external_port_missing_instance_or_port() -> None:
    net = mzi_netlist()
    net["ports"]["out1"] = "nope,o4"
    with pytest.raises(
        PortError, match=r"external port 'out1' references instance 'nope' \(port 'o4'\)"
    ):
        run(net)
    net = mzi_netlist()
    net["ports"]["out1"] = "c2,o7"
    with pytest.raises(PortError, match=r"external port 'out1' uses instance 'c2'.*port 'o7'"):
        run(net)


def test_dangling_port_error_and_ignore() -> None:
    net = mzi_netlist()
    del net["ports"]["in2"]
    with pytest.raises(DanglingPortError, match=r"c1,o2"):
        run(net)
    ok = run(net, dangling="ignore")
    full = run(mzi_netlist())
    np.testing.assert_allclose(ok["out1", "in1"], full["out1", "in1"], atol=1e-14)
    ref = run(net, dangling="ignore", solver="reference")
    np.testing.assert_allclose(ok.s, ref.s, atol=1e-14)


def test_errors_are_value_errors_and_bad_inputs() -> None:
    assert issubclass(PortError, ValueError) and issubclass(DanglingPortError, NetlistError)
    with pytest.raises(NetlistError, match="expected 'instance,port'"):
        run({"instances": {"a": inst("straight")}, "ports": {"o1": "a.o1"}})
    with pytest.raises(NetlistError, match="expected a Component or a netlist dict"):
        simulate(42, models=MODELS)


def test_model_failure_names_instance() -> None:
    def broken(wl: np.ndarray, length: float = 1.0) -> dict:
        raise RuntimeError("boom")

    net = {"instances": {"w": inst("bad", length=2.0)}, "ports": {"a": "w,o1"}}
    with pytest.raises(NetlistError, match=r"instance 'w' \(component 'bad'\).*boom"):
        simulate(net, models={"bad": broken})


def test_cycle_in_hierarchy() -> None:
    rec = {
        "a": {"instances": {"x": inst("b")}, "ports": {"o1": "x,o1"}},
        "b": {"instances": {"y": inst("a")}, "ports": {"o1": "y,o1"}},
    }
    with pytest.raises(NetlistError, match="instantiates itself"):
        run(rec)
