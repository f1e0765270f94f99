"""The interface standards an engine is built for: one table, the only copy of these numbers.

Sources, per PMD (each value below carries its clause and table):
- 400GBASE-DR4: IEEE Std 802.3-2022 clause 124 (802.3bs), Table 124-6 (transmit), Table 124-7
  (receive), Table 124-8 (channel);
- 800GBASE-DR8: clause 124 as amended by IEEE Std 802.3df-2024 (same tables, its own column);
- 400GBASE-FR4: clause 151 (802.3cu), Table 151-7 (transmit), Table 151-8 (receive), Table 151-9
  (channel); 800G-2xFR4 is two of them (100G Lambda MSA 2x400G-FR4);
- 800GBASE-DR4 / 1.6TBASE-DR8 (200 Gb/s per lane): P802.3dj clause 180; 800GBASE-FR4: P802.3dj
  clause 183. These are drafts: every 200G value is marked ``draft`` where it comes from a task
  force contribution rather than approved text, and ``carried`` where the 100G value is used for
  want of a verifiable draft figure.
The 100G values were checked line by line against module datasheets that reproduce the tables
(Edgecore ET7502-DR4 and ET7502-FR4, Trixon 800G OSFP DR8), not against the standard's own PDF.
The dependent limits are functions: :meth:`Standard.tx_oma_min`,
:meth:`Standard.oma_minus_tdecq_min`
and :meth:`Standard.rx_sensitivity`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from lightlane.pdk.process import TECH

__all__ = ["CWDM4_NM", "STANDARDS", "Standard", "get_standard", "table_rows"]

DR_WINDOW_NM = (1304.5, 1317.5)
"""The DR lane's wavelength range in nm (802.3 Table 124-6)."""
CWDM4_WINDOWS_NM = ((1264.5, 1277.5), (1284.5, 1297.5), (1304.5, 1317.5), (1324.5, 1337.5))
"""The FR4 lanes' wavelength ranges in nm (802.3 Table 151-5, the CWDM4 grid)."""
CWDM4_NM: tuple[float, ...] = tuple((lo + hi) / 2 for lo, hi in CWDM4_WINDOWS_NM)
"""The FR4 lane centres in nm: 1271, 1291, 1311, 1331."""


