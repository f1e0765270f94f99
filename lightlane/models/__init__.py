"""Compact S-parameter models, one module per family, mirroring :mod:`lightlane.components`.

Each model is a pure numpy function of the wavelength and its geometry (:mod:`._core`); the
PDK binds it to the cell of the same name (:func:`lightlane.registry.get_pdk`).
"""

from lightlane.models._core import SDict, call_with, geometry_of

__all__ = ["SDict", "call_with", "geometry_of"]
