"""Models of the die furniture: seal ring, marks and label (no ports), the fibre loopback and
the flip-chip laser site.

The loopback is the fibre array's model with two couplers (:func:`lightlane.models.fibre_arrays.
fibre_array`): coupler, loop, coupler. The laser site couples a III-V laser's facet across a
``gap`` into an inverse taper: the Gaussian-beam overlap of the laser's near field and the taper
tip's mode, each axis ``2 w1 w2 / (w1^2 + w2^2)`` in power, times the lateral misalignment
``exp(-2 d^2 / (w1^2 + w2^2))`` and the free-space gap's defocus (Joyce & DeLoach, "Alignment of
Gaussian beams", Appl. Opt. 23(23), 4187, 1984), then the taper's propagation.
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.models.fibre_arrays import fibre_array
from lightlane.models.gratings import reflective_two_port
from lightlane.models.waveguides import PROFILE_NODES, mean_index, propagation
from lightlane.pdk.process import TECH
from lightlane.physics.materials import n_sio2

__all__ = [
    "alignment_mark",
    "butt_coupling",
    "die_label",
    "fibre_loopback",
    "laser_site",
    "seal_ring",
]

LASER_MODE_UM = (3.0, 1.5)
"""1/e^2 mode-field diameters (lateral, vertical) of a ridge DFB laser's near field (assumed)."""
TIP_MODE_UM = (3.0, 3.0)
"""Mode-field diameters of an inverse taper's tip mode, which is matched to 3-4 um (assumed)."""


@model()
def seal_ring(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A seal ring has no ports: the empty S-matrix."""
    return {}


@model()
def alignment_mark(wl: np.ndarray = TECH.wavelength) -> SDict:
    """An alignment mark has no ports: the empty S-matrix."""
    return {}


@model()
def die_label(wl: np.ndarray = TECH.wavelength) -> SDict:
    """A label has no ports: the empty S-matrix."""
    return {}


@model()
def fibre_loopback(
    wl: np.ndarray = TECH.wavelength,
    *,
    n: int,
    coupler: str,
    coupler_geometry: dict,
    crossing_geometry: dict | None,
    width: float,
    cross_section: str,
    loopback_length: float,
    channel_length: float,
) -> SDict:
    """Fibre loopback, o1 (first fibre) <-> o2 (second fibre): coupler, loop, coupler.

    Args as :func:`lightlane.models.fibre_arrays.fibre_array` (the cell is a two-coupler array).
    """
    return fibre_array(
        wl,
        n=n,
        coupler=coupler,
        coupler_geometry=coupler_geometry,
        crossing_geometry=crossing_geometry,
        width=width,
        cross_section=cross_section,
        loopback_length=loopback_length,
        channel_length=channel_length,
    )


def butt_coupling(
    wl: np.ndarray | float,
    gap: float,
    mode_a: tuple[float, float] = LASER_MODE_UM,
    mode_b: tuple[float, float] = TIP_MODE_UM,
    offset: float | np.ndarray = 0.0,
    n_gap: np.ndarray | float | None = None,
) -> np.ndarray:
    """Power coupling between two Gaussian modes (1/e^2 diameters, um) facing across ``gap`` um
    of a medium of index ``n_gap`` (oxide by default), with a lateral ``offset`` in um.

    Per axis (Joyce & DeLoach 1984): ``eta = 2 w1 w2 / sqrt((w1^2 + w2^2)^2 + (lambda z /
    (pi n))^2)`` with ``z`` the gap; the offset enters the lateral axis as
    ``exp(-2 d^2 (w1^2 + w2^2) / ((w1^2 + w2^2)^2 + (lambda z / pi n)^2))``.
    """
    wl = np.asarray(wl, dtype=float)
    n = n_sio2(wl) if n_gap is None else np.asarray(n_gap)
    defocus = (wl * gap / (np.pi * n)) ** 2
    eta = np.ones_like(wl)
    for axis, (a, b) in enumerate(zip(mode_a, mode_b, strict=True)):
        w1, w2 = a / 2, b / 2
        s = w1**2 + w2**2
        denominator = s**2 + defocus
        eta = eta * 2 * w1 * w2 / np.sqrt(denominator)
        if axis == 0:
            eta = eta * np.exp(-2 * np.asarray(offset) ** 2 * s / denominator)
    return eta


@model(circuit=True)
def laser_site(
    wl: np.ndarray = TECH.wavelength,
    *,
    gap: float,
    coupler_geometry: dict,
    laser_mode: tuple[float, float] = LASER_MODE_UM,
    offset: float | np.ndarray = 0.0,
    reflection_db: float = -30.0,
) -> SDict:
    """Laser site: o2 (the laser's facet side, at the taper tip) <-> o1 (the waveguide).

    Transmission: the Gaussian overlap of :func:`butt_coupling` across the trench gap in air
    (laser near field 3.0 x 1.5 um, tip mode 3 x 3 um: 0.97 dB at zero gap and offset, 1.2 dB
    across the default 2 um) times the taper's phase; ``reflection_db`` at each end (assumed:
    an angled or coated laser facet).

    Args:
        wl: wavelength in um.
        gap: trench wall to taper tip in um.
        coupler_geometry: settings and info of the inverse taper.
        laser_mode: the laser's 1/e^2 mode-field diameters (lateral, vertical) in um.
        offset: lateral misalignment of the laser in um (a bonder places to +-0.5 um).
        reflection_db: power reflected at o1 and at o2, in dB.
    """
    g = coupler_geometry
    widths = g["width"] + (g["tip_width"] - g["width"]) * PROFILE_NODES
    phase = propagation(wl, g["length"], mean_index(wl, widths, g["cross_section"]), 0.0)
    # the etched trench is air (no underfill assumed)
    coupling = butt_coupling(wl, gap, tuple(laser_mode), TIP_MODE_UM, offset, n_gap=1.0)
    t = np.sqrt(coupling) * phase
    r = np.full(np.shape(t), 10 ** (reflection_db / 20), dtype=complex)
    return reflective_two_port(t, r, r)
