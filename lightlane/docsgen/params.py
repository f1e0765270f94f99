"""What the gallery says about a cell's parameters: description, unit and valid range.

Everything is read from the code: the ``Args:`` section of the docstring (description, unit,
inequalities, rule ids, module constants it names) and the cell's own checks, probed by calling
the cell with 0 and reading the ``ValueError`` it raises before drawing.
"""

from __future__ import annotations

import inspect
import re
import sys
import typing
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["ParameterDoc", "docstring_args", "parameter_docs", "summary"]

_UNITS = {
    "um^2": "um^2",
    "um": "um",
    "µm": "um",
    "nm": "nm",
    "degrees": "deg",
    "degree": "deg",
    "deg": "deg",
    "dB/cm": "dB/cm",
    "dB": "dB",
    "V": "V",
    "mA": "mA",
    "mW": "mW",
    "W": "W",
    "GHz": "GHz",
    "GBd": "GBd",
    "ohm": "ohm",
    "K": "K",
    "fF": "fF",
    "pF": "pF",
    "ps": "ps",
    "A/W": "A/W",
}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_UNIT_RE = re.compile(rf"(?:\bin (?:units of )?|\()({_UNIT_ALT})(?=[\s,.;:)]|$)")
_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?"
_INTERVAL_RE = re.compile(rf"\bin ([\[(])\s*({_NUMBER})\s*,\s*({_NUMBER})\s*([\])])")
_INEQUALITY_RE = re.compile(
    rf"(?<![\w.])(0 or )?(>=|<=|>|<)\s*({_NUMBER})(?!\w|\.\d)(?: ?({_UNIT_ALT})(?![\w/^]))?"
)
# A module constant (FIBRE_PITCHES) or a field of one (TECH.fibre_pitches).
_CONSTANT_RE = re.compile(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z][A-Z0-9]*\.[a-z][a-z0-9_]*)\b")
_PROBED_RE = re.compile(rf"use (\w+) (>=|<=|>|<) ({_NUMBER})|must be (0 or )?(>=|>) ?({_NUMBER})")
_RULE_CITED_RE = re.compile(r"\(rule ([\w.]+)\)")


def docstring_args(func: Any) -> dict[str, str]:
    """The ``Args:`` section of a Google-style docstring as {name: description}."""
    doc = inspect.getdoc(func) or ""
    match = re.search(r"^Args:\n((?:[ \t]+.*\n?|\n)*)", doc, flags=re.MULTILINE)
    if not match:
        return {}
    args: dict[str, str] = {}
    current = None
    for line in match.group(1).splitlines():
        item = re.match(r"^\s{4}(\w+):\s*(.*)$", line)
        if item:
            current = item.group(1)
            args[current] = item.group(2).strip()
        elif current and line.strip():
            args[current] += " " + line.strip()
    return args


def summary(func: Any) -> str:
    """The first paragraph of ``func``'s docstring, on one line ("module docstring" naming the
    module it means)."""
    from lightlane.docsgen.griffe_docstrings import module_mentions

    doc = inspect.getdoc(func) or ""
    first = doc.split("\n\n")[0].replace("\n", " ")
    module = (
        getattr(func, "__name__", "") if inspect.ismodule(func) else getattr(func, "__module__", "")
    )
    return module_mentions(first, module, link=False) if module else first


@dataclass(frozen=True)
class ParameterDoc:
    """One row of a card's parameter table."""

    name: str
    default: Any
    unit: str
    description: str
    valid: str


def unit_of(description: str) -> str:
    """The unit a parameter description states (``"length in um"`` -> ``um``), else ``""``."""
    match = _UNIT_RE.search(description)
    return _UNITS[match.group(1)] if match else ""


def _constants(description: str, module: Any) -> list[str]:
    """``NAME = value`` for every module constant the description names."""
    out = []
    for name in dict.fromkeys(_CONSTANT_RE.findall(description)):
        value: Any = module
        for part in name.split("."):
            value = getattr(value, part, None)
        if isinstance(value, int | float | tuple | frozenset | list | str):
            shown = sorted(value) if isinstance(value, frozenset) else value
            out.append(f"`{name}` = {shown!r}" if isinstance(shown, str) else f"`{name}` = {shown}")
    return out


