"""A grid maze router for the top metal: one net at a time, shortest with few corners.

gdsfactory's electrical routers (``route_bundle_electrical``) join ordered port bundles along
Manhattan paths but see no obstacles, and an engine's terminals sit between other devices'
pads and lines. This router works on a square grid of ``pitch`` um over the routing region:
every obstacle (another net's metal, a keep-out) is grown by the routed net's half-width and
its spacing, and a Dijkstra search over two layers of the grid (horizontal and vertical
moves, a corner costing ``turn_cost`` steps) finds the cheapest centreline from the start to
any of the goal cells (Lee, IRE Trans. Electron. Comput. EC-10(3), 346, 1961, with corner
costs as in Hightower's line-probe routers). A fat net (a coplanar line's four conductors)
routes its centreline with the line's half-width; :func:`offset_polyline` then draws each
conductor parallel to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

__all__ = ["Grid", "NoRoute", "offset_polyline", "simplify"]

BIAS = 0.05
"""Extra cost of a move along x next to the pad row (see :meth:`Grid.route`): a twentieth
of a step, so it only breaks ties between paths of one length and corner count."""
Box = tuple[float, float, float, float]
"""(left, bottom, right, top) in um."""


class NoRoute(RuntimeError):
    """No path exists on the grid between a net's start and its goals."""


@dataclass
class Grid:
    """Routing region ``box`` (um) on a grid of ``pitch`` um; cell (i, j) is centred at
    ``(x0 + i pitch, y0 + j pitch)`` with x0, y0 multiples of ``pitch``."""

    box: Box
    pitch: float = 10.0
    obstacles: list[tuple[Box, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        left, bottom, right, top = self.box
        self.x0 = float(np.ceil(left / self.pitch) * self.pitch)
        self.y0 = float(np.ceil(bottom / self.pitch) * self.pitch)
        self.nx = int(np.floor((right - self.x0) / self.pitch)) + 1
        self.ny = int(np.floor((top - self.y0) / self.pitch)) + 1
        if self.nx < 2 or self.ny < 2:
            raise ValueError(f"routing region {self.box} holds no grid at {self.pitch:g} um")

    def add(self, box: Box, owner: int = -1) -> None:
        """An obstacle ``box`` (um) owned by net ``owner`` (-1: every net avoids it)."""
        self.obstacles.append((box, owner))

    def cell(self, x: float, y: float) -> tuple[int, int]:
        """The grid cell nearest (x, y)."""
        i = int(round((x - self.x0) / self.pitch))
        j = int(round((y - self.y0) / self.pitch))
        if not (0 <= i < self.nx and 0 <= j < self.ny):
            raise NoRoute(f"({x:.1f}, {y:.1f}) um lies outside the routing region {self.box}")
        return i, j

    def point(self, i: int, j: int) -> tuple[float, float]:
        return (round(self.x0 + i * self.pitch, 3), round(self.y0 + j * self.pitch, 3))

    def blocked(self, net: int, margin: float) -> np.ndarray:
        """Cells (nx, ny) a centreline of ``net`` may not use: within ``margin`` um of an
        obstacle that is not its own."""
        grid = np.zeros((self.nx, self.ny), dtype=bool)
        p = self.pitch
        for (left, bottom, right, top), owner in self.obstacles:
            if owner == net:
                continue
            i0 = int(np.floor((left - margin - self.x0) / p)) + 1
            i1 = int(np.ceil((right + margin - self.x0) / p)) - 1
            j0 = int(np.floor((bottom - margin - self.y0) / p)) + 1
            j1 = int(np.ceil((top + margin - self.y0) / p)) - 1
            i0, j0 = max(i0, 0), max(j0, 0)
            if i1 >= i0 and j1 >= j0:
                grid[i0 : i1 + 1, j0 : j1 + 1] = True
        return grid

    def route(
        self,
        net: int,
        margin: float,
        start: tuple[int, int],
        step: tuple[int, int],
        goals: Sequence[tuple[tuple[int, int], tuple[int, int] | None]],
        turn_cost: float = 20.0,
        toward: float | None = None,
    ) -> tuple[list[tuple[int, int]], int]:
        """The cheapest cell path of ``net`` from ``start`` (its first step ``step``, a unit
        (di, dj)) to one of ``goals`` (cell, the direction of its last step or None), and
        which goal it reaches. With ``toward`` (a y in um, the pad row's), a move along x
        costs up to :data:`BIAS` more the nearer it runs to that y, so of paths alike the
        route runs across far from the row and the later, outer routes find room above it.

        Raises:
            NoRoute: every goal is walled off.
        """
        free = ~self.blocked(net, margin)
        free[start] = True
        first = (start[0] + step[0], start[1] + step[1])
        if not (0 <= first[0] < self.nx and 0 <= first[1] < self.ny) or not free[first]:
            raise NoRoute(f"net {net}: its first step from cell {start} is blocked")
        free[start] = False  # no way back through the start
        ends = [g for g, step in goals if step is not None and free[g]]
        for g in ends:  # a goal arrived at along its step is never passed through
            free[g] = False
        n = self.nx * self.ny
        along_x = np.ones(self.ny)
        if toward is not None:
            distance = np.abs(self.y0 + self.pitch * np.arange(self.ny) - toward)
            along_x += BIAS * (1.0 - distance / max(float(distance.max()), 1.0))
        graph = _graph(free, turn_cost, along_x)
        source = np.ravel_multi_index(first, free.shape) + (0 if step[0] else n)
        dist, pred = dijkstra(graph, indices=source, return_predecessors=True)
        targets = []
        for index, (g, step) in enumerate(goals):
            if step is None and not free[g] or step is not None and g not in ends:
                continue
            if step is None:
                k = int(np.ravel_multi_index(g, free.shape))
                targets += [(dist[k + m * n], index, k + m * n, None) for m in (0, 1)]
                continue
            before = (g[0] - step[0], g[1] - step[1])
            if not (0 <= before[0] < self.nx and 0 <= before[1] < self.ny) or not free[before]:
                continue
            k = int(np.ravel_multi_index(before, free.shape)) + (n if step[1] else 0)
            targets.append((dist[k] + 1, index, k, g))
        targets = [t for t in targets if np.isfinite(t[0])]
        if not targets:
            raise NoRoute(f"net {net}: no free path from cell {start} to any of {len(goals)} goals")
        _, index, node, last = min(targets)
        path = [] if last is None else [last]
        while node >= 0:
            cell = np.unravel_index(node % n, free.shape)
            if not path or path[-1] != (int(cell[0]), int(cell[1])):
                path.append((int(cell[0]), int(cell[1])))
            node = pred[node]
        return [start, *path[::-1]], index


def _graph(free: np.ndarray, turn_cost: float, along_x: np.ndarray):
    """Two layers of the grid: layer 0 moves along x (costing ``along_x`` per row of
    cells), layer 1 along y; a corner joins them."""
    nx, ny = free.shape
    n = nx * ny
    index = np.arange(n).reshape(nx, ny)
    rows, cols, weights = [], [], []
    h = free[:-1, :] & free[1:, :]
    a, b = index[:-1, :][h], index[1:, :][h]
    cost = np.broadcast_to(along_x, h.shape)[h]
    rows += [a, b]
    cols += [b, a]
    weights += [cost, cost]
    v = free[:, :-1] & free[:, 1:]
    a, b = index[:, :-1][v] + n, index[:, 1:][v] + n
    rows += [a, b]
    cols += [b, a]
    weights += [np.ones(a.size), np.ones(a.size)]
    cells = index[free]
    rows += [cells, cells + n]
    cols += [cells + n, cells]
    weights += [np.full(cells.size, turn_cost)] * 2
    return coo_matrix(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))),
        shape=(2 * n, 2 * n),
    ).tocsr()


