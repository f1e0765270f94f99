"""Physical test models (numpy by default; pass ``xp=jax.numpy`` for sax) and closed forms.

All models broadcast parameters of shape ``(n, 1)`` against ``wl`` of shape ``(n_wl,)``.
Convention: SDict key ``(a, b)`` = from ``a`` to ``b``; waveguide phase ``exp(+i beta L)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lightlane.sim import SParameters

WL0 = 1.31  # µm, reference wavelength for the dispersion model


def straight(
    wl: Any = WL0,
    length: Any = 10.0,
    neff: Any = 2.4,
    ng: Any = 4.2,
    loss_db_cm: Any = 0.0,
    xp: Any = np,
) -> dict:
    """Waveguide: length µm, first-order dispersion from ng, loss dB/cm."""
    return {("o1", "o2"): (t := wg_t(wl, length, neff, ng, loss_db_cm, xp)), ("o2", "o1"): t}


def wg_t(
    wl: Any, length: Any, neff: Any = 2.4, ng: Any = 4.2, loss_db_cm: Any = 0.0, xp: Any = np
) -> Any:
    """Complex field transmission of a waveguide."""
    n = neff - (ng - neff) * (wl - WL0) / WL0
    amp = 10 ** (-loss_db_cm * length * 1e-4 / 20)
    return amp * xp.exp(2j * np.pi * n * length / wl)


def coupler(wl: Any = WL0, kappa: Any = 0.5, loss: Any = 0.0, xp: Any = np) -> dict:
    """Directional coupler, power coupling kappa; o1/o2 left (bottom/top), o4/o3 right."""
    one = xp.ones_like(xp.asarray(wl) * 1.0)
    g = (1 - loss) ** 0.5
    t = g * (1 - kappa) ** 0.5 * one
    k = -1j * g * kappa**0.5 * one
    pairs = {("o1", "o4"): t, ("o2", "o3"): t, ("o1", "o3"): k, ("o2", "o4"): k}
    return {**pairs, **{(b, a): v for (a, b), v in pairs.items()}}


def coupler_length(wl: Any = WL0, length: Any = 10.0, c: Any = 0.05, xp: Any = np) -> dict:
    """Coupler of interaction length (µm) with coupling coefficient c (1/µm): kappa=sin²(cL)."""
    return coupler(wl, kappa=xp.sin(c * length) ** 2 * xp.ones_like(xp.asarray(wl) * 1.0), xp=xp)


def mmi1x2(wl: Any = WL0, xp: Any = np) -> dict:
    """Ideal 1x2 splitter o1 -> o2, o3."""
    v = 2**-0.5 * xp.ones_like(xp.asarray(wl) * 1.0) + 0j
    return {("o1", "o2"): v, ("o2", "o1"): v, ("o1", "o3"): v, ("o3", "o1"): v}


def reflector(wl: Any = WL0, r: Any = 0.5, xp: Any = np) -> dict:
    """Lossless symmetric partial mirror: S11 = S22 = i r, S21 = S12 = sqrt(1 - r²)."""
    one = xp.ones_like(xp.asarray(wl) * 1.0)
    rr, tt = 1j * r * one, (1 - r**2) ** 0.5 * one + 0j
    return {("o1", "o1"): rr, ("o2", "o2"): rr, ("o1", "o2"): tt, ("o2", "o1"): tt}


MODELS = {
    "straight": straight,
    "coupler": coupler,
    "coupler_length": coupler_length,
    "mmi1x2": mmi1x2,
    "reflector": reflector,
}


def inst(component: str, **settings: Any) -> dict:
    return {"component": component, "settings": settings}


def mzi_netlist(dl: float = 20.0, length: float = 50.0, kappa: float = 0.5) -> dict:
    """Coupler MZI: top arm ``length``, bottom arm ``length + dl``."""
    return {
        "instances": {
            "c1": inst("coupler", kappa=kappa),
            "c2": inst("coupler", kappa=kappa),
            "top": inst("straight", length=length),
            "bot": inst("straight", length=length + dl),
        },
        "connections": {"c1,o3": "top,o1", "top,o2": "c2,o2", "c1,o4": "bot,o1", "bot,o2": "c2,o1"},
        "ports": {"in1": "c1,o1", "in2": "c1,o2", "out1": "c2,o4", "out2": "c2,o3"},
    }


def ring_netlist(kappa: float = 0.1, length: float = 60.0, loss_db_cm: float = 3.0) -> dict:
    """All-pass ring: coupler with o3 fed back to o2 through a waveguide."""
    return {
        "instances": {
            "c": inst("coupler", kappa=kappa),
            "wg": inst("straight", length=length, loss_db_cm=loss_db_cm),
        },
        "nets": [{"p1": "c,o3", "p2": "wg,o1"}, {"p1": "wg,o2", "p2": "c,o2"}],
        "ports": {"in": "c,o1", "out": "c,o4"},
    }


def add_drop_netlist(k1: float = 0.1, k2: float = 0.15, half: float = 40.0) -> dict:
    return {
        "instances": {
            "c1": inst("coupler", kappa=k1),
            "c2": inst("coupler", kappa=k2),
            "a": inst("straight", length=half, loss_db_cm=2.0),
            "b": inst("straight", length=half, loss_db_cm=2.0),
        },
        "connections": {"c1,o3": "a,o1", "a,o2": "c2,o1", "c2,o4": "b,o1", "b,o2": "c1,o2"},
        "ports": {"in": "c1,o1", "through": "c1,o4", "add": "c2,o2", "drop": "c2,o3"},
    }


def lattice_netlist(kappas: list[float], dls: list[float], length: float = 20.0) -> dict:
    """N-stage lattice: couplers C0..CN, stage n arms: top ``length``, bottom ``length+dl``."""
    instances = {f"c{i}": inst("coupler", kappa=k) for i, k in enumerate(kappas)}
    conns = {}
    for n, dl in enumerate(dls):
        instances[f"t{n}"] = inst("straight", length=length)
        instances[f"b{n}"] = inst("straight", length=length + dl)
        conns |= {
            f"c{n},o3": f"t{n},o1",
            f"t{n},o2": f"c{n + 1},o2",
            f"c{n},o4": f"b{n},o1",
            f"b{n},o2": f"c{n + 1},o1",
        }
    last = len(kappas) - 1
    return {
        "instances": instances,
        "connections": conns,
        "ports": {"in1": "c0,o1", "in2": "c0,o2", "out1": f"c{last},o4", "out2": f"c{last},o3"},
    }


def fabry_perot_netlist(r1: float = 0.6, r2: float = 0.7, length: float = 30.0) -> dict:
    return {
        "instances": {
            "m1": inst("reflector", r=r1),
            "m2": inst("reflector", r=r2),
            "cav": inst("straight", length=length, loss_db_cm=5.0),
        },
        "connections": {"m1,o2": "cav,o1", "cav,o2": "m2,o1"},
        "ports": {"in": "m1,o1", "out": "m2,o2"},
    }


def coupler_matrix(kappa: float) -> np.ndarray:
    """2x2 transfer (bottom, top) -> (bottom, top) of :func:`coupler`."""
    t, k = (1 - kappa) ** 0.5, -1j * kappa**0.5
    return np.array([[t, k], [k, t]])


def assert_physical(sp: SParameters, lossless: bool = False) -> None:
    """Reciprocal, passive, and unitary when lossless."""
    s = sp.s
    np.testing.assert_allclose(s, np.swapaxes(s, -1, -2), atol=1e-12)
    assert np.linalg.svd(s, compute_uv=False).max() <= 1 + 1e-12
    if lossless:
        eye = np.eye(s.shape[-1])
        np.testing.assert_allclose(
            np.conj(np.swapaxes(s, -1, -2)) @ s, np.broadcast_to(eye, s.shape), atol=1e-10
        )
