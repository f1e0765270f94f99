"""Normalise gdsfactory / user netlists into small immutable records.

Accepted inputs:

* a gdsfactory ``Component`` (``get_netlist(recursive=True)`` is called on it);
* a recursive netlist ``{cell_name: {"instances", "nets"|"connections", "ports", ...}}``
  as gdsfactory 9.45 returns it;
* a flat netlist ``{"instances": ..., "connections"|"nets": ..., "ports": ...}``.

Instance ports are written ``"instance,port"``. ``nets`` is a list of ``{"p1", "p2"}``
dicts (gdsfactory), ``connections`` a mapping ``{"a,o1": "b,o2"}`` (sax style); both may
appear together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lightlane.sim.errors import NetlistError, PortError

PortRef = tuple[str, str]  # (instance name, port name)


@dataclass(frozen=True)
class Instance:
    """One placed cell: ``component`` names a model or a sub-netlist."""

    name: str
    component: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    info: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FlatNetlist:
    """One level of hierarchy: instances, instance-to-instance links and external ports."""

    name: str
    instances: Mapping[str, Instance]
    connections: tuple[tuple[PortRef, PortRef], ...]
    ports: Mapping[str, PortRef]


def parse_port_ref(ref: str, where: str) -> PortRef:
    """Split ``"inst,port"`` into ``(inst, port)``; ``where`` is used in the error message."""
    if not isinstance(ref, str) or "," not in ref:
        raise PortError(f"{where}: expected 'instance,port', got {ref!r}")
    inst, port = ref.rsplit(",", 1)
    return inst.strip(), port.strip()


def _parse_instance(name: str, raw: Any, cell: str) -> Instance:
    """Read one instance entry (a dict or a bare component name)."""
    if isinstance(raw, str):
        return Instance(name=name, component=raw)
    if not isinstance(raw, Mapping) or "component" not in raw:
        raise NetlistError(f"cell {cell!r}: instance {name!r} has no 'component'")
    if raw.get("array"):
        raise NetlistError(f"cell {cell!r}: instance {name!r} is an array instance (unsupported)")
    component = raw["component"]
    if isinstance(component, Mapping):  # gdsfactory YAML style {"component": {"function": ...}}
        component = component.get("component") or component.get("function")
    return Instance(
        name=name,
        component=str(component),
        settings=dict(raw.get("settings") or {}),
        info=dict(raw.get("info") or {}),
    )


def _raw_links(raw: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Collect (p1, p2) strings from both ``nets`` and ``connections``."""
    links: list[tuple[str, str]] = []
    for net in raw.get("nets") or ():
        links.append((net["p1"], net["p2"]))
    links.extend((a, b) for a, b in (raw.get("connections") or {}).items())
    return links


def parse_flat(name: str, raw: Mapping[str, Any]) -> FlatNetlist:
    """Validate names and build a :class:`FlatNetlist` for one cell."""
    instances = {k: _parse_instance(k, v, name) for k, v in (raw.get("instances") or {}).items()}

    def check(ref: PortRef, what: str) -> PortRef:
        if ref[0] not in instances:
            raise PortError(
                f"cell {name!r}: {what} references instance {ref[0]!r} (port {ref[1]!r}) "
                f"which does not exist; instances: {sorted(instances)}"
            )
        return ref

    connections = tuple(
        (
            check(parse_port_ref(a, f"cell {name!r} connection"), f"connection {a}<->{b}"),
            check(parse_port_ref(b, f"cell {name!r} connection"), f"connection {a}<->{b}"),
        )
        for a, b in _raw_links(raw)
    )
    ports = {
        ext: check(parse_port_ref(ref, f"cell {name!r} port {ext!r}"), f"external port {ext!r}")
        for ext, ref in (raw.get("ports") or {}).items()
    }
    return FlatNetlist(name=name, instances=instances, connections=connections, ports=ports)


def _is_recursive(obj: Mapping[str, Any]) -> bool:
    return "instances" not in obj and all(
        isinstance(v, Mapping) and "instances" in v for v in obj.values()
    )


def _top_name(recnet: Mapping[str, Mapping[str, Any]]) -> str:
    """The cell no other cell instantiates (gdsfactory also lists it first)."""
    used = {
        inst.get("component") if isinstance(inst, Mapping) else inst
        for net in recnet.values()
        for inst in (net.get("instances") or {}).values()
    }  # an instance without "component" is reported by parse_flat, naming cell and instance
    roots = [k for k in recnet if k not in used]
    return roots[0] if roots else next(iter(recnet))


def _leaf_netlist(component: Any) -> dict[str, Any]:
    """A one-instance netlist around a cell without instances, so its own model is used."""
    cell = component.function_name or component.name
    optical = [p.name for p in component.ports if p.port_type == "optical"]
    return {
        "name": f"{cell}_alone",
        "instances": {
            cell: {
                "component": cell,
                "settings": dict(component.settings),
                "info": dict(component.info),
            }
        },
        "ports": {name: f"{cell},{name}" for name in optical},
    }


def load_netlists(obj: Any) -> tuple[str, dict[str, FlatNetlist]]:
    """Return ``(top cell name, {cell name: FlatNetlist})`` for any accepted input."""
    if hasattr(obj, "get_netlist") and not len(obj.insts):  # a leaf cell: its own model
        obj = _leaf_netlist(obj)
    if hasattr(obj, "get_netlist"):  # a gdsfactory Component
        # gdsfactory rounds settings and info to 3 digits by default: a 1 nm length error
        # shifts a high-Q ring by picometres, so keep 9 (1e-9 um).
        obj = obj.get_netlist(recursive=True, serialization_max_digits=9)
    if not isinstance(obj, Mapping) or not obj:
        raise NetlistError(f"expected a Component or a netlist dict, got {type(obj).__name__}")
    if not _is_recursive(obj):
        obj = {str(obj.get("name", "top_level")): obj}
    top = _top_name(obj)
    return top, {name: parse_flat(name, raw) for name, raw in obj.items()}
