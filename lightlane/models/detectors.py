"""Model of the Ge photodiode: optically a matched absorber; responsivity, dark current, bandwidth.

Absorption: tensile-strained (~0.25 %) Ge on Si has its direct gap at 0.773 eV (1604 nm), so it
absorbs across the O- and C-bands and falls off beyond ~1.58 um (Michel, Liu & Kimerling,
"High-performance Ge-on-Si photodetectors", Nat. Photon. 4, 527 (2010); Liu et al., Phys. Rev. B
70, 155309 (2004)). Direct allowed transitions give ``alpha = A sqrt(E - E_g) / E``; ``A`` is set
by alpha(1310 nm) = 8000 /cm (assumed, :data:`lightlane.physics.materials.ALPHA_GE_1310_PER_CM`),
which puts alpha(1550 nm) at 3700 /cm (3000-4000 /cm is the range usually quoted for tensile Ge).
The indirect edge (tens of /cm) is ignored.

Responsivity ``R = eta (1 - exp(-Gamma alpha L)) q lambda / (h c)``: ``Gamma = 0.6`` is the share
of the guided power in the Ge once the light has risen from the silicon pad into the higher-index
Ge (assumed; a mode solver sets it per design) and ``eta = 0.9`` lumps the coupling loss at the Ge
front and absorption in the contacts (assumed, ~0.5 dB). Default 10 um Ge: 0.94 A/W at 1310 nm
(published Ge-on-Si waveguide photodiodes: 0.8-1.0 A/W, an assumed range; Michel et al. 2010
review them).

Dark current at -1 V: 20 mA/cm^2 over the Ge area (Ge-on-Si PIN, threading-dislocation limited;
assumed, the order Michel et al. 2010 review), scaled with temperature as generation in the
depletion region, ``n_i ~ T^1.5 exp(-E_g / 2kT)`` with the 0.66 eV indirect gap: 6 nA for 10 x 3 um
at 25 C (target: < 50 nA, assumed).

Bandwidth: the -3 dB point of the photocurrent response, an RC pole times the transit-time
response ``(1 - exp(-i w tau)) / (i w tau)`` of uniform generation over the drift region
(``tau = d / v_sat``, d = 0.4 um, v_sat 6e6 cm/s: f_tr = 0.443 / tau = 66 GHz alone), with
``f_RC = 1 / (2 pi (R_L + R_s)(C_j + C_pad))``, ``C_j = eps_Ge A / d`` (eps_r 16.2, 10.7 fF),
50 Ohm load, 10 Ohm series and the cell's 20 fF signal pad (f_RC = 86 GHz): 51 GHz by default,
64 GHz without the pad (flip-chipped TIA); published devices reach 50-100 GHz and beyond (for
example 103 GHz, 0.95 A/W at 1550 nm: Shi et al., "103 GHz germanium-on-silicon photodiode
enabled by an optimized U-shaped electrode", Photonics Research 12(1), 1, 2024).
"""

from __future__ import annotations

import numpy as np

from lightlane.models import waveguides as wg
from lightlane.models._core import SDict, model
from lightlane.models._plots import figure_axes
from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.process import TECH
from lightlane.physics.constants import EPS0, HC_EV_UM, K_B_EV
from lightlane.physics.electrode import parallel_plate_capacitance_ff
from lightlane.physics.materials import EPS_R_GE, ge_absorption_per_cm

__all__ = [
    "PAD_CAPACITANCE_FF",
    "bandwidth_ghz",
    "dark_current_na",
    "frequency_response",
    "photodetector_ge",
    "responsivity",
]

CONFINEMENT = 0.6  # share of the guided power in the Ge (assumed)
EFFICIENCY = 0.9  # coupling into the Ge times internal quantum efficiency (assumed)
DARK_CURRENT_DENSITY_MA_CM2 = 20.0  # at -1 V, 25 C
DRIFT_UM = STACK["ge"][2] - STACK["gen"][2]  # intrinsic Ge under the N++ top contact
V_SAT_CM_S = 6e6  # saturated drift velocity of holes (the slower carrier) in Ge
PAD_CAPACITANCE_FF = parallel_plate_capacitance_ff(
    TECH.pad_side() ** 2, STACK["m2"][1] - STACK["box"][1]
)
"""Capacitance in fF of the cell's signal pad (the smallest opening) to the substrate: ~20 fF."""


