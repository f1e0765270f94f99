"""The engine's ``summary.json``: verdict, per-lane tables and every figure of the run (the
split from :mod:`lightlane.circuits.analysis`, which re-exports :func:`summary`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lightlane.circuits.analysis import Analysis

__all__ = ["corner_table", "filter_heater_table", "summary"]


def _verdict(
    drc_ok: bool,
    findings: list[dict[str, Any]],
    budgets: list[dict[str, Any]],
    optics_ok: bool,
    corners: dict[str, Any] | None = None,
) -> str:
    """What fails, in one line: DRC, connectivity, each failing spec line (nominal, then per
    temperature corner, six at most each), a missed window."""
    failing = [
        f"lane {b['lane']} {line['name']}"
        for b in budgets
        for line in b["specs"]
        if not line["pass"]
    ]
    at_corners = []
    for corner in (corners or {}).get("corners", []):
        bad = corner["failing"]
        if bad:
            more = f" and {len(bad) - 6} more" if len(bad) > 6 else ""
            at_corners.append(f"at {corner['case_c']:g} C case: {', '.join(bad[:6])}{more}")
    return "; ".join(
        (["DRC violations"] if not drc_ok else [])
        + (["connectivity findings"] if findings else [])
        + failing
        + at_corners
        + ([] if optics_ok else ["a passband misses its window"])
    )


_SHORT = {
    "stressed Rx sensitivity (OMA)": "stressed Rx sens",
    "Rx input OMA (weakest Tx)": "Rx input OMA",
    "Rx sensitivity (OMA)": "Rx sensitivity",
    "average launch power (max)": "avg launch (max)",
    "average launch power": "avg launch",
    "TDECQ - 10log10(Ceq)": "TDECQ - Ceq",
    "OMA difference between lanes": "OMA difference",
    "total launch power": "total launch",
}
"""Short names of the spec lines for the per-lane table (80 columns)."""


def _budget_table(
    budgets: list[dict[str, Any]], corners: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """One row per lane: the simulated figures, the tightest spec line with its margin and
    clause, the lane's worst temperature corner, and the verdict (fits 80 columns)."""
    table = []
    for k, b in enumerate(budgets):
        chain = b["chain"]
        row: dict[str, Any] = {"lane": b["lane"], "nm": b["wavelength_nm"]}
        for key, label in (
            ("tdecq_db", "TDECQ"),
            ("tx_oma_dbm", "OMA"),
            ("extinction_ratio_db", "ER"),
            ("rlm", "RLM"),
            ("rx_sensitivity_dbm", "Rx"),
        ):
            if key in chain:
                row[label] = chain[key]
        worst = min(b["specs"], key=lambda line: line["margin"])
        row["tightest"] = _SHORT.get(worst["name"], worst["name"])
        row["margin"] = worst["margin"]
        row["clause"] = worst["clause"]
        ok = b["pass"]
        if corners:
            at = [(c["case_c"], c["budget"][k]) for c in corners["corners"]]
            case, lane = min(at, key=lambda a: min(line["margin"] for line in a[1]["specs"]))
            row["T C"] = case
            ok = ok and all(lane["pass"] for _, lane in at)
        row["pass"] = ok
        table.append(row)
    return table


