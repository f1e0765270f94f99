"""Time-domain PAM4 link: patterns, transmitter, fibre, receiver, TDECQ and eyes.

Modules:

- :mod:`~lightlane.link.patterns`: SSPRQ, PRBS13Q, PRBS31Q and Gray-coded PAM4 levels;
- :mod:`~lightlane.link.signals`: :class:`Waveform` (one pattern-locked period) and filters;
- :mod:`~lightlane.link.transmitter`, :mod:`~lightlane.link.modulators`: driver, EO response,
  MZM and ring transfers, laser RIN;
- :mod:`~lightlane.link.fibre`: chromatic dispersion and loss on the optical field;
- :mod:`~lightlane.link.receiver`, :mod:`~lightlane.link.ber`: photodiode, TIA, decisions;
- :mod:`~lightlane.link.levels`, :mod:`~lightlane.link.compliance`: OMA, ER, RLM; TDECQ/TECQ/SECQ;
- :mod:`~lightlane.link.eye`, :mod:`~lightlane.link.lane`: eye plots; a lane end to end.

Everything is a pure function of its inputs and of a numpy ``Generator`` the caller passes; no
module touches global random state. Device models enter as plain callables (an EO response
``H(freq_ghz)``, a transfer ``v -> field``), so this package imports none of them.
"""

from lightlane.link.ber import BerResult, pam4_ber
from lightlane.link.compliance import (
    ReferenceReceiver,
    TdecqResult,
    q_threshold,
    reference_receiver,
    tdecq,
)
from lightlane.link.eye import EyeHistogram, eye_figure, eye_histogram
from lightlane.link.fibre import Fibre, dispersion_extremes_ps_nm, dispersion_ps_nm_km, propagate
from lightlane.link.lane import LaneResult, LinkConfig, mzm_lane, simulate_lane, write_lane
from lightlane.link.levels import extinction_ratio_db, level_means, oma_outer, rlm
from lightlane.link.modulators import MzmTransfer, RingTransfer, StaticTransfer
from lightlane.link.patterns import pam4_levels, pattern, prbs13q, prbs31q, ssprq
from lightlane.link.receiver import Photodiode, Tia, detect
from lightlane.link.signals import (
    Waveform,
    apply_response,
    bessel_thomson,
    butterworth,
    first_order,
    from_db,
)
from lightlane.link.transmitter import Driver, Laser, transmit

__all__ = [
    "BerResult",
    "Driver",
    "EyeHistogram",
    "Fibre",
    "LaneResult",
    "Laser",
    "LinkConfig",
    "MzmTransfer",
    "Photodiode",
    "ReferenceReceiver",
    "RingTransfer",
    "StaticTransfer",
    "TdecqResult",
    "Tia",
    "Waveform",
    "apply_response",
    "bessel_thomson",
    "butterworth",
    "detect",
    "dispersion_extremes_ps_nm",
    "dispersion_ps_nm_km",
    "extinction_ratio_db",
    "eye_figure",
    "eye_histogram",
    "first_order",
    "from_db",
    "level_means",
    "mzm_lane",
    "oma_outer",
    "pam4_ber",
    "pam4_levels",
    "pattern",
    "prbs13q",
    "prbs31q",
    "propagate",
    "q_threshold",
    "reference_receiver",
    "rlm",
    "simulate_lane",
    "ssprq",
    "tdecq",
    "transmit",
    "write_lane",
]
