"""A lane's time-domain figures from its own devices: TDECQ, TECQ, OMA, ER, RLM and Rx sensitivity.

The glue between the device models (:mod:`lightlane.models`) and the time-domain link
(:mod:`lightlane.link`), which imports none of them:

- Transmitter: an SSPRQ pattern from a driver (``vpp`` swing, a 2nd-order Butterworth of
  :data:`DRIVER_BANDWIDTH_PER_BAUD` times the symbol rate) into the lane's modulator at its
  operating point, a laser of RIN :data:`LASER_RIN_DB_HZ`, and, for TDECQ, the standard's test
  fibre at the end of its dispersion range (802.3 121.8.5.3; TECQ is the same without it):
  - MZM: the electrode's loaded-line EO response (:func:`lightlane.models.mzm.mzm_eo_response`,
    minimum phase) and the push-pull ``sin`` transfer whose V_pi reproduces the model's own
    outer levels at the operating point (the large-signal V_pi, not the small-signal one);
  - ring: the junction's RC pole (series resistance plus a 50 Ohm source, junction capacitance
    over the doped arc, from :mod:`lightlane.physics.junction`) in front of the coupled-mode ring
    of the model's loaded Q, intrinsic Q, pm/V and extinction, detuned to the laser by its heater
    at the point of largest OMA (:class:`lightlane.link.RingTransfer`, photon lifetime included).
  The link runs at 0 dBm laser power; the figures are power ratios, and the budget scales the
  OMA and average power by the rest of the chain.
- Receiver: the photodiode's own response (RC and transit time,
  :func:`lightlane.models.detectors.frequency_response`) and a TIA (2nd-order Butterworth of
  :data:`TIA_BANDWIDTH_PER_BAUD` times the symbol rate, input noise
  :data:`TIA_NOISE_PA_RT_HZ`). Its sensitivity is ``OMA = 6 Q_t sigma / R`` (the ideal PAM4 eye
  at the reference SER, ``sigma`` the TIA noise over the chain's noise bandwidth) plus the eye
  closure the chain's bandwidth causes, measured by the TDECQ method on the detected waveform of
  an ideal source with the standard's reference equaliser (the receiver equalises like the
  reference; its noise enhancement is the reference's ``C_eq``).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from lightlane.circuits.standards import Standard

__all__ = [
    "DRIVER_BANDWIDTH_PER_BAUD",
    "LASER_RIN_DB_HZ",
    "TIA_BANDWIDTH_PER_BAUD",
    "TIA_NOISE_PA_RT_HZ",
    "lane_eye",
    "rx_sensitivity",
    "tdecq_test_fibre",
    "tx_lane",
]

DRIVER_BANDWIDTH_PER_BAUD = 0.75
"""Driver 3-dB bandwidth over the symbol rate: 40 GHz at 53.125 GBd, 80 GHz at 106.25 GBd, the
class of published SiGe linear MZM drivers (e.g. 56 GBd PAM4 drivers of 40-45 GHz)."""
LASER_RIN_DB_HZ = -150.0
"""CW DFB laser RIN in dB/Hz (datacentre O-band DFBs: -145 to -155 dB/Hz; 802.3 allows -136
dB/Hz RIN_OMA for the whole transmitter, Table 124-6)."""
TIA_BANDWIDTH_PER_BAUD = 0.75
"""TIA 3-dB bandwidth over the symbol rate (linear TIAs for 53/106 GBd PAM4: 40-80 GHz)."""
TIA_NOISE_PA_RT_HZ = 15.0
"""TIA input-referred noise density in pA/sqrt(Hz) (published 56-112 GBd TIAs: 12-20)."""
SAMPLES_PER_SYMBOL = 32
RING_SOURCE_OHM = 50.0
"""Source impedance of the ring's driver (a lumped load on a 50 Ohm driver output)."""


