"""Geometry checks the cell harness applies to every cell."""

from __future__ import annotations

import math

import klayout.db as kdb

DBU = 0.001


def flat_region(component, gds: tuple[int, int]) -> kdb.Region:
    """All shapes of layer ``gds`` in ``component`` and its children, merged (um -> dbu)."""
    layout = component.kcl.layout
    index = layout.find_layer(*gds)
    if index is None:
        return kdb.Region()
    return kdb.Region(component._base.kdb_cell.begin_shapes_rec(index)).merged()


def port_edge_problem(component, port) -> str | None:
    """None when ``port`` lies on the edge of a polygon of its layer with its width, else why.

    A vertical (fibre) port, listed by its cell in ``info["vertical_ports"]`` (a grating
    coupler's o2), couples through the top of the chip: it must lie inside a polygon of its
    layer instead.
    """
    gds = (port.layer_info.layer, port.layer_info.datatype)
    region = flat_region(component, gds)
    if region.is_empty():
        return f"port {port.name}: no shapes on its layer {gds}"
    x, y = port.center
    if port.name in component.info.get("vertical_ports", ()):
        centre = kdb.Point(round(x / DBU), round(y / DBU))
        if region.interacting(kdb.Region(kdb.Box(centre, centre).enlarged(1, 1))).is_empty():
            return f"vertical port {port.name} at ({x:g}, {y:g}) lies outside layer {gds}"
        return None
    angle = math.radians(port.orientation)
    dx, dy = math.cos(angle), math.sin(angle)
    half = port.width / 2
    p1 = kdb.Point(round((x - dy * half) / DBU), round((y + dx * half) / DBU))
    p2 = kdb.Point(round((x + dy * half) / DBU), round((y - dx * half) / DBU))
    on_edge = (kdb.Edges([kdb.Edge(p1, p2)]) & region.edges()).length() * DBU
    if abs(on_edge - port.width) > 2 * DBU:
        return (
            f"port {port.name} at ({x:g}, {y:g}) width {port.width:g}: only {on_edge:g} um of "
            f"its face lies on a polygon edge of layer {gds}"
        )
    inside = kdb.Point(round((x - dx * 0.005) / DBU), round((y - dy * 0.005) / DBU))
    if not region.interacting(kdb.Region(kdb.Box(inside, inside).enlarged(1, 1))):
        return f"port {port.name}: the polygon is not behind the port (it faces the wrong way)"
    return None


def drc_problems(component) -> list[str]:
    """Every DRC marker of ``component`` (the full deck of lightlane.verify), as messages."""
    from lightlane.verify import drc

    report = drc(component)
    return [f"{v.message} in {v.cell} at {v.bbox}" for v in report.violations]


def connectivity_problems(component) -> list[str]:
    """Connectivity findings of how ``component``'s own instances meet (none for a leaf)."""
    from lightlane.verify.connectivity import check_connectivity

    return [str(finding) for finding in check_connectivity(component).findings]


def assert_clean(component) -> None:
    """Ports on polygon edges and a clean DRC: what every accepted parameter set must give."""
    assert [p for p in (port_edge_problem(component, q) for q in component.ports) if p] == []
    assert drc_problems(component) == []


def assert_refused_before_drawing(factory, kwargs: dict, words: list[str]) -> None:
    """``factory(**kwargs)`` raises ValueError mentioning ``words`` and draws no cell first."""
    import gdsfactory as gf
    import pytest

    before = gf.kcl.layout.cells()
    with pytest.raises(ValueError) as error:
        factory(**kwargs)
    for word in words:
        assert word in str(error.value)
    assert gf.kcl.layout.cells() == before, "a cell was drawn before the error"
