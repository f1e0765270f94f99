"""The interface table: the one place that says what an optical engine must deliver.

Rows from ``shared/DOMAIN.md`` section 1 [pub]; the PMD clauses behind them are IEEE 802.3bs
(400GBASE-DR4, clause 124), IEEE 802.3cu (400GBASE-FR4, clause 151), IEEE 802.3df (800GBASE-DR8,
100 Gb/s lanes) and IEEE P802.3dj (200 Gb/s per lane: 800GBASE-DR4/FR4, 1.6TBASE-DR8). The
2xFR4 variants are two FR4 groups side by side in one module (multi-source agreements, no
IEEE PMD of their own).

Spec numbers and their sources:

- DR Tx per lane: OMA -0.8..+4.2 dBm, TDECQ <= 3.4 dB, ER >= 3.5 dB; Rx sensitivity -4.4 dBm
  OMA; channel loss 3 dB (DOMAIN.md section 1, module datasheets; 802.3bs 400GBASE-DR4).
  DOMAIN.md gives one DR line; we apply it to the 200G-lane DR variants too (802.3dj revises
  these numbers: replace them here, once, when the project adopts its tables).
- FR Tx per lane: OMA - TDECQ >= -1.7 dBm, channel loss 4 dB (DOMAIN.md section 1); TDECQ <=
  3.4 dB and ER >= 3.5 dB as for DR (DOMAIN.md lists them for DR only: assumption); OMA max
  +3.5 dBm and Rx sensitivity -4.6 dBm OMA (assumption: 802.3cu 400GBASE-FR4 values, not in
  DOMAIN.md; an FR receiver is specified ~0.2 dB better than DR because its budget is larger).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = [
    "CWDM4_NM",
    "CWDM4_WINDOWS_NM",
    "DR_NM",
    "DR_WINDOW_NM",
    "FIBRE_PITCHES_UM",
    "STANDARDS",
    "RxSpec",
    "Standard",
    "TxSpec",
    "get_standard",
    "table_rows",
]

# Wavelengths (DOMAIN.md section 1): CWDM4 centres and their 13 nm lanes; DR at 1311 nm.
CWDM4_NM: tuple[float, ...] = (1271.0, 1291.0, 1311.0, 1331.0)
CWDM4_WINDOWS_NM: tuple[tuple[float, float], ...] = tuple((c - 6.5, c + 6.5) for c in CWDM4_NM)
DR_NM = 1311.0
DR_WINDOW_NM: tuple[float, float] = (1304.5, 1317.5)
# Chip-side fibre array pitches in um (DOMAIN.md section 1).
FIBRE_PITCHES_UM: tuple[float, ...] = (127.0, 250.0)
_BAUD_100G = 53.125  # GBd, PAM4 (2 bit/symbol): 106.25 Gb/s line rate for 100G lanes
_BAUD_200G = 113.4375  # GBd, PAM4: 226.875 Gb/s line rate for 200G lanes


@dataclass(frozen=True)
class TxSpec:
    """Transmitter limits per lane; None where the standard states no such line.

    Attributes:
        oma_min_dbm: minimum outer optical modulation amplitude in dBm.
        oma_max_dbm: maximum OMA in dBm.
        tdecq_max_db: maximum transmitter and dispersion eye closure (PAM4) in dB.
        er_min_db: minimum extinction ratio in dB.
        oma_minus_tdecq_min_dbm: minimum OMA minus TDECQ in dBm.
    """

    oma_min_dbm: float | None
    oma_max_dbm: float
    tdecq_max_db: float
    er_min_db: float
    oma_minus_tdecq_min_dbm: float | None


@dataclass(frozen=True)
class RxSpec:
    """Receiver limits per lane.

    Attributes:
        sensitivity_oma_dbm: the OMA in dBm at which the receiver meets its error ratio.
    """

    sensitivity_oma_dbm: float


_DR_TX = TxSpec(-0.8, 4.2, 3.4, 3.5, None)
_DR_RX = RxSpec(-4.4)
_FR_TX = TxSpec(None, 3.5, 3.4, 3.5, -1.7)
_FR_RX = RxSpec(-4.6)


@dataclass(frozen=True)
class Standard:
    """One interface: what each lane carries, where, over which fibres, to which limits.

    Attributes:
        name: interface name, e.g. ``1.6T-DR8``.
        lanes: optical lanes per direction.
        lane_rate_gbps: nominal data rate per lane in Gb/s (100 or 200).
        baud_gbd: symbol rate per lane in GBd.
        modulation: ``PAM4``.
        wavelengths_nm: centre wavelength of each lane in nm.
        windows_nm: (low, high) wavelength window of each lane in nm.
        fibres_tx: transmit fibres; fibres_rx: receive fibres.
        connector: optical connector of the module.
        fibre_pitches_um: chip-side fibre array pitches supported, in um.
        wdm_groups: wavelength multiplexers per direction (0 for DR, 1 for FR4, 2 for 2xFR4).
        tx: transmitter limits; rx: receiver limits.
        channel_loss_db: maximum fibre channel insertion loss in dB.
        reference: the clause or agreement the row follows.
    """

    name: str
    lanes: int
    lane_rate_gbps: float
    baud_gbd: float
    modulation: str
    wavelengths_nm: tuple[float, ...]
    windows_nm: tuple[tuple[float, float], ...]
    fibres_tx: int
    fibres_rx: int
    connector: str
    fibre_pitches_um: tuple[float, ...]
    wdm_groups: int
    tx: TxSpec
    rx: RxSpec
    channel_loss_db: float
    reference: str

    @property
    def line_rate_gbps(self) -> float:
        """Line rate per lane in Gb/s: baud times 2 bit per PAM4 symbol."""
        return self.baud_gbd * 2

    @property
    def is_wdm(self) -> bool:
        """True for the FR (CWDM4) interfaces, which need a multiplexer per group."""
        return self.wdm_groups > 0

    @property
    def lanes_per_fibre(self) -> int:
        """Lanes sharing one transmit fibre (1 for DR, 4 for FR4)."""
        return self.lanes // self.fibres_tx

    def to_dict(self) -> dict:
        """Plain data for JSON (tuples become lists)."""
        return {**asdict(self), "line_rate_gbps": self.line_rate_gbps}


def _dr(name: str, lanes: int, rate: float, baud: float, connector: str, ref: str) -> Standard:
    return Standard(
        name, lanes, rate, baud, "PAM4", (DR_NM,) * lanes, (DR_WINDOW_NM,) * lanes,
        lanes, lanes, connector, FIBRE_PITCHES_UM, 0, _DR_TX, _DR_RX, 3.0, ref,
    )  # fmt: skip


def _fr(name: str, groups: int, rate: float, baud: float, connector: str, ref: str) -> Standard:
    return Standard(
        name, 4 * groups, rate, baud, "PAM4", CWDM4_NM * groups, CWDM4_WINDOWS_NM * groups,
        groups, groups, connector, FIBRE_PITCHES_UM, groups, _FR_TX, _FR_RX, 4.0, ref,
    )  # fmt: skip


STANDARDS: dict[str, Standard] = {
    s.name: s
    for s in (
        _dr("400G-DR4", 4, 100, _BAUD_100G, "MPO-12", "IEEE 802.3bs clause 124"),
        _fr("400G-FR4", 1, 100, _BAUD_100G, "duplex LC", "IEEE 802.3cu clause 151"),
        _dr("800G-DR8", 8, 100, _BAUD_100G, "MPO-16 or 2 x MPO-12", "IEEE 802.3df"),
        _fr("800G-2xFR4", 2, 100, _BAUD_100G, "2 x duplex LC", "MSA: 2 x 802.3cu FR4"),
        _dr("800G-DR4", 4, 200, _BAUD_200G, "MPO-12", "IEEE P802.3dj"),
        _fr("800G-FR4", 1, 200, _BAUD_200G, "duplex LC", "IEEE P802.3dj"),
        _dr("1.6T-DR8", 8, 200, _BAUD_200G, "MPO-16 or 2 x MPO-12", "IEEE P802.3dj"),
        _fr("1.6T-2xFR4", 2, 200, _BAUD_200G, "2 x duplex LC", "MSA: 2 x P802.3dj FR4"),
    )
}


def get_standard(name: str) -> Standard:
    """The interface called ``name`` (case-insensitive); ValueError lists the valid names."""
    for key, standard in STANDARDS.items():
        if key.lower() == str(name).strip().lower():
            return standard
    raise ValueError(f"unknown standard {name!r}; valid standards: {', '.join(STANDARDS)}")


def table_rows() -> list[dict[str, str]]:
    """One row of printable strings per standard, for ``lightlane standards``."""
    rows = []
    for s in STANDARDS.values():
        tx = s.tx
        oma = (
            f"{tx.oma_min_dbm:+.1f}..{tx.oma_max_dbm:+.1f}"
            if tx.oma_min_dbm is not None
            else (f"<= {tx.oma_max_dbm:+.1f}, OMA-TDECQ >= {tx.oma_minus_tdecq_min_dbm:+.1f}")
        )
        rows.append(
            {
                "standard": s.name,
                "lanes": f"{s.lanes} x {s.lane_rate_gbps:g}G",
                "baud": f"{s.baud_gbd:.7g} GBd {s.modulation}",
                "wavelengths (nm)": "/".join(f"{w:g}" for w in dict.fromkeys(s.wavelengths_nm))
                + (f" x{s.wdm_groups}" if s.wdm_groups > 1 else ""),
                "fibres Tx+Rx": f"{s.fibres_tx}+{s.fibres_rx} ({s.connector})",
                "Tx OMA (dBm)": oma,
                "TDECQ / ER (dB)": f"<= {tx.tdecq_max_db:g} / >= {tx.er_min_db:g}",
                "Rx sens. (dBm OMA)": f"{s.rx.sensitivity_oma_dbm:g}",
                "channel (dB)": f"{s.channel_loss_db:g}",
            }
        )
    return rows
