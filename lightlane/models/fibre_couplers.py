"""Compact models of the fibre couplers: 1-D and 2-D grating couplers, edge coupler, fibre array.

Figures from ``shared/DOMAIN.md`` section 2 [pub]: an O-band TE grating coupler loses ~4.5 dB at
its peak with a 1-dB bandwidth of ~17 nm and a 3-dB bandwidth of ~29 nm (Marchetti et al.,
Photonics Research 7, 201, 2019, review); an edge coupler (spot-size converter) loses 1-1.5 dB
per facet to a 3-4 um mode-field fibre (Almeida et al. 2003; Cheben et al. 2015).
"""

from __future__ import annotations

import numpy as np

from lightlane.components import fibre_couplers as cells
from lightlane.models._core import FROM_CELL, SDict, model
from lightlane.models._plots import figure_axes
from lightlane.models.dispersion import n_si, n_sio2, slab_index
from lightlane.models.waveguides import propagation, waveguide_index

__all__ = [
    "edge_coupler",
    "fibre_array",
    "gaussian_sigma",
    "grating_coupler",
    "grating_coupler_2d",
]

_GAUSS_X, _GAUSS_W = np.polynomial.legendre.leggauss(8)
_T = (_GAUSS_X + 1) / 2


def _db(loss_db: float | np.ndarray) -> np.ndarray:
    return 10 ** (-np.asarray(loss_db) / 20)


def gaussian_sigma(bandwidth_3db: float) -> float:
    """Standard deviation in um of a Gaussian power spectrum of full width ``bandwidth_3db``."""
    return bandwidth_3db / (2 * np.sqrt(2 * np.log(2)))


def _two_port_with_reflections(t: np.ndarray, r1: np.ndarray, r2: np.ndarray) -> SDict:
    """A reciprocal two-port; every entry has the full (samples, wavelengths) shape."""
    t, r1, r2 = np.broadcast_arrays(t, r1, r2)
    return {("o1", "o1"): r1, ("o2", "o2"): r2, ("o2", "o1"): t, ("o1", "o2"): t}