@dataclass(frozen=True)
class Standard:
    """One interface: what the engine must carry and the specs each lane must meet.

    Powers in dBm (OMA means OMA_outer, 802.3 121.8.4), losses and penalties in dB, rates in Gb/s
    and GBd. ``None`` marks a line the PMD's table does not have. The dependent limits are the
    methods :meth:`tx_oma_min`, :meth:`oma_minus_tdecq_min` and :meth:`rx_sensitivity`.
    """

    name: str
    lanes: int
    lane_rate_gbps: float
    baud_gbd: float
    modulation: str
    lane_windows_nm: tuple[tuple[float, float], ...]
    wdm_groups: int
    tx_fibres: int
    rx_fibres: int
    connector: str
    fibre_pitches_um: tuple[float, ...]
    pmd: str
    clause: str
    tx_table: str
    rx_table: str
    draft: bool
    reach_m: float
    target_ser: float
    reference_ffe_taps: int
    # Transmitter (tx_table)
    average_launch_min_dbm: float
    average_launch_max_dbm: float
    total_launch_max_dbm: float | None
    tx_oma_min_dbm: float
    tx_oma_max_dbm: float
    lane_oma_difference_max_db: float | None
    oma_minus_tdecq_min_dbm: float
    oma_minus_tdecq_low_er_dbm: float | None
    oma_minus_tdecq_er_threshold_db: float | None
    tdecq_max_db: float
    tdecq_minus_ceq_max_db: float
    tx_off_max_dbm: float
    er_min_db: float
    transition_time_max_ps: float | None
    rin_max_db_hz: float
    orl_tolerance_db: float
    tx_reflectance_max_db: float
    # Receiver (rx_table)
    damage_threshold_dbm: float
    rx_average_min_dbm: float
    rx_average_max_dbm: float
    rx_oma_max_dbm: float
    rx_lane_oma_difference_max_db: float | None
    rx_reflectance_max_db: float
    rx_sensitivity_oma_dbm: float
    rx_sensitivity_secq_offset_db: float
    stressed_sensitivity_oma_dbm: float
    srs_secq_db: float
    aggressor_oma_dbm: float | None
    channel_loss_db: float

    @property
    def total_rate_gbps(self) -> float:
        return self.lanes * self.lane_rate_gbps

    @property
    def windows_nm(self) -> list[tuple[float, float]]:
        """Each lane's wavelength window (lo, hi) in nm."""
        return list(self.lane_windows_nm)

    @property
    def wavelengths_nm(self) -> tuple[float, ...]:
        """Each lane's centre wavelength in nm."""
        return tuple((lo + hi) / 2 for lo, hi in self.lane_windows_nm)

    def oma_minus_tdecq_min(self, er_db: float) -> float:
        """The OMA_outer - TDECQ limit in dBm at extinction ratio ``er_db`` (ER-dependent where
        the table says so: 800GBASE-DR8 -1.9 dBm below 5 dB, 400GBASE-FR4 -1.6 dBm below 4.5)."""
        threshold = self.oma_minus_tdecq_er_threshold_db
        if threshold is not None and er_db < threshold:
            return float(self.oma_minus_tdecq_low_er_dbm)
        return self.oma_minus_tdecq_min_dbm

    def tx_oma_min(self, tdecq_db: float, er_db: float = math.inf) -> float:
        """Tx OMA_outer (min) in dBm: ``max(OMA_min, (OMA - TDECQ)_min + TDECQ)`` (the tables'
        OMA_outer row and its footnote "even if TDECQ < 1.4 dB the OMA must exceed this")."""
        return max(self.tx_oma_min_dbm, self.oma_minus_tdecq_min(er_db) + tdecq_db)

    def rx_sensitivity(self, secq_db: float) -> float:
        """Receiver sensitivity (OMA_outer, max) in dBm: ``max(S_min, SECQ - offset)`` (DR:
        max(-4.4, SECQ - 5.3), Table 124-7; FR: max(-4.6, SECQ - 6.0), Table 151-8)."""
        return max(self.rx_sensitivity_oma_dbm, secq_db - self.rx_sensitivity_secq_offset_db)

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "wavelengths_nm": self.wavelengths_nm,
            "total_rate_gbps": self.total_rate_gbps,
        }


