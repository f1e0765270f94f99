"""Single-mode fibre: chromatic dispersion over the reach, and attenuation, on the optical field.

Dispersion follows the cabled-fibre model of the IEEE 802.3-2022 single-mode PMD clauses (e.g.
clause 124, 400GBASE-DR4; clause 151, 400GBASE-FR4; after IEC 60793-2-50 type B1.1/B1.3):
``D(lambda) = (S0 / 4) (lambda - lambda0^4 / lambda^3)`` ps/(nm km) with the zero-dispersion
wavelength ``1300 <= lambda0 <= 1324`` nm and slope ``S0 <= 0.093`` ps/(nm^2 km); the TDECQ
test fibre takes the two ends of that range
(:func:`dispersion_extremes_ps_nm`). The field's transfer over ``L`` is
``exp(j beta2 omega^2 L / 2)`` with ``beta2 = -D lambda^2 / (2 pi c)`` (Agrawal, "Nonlinear
Fiber Optics", 5th ed., eq. 3.2.5, carrier ``exp(-j omega0 t)``); ``omega^2`` is even, so the
sign convention of the FFT does not enter. Over DR reaches (500 m at 1311 nm) the dispersion is
below 0.5 ps/nm and the fading it causes is negligible, but it is applied all the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lightlane.link._checks import require_range
from lightlane.link.signals import Waveform, frequency_grid_ghz

__all__ = ["Fibre", "dispersion_extremes_ps_nm", "dispersion_ps_nm_km", "propagate"]

C0 = 299792458.0  # m/s
LAMBDA0_RANGE_NM = (1300.0, 1324.0)  # 802.3 cabled SMF zero-dispersion wavelength range
S0_MAX_PS_NM2_KM = 0.093  # 802.3 cabled SMF maximum dispersion slope


def dispersion_ps_nm_km(
    wavelength_nm: float | np.ndarray,
    zero_dispersion_nm: float = 1324.0,
    slope_ps_nm2_km: float = S0_MAX_PS_NM2_KM,
) -> np.ndarray:
    """``D(lambda) = (S0 / 4) (lambda - lambda0^4 / lambda^3)`` in ps/(nm km) (module doc)."""
    wl = np.asarray(wavelength_nm, dtype=float)
    if wl.size and (wl.min() < 1200.0 or wl.max() > 1700.0):
        raise ValueError(
            f"wavelength_nm spans {wl.min():g}..{wl.max():g} nm; the fibre model holds 1200..1700"
        )
    require_range("zero_dispersion_nm", zero_dispersion_nm, 1250.0, 1400.0, "nm")
    require_range("slope_ps_nm2_km", slope_ps_nm2_km, 0.0, 0.2, "ps/(nm^2 km)")
    return slope_ps_nm2_km / 4 * (wl - zero_dispersion_nm**4 / wl**3)


def dispersion_extremes_ps_nm(wavelength_nm: float, length_km: float) -> tuple[float, float]:
    """(minimum, maximum) dispersion in ps/nm over ``length_km`` at the 802.3 fibre extremes."""
    require_range("length_km", length_km, 0.0, 100.0, "km")
    ends = [
        float(dispersion_ps_nm_km(wavelength_nm, z) * length_km) for z in reversed(LAMBDA0_RANGE_NM)
    ]
    return min(ends), max(ends)


@dataclass(frozen=True)
class Fibre:
    """A fibre span.

    Attributes:
        length_km: length in km, 0..100.
        zero_dispersion_nm: zero-dispersion wavelength in nm, 1250..1400.
        slope_ps_nm2_km: dispersion slope S0 in ps/(nm^2 km), 0..0.2.
        attenuation_db_km: attenuation in dB/km, 0..2 (802.3 O-band cable: 0.5 dB/km).
        extra_loss_db: connectors and splices in dB, 0..30.
    """

    length_km: float = 2.0
    zero_dispersion_nm: float = 1324.0
    slope_ps_nm2_km: float = S0_MAX_PS_NM2_KM
    attenuation_db_km: float = 0.5
    extra_loss_db: float = 0.0

    def __post_init__(self):
        require_range("length_km", self.length_km, 0.0, 100.0, "km")
        require_range("zero_dispersion_nm", self.zero_dispersion_nm, 1250.0, 1400.0, "nm")
        require_range("slope_ps_nm2_km", self.slope_ps_nm2_km, 0.0, 0.2, "ps/(nm^2 km)")
        require_range("attenuation_db_km", self.attenuation_db_km, 0.0, 2.0, "dB/km")
        require_range("extra_loss_db", self.extra_loss_db, 0.0, 30.0, "dB")

    @property
    def loss_db(self) -> float:
        return self.attenuation_db_km * self.length_km + self.extra_loss_db

    def dispersion_ps_nm(self, wavelength_nm: float) -> float:
        """Accumulated dispersion ``D L`` in ps/nm at ``wavelength_nm``."""
        d = dispersion_ps_nm_km(wavelength_nm, self.zero_dispersion_nm, self.slope_ps_nm2_km)
        return float(d * self.length_km)


def propagate(field: Waveform, fibre: Fibre, wavelength_nm: float) -> Waveform:
    """The optical field after ``fibre`` at ``wavelength_nm`` (dispersion, then loss)."""
    if field.unit != "sqrt(mW)":
        raise ValueError(f"propagate needs an optical field in sqrt(mW), got unit {field.unit!r}")
    d_ps_nm = fibre.dispersion_ps_nm(wavelength_nm)
    wl_m = wavelength_nm * 1e-9
    beta2_l = -d_ps_nm * 1e-12 / 1e-9 * wl_m**2 / (2 * np.pi * C0)  # s^2: beta2 times length
    x = np.asarray(field.samples, dtype=complex)
    omega = 2 * np.pi * frequency_grid_ghz(x.shape[-1], field.sample_rate_ghz, full=True) * 1e9
    h = np.exp(0.5j * beta2_l * omega**2) * 10 ** (-fibre.loss_db / 20)
    return field.replace(np.fft.ifft(np.fft.fft(x, axis=-1) * h, axis=-1))
