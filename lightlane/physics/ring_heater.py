"""Where a ring heater's power goes, and how much of it the ring's core sees (3-D, axisymmetric).

The axisymmetric field of :mod:`lightlane.physics.thermal` is weighed by reciprocity. The
finite-volume operator is symmetric (each face conducts one conductance both ways, Patankar
1980, ch. 4), so the mean rise of the ring's core per mW dissipated in a cell equals the rise
of that cell per mW spread over the core (Green's reciprocity for steady conduction: Carslaw &
Jaeger, "Conduction of Heat in Solids", 2nd ed., Oxford 1959, sec. 14.3). One solve with the
core as the source then prices every part of the heater:

- the TiN arc over the ring, its share of the power by squares;
- the TiN leads from the arc's ends out to their via stacks, in series with the arc, so they
  dissipate their share of the squares (15 of 38.6 squares, 39 % of the power, for leads as
  wide as a 1 um arc; 3 um leads take 5 of 28.6). They run radially, so a lead's point at
  radius r weighs what the field holds at r, exactly, since that field is rotationally
  symmetric.

The metal over the slab, which the older model left out:

- The centre via stack (contact, M1, via1, M2) is a high-conductivity plate. Its square becomes a
  disc of the same area.
- The M1 arc over the outer contacts becomes an annulus carrying its angular share of the
  conductivity (homogenised: an approximation), and so do the via plugs under it.
- The M2 lead that leaves each of them to its pad is a long cooling fin:
  ``G = sqrt(g' k A)`` (Incropera & DeWitt, "Fundamentals of Heat and Mass Transfer", 6th ed.,
  Wiley 2007, sec. 3.6.2, the infinitely long fin). Here ``g' = 2 pi k_ox / ln(8 h / w)`` is the
  lead's conductance per length to the substrate: a strip of width w is, outside it, a cylinder
  of diameter w/2, and the buried cylinder's shape factor is Table 4.1, case 2. This is a lumped
  sink on the metal it leaves (:func:`lightlane.physics.conduction.solve`).

What is still left out: the heater leads' own via stacks and M2 leads, at the leads' far ends,
where the field's weight is lowest. The arc contact's fin, spread round its annulus, draws a
little more heat than the one point it leaves from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from lightlane.physics.conduction import Block, axis, solve
from lightlane.physics.materials import K_ALCU, K_SIO2, K_TIN
from lightlane.physics.thermal import _FAR, _FINE, HeaterStack, _check_stack, _layers, _z_edges

__all__ = ["RingMetal", "lead_fin_conductance", "ring_heater_rise_per_mw"]


@dataclass(frozen=True)
class RingMetal:
    """Metal over a ring modulator's slab (um; conductivities in W/(m K)).

    Attributes:
        centre: the centre via stack's layers bottom up, ``(z0, z1, k)``, vias at their drawn
            area share of the plug's conductivity.
        centre_side: side of the centre via stack's square (0: none).
        arc: the layers under and of the outer contacts' metal arc, ``(z0, z1, k)``, each k
            already at its area share of the arc's annulus.
        arc_radius, arc_width: mid radius and width of that arc (0: none).
        lead_conductance: mW/K of the fin each M2 lead is: one leaves the centre stack's top,
            one the arc's top layer.
    """

    centre: tuple[tuple[float, float, float], ...] = ()
    centre_side: float = 0.0
    arc: tuple[tuple[float, float, float], ...] = ()
    arc_radius: float = 0.0
    arc_width: float = 0.0
    lead_conductance: float = 0.0

    def blocks_and_sinks(self) -> tuple[list[Block], list[tuple[Block, float]]]:
        """The metal as conduction blocks, and its leads as sinks on the top layers."""
        blocks, sinks = [], []
        if self.centre_side > 0 and self.centre:
            r = self.centre_side / np.sqrt(np.pi)  # the square's area as a disc
            blocks += [Block(0.0, r, z0, z1, k) for z0, z1, k in self.centre]
            sinks.append((Block(0.0, r, *self.centre[-1][:2], 0.0), self.lead_conductance))
        if self.arc_radius > 0 and self.arc:
            r0, r1 = self.arc_radius - self.arc_width / 2, self.arc_radius + self.arc_width / 2
            blocks += [Block(r0, r1, z0, z1, k) for z0, z1, k in self.arc]
            sinks.append((Block(r0, r1, *self.arc[-1][:2], 0.0), self.lead_conductance))
        return blocks, [s for s in sinks if s[1] > 0]


def lead_fin_conductance(
    width: float, thickness: float, height: float, k_metal: float = K_ALCU, k_oxide=K_SIO2
) -> float:
    """Conductance in mW/K of a long metal lead to the substrate ``height`` um below its centre.

    ``sqrt(g' k A)`` with ``g' = 2 pi k_ox / ln(8 h / w)`` (module docstring). The lead must be
    long against its decay length ``sqrt(k A / g')`` (22 um for an M2 lead of this PDK), which
    the ring modulator's leads to their pads are (> 30 um).
    """
    for name, value in (("width", width), ("thickness", thickness), ("height", height)):
        if not value > 0:
            raise ValueError(f"{name}={value} um must be > 0")
    if not 8 * height / width > 2.0:
        raise ValueError(f"height={height} um must exceed width/4={width / 4} um (a buried strip)")
    per_length = 2 * np.pi * k_oxide / np.log(8 * height / width)  # W/(m K)
    return float(np.sqrt(per_length * k_metal * width * thickness * 1e-12) * 1e3)


@lru_cache(maxsize=64)
def _core_field(radius, core_width, heater_width, slab, stack: HeaterStack, metal: RingMetal):
    """Rise per mW spread uniformly over the ring's core (the reciprocal problem)."""
    _check_stack(stack)
    inner, outer, thickness = slab
    core = (radius - core_width / 2, radius + core_width / 2)
    heater = (radius - heater_width / 2, radius + heater_width / 2)
    blocks, sinks = metal.blocks_and_sinks()
    breaks = [0.0, *core, *heater, _FAR + radius] + [v for b in blocks for v in (b.u0, b.u1)]
    if thickness > 0:
        breaks += [inner, outer]
    u = axis(breaks, _FINE, 2.0, (radius - 3.0, radius + 3.0))
    extra = [v for b in blocks for v in (b.z0, b.z1)] + ([thickness] if thickness > 0 else [])
    z = _z_edges(stack, extra=extra)
    c0 = stack.core_z - stack.core_thickness / 2
    h0 = stack.heater_z - stack.heater_thickness / 2
    painted = _layers(stack, _FAR + radius, [slab] if thickness > 0 else [])
    painted += blocks
    painted.append(Block(*heater, h0, h0 + stack.heater_thickness, K_TIN))
    source = Block(*core, c0, c0 + stack.core_thickness, stack.k_film)
    return solve(u, z, background=stack.k_oxide, blocks=painted, source=source, sinks=sinks)


def ring_heater_rise_per_mw(
    radius: float,
    core_width: float,
    heater_width: float,
    stack: HeaterStack,
    slab: tuple[float, float, float] = (0.0, 0.0, 0.0),
    lead_length: float = 0.0,
    metal: RingMetal = RingMetal(),
    arc_fraction: float = 0.5,
    lead_width: float | None = None,
) -> float:
    """Mean rise of the ring's core per mW of heater power, K/mW.

    Args:
        radius, core_width: ring core centre radius and width in um.
        heater_width: TiN width in um, centred over the core (arc and leads).
        stack: heights of the heater and the core.
        slab: (inner radius, outer radius, thickness) of device Si under the ring, um.
        lead_length: TiN length of the heater's two straight leads together, in um: they run
            radially outwards from the arc's inner edge, in series with the arc.
        metal: the contact metal and its leads (:class:`RingMetal`).
        arc_fraction: share of the circumference the TiN arc covers (0.5: a half ring). By
            symmetry its power counts the same wherever it sits, so only its length, against
            the leads', sets its share of the power.
        lead_width: TiN width of the leads in um (None: ``heater_width``). The current is the
            same in arc and leads, so each part's share of the power is its share of the
            squares (length / width): wider leads dissipate less, off the ring.
    """
    if not (radius > 0 and core_width > 0 and heater_width / 2 < radius):
        raise ValueError(
            f"radius={radius}, core_width={core_width}, heater_width={heater_width} um: need "
            "radius, core_width > 0 and heater_width < 2 radius"
        )
    if not lead_length >= 0:
        raise ValueError(f"lead_length={lead_length} um must be >= 0")
    lead_w = heater_width if lead_width is None else float(lead_width)
    if not 0 < lead_w <= radius:
        raise ValueError(f"lead_width={lead_w} um must lie in (0, radius={radius}]")
    if not 0 < arc_fraction <= 1:
        raise ValueError(f"arc_fraction={arc_fraction} must lie in (0, 1]")
    field = _core_field(
        float(radius), float(core_width), float(heater_width), tuple(map(float, slab)), stack,
        metal,
    )  # fmt: skip
    h0 = stack.heater_z - stack.heater_thickness / 2
    h1 = h0 + stack.heater_thickness
    arc = field.mean(radius - heater_width / 2, radius + heater_width / 2, h0, h1)
    if lead_length == 0:
        return arc
    u, rise = field.profile(h0, h1)
    side = lead_length / 2
    x = np.linspace(radius - heater_width / 2, radius - heater_width / 2 + side, 201)
    y = np.linspace(-lead_w, 0.0, 9)  # a lead's width, beside the arc's end
    lead = float(np.interp(np.hypot(x[:, None], y[None, :]), u, rise).mean())
    arc_squares = 2 * np.pi * radius * arc_fraction / heater_width
    lead_squares = lead_length / lead_w
    return (arc_squares * arc + lead_squares * lead) / (arc_squares + lead_squares)