def _rules_cited(text: str) -> dict[str, str]:
    """{rule id: "rule ID = value unit"} for every rule of the table that ``text`` names."""
    from lightlane.pdk.rules import RULES

    out = {}
    for rule in RULES:
        if re.search(rf"(?<![\w.]){re.escape(rule.id)}(?![\w.])", text):
            out[rule.id] = f"rule {rule.id} = {rule.value:g} {rule.unit}"
    return out


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}" if unit else text


def _from_docstring(description: str, annotation: Any, unit: str) -> list[str]:
    pieces = []
    for lo_bracket, lo, hi, hi_bracket in _INTERVAL_RE.findall(description):
        pieces.append(_with_unit(f"{lo_bracket}{lo}, {hi}{hi_bracket}", unit))
    for zero_or, op, value, stated in _INEQUALITY_RE.findall(description):
        if stated and _UNITS[stated] != unit:
            continue  # a bound on a derived quantity ("half-angle <= 8 deg"), not this parameter
        pieces.append(_with_unit(f"{zero_or}{op} {float(value):g}", unit))
    if re.search(r"\bnot 0\b", description):
        pieces.append("!= 0")
    if typing.get_origin(annotation) is typing.Literal:
        pieces.append("one of " + ", ".join(f"`{v}`" for v in typing.get_args(annotation)))
    return pieces


def probe_lower_limit(factory: Any, name: str, unit: str = "") -> tuple[str, str | None]:
    """The limit the cell states when ``name`` is 0 and the rule it cites; ``""`` when accepted.

    Cells validate before drawing, so a refused value costs no geometry.
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            factory(**{name: 0})
    except ValueError as error:
        message = str(error)
        match = _PROBED_RE.search(message)
        if f"{name}=" not in message or not match:
            return "", None
        if match.group(1):
            limit = f"{match.group(2)} {float(match.group(3)):g}"
        else:
            limit = f"{match.group(4) or ''}{match.group(5)} {float(match.group(6)):g}"
        cited = _RULE_CITED_RE.search(message)
        rule = cited.group(1) if cited else None
        return _with_unit(limit, unit) + (f" (rule {rule})" if rule else ""), rule
    except Exception:  # noqa: BLE001 - a failure other than the cell's check states no limit
        return "", None
    return "", None


def _numeric(param: inspect.Parameter) -> bool:
    default = param.default
    if isinstance(default, bool):
        return False
    if isinstance(default, int | float):
        return default > 0
    hints = str(param.annotation)
    return default is None and ("float" in hints or "int" in hints)


def _type_hints(factory: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(factory)
    except Exception:  # noqa: BLE001 - unresolvable annotations: fall back to the raw ones
        return {}


def parameter_docs(factory: Any) -> list[ParameterDoc]:
    """A :class:`ParameterDoc` for every parameter of ``factory`` (a cell function)."""
    described = docstring_args(factory)
    module = sys.modules.get(getattr(factory, "__module__", ""), None)
    hints = _type_hints(factory)
    rows = []
    for param in inspect.signature(factory).parameters.values():
        text = described.get(param.name, "")
        unit = unit_of(text)
        valid = _from_docstring(text, hints.get(param.name, param.annotation), unit)
        rules = _rules_cited(text)
        if _numeric(param):
            probed, rule = probe_lower_limit(factory, param.name, unit)
            if probed and probed.split(" (")[0] not in valid:
                valid.append(probed)
                rules.pop(rule or "", None)
        valid += list(rules.values()) + _constants(text, module)
        shown = "; ".join(valid).replace(">=", "≥").replace("<=", "≤").replace("!=", "≠")
        rows.append(ParameterDoc(param.name, param.default, unit, text, shown))
    return rows
