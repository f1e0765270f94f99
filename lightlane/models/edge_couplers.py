"""Compact model of the edge coupler (inverse-taper spot-size converter)."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, amplitude_of_loss_db, model
from lightlane.models.gratings import reflective_two_port
from lightlane.models.waveguides import PROFILE_NODES, mean_index, propagation
from lightlane.pdk.process import TECH

__all__ = ["edge_coupler"]


@model()
def edge_coupler(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    tip_width: float,
    cross_section: str,
    loss_db: float = 1.25,
    loss_curvature_db: float = 80.0,
    centre_wavelength: float = TECH.wavelength,
    reflection_db: float = -40.0,
    facet_reflection_db: float = -30.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Edge coupler: 1.25 dB per facet, slowly varying: ``loss + c (wl - wl0)^2``.

    ``loss_db = 1.25`` is the middle of the 1-1.5 dB per facet published for inverse-taper
    spot-size converters to 3-4 um mode-field fibres (an assumed range; the converter: Almeida et
    al., Opt. Lett. 28(15), 1302, 2003; a review: Marchetti et al., Photonics Research 7(2), 201,
    2019). The curvature
    ``c = 80 dB/um^2`` adds 0.2 dB at +-50 nm: inverse tapers are broadband (Almeida 2003:
    < 1 dB variation over 100s of nm). Reflections: -40 dB from the adiabatic taper into the
    waveguide, -30 dB at an index-matched facet (assumptions; an unmatched oxide-air facet
    reflects ~-15 dB). The phase integrates n_eff along the linear taper.

    Args:
        wl: wavelength in um.
        length: taper length in um.
        width: waveguide width in um at o1.
        tip_width: tip width in um at the facet.
        cross_section: cross-section name.
        loss_db: coupling loss per facet at ``centre_wavelength``, in dB.
        loss_curvature_db: increase of the loss away from the centre, in dB/um^2.
        centre_wavelength: wavelength of the lowest loss in um.
        reflection_db: power reflected into the waveguide (o1), in dB.
        facet_reflection_db: power reflected into the fibre (o2), in dB.
        dn_eff: effective-index perturbation.
    """
    loss = loss_db + loss_curvature_db * (np.asarray(wl) - centre_wavelength) ** 2
    widths = width + (tip_width - width) * PROFILE_NODES
    phase = propagation(wl, length, mean_index(wl, widths, cross_section) + dn_eff, 0.0)
    return reflective_two_port(
        amplitude_of_loss_db(loss) * phase,
        amplitude_of_loss_db(-reflection_db) * phase**2,
        amplitude_of_loss_db(-facet_reflection_db),
    )
