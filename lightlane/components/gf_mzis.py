"""gdsfactory's Mach-Zehnder interferometer (``mzi``) and its 2x2 variants under its names.

gdsfactory's lattice filters (``mzi_lattice``, ``mzi_lattice_mmi``) ask the PDK for ``mzi_coupler``
and ``mzi2x2_2x2``. The drawing is gdsfactory's own ``mzi`` (splitter, two arms of Euler bends
and straights, the mirrored combiner) run on this PDK's cells, which refuse what breaks a rule;
the splitter and combiner are one of the couplers the models know (``mmi1x2``, ``mmi2x2``,
``coupler``), the arms plain straights and Euler bends. The geometry the model needs (each
arm's straight length, the bend length, the splitters' geometry) is read from the drawn arms.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf

from lightlane.components._checks import (
    DIE,
    cell,
    require_choice,
    require_count,
    require_flag,
    require_number,
    variant,
)

__all__ = ["mzi", "mzi2x2_2x2", "mzi_coupler"]

_gdsfactory_mzi = gf.components.mzi.__wrapped__  # gdsfactory's drawing, without its cache
SPLITTERS = ("mmi1x2", "mmi2x2", "coupler")
_TOP, _BOTTOM = ("sytl", "sxt", "sytr"), ("syl", "sxb", "sybr")


def _coupler_of(parameter: str, spec: Any) -> gf.Component:
    """The splitter or combiner ``spec`` (a name or a built cell), one the models know."""
    component = spec if isinstance(spec, gf.Component) else gf.get_component(spec)
    require_choice(f"{parameter} (its cell)", component.function_name, SPLITTERS)
    return component


def _geometry(component: gf.Component) -> dict[str, Any]:
    """A built coupler's settings and info: the geometry its model reads."""
    return {**dict(component.settings), **dict(component.info)}


def _fixed(parameter: str, value: Any, allowed: tuple) -> None:
    if not any(value == a and type(value) is type(a) for a in allowed):
        raise ValueError(
            f"{parameter}={value!r}: this MZI's arms are straights and Euler bends with the "
            f"splitter's own ports; use {parameter} in {allowed!r}"
        )


# gdsfactory's arguments this MZI holds fixed: the arms' parts and port names, then its flags.
_FIXED = (
    ("bend", ("bend_euler",)),
    ("straight", ("straight",)),
    ("straight_y", (None, "straight")),
    ("straight_x_top", (None, "straight")),
    ("straight_x_bot", (None, "straight")),
    ("port1", ("o1",)),
    ("port2", ("o2",)),
    ("cross_section_x_top", (None,)),
    ("cross_section_x_bot", (None,)),
)
_FLAGS = (
    ("with_splitter", True),
    ("mirror_bot", False),
    ("add_optical_ports_arms", False),
    ("auto_rename_ports", True),
    ("auto_detect_port_names", False),
)


def _check_fixed(arguments: dict[str, Any]) -> None:
    """Refuse a value of a fixed argument (:data:`_FIXED`, :data:`_FLAGS`) other than its own."""
    for name, allowed in _FIXED:
        _fixed(name, arguments[name], allowed)
    for name, flag in _FLAGS:
        require_flag(name, arguments[name])
        _fixed(name, arguments[name], (flag,))