def tdecq_test_fibre(standard: Standard, wavelength_nm: float) -> Any:
    """The TDECQ test fibre of ``standard``: its reach at the larger dispersion end of 802.3's
    cabled fibre at ``wavelength_nm`` (121.8.5.3), without attenuation (TDECQ is a ratio)."""
    from lightlane.link.fibre import LAMBDA0_RANGE_NM, Fibre

    options = [Fibre(standard.reach_m / 1e3, z, attenuation_db_km=0.0) for z in LAMBDA0_RANGE_NM]
    return max(options, key=lambda f: abs(f.dispersion_ps_nm(wavelength_nm)))


def _reference(standard: Standard, **settings: Any) -> Any:
    from lightlane.link import reference_receiver

    return reference_receiver(
        standard.baud_gbd,
        ffe_taps=standard.reference_ffe_taps,
        target_ser=standard.target_ser,
        **settings,
    )


def _mzm(component: Any, levels: dict[str, float], vpp: float, depth: float) -> tuple:
    from lightlane.link import MzmTransfer, from_db
    from lightlane.models import geometry_of
    from lightlane.models.mzm import mzm_eo_response

    t1, t0 = levels["t1"], levels["t0"]
    # The V_pi that gives the model's outer levels: (t1 - t0) / (t1 + t0) = sin(pi Vpp / 2 V_pi).
    v_pi = np.pi * vpp / 2 / float(np.arcsin(min((t1 - t0) / (t1 + t0), 0.999)))
    transfer = MzmTransfer(v_pi / depth, 0.0, float(-10 * np.log10(t1 + t0)))
    eo = from_db(functools.partial(mzm_eo_response, geometry=geometry_of(component)))
    return transfer, eo, 0.0


def _ring(
    component: Any, wl_um: float, vpp: float, depth: float, detuning_fwhm: float | None = None
) -> tuple:
    from lightlane.link import RingTransfer, first_order
    from lightlane.models import geometry_of
    from lightlane.models.mzm import junction
    from lightlane.models.ring_modulators import RING_DOPING, ring_figures_of_merit
    from lightlane.physics.junction import capacitance_per_mm, series_resistance_ohm_mm

    g = geometry_of(component)
    fom = ring_figures_of_merit(g, bias_voltage=vpp / 2, wl=wl_um)
    q_l = fom["q_loaded"]
    # Under-coupled all-pass at resonance: sqrt(T_min) = (gamma_i - gamma_e) / gamma.
    contrast = 10 ** (-fom["extinction_db"] / 20)
    q_i = 2 * q_l / (1 + contrast)
    doped_mm = g["length"] * g["doped_fraction"] * 1e-3
    j = junction(**{"n_doping": RING_DOPING, "p_doping": RING_DOPING, **g})
    c_f = float(capacitance_per_mm(vpp / 2, j)) * doped_mm * 1e-15
    r_ohm = series_resistance_ohm_mm(j) / doped_mm + RING_SOURCE_OHM
    rc_ghz = 1 / (2 * np.pi * r_ohm * c_f) / 1e9
    shift = fom["pm_per_v"] * depth
    wl_nm = wl_um * 1e3
    fwhm_pm = wl_nm / q_l * 1e3
    if detuning_fwhm is None:
        # Detuning (laser - resonance at the mean bias) with the largest static OMA, on the
        # side where the transmission rises with the drive (the PAM4 levels in order): the
        # Lorentzian's two flanks give the same static OMA, so the sign decides, not rounding.
        v = np.array([-vpp / 2, vpp / 2])
        scan = np.linspace(-3, 3, 241) * fwhm_pm  # pm, +-3 linewidths
        rise = [
            np.diff(np.abs(RingTransfer(wl_nm, q_l, q_i, shift, d).steady_state(v)) ** 2)[0]
            for d in scan
        ]
        detuning = float(scan[int(np.argmax(rise))])
    else:
        if not -3.0 <= detuning_fwhm <= 3.0:
            raise ValueError(f"detuning_fwhm={detuning_fwhm} must lie in -3..3 linewidths")
        detuning = float(detuning_fwhm) * fwhm_pm
    transfer = RingTransfer(wl_nm, q_l, q_i, shift, detuning)
    return transfer, first_order(min(rc_ghz, 1000.0)), rc_ghz


