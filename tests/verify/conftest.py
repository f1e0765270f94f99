"""Seeded layouts: for each rule kind, shapes that must fire at known places and nowhere else.

Every seed is built with klayout.db in a fresh Layout (no global gdsfactory state) and
instantiated three times under ``TOP`` so that deep and flat runs see real hierarchy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import klayout.db as db
import pytest

Pts = list[tuple[float, float]]


def box(x0: float, y0: float, x1: float, y1: float) -> Pts:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


@dataclass
class Seed:
    """Shapes (layer, points in um, raw) and what must fire: rule -> (count, zone in um)."""

    shapes: list[tuple[tuple[int, int], Pts, bool]]
    expected: dict[str, tuple[int, tuple[float, float, float, float]]]
    dbu: float = 0.001
    also: set[str] = field(default_factory=set)  # rules that may fire too (documented side effects)


WG, GE, NPP, PPP, M1, VIAC = (1, 0), (5, 0), (24, 0), (25, 0), (41, 0), (40, 0)

SEEDS: dict[str, Seed] = {
    "width": Seed(
        [
            (WG, box(0, 0, 10, 0.1), False),
            (WG, box(0, 2, 10, 2.149), False),
            (M1, box(20, 0, 25, 0.5), False),
        ],
        {"WG.W.1": (1, (0, 0, 10, 0.1)), "M1.W.1": (1, (20, 0, 25, 0.5))},
    ),
    "space": Seed(
        [
            (WG, box(0, 0, 10, 1), False),
            (WG, box(0, 1.1, 10, 2.1), False),
            (WG, box(0, 5, 10, 6), False),
            (WG, box(0, 6.149, 10, 7), False),
            (
                WG,
                [
                    (20, 0),
                    (24, 0),
                    (24, 3),
                    (22.05, 3),
                    (22.05, 1),
                    (21.95, 1),
                    (21.95, 3),
                    (20, 3),
                ],
                False,
            ),
        ],
        {"WG.S.1": (2, (0, 0, 24, 3))},
    ),
    "area": Seed([(WG, box(0, 0, 0.2, 0.2), False)], {"WG.A.1": (1, (0, 0, 0.2, 0.2))}),
    "enclosure": Seed(
        [
            (WG, box(0, 0, 4, 4), False),
            (GE, box(0.3, 0.3, 3.3, 3.3), False),
            (GE, box(20, 0, 22, 2), False),
            (NPP, box(10, 0, 11, 2), False),
            (PPP, box(11, 0, 12, 2), False),
            (M1, box(10, 0, 12, 2), False),
            (VIAC, box(10.6, 0.6, 11.4, 1.4), False),
        ],
        {"GE.EN.1": (3, (0, 0, 22, 4))},
    ),
    "separation": Seed(
        [
            (WG, box(0, 0, 20, 0.5), False),
            (WG, box(0, 3.2, 20, 3.7), False),
            (NPP, box(0, 1.0, 2, 3), False),  # 0.5 um from one waveguide, 0.2 from the other
            (NPP, box(5, -1, 7, 1), False),  # a contact of the first, 2.2 um from the second
            (NPP, box(10, 0.5, 12, 2.5), False),  # touches the first, 0.7 um from the second
            (NPP, box(15, 1.4, 17, 3.4), False),  # touches the second, 0.9 um from the first
        ],
        {"NPP.SEP.1": (3, (0, 0.5, 12.5, 3.2))},
    ),
    "grid": Seed(
        [(WG, box(0, 0, 10.0005, 1), False)], {"GRID.1": (2, (10, 0, 10.001, 1))}, dbu=0.0001
    ),
    "angle": Seed(
        [(WG, [(0, 0), (10, 0), (0, 2)], False), (WG, [(20, 0), (21, 0), (20, 1)], False)],
        {"ANGLE.1": (1, (10, 0, 10, 0))},
        also={"WG.W.1"},  # the tip of an acute corner is also narrower than the minimum width
    ),
    "self_intersection": Seed(
        [(WG, [(0, 0), (6, 0), (6, 4), (2, 4), (2, -2), (4, -2), (4, 2), (0, 2)], True)],
        {"POLY.1": (1, (2, 0, 4, 2))},
    ),
    "degenerate": Seed(
        [(WG, [(0, 0), (5, 0), (10, 0)], True), (WG, [(20, 0), (20, 0), (25, 5)], True)],
        {"POLY.2": (2, (0, 0, 25, 5))},
    ),
}

COPIES = 3


def build(seeds: list[Seed], name: str = "TOP") -> db.Layout:
    """One cell per seed (``SEED0``...), each placed COPIES times in a row under ``name``."""
    layout = db.Layout()
    layout.dbu = seeds[0].dbu
    top = layout.create_cell(name)
    for i, seed in enumerate(seeds):
        cell = layout.create_cell(f"SEED{i}")
        for layer, pts, raw in seed.shapes:
            poly = db.DPolygon([db.DPoint(x, y) for x, y in pts], raw)
            cell.shapes(layout.layer(*layer)).insert(
                poly.to_itype(layout.dbu),
            )
        step = db.Vector(int(round(100 / layout.dbu)), 0)
        row = db.Vector(0, int(round((100 + 100 * i) / layout.dbu)))
        top.insert(
            db.CellInstArray(cell.cell_index(), db.Trans(row), step, db.Vector(0, 1), COPIES, 1)
        )
    return layout


@pytest.fixture(params=sorted(SEEDS))
def seed_kind(request: pytest.FixtureRequest) -> str:
    return request.param
