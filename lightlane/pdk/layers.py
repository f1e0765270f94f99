"""The layer table: the one source of every layer's name, GDS number, purpose and colour.

The gdsfactory ``LayerEnum`` (``LAYER``), the KLayout layer views (``.lyp``) and the KLayout
technology (``.lyt``) are all generated from :data:`LAYER_TABLE`. The table is plain data: only
``LAYER`` and :func:`get_layer_views` load gdsfactory, on first use. GDS numbers follow the
gdsfactory generic PDK where a layer exists there, so users' habits carry over.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdsfactory.technology import LayerViews

__all__ = [  # noqa: F822
    "LAYER",
    "LAYER_ALIASES",
    "LAYER_TABLE",
    "LayerDef",
    "MissingLayer",
    "get_layer_views",
    "layer_by_name",
]


class MissingLayer(ValueError):
    """A layer this process does not have (a gdsfactory cell drawn for another process)."""

    def __init__(self, layer: object) -> None:
        known = ", ".join(d.name for d in LAYER_TABLE)
        super().__init__(
            f"layer {layer!r} does not exist in the lightlane process; its layers are {known}"
        )
        self.layer = layer


@dataclass(frozen=True)
class LayerDef:
    """One layer of the process.

    Attributes:
        name: short upper-case name used in code (``LAYER.WG``).
        gds: (layer, datatype) GDS number.
        description: one line: what the layer draws.
        color: display colour, ``#rrggbb``.
        hatch: KLayout dither pattern by name (``solid``, ``hollow``, ``left-hatched``, ...).
        fab: True when the layer is sent to the fab (mask or implant); False for annotation.
    """

    name: str
    gds: tuple[int, int]
    description: str
    color: str
    hatch: str = "lightly right-hatched"
    fab: bool = True


LAYER_TABLE: tuple[LayerDef, ...] = (
    LayerDef("WG", (1, 0), "Silicon core, 220 nm; etched to the BOX outside", "#ff80a8", "solid"),
    LayerDef("SLAB150", (2, 0), "150 nm silicon slab (shallow rib, grating couplers)", "#ffa060"),
    LayerDef(
        "SHALLOW_ETCH",
        (2, 6),
        "70 nm shallow etch of the grating teeth",
        "#d070ff",
        "cross-hatched",
    ),
    LayerDef("SLAB90", (3, 0), "90 nm silicon slab (rib waveguides, modulators)", "#ffc080"),
    LayerDef(
        "DEEPTRENCH",
        (4, 0),
        "Deep trench through cladding and BOX (facets, thermal isolation)",
        "#8080c0",
        "coarsely dotted",
    ),
    LayerDef("GE", (5, 0), "Epitaxial germanium (photodiode absorber)", "#a0a0ff", "solid"),
    LayerDef(
        "UNDERCUT",
        (6, 0),
        "Substrate undercut below the BOX, etched through deep trenches",
        "#c0c0ff",
        "dotted",
    ),
    LayerDef("N", (20, 0), "N implant, ~3e17 cm-3 (junction)", "#7070ff", "dotted"),
    LayerDef("P", (21, 0), "P implant, ~3e17 cm-3 (junction)", "#ff7070", "dotted"),
    LayerDef(
        "NP",
        (22, 0),
        "N+ implant, ~1e18-1e19 cm-3 (intermediate)",
        "#4040ff",
        "lightly left-hatched",
    ),
    LayerDef(
        "PP",
        (23, 0),
        "P+ implant, ~1e18-1e19 cm-3 (intermediate)",
        "#ff4040",
        "lightly left-hatched",
    ),
    LayerDef("NPP", (24, 0), "N++ implant, ~1e20 cm-3 (ohmic contact)", "#0000c0", "left-hatched"),
    LayerDef("PPP", (25, 0), "P++ implant, ~1e20 cm-3 (ohmic contact)", "#c00000", "left-hatched"),
    LayerDef(
        "GEN", (26, 0), "N++ implant in germanium (photodiode contact)", "#6060d0", "left-hatched"
    ),
    LayerDef(
        "GEP", (27, 0), "P++ implant in germanium (photodiode contact)", "#d06060", "left-hatched"
    ),
    LayerDef("VIAC", (40, 0), "Contact from silicon or germanium to M1", "#606060", "hollow"),
    LayerDef("M1", (41, 0), "Metal 1 (AlCu, 0.7 um): contacts and local routing", "#40c0c0"),
    LayerDef("VIA2", (43, 0), "Via from M2 to M3", "#505050", "hollow"),
    LayerDef("VIA1", (44, 0), "Via from M1 to M2", "#404040", "hollow"),
    LayerDef("M2", (45, 0), "Metal 2 (AlCu, 2 um): RF electrodes, pads, routing", "#c0c040"),
    LayerDef("PADOPEN", (46, 0), "Passivation opening over pads", "#80ff80", "coarsely dotted"),
    LayerDef("HEATER", (47, 0), "TiN heater, 150 nm", "#d08040", "right-hatched"),
    LayerDef("UBM", (48, 0), "Under-bump metal (Ti/Cu/Ni) on bump pads", "#e0c060", "solid"),
    LayerDef("M3", (49, 0), "Metal 3, the top metal (AlCu, 2 um): routing, bumps", "#e0a0e0"),
    LayerDef("FLOORPLAN", (64, 0), "Die or cell outline", "#c0c0c0", "hollow", fab=False),
    LayerDef("TEXT", (66, 0), "Labels", "#404040", "hollow", fab=False),
    LayerDef("PADDING", (67, 0), "Keep-out padding around a cell", "#e0e0e0", "hollow", False),
    LayerDef(
        "DEVREC", (68, 0), "Device recognition (extent of a device)", "#a0a0a0", "hollow", False
    ),
    LayerDef(
        "WGCLAD",
        (111, 0),
        "Cladding extent (annotation: the oxide cladding is blanket, not masked)",
        "#c0e0ff",
        "hollow",
        fab=False,
    ),
    LayerDef(
        "NO_TILE_SI",
        (71, 0),
        "Fill exclusion: no silicon tiles (dummy fill) inside",
        "#e0c0c0",
        "hollow",
        fab=False,
    ),
    LayerDef("TE", (203, 0), "TE polarisation marker (test labels)", "#00a0a0", "hollow", False),
    LayerDef("TM", (204, 0), "TM polarisation marker (test labels)", "#a000a0", "hollow", False),
    LayerDef("PORT", (1, 10), "Optical port marker", "#00c000", "hollow", fab=False),
    LayerDef("PORTE", (1, 11), "Electrical port marker", "#c0c000", "hollow", fab=False),
    LayerDef("DICING", (100, 0), "Dicing lane (saw street)", "#808080", "dotted", fab=False),
    LayerDef(
        "WAFER", (999, 0), "Wafer extent (layer stack reference only)", "#ffffff", "hollow", False
    ),
)


LAYER_ALIASES: dict[str, str] = {"MTOP": "M3", "WG_PIN": "PORT"}
"""gdsfactory's other names for a layer of the table: its cells draw pads and routing on MTOP
and port pins on WG_PIN (1, 10), the generic PDK's PORT. gdsfactory's DEEP_ETCH (3, 6) is no alias
of DEEPTRENCH: it is a full silicon etch inside drawn silicon (ribs defined by trenches), while
DEEPTRENCH etches through cladding and BOX; this process draws full etches by leaving WG out."""


@cache
def _layer_enum() -> Any:
    import gdsfactory as gf

    layers = {d.name: d.gds for d in LAYER_TABLE}
    aliases = {alias: layers[name] for alias, name in LAYER_ALIASES.items()}
    return gf.LayerEnum("LAYER", {**layers, **aliases, "layout": gf.constant(gf.kcl.layout)})


def __getattr__(name: str) -> Any:
    if name == "LAYER":  # the gdsfactory LayerEnum, built once on first use
        return _layer_enum()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def layer_by_name(name: str) -> LayerDef:
    """Return the :class:`LayerDef` called ``name`` (``KeyError`` listing the known names)."""
    for d in LAYER_TABLE:
        if d.name == name:
            return d
    known = ", ".join(d.name for d in LAYER_TABLE)
    raise KeyError(f"unknown layer {name!r}; known layers: {known}")


@cache
def get_layer_views() -> LayerViews:
    """KLayout display properties generated from :data:`LAYER_TABLE`."""
    from gdsfactory.technology import LayerView, LayerViews

    views = {
        d.name: LayerView(
            name=d.name,
            layer=d.gds,
            info=d.description,
            fill_color=d.color,
            frame_color=d.color,
            hatch_pattern=d.hatch,
            layer_in_name=True,
            visible=d.name != "WAFER",
        )
        for d in LAYER_TABLE
    }
    return LayerViews(layer_views=views)