def tx_lane(
    standard: Standard,
    cell: str,
    component: Any,
    wl_um: float,
    levels: dict[str, float],
    vpp: float,
    depth: float = 1.0,
    seed: int = 0,
    detuning_fwhm: float | None = None,
) -> tuple[dict[str, Any], Any]:
    """The transmitter's time-domain figures and its :class:`~lightlane.link.LaneResult`.

    ``levels`` are the modulator's outer levels at its operating point
    (:func:`lightlane.circuits.modulation.modulator_levels`); ``depth`` scales the modulation
    efficiency (1: nominal; the Monte Carlo's V_pi and swing spread). A ring's laser detuning
    is the one of largest static OMA, or ``detuning_fwhm`` linewidths (laser minus resonance).
    A ring also reports its swing per linewidth, ``pm/V * Vpp / FWHM``: how far the drive moves
    the resonance against its width, the figure that bounds its OMA and extinction once the
    linewidth is as wide as the symbol rate asks.
    """
    from lightlane.link import Driver, Laser, LinkConfig, simulate_lane

    wl_nm = wl_um * 1e3
    if cell == "mzm_traveling_wave":
        transfer, eo, rc = _mzm(component, levels, vpp, depth)
        bias = 0.0
    else:
        transfer, eo, rc = _ring(component, wl_um, vpp, depth, detuning_fwhm)
        bias = 0.0  # the ring's mean reverse bias is folded into its detuning
    config = LinkConfig(
        baud_gbd=standard.baud_gbd,
        samples_per_symbol=SAMPLES_PER_SYMBOL,
        driver=Driver(
            swing_vppd=vpp, bandwidth_ghz=DRIVER_BANDWIDTH_PER_BAUD * standard.baud_gbd, bias_v=bias
        ),
        modulator=transfer,
        eo_response=eo,
        laser=Laser(0.0, LASER_RIN_DB_HZ, wl_nm),
        fibre=tdecq_test_fibre(standard, wl_nm),
        reference=_reference(standard),
    )
    lane = simulate_lane(config, np.random.default_rng(seed))
    t = lane.tdecq
    figures = {
        "tdecq_db": round(t.tdecq_db, 3),
        "tecq_db": round(lane.tecq.tdecq_db, 3),
        "tdecq_minus_ceq_db": round(t.tdecq_minus_ceq_db, 3),
        "oma_outer_rel_db": round(float(10 * np.log10(t.oma_outer)), 3),
        "average_rel_db": round(float(10 * np.log10(t.p_ave)), 3),
        "extinction_ratio_db": round(float(t.extinction_ratio_db), 3),
        "rlm": round(float(t.rlm), 4),
        "baud_gbd": standard.baud_gbd,
        "ffe_taps": standard.reference_ffe_taps,
        "target_ser": standard.target_ser,
        "driver_bandwidth_ghz": round(DRIVER_BANDWIDTH_PER_BAUD * standard.baud_gbd, 2),
        "fibre_dispersion_ps_nm": round(config.fibre.dispersion_ps_nm(wl_nm), 3),
        "depth": depth,
    }
    if cell != "mzm_traveling_wave":
        figures["ring_rc_bandwidth_ghz"] = round(float(rc), 2)
        figures["ring_photon_bandwidth_ghz"] = round(float(transfer.field_bandwidth_ghz), 2)
        figures["ring_detuning_pm"] = round(float(transfer.detuning_pm), 2)
        fwhm_pm = wl_nm / transfer.q_loaded * 1e3
        swing = abs(transfer.shift_pm_per_v) * vpp / fwhm_pm
        figures["ring_swing_per_linewidth"] = round(float(swing), 3)
    return figures, lane


