"""S-parameters of a whole engine, straight from its layout netlist.

A photodiode absorbs: it has an optical input and no optical output, so the light it receives
is not an S-parameter between the chip's ports. The engine is therefore simulated with every
photodiode instance taken out and its input exposed as a port of the same name (``pd1a`` ...):
``S[pd1a, rx1]`` is then the field that reaches that photodiode from fibre ``rx1``. The
photodiode's own reflection (below -30 dB) is left out of the received power.
"""

from __future__ import annotations

import copy
import warnings
from collections import OrderedDict
from typing import Any

import numpy as np

from lightlane.circuits.receiver import DETECTOR
from lightlane.registry import simulation_models
from lightlane.sim import simulate
from lightlane.sim.sparams import SParameters

__all__ = ["detector_netlist", "engine_netlist", "simulate_engine"]


def _detector_ports(net: dict[str, Any], detector: str) -> dict[str, str]:
    """Remove ``detector`` instances from one cell's netlist; {instance name: what fed it}."""
    names = [k for k, v in net["instances"].items() if v["component"] == detector]
    fed: dict[str, str] = {}
    kept = []
    for link in net.get("nets") or ():
        ends = (link["p1"], link["p2"])
        owners = [end.split(",")[0] for end in ends]
        if owners[0] in names:
            fed[owners[0]] = ends[1]
        elif owners[1] in names:
            fed[owners[1]] = ends[0]
        else:
            kept.append(link)
    for name in names:
        net["instances"].pop(name)
        (net.get("placements") or {}).pop(name, None)
    net["nets"] = tuple(kept)
    net["ports"] = {
        k: v for k, v in (net.get("ports") or {}).items() if v.split(",")[0] not in names
    }
    return fed


def detector_netlist(component: Any, detector: str = DETECTOR[0]) -> dict[str, Any]:
    """The recursive netlist of ``component`` with each ``detector`` replaced by a port.

    A photodiode at any depth becomes a port of its own cell named like the instance, and is
    exposed again at every level above (``rx/pd1a`` on the engine becomes port ``pd1a``).
    """
    with warnings.catch_warnings():  # pads' electrical ports are unconnected by design
        warnings.filterwarnings("ignore", message="Unconnected ports")
        netlist = component.get_netlist(recursive=True, serialization_max_digits=9)
    netlists = copy.deepcopy(netlist)
    exposed: dict[str, list[str]] = {}  # cell -> names of the detector ports it now has
    for cell, net in netlists.items():
        fed = _detector_ports(net, detector)
        for name, source in sorted(fed.items()):
            net["ports"][name] = source
        if fed:
            exposed[cell] = sorted(fed)
    # Propagate to the parents (the engine is shallow: a few passes reach the top).
    changed = True
    while changed:
        changed = False
        for cell, net in netlists.items():
            for inst_name, inst in net["instances"].items():
                for name in exposed.get(inst["component"], ()):
                    if name not in net["ports"]:
                        net["ports"][name] = f"{inst_name},{name}"
                        exposed.setdefault(cell, []).append(name)
                        changed = True
    return netlists


_EXTRACTED: OrderedDict[tuple[int, str], tuple[Any, dict[str, Any]]] = OrderedDict()


def engine_netlist(component: Any) -> dict[str, Any]:
    """:func:`detector_netlist`, extracted once per locked (finished) component; do not modify."""
    if not component.locked:
        return detector_netlist(component)
    key = (id(component), component.name)  # the entry holds the component: the id stays its own
    if key not in _EXTRACTED:
        _EXTRACTED[key] = (component, detector_netlist(component))
        while len(_EXTRACTED) > 8:
            _EXTRACTED.popitem(last=False)
    return _EXTRACTED[key][1]


def simulate_engine(component: Any, wl: Any, **kwargs: Any) -> SParameters:
    """S-parameters between the engine's optical ports and its photodiodes' inputs.

    ``kwargs`` go to :func:`lightlane.simulate` (``samples``, ``variations``, ``pairs``,
    model settings); the models are lightlane's whichever PDK is active. The held filters run
    with their hold loops locked (``filter_hold=True``, :mod:`lightlane.models.filters`).
    """
    kwargs.setdefault("models", simulation_models())
    kwargs.setdefault("filter_hold", True)  # the held CWDM4 filters' loops are locked
    return simulate(engine_netlist(component), wl=np.asarray(wl, dtype=float), **kwargs)
