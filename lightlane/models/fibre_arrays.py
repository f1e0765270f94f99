"""Compact model of the fibre array: its channels and its loopback from the parts' models."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, call_with, model
from lightlane.models.edge_couplers import edge_coupler
from lightlane.models.gratings import grating_coupler, reflective_two_port
from lightlane.models.transitions import crossing
from lightlane.models.waveguides import straight
from lightlane.pdk.process import TECH

__all__ = ["fibre_array"]


def _cascade(a: SDict, b: SDict) -> SDict:
    """Two reciprocal two-ports in series (a's o2 to b's o1), multiple reflections included.

    A missing reflection counts as zero.
    """
    a11, a22 = a.get(("o1", "o1"), 0.0), a.get(("o2", "o2"), 0.0)
    b11, b22 = b.get(("o1", "o1"), 0.0), b.get(("o2", "o2"), 0.0)
    loop = 1 / (1 - a22 * b11)
    t_a, t_b = a[("o2", "o1")], b[("o2", "o1")]
    return reflective_two_port(
        t_a * t_b * loop, a11 + t_a**2 * b11 * loop, b22 + t_b**2 * a22 * loop
    )


def _reverse(s: SDict) -> SDict:
    return reflective_two_port(s[("o2", "o1")], s.get(("o2", "o2"), 0.0), s.get(("o1", "o1"), 0.0))


@model()
def fibre_array(
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
    """Fibre array: each inner channel is a coupler (plus, for edge couplers, its feed and the
    loop's crossing); the loopback is coupler - waveguide - coupler.

    Composed from the coupler, straight and crossing models with the parts' geometry; each
    channel is an independent two-port, cascaded with multiple reflections. The loop's bends
    are in ``loopback_length`` (their 0.005 dB each is below the model's accuracy and left out);
    the crossings' -37 dB crosstalk between the loop and the inner channels is neglected.

    Args:
        wl: wavelength in um.
        n: number of couplers.
        coupler: ``grating`` or ``edge``.
        coupler_geometry: settings and info of the fibre couplers.
        crossing_geometry: settings and info of the loop's crossings (edge couplers only).
        width: core width of the waveguides in um.
        cross_section: cross-section of the waveguides.
        loopback_length: waveguide length of the loopback in um.
        channel_length: waveguide length in um from an inner coupler to its port.
    """
    wl = np.asarray(wl, dtype=float)
    model = grating_coupler if coupler == "grating" else edge_coupler
    fibre = _reverse(call_with(model, wl, coupler_geometry))
    guide = {"width": width, "cross_section": cross_section}
    loop = straight(wl, length=loopback_length, **guide)
    if coupler == "edge":
        s = call_with(crossing, wl, crossing_geometry)
        through = reflective_two_port(s[("o3", "o1")], s[("o1", "o1")], s[("o3", "o3")])
        feed = straight(wl, length=channel_length, **guide)
        channel = _cascade(_cascade(fibre, feed), through)
        for _ in range(n - 2):
            loop = _cascade(loop, through)
    else:
        channel = fibre
    loopback = _cascade(_cascade(fibre, loop), _reverse(fibre))
    names = [f"o{i}" for i in range(1, 2 * n - 1)]
    inner, fibres = names[: n - 2], names[n - 2 :]
    sdict: SDict = {}
    for port, fibre_port in zip(inner, fibres[1:-1], strict=True):
        sdict[(fibre_port, fibre_port)] = channel[("o1", "o1")]
        sdict[(port, port)] = channel[("o2", "o2")]
        sdict[(port, fibre_port)] = sdict[(fibre_port, port)] = channel[("o2", "o1")]
    first, last = fibres[0], fibres[-1]
    sdict[(first, first)] = loopback[("o1", "o1")]
    sdict[(last, last)] = loopback[("o2", "o2")]
    sdict[(last, first)] = sdict[(first, last)] = loopback[("o2", "o1")]
    return sdict
