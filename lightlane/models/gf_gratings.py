"""Models of gdsfactory's elliptical grating couplers (:mod:`lightlane.components.gf_gratings`):
the focusing grating's model (:func:`lightlane.models.gratings.grating_coupler`) with the
geometry the cell drew. The four cells share one model; each is bound under its cell's name."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.models.gratings import grating_coupler
from lightlane.pdk.process import TECH

__all__ = [
    "grating_coupler_elliptical",
    "grating_coupler_elliptical_te",
    "grating_coupler_elliptical_trenches",
    "grating_coupler_te",
]

_ARGS = """

    Args:
        wl: wavelength in um.
        period: grating period in um.
        fibre_angle: fibre angle in degrees.
        fill_factor: unetched fraction of the period.
        length: o1 to the grating centre in um.
        peak_loss_db: coupling loss at the centre wavelength in dB.
        dn_eff: grating index perturbation.
"""


def _named(name: str, doc: str):
    """The focusing grating's model under a cell's name (the binding matches names)."""

    def grating_model(
        wl: np.ndarray = TECH.wavelength,
        *,
        period: float,
        fibre_angle: float,
        fill_factor: float,
        length: float,
        peak_loss_db: float = 4.5,
        dn_eff: float | np.ndarray = 0.0,
    ) -> SDict:
        return grating_coupler(
            wl,
            period=period,
            fibre_angle=fibre_angle,
            fill_factor=fill_factor,
            length=length,
            peak_loss_db=peak_loss_db,
            dn_eff=dn_eff,
        )

    grating_model.__doc__ = doc + _ARGS
    grating_model.__name__ = grating_model.__qualname__ = name
    grating_model.__module__ = __name__
    return model()(grating_model)


_PASSBAND = (
    "the focusing grating's Gaussian passband (4.5 dB peak, 29 nm 3-dB width, O-band TE; see "
    ":func:`lightlane.models.gratings.grating_coupler` for its sources)"
)

grating_coupler_elliptical = _named(
    "grating_coupler_elliptical", f"Model of gdsfactory's elliptical grating: {_PASSBAND}."
)
"""Model of gdsfactory's elliptical grating: the focusing grating's Gaussian passband (4.5 dB
peak, 29 nm 3-dB width, O-band TE) at the drawn period, fill and fibre angle."""
grating_coupler_elliptical_te = _named(
    "grating_coupler_elliptical_te", f"Model of the TE elliptical grating: {_PASSBAND}."
)
"""Model of gdsfactory's TE elliptical grating: the focusing grating's Gaussian passband at the
drawn period, fill and fibre angle."""
grating_coupler_elliptical_trenches = _named(
    "grating_coupler_elliptical_trenches",
    f"Model of the trench elliptical grating: {_PASSBAND}, at the trenches' period and fill.",
)
"""Model of gdsfactory's elliptical grating with trenches: the focusing grating's Gaussian
passband at the trenches' drawn period and fill."""
grating_coupler_te = _named(
    "grating_coupler_te",
    f"Model of gdsfactory's TE grating coupler: {_PASSBAND}, at the trenches' period and fill.",
)
"""Model of gdsfactory's TE grating coupler (the trench elliptical grating): the focusing
grating's Gaussian passband at the drawn period and fill."""
