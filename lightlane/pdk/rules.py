"""Design rules as data: the one table that cells, the DRC deck and the docs read.

Values describe a generic DUV-class 220 nm SOI process: the shape that the public open PDKs
(gdsfactory's generic PDK, SiEPIC EBeam, Cornerstone) share and that Siew et al., "Review of
silicon photonics technology and platform development", J. Lightwave Technol. 39(13), 4374, 2021,
surveys. The values themselves are this kit's assumptions, not any foundry's rules. Lengths are in
um, areas in um^2. Each rule has an id in the IHP style (``LAYER.KIND.N``) and a one-line
description that every DRC marker repeats.

Rule kinds:

- ``width``: minimum width of ``layer``;
- ``space``: minimum space between shapes of ``layer`` (notches included);
- ``area``: minimum polygon area of ``layer``;
- ``enclosure``: ``other`` (one layer, or any of several) encloses ``layer`` by at least ``value``;
- ``separation``: shapes of ``layer`` stay at least ``value`` away from ``other`` (overlapping or
  touching shapes are a contact, not a violation);
- ``radius``: minimum bend radius of the cross-section named ``layer``;
- ``grid``: every vertex on a ``value`` grid;
- ``angle``: no interior angle below ``value`` degrees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

__all__ = ["DENSITY_RULES", "RULES", "DensityRule", "Rule", "RuleTable"]

RuleKind = Literal["width", "space", "area", "enclosure", "separation", "radius", "grid", "angle"]
_UNITS = {"area": "um^2", "angle": "deg"}


@dataclass(frozen=True)
class Rule:
    """One design rule; see the module docstring for the meaning of each kind."""

    id: str
    kind: RuleKind
    layer: str
    value: float
    description: str
    other: tuple[str, ...] = ()

    @property
    def unit(self) -> str:
        return _UNITS.get(self.kind, "um")

    def message(self) -> str:
        """The marker text: ``"WG.W.1: WG width < 0.15 um"``."""
        return f"{self.id}: {self.description}"


class RuleTable:
    """An immutable, indexable collection of :class:`Rule` with lookups by layer and kind."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        ids = [r.id for r in rules]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"duplicated rule ids: {duplicated}")
        self._rules = rules
        self._by_id = {r.id: r for r in rules}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise KeyError(f"unknown rule id {rule_id!r}") from None

    def __repr__(self) -> str:
        return f"RuleTable({len(self)} rules)"

    def of_kind(self, kind: RuleKind) -> tuple[Rule, ...]:
        return tuple(r for r in self._rules if r.kind == kind)

    def find(self, kind: RuleKind, layer: str) -> Rule | None:
        """The rule of ``kind`` on ``layer``, or None when the process sets none."""
        for r in self._rules:
            if r.kind == kind and r.layer == layer:
                return r
        return None

    def min_width(self, layer: str) -> float:
        rule = self.find("width", layer)
        return rule.value if rule else 0.0

    def min_space(self, layer: str) -> float:
        rule = self.find("space", layer)
        return rule.value if rule else 0.0

    def min_radius(self, cross_section: str) -> float:
        rule = self.find("radius", cross_section)
        return rule.value if rule else 0.0

    @property
    def grid(self) -> float:
        rule = self.find("grid", "*")
        return rule.value if rule else 0.001

    def require_at_least(
        self,
        parameter: str,
        value: float,
        rule_id: str | None,
        what: str | None = None,
        *,
        minimum: float | None = None,
    ) -> None:
        """Raise ``ValueError`` unless ``value >= minimum`` (by default the rule's value).

        The message names the parameter, the value, the limit and the rule, e.g.
        ``width=0.1 um is below the minimum WG width of 0.15 um (rule WG.W.1); use width >= 0.15``.
        A limit derived from several rules passes ``minimum`` (and the rule that binds, if any).
        """
        rule = self[rule_id] if rule_id is not None else None
        limit = rule.value if minimum is None else minimum
        unit = rule.unit if rule is not None else "um"
        if not value >= limit - 1e-9:
            what = what or f"{rule.layer} {rule.kind}"
            cite = f" (rule {rule.id})" if rule is not None else ""
            raise ValueError(
                f"{parameter}={value:g} {unit} is below the minimum {what} of "
                f"{limit:g} {unit}{cite}; use {parameter} >= {limit:g}"
            )

    def require_width(self, parameter: str, value: float, layer: str) -> None:
        """Raise ``ValueError`` when ``value`` is below the minimum width of ``layer``."""
        rule = self.find("width", layer)
        if rule is not None:
            self.require_at_least(parameter, value, rule.id, f"{layer} width")
        self.require_even_width(parameter, value)

    def require_even_width(self, parameter: str, value: float) -> None:
        """Raise ``ValueError`` unless ``value`` is a multiple of two grid steps.

        A centred shape of odd width would put both of its edges off the grid.
        """
        step = 2 * self.grid
        if abs(round(value / step) * step - value) > 1e-9:
            raise ValueError(
                f"{parameter}={value!r} um is not a multiple of {step * 1e3:g} nm, so its edges "
                f"would fall off the {self.grid * 1e3:g} nm grid (rule GRID.1); "
                f"use {round(value / step) * step:.3f}"
            )

    def require_radius(self, parameter: str, value: float, cross_section: str) -> None:
        """Raise ``ValueError`` when ``value`` is below the cross-section's minimum radius."""
        rule = self.find("radius", cross_section)
        if rule is not None:
            self.require_at_least(parameter, value, rule.id, f"bend radius of {cross_section!r}")