def corner_table(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per temperature corner: verdict, worst margin, heater power (modulators,
    held filters, total, in mW)."""
    rows = []
    for c in (summary.get("temperature") or {}).get("corners", []):
        rows.append(
            {
                "case C": c["case_c"],
                "chip C": c["chip_c"],
                "worst margin": c["worst_margin"],
                "modulator heaters mW": c.get("modulator_heater_mw", c["heater_total_mw"]),
                "filter heaters mW": c.get("filter_heater_mw", 0.0),
                "heaters mW": c["heater_total_mw"],
                "pass": c["pass"],
            }
        )
    return rows


def filter_heater_table(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per held filter: its heater power (mW) and drive at every corner."""
    corners = (summary.get("temperature") or {}).get("corners", [])
    rows: dict[str, dict[str, Any]] = {}
    for c in corners:
        for f in c.get("filters", []):
            row = rows.setdefault(f["filter"], {"filter": f["filter"], "hold C": f["hold_c"]})
            row[f"{c['case_c']:g} C mW"] = f["power_mw"]
            row[f"{c['case_c']:g} C V"] = f["voltage_v"]
    return list(rows.values())


def _filter_heaters(component: Any) -> dict[str, Any]:
    """The held filters' heaters at the nominal chip temperature (the models' T_REF_C)."""
    from lightlane.circuits.corners import filter_heaters
    from lightlane.physics.thermal import T_REF_C

    filters = filter_heaters(component, T_REF_C)
    return {
        "chip_c": T_REF_C,
        "total_mw": round(sum(f["power_mw"] for f in filters), 3),
        "filters": filters,
    }


def _lane_table(lanes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per lane: the optical path's loss, worst in-window loss, 1-dB band, crosstalk."""
    table = []
    for fig in lanes:
        row = {"lane": fig["lane"], "nm": fig["wavelength_nm"]}
        for side in ("tx", "rx"):
            if side in fig:
                row[f"{side} IL (dB)"] = fig[side]["insertion_loss_db"]
                row[f"{side} worst in window (dB)"] = fig[side]["worst_in_window_db"]
                row[f"{side} 1-dB band (nm)"] = fig[side]["passband_1db_nm"]
                if "crosstalk_db" in fig[side]:
                    row[f"{side} crosstalk (dB)"] = fig[side]["crosstalk_db"]
        table.append(row)
    return table


def summary(
    component: Any,
    opts: Any,
    result: Analysis,
    mc: dict[str, Any],
    drc_report: Any,
    findings: list[dict[str, Any]],
    corners: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything ``summary.json`` holds, with a verdict and pass/fail per spec line;
    ``corners`` is :func:`lightlane.circuits.corners.corner_analysis`'s result (or None)."""
    std = result.standard
    budgets = [b.to_dict() for b in result.budgets]
    optics_ok = all(
        fig.get(side, {}).get("passband_covers_window", True)
        for fig in result.lanes
        for side in ("tx", "rx")
    )
    lanes_ok = all(b["pass"] for b in budgets)
    corners_ok = corners is None or corners["pass"]
    ok = bool(drc_report.ok and not findings and lanes_ok and optics_ok and corners_ok)
    verdict = (
        "every lane meets its specs"
        + (f" at {', '.join(f'{c:g}' for c in corners['cases_c'])} C case" if corners else "")
        + "; layout clean"
        if ok
        else _verdict(drc_report.ok, findings, budgets, optics_ok, corners)
    )
    info = component.info
    return {
        "standard": std.name,
        "side": opts.side,
        "pass": ok,
        "verdict": verdict,
        "options": {
            "standard": std.name,
            "side": opts.side,
            "coupling": opts.coupling,
            "modulator": opts.modulator,
            "fibre_pitch_um": opts.fibre_pitch,
            "electrical": opts.electrical,
        },
        "interface": std.to_dict(),
        "layout": {
            "top_cell": component.name,
            "die_um": list(info["die_um"]),
            "floorplan": info.get("floorplan", {}),
            "electrical": _electrical(component, info),
            "lanes": info["lanes"],
            "tx_fibres": sum(1 for p in component.ports if p.name.startswith("tx")),
            "rx_fibres": sum(
                1 for p in component.ports if p.name.startswith("rx") and not p.name.endswith("y")
            ),
        },
        "checks": {
            "drc_clean": bool(drc_report.ok),
            "drc_violations": int(drc_report.total),
            "connectivity_findings": len(findings),
        },
        "devices": result.devices,
        "lanes": result.lanes,
        "budget": budgets,
        "budget_table": _budget_table(budgets, corners),
        "lane_table": _lane_table(result.lanes),
        "monte_carlo": mc,
        "filter_heaters": _filter_heaters(component),
        "temperature": corners,
        "connectivity": findings[:50],
    }


def _electrical(component: Any, info: Any) -> dict[str, Any]:
    """The electrical interface's figures (:mod:`lightlane.circuits.electrical`); with probe
    pads, their count (every pad opening of the layout)."""
    routed = info.get("floorplan", {}).get("electrical")
    if routed:
        return dict(routed)
    from lightlane.pdk.process import TECH
    from lightlane.verify.connectivity_electrical import check_electrical

    pads = check_electrical(component).pads
    return {"kind": "probe", "pads": pads, "pitch_um": TECH.pad_pitch_probe}