def responsivity(
    wl: np.ndarray | float = 1.31,
    ge_length: float | np.ndarray = 10.0,
    confinement: float = CONFINEMENT,
    efficiency: float = EFFICIENCY,
    temperature_c: float = 25.0,
) -> np.ndarray:
    """Responsivity in A/W: ``eta (1 - exp(-Gamma alpha L)) q lambda / (h c)``.

    Args:
        wl: wavelength in um.
        ge_length: absorber length in um.
        confinement: share of the guided power in the Ge.
        efficiency: coupling times internal quantum efficiency.
        temperature_c: junction temperature in C (moves the Ge direct gap,
            :func:`lightlane.physics.materials.ge_absorption_per_cm`).
    """
    wl = np.asarray(wl, dtype=float)
    alpha = ge_absorption_per_cm(wl, temperature_c)
    absorbed = 1 - np.exp(-confinement * alpha * 1e-4 * np.asarray(ge_length))
    return efficiency * absorbed * wl / HC_EV_UM


def dark_current_na(
    ge_length: float | np.ndarray = 10.0,
    ge_width: float | np.ndarray = 3.0,
    temperature_c: float | np.ndarray = 25.0,
) -> np.ndarray:
    """Dark current at -1 V in nA: area x 20 mA/cm^2 at 25 C, ``T^1.5 exp(-Eg / 2kT)`` in T.

    Args:
        ge_length: Ge length in um.
        ge_width: Ge width in um.
        temperature_c: junction temperature in C.
    """
    kelvin, ref = np.asarray(temperature_c) + 273.15, 298.15
    thermal = (kelvin / ref) ** 1.5 * np.exp(-0.66 / (2 * K_B_EV) * (1 / kelvin - 1 / ref))
    area_cm2 = np.asarray(ge_length) * np.asarray(ge_width) * 1e-8
    return DARK_CURRENT_DENSITY_MA_CM2 * 1e-3 * area_cm2 * thermal * 1e9


def _rc_and_transit(ge_length, ge_width, pad_capacitance_ff, load_ohm, series_ohm):
    area_m2 = np.asarray(ge_length) * np.asarray(ge_width) * 1e-12
    c_ff = EPS0 * EPS_R_GE * area_m2 / (DRIFT_UM * 1e-6) * 1e15 + pad_capacitance_ff
    f_rc = 1 / (2 * np.pi * (load_ohm + series_ohm) * c_ff * 1e-15) / 1e9
    tau_ps = DRIFT_UM * 1e-4 / V_SAT_CM_S * 1e12
    return f_rc, tau_ps


def frequency_response(
    f_ghz: np.ndarray | float,
    ge_length: float | np.ndarray = 10.0,
    ge_width: float | np.ndarray = 3.0,
    pad_capacitance_ff: float | np.ndarray = PAD_CAPACITANCE_FF,
    load_ohm: float = 50.0,
    series_ohm: float = 10.0,
) -> np.ndarray:
    """Complex photocurrent response (1 at DC): RC pole times ``(1 - exp(-i w tau)) / (i w tau)``.

    Args:
        f_ghz: modulation frequency in GHz.
        ge_length: Ge length in um.
        ge_width: Ge width in um.
        pad_capacitance_ff: signal pad capacitance in fF (0 for a flip-chipped receiver).
        load_ohm: load resistance in Ohm.
        series_ohm: contact and spreading resistance in Ohm.
    """
    f_rc, tau_ps = _rc_and_transit(ge_length, ge_width, pad_capacitance_ff, load_ohm, series_ohm)
    f = np.asarray(f_ghz, dtype=float)
    wt = 2 * np.pi * f * tau_ps * 1e-3
    safe = np.where(wt > 0, wt, 1.0)
    transit = np.where(wt > 0, (1 - np.exp(-1j * safe)) / (1j * safe), 1.0)
    return transit / (1 + 1j * f / f_rc)


