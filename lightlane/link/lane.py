"""One lane end to end: transmitter -> fibre -> TDECQ (and TECQ) -> receiver -> BER; its outputs.

``simulate_lane`` runs a :class:`LinkConfig` with a caller's seeded generator and returns a
:class:`LaneResult`: the optical waveforms at the transmitter (TP2 without fibre) and after the
fibre, TECQ (no fibre) and TDECQ (after the fibre; IEEE 802.3-2022 121.8.5.3 measures TDECQ
through the test fibre, TECQ is the same without it), and, when a photodiode and TIA are given,
the receiver's BER estimate. ``mzm_lane`` is the integration point for an MZM lane: the
engine passes its modulator's figures and EO response (plain numbers and callables; this
package does not import the device models). ``write_lane`` writes the waveform (npz), the eye
(PNG) and the figures (JSON) of a lane into a directory, each file atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lightlane.files import atomic_write
from lightlane.link._checks import require_choice, require_int, require_range
from lightlane.link.ber import BerResult, pam4_ber
from lightlane.link.compliance import ReferenceReceiver, TdecqResult, reference_receiver, tdecq
from lightlane.link.eye import eye_figure
from lightlane.link.fibre import Fibre, propagate
from lightlane.link.modulators import MzmTransfer
from lightlane.link.patterns import PATTERNS, pattern
from lightlane.link.receiver import Photodiode, Tia, detect
from lightlane.link.signals import Response, Waveform
from lightlane.link.transmitter import Driver, Laser, transmit

__all__ = ["LaneResult", "LinkConfig", "mzm_lane", "simulate_lane", "write_lane"]


@dataclass(frozen=True)
class LinkConfig:
    """A lane: pattern, transmitter, channel, reference receiver and (optionally) receiver.

    Attributes:
        baud_gbd: symbol rate in GBd.
        samples_per_symbol: samples per UI, 8..128.
        pattern: one of :data:`~lightlane.link.patterns.PATTERNS` (SSPRQ for TDECQ).
        driver, laser: :class:`~.transmitter.Driver`, :class:`~.transmitter.Laser`.
        modulator: ``(voltage_v, sample_rate_ghz) -> field`` (:mod:`~lightlane.link.modulators`).
        eo_response: the modulator's electrical response ``H(freq_ghz)`` (None: flat).
        optical_loss_db: transmitter loss after the modulator (couplers, routing) in dB.
        fibre: the fibre (None: back to back).
        reference: TDECQ reference receiver (None: :func:`~.compliance.reference_receiver`).
        photodiode, tia: the receiver (None: no receiver simulation).
        rx_ffe_taps, rx_dfe_taps: the receiver's equaliser for the BER estimate.
    """

    baud_gbd: float = 53.125
    samples_per_symbol: int = 32
    pattern: str = "ssprq"
    driver: Driver = field(default_factory=Driver)
    modulator: object = field(default_factory=lambda: MzmTransfer(v_pi_v=8.0))
    eo_response: Response = None
    laser: Laser = field(default_factory=Laser)
    optical_loss_db: float = 0.0
    fibre: Fibre | None = None
    reference: ReferenceReceiver | None = None
    photodiode: Photodiode | None = None
    tia: Tia | None = None
    rx_ffe_taps: int = 5
    rx_dfe_taps: int = 0

    def __post_init__(self):
        require_range("baud_gbd", self.baud_gbd, 1.0, 500.0, "GBd")
        require_int("samples_per_symbol", self.samples_per_symbol, 8, 128)
        require_choice("pattern", self.pattern, PATTERNS)
        if not callable(self.modulator):
            raise ValueError(f"modulator={self.modulator!r} must be a callable (v, rate) -> field")
        require_range("optical_loss_db", self.optical_loss_db, 0.0, 40.0, "dB")
        if (self.photodiode is None) != (self.tia is None):
            raise ValueError("give both photodiode and tia for a receiver, or neither")
        require_int("rx_ffe_taps", self.rx_ffe_taps, 1, 41)
        require_int("rx_dfe_taps", self.rx_dfe_taps, 0, 16)

    @property
    def reference_receiver(self) -> ReferenceReceiver:
        return self.reference or reference_receiver(self.baud_gbd)


@dataclass(frozen=True)
class LaneResult:
    """A simulated lane (powers in mW)."""

    config: LinkConfig
    transmitted: Waveform
    received: Waveform
    tecq: TdecqResult
    tdecq: TdecqResult
    electrical: Waveform | None
    ber: BerResult | None

    def figures(self) -> dict:
        """The lane's figures as plain numbers (for JSON)."""
        t = self.tdecq
        out = {
            "baud_gbd": self.config.baud_gbd,
            "pattern": self.config.pattern,
            "tdecq_db": t.tdecq_db,
            "tecq_db": self.tecq.tdecq_db,
            "tdecq_minus_10log_ceq_db": t.tdecq_minus_ceq_db,
            "ceq": t.ceq,
            "oma_outer_dbm": float(10 * np.log10(t.oma_outer)) if t.oma_outer > 0 else None,
            "average_power_dbm": float(10 * np.log10(t.p_ave)) if t.p_ave > 0 else None,
            "extinction_ratio_db": t.extinction_ratio_db,
            "rlm": t.rlm,
            "ffe_taps": [float(c) for c in t.ffe],
            "eye_centre_ui": t.eye_centre_ui,
            "target_ser": self.config.reference_receiver.target_ser,
            "fibre_dispersion_ps_nm": (
                self.config.fibre.dispersion_ps_nm(self.config.laser.wavelength_nm)
                if self.config.fibre
                else 0.0
            ),
        }
        if self.ber is not None:
            out |= {
                "rx_ser": self.ber.ser,
                "rx_ber": self.ber.ber,
                "rx_ser_counted": self.ber.ser_counted,
            }
        return out