@cell(basename="mzi_composed")
def mzi(
    delta_length: float = 10.0,
    length_y: float = 2.0,
    length_x: float | None = 1.0,
    bend: Any = "bend_euler",
    straight: Any = "straight",
    straight_y: Any = None,
    straight_x_top: Any = None,
    straight_x_bot: Any = None,
    splitter: Any = "mmi1x2",
    combiner: Any = None,
    with_splitter: bool = True,
    port_e1_splitter: str = "o2",
    port_e0_splitter: str = "o3",
    port_e1_combiner: str = "o2",
    port_e0_combiner: str = "o3",
    port1: str = "o1",
    port2: str = "o2",
    nbends: int = 2,
    cross_section: Any = "strip",
    cross_section_x_top: Any = None,
    cross_section_x_bot: Any = None,
    mirror_bot: bool = False,
    add_optical_ports_arms: bool = False,
    min_length: float = 0.01,
    auto_rename_ports: bool = True,
    auto_detect_port_names: bool = False,
) -> gf.Component:
    """gdsfactory's MZI: ``splitter``, two arms, the mirrored ``combiner``; the bottom arm is
    ``delta_length`` longer.

    ::

             b2__sxt__b3
             |         |
        o1 -splitter  combiner- o2       (2x2 couplers: o1, o2 west; o3, o4 east)
             |         |
             b6__sxb__b7

    Args:
        delta_length: extra length of the bottom arm in um (a negative one lengthens the top).
        length_y: vertical straight of the short arm in um.
        length_x: horizontal straight of each arm in um; None takes the straight's default
            (1 um by default: gdsfactory's 0.1 um piece would overhang its bends, as short
            straights do to stay clean on their own).
        bend: the arms' bends (``bend_euler``).
        straight: the arms' straights (``straight``).
        straight_y: gdsfactory's vertical straights: None (``straight``).
        straight_x_top: gdsfactory's top straight: None (``straight``).
        straight_x_bot: gdsfactory's bottom straight: None (``straight``).
        splitter: ``mmi1x2``, ``mmi2x2`` or ``coupler`` (a name or a built cell).
        combiner: the same kinds; None: the splitter.
        with_splitter: True (the model needs both couplers).
        port_e1_splitter: the splitter port of the top arm.
        port_e0_splitter: the splitter port of the bottom arm.
        port_e1_combiner: the combiner port of the top arm.
        port_e0_combiner: the combiner port of the bottom arm.
        port1: the straights' and bends' input port name (``o1``).
        port2: their output port name (``o2``).
        nbends: gdsfactory's bends per corner: 2.
        cross_section: the arms' cross-section.
        cross_section_x_top: None (the arms' cross-section).
        cross_section_x_bot: None (the arms' cross-section).
        mirror_bot: False.
        add_optical_ports_arms: False (the arms are inside the device).
        min_length: gdsfactory's smallest straight in um.
        auto_rename_ports: True (ports o1..oN).
        auto_detect_port_names: False (the port names are given).
    """
    _check_fixed(locals())  # the arguments only, at this point
    require_count("nbends", nbends, 2, 2, "the arms turn through one bend per corner")
    require_number("delta_length", delta_length, -DIE, DIE)
    require_number("length_y", length_y, 0.0, DIE)
    if length_x is not None:
        require_number("length_x", length_x, 0.0, DIE)
    require_number("min_length", min_length, 0.0, 100.0)
    split = _coupler_of("splitter", splitter)
    combine = _coupler_of("combiner", combiner) if combiner is not None else split
    for name, port, part in (
        ("port_e1_splitter", port_e1_splitter, split),
        ("port_e0_splitter", port_e0_splitter, split),
        ("port_e1_combiner", port_e1_combiner, combine),
        ("port_e0_combiner", port_e0_combiner, combine),
    ):
        require_choice(name, port, tuple(p.name for p in part.ports if p.orientation == 0))
    c = _gdsfactory_mzi(
        delta_length=delta_length,
        length_y=length_y,
        length_x=length_x,
        bend=bend,
        straight=straight,
        splitter=split,
        combiner=combine,
        port_e1_splitter=port_e1_splitter,
        port_e0_splitter=port_e0_splitter,
        port_e1_combiner=port_e1_combiner,
        port_e0_combiner=port_e0_combiner,
        nbends=nbends,
        cross_section=cross_section,
        min_length=min_length,
    )
    arms = {
        side: sum(float(c.insts[name].cell.info["length"]) for name in names)
        for side, names in (("top", _TOP), ("bottom", _BOTTOM))
    }
    bend_cell = c.insts["b1"].cell
    c.info["splitter"] = split.function_name
    c.info["splitter_geometry"] = _geometry(split)
    c.info["combiner"] = combine.function_name
    c.info["combiner_geometry"] = _geometry(combine)
    c.info["length_straight_top"] = round(arms["top"], 6)
    c.info["length_straight_bottom"] = round(arms["bottom"], 6)
    c.info["length_bend"] = float(bend_cell.info["length"])
    c.info["width"] = float(bend_cell.info["width"])
    return c


mzi2x2_2x2 = variant(
    mzi,
    __name__,
    "gdsfactory's 2x2 MZI: :func:`mzi` between two ``mmi2x2``.",
    splitter="mmi2x2",
    combiner="mmi2x2",
    port_e1_splitter="o3",
    port_e0_splitter="o4",
    port_e1_combiner="o3",
    port_e0_combiner="o4",
    length_x=None,
)
mzi_coupler = variant(
    mzi,
    __name__,
    "gdsfactory's directional-coupler MZI: :func:`mzi` between two ``coupler``.",
    splitter="coupler",
    combiner="coupler",
    port_e1_splitter="o3",
    port_e0_splitter="o4",
    port_e1_combiner="o3",
    port_e0_combiner="o4",
    length_x=None,
)