def rx_sensitivity(standard: Standard, wl_um: float, responsivity_a_w: float) -> dict[str, Any]:
    """The receiver's simulated OMA sensitivity in dBm at the photodiode (module docstring)."""
    from lightlane.link import Waveform, apply_response, butterworth, pam4_levels, pattern, tdecq
    from lightlane.models.detectors import frequency_response

    baud, sps = standard.baud_gbd, SAMPLES_PER_SYMBOL
    symbols = pattern("ssprq")
    ideal = (pam4_levels(symbols) + 1.0) / 2  # 0..1 mW: an ideal (SECQ 0) source
    wf = Waveform(np.repeat(ideal, sps), symbols, sps, baud, "mW")
    tia_bw = TIA_BANDWIDTH_PER_BAUD * baud
    chain = lambda f: frequency_response(f) * butterworth(tia_bw, 2)(f)  # noqa: E731
    detected = apply_response(wf, chain)
    rx = _reference(standard, bandwidth_ghz=min(1000.0, 8 * baud))
    eq = tdecq(detected.replace(np.real(detected.samples), "mW"), rx)
    f = np.linspace(0.0, 8 * baud, 20001)
    enbw_hz = float(np.trapezoid(np.abs(chain(f)) ** 2, f)) * 1e9
    sigma_a = TIA_NOISE_PA_RT_HZ * 1e-12 * np.sqrt(enbw_hz)
    ideal_oma_mw = 6 * rx.q_t * sigma_a / responsivity_a_w * 1e3
    return {
        "sensitivity_at_pd_dbm": round(float(10 * np.log10(ideal_oma_mw) + eq.tdecq_db), 3),
        "isi_penalty_db": round(float(eq.tdecq_db), 3),
        "noise_bandwidth_ghz": round(enbw_hz / 1e9, 2),
        "noise_rms_ua": round(float(sigma_a * 1e6), 3),
        "tia_bandwidth_ghz": round(tia_bw, 2),
        "tia_noise_pa_rthz": TIA_NOISE_PA_RT_HZ,
        "q_t": round(float(rx.q_t), 4),
    }


def lane_eye(
    standard: Standard, lane: int = 1, modulator: str = "mzm", vpp: float | None = None
) -> tuple[dict[str, Any], Any]:
    """One lane of ``standard``'s transmitter: its figures and :class:`~lightlane.link.LaneResult`.

    ``lane`` is 1-based; ``modulator`` "mzm" or "ring" (the engine's choices); ``vpp`` the drive
    swing in V (None: :data:`lightlane.circuits.modulation.VPP_DEFAULT_V`). Raises
    ``ValueError`` naming the bad argument before anything is simulated.
    """
    from lightlane.circuits.modulation import VPP_DEFAULT_V, modulator_levels
    from lightlane.circuits.transmitter import MODULATORS
    from lightlane.registry import get_pdk

    if not isinstance(lane, int) or not 1 <= lane <= standard.lanes:
        raise ValueError(
            f"lane={lane!r} is out of range; {standard.name} has lanes 1..{standard.lanes}"
        )
    if modulator not in MODULATORS:
        raise ValueError(
            f"modulator={modulator!r} is not valid; choose one of: {', '.join(MODULATORS)}"
        )
    vpp = VPP_DEFAULT_V if vpp is None else float(vpp)
    if not 0.1 <= vpp <= 10.0:
        raise ValueError(f"vpp={vpp:g} V is out of range 0.1..10 V (the driver's swing)")
    pdk = get_pdk()
    pdk.activate()
    cell = MODULATORS[modulator][0]
    component = pdk.cells[cell]()
    wl_um = standard.wavelengths_nm[lane - 1] / 1e3
    levels = modulator_levels(cell, component, wl_um, vpp)
    figures, result = tx_lane(standard, cell, component, wl_um, levels, vpp)
    figures = {
        "standard": standard.name,
        "lane": lane,
        "wavelength_nm": standard.wavelengths_nm[lane - 1],
        "modulator": cell,
        "vpp_v": vpp,
        "heater_power_mw": round(float(levels["heater_power_mw"]), 3),
        "tdecq_limit_db": standard.tdecq_max_db,
        "limit_clause": f"{standard.clause} {standard.tx_table}",
        **figures,
    }
    return figures, result
