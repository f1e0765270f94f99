"""Steady heat conduction in a layered stack: a finite-volume solver on a rectilinear grid.

``div(k grad T) + q = 0`` on cells of a tensor-product grid in (u, z), u lateral, z vertical
(um, z = 0 the top of the BOX), in one of two geometries:

- ``axisymmetric``: u is the radius r, every cell an annulus (face areas ``2 pi r dz``, volumes
  ``pi (r1^2 - r0^2) dz``). A ring heater over a ring waveguide is rotationally symmetric, so this
  is the full 3-D field of the ring. A heater over only an arc of the ring gives, averaged over
  the ring's core, exactly the same mean temperature as a full annulus of the same power
  (linearity and rotational symmetry of the stack), which is all a resonance sees.
- ``planar``: u is x across a straight heater long against the stack (per unit length),
  mirrored at x = 0 (the heater's centre line).

Faces conduct with the series (harmonic) conductance of the two half cells, the classic
finite-volume scheme (Patankar, "Numerical Heat Transfer and Fluid Flow", Hemisphere 1980,
ch. 4), so layers of very different conductivity (a 90 nm Si slab, 100x the oxide's) need no
special treatment beyond a grid edge on each interface. Boundaries: the bottom of the grid is
isothermal (the heat-sunk back of the substrate, or the top of the substrate when it is left
out), the top adiabatic (air over the passivation), the outer lateral edge adiabatic (far from
the heater) and r = 0 / x = 0 symmetric. A ``sink`` block adds a conductance to the isothermal
reference spread over its cells by volume: a lumped heat path the grid does not hold (a metal
lead leaving the plane as a cooling fin). Checked against the closed-form image solution of a
strip heater in oxide over an isothermal sink (``tests/physics/test_conduction.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import spsolve

__all__ = ["Block", "Field", "axis", "solve"]

_GEOMETRIES = ("axisymmetric", "planar")


@dataclass(frozen=True)
class Block:
    """A rectangle ``[u0, u1] x [z0, z1]`` (um) of conductivity ``k`` in W/(m K)."""

    u0: float
    u1: float
    z0: float
    z1: float
    k: float


@dataclass(frozen=True)
class Field:
    """A solved temperature field: cell edges (um) and the temperature rise in K per cell."""

    u_edges: np.ndarray
    z_edges: np.ndarray
    temperature: np.ndarray  # (nu, nz)
    geometry: str

    def volumes(self) -> np.ndarray:
        """Cell volumes (um^3; per um of length in the planar geometry)."""
        return _volumes(self.u_edges, self.z_edges, self.geometry)

    def mean(self, u0: float, u1: float, z0: float, z1: float) -> float:
        """Volume-weighted mean rise over the cells whose centres lie in the rectangle."""
        uc = (self.u_edges[:-1] + self.u_edges[1:]) / 2
        zc = (self.z_edges[:-1] + self.z_edges[1:]) / 2
        inside = ((uc >= u0) & (uc <= u1))[:, None] & ((zc >= z0) & (zc <= z1))[None, :]
        if not inside.any():
            raise ValueError(f"no grid cell lies in u [{u0}, {u1}], z [{z0}, {z1}] um")
        v = self.volumes() * inside
        return float(np.sum(v * self.temperature) / np.sum(v))

    def profile(self, z0: float, z1: float) -> tuple[np.ndarray, np.ndarray]:
        """(u of the cell centres, mean rise over the layer ``z0..z1`` at each u)."""
        uc = (self.u_edges[:-1] + self.u_edges[1:]) / 2
        zc = (self.z_edges[:-1] + self.z_edges[1:]) / 2
        dz = np.diff(self.z_edges) * ((zc >= z0) & (zc <= z1))
        if not dz.any():
            raise ValueError(f"no grid layer lies in z [{z0}, {z1}] um")
        return uc, self.temperature @ dz / dz.sum()


def axis(breaks, fine: float, coarse: float, fine_span: tuple[float, float], growth=0.3):
    """Cell edges through every point of ``breaks`` (sorted, um): steps of ``fine`` inside
    ``fine_span``, growing by ``growth`` um per um of distance outside it, at most ``coarse``.
    """
    points = np.unique(np.asarray(breaks, dtype=float))
    if fine <= 0 or coarse < fine:
        raise ValueError(f"steps fine={fine}, coarse={coarse} um: need 0 < fine <= coarse")
    lo, hi = fine_span

    def step(x):
        return min(fine + growth * max(lo - x, x - hi, 0.0), coarse)

    edges = [points[0]]
    for a, b in zip(points[:-1], points[1:], strict=True):
        marched = [a]
        while marched[-1] < b:
            marched.append(marched[-1] + step(marched[-1]))
        # stretch the marched steps onto [a, b] so that b is an edge
        fractions = (np.asarray(marched) - a) / (marched[-1] - a)
        if len(marched) > 2 and fractions[-2] > 1 - 0.3 * (fractions[-1] - fractions[-2]):
            fractions = np.delete(fractions, -2)  # no sliver cell before b
        edges.extend(a + (b - a) * fractions[1:] / fractions[-1])
    return np.asarray(edges)


def _volumes(u_edges, z_edges, geometry):
    dz = np.diff(z_edges)
    if geometry == "axisymmetric":
        return np.pi * np.diff(u_edges**2)[:, None] * dz[None, :]
    return np.diff(u_edges)[:, None] * dz[None, :]


def _inside(u_edges, z_edges, b: Block) -> np.ndarray:
    """Cells whose centres lie strictly inside the block."""
    uc = (u_edges[:-1] + u_edges[1:]) / 2
    zc = (z_edges[:-1] + z_edges[1:]) / 2
    return ((uc > b.u0) & (uc < b.u1))[:, None] & ((zc > b.z0) & (zc < b.z1))[None, :]


def _conductivity(u_edges, z_edges, background: float, blocks) -> np.ndarray:
    """Conductivity per cell: ``background`` painted over by ``blocks`` in order."""
    k = np.full((u_edges.size - 1, z_edges.size - 1), float(background))
    for b in blocks:
        k[_inside(u_edges, z_edges, b)] = b.k
    return k


def solve(
    u_edges,
    z_edges,
    *,
    background: float,
    blocks=(),
    source: Block,
    power_mw: float = 1.0,
    geometry: str = "axisymmetric",
    sinks=(),
) -> Field:
    """Temperature rise (K) for ``power_mw`` spread uniformly over the ``source`` rectangle.

    Args:
        u_edges, z_edges: cell edges in um (increasing; u from the symmetry axis/plane).
        background: conductivity of every cell outside ``blocks`` in W/(m K).
        blocks: :class:`Block` s painted in order over the background.
        source: the heater (its ``k`` is painted too); the cells whose centres lie in it.
        power_mw: heater power in mW (mW per um of length in the planar geometry; over the
            full width, both mirror halves).
        geometry: ``axisymmetric`` (u = r) or ``planar`` (u = x).
        sinks: ``(Block, conductance in mW/K)`` pairs: a conductance to the reference
            temperature spread over the cells whose centres lie in the block, by volume.
    """
    if geometry not in _GEOMETRIES:
        raise ValueError(f"geometry={geometry!r} is not one of {_GEOMETRIES}")
    u_edges, z_edges = np.asarray(u_edges, float), np.asarray(z_edges, float)
    for name, e in (("u_edges", u_edges), ("z_edges", z_edges)):
        if e.ndim != 1 or e.size < 3 or np.any(np.diff(e) <= 0):
            raise ValueError(f"{name} must be >= 3 increasing edges in um")
    if u_edges[0] < 0:
        raise ValueError(f"u_edges start at {u_edges[0]} um: u is measured from the axis, >= 0")
    k = _conductivity(u_edges, z_edges, background, (*blocks, source))
    if np.any(k <= 0):
        raise ValueError("every conductivity must be > 0 W/(m K)")
    nu, nz = k.shape
    du, dz = np.diff(u_edges), np.diff(z_edges)
    axisym = geometry == "axisymmetric"
    idx = np.arange(nu * nz).reshape(nu, nz)
    # lateral faces (between u cells i and i + 1): area x (series conductance per area)
    area_u = (2 * np.pi * u_edges[1:-1] if axisym else np.ones(nu - 1))[:, None] * dz[None, :]
    g_u = area_u / (du[:-1, None] / (2 * k[:-1]) + du[1:, None] / (2 * k[1:]))
    # vertical faces (between z cells j and j + 1)
    area_z = np.pi * np.diff(u_edges**2) if axisym else du
    g_z = area_z[:, None] / (dz[None, :-1] / (2 * k[:, :-1]) + dz[None, 1:] / (2 * k[:, 1:]))
    g_sink = area_z / (dz[0] / (2 * k[:, 0]))  # to the isothermal bottom edge
    rows = np.concatenate([idx[:-1].ravel(), idx[:, :-1].ravel()])
    cols = np.concatenate([idx[1:].ravel(), idx[:, 1:].ravel()])
    g = np.concatenate([g_u.ravel(), g_z.ravel()])
    diagonal = np.zeros(nu * nz)
    np.add.at(diagonal, rows, g)
    np.add.at(diagonal, cols, g)
    diagonal[idx[:, 0]] += g_sink
    volumes = _volumes(u_edges, z_edges, geometry)
    for block, conductance in sinks:
        cells = _inside(u_edges, z_edges, block)
        if not (conductance >= 0 and cells.any()):
            raise ValueError(f"sink {block}: conductance={conductance} mW/K must be >= 0 on cells")
        # mW/K -> the matrix's W/(m K) um (1e-3 mW/K)
        diagonal += (1e3 * conductance * volumes * cells / np.sum(volumes * cells)).ravel()
    n = nu * nz
    matrix = coo_matrix(
        (
            np.concatenate([-g, -g, diagonal]),
            (
                np.concatenate([rows, cols, np.arange(n)]),
                np.concatenate([cols, rows, np.arange(n)]),
            ),
        ),
        shape=(n, n),
    ).tocsr()
    heated = _inside(u_edges, z_edges, source)
    if not heated.any():
        raise ValueError(f"the source {source} covers no grid cell")
    share = volumes * heated / np.sum(volumes * heated)
    total = power_mw if axisym else power_mw / 2  # planar: the half x >= 0 holds half the heat
    # conductances are k (W/m K) x um: mW / (W/(m K) um) = 1e3 K
    t = spsolve(matrix, (total * share).ravel()) * 1e3
    return Field(u_edges, z_edges, t.reshape(nu, nz), geometry)
