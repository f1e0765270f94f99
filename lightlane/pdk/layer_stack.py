"""The layer stack: thickness, z and material of every physical layer (um).

220 nm Si on a 2 um BOX, 90 nm and 150 nm slabs, 500 nm Ge, TiN heater, three AlCu metals under
oxide cladding, deep trenches and a substrate undercut (thicknesses assumed): the shape the
public 220 nm SOI platforms share (gdsfactory's generic PDK, SiEPIC EBeam, Cornerstone: Siew et
al., J. Lightwave Technol. 39(13), 4374, 2021). Plain data; :func:`get_layer_stack` loads
gdsfactory on first use.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gdsfactory.technology import LayerStack

__all__ = ["STACK", "get_layer_stack"]

# name: (layer, zmin, thickness, material); z = 0 is the top of the BOX.
STACK: dict[str, tuple[str, float, float, str]] = {
    "substrate": ("WAFER", -2.0 - 675.0, 675.0, "si"),
    "box": ("WAFER", -2.0, 2.0, "sio2"),
    "core": ("WG", 0.0, 0.22, "si"),
    "slab150": ("SLAB150", 0.0, 0.15, "si"),
    "slab90": ("SLAB90", 0.0, 0.09, "si"),
    "shallow_etch": ("SHALLOW_ETCH", 0.15, 0.07, "sio2"),
    "n": ("N", 0.0, 0.22, "si_n"),
    "p": ("P", 0.0, 0.22, "si_p"),
    "np": ("NP", 0.0, 0.22, "si_n+"),
    "pp": ("PP", 0.0, 0.22, "si_p+"),
    "npp": ("NPP", 0.0, 0.22, "si_n++"),
    "ppp": ("PPP", 0.0, 0.22, "si_p++"),
    "ge": ("GE", 0.22, 0.5, "ge"),
    "gen": ("GEN", 0.62, 0.1, "ge_n++"),
    "gep": ("GEP", 0.62, 0.1, "ge_p++"),
    "viac": ("VIAC", 0.22, 1.28, "tungsten"),
    "heater": ("HEATER", 1.2, 0.15, "tin"),
    "m1": ("M1", 1.5, 0.7, "alcu"),
    "via1": ("VIA1", 2.2, 0.8, "tungsten"),
    "m2": ("M2", 3.0, 2.0, "alcu"),
    "via2": ("VIA2", 5.0, 0.8, "tungsten"),
    "m3": ("M3", 5.8, 2.0, "alcu"),
    # The opening starts on M2 (the pads' metal) and runs up through the passivation over M3.
    "padopen": ("PADOPEN", 5.0, 3.8, "air"),
    # Under-bump metallisation: on M3 in the opening, over the passivation around it (~3 um).
    "ubm": ("UBM", 7.8, 3.0, "nickel"),
    # Deep trench: from the top of the passivation down through the BOX to the substrate.
    "deeptrench": ("DEEPTRENCH", -2.0, 10.8, "air"),
    # Undercut: ~10 um of substrate removed isotropically below the BOX through the trenches.
    "undercut": ("UNDERCUT", -12.0, 10.0, "air"),
}


@cache
def get_layer_stack() -> LayerStack:
    """The gdsfactory ``LayerStack`` built from :data:`STACK`."""
    from gdsfactory.technology import LayerLevel, LayerStack, LogicalLayer

    from lightlane.pdk.layers import LAYER

    return LayerStack(
        layers={
            name: LayerLevel(
                layer=LogicalLayer(layer=getattr(LAYER, layer)),
                zmin=zmin,
                thickness=thickness,
                material=material,
            )
            for name, (layer, zmin, thickness, material) in STACK.items()
        }
    )
