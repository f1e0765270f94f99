"""An engine's ``summary.json`` as the engine pages' tables: numbers as a designer reads them,
the per-lane table, the comparison facts and every table of the summary."""

from __future__ import annotations

import math
import re
from typing import Any

from lightlane.docsgen.text import table_cell

__all__ = [
    "LANE_TABLE_CLASS",
    "MARGIN_UNITS",
    "facts",
    "lane_table",
    "summary_tables",
    "worst_margin",
]


def _number(value: float) -> str:
    """A measured number as a designer reads it: 3 significant digits, at most 2 decimals
    below 100 (``15.9``, ``-0.64``, ``4612``)."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    digits = max(0, min(2, 2 - int(math.floor(math.log10(abs(value))))))
    return f"{value:.{digits}f}"


def _text(value: Any) -> str:
    """Any summary value as table text: numbers rounded, lists joined, mappings as
    ``key value`` pairs; never JSON."""
    if isinstance(value, bool):
        return "pass" if value else "**FAIL**"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dict):
        return "; ".join(f"{k} {_text(v)}" for k, v in value.items()) or "-"
    if isinstance(value, list | tuple):
        if len(value) == 2 and all(isinstance(v, int | float) for v in value):
            return f"{_text(value[0])} to {_text(value[1])}"
        return ", ".join(_text(v) for v in value) or "-"
    return str(value)


def _cell(value: Any) -> str:
    return table_cell(_text(value))


def summary_tables(summary: dict[str, Any], level: int = 2) -> list[str]:
    """Markdown for a summary: scalars as one key/value table, each list of records as a table
    of its own (records' keys are the columns), mappings as sections; values through
    :func:`_text` (rounded, no JSON)."""
    scalars = {
        k: v
        for k, v in summary.items()
        if not isinstance(v, dict | list) or not any(isinstance(x, dict | list) for x in _items(v))
    }
    lines: list[str] = []
    if scalars:
        lines += ["| quantity | value |", "|---|---|"]
        lines += [f"| {table_cell(str(k))} | {_cell(v)} |" for k, v in scalars.items()]
        lines.append("")
    for key, value in summary.items():
        if key in scalars:
            continue
        lines += [f"{'#' * level} {key}", ""]
        records = list(value) if isinstance(value, list) else None
        if records and all(isinstance(r, dict) for r in records):
            columns = list(dict.fromkeys(c for r in records for c in r))
            lines += ["| " + " | ".join(map(table_cell, map(str, columns))) + " |"]
            lines += ["|---" * len(columns) + "|"]
            for record in records:
                lines.append("| " + " | ".join(_cell(record.get(c, "")) for c in columns) + " |")
            lines.append("")
        elif isinstance(value, dict):
            lines += summary_tables(value, level + 1)
        else:
            lines += [_cell(value), ""]
    return lines


def _items(value: Any) -> list:
    return list(value.values()) if isinstance(value, dict) else list(value)


MARGIN_UNITS = ("dB", "dBm")
"""Margins compared across specs: optical power and penalty, all in dB."""


def _find(tree: Any, pattern: str) -> list[tuple[str, Any]]:
    """(path, value) of every scalar whose key matches ``pattern`` anywhere in ``tree``."""
    found = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            if isinstance(value, dict | list):
                found += [(f"{key}.{p}", v) for p, v in _find(value, pattern)]
            elif re.search(pattern, str(key), flags=re.IGNORECASE):
                found.append((str(key), value))
    elif isinstance(tree, list):
        for value in tree:
            found += _find(value, pattern)
    return found


def _specs(summary: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Each lane's spec records (name, value, unit, limit, kind, margin, pass, clause...)."""
    return _specs_of(summary.get("budget") or [])


def _clause(spec: dict[str, Any]) -> str:
    """The spec's source as a reader cites it: ``802.3 cl. 124 Table 124-6``."""
    clause = str(spec.get("clause") or spec.get("reference") or "")
    if re.match(r"\d+[A-Z]? ", clause) and not clause.startswith("802."):
        clause = f"802.3 cl. {clause}"  # "124 Table 124-6": a clause of 802.3 and its table
    return clause


def _bound(spec: dict[str, Any]) -> str:
    """``≥ -0.80`` (the limit with its sense), empty without a numeric limit."""
    if not isinstance(spec.get("limit"), int | float):
        return ""
    sign = {"min": "≥", "max": "≤"}.get(str(spec.get("kind")), "")
    return f"{sign} {_number(float(spec['limit']))}".strip()


def worst_margin(summary: dict[str, Any]) -> tuple[float, str] | None:
    """The smallest margin of any lane's spec and what it is, e.g. ``(0.9, "TDECQ, lane 1")``."""
    worst = None
    for lane, specs in zip(summary.get("budget") or [], _specs(summary), strict=False):
        for spec in specs:
            margin = spec.get("margin")
            if spec.get("unit") not in MARGIN_UNITS or not isinstance(margin, int | float):
                continue  # a photocurrent's margin in uA does not compare with dB
            if worst is None or margin < worst[0]:
                unit = spec.get("unit", "")
                worst = (float(margin), f"{unit}: {spec.get('name')}, lane {lane.get('lane')}")
    return worst


LANE_TABLE_CLASS = "ll-lanes"
"""The wrapper of the lane table: compact cells, so that eight lanes fit a laptop's width and a
phone's (``docs/stylesheets/lightlane.css``)."""

_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"


def _lane_values(budget: list[dict[str, Any]], lanes: dict[Any, Any]) -> list[tuple]:
    """(quantity, unit, spec or None, values) of each row of the lane table."""
    rows: list[tuple] = []
    wavelengths = [
        e.get("wavelength_nm", (lanes.get(e.get("lane")) or {}).get("wavelength_nm"))
        for e in budget
    ]
    shown = [_text(w) if w is not None else "-" for w in wavelengths]
    rows.append(("wavelength", "nm", None, shown))
    for side, label in (("tx", "Tx insertion loss, laser to fibre"),
                        ("rx", "Rx insertion loss, fibre to PD")):  # fmt: skip
        values = [
            ((lanes.get(e.get("lane")) or {}).get(side) or {}).get("insertion_loss_db")
            for e in budget
        ]
        if any(isinstance(v, int | float) for v in values):
            rows.append((label, "dB", None, [_text(v) if v is not None else "-" for v in values]))
    names = list(dict.fromkeys(str(s.get("name")) for specs in _specs_of(budget) for s in specs))
    for name in names:
        specs = [
            next((s for s in e.get("specs") or [] if str(s.get("name")) == name), None)
            for e in budget
        ]
        first = next(s for s in specs if s is not None)
        values = []
        for spec in specs:
            cell = _text(spec["value"]) if spec and "value" in spec else "-"
            values.append(f"**{cell}**" if spec and spec.get("pass") is False else cell)
        rows.append((name, str(first.get("unit", "")), first, values))
    margins = []
    for entry in budget:
        found = [s["margin"] for s in entry.get("specs") or []
                 if isinstance(s.get("margin"), int | float)]  # fmt: skip
        margins.append(_text(min(found)) if found else "-")
    if any(m != "-" for m in margins):
        rows.append(("smallest margin", "dB", None, margins))
    rows.append(("verdict", "", None, [_text(e.get("pass", "-")) for e in budget]))
    return rows


def _specs_of(budget: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [list(entry.get("specs") or []) for entry in budget]


def lane_table(summary: dict[str, Any]) -> list[str]:
    """One table of the lanes, a row per quantity (wavelength, Tx and Rx insertion loss, each
    spec, the smallest margin, the verdict) with its unit in the row's name and its limit, a
    column per lane; a failing value is bold. The limits' sources (802.3 clause and table) are
    numbered notes under the table, so that eight lanes fit the page; the table sits in a
    ``<div class="ll-lanes">`` (:data:`LANE_TABLE_CLASS`)."""
    lanes = {lane.get("lane"): lane for lane in summary.get("lanes") or []}
    budget = summary.get("budget") or [{"lane": k} for k in lanes]
    if not budget:
        return []
    numbers = [entry.get("lane", k + 1) for k, entry in enumerate(budget)]
    clauses: list[str] = []
    body = []
    for name, unit, spec, values in _lane_values(budget, lanes):
        limit = _bound(spec) if spec else ""
        clause = _clause(spec) if spec else ""
        if limit and clause:
            if clause not in clauses:
                clauses.append(clause)
            index = clauses.index(clause)
            limit += _MARKS[index] if index < len(_MARKS) else f" [{index + 1}]"
        label = f"{name} ({unit})" if unit else name
        body.append(f"| {table_cell(label)} | {table_cell(limit)} | " + " | ".join(values) + " |")
    head = ["quantity (unit)", "limit", *(f"lane {n}" for n in numbers)]
    lines = [f'<div class="{LANE_TABLE_CLASS}" markdown="1">', ""]
    lines += ["| " + " | ".join(head) + " |", "|---" * len(head) + "|", *body, ""]
    if clauses:
        notes = [
            f"{_MARKS[k] if k < len(_MARKS) else f'[{k + 1}]'} {table_cell(c)}"
            for k, c in enumerate(clauses)
        ]
        lines += ["Limits: " + " · ".join(notes), ""]
    return [*lines, "</div>"]


def _loss_note(summary: dict[str, Any]) -> list[str]:
    """Why the Tx insertion loss and the budget's Tx loss differ: the modulator at its bias."""
    budget = summary.get("budget") or []
    lanes = summary.get("lanes") or []
    if not budget or not lanes:
        return []
    il = (lanes[0].get("tx") or {}).get("insertion_loss_db")
    passive = (budget[0].get("chain") or {}).get("tx_loss_db")
    if not isinstance(il, int | float) or not isinstance(passive, int | float):
        return []
    return [
        f"The Tx insertion loss ({_number(il)} dB on lane 1) runs from the laser input to the "
        "fibre with the modulator at its idle bias; the budget's Tx loss "
        f"({_number(passive)} dB) is the same path without the modulator, whose 1 and 0 levels "
        f"enter the optical modulation amplitude instead (difference {_number(il - passive)} dB).",
        "",
    ]


def facts(summary: dict[str, Any]) -> dict[str, str]:
    """The comparison figures of an engine (lanes x rate, grid, die, laser power, worst margin,
    energy per bit when the summary has one, verdict); keys absent from the summary are left out."""
    interface = summary.get("interface") or {}
    out: dict[str, str] = {}
    if interface.get("pmd"):
        clause = f" (802.3 clause {interface['clause']})" if interface.get("clause") else ""
        out["PMD"] = f"{interface['pmd']}{clause}"
    if "lanes" in interface:
        rate = interface.get("lane_rate_gbps")
        out["lanes x rate"] = (
            f"{interface['lanes']} x {_number(rate)}G" if rate else str(interface["lanes"])
        )
    if interface.get("baud_gbd"):
        out["symbol rate"] = (
            f"{_number(interface['baud_gbd'])} GBd {interface.get('modulation', '')}".strip()
        )
    wavelengths = sorted(set(interface.get("wavelengths_nm") or []))
    if wavelengths:
        grid = "CWDM4" if len(wavelengths) == 4 else "single λ"
        out["grid"] = f"{grid} ({', '.join(f'{w:g}' for w in wavelengths)} nm)"
    die = (summary.get("layout") or {}).get("die_um")
    if die:
        out["die (mm)"] = " x ".join(f"{d / 1000:.2f}" for d in die)
    lasers = [
        b["chain"]["laser_dbm"]
        for b in summary.get("budget") or []
        if "laser_dbm" in b.get("chain", {})
    ]
    if lasers:
        out["laser per lane (dBm)"] = (
            _number(max(lasers))
            if len(set(lasers)) == 1
            else f"{_number(min(lasers))} to {_number(max(lasers))}"
        )
    worst = worst_margin(summary)
    if worst:
        out["worst margin"] = f"{_number(worst[0])} {worst[1]}"
    energy = [v for k, v in _find(summary, r"pj.?(per.?)?bit") if isinstance(v, int | float)]
    if energy:
        out["pJ/bit"] = _number(float(energy[0]))
    temperature = summary.get("temperature") or {}
    if temperature.get("cases_c"):
        cases = ", ".join(f"{c:g}" for c in temperature["cases_c"])
        verdict = f": {_text(temperature['pass'])}" if "pass" in temperature else ""
        heaters = [c.get("heater_total_mw") for c in temperature.get("corners") or []]
        heaters = [h for h in heaters if isinstance(h, int | float)]
        heat = f", heaters up to {_number(max(heaters))} mW" if heaters else ""
        out["case temperature (C)"] = f"{cases}{verdict}{heat}"
    if "pass" in summary:
        out["pass"] = _text(summary["pass"])
    return out
