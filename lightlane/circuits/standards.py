"""The interface standards an engine is built for: one table, the only copy of these numbers.

Sources: IEEE Std 802.3 clause 124 (400GBASE-DR4, 802.3bs), clause 151 (400GBASE-FR4, 802.3cu),
802.3df (800GBASE-DR8), 802.3dj clause 180 (200 Gb/s per lane DR4/DR8) and the 100G Lambda MSA
(2 x 400G-FR4). Each lane's wavelength window is the standard's: 1304.5-1317.5 nm for the DR
PMDs (Table 124-6), the four CWDM4 ranges for FR4 (Table 151-5). The values were checked against
module datasheets that reproduce these tables' rows, not against the standard's own text; the
table numbers are as commonly cited and unverified, and the 802.3dj (200 Gb/s per lane) figures
are draft-level.
"""

from __future__ import annotations

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

    Powers are in dBm (optical modulation amplitude, OMA), losses in dB, rates in Gb/s and GBd.
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
    tx_oma_min_dbm: float
    tx_oma_max_dbm: float
    tdecq_max_db: float
    er_min_db: float
    oma_minus_tdecq_min_dbm: float
    rx_sensitivity_oma_dbm: float
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

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "wavelengths_nm": self.wavelengths_nm,
            "total_rate_gbps": self.total_rate_gbps,
        }


# Per-lane specs: DR Tx OMA -0.8..+4.2 dBm, TDECQ <= 3.4 dB, ER >= 3.5 dB, Rx sensitivity
# -4.4 dBm OMA, channel 3 dB (802.3 Tables 124-6, 124-7, 124-9); FR OMA - TDECQ >= -1.7 dBm,
# channel 4 dB (Tables 151-6, 151-7, 151-9).
_DR = dict(
    tx_oma_min_dbm=-0.8,
    tx_oma_max_dbm=4.2,
    tdecq_max_db=3.4,
    er_min_db=3.5,
    oma_minus_tdecq_min_dbm=-0.8 - 3.4,
    rx_sensitivity_oma_dbm=-4.4,
    channel_loss_db=3.0,
)
_FR = dict(
    # 802.3cu 400GBASE-FR4: OMA -0.3..+3.5 dBm per lane, Rx sensitivity (OMA) -4.6 dBm (max of
    # the TDECQ-dependent limit), OMA - TDECQ >= -1.7 dBm, 4 dB channel.
    tx_oma_min_dbm=-0.3,
    tx_oma_max_dbm=3.5,
    tdecq_max_db=3.4,
    er_min_db=3.5,
    oma_minus_tdecq_min_dbm=-1.7,
    rx_sensitivity_oma_dbm=-4.6,
    channel_loss_db=4.0,
)
_100G = dict(lane_rate_gbps=100.0, baud_gbd=53.125, modulation="PAM4")
_200G = dict(lane_rate_gbps=200.0, baud_gbd=113.4375, modulation="PAM4")


def _dr(name: str, lanes: int, rate: dict, connector: str) -> Standard:
    return Standard(
        name=name,
        lanes=lanes,
        lane_windows_nm=(DR_WINDOW_NM,) * lanes,
        wdm_groups=0,
        tx_fibres=lanes,
        rx_fibres=lanes,
        connector=connector,
        fibre_pitches_um=TECH.fibre_pitches,
        **rate,
        **_DR,
    )


def _fr(name: str, groups: int, rate: dict, connector: str) -> Standard:
    return Standard(
        name=name,
        lanes=4 * groups,
        lane_windows_nm=CWDM4_WINDOWS_NM * groups,
        wdm_groups=groups,
        tx_fibres=groups,
        rx_fibres=groups,
        connector=connector,
        fibre_pitches_um=TECH.fibre_pitches,
        **rate,
        **_FR,
    )


STANDARDS: dict[str, Standard] = {
    s.name: s
    for s in (
        _dr("400G-DR4", 4, _100G, "MPO-12"),
        _fr("400G-FR4", 1, _100G, "duplex LC"),
        _dr("800G-DR8", 8, _100G, "MPO-16 or 2 x MPO-12"),
        _fr("800G-2xFR4", 2, _100G, "2 x duplex LC"),
        _dr("800G-DR4", 4, _200G, "MPO-12"),
        _fr("800G-FR4", 1, _200G, "duplex LC"),
        _dr("1.6T-DR8", 8, _200G, "MPO-16 or 2 x MPO-12"),
        _fr("1.6T-2xFR4", 2, _200G, "2 x duplex LC"),
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
                "Tx OMA (dBm)": f"{s.tx_oma_min_dbm:g} .. {s.tx_oma_max_dbm:g}",
                "Rx sens. OMA (dBm)": f"{s.rx_sensitivity_oma_dbm:g}",
                "channel (dB)": f"{s.channel_loss_db:g}",
            }
        )
    return rows