@model(cells.grating_coupler)
def grating_coupler(
    wl: np.ndarray = 1.31,
    period: float = FROM_CELL,
    fibre_angle: float = FROM_CELL,
    fill_factor: float = FROM_CELL,
    length: float = FROM_CELL,
    peak_loss_db: float = 4.5,
    bandwidth_3db: float = 0.029,
    reflection_db: float = -20.0,
    fibre_reflection_db: float = -30.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Grating coupler: a Gaussian passband centred where the period phase-matches.

    The centre wavelength solves ``(n_grating(wl) + dn_eff - n_SiO2 sin(theta)) period = wl``
    (:func:`~lightlane.components.fibre_couplers.phase_matched_wavelength`), so a longer period
    or a higher index moves the peak to the red. The power spectrum is Gaussian,
    ``T = 10^(-peak_loss/10) exp(-(wl - wl_c)^2 / (2 sigma^2))``: its 1-dB to 3-dB width ratio is
    ``sqrt(1/3) = 0.577``, the published 17/29 = 0.586, so one ``sigma`` fits both: with the
    3-dB width 29 nm the 1-dB width is 16.7 nm. Back-reflection into the waveguide -20 dB
    (Marchetti 2019: uniform shallow-etched gratings reflect -15 to -20 dB); the fibre side
    -30 dB (assumption). The phase is the round trip through the fan's 220 nm slab.

    Args:
        wl: wavelength in um.
        period: grating period in um.
        fibre_angle: fibre angle in degrees (in the cladding).
        fill_factor: unetched fraction of the period.
        length: distance in um from o1 to the grating centre.
        peak_loss_db: coupling loss at the centre wavelength in dB.
        bandwidth_3db: full width in um at 3 dB below the peak.
        reflection_db: power reflected back into the waveguide (o1), in dB.
        fibre_reflection_db: power reflected back into the fibre (o2), in dB.
        dn_eff: perturbation of the grating's effective index (fabrication, temperature).
    """
    t_peak, r1_mag, r2_mag = _db(peak_loss_db), _db(-reflection_db), _db(-fibre_reflection_db)
    if t_peak + max(r1_mag, r2_mag) > 1:
        raise ValueError(
            f"peak_loss_db={peak_loss_db} with reflections of {reflection_db} and "
            f"{fibre_reflection_db} dB would make the coupler put out more power than comes in"
        )
    centre = cells.phase_matched_wavelength(period, fibre_angle, fill_factor, dn_eff)
    sigma = gaussian_sigma(bandwidth_3db)
    amplitude = t_peak * np.exp(-((wl - centre) ** 2) / (4 * sigma**2))
    n_fan = slab_index(wl, 0.22, n_si(wl), n_sio2(wl), tm=False)
    phase = propagation(wl, length, n_fan, 0.0)
    return _two_port_with_reflections(amplitude * phase, r1_mag * phase**2, r2_mag)


def _polarisation_figure(component):
    """Polarisation-dependent loss and cross-polarisation across the O-band."""
    wl = np.linspace(1.26, 1.36, 201)
    s = grating_coupler_2d(wl, **dict(component.settings))
    power = {key: 10 * np.log10(np.abs(s[key]) ** 2) for key in s}
    fig, ax = figure_axes((6, 3.5))
    ax.plot(wl * 1e3, power[("o3", "o1")], label="X: o3 -> o1")
    ax.plot(wl * 1e3, power[("o4", "o2")], label="Y: o4 -> o2")
    ax.plot(wl * 1e3, power[("o3", "o2")], label="X leaks to o2 (Y: o4 -> o1 alike)")
    ax.set_xlabel("wavelength (nm)")
    ax.set_ylabel("transmission (dB)")
    ax.set_ylim(-45, 0)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    return fig


@model(cells.grating_coupler_2d, figures=(_polarisation_figure,))
def grating_coupler_2d(
    wl: np.ndarray = 1.31,
    period: float = FROM_CELL,
    fibre_angle: float = FROM_CELL,
    fill_factor: float = FROM_CELL,
    length: float = FROM_CELL,
    peak_loss_db: float = 5.5,
    pdl_db: float = 0.3,
    bandwidth_3db: float = 0.028,
    cross_polarisation_db: float = -20.0,
    arm_crosstalk_db: float = -30.0,
    reflection_db: float = -20.0,
    fibre_reflection_db: float = -30.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """2-D grating coupler: each fibre polarisation to its own arm through a Gaussian passband.

    A circuit port carries one scalar mode, so the fibre has two ports at the same point: o3
    (polarisation X) couples to o1, o4 (polarisation Y) to o2 (Taillaert et al., IEEE PTL 15,
    1249, 2003). The centre wavelength solves each arm's phase matching with the in-axis part
    of the diagonal fibre tilt, ``(n_grating + dn_eff - n_SiO2 sin(theta)/sqrt(2)) period = wl``
    (:func:`~lightlane.components.fibre_couplers.diagonal_angle`); the passband is Gaussian as
    in :func:`grating_coupler`. Defaults [pub]: the 1-D coupler's 4.5 dB (DOMAIN.md section 2)
    plus the ~1 dB more that 2-D gratings lose to in-plane scattering into the other
    polarisation and higher-order modes (Georgieva et al., J. Phys. Photonics 3, 035002, 2021;
    Marchetti et al., Photonics Research 7, 201, 2019): 5.5 dB; a 3-dB width of 28 nm, so a
    1-dB width of 16 nm; Y loses ``pdl_db`` = 0.3 dB more than X (measured PDL 0.2-0.5 dB:
    with the fibre in the bisecting plane the arms are mirror images, fabrication breaks it).
    The same scattering leaks each polarisation into the other arm, ``cross_polarisation_db``
    = -20 dB below the X transmission (a polarisation split ratio of ~20 dB, Georgieva et al.,
    IEEE Photonics J. 14, 2022, doi 10.1109/JPHOT.2022.3206619), and light from one arm into
    the other, -30 dB (assumption). Reflections as :func:`grating_coupler`: -20 dB into each
    arm, -30 dB into the fibre. The phase is the passage through the arm's slab, ``length``.

    Args:
        wl: wavelength in um.
        period: hole-row spacing along each arm in um.
        fibre_angle: fibre angle in degrees (in the cladding), tilted along the diagonal.
        fill_factor: unetched area fraction of the lattice.
        length: distance in um from o1 (or o2) to the grating centre.
        peak_loss_db: coupling loss of polarisation X at the centre wavelength, in dB.
        pdl_db: extra loss of polarisation Y (o4 -> o2) at the centre wavelength, in dB.
        bandwidth_3db: full width in um at 3 dB below the peak.
        cross_polarisation_db: power of each polarisation reaching the other arm, relative
            to the X transmission, in dB.
        arm_crosstalk_db: power from one arm scattered into the other, in dB.
        reflection_db: power reflected back into each arm, in dB.
        fibre_reflection_db: power reflected back into the fibre, in dB.
        dn_eff: perturbation of the grating's effective index (fabrication, temperature).
    """
    t_x, t_y = _db(peak_loss_db), _db(peak_loss_db + pdl_db)
    leak = _db(-cross_polarisation_db) * t_x
    r1, r2, arms = _db(-reflection_db), _db(-fibre_reflection_db), _db(-arm_crosstalk_db)
    if max(t_x, t_y) + leak + max(r1 + arms, r2) > 1:
        raise ValueError(
            f"peak_loss_db={peak_loss_db} with pdl_db={pdl_db}, cross_polarisation_db="
            f"{cross_polarisation_db}, arm_crosstalk_db={arm_crosstalk_db} and reflections of "
            f"{reflection_db} and {fibre_reflection_db} dB would make the coupler put out more "
            f"power than comes in"
        )
    in_axis = cells.diagonal_angle(fibre_angle)
    centre = cells.phase_matched_wavelength(period, in_axis, fill_factor, dn_eff)
    passband = np.exp(-((wl - centre) ** 2) / (4 * gaussian_sigma(bandwidth_3db) ** 2))
    phase = propagation(wl, length, slab_index(wl, 0.22, n_si(wl), n_sio2(wl), tm=False), 0.0)
    entries = {
        ("o1", "o1"): r1 * phase**2,
        ("o2", "o2"): r1 * phase**2,
        ("o2", "o1"): arms * phase**2,
        ("o3", "o3"): r2,
        ("o4", "o4"): r2,
        ("o3", "o1"): t_x * passband * phase,
        ("o4", "o2"): t_y * passband * phase,
        ("o3", "o2"): leak * passband * phase,
        ("o4", "o1"): leak * passband * phase,
    }
    full = np.broadcast_arrays(*entries.values())
    sdict: SDict = {}
    for (a, b), value in zip(entries, full, strict=True):
        sdict[(a, b)] = sdict[(b, a)] = value
    return sdict


@model(cells.edge_coupler)
def edge_coupler(
    wl: np.ndarray = 1.31,
    length: float = FROM_CELL,
    width: float = FROM_CELL,
    tip_width: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    loss_db: float = 1.25,
    loss_curvature_db: float = 80.0,
    centre_wavelength: float = 1.31,
    reflection_db: float = -40.0,
    facet_reflection_db: float = -30.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Edge coupler: 1.25 dB per facet, slowly varying: ``loss + c (wl - wl0)^2``.

    ``loss_db = 1.25`` is the middle of DOMAIN.md's 1-1.5 dB per facet [pub]. The curvature
    ``c = 80 dB/um^2`` adds 0.2 dB at +-50 nm: inverse tapers are broadband (Almeida 2003:
    < 1 dB variation over 100s of nm). Reflections: -40 dB from the adiabatic taper into the
    waveguide, -30 dB at an index-matched facet (assumptions; an unmatched oxide-air facet
    reflects ~-15 dB). The phase integrates n_eff along the linear taper.

    Args:
        wl: wavelength in um.
        length: taper length in um.
        width: waveguide width in um at o1.
        tip_width: tip width in um at the facet.
        cross_section: cross-section name.
        loss_db: coupling loss per facet at ``centre_wavelength``, in dB.
        loss_curvature_db: increase of the loss away from the centre, in dB/um^2.
        centre_wavelength: wavelength of the lowest loss in um.
        reflection_db: power reflected into the waveguide (o1), in dB.
        facet_reflection_db: power reflected into the fibre (o2), in dB.
        dn_eff: effective-index perturbation.
    """
    loss = loss_db + loss_curvature_db * (np.asarray(wl) - centre_wavelength) ** 2
    widths = width + (tip_width - width) * _T
    neff = (
        np.sum(_GAUSS_W * waveguide_index(np.asarray(wl)[..., None], widths, cross_section), -1) / 2
    )
    phase = propagation(wl, length, neff + dn_eff, 0.0)
    return _two_port_with_reflections(
        _db(loss) * phase, _db(-reflection_db) * phase**2, _db(-facet_reflection_db)
    )


def _cascade(a: SDict, b: SDict) -> SDict:
    """Two reciprocal two-ports in series (a's o2 to b's o1), multiple reflections included.

    A missing reflection counts as zero.
    """
    a11, a22 = a.get(("o1", "o1"), 0.0), a.get(("o2", "o2"), 0.0)
    b11, b22 = b.get(("o1", "o1"), 0.0), b.get(("o2", "o2"), 0.0)
    loop = 1 / (1 - a22 * b11)
    t_a, t_b = a[("o2", "o1")], b[("o2", "o1")]
    return _two_port_with_reflections(
        t_a * t_b * loop, a11 + t_a**2 * b11 * loop, b22 + t_b**2 * a22 * loop
    )


def _reverse(s: SDict) -> SDict:
    return _two_port_with_reflections(
        s[("o2", "o1")], s.get(("o2", "o2"), 0.0), s.get(("o1", "o1"), 0.0)
    )


@model(cells.fibre_array)
def fibre_array(
    wl: np.ndarray = 1.31,
    n: int = FROM_CELL,
    coupler: str = FROM_CELL,
    wavelength: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    loopback_length: float = FROM_CELL,
    channel_length: float = FROM_CELL,
) -> SDict:
    """Fibre array: each inner channel is a coupler (plus, for edge couplers, its feed and the
    loop's crossing); the loopback is coupler - waveguide - coupler.

    Composed from the coupler, straight, bend and crossing models with their defaults; each
    channel is an independent two-port, cascaded with multiple reflections. The loop's bends
    are in ``loopback_length`` (their 0.005 dB each is below the model's accuracy and left out);
    the crossings' -37 dB crosstalk between the loop and the inner channels is neglected.

    Args:
        wl: wavelength in um.
        n: number of couplers.
        coupler: ``grating`` or ``edge``.
        wavelength: design wavelength of the grating couplers in um.
        cross_section: cross-section of the waveguides.
        loopback_length: waveguide length of the loopback in um.
        channel_length: waveguide length in um from an inner coupler to its port.
    """
    from lightlane.models.transitions import crossing
    from lightlane.models.waveguides import straight

    wl = np.asarray(wl, dtype=float)
    if coupler == "grating":
        fibre = _reverse(grating_coupler(wl, wavelength=wavelength, cross_section=cross_section))
    else:
        fibre = _reverse(edge_coupler(wl, cross_section=cross_section))
    loop = straight(wl, length=loopback_length, cross_section=cross_section)
    if coupler == "edge":
        s = crossing(wl, cross_section=cross_section)
        through = _two_port_with_reflections(s[("o3", "o1")], s[("o1", "o1")], s[("o3", "o3")])
        feed = straight(wl, length=channel_length, cross_section=cross_section)
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