# 400GBASE-DR4, IEEE 802.3 clause 124 (802.3bs).
_DR4_100G: dict[str, Any] = dict(
    pmd="400GBASE-DR4",
    clause="124",
    tx_table="Table 124-6",
    rx_table="Table 124-7",
    draft=False,
    reach_m=500.0,  # 124.1: 2 m to 500 m of SMF
    baud_gbd=53.125,  # Table 124-6: signaling rate 53.125 GBd +- 100 ppm
    target_ser=4.8e-4,  # 124.8.5 via 121.8.5.3: TDECQ reference SER
    reference_ffe_taps=5,  # 121.8.5.4: 5-tap T-spaced reference FFE
    average_launch_min_dbm=-2.9,  # Table 124-6: average launch power, each lane (min)
    average_launch_max_dbm=4.0,  # Table 124-6: average launch power, each lane (max)
    total_launch_max_dbm=None,  # Table 124-6: none (one lane per fibre)
    tx_oma_min_dbm=-0.8,  # Table 124-6: OMA_outer, each lane (min), for TDECQ < 1.4 dB
    tx_oma_max_dbm=4.2,  # Table 124-6: OMA_outer, each lane (max)
    lane_oma_difference_max_db=None,  # Table 124-6: none
    oma_minus_tdecq_min_dbm=-2.2,  # Table 124-6: launch power in OMA_outer minus TDECQ (min)
    oma_minus_tdecq_low_er_dbm=None,  # 802.3bs: not ER-dependent for 400GBASE-DR4
    oma_minus_tdecq_er_threshold_db=None,
    tdecq_max_db=3.4,  # Table 124-6: TDECQ, each lane (max)
    tdecq_minus_ceq_max_db=3.4,  # Table 124-6: TDECQ - 10 log10(Ceq) (max) (802.3cd addition)
    tx_off_max_dbm=-15.0,  # Table 124-6: average launch power of OFF transmitter (max)
    er_min_db=3.5,  # Table 124-6: extinction ratio (min)
    transition_time_max_ps=None,  # Table 124-6 (802.3bs): none
    rin_max_db_hz=-136.0,  # Table 124-6: RIN21.4OMA (max)
    orl_tolerance_db=21.4,  # Table 124-6: optical return loss tolerance (max)
    tx_reflectance_max_db=-26.0,  # Table 124-6: transmitter reflectance (max)
    damage_threshold_dbm=5.0,  # Table 124-7: damage threshold, each lane
    rx_average_min_dbm=-5.9,  # Table 124-7: average receive power, each lane (min)
    rx_average_max_dbm=4.0,  # Table 124-7: average receive power, each lane (max)
    rx_oma_max_dbm=4.2,  # Table 124-7: receive power (OMA_outer), each lane (max)
    rx_lane_oma_difference_max_db=None,  # Table 124-7: none
    rx_reflectance_max_db=-26.0,  # Table 124-7: receiver reflectance (max)
    rx_sensitivity_oma_dbm=-4.4,  # Table 124-7 / Equation (124-1): max(-4.4, SECQ - 5.3)
    rx_sensitivity_secq_offset_db=5.3,  # Equation (124-1); -1.9 dBm at SECQ 3.4 = the SRS row
    stressed_sensitivity_oma_dbm=-1.9,  # Table 124-7: stressed receiver sensitivity (max)
    srs_secq_db=3.4,  # Table 124-7: SECQ of the stressed receiver conformance test signal
    aggressor_oma_dbm=4.2,  # Table 124-7: OMA_outer of each aggressor lane
    channel_loss_db=3.0,  # Table 124-8: channel insertion loss (max)
)
# 800GBASE-DR8: clause 124 as amended by 802.3df-2024 (Tables 124-6, 124-7, its own column).
_DR8_100G: dict[str, Any] = {
    **_DR4_100G,
    "pmd": "800GBASE-DR8",
    "oma_minus_tdecq_low_er_dbm": -1.9,  # 802.3df Table 124-6: OMA - TDECQ (min) for ER < 5 dB
    "oma_minus_tdecq_er_threshold_db": 5.0,  # 802.3df Table 124-6: -2.2 dBm for ER >= 5 dB
    "transition_time_max_ps": 17.0,  # 802.3df Table 124-6: transmitter transition time (max)
    "rin_max_db_hz": -136.0,  # 802.3df Table 124-6: RIN15.5OMA (max)
    "orl_tolerance_db": 15.5,  # 802.3df Table 124-6: optical return loss tolerance (max)
}
# 400GBASE-FR4, IEEE 802.3 clause 151 (802.3cu).
_FR4_100G: dict[str, Any] = dict(
    pmd="400GBASE-FR4",
    clause="151",
    tx_table="Table 151-7",
    rx_table="Table 151-8",
    draft=False,
    reach_m=2000.0,  # 151.1: 2 m to 2 km of SMF
    baud_gbd=53.125,  # Table 151-7: signaling rate 53.125 GBd +- 100 ppm
    target_ser=4.8e-4,  # 151.8.5 via 121.8.5.3
    reference_ffe_taps=5,  # 121.8.5.4
    average_launch_min_dbm=-3.3,  # Table 151-7: average launch power, each lane (min)
    average_launch_max_dbm=3.5,  # Table 151-7: average launch power, each lane (max)
    total_launch_max_dbm=9.3,  # Table 151-7: total average launch power (max)
    tx_oma_min_dbm=-0.3,  # Table 151-7: OMA_outer, each lane (min) (TDECQ < 1.4 / 1.3 dB)
    tx_oma_max_dbm=3.7,  # Table 151-7: OMA_outer, each lane (max)
    lane_oma_difference_max_db=4.0,  # Table 151-7: difference in OMA_outer between lanes (max)
    oma_minus_tdecq_min_dbm=-1.7,  # Table 151-7: OMA_outer - TDECQ (min) for ER >= 4.5 dB
    oma_minus_tdecq_low_er_dbm=-1.6,  # Table 151-7: OMA_outer - TDECQ (min) for ER < 4.5 dB
    oma_minus_tdecq_er_threshold_db=4.5,
    tdecq_max_db=3.4,  # Table 151-7: TDECQ, each lane (max)
    tdecq_minus_ceq_max_db=3.4,  # Table 151-7: TDECQ - 10 log10(Ceq) (max)
    tx_off_max_dbm=-20.0,  # Table 151-7: average launch power of OFF transmitter (max)
    er_min_db=3.5,  # Table 151-7: extinction ratio (min)
    transition_time_max_ps=17.0,  # Table 151-7: transmitter transition time (max)
    rin_max_db_hz=-136.0,  # Table 151-7: RIN17.1OMA (max)
    orl_tolerance_db=17.1,  # Table 151-7: optical return loss tolerance (max)
    tx_reflectance_max_db=-26.0,  # Table 151-7: transmitter reflectance (max)
    damage_threshold_dbm=4.5,  # Table 151-8: damage threshold, each lane
    rx_average_min_dbm=-7.3,  # Table 151-8: average receive power, each lane (min)
    rx_average_max_dbm=3.5,  # Table 151-8: average receive power, each lane (max)
    rx_oma_max_dbm=3.7,  # Table 151-8: receive power (OMA_outer), each lane (max)
    rx_lane_oma_difference_max_db=4.1,  # Table 151-8: difference in receive OMA between lanes
    rx_reflectance_max_db=-26.0,  # Table 151-8: receiver reflectance (max)
    rx_sensitivity_oma_dbm=-4.6,  # Table 151-8 / Equation (151-1): max(-4.6, SECQ - 6.0)
    rx_sensitivity_secq_offset_db=6.0,  # Equation (151-1)
    stressed_sensitivity_oma_dbm=-2.6,  # Table 151-8: stressed receiver sensitivity (max)
    srs_secq_db=3.4,  # Table 151-8: SECQ of the SRS test signal
    aggressor_oma_dbm=1.5,  # Table 151-8: OMA_outer of each aggressor lane
    channel_loss_db=4.0,  # Table 151-9: channel insertion loss (max)
)
# 800GBASE-DR4 / 1.6TBASE-DR8, P802.3dj clause 180 (draft): 106.25 GBd without an inner FEC.
# The OMA - TDECQ limit -1.2 dBm and the sensitivity -2.8 dBm at SECQ 2.5 dB are the 802.3dj
# task force's (B400G reflector, msg01599: "Tx spec equation @ TECQ = 0: -1.2", "RxS spec (max)
# -2.8"); the floors put the knees at TDECQ 1.4 dB as the 100G tables do (derived).
_DR_200G: dict[str, Any] = {
    **_DR8_100G,
    "pmd": "800GBASE-DR4",
    "clause": "180",
    "tx_table": "Table 180-7 (draft)",
    "rx_table": "Table 180-8 (draft)",
    "draft": True,
    "baud_gbd": 106.25,  # P802.3dj 180: 106.25 GBd (RS(544,514) end to end, no inner FEC)
    "target_ser": 4.8e-4,  # draft: same reference SER as the 100G PMDs (no inner FEC)
    "reference_ffe_taps": 15,  # draft: the 802.3dj reference equaliser for 200G lanes
    "oma_minus_tdecq_min_dbm": -1.2,  # draft (task force case study)
    "oma_minus_tdecq_low_er_dbm": None,  # draft: no ER-dependent row known
    "oma_minus_tdecq_er_threshold_db": None,
    "tx_oma_min_dbm": 0.2,  # derived: -1.2 + 1.4 (knee at TDECQ 1.4 dB)
    "rx_sensitivity_oma_dbm": -3.9,  # derived: knee at SECQ 1.4 dB
    "rx_sensitivity_secq_offset_db": 5.3,  # draft: -2.8 dBm at SECQ 2.5 dB
    "stressed_sensitivity_oma_dbm": -1.9,  # carried (100G value at SECQ 3.4)
    # carried (100G values): launch powers, TDECQ max, RIN, ORL, reflectances, damage.
}
# 800GBASE-FR4, P802.3dj clause 183 (draft): 113.4375 GBd with the inner (concatenated) FEC,
# TDECQ at the inner FEC's reference SER 9.6e-3; power limits carried from 400GBASE-FR4.
_FR4_200G: dict[str, Any] = {
    **_FR4_100G,
    "pmd": "800GBASE-FR4",
    "clause": "183",
    "tx_table": "Table 183-7 (draft)",
    "rx_table": "Table 183-8 (draft)",
    "draft": True,
    "baud_gbd": 113.4375,  # P802.3dj 183: 113.4375 GBd (inner FEC overhead 16/15)
    "target_ser": 9.6e-3,  # draft: reference SER with the inner FEC
    "reference_ffe_taps": 15,  # draft
}
_RATE = {
    100: dict(lane_rate_gbps=100.0, modulation="PAM4"),
    200: dict(lane_rate_gbps=200.0, modulation="PAM4"),
}


