"""The electrical-interfaces page: the eight-lane dies with wire-bond rows and bump grids.

For the engines whose assembly is hardest (1.6T-DR8 and 800G-2xFR4, 96 and 108 terminals),
the page shows each die with its routed interface (``lightlane engine STD --electrical
wirebond|flipchip``) beside the probe-padded die, and a table of die size, area, the share of
it the circuit uses, pads and the longest feed line. Pictures and figures are cached by their
inputs and the package code (:func:`lightlane.docsgen.build_cache.cached_output`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

__all__ = ["INTERFACE_STANDARDS", "PAGE", "interface_rows", "write_interfaces_page"]

INTERFACE_STANDARDS = ("1.6T-DR8", "800G-2xFR4")
"""The engines the page shows."""
KINDS = ("probe", "wirebond", "flipchip")
PAGE = "interfaces/index.md"
"""The page, relative to the docs tree."""


def _row(standard: str, kind: str, images: Path) -> dict[str, Any]:
    """One die: built, drawn into ``images``, and its figures."""
    from lightlane.circuits.engine import engine
    from lightlane.docsgen.engines import slug
    from lightlane.registry import get_pdk
    from lightlane.render import render_png

    get_pdk().activate()
    c = engine(standard, side="trx", electrical=kind)
    plan = c.info["floorplan"]
    routed = plan.get("electrical", {})
    name = f"{slug(standard)}-{kind}.png"
    render_png(c, images / name, 1100, 800)
    return {
        "standard": standard,
        "interface": kind,
        "die_mm": plan["die_mm"],
        "die_area_mm2": plan["die_area_mm2"],
        "used_fraction": plan["used_fraction"],
        "pads": routed.get("pads"),
        "longest_line_mm": routed.get("longest_line_mm"),
        "longest_line_loss_db": routed.get("longest_line_loss_db"),
        "picture": name,
    }


def interface_rows(out: Path) -> list[dict[str, Any]]:
    """Every shown die's figures, its picture written under ``out/images``."""
    from lightlane.docsgen.build_cache import cached_output

    images = out / "images"
    images.mkdir(parents=True, exist_ok=True)

    def produce() -> list[dict[str, Any]]:
        rows = []
        for standard in INTERFACE_STANDARDS:
            for kind in KINDS:
                print(f"interfaces: {standard} {kind}", file=sys.stderr)
                rows.append(_row(standard, kind, images))
        return rows

    return cached_output("interfaces", [INTERFACE_STANDARDS, KINDS], out, produce)


def _table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| engine | interface | die, mm (mm²) | vs probe | used | pads | longest line |",
        "|---|---|---|---|---|---|---|",
    ]
    probe = {r["standard"]: r["die_area_mm2"] for r in rows if r["interface"] == "probe"}
    for r in rows:
        ratio = r["die_area_mm2"] / probe[r["standard"]] if probe.get(r["standard"]) else 1.0
        line = (
            f"{r['longest_line_mm']:.2f} mm, {r['longest_line_loss_db']:.2f} dB"
            if r["longest_line_mm"]
            else "-"
        )
        width, height = r["die_mm"]
        lines.append(
            f"| {r['standard']} | {r['interface']} | {width:g} x {height:g} "
            f"({r['die_area_mm2']:.1f}) | {ratio:.2f}x | {100 * r['used_fraction']:.0f} % | "
            f"{r['pads'] if r['pads'] else 'on devices'} | {line} |"
        )
    return lines


def write_interfaces_page(docs_dir: Path) -> list[tuple[str, str]]:
    """Write :data:`PAGE` and its pictures; return its (title, page) for the navigation."""
    out = Path(docs_dir) / Path(PAGE).parent
    rows = interface_rows(out)
    page = [
        "# Electrical interfaces",
        "",
        "`lightlane engine STD --electrical wirebond` routes every modulator, heater and",
        "photodiode terminal on the top metal to wire-bond pads at 150 um in a row on the north",
        "and south die edges; `--electrical flipchip` ends the same routes on a bump grid at",
        "150 um, two rows deep beside each block (a photodiode's pair takes one column). Each",
        "modulator's drive end is a GSSG coplanar line whose impedance comes from the electrode",
        "model; every terminal reaches exactly one pad (checked on the drawn metal). The pads",
        "are planned before any route so that no two routes cross; where the rows do not fit",
        "between the facets the laser lead grows, and the die with it. The probe die keeps each",
        "device's own probe pads (a wafer-level test die).",
        "",
        *_table(rows),
        "",
        "*Longest line: its length and loss at the lanes' Nyquist frequency. Used: the share of",
        "the die inside the bounding box of a device or a waveguide route (the electrical",
        "routes and pads not counted).*",
        "",
    ]
    for r in rows:
        title = f"{r['standard']}, {r['interface']}"
        page += [f"## {title}", "", f"![{title} die](images/{r['picture']})", ""]
    (out / "index.md").write_text("\n".join(page) + "\n")
    return [("Electrical interfaces", PAGE)]
