"""Depletion-mode junction physics: closed forms and the figures of published depletion MZMs."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.models.mzm import junction
from lightlane.physics import junction as jn
from lightlane.physics.constants import Q_E
from lightlane.physics.materials import carrier_absorption, carrier_index, n_si
from lightlane.physics.modes import group_index

DEFAULT = junction()  # the process's rib with the Junction's design defaults


def test_depletion_width_is_the_abrupt_junction_closed_form():
    n = p = 5e17
    v_bi = jn.builtin_potential(n, p)
    assert 0.85 < v_bi < 0.95  # kT/q ln(N_A N_D / n_i^2) for 5e17 on both sides
    by_hand = np.sqrt(2 * jn.PERMITTIVITY_SI_F_PER_CM * (v_bi + 2.0) * (2 / 5e17) / Q_E) * 1e4
    assert jn.depletion_width(2.0, n, p) == pytest.approx(by_hand, rel=1e-12)
    ratio = jn.depletion_width(4.0, n, p) / jn.depletion_width(1.0, n, p)
    assert ratio == pytest.approx(np.sqrt((v_bi + 4) / (v_bi + 1)), rel=1e-12)


def test_depleted_charge_balances():
    j = junction(n_doping=3e17, p_doping=5e17)
    lo, hi = jn.depletion_edges(np.array([0.0, 2.0]), j)
    np.testing.assert_allclose(-lo * j.n_doping, hi * j.p_doping, rtol=1e-12)


@pytest.mark.parametrize("density", [1e17, 5e17, 1e18])
def test_carrier_dispersion_agrees_with_soref_bennett_at_1300(density):
    """Soref & Bennett's own 1.3 um fit: dn = -(6.2e-22 dN + 6.0e-18 dP^0.8) (IEEE JQE 1987)."""
    soref = 6.2e-22 * density + 6.0e-18 * density**0.8
    assert -carrier_index(density, density) == pytest.approx(soref, rel=0.2)
    assert carrier_absorption(1e18, 0) < carrier_absorption(0, 1e18) * 1.2


def test_confinement_over_the_whole_window_is_the_silicon_share():
    j = DEFAULT
    whole = jn._overlap(j, 1.31, -4.0, 4.0)
    assert 0.9 * group_index(1.31, 0.4, rib=True) / n_si(1.31) < whole
    assert whole < group_index(1.31, 0.4, rib=True) / n_si(1.31)


def test_default_junction_meets_domain_figures():
    """V_pi L 1.5-2.5 V cm, doped loss 0.8-1.5 dB/mm with the rib's own 0.15 dB/mm."""
    assert 1.5 <= jn.vpi_l(2.0, DEFAULT) <= 2.5
    assert 0.8 <= jn.doped_loss_db_per_mm(2.0, DEFAULT) + 0.15 <= 1.5
    assert 150 < jn.capacitance_per_mm(2.0, DEFAULT) < 300  # fF/mm of published lateral junctions


def test_reverse_bias_trades_efficiency_for_loss_and_capacitance():
    v = np.array([0.0, 1.0, 2.0, 4.0])
    assert np.all(np.diff(jn.vpi_l(v, DEFAULT)) > 0)
    assert np.all(np.diff(jn.doped_loss_db_per_mm(v, DEFAULT)) < 0)
    charge = jn.capacitance_per_mm(v, DEFAULT) * jn.depletion_width(
        v, 5e17, 5e17
    )  # eps h: constant
    np.testing.assert_allclose(charge, charge[0], rtol=1e-12)
    assert np.all(np.diff(jn.delta_n_eff(v, DEFAULT)) > 0)


def test_heavier_contacts_lower_the_series_resistance():
    light = jn.series_resistance_ohm_mm(junction(n_plus=1e18, p_plus=1e18))
    assert jn.series_resistance_ohm_mm(DEFAULT) < light


def test_forward_bias_beyond_the_built_in_potential_is_refused():
    with pytest.raises(ValueError, match="built-in potential"):
        jn.depletion_width(-1.0, 5e17, 5e17)