def _standard(name: str, windows: tuple, groups: int, pmd: dict, connector: str) -> Standard:
    """A standard from its lane windows: parallel fibres (``groups`` 0: one fibre a lane, DR) or
    ``groups`` CWDM4 groups on a fibre each (FR); the lane rate follows the symbol rate."""
    rate = 200 if pmd["baud_gbd"] > 60 else 100
    fibres = groups or len(windows)
    return Standard(
        name=name,
        lanes=len(windows),
        lane_windows_nm=windows,
        wdm_groups=groups,
        tx_fibres=fibres,
        rx_fibres=fibres,
        connector=connector,
        fibre_pitches_um=TECH.fibre_pitches,
        **_RATE[rate],
        **pmd,
    )


def _dr(name: str, lanes: int, pmd: dict, connector: str) -> Standard:
    return _standard(name, (DR_WINDOW_NM,) * lanes, 0, pmd, connector)


def _fr(name: str, groups: int, pmd: dict, connector: str) -> Standard:
    return _standard(name, CWDM4_WINDOWS_NM * groups, groups, pmd, connector)


STANDARDS: dict[str, Standard] = {
    s.name: s
    for s in (
        _dr("400G-DR4", 4, _DR4_100G, "MPO-12"),
        _fr("400G-FR4", 1, _FR4_100G, "duplex LC"),
        _dr("800G-DR8", 8, _DR8_100G, "MPO-16 or 2 x MPO-12"),
        _fr("800G-2xFR4", 2, {**_FR4_100G, "pmd": "2 x 400GBASE-FR4"}, "2 x duplex LC"),
        _dr("800G-DR4", 4, _DR_200G, "MPO-12"),
        _fr("800G-FR4", 1, _FR4_200G, "duplex LC"),
        _dr("1.6T-DR8", 8, {**_DR_200G, "pmd": "1.6TBASE-DR8"}, "MPO-16 or 2 x MPO-12"),
        _fr("1.6T-2xFR4", 2, {**_FR4_200G, "pmd": "2 x 800GBASE-FR4"}, "2 x duplex LC"),
    )
}


