"""Process constants in one typed table: what cells, models and routing read, never retype.

The numbers that are not design rules (those live in :mod:`lightlane.pdk.rules`) or layer
heights (:data:`lightlane.pdk.layer_stack.STACK`): design wavelengths, propagation losses,
sheet resistances, pad and fibre pitches. Heights and thicknesses are read from the stack here
so that every cell and model sees the same ones. Plain data: importing this module draws
nothing and imports no gdsfactory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.rules import RULES

__all__ = ["TECH", "Process"]


def _frozen(mapping: dict) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Process:
    """The process table; see :data:`TECH` for the values and their sources.

    Lengths in um, losses in dB/cm, sheet resistance in Ohm/sq, wavelengths in um.
    """

    core_thickness: float
    slab90_thickness: float
    slab150_thickness: float
    shallow_etch_depth: float
    box_thickness: float
    design_wavelength: MappingProxyType
    loss_db_per_cm: MappingProxyType
    heater_sheet_resistance: float
    contact_size: float
    pad_opening: float
    pad_clearance: float
    pad_pitch_probe: float
    pad_pitch_wire_bond: float
    pad_opening_wire_bond: float
    bump_pitch: float
    ubm_overlap: float
    fibre_pitches: tuple[float, ...]
    fibre_mode_field_diameter: MappingProxyType
    max_taper_half_angle: float
    die_size_max: float
    fibre_count_max: int
    even_step: float = field(init=False)

    def __post_init__(self) -> None:
        # A centred shape of odd width puts both edges off the grid: widths step by 2 grid units.
        object.__setattr__(self, "even_step", 2 * RULES.grid)

    def pad_side(self, opening: float | None = None) -> float:
        """The M2 side in um of a pad whose passivation opening is ``opening`` (default: the
        smallest), enclosed by rule PADOPEN.EN.1."""
        opening = self.pad_opening if opening is None else opening
        return opening + 2 * RULES["PADOPEN.EN.1"].value

    @property
    def wavelength(self) -> float:
        """The O-band design wavelength in um (the DR lane centre)."""
        return self.design_wavelength["strip"]


TECH = Process(
    core_thickness=STACK["core"][2],
    slab90_thickness=STACK["slab90"][2],
    slab150_thickness=STACK["slab150"][2],
    shallow_etch_depth=STACK["shallow_etch"][2],
    box_thickness=STACK["box"][2],
    # Centre wavelength each characterised cross-section is designed for (O band, C band).
    design_wavelength=_frozen(
        {"strip": 1.31, "strip_c": 1.55, "strip_wide": 1.31, "rib": 1.31, "slab": 1.31}
    ),
    # Propagation loss: assumed, the order foundry 220 nm platforms report (strip 1.5-3 dB/cm,
    # rib 1.5-2 dB/cm; the platforms: Siew et al., "Review of silicon photonics technology and
    # platform development", J. Lightwave Technol. 39(13), 4374, 2021); a 90 nm slab-only guide
    # is weakly confined, with little sidewall overlap. The 2 um wide strip: in single-mode
    # strips sidewall scattering dominates (Vlasov and McNab, "Losses in single-mode
    # silicon-on-insulator strip waveguides and bends", Opt. Express 12(8), 1622, 2004: a
    # 445 x 220 nm strip, 3.6 dB/cm TE at 1.5 um) and it scales with the mode's intensity at
    # the sidewalls (Payne and Lacey, Opt. Quantum Electron. 26, 977, 1994), which a 2 um core
    # cuts by more than ten times (~50 by an effective-index slab estimate at 1.31 um);
    # measured Si/SiO2 strip loss falls with core width as that model predicts (Lee et al.,
    # "Effect of size and roughness on light transmission in a Si/SiO2 waveguide: experiments
    # and model", Appl. Phys. Lett. 77, 1617, 2000). Assumed: a quarter of the strip's,
    # 0.5 dB/cm at 1.31 um (what is left is the top and bottom interfaces' scattering and
    # absorption, which the width does not change).
    loss_db_per_cm=_frozen(
        {"strip": 2.0, "strip_c": 2.0, "strip_wide": 0.5, "rib": 1.5, "slab": 1.0}
    ),
    # 150 nm TiN at ~150 uOhm cm (sputtered film): 10 Ohm/sq.
    heater_sheet_resistance=10.0,
    # Square contact size (>= rule VIAC.W.1) and its space.
    contact_size=0.5,
    # The smallest pad opening (rule PADOPEN.W.1): enough for a DC needle or an RF probe tip.
    pad_opening=RULES.min_width("PADOPEN"),
    # From a device to its pad column: room for the leads' turn.
    pad_clearance=20.0,
    # GSG/GSSG probe pitch and wire-bond pad pitch.
    pad_pitch_probe=100.0,
    pad_pitch_wire_bond=150.0,
    # A ball bond of 25 um Au wire squashes to a ~60 um ball: a 76 um opening leaves the
    # placement tolerance of a bonder (~+-5 um) and the capillary's room (assumed; the order of
    # the bond-pad guidelines of wire-bond assembly houses).
    pad_opening_wire_bond=76.0,
    # Flip-chip bump pitch: 150 um is the C4 class (solder bumps of ~100 um) an assembly house
    # bonds a photonic die to an EIC or substrate with; the pad opening rules (PADOPEN.W.1,
    # PADOPEN.S.1) allow 100 um at the least.
    bump_pitch=150.0,
    # UBM beyond the passivation opening on every side: it seals the opening's edge (assumed).
    ubm_overlap=3.0,
    # V-groove fibre arrays: 127 um and 250 um pitch (IEC 61754-7 MPO ferrules: 250 um).
    fibre_pitches=(127.0, 250.0),
    # SMF-28 mode-field diameter at 1310 and 1550 nm (Corning SMF-28 Ultra product information:
    # 9.2 +- 0.4 um and 10.4 +- 0.5 um).
    fibre_mode_field_diameter=_frozen({1.31: 9.2, 1.55: 10.4}),
    # Steeper tapers are not adiabatic, and their < 82 deg corners trip the width check (80 deg).
    max_taper_half_angle=8.0,
    # The largest exposure field of a DUV step-and-scan reticle, 26 mm x 33 mm (SEMI P1 reticle
    # and the ASML NXT field): no drawn length or die side can exceed its long side.
    die_size_max=33000.0,
    # V-groove fibre arrays are made up to 64 channels (MPO-16/32/64 fan-outs); more is a stack.
    fibre_count_max=64,
)
"""The lightlane process."""