def _layer_rules(
    layer: str, width: float, space: float, area: float | None, what: str, n: int = 1
) -> tuple[Rule, ...]:
    rules = [
        Rule(f"{layer}.W.{n}", "width", layer, width, f"{what} width < {width:g} um"),
        Rule(f"{layer}.S.{n}", "space", layer, space, f"{what} space < {space:g} um"),
    ]
    if area is not None:
        rules.append(Rule(f"{layer}.A.{n}", "area", layer, area, f"{what} area < {area:g} um^2"))
    return tuple(rules)


def _enclosure(rule_id: str, inner: str, outer: tuple[str, ...], value: float) -> Rule:
    by = " or ".join(outer)
    return Rule(
        rule_id, "enclosure", inner, value, f"{by} must enclose {inner} by >= {value:g} um", outer
    )


def _separation(rule_id: str, layer: str, other: str, value: float, why: str) -> Rule:
    return Rule(
        rule_id, "separation", layer, value, f"{layer} to {other} < {value:g} um ({why})", (other,)
    )


def _radius(rule_id: str, cross_section: str, value: float) -> Rule:
    return Rule(
        rule_id, "radius", cross_section, value, f"bend radius of {cross_section} < {value:g} um"
    )


_IMPLANTS = ("N", "P", "NP", "PP", "NPP", "PPP", "GEN", "GEP")

RULES = RuleTable(
    (
        Rule("GRID.1", "grid", "*", 0.001, "vertex off the 1 nm grid"),
        Rule("ANGLE.1", "angle", "*", 45.0, "acute angle < 45 deg"),
        *_layer_rules("WG", 0.15, 0.15, 0.05, "Si core"),
        *_layer_rules("SLAB150", 0.3, 0.3, 0.1, "150 nm slab"),
        *_layer_rules("SHALLOW_ETCH", 0.15, 0.15, 0.05, "shallow etch"),
        *_layer_rules("SLAB90", 0.3, 0.3, 0.1, "90 nm slab"),
        *_layer_rules("GE", 1.0, 1.0, 4.0, "Ge"),
        *(r for name in _IMPLANTS for r in _layer_rules(name, 0.5, 0.5, 0.5, f"{name} implant")),
        *_layer_rules("VIAC", 0.3, 0.3, None, "contact"),
        *_layer_rules("M1", 1.0, 1.0, 2.0, "M1"),
        *_layer_rules("VIA1", 0.5, 0.5, None, "via1"),
        *_layer_rules("M2", 2.0, 2.0, 4.0, "M2"),
        *_layer_rules("VIA2", 0.5, 0.5, None, "via2"),
        # M3 is the top metal (gdsfactory's MTOP): as thick as M2, drawn for routing and bumps.
        *_layer_rules("M3", 2.0, 2.0, 4.0, "M3"),
        # A deep trench is lithographically coarse (thick resist for the ~10 um etch).
        *_layer_rules("DEEPTRENCH", 2.0, 2.0, 4.0, "deep trench"),
        *_layer_rules("UNDERCUT", 2.0, 2.0, 4.0, "undercut"),
        *_layer_rules("HEATER", 1.0, 1.0, 2.0, "TiN heater"),
        *_layer_rules("PADOPEN", 50.0, 50.0, None, "pad opening"),
        # UBM: a plated stack patterned with thick resist; it sits on M3 over a bump opening.
        *_layer_rules("UBM", 20.0, 20.0, None, "under-bump metal"),
        _enclosure("GE.EN.1", "GE", ("WG",), 0.5),
        _enclosure("GEN.EN.1", "GEN", ("GE",), 0.2),
        _enclosure("GEP.EN.1", "GEP", ("GE",), 0.2),
        _enclosure("VIAC.EN.1", "VIAC", ("M1",), 0.2),
        _enclosure("VIAC.EN.2", "VIAC", ("NPP", "PPP", "GEN", "GEP", "HEATER"), 0.2),
        _enclosure("VIA1.EN.1", "VIA1", ("M1",), 0.2),
        _enclosure("VIA1.EN.2", "VIA1", ("M2",), 0.2),
        _enclosure("VIA2.EN.1", "VIA2", ("M2",), 0.2),
        _enclosure("VIA2.EN.2", "VIA2", ("M3",), 0.2),
        _enclosure("PADOPEN.EN.1", "PADOPEN", ("M2", "M3"), 2.0),
        _enclosure("UBM.EN.1", "UBM", ("M3",), 2.0),
        _separation("NPP.SEP.1", "NPP", "WG", 0.8, "contact implant loads the optical mode"),
        _separation("PPP.SEP.1", "PPP", "WG", 0.8, "contact implant loads the optical mode"),
        _separation("HEATER.SEP.1", "HEATER", "M1", 1.0, "heat leaks into the metal"),
        # A trench wall this close scatters the evanescent tail of a 220 nm strip mode.
        _separation("DEEPTRENCH.SEP.1", "DEEPTRENCH", "WG", 1.0, "trench wall scatters the mode"),
        _radius("XS.R.strip", "strip", 5.0),
        _radius("XS.R.strip_c", "strip_c", 5.0),
        _radius("XS.R.rib", "rib", 15.0),
        # A ring modulator is a closed rib of 5-10 um radius (assumed; FSR = wl^2 / (n_g 2 pi R)
        # is ~13 nm at 5 um). Its bend radiation is part of the ring's intrinsic Q, budgeted by
        # its model, unlike the routing rib whose 15 um keeps long bends loss-free.
        _radius("XS.R.pn_ring", "pn_ring", 5.0),
        _radius("XS.R.heater", "heater", 5.0),
    )
)


