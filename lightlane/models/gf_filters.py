"""Model of gdsfactory's Bragg reflector (:mod:`lightlane.components.gf_filters`)."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.models.waveguides import waveguide_index
from lightlane.pdk.process import TECH

__all__ = ["dbr"]


def _interface(na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    """Transfer matrix (forward, backward amplitudes) across a step from index ``na`` to ``nb``."""
    r = (na - nb) / (na + nb)
    t = 2 * na / (na + nb)
    one = np.ones_like(r)
    return np.stack([np.stack([one, r], -1), np.stack([r, one], -1)], -2) / t[..., None, None]


def _propagate(n: np.ndarray, length: float, wl: np.ndarray, loss_db_per_cm: float):
    beta = 2 * np.pi * n / wl - 1j * loss_db_per_cm * np.log(10) / 20 * 1e-4
    phase = np.exp(1j * beta * length)
    zero = np.zeros_like(phase)
    return np.stack([np.stack([phase, zero], -1), np.stack([zero, 1 / phase], -1)], -2)


@model()
def dbr(
    wl: np.ndarray = TECH.wavelength,
    *,
    w1: float,
    w2: float,
    l1: float,
    l2: float,
    n: int,
    width: float,
    straight_length: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
) -> SDict:
    """Bragg reflector by transfer matrices (Coldren, Corzine & Mashanovitch, "Diode Lasers and
    Photonic Integrated Circuits", 2nd ed., Wiley 2012, ch. 3): each section is a length of
    guide of the mode-solver index of its width, each width step a Fresnel step of effective
    indices; ``S11`` is the reflection into o1 (the light passing the grating leaves the
    one-port). A uniform grating peaks at ``lambda_B = 2 n_eff period / m`` with
    ``R = tanh^2(kappa N period)`` (coupled-mode theory); lossless it conserves power exactly.

    Args:
        wl: wavelength in um.
        w1, w2: the narrow and wide widths in um; l1, l2: their lengths in um.
        n: number of periods.
        width: the end pieces' width in um; straight_length: their length in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
    """
    wl = np.asarray(wl, dtype=float)
    loss = TECH.loss_db_per_cm.get(cross_section, 0.0) if loss_db_per_cm is None else loss_db_per_cm
    n0, n1, n2 = (waveguide_index(wl, w, cross_section) for w in (width, w1, w2))
    n0, n1, n2 = np.broadcast_arrays(n0, n1, n2)
    first = _propagate(n1, l1, wl, loss) @ _interface(n1, n2) @ _propagate(n2, l2, wl, loss)
    period = first @ _interface(n2, n1)
    total = _propagate(n0, straight_length, wl, loss) @ _interface(n0, n1)
    total = total @ np.linalg.matrix_power(period, n - 1) @ first @ _interface(n2, n0)
    return {("o1", "o1"): (total[..., 1, 0] / total[..., 0, 0]).astype(complex)}