def simulate_lane(config: LinkConfig, rng: np.random.Generator) -> LaneResult:
    """Simulate one lane of ``config`` with the caller's generator (module docstring)."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy Generator (np.random.default_rng(seed))")
    symbols = pattern(config.pattern)
    field_tx = transmit(
        symbols,
        config.driver,
        config.modulator,
        config.laser,
        eo_response=config.eo_response,
        samples_per_symbol=config.samples_per_symbol,
        baud_gbd=config.baud_gbd,
        rng=rng,
    )
    field_tx = field_tx.replace(field_tx.samples * 10 ** (-config.optical_loss_db / 20))
    received = field_tx
    if config.fibre is not None:
        received = propagate(field_tx, config.fibre, config.laser.wavelength_nm)
    rx = config.reference_receiver
    tecq = tdecq(field_tx, rx, rng)
    result = tdecq(received, rx, rng) if config.fibre is not None else tecq
    electrical = ber = None
    if config.photodiode is not None:
        electrical = detect(received, config.photodiode, config.tia, rng)
        ber = pam4_ber(electrical, config.rx_ffe_taps, dfe_taps=config.rx_dfe_taps)
    as_power = lambda wf: wf.replace(np.abs(wf.samples) ** 2, "mW")  # noqa: E731
    return LaneResult(config, as_power(field_tx), as_power(received), tecq, result, electrical, ber)


def mzm_lane(
    *,
    v_pi_v: float,
    vpp_v: float,
    eo_response: Response,
    baud_gbd: float = 53.125,
    bias_phase_rad: float = 0.0,
    modulator_loss_db: float = 0.0,
    optical_loss_db: float = 0.0,
    laser_power_dbm: float = 13.0,
    rin_db_per_hz: float | None = -150.0,
    wavelength_nm: float = 1311.0,
    driver_bandwidth_ghz: float | None = None,
    fibre: Fibre | None = None,
    reference: ReferenceReceiver | None = None,
    samples_per_symbol: int = 32,
    seed: int = 0,
) -> LaneResult:
    """An MZM lane's TDECQ, TECQ, OMA, ER and RLM with its waveforms.

    Args:
        v_pi_v: the modulator's V_pi for its differential drive, in V.
        vpp_v: differential drive swing (outer levels) in V.
        eo_response: the EO response ``H(freq_ghz)`` (e.g. ``from_db`` of the MZM model's
            response in dB), or None for an ideal electrode.
        baud_gbd: symbol rate in GBd.
        bias_phase_rad: operating point's phase from quadrature in rad.
        modulator_loss_db: the modulator's insertion loss in dB.
        optical_loss_db: further loss to the transmitter's output in dB.
        laser_power_dbm, rin_db_per_hz, wavelength_nm: the laser.
        driver_bandwidth_ghz: driver bandwidth (None: ideal driver).
        fibre: the TDECQ test fibre (None: back to back).
        reference: reference receiver (None: the standard one at ``baud_gbd``).
        samples_per_symbol: samples per UI.
        seed: seed of the generator for RIN.
    """
    config = LinkConfig(
        baud_gbd=baud_gbd,
        samples_per_symbol=samples_per_symbol,
        driver=Driver(swing_vppd=vpp_v, bandwidth_ghz=driver_bandwidth_ghz),
        modulator=MzmTransfer(v_pi_v, bias_phase_rad, modulator_loss_db),
        eo_response=eo_response,
        laser=Laser(laser_power_dbm, rin_db_per_hz, wavelength_nm),
        optical_loss_db=optical_loss_db,
        fibre=fibre,
        reference=reference,
    )
    return simulate_lane(config, np.random.default_rng(seed))


def write_lane(
    directory: str | Path, lane: LaneResult, title: str = "", extra: dict | None = None, out=None
) -> dict[str, Path]:
    """Write ``waveform.npz``, ``eye.png`` and ``figures.json`` of ``lane`` into ``directory``.

    Each file is written to a temporary name and renamed (:func:`lightlane.files.atomic_write`),
    so a reader never sees half a file; with ``out`` (a :class:`lightlane.files.OutputSet`) the
    three are staged and appear together or not at all. ``extra`` is merged into the figures.
    Returns the paths by name.
    """
    write = atomic_write if out is None else out.write
    directory = Path(directory)
    t = lane.tdecq

    def npz(tmp: Path):
        with open(tmp, "wb") as handle:  # a handle: np.savez would append ".npz" to the name
            np.savez_compressed(
                handle,
                power_mw=lane.received.samples.astype(np.float32),
                equalised_mw=t.equalised.samples.astype(np.float32),
                symbols=np.asarray(lane.received.symbols, dtype=np.int8),
                samples_per_symbol=lane.received.samples_per_symbol,
                baud_gbd=lane.received.baud_gbd,
                ffe_taps=t.ffe,
            )

    fig = eye_figure(t, title=title)
    figures = {**lane.figures(), **(extra or {})}
    meta = {"Software": None}  # the same lane gives the same bytes
    return {
        "waveform": write(directory / "waveform.npz", npz),
        "eye": write(directory / "eye.png", lambda tmp: fig.savefig(tmp, dpi=110, metadata=meta)),
        "figures": write(
            directory / "figures.json",
            lambda tmp: tmp.write_text(json.dumps(figures, indent=2, default=float) + "\n"),
        ),
    }
