"""Three ways to package an engine: DSP pluggable, linear pluggable (LPO), co-packaged (CPO).

A :class:`Package` is a small declarative profile: the electrical chain a lane's signal crosses,
where its laser sits, the modulator it defaults to, how its electrical IC meets the photonic
die, the spec set its lanes are judged by, and its power figures
(:class:`lightlane.circuits.power.PowerParameters`).

- ``dsp``: a retimed pluggable (QSFP-DD/OSFP). The module's PAM4 DSP equalises both the host
  channel and the optics; the optical specs are the 802.3 PMD tables (the budget of
  :mod:`lightlane.circuits.budget`).
- ``lpo``: a linear pluggable. No DSP: the host SerDes (its FFE/DFE and RS(544,514) FEC) drives
  a linear driver and the modulator, a linear TIA feeds the host back. The link is judged host
  to host: pre-FEC BER against the FEC threshold over the host channel loss, and the optics'
  linearity (RLM, THD), by :mod:`lightlane.link.lpo`. Its specification builds on OIF
  CEI-112G-LINEAR-PAM4 and the LPO MSA's 100G-DR-LPO (53.125 GBd PAM4, 500 m SMF, hosts with
  DSP SerDes and RS(544,514) FEC: LPO MSA, "100G-DR-LPO specification", 2025, announced on
  lpo-msa.org); the per-parameter limit tables of that specification were not read here.
- ``cpo``: co-packaged beside a switch ASIC. An external laser source (ELSFP-style, OIF
  "External Laser Small Form Factor Pluggable" implementation agreement) feeds the die through
  polarisation-maintaining fibre, the electrical IC is flip-chip bonded, drive swings are low
  (1-2 Vppd from a CMOS EIC), so micro-ring modulators with tuning loops are the default: this
  PDK's lateral-junction ring (29 pm/V) needs the upper end, 2 Vppd. The laser power is derived
  as for the pluggables (the midpoint of the Tx OMA window of the simulated lanes), capped by
  what one ELS fibre delivers at the chip (:meth:`Package.laser_rating_dbm`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lightlane.circuits.power import PowerParameters

__all__ = ["PACKAGES", "Package", "get_package"]


@dataclass(frozen=True)
class Package:
    """One packaging of an engine (module docstring)."""

    name: str
    description: str
    electrical_chain: tuple[str, ...]
    laser_source: str  # "in-module DFB" or "external (PM fibre)"
    modulator: str  # a key of lightlane.circuits.transmitter.MODULATORS
    electrical_interface: str  # "wirebond" or "flipchip"
    spec_set: str
    vppd_v: float  # the driver's differential swing at the modulator
    power: PowerParameters = field(default_factory=PowerParameters)
    els_output_dbm: float | None = None  # an external source's rating per fibre; None: in-module
    els_fibres_per_input: int = 1  # ELS fibres combined at one laser input of the die
    host_channel: str | None = None  # LPO: a .s2p/.s4p host channel replacing the parametric one
    host_pairing: str = "12-34"  # its four-port pairing (lightlane.link.lpo.HostChannel)

    def with_host_channel(self, path, pairing: str = "12-34") -> Package:
        """This LPO profile with its host channels (both ends) read from a Touchstone file;
        the file is read here, so a bad one fails with a ValueError before any engine runs."""
        from dataclasses import replace

        from lightlane.link.lpo import HostChannel
        from lightlane.link.touchstone import channel_transfer

        if self.name != "lpo":
            raise ValueError(
                f"host_channel={str(path)!r} applies to package 'lpo', not {self.name!r}"
            )
        HostChannel(touchstone=path, pairing=pairing)  # the file exists, the pairing is known
        channel_transfer(path, pairing)  # and it parses
        return replace(self, host_channel=str(path), host_pairing=pairing)

    def laser_rating_dbm(self, standard) -> float | None:
        """The most power one laser input of the die can get, in dBm at the chip (None: the
        in-module laser's rating, :func:`lightlane.circuits.budget.default_laser_power_dbm`).

        An external source gives ``els_output_dbm`` per fibre, ``els_fibres_per_input`` fibres
        feed one laser input, and the light loses ``laser_path_db`` (connectors, PM fibre) and
        ``laser_coupling_db`` (fibre to chip) on the way. The engine's laser power is then
        derived from its simulated lanes (:func:`lightlane.circuits.budget.engine_laser_power`),
        capped at this rating."""
        del standard  # one DR laser input feeds every lane; an FR engine has one per laser
        if self.els_output_dbm is None:
            return None
        fibres = 10 * math.log10(self.els_fibres_per_input)
        return (
            self.els_output_dbm + fibres - self.power.laser_path_db - self.power.laser_coupling_db
        )

    def to_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


ELS_MAX_OUTPUT_DBM = 24.0
"""Assumed upper output of one external-laser-source fibre in dBm (250 mW: ELSFP-class CW O-band
sources, OIF "External Laser Small Form Factor Pluggable (ELSFP)" implementation agreement
and CPO JDF "Co-packaged Optics External Laser Source Guidance Document" V1.0; their numeric
power classes were not read here, so this is an assumption). The CPO profile's rating."""

PACKAGES: dict[str, Package] = {
    "dsp": Package(
        name="dsp",
        description="DSP-retimed pluggable: the module equalises host channel and optics",
        electrical_chain=("host SerDes", "host channel", "PAM4 DSP", "driver", "modulator",
                          "fibre", "photodiode", "TIA", "PAM4 DSP", "host channel", "host SerDes"),
        laser_source="in-module DFB",
        modulator="mzm",
        electrical_interface="wirebond",
        spec_set="IEEE 802.3 PMD (Tx OMA, TDECQ, ER; Rx sensitivity)",
        vppd_v=3.0,
        power=PowerParameters(dsp_pj_per_bit=(8.0, 6.0)),
    ),
    "lpo": Package(
        name="lpo",
        description="linear pluggable: the host SerDes equalises end to end, no module DSP",
        electrical_chain=("host SerDes (FFE)", "host channel", "linear driver", "modulator",
                          "fibre", "photodiode", "linear TIA (AGC)", "host channel",
                          "host SerDes (CTLE, FFE/DFE, RS(544,514))"),
        laser_source="in-module DFB",
        modulator="mzm",
        electrical_interface="wirebond",
        spec_set="LPO MSA 100G-DR-LPO host-to-host (pre-FEC BER, RLM, THD) + 802.3 optics",
        vppd_v=2.5,
        power=PowerParameters(driver_overhead=(2.0, 3.0), tia_mw_per_lane=(220.0, 330.0)),
    ),
    "cpo": Package(
        name="cpo",
        description="co-packaged: external laser over PM fibre, flip-chip EIC, ring modulators",
        electrical_chain=("switch SerDes (XSR)", "package substrate", "EIC driver",
                          "ring modulator", "fibre", "photodiode", "EIC TIA", "switch SerDes"),
        laser_source="external (PM fibre)",
        modulator="ring",
        electrical_interface="flipchip",
        spec_set="IEEE 802.3 PMD at the fibre + ELS budget to each lane",
        vppd_v=2.0,
        power=PowerParameters(
            laser_wall_plug=0.15, laser_path_db=2.5, tia_mw_per_lane=(60.0, 90.0),
            housekeeping_w=0.0,
        ),
        els_output_dbm=ELS_MAX_OUTPUT_DBM,
    ),
}  # fmt: skip
"""The three packages by name."""


def get_package(name: str | Package) -> Package:
    """The package named ``name`` (or ``name`` itself); a clear error for an unknown one."""
    if isinstance(name, Package):
        return name
    if name not in PACKAGES:
        raise ValueError(f"package={name!r} is not valid; choose one of: {', '.join(PACKAGES)}")
    return PACKAGES[name]


def _ring_tuning(summary: dict, profile: Package) -> dict:
    """The ring's lock loop: static detuning, the heater's largest power, lock range in K."""
    from lightlane.models.heaters import heater_max_mw

    modulator = summary["devices"]["modulator"]
    ohms = modulator["heater_ohm"]
    p_max = heater_max_mw(ohms)
    static = max(lvl["heater_power_mw"] for lvl in modulator["levels"].values())
    drift = modulator["drift_pm_per_k"]  # the ring's own group index, as the corners use
    lock_k = (p_max - static) * modulator["pm_per_mw"] / drift
    need = profile.power.ring_tuning_range_k
    return {
        "monitor": "tap photodiode on the ring's through port (dither lock)",
        "heater_ohm": round(ohms, 1),
        "heater_max_mw": round(p_max, 2),
        "static_mw": round(static, 3),
        "pm_per_mw": modulator["pm_per_mw"],
        "drift_pm_per_k": round(drift, 2),
        "lock_range_k": round(lock_k, 1),
        "required_k": need,
        "pass": bool(lock_k >= need),
    }


def _els_budget(summary: dict, profile: Package) -> dict:
    """External laser: the source output each laser port needs (the derived laser power, the
    midpoint of the lanes' Tx OMA window, or the window's low end when the midpoint is above the
    rating), and its margin to the ELS rating: it fails only when the rating cannot reach the
    window's low end."""
    rating = profile.els_output_dbm if profile.els_output_dbm is not None else ELS_MAX_OUTPUT_DBM
    losses = profile.power.laser_coupling_db + profile.power.laser_path_db
    fibres = 10 * math.log10(profile.els_fibres_per_input)
    chip = max(b["chain"]["laser_dbm"] for b in summary["budget"])
    derived = summary["devices"]["modulator"].get("laser", {})
    low = derived.get("window_low_dbm", chip)
    needed = (low if derived.get("limited_by_rating") else chip) + losses - fibres
    return {
        "chip_input_dbm": round(chip, 2),
        "window_low_dbm": derived.get("window_low_dbm"),
        "window_high_dbm": derived.get("window_high_dbm"),
        "path_db": profile.power.laser_path_db,
        "coupling_db": profile.power.laser_coupling_db,
        "fibres_per_input": profile.els_fibres_per_input,
        "els_output_needed_dbm": round(needed, 2),
        "els_max_dbm": rating,
        "margin_db": round(rating - needed, 2),
        "pass": bool(needed <= rating + 1e-9),
    }


BUMPS_PER_LANE = {"tx": 5, "rx": 2}
"""Flip-chip signals per lane between the photonic die and its EIC: a ring's two junction
contacts, its heater's two ends and its monitor photodiode; a receiver's photodiode pair."""
POWER_BUMP_SHARE = 0.3
"""Supply and ground bumps on top of the signals, as a share of them (assumption)."""


def _bump_map(summary: dict) -> dict:
    """The flip-chip bump array the EIC needs: bumps, a square array at the PDK bump pitch (the
    :func:`lightlane.components.bond_pads.pad_bump_array` cell), and whether it fits the die."""
    from lightlane.pdk.process import TECH

    lanes = int(summary["interface"]["lanes"])
    sides = ("tx", "rx") if summary["side"] == "trx" else (summary["side"],)
    signals = sum(BUMPS_PER_LANE[s] for s in sides) * lanes
    bumps = math.ceil(signals * (1 + POWER_BUMP_SHARE))
    columns = math.ceil(math.sqrt(bumps))
    rows = math.ceil(bumps / columns)
    pitch = TECH.bump_pitch
    w, h = summary["layout"]["die_um"]
    return {
        "cell": "pad_bump_array",
        "signals": signals,
        "bumps": bumps,
        "columns": columns,
        "rows": rows,
        "pitch_um": pitch,
        "array_mm2": round(columns * rows * pitch**2 * 1e-6, 3),
        "fits_die": bool(columns * pitch <= w and rows * pitch <= h),
    }


def io_density(summary: dict) -> float:
    """Optical I/O density in Tb/s per mm of the fibre edge (both directions of a trx die)."""
    height_mm = summary["layout"]["die_um"][1] / 1000
    directions = 2 if summary["side"] == "trx" else 1
    return round(summary["interface"]["total_rate_gbps"] * directions / 1000 / height_mm, 3)


LPO_HOST_LOSS_DB = 10.0
"""Host channel loss at Nyquist, each end, that an LPO lane must close at (assumption: the LPO
MSA's host-channel allocation was not read; OIF CEI-112G-LINEAR hosts are of this order)."""
LPO_SWEEP_DB = (0.0, 4.0, 8.0, 12.0, 16.0, 20.0, 24.0)


def lpo_lane(summary: dict, profile: Package):
    """The host-to-host LPO lane of an MZM engine, from its summary (lane 1's figures)."""
    from lightlane.link.fibre import Fibre
    from lightlane.link.lpo import LinearStage, LpoLane
    from lightlane.link.modulators import MzmTransfer
    from lightlane.link.receiver import Photodiode
    from lightlane.link.signals import first_order

    modulator = summary["devices"]["modulator"]
    if modulator["cell"] != "mzm_traveling_wave":
        raise ValueError(f"an LPO lane needs an MZM engine, not {modulator['cell']}")
    chain = summary["budget"][0]["chain"]
    levels = next(iter(modulator["levels"].values()))
    pd = summary["devices"]["photodiode"]
    baud = float(summary["interface"]["baud_gbd"])
    scale = baud / 53.125  # the 53 GBd defaults' bandwidths scale with the symbol rate
    return LpoLane(
        baud_gbd=baud,
        driver=LinearStage(60.0 * scale, 0.5, 2.0),
        driver_swing_vppd=profile.vppd_v,
        modulator=MzmTransfer(
            modulator["v_pi_v"], 0.0, -10 * math.log10(levels["t1"] + levels["t0"])
        ),
        eo_response=first_order(modulator["eo_bandwidth_ghz"]),
        laser_power_dbm=chain["laser_dbm"],
        optical_loss_db=chain["tx_loss_db"] + chain["rx_loss_db"],
        fibre=Fibre(length_km=0.5, extra_loss_db=summary["interface"]["channel_loss_db"] - 0.25),
        photodiode=Photodiode(next(iter(pd["responsivity_a_w"].values())), pd["bandwidth_ghz"]),
        tia=LinearStage(45.0 * scale, 1.0, 1.0),
    )


def _lpo_link(summary: dict, profile: Package) -> dict:
    """BER against host loss, the largest loss meeting the FEC threshold, RLM, THD, checks."""
    import numpy as np

    from lightlane.link.lpo import LPO_LIMITS, HostChannel, simulate_lpo, sweep_host_loss

    lane = lpo_lane(summary, profile)
    sweep = sweep_host_loss(lane, LPO_SWEEP_DB)
    at = HostChannel(LPO_HOST_LOSS_DB)
    host = {"touchstone": None, "pairing": None}
    if profile.host_channel is not None:
        at = HostChannel(touchstone=profile.host_channel, pairing=profile.host_pairing)
        host = {**_file_sweep(lane, at), "touchstone": profile.host_channel}
        host["pairing"] = profile.host_pairing
    nominal = simulate_lpo(_replace(lane, tx_channel=at, rx_channel=at), np.random.default_rng(0))
    return {
        **sweep,
        "host_channel": {
            **host,
            "nyquist_loss_db": round(at.nyquist_loss_db(lane.baud_gbd / 2), 3),
        },
        "required_host_loss_db": LPO_HOST_LOSS_DB,
        "at_required": nominal.figures(),
        "limits": LPO_LIMITS,
    }


def _file_sweep(lane, channel) -> dict:
    """A measured host channel's BER against its length: the file's line scaled (its dB loss and
    phase, :class:`lightlane.link.lpo.HostChannel` ``length_scale``) to the sweep's Nyquist losses
    at both ends, and the largest loss meeting the FEC threshold (as for the parametric sweep)."""
    import numpy as np

    from lightlane.link.lpo import LPO_LIMITS, simulate_lpo

    own = channel.nyquist_loss_db(lane.baud_gbd / 2)
    if own <= 0.01:
        raise ValueError(f"host_channel={channel.touchstone!r} has no loss at Nyquist to scale")
    losses = [x for x in LPO_SWEEP_DB if 0.01 * own <= x <= 10 * own]
    ber = []
    for k, loss in enumerate(losses):
        scaled = _replace(channel, length_scale=loss / own)
        run = _replace(lane, tx_channel=scaled, rx_channel=scaled)
        ber.append(simulate_lpo(run, np.random.default_rng(k)).pre_fec_ber)
    limit, largest = LPO_LIMITS["pre_fec_ber_max"], None
    log_ber = np.log10(np.maximum(ber, 1e-30))
    for k in range(len(losses)):
        if ber[k] > limit:
            if k > 0:
                frac = (np.log10(limit) - log_ber[k - 1]) / (log_ber[k] - log_ber[k - 1])
                largest = float(losses[k - 1] + frac * (losses[k] - losses[k - 1]))
            break
    else:
        largest = float(losses[-1]) if losses else None
    return {"sweep_loss_db": losses, "sweep_pre_fec_ber": [float(b) for b in ber],
            "largest_host_loss_db": largest}  # fmt: skip


def _replace(obj, **changes):
    from dataclasses import replace

    return replace(obj, **changes)


def package_figures(summary: dict, profile: Package) -> dict:
    """What a package adds to an engine's summary: its profile, power, and its own checks."""
    from lightlane.circuits.power import power_per_bit, published_pj_per_bit

    baud = float(summary["interface"]["baud_gbd"])
    out = {
        "profile": profile.to_dict(),
        "power": power_per_bit(summary, profile.power),
        "published_pj_per_bit": published_pj_per_bit(profile.name, baud),
        "io_density_tbps_per_mm": io_density(summary),
        "checks": {},
    }
    has_tx = summary["side"] in ("tx", "trx")
    if profile.name == "lpo" and summary["side"] == "trx":
        link = _lpo_link(summary, profile)
        out["lpo"] = link
        at = link["at_required"]
        out["checks"]["host-to-host pre-FEC BER"] = at["pre_fec_ber"] <= link["fec_threshold"]
        out["checks"]["RLM at the optical output"] = at["rlm"] >= link["limits"]["rlm_min"]
    if profile.name == "cpo" and has_tx:
        out["els"] = _els_budget(summary, profile)
        out["checks"]["ELS output"] = out["els"]["pass"]
        out["bumps"] = _bump_map(summary)
        out["checks"]["bump array fits the die"] = out["bumps"]["fits_die"]
        if summary["devices"]["modulator"]["cell"] == "ring_modulator":
            out["tuning"] = _ring_tuning(summary, profile)
            out["checks"]["ring lock range"] = out["tuning"]["pass"]
    return out
