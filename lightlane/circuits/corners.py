"""The engine at temperature corners: thermo-optic drift, heaters re-tuned, every lane re-checked.

Silicon's thermo-optic effect moves every waveguide's effective index by ``DN_EFF_DT`` per kelvin
(:mod:`lightlane.physics.thermal`: 1.92e-4 /K for the strip's TE0 mode, 58 pm/K of resonance
drift at 1310 nm); the models take it as their ``dn_eff`` (every ring, lattice filter, MZI and
waveguide of the engine shifts together), relative to the models' reference temperature
:data:`T_REF_C`. At each case temperature the chip runs :data:`CHIP_OFFSET_K` hotter (its own
dissipation through the package), so ``dn_eff = DN_EFF_DT (T_case + offset - T_REF)``.

Per corner the engine's lane paths are simulated again over the lane windows; the modulator's
heater holds its operating point (a balanced push-pull MZM's bias does not move with a uniform
temperature; a ring's heater re-tunes its resonance to the laser: ``P = P_nom - dlambda /
(pm/mW)``, wrapped by one FSR when the drift asks for cooling), the held filters stay put
(below), and every lane's budget is recomputed with the
nominal time-domain figures. A ring whose heater would need more than its driver gives
(:func:`lightlane.models.heaters.heater_max_mw` of its resistance: the one maximum, also the
package's lock range) fails with the line "heater power" at that corner; the heater power per
corner is totalled.

The FR multiplexers and demultiplexers are held filters
(:mod:`lightlane.components.filter_heaters`): designed for their hold temperature (the hottest
corner's chip, 95 C), their delay arms' heaters warm them there at every cooler corner, so their
passbands stay put; the engine's simulations run their hold loops locked
(``filter_hold=True``, :func:`lightlane.circuits.simulation.simulate_engine`). Each filter's
heater power at each corner (:func:`lightlane.models.filters.filter_heater_mw`, from the
thermal resistance of :func:`lightlane.physics.thermal.line_resistance`) is listed and totalled
with the modulators' heaters, each lane carries its share, and a corner whose chip runs above a
filter's hold temperature fails every lane with the line "filter hold" (the filter then drifts
untuned). Each held filter's hold power is checked like a ring heater's, against the most the
3.3 V heater rail gives its network, ``V^2 / R`` (:func:`filter_drive_lines`: the line "filter
heater power", its clause naming the filter and the voltage).

The photodiode follows the chip too: its responsivity with the Ge direct gap
(:func:`lightlane.models.detectors.responsivity` at the chip temperature) and its dark current's
shot noise ``2 q I_d B`` over the receiver's noise bandwidth, added to the TIA's
(:func:`receiver_at`); each lane's sensitivity at the photodiode moves by both. The modulator
junction's temperature dependence is not modelled.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lightlane.circuits.budget import SpecLine
from lightlane.physics.thermal import T_REF_C

__all__ = [
    "CASE_CORNERS_C",
    "CHIP_OFFSET_K",
    "T_REF_C",
    "check_corners",
    "corner_analysis",
    "engine_filters",
    "filter_drive_lines",
    "filter_heaters",
    "receiver_at",
    "ring_heater_mw",
]

CASE_CORNERS_C = (15.0, 50.0, 85.0)
"""Case temperatures in C: a datacentre module's operating range is 0-70 C case (QSFP-DD/OSFP
class 'standard'); 15/50/85 C brackets it with the hot end of co-packaged engines."""
CHIP_OFFSET_K = 10.0
"""Chip temperature above the case in K (the engine's own dissipation through the package)."""
POINTS_PER_WINDOW = 13


def check_corners(cases_c: tuple[float, ...], chip_offset_k: float) -> None:
    """Refuse corners outside the models' range: case -40..125 C, offset 0..60 K, at most 9."""
    if len(cases_c) > 9:
        raise ValueError(f"corners={list(cases_c)} has {len(cases_c)} entries; give at most 9")
    for case in cases_c:
        if not -40.0 <= case <= 125.0:
            raise ValueError(f"corner {case:g} C is outside -40..125 C (case temperature)")
    if not 0.0 <= chip_offset_k <= 60.0:
        raise ValueError(f"chip_offset={chip_offset_k:g} K is outside 0..60 K (chip above case)")


def _ring_pm_per_k(component: Any, wl_um: float) -> tuple[float, float, float]:
    """(resonance drift pm/K, heater pm/mW, FSR nm) of the ring at ``wl_um``."""
    from lightlane.models import geometry_of
    from lightlane.models.ring_modulators import ring_figures_of_merit

    fom = ring_figures_of_merit(geometry_of(component), wl=wl_um)
    return fom["drift_pm_per_k"], fom["pm_per_mw"], fom["fsr_nm"]


def ring_heater_mw(component: Any, wl_um: float, nominal_mw: float, delta_k: float) -> float:
    """The ring heater power in mW that holds the operating point ``delta_k`` from T_REF."""
    drift, pm_per_mw, fsr_nm = _ring_pm_per_k(component, wl_um)
    power = nominal_mw - drift * delta_k / pm_per_mw
    fsr_mw = fsr_nm * 1e3 / pm_per_mw
    return float(power % fsr_mw)  # heating only: a drift past zero power locks one FSR on


FILTER_CELLS = ("cwdm4_mux", "cwdm4_demux")
"""Function names of the held filter cells an engine may hold."""


def engine_filters(component: Any) -> list[tuple[str, Any]]:
    """(instance path, cell) of every CWDM4 multiplexer and demultiplexer in ``component``."""
    out, stack = [], [(component, "")]
    while stack:
        cell, prefix = stack.pop()
        for inst in cell.insts:
            child = inst.cell
            path = f"{prefix}{inst.name}"
            if getattr(child, "function_name", None) in FILTER_CELLS:
                out.append((path, child))
            elif len(child.insts):
                stack.append((child, f"{path}/"))
    return sorted(out, key=lambda item: item[0])


def _demux_info(cell: Any) -> Any:
    info = cell.info
    return info["demux_geometry"] if "demux_geometry" in info else info


def _stages_of(cell: Any) -> dict:
    return _demux_info(cell)["stage_geometry"]


def filter_heaters(component: Any, chip_c: float) -> list[dict[str, Any]]:
    """Every held filter's heater power (mW), drive (V, mA) and hold temperature at ``chip_c``."""
    from lightlane.models.filters import filter_heater_figures, filter_heater_mw

    out = []
    for path, cell in engine_filters(component):
        hold = cell.info.get("hold_temperature_c")
        stages, network = _stages_of(cell), _demux_info(cell).get("heater_network")
        power = float(filter_heater_mw(stages, hold, chip_c, network))
        ohm = filter_heater_figures(stages, network)["resistance_ohm"]
        out.append(
            {
                "filter": path,
                "cell": cell.function_name,
                "hold_c": hold,
                "held": hold is not None and chip_c <= hold,
                "power_mw": round(power, 3),
                "resistance_ohm": round(ohm, 1),
                "voltage_v": round((power * 1e-3 * ohm) ** 0.5, 3),
                "current_ma": round((power * 1e-3 / ohm) ** 0.5 * 1e3, 3) if ohm else 0.0,
            }
        )
    return out


def receiver_at(devices: dict[str, Any], chip_c: float) -> tuple[dict[str, Any], dict[str, Any]]:
    """``devices`` with each lane's receiver sensitivity moved to a chip at ``chip_c``, and the
    photodiode's figures there (responsivity, dark current, the shift in dB per lane)."""
    import math

    from lightlane.models.detectors import dark_current_na, responsivity

    if "receiver" not in devices or "photodiode" not in devices:
        return devices, {}
    from lightlane.physics.constants import Q_E as q

    dark = float(dark_current_na(temperature_c=chip_c))
    out, resp, shift = {}, {}, {}
    for key, fig in devices["receiver"].items():
        nominal = devices["photodiode"]["responsivity_a_w"][key]
        resp[key] = round(float(responsivity(float(key) / 1e3, temperature_c=chip_c)), 4)
        tia = fig["noise_rms_ua"] * 1e-6
        shot = math.sqrt(2 * q * dark * 1e-9 * fig["noise_bandwidth_ghz"] * 1e9)
        noise_db = 10 * math.log10(math.hypot(tia, shot) / tia)
        shift[key] = round(noise_db + 10 * math.log10(nominal / resp[key]), 4)
        out[key] = {**fig, "sensitivity_at_pd_dbm": fig["sensitivity_at_pd_dbm"] + shift[key]}
    figures = {"responsivity_a_w": resp, "dark_current_na": round(dark, 3)}
    figures["sensitivity_shift_db"] = shift
    return {**devices, "receiver": out}, figures


def filter_drive_lines(filters: list[dict[str, Any]]) -> list[SpecLine]:
    """One "filter heater power" line per held filter: its network's hold power against the
    most the heater rail gives it, ``V^2 / R`` (:func:`lightlane.models.heaters.heater_max_mw`,
    the ring heaters' check); the clause names the filter, its voltage and the rail's."""
    from lightlane.models.heaters import HEATER_SUPPLY_V, heater_max_mw

    return [
        SpecLine(
            "filter heater power",
            f["power_mw"],
            round(heater_max_mw(f["resistance_ohm"]), 3),
            "max",
            "mW",
            f"{f['filter']} heater: {f['voltage_v']:.2f} V across {f['resistance_ohm']:.0f} Ohm, "
            f"the heater rail gives {HEATER_SUPPLY_V:g} V",
        )
        for f in filters
        if f["hold_c"] is not None and f["resistance_ohm"] > 0
    ]


def _hold_lines(budgets: list[Any], filters: list[dict[str, Any]], chip: float) -> float:
    """Each lane's share of the filters' heater power; "filter hold" where one cannot hold,
    "filter heater drive" where a filter's network needs more than the heater rail."""
    total = sum(f["power_mw"] for f in filters)
    hot = [f for f in filters if f["hold_c"] is not None and not f["held"]]
    drive = filter_drive_lines(filters)
    for budget in budgets if filters else ():
        budget.chain["filter_heater_mw"] = round(total / max(len(budgets), 1), 3)
        budget.lines.extend(drive)
        if hot:
            hold = min(f["hold_c"] for f in hot)
            budget.lines.append(
                SpecLine("filter hold", chip, hold, "max", "C", "held filter: chip above hold")
            )
    return total


def _modulator_heaters(budgets: list[Any], modulator: Any, mod: Any, delta: float) -> list[float]:
    """Each lane's modulator heater power at ``delta`` K from T_REF (a ring re-tuned, its
    driver's line added; a balanced MZM's quadrature held)."""
    from lightlane.models.heaters import heater_max_mw

    heaters = []
    for budget in budgets:
        if mod is None:
            continue
        key = f"{budget.wavelength_nm:g}"
        base = modulator["levels"][key]["heater_power_mw"]
        if modulator["cell"] == "ring_modulator":
            power = ring_heater_mw(mod, budget.wavelength_nm / 1e3, base, delta)
            limit = heater_max_mw(modulator["heater_ohm"])
            clause = "ring heater driver, V^2/R"
            budget.lines.append(SpecLine("heater power", power, limit, "max", "mW", clause))
        else:
            power = base  # a balanced MZM's quadrature does not drift with temperature
        budget.chain["heater_power_mw"] = power
        heaters.append(power)
    return heaters


def corner_analysis(
    component: Any,
    opts: Any,
    nominal: Any,
    cases_c: tuple[float, ...] = CASE_CORNERS_C,
    chip_offset_k: float = CHIP_OFFSET_K,
) -> dict[str, Any]:
    """The engine's budget at each case temperature (module docstring)."""
    from lightlane.circuits.analysis import chain_losses, lane_budgets
    from lightlane.circuits.lane_figures import lane_pairs
    from lightlane.circuits.modulation import default_transmission
    from lightlane.circuits.simulation import simulate_engine
    from lightlane.physics.thermal import DN_EFF_DT
    from lightlane.registry import get_pdk

    std = nominal.standard
    lanes = component.info["lanes"]
    grating = opts.coupling == "grating"
    windows = std.windows_nm
    wl = np.unique(np.concatenate([np.linspace(lo, hi, POINTS_PER_WINDOW) for lo, hi in windows]))
    wl = wl / 1e3
    modulator = nominal.devices.get("modulator")
    mod = get_pdk().cells[modulator["cell"]]() if modulator else None
    out = []
    for case in cases_c:
        chip = case + chip_offset_k
        delta = chip - T_REF_C
        dn = DN_EFF_DT * delta
        sp = simulate_engine(component, wl, pairs=lane_pairs(lanes, grating), dn_eff=dn)
        t_mod = None if mod is None else default_transmission(modulator["cell"], mod, wl, dn_eff=dn)
        tx, rx = chain_losses(sp, lanes, std, grating, t_mod)
        devices, photodiode = receiver_at(nominal.devices, chip)
        budgets = lane_budgets(std, lanes, nominal.lanes, tx, rx, devices)
        heaters = _modulator_heaters(budgets, modulator, mod, delta)
        filters = filter_heaters(component, chip)
        filter_total = _hold_lines(budgets, filters, chip)
        failing = [f"lane {b.lane} {line.name}" for b in budgets for line in b.lines if not line.ok]
        out.append(
            {
                "case_c": case,
                "chip_c": chip,
                "dn_eff": dn,
                "pass": not failing,
                "failing": failing,
                "worst_margin": round(min(line.margin for b in budgets for line in b.lines), 3),
                "heater_total_mw": round(float(sum(heaters)) + filter_total, 3),
                "modulator_heater_mw": round(float(sum(heaters)), 3),
                "filter_heater_mw": round(filter_total, 3),
                "filters": filters,
                "photodiode": photodiode,
                "budget": [b.to_dict() for b in budgets],
            }
        )
    worst = min(out, key=lambda c: c["worst_margin"])
    return {
        "cases_c": list(cases_c),
        "chip_offset_k": chip_offset_k,
        "t_ref_c": T_REF_C,
        "worst_case_c": worst["case_c"],
        "pass": all(c["pass"] for c in out),
        "corners": out,
    }