@dataclass(frozen=True)
class DensityRule:
    """Pattern density of ``layer`` in every ``window`` x ``window`` um window (stepped by
    ``step``) between ``minimum`` and ``maximum`` (fractions), and the fill that raises it.

    A die-level rule: chemical-mechanical polishing planarises evenly only where the pattern
    density varies little (Stine et al., "The physical and electrical effects of metal-fill
    patterning practices for oxide chemical-mechanical polishing processes", IEEE Trans.
    Electron Devices 45(3), 665, 1998); single cells are not held to it. The fill is squares of
    ``fill_size`` at ``fill_pitch`` (pattern density ``(size / pitch)^2``), kept ``clearance``
    um from every shape of ``keepout`` (the layer itself included) and inside the die.
    """

    id: str
    layer: str
    window: float
    step: float
    minimum: float
    maximum: float
    fill_size: float
    fill_pitch: float
    clearance: float
    keepout: tuple[str, ...]

    @property
    def fill_density(self) -> float:
        return (self.fill_size / self.fill_pitch) ** 2

    def message(self) -> str:
        return (
            f"{self.id}: {self.layer} density outside [{self.minimum:.0%}, {self.maximum:.0%}] "
            f"in a {self.window:g} um window"
        )


# Light, waveguides and their evanescent tails keep fill 3 um away (the tail of a 220 nm strip
# decays ~10 dB/um); metal fill keeps off the heaters and the pad openings too. The windows and
# limits are this kit's assumptions, the shape of a foundry's CMP rules.
_OPTICAL = ("WG", "SLAB150", "SLAB90", "SHALLOW_ETCH", "GE", "DEEPTRENCH", "UNDERCUT")
_IMPLANTED = ("N", "P", "NP", "PP", "NPP", "PPP")
_METAL_KEEPOUT = (*_OPTICAL, "HEATER", "PADOPEN", "UBM", "M1", "M2", "M3")
# M1 and M2 fill may lie under top-metal (M3) routes: floating tiles two levels under a wire
# short nothing, and without them a die whose routes cover whole windows could not meet its
# M1/M2 density.
_LOWER_METAL_KEEPOUT = (*_OPTICAL, "HEATER", "PADOPEN", "UBM", "M1", "M2")

DENSITY_RULES: tuple[DensityRule, ...] = (
    DensityRule(
        "WG.D.1",
        "WG",
        500.0,
        250.0,
        0.10,
        0.80,
        5.0,
        10.0,
        3.0,
        (*_OPTICAL, *_IMPLANTED, "NO_TILE_SI"),
    ),
    DensityRule("M1.D.1", "M1", 500.0, 250.0, 0.10, 0.80, 10.0, 15.0, 3.0, _LOWER_METAL_KEEPOUT),
    DensityRule("M2.D.1", "M2", 500.0, 250.0, 0.10, 0.80, 10.0, 15.0, 3.0, _LOWER_METAL_KEEPOUT),
    DensityRule("M3.D.1", "M3", 500.0, 250.0, 0.10, 0.80, 10.0, 15.0, 3.0, _METAL_KEEPOUT),
)
"""Die-level density rules, checked by :func:`lightlane.verify.preflight.preflight` and met by
:func:`lightlane.verify.fill.add_fill`."""