def get_standard(name: str) -> Standard:
    """The standard called ``name`` (case-insensitive); ``ValueError`` lists the valid names."""
    for key, standard in STANDARDS.items():
        if key.lower() == str(name).strip().lower():
            return standard
    raise ValueError(f"unknown standard {name!r}; choose one of: {', '.join(STANDARDS)}")


def table_rows() -> list[dict[str, Any]]:
    """One printable row per standard (``lightlane standards``)."""
    rows = []
    for s in STANDARDS.values():
        waves = sorted(set(s.wavelengths_nm))
        rows.append(
            {
                "standard": s.name,
                "lanes": f"{s.lanes} x {s.lane_rate_gbps:g}G",
                "symbol rate": f"{s.baud_gbd:g} GBd {s.modulation}",
                "wavelengths (nm)": ", ".join(f"{w:g}" for w in waves)
                + (" (x2)" if s.wdm_groups == 2 else ""),
                "fibres Tx+Rx": f"{s.tx_fibres}+{s.rx_fibres} ({s.connector})",
                "Tx OMA (dBm)": f"max({s.tx_oma_min_dbm:g}, {s.oma_minus_tdecq_min_dbm:g}"
                f" + TDECQ) .. {s.tx_oma_max_dbm:g}",
                "TDECQ (dB)": f"<= {s.tdecq_max_db:g}",
                "Rx sens. OMA (dBm)": f"max({s.rx_sensitivity_oma_dbm:g}, SECQ - "
                f"{s.rx_sensitivity_secq_offset_db:g})",
                "channel (dB)": f"{s.channel_loss_db:g}",
                "clause": f"{s.clause}{' (draft)' if s.draft else ''}",
            }
        )
    return rows
