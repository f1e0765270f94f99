"""Model of the thermal phase shifter: waveguide propagation plus a thermal phase pi P / P_pi.

A filament long against the oxide thickness heats the core by ``dT = R' P / L`` (the solved
cross-section of :mod:`lightlane.physics.thermal`: TiN in oxide, Si core, BOX, substrate), so
``phi = 2 pi dn_eff/dT R' P / wl`` and ``P_pi = wl / (2 dn_eff/dT R')``, independent of the heater
length. With the layer stack of :mod:`lightlane.pdk.layer_stack` (2 um BOX, heater 1.165 um above
the core centre, passivation top 5 um) and a 2 um filament: R' = 178 K um/mW, P_pi = 19.1 mW at
1310 nm; a parallel waveguide 10 um away warms by 10 % of that
(:func:`lightlane.physics.thermal.line_crosstalk`); checked against Jacques et al., Opt.
Express 27(8), 10456 (2019) in ``tests/test_heaters.py``.
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model, two_port
from lightlane.models._plots import figure_axes
from lightlane.models.waveguides import loss_for, propagation, waveguide_index
from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.process import TECH
from lightlane.physics.thermal import HeaterStack, p_pi_mw, thermal_phase

__all__ = [
    "HEATER_STACK",
    "HEATER_SUPPLY_V",
    "heater_max_mw",
    "heater_phase_shifter",
    "heater_resistance_ohm",
    "straight_heater_metal",
]

HEATER_STACK = HeaterStack(
    heater_z=STACK["heater"][1] + STACK["heater"][2] / 2,
    core_z=STACK["core"][1] + STACK["core"][2] / 2,
    box=-STACK["box"][1],
    top_z=STACK["padopen"][1],
)
"""Heights of the TiN heater over a strip core in this process (um above the BOX top)."""


HEATER_SUPPLY_V = 3.3
"""Supply of the EIC's heater drivers in V: the 3.3 V CMOS I/O rail (JEDEC JESD8C.01, "Interface
Standard for Nominal 3 V/3.3 V Supply Digital Integrated Circuits"), an assumption for the heater
DACs. A heater's largest power is ``V^2 / R`` (:func:`heater_max_mw`): the one maximum the
package's lock range and the corners' "heater power" line both read."""


def heater_max_mw(resistance_ohm: float, supply_v: float = HEATER_SUPPLY_V) -> float:
    """Largest power in mW a heater of ``resistance_ohm`` takes from its driver: ``V^2 / R``."""
    resistance_ohm = float(resistance_ohm)
    if not resistance_ohm > 0:
        raise ValueError(f"resistance_ohm={resistance_ohm} must be > 0")
    if not supply_v > 0:
        raise ValueError(f"supply_v={supply_v} V must be > 0")
    return supply_v**2 / resistance_ohm * 1e3


def heater_resistance_ohm(length: float, heater_width: float) -> float:
    """Filament resistance in Ohm, ``R_s L / w`` (the contact legs add < 1 %)."""
    return TECH.heater_sheet_resistance * length / heater_width


def _phase_figure(component):
    """Thermal phase and the bar transmission of a balanced MZI versus heater power."""
    width = component.settings["heater_width"]
    p_pi = float(p_pi_mw(TECH.wavelength, width, HEATER_STACK))
    power = np.linspace(0, 2.2 * p_pi, 221)
    phase = thermal_phase(TECH.wavelength, power, width, HEATER_STACK)
    fig, ax = figure_axes()
    ax.plot(power, phase / np.pi, label="phase / pi")
    ax.plot(power, np.cos(phase / 2) ** 2, label="MZI bar transmission")
    ax.axvline(p_pi, color="grey", ls=":", label=f"P_pi = {p_pi:.1f} mW")
    ax.set(xlabel="heater power (mW)", ylabel="phase / pi, transmission", title="1310 nm")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(figures=(_phase_figure,))
def heater_phase_shifter(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    heater_width: float,
    length_waveguide: float,
    width: float,
    cross_section: str,
    power_mw: float | np.ndarray = 0.0,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Heater phase shifter: ``S21 = t_wg(length_waveguide) exp(-i pi P / P_pi)``.

    The waveguide under the heater propagates like a straight of its cross-section
    (:mod:`lightlane.models.waveguides`); the heat adds ``pi P / P_pi`` of delay, ``P_pi`` from
    :func:`lightlane.physics.thermal.p_pi_mw` (module docstring). The TiN, 0.98 um above the
    core, adds no loss. Reciprocal and reflection-free.

    Args:
        wl: wavelength in um.
        length: heated length in um.
        heater_width: filament width in um.
        length_waveguide: total length of the core in um.
        width: core width in um.
        cross_section: cross-section name.
        power_mw: electrical power in the heater in mW (>= 0; an array sweeps it).
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (fabrication, Monte Carlo).
    """
    power = np.asarray(power_mw, dtype=float)
    if np.any(power < 0):
        raise ValueError(f"power_mw={power_mw!r} mW must be >= 0: a heater only heats")
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    t = propagation(wl, length_waveguide, neff, loss_for(cross_section, loss_db_per_cm))
    return two_port(t * np.exp(-1j * thermal_phase(wl, power, heater_width, HEATER_STACK)))


@model()
def straight_heater_metal(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    heater_width: float,
    length_waveguide: float,
    width: float,
    cross_section: str,
    power_mw: float | np.ndarray = 0.0,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """gdsfactory's metal-heater straight: the same physics as :func:`heater_phase_shifter`.

    Args:
        wl: wavelength in um.
        length: heated length in um.
        heater_width: filament width in um (from the cell's info).
        length_waveguide: total length of the core in um.
        width: core width in um.
        cross_section: cross-section name.
        power_mw: electrical power in the heater in mW (>= 0).
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation.
    """
    return heater_phase_shifter(
        wl,
        length=length,
        heater_width=heater_width,
        length_waveguide=length_waveguide,
        width=width,
        cross_section=cross_section,
        power_mw=power_mw,
        loss_db_per_cm=loss_db_per_cm,
        dn_eff=dn_eff,
    )