def bandwidth_ghz(
    ge_length: float | np.ndarray = 10.0,
    ge_width: float | np.ndarray = 3.0,
    pad_capacitance_ff: float | np.ndarray = PAD_CAPACITANCE_FF,
    load_ohm: float = 50.0,
    series_ohm: float = 10.0,
) -> np.ndarray:
    """3-dB bandwidth in GHz: where ``|frequency_response|^2`` falls to 1/2 (bisection).

    The response falls monotonically up to the transit null at ``1 / tau``, which brackets it.
    Arguments as :func:`frequency_response`.
    """
    args = (ge_length, ge_width, pad_capacitance_ff, load_ohm, series_ohm)
    f_rc, tau_ps = _rc_and_transit(*args)
    low = np.zeros(np.broadcast(f_rc, tau_ps).shape)
    high = low + 1e3 / tau_ps
    for _ in range(60):  # 60 halvings: far below 1 Hz
        mid = (low + high) / 2
        above = np.abs(frequency_response(mid, *args)) ** 2 > 0.5
        low, high = np.where(above, mid, low), np.where(above, high, mid)
    return (low + high) / 2


def _responsivity_figure(component):
    """Responsivity versus wavelength: the O-band and the fall-off at the strained-Ge gap."""
    wl = np.linspace(1.26, 1.62, 361)
    length = component.settings["ge_length"]
    fig, ax = figure_axes()
    ax.axvspan(1260, 1360, color="grey", alpha=0.15, label="O-band")
    ax.plot(wl * 1e3, responsivity(wl, length), label=f"{length:g} um Ge")
    ax.plot(wl * 1e3, responsivity(wl, 1e6), ls=":", label="full absorption")
    ax.set(xlabel="wavelength (nm)", ylabel="responsivity (A/W)", ylim=(0, 1.4))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def _frequency_figure(component):
    """Photocurrent response versus frequency: RC and transit-time limits and their product."""
    settings, info = component.settings, component.info
    args = {
        "ge_length": settings["ge_length"],
        "ge_width": settings["ge_width"],
        "pad_capacitance_ff": info["pad_capacitance_ff"],
    }
    f = np.linspace(0, 150, 301)
    fig, ax = figure_axes()
    total = 20 * np.log10(np.abs(frequency_response(f, **args)))
    no_pad = 20 * np.log10(np.abs(frequency_response(f, **{**args, "pad_capacitance_ff": 0.0})))
    ax.plot(f, total, label=f"with pad: f3dB {float(bandwidth_ghz(**args)):.0f} GHz")
    ax.plot(f, no_pad, ls="--", label="without pad capacitance")
    ax.axhline(-3, color="grey", ls=":")
    ax.set(xlabel="frequency (GHz)", ylabel="response (dB)", ylim=(-12, 1))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(figures=(_responsivity_figure, _frequency_figure))
def photodetector_ge(
    wl: np.ndarray = TECH.wavelength,
    *,
    taper_length: float,
    silicon_width: float,
    width: float,
    reflection_db: float = -30.0,
) -> SDict:
    """Ge photodiode, optically: the light is absorbed; only a small reflection returns at o1.

    ``reflection_db = -30`` dB (assumed): the light rises from the Si pad into the Ge
    evanescently, so there is no abrupt facet to reflect from. The reflected wave makes a round
    trip of the input taper. Responsivity, dark current and bandwidth are the
    module's functions (sources in the module docstring).

    Args:
        wl: wavelength in um.
        taper_length: input taper length in um.
        silicon_width: width of the silicon pad under the Ge in um.
        width: strip core width at o1 in um.
        reflection_db: power reflected at o1 in dB (negative).
    """
    taper = wg.taper(
        wl, length=taper_length, width1=width, width2=silicon_width, cross_section="strip"
    )[("o2", "o1")]
    return {("o1", "o1"): 10 ** (reflection_db / 20) * taper**2}