def simplify(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The corners of a Manhattan polyline (collinear and repeated points dropped)."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == p[0]) or (y0 == y1 == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


def offset_polyline(
    points: Sequence[tuple[float, float]], offset: float
) -> list[tuple[float, float]]:
    """The Manhattan polyline ``offset`` um to the left of ``points`` (exact at corners).

    Raises:
        ValueError: a segment shorter than the offset's reach would fold back on itself.
    """
    pts = simplify(points)
    if len(pts) < 2:
        raise ValueError("offset_polyline: a polyline needs two distinct points")
    normals = []
    for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:], strict=True):
        dx, dy = np.sign(x1 - x0), np.sign(y1 - y0)
        normals.append((-dy * offset, dx * offset))
    out = [(pts[0][0] + normals[0][0], pts[0][1] + normals[0][1])]
    for k in range(1, len(pts) - 1):
        (ax, ay), (bx, by) = normals[k - 1], normals[k]
        out.append((pts[k][0] + ax + bx, pts[k][1] + ay + by))
    out.append((pts[-1][0] + normals[-1][0], pts[-1][1] + normals[-1][1]))
    for (x0, y0), (x1, y1), (px, py), (qx, qy) in zip(
        pts[:-1], pts[1:], out[:-1], out[1:], strict=True
    ):
        if (x1 - x0) * (qx - px) < 0 or (y1 - y0) * (qy - py) < 0:
            raise ValueError(
                f"offset_polyline: the segment ({x0:g}, {y0:g})-({x1:g}, {y1:g}) is too short "
                f"for a conductor {offset:g} um off the centreline"
            )
    return [(round(x, 3), round(y, 3)) for x, y in out]
