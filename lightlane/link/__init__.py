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
