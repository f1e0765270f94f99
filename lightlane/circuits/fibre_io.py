"""Fibre and laser couplers of an engine, placed by their chip-side port.

The fibre maps say which connector fibre each position of the die's fibre array carries
(:data:`FIBRE_MAPS`, :func:`fibre_map`). ``place_coupler`` puts a PDK edge coupler (spot-size
converter) or grating coupler so that its chip-side waveguide port ``o1`` sits at (x, y) facing
into the chip and its body extends outward, towards ``facing``; ``o2`` is then the fibre side
(the facet of an edge coupler, the vertical port of a grating).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import gdsfactory as gf

from lightlane.registry import get_pdk

__all__ = [
    "COUPLINGS",
    "FIBRE_MAPS",
    "LASERS",
    "LASER_NOTES",
    "FibreMap",
    "connectors_of",
    "coupler_cell",
    "fibre_map",
    "map_of",
    "place_coupler",
    "place_laser",
]

COUPLINGS = {"edge": "edge_coupler", "grating": "grating_coupler"}
"""Coupling kind -> PDK cell."""

_ROTATION = {"east": 0.0, "west": 180.0}


def coupler_cell(kind: str, cross_section: str = "strip") -> gf.Component:
    """The PDK coupler of ``kind`` ("edge" or "grating") for ``cross_section``."""
    return get_pdk().cells[COUPLINGS[kind]](cross_section=cross_section)


LASERS = ("edge", "grating", "flipchip")
"""Laser inputs: an edge coupler or a grating for a fibre-fed external laser, or a site for a
flip-chip III-V laser die (``laser_site``)."""
LASER_NOTES = {
    "edge": "external laser (ELSFP-style) on polarisation-maintaining fibre, slow axis on the "
    "chip's TE, edge-coupled at the west facet",
    "grating": "external laser (ELSFP-style) on polarisation-maintaining fibre, slow axis on "
    "the grating's TE, grating-coupled",
    "flipchip": "III-V laser die flip-chip bonded in the laser site's trench, butt-coupled to "
    "its inverse taper",
}


def place_laser(
    c: gf.Component, kind: str, x: float, y: float, cross_section: str = "strip"
) -> gf.ComponentReference:
    """A laser input with its chip-side port o1 at (x, y) facing east, its laser side o2 west.

    ``kind`` is one of :data:`LASERS`; its loss (a coupler's, or the laser site's butt
    coupling) is that cell's model, so it is in the simulated laser-to-fibre path.
    """
    if kind != "flipchip":
        return place_coupler(c, kind, x, y, facing="west", cross_section=cross_section)
    ref = c << get_pdk().cells["laser_site"]()
    ox, oy = ref.ports["o1"].center
    ref.dmove((x - ox, y - oy))
    return ref


def place_coupler(
    c: gf.Component,
    kind: str,
    x: float,
    y: float,
    facing: Literal["east", "west"],
    cross_section: str = "strip",
) -> gf.ComponentReference:
    """Add a coupler to ``c`` with o1 at (x, y) and its fibre side towards ``facing``."""
    cell = coupler_cell(kind, cross_section)
    ref = c << cell
    # Both cells are drawn with o1 facing west and the fibre side to the east of it.
    ref.drotate(_ROTATION[facing])
    ox, oy = ref.ports["o1"].center
    ref.dmove((x - ox, y - oy))
    return ref


@dataclass(frozen=True)
class FibreMap:
    """Which fibre of a connector each position of the die's fibre array carries.

    ``positions`` lists the die's array north first, one pitch apart: "tx1".., "rx1".. or ""
    (a position the connector leaves dark); ``connector_positions`` names, for each, the
    connector and its position.
    """

    connector: str
    positions: tuple[str, ...]
    connector_positions: tuple[str, ...]
    source: str

    def slot(self, port: str) -> int:
        """Array position (0 = north) of the fibre ``port`` ("tx1", "rx3", ...)."""
        if port not in self.positions:
            raise ValueError(f"{self.connector} has no fibre {port!r}: {self.positions}")
        return self.positions.index(port)

    def to_dict(self) -> dict[str, object]:
        return {
            "connector": self.connector,
            "positions": list(self.positions),
            "connector_positions": list(self.connector_positions),
            "source": self.source,
        }


_MPO = (
    "IEEE Std 802.3-2022 clause 124.11.3 (400GBASE-DR4 MDI optical lane assignments: an MPO-12 "
    "of IEC 61754-7-1 transmitting on positions 1-4, receiving on 9-12, 5-8 unused) and IEEE "
    "Std 802.3df-2024 (800GBASE-DR8: an MPO-16 of IEC 61754-7-3, transmit 1-8, receive 9-16, or "
    "two MPO-12 each assigned as DR4); figure numbers as commonly cited, unverified"
)
_LC = (
    "IEC 61754-20 duplex LC, one transmit and one receive fibre per connector; the pigtail "
    "routes each fibre on its own, so the array order (transmit fibres first) is this kit's"
)


def _mpo12(tx: int, rx: int, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """DR4 positions of one MPO-12: four transmit, four dark, four receive."""
    positions = tuple(f"tx{tx + k}" for k in range(4)) + ("",) * 4
    positions += tuple(f"rx{rx + k}" for k in range(4))
    return positions, tuple(f"{name}:{k + 1}" for k in range(12))


def _maps() -> dict[str, FibreMap]:
    mpo12, mpo12_at = _mpo12(1, 1, "MPO-12")
    # Two MPO-12 behind one 16-fibre array: the pigtail fans positions A1-4/B1-4 (Tx) and
    # A9-12/B9-12 (Rx) out of one ribbon, so the die's array is the MPO-16 order.
    two_at = tuple(f"{c}:{k}" for c in "AB" for k in range(1, 5))
    two_at += tuple(f"{c}:{k}" for c in "AB" for k in range(9, 13))
    sixteen = tuple(f"tx{k}" for k in range(1, 9)) + tuple(f"rx{k}" for k in range(1, 9))
    return {
        m.connector: m
        for m in (
            FibreMap("MPO-12", mpo12, mpo12_at, _MPO),
            FibreMap("MPO-16", sixteen, tuple(f"MPO-16:{k}" for k in range(1, 17)), _MPO),
            FibreMap("2 x MPO-12", sixteen, two_at, _MPO),
            FibreMap("duplex LC", ("tx1", "rx1"), ("LC:Tx", "LC:Rx"), _LC),
            FibreMap(
                "2 x duplex LC",
                ("tx1", "tx2", "rx1", "rx2"),
                ("LC-A:Tx", "LC-B:Tx", "LC-A:Rx", "LC-B:Rx"),
                _LC,
            ),
        )
    }


FIBRE_MAPS: dict[str, FibreMap] = _maps()
"""Connector name (as the standards table writes it) -> its fibre map."""


ARRAY = re.compile(r"(\d+)\+(\d+) fibre array")
"""A bare fibre array, e.g. "32+32 fibre array": all transmit fibres, then all receive fibres
(for custom lane counts that no connector carries)."""


def connectors_of(standard: Any) -> tuple[str, ...]:
    """The connectors a standard offers, first the default ("MPO-16 or 2 x MPO-12")."""
    return tuple(part.strip() for part in standard.connector.split(" or "))


def map_of(connector: str, tx_fibres: int, rx_fibres: int) -> FibreMap:
    """The fibre map called ``connector``, checked to carry ``tx_fibres`` + ``rx_fibres``."""
    match = ARRAY.fullmatch(connector)
    if match:
        tx, rx = int(match[1]), int(match[2])
        positions = tuple(f"tx{k}" for k in range(1, tx + 1))
        positions += tuple(f"rx{k}" for k in range(1, rx + 1))
        fmap = FibreMap(
            connector, positions, tuple(f"array:{k + 1}" for k in range(tx + rx)), "this kit"
        )
    elif connector in FIBRE_MAPS:
        fmap = FIBRE_MAPS[connector]
    else:
        known = ", ".join([*FIBRE_MAPS, "N+M fibre array"])
        raise ValueError(f"connector {connector!r} has no fibre map; known: {known}")
    tx = sum(p.startswith("tx") for p in fmap.positions)
    rx = sum(p.startswith("rx") for p in fmap.positions)
    if (tx, rx) != (tx_fibres, rx_fibres):
        raise ValueError(
            f"the {connector} map carries {tx} Tx + {rx} Rx fibres, the engine needs "
            f"{tx_fibres} + {rx_fibres}"
        )
    return fmap


def fibre_map(standard: Any, connector: str | None = None) -> FibreMap:
    """The fibre map of ``standard``'s ``connector`` (None: its first), checked against its fibres.

    Raises:
        ValueError: a connector the standard does not offer, or a map whose fibre counts differ
            from the standard's.
    """
    offered = connectors_of(standard)
    name = offered[0] if connector is None else connector
    if name not in offered and not ARRAY.fullmatch(name):
        raise ValueError(
            f"connector={connector!r} is not offered by {standard.name}; choose one of: "
            + ", ".join(offered)
        )
    return map_of(name, standard.tx_fibres, standard.rx_fibres)
