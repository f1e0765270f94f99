"""Finite-difference mode solver for the PDK's Si waveguides, and the n_eff tables it writes.

Regenerate the tables (each about 4 minutes on one core, 235-246 s measured; the two can run
side by side)::

    PYTHONPATH=. python scripts/mode_table.py --only strip   # lightlane/physics/data/strip_te0.csv
    PYTHONPATH=. python scripts/mode_table.py --only rib     # lightlane/physics/data/rib_te0.csv
    PYTHONPATH=. python scripts/mode_table.py --check        # convergence and reference figures

Method: full-vectorial finite differences on a Yee grid (Zhu & Brown, Opt. Express 10(17) 2002):
with forward (U) and backward (V) difference operators and ``exp(-i beta z)``,
``n_eff^2 [Ex, Ey] = P Q [Ex, Ey]`` where
``P = [[-Ux ez^-1 Vy, 1 + Ux ez^-1 Vx], [-(1 + Uy ez^-1 Vy), Uy ez^-1 Vx]]`` and
``Q = [[Vx Uy, -(ey + Vx Ux)], [ex + Vy Uy, -Vy Ux]]`` (lengths in units of 1/k0). The mesh is
non-uniform: uniform (``dx`` x ``dy``) inside the silicon, with every Si/SiO2 plane (sidewall,
top, bottom, slab top) on a grid line, then growing by 15 % a cell into the oxide out to ten
decay lengths of the mode's tail (estimated by the EIM of ``lightlane.physics.modes``).
``ex``, ``ey``, ``ez`` are sub-cell averages (harmonic along the component, arithmetic across).
TE0's Ex is even in x, so only x <= 0 is meshed, with an electric wall at x = 0 (which also
excludes the TM-like modes); the far edges are walls too. ``n_eff^2`` is the eigenvalue nearest
``n_Si^2`` (``scipy.sparse.linalg.eigs``, shift-invert): the highest-index TE mode. Materials:
``lightlane.physics.materials.n_si`` (Li 1980) and ``n_sio2`` (Malitson 1965).

Convergence (``--check``): n_eff at mesh 20 / 10 / 5 nm (dx = dy):

===========================  ========  ========  ========  ===========  =======  ===========
guide                        20 nm     10 nm     5 nm      ref. n_eff    n_g 5 nm  ref. n_g
===========================  ========  ========  ========  ===========  =======  ===========
400 x 220, 1310 nm           2.55558   2.55708   2.55757   2.565 [calc]  4.340    4.34 [calc]
500 x 220, 1310 nm           2.70804   2.71050   2.71118   2.717 [calc]  4.156    4.17 [calc]
500 x 220, 1550 nm           2.44230   2.44443   2.44497   2.4455 [pub]  4.183    4.191 [pub]
===========================  ========  ========  ========  ===========  =======  ===========

10 nm -> 5 nm changes n_eff by at most 7e-4 and n_g by 2e-3, so the 10 nm tables are converged
to about 1e-3. Agreement with the references (:data:`lightlane.physics.modes.REFERENCE`: [pub] the
SiEPIC EBeam PDK's ``ebeam_wg_integral_1550`` compact model, [calc] another solver's figures):
0.0005 / 0.008 at 1550 nm [pub]; 0.006-0.007 low in n_eff and 0.00 / 0.014 in n_g at 1310 nm
[calc] -- a difference of that size is what a different
Si index (Palik vs Li, ~2e-3 at 1310 nm) or mesh treatment in the unstated [calc] solver gives.
A semi-vectorial (Ex-only) solve of the same grid overestimates n_eff by 0.03-0.045 (400 x 220 at
1310: 2.597), which is why the full-vectorial form is used.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigs

from lightlane.pdk.process import TECH
from lightlane.physics.materials import n_si, n_sio2

CORE = TECH.core_thickness  # um
SLAB = TECH.slab90_thickness  # um
GROWTH = 1.15
DMAX = 0.1  # um, largest cell in the cladding
DATA = Path(__file__).resolve().parents[1] / "lightlane" / "physics" / "data"

# Table grid (um).
WIDTHS = np.round(
    np.concatenate(
        [
            np.arange(0.15, 0.80, 0.025),
            np.arange(0.80, 1.50, 0.05),
            np.arange(1.50, 2.0, 0.1),
            np.arange(2.0, 4.01, 0.5),
        ]
    ),
    4,
)
WAVELENGTHS = np.round(np.arange(1.20, 1.6001, 0.05), 4)


def _graded(start: float, first: float, extent: float, dmax: float) -> np.ndarray:
    """Node positions beyond ``start`` (towards the sign of ``extent``), cells growing by GROWTH."""
    nodes = [start]
    step = first
    while abs(nodes[-1] - start) < abs(extent):
        nodes.append(nodes[-1] + np.sign(extent) * step)
        step = min(step * GROWTH, dmax)
    return np.array(nodes[1:])


def _uniform(a: float, b: float, d: float) -> np.ndarray:
    """Nodes after ``a`` up to and including ``b`` in equal cells of about ``d`` (at least 2)."""
    n = max(2, int(round((b - a) / d)))
    return np.linspace(a, b, n + 1)[1:]


def _average(eps, xa, xb, ya, yb, normal: str, m: int = 4) -> np.ndarray:
    """Sub-cell average of ``eps(x, y)`` over the cells [xa, xb] x [ya, yb] (m x m samples).

    ``normal="x"``: harmonic along x, arithmetic along y (the field is normal to x interfaces);
    ``"y"`` the converse; ``"z"``: arithmetic (tangential everywhere).
    """
    s = (np.arange(m) + 0.5) / m
    x = xa[:, None, None, None] + (xb - xa)[:, None, None, None] * s[None, None, :, None]
    y = ya[None, :, None, None] + (yb - ya)[None, :, None, None] * s[None, None, None, :]
    e = eps(x, y)
    if normal == "x":
        return np.mean(1 / np.mean(1 / e, axis=2), axis=-1)
    if normal == "y":
        return np.mean(1 / np.mean(1 / e, axis=3), axis=-1)
    return e.mean(axis=(2, 3))


def _tails(wl: float, width: float, rib: bool, thickness: float) -> tuple[float, float]:
    """Window beyond the core (x, y) in um: ten decay lengths of an EIM estimate of the mode."""
    from lightlane.physics.modes import _n_eff_raw, slab_index

    k0 = 2 * np.pi / wl
    n_o = float(n_sio2(wl))
    guess = float(_n_eff_raw(np.asarray(wl), width, thickness, SLAB if rib else None))
    tail_y = 10 / (k0 * np.sqrt(max(guess**2 - n_o**2, 1e-3)))
    tail_x = tail_y
    if rib:
        n_side = float(slab_index(wl, SLAB, n_si(wl), n_o, tm=False))
        tail_x = 10 / (k0 * np.sqrt(max(guess**2 - n_side**2, 1e-3)))
    return float(np.clip(tail_x, 1.0, 15.0)), float(np.clip(tail_y, 1.0, 10.0))


def solve(
    wl: float,
    width: float,
    rib: bool = False,
    dx: float = 0.01,
    dy: float = 0.005,
    thickness: float = CORE,
) -> float:
    """n_eff of the quasi-TE0 mode of a ``width`` x ``thickness`` Si guide (rib: on a 90 nm slab).

    ``dx``, ``dy``: mesh step inside the silicon (um); the cladding mesh grows from them.
    """
    k0 = 2 * np.pi / wl
    n_s, n_o = float(n_si(wl)), float(n_sio2(wl))
    half = width / 2
    tail_x, tail_y = _tails(wl, width, rib, thickness)
    # Primal nodes (Ez); the last x node is the electric wall at x = 0 (symmetry plane), the last
    # y node the top wall. The core's sidewall and the Si/SiO2 planes lie on primal nodes.
    xp = np.concatenate(
        [
            _graded(-half, dx, -tail_x, max(DMAX, tail_x / 25))[::-1],
            [-half],
            -_uniform(0.0, half, dx)[::-1][1:],
            [0.0],
        ]
    )
    ycore = (
        np.concatenate([_uniform(0.0, SLAB, dy), _uniform(SLAB, thickness, dy)])
        if rib
        else _uniform(0.0, thickness, dy)
    )
    yp = np.concatenate(
        [
            _graded(0.0, dy, -tail_y, max(DMAX, tail_y / 25))[::-1],
            [0.0],
            ycore,
            _graded(thickness, dy, tail_y, max(DMAX, tail_y / 25)),
        ]
    )
    x, y = xp[:-1], yp[:-1]
    nx, ny = x.size, y.size
    dxp, dyp = np.diff(xp), np.diff(yp)
    xd, yd = (xp[:-1] + xp[1:]) / 2, (yp[:-1] + yp[1:]) / 2  # dual nodes i + 1/2
    xdm = np.concatenate([[x[0] - dxp[0] / 2], xd[:-1]])  # dual nodes i - 1/2
    ydm = np.concatenate([[y[0] - dyp[0] / 2], yd[:-1]])
    dxd, dyd = xd - xdm, yd - ydm

    def eps(X, Y):
        inside = (X > -half) & (Y > 0) & (Y < thickness)
        if rib:
            inside |= (Y > 0) & (Y < SLAB)
        return np.where(inside, n_s**2, n_o**2)

    ex = _average(eps, x, xp[1:], ydm, yd, "x")  # Ex at (x_i+1/2, y_j)
    ey = _average(eps, xdm, xd, y, yp[1:], "y")  # Ey at (x_i, y_j+1/2)
    ez = _average(eps, xdm, xd, ydm, yd, "z")  # Ez at (x_i, y_j)

    diff_x = sp.diags([-np.ones(nx), np.ones(nx - 1)], [0, 1])
    diff_y = sp.diags([-np.ones(ny), np.ones(ny - 1)], [0, 1])
    ix, iy = sp.identity(nx), sp.identity(ny)
    ux = sp.kron(sp.diags(1 / dxp) @ diff_x, iy) / k0  # forward differences (E -> H nodes)
    vx = -sp.kron(sp.diags(1 / dxd) @ diff_x.T, iy) / k0  # backward differences (H -> E nodes)
    uy = sp.kron(ix, sp.diags(1 / dyp) @ diff_y) / k0
    vy = -sp.kron(ix, sp.diags(1 / dyd) @ diff_y.T) / k0
    eye = sp.identity(nx * ny)
    exx, eyy, ezi = sp.diags(ex.ravel()), sp.diags(ey.ravel()), sp.diags(1 / ez.ravel())
    p = sp.bmat([[-ux @ ezi @ vy, eye + ux @ ezi @ vx], [-(eye + uy @ ezi @ vy), uy @ ezi @ vx]])
    q = sp.bmat([[vx @ uy, -(eyy + vx @ ux)], [exx + vy @ uy, -vy @ ux]])
    values = eigs((p @ q).tocsc(), k=1, sigma=n_s**2, which="LM", return_eigenvectors=False)
    return float(np.sqrt(values[0].real))


def group(wl: float, width: float, rib: bool = False, step: float = 0.005, **kw) -> float:
    """n_g = n - wl dn/dwl by a central difference of two solves ``step`` um apart."""
    up, lo = solve(wl + step, width, rib, **kw), solve(wl - step, width, rib, **kw)
    return solve(wl, width, rib, **kw) - wl * (up - lo) / (2 * step)


REFERENCE = ((0.4, 1.31, 2.565, 4.34), (0.5, 1.31, 2.717, 4.17), (0.5, 1.55, 2.4455, 4.191))


def check() -> None:
    """Grid convergence and the comparison with the reference figures."""
    for w, wl, n_ref, g_ref in REFERENCE:
        for d in (0.02, 0.01, 0.005, 0.0025):
            t = time.perf_counter()
            n = solve(wl, w, dx=d, dy=d)
            g = group(wl, w, dx=d, dy=d)
            print(
                f"{w * 1e3:.0f} x 220 @ {wl * 1e3:.0f} nm, d={d * 1e3:g} nm: n_eff {n:.5f} "
                f"(ref {n_ref}, {n - n_ref:+.4f}), n_g {g:.4f} (ref {g_ref}, {g - g_ref:+.3f}) "
                f"[{time.perf_counter() - t:.2f} s]",
                flush=True,
            )


def table(rib: bool, dx: float, dy: float) -> np.ndarray:
    out = np.empty((WIDTHS.size, WAVELENGTHS.size))
    for i, w in enumerate(WIDTHS):
        for j, wl in enumerate(WAVELENGTHS):
            out[i, j] = solve(wl, w, rib, dx=min(dx if w < 1 else 2 * dx, w / 4), dy=dy)
    return out


def write(path: Path, values: np.ndarray, header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as f:
        for line in header.splitlines():
            f.write(f"# {line}\n")
        f.write("width_um," + ",".join(f"{wl:.3f}" for wl in WAVELENGTHS) + "\n")
        for w, row in zip(WIDTHS, values, strict=True):
            f.write(f"{w:.4f}," + ",".join(f"{v:.6f}" for v in row) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="convergence and reference figures only"
    )
    parser.add_argument("--dx", type=float, default=0.01, help="core cell width (um)")
    parser.add_argument("--dy", type=float, default=0.01, help="core cell height (um)")
    parser.add_argument("--only", choices=("strip", "rib"), help="write one table only")
    args = parser.parse_args(argv)
    if args.check:
        check()
        return 0
    kind = {"strip": "strip w x 220 nm", "rib": "rib: w x 220 nm core on a 90 nm slab"}
    geometry = {
        "strip": f"core_thickness_um={CORE:g}",
        "rib": f"core_thickness_um={CORE:g} slab_thickness_um={SLAB:g}",
    }
    for name, rib in (("strip", False), ("rib", True)):
        if args.only and name != args.only:
            continue
        t = time.perf_counter()
        values = table(rib, args.dx, args.dy)
        header = (
            f"n_eff of the quasi-TE0 mode of the {kind[name]}, SiO2 clad all round.\n"
            f"geometry: {geometry[name]}\n"
            f"Rows: core width (um); columns: wavelength (um).\n"
            "Made by scripts/mode_table.py (full-vectorial FD, Yee grid; "
            f"mesh dx={args.dx * 1e3:g} nm"
            f" (2x above 1 um width), dy={args.dy * 1e3:g} nm) in {time.perf_counter() - t:.0f} s"
            f" on one core.\nRegenerate: PYTHONPATH=. python scripts/mode_table.py --only {name}"
        )
        write(DATA / f"{name}_te0.csv", values, header)
        print(f"{name}: {time.perf_counter() - t:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
