"""Wavelength grids of the O-band WDM channels the filters are designed for.

The CWDM grid of ITU-T G.694.2 (12/2003): nominal centres 1271 + 20 k nm, k = 0..17, 20 nm
apart. Each channel owns a 13 nm window: +-6.5 nm, the central-wavelength deviation the CWDM
application codes of ITU-T G.695 use and the width of the 802.3 CWDM4 lanes (1264.5-1277.5 nm
...); the G.695 clause was not re-read for this value. CWDM4 takes the four channels around the
zero-dispersion wavelength of single-mode fibre, 1271-1331 nm.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CWDM4_NM", "CWDM_DEVIATION_NM", "cwdm_channel_nm", "windows_um"]

CWDM_DEVIATION_NM = 6.5
"""Largest deviation of a CWDM source from its nominal centre in nm (ITU-T G.695)."""


def cwdm_channel_nm(k: int) -> float:
    """Nominal centre in nm of CWDM channel ``k`` (0 at 1271 nm) of ITU-T G.694.2."""
    if not 0 <= k <= 17:
        raise ValueError(f"k={k} is not a CWDM channel of ITU-T G.694.2; use 0 <= k <= 17")
    return 1271.0 + 20.0 * k


CWDM4_NM: tuple[float, ...] = tuple(cwdm_channel_nm(k) for k in range(4))
"""The CWDM4 lane centres in nm: 1271, 1291, 1311, 1331."""


def windows_um(
    centres_nm: tuple[float, ...], half_width_nm: float = CWDM_DEVIATION_NM, n: int = 27
) -> np.ndarray:
    """Wavelengths in um sampling each channel's window ``centre +- half_width``, (channels, n)."""
    centres = np.asarray(centres_nm, dtype=float)[:, None] * 1e-3
    return centres + np.linspace(-half_width_nm, half_width_nm, n) * 1e-3
