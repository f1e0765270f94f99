"""One page per interface standard: the engine's layout picture and its link budget.

Written only when ``lightlane.circuits.engine`` can be imported. Each engine goes through the
same output flow as ``lightlane engine STANDARD --side trx -o DIR`` (engine.gds, summary.json,
...); the page shows the layout and every table of ``summary.json``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from lightlane.docsgen.engine_tables import (
    _loss_note,
    _number,
    facts,
    lane_table,
    summary_tables,
)
from lightlane.docsgen.text import DocsBuildError, code_block, table_cell

__all__ = [
    "engine_page",
    "engine_standards",
    "engines_available",
    "summary_tables",
    "write_engine_index",
    "write_engine_pages",
]


def engines_available() -> bool:
    """True when ``lightlane.circuits.engine`` can be imported."""
    try:
        return importlib.util.find_spec("lightlane.circuits.engine") is not None
    except ModuleNotFoundError:
        return False


def slug(name: str) -> str:
    """``1.6T-DR8`` -> ``1-6t-dr8`` (a file name and URL)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _standards() -> list[str]:
    from lightlane.circuits.standards import STANDARDS

    return list(STANDARDS)


def engine_args(standard: str) -> list[str]:
    """The command line of an engine page, as a reader would type it (``-o`` aside): the same
    as the engine tutorial's, so the build runs each engine once (see ``engine_cache``)."""
    return ["engine", standard, "--side", "trx"]


def eye_args(standard: str) -> list[str]:
    """The eye of an engine page: lane 1, as the engine tutorial asks for it."""
    return ["eye", standard, "--lane", "1"]


def run_engine_flow(standard: str, work: Path, args: list[str] | None = None) -> None:
    """``lightlane engine STANDARD --side trx -o WORK`` (or ``args``), in this process, through
    the build's engine cache when one is set (:data:`lightlane.docsgen.engine_cache.CACHE_ENV`)."""
    import os

    from lightlane.docsgen.engine_cache import CACHE_ENV, cached_engine_run, run_cli

    args = [*(args or engine_args(standard)), "-o", str(work)]
    try:
        cache_dir = os.environ.get(CACHE_ENV)
        if cache_dir:
            cached_engine_run(args, Path(cache_dir))
        else:
            run_cli(args[:-2], work)
    except Exception as error:
        raise DocsBuildError(
            f"engine page {standard}: `lightlane {' '.join(args)}` failed: {error!r}"
        ) from error


DOWNLOADS = ("engine.gds", "report.html", "summary.json", "drc.lyrdb")
"""The flow's outputs each engine page offers (those the flow wrote)."""


def _downloads(work: Path, out: Path, name: str) -> list[str]:
    links = []
    for filename in DOWNLOADS:
        source = work / filename
        if source.exists():
            target = out / "downloads" / name / filename
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            size = source.stat().st_size / 1024
            shown = f"{size / 1024:.1f} MB" if size > 1024 else f"{size:.0f} kB"
            links.append(f"[{filename}](downloads/{name}/{filename}) ({shown})")
    return links


def _engine_page(standard: str, out: Path) -> tuple[list[str], dict[str, Any]]:
    from lightlane.docsgen.engine_figures import lane_spectra_figure, waterfall_figure
    from lightlane.docsgen.plots import FLOOR_DB, save_figure
    from lightlane.render import render_png

    work = out / f".{slug(standard)}-build"
    run_engine_flow(standard, work)
    summary_path = work / "summary.json"
    if not summary_path.exists():
        raise DocsBuildError(f"engine page {standard}: {summary_path} was not written")
    summary = json.loads(summary_path.read_text())
    name = slug(standard)
    images = out / "images"
    gds = _without_fill(work / "engine.gds", work / "engine_design.gds")
    zooms = _die_picture(gds, images / f"{name}.png")
    render_png(gds, images / f"{name}_thumb.png", 360, 240)
    downloads = _downloads(work, out, name)
    figures = []
    waterfall = waterfall_figure(summary)
    if waterfall is not None:
        save_figure(waterfall, images / f"{name}_waterfall.png")
        figures.append(("Loss waterfall", f"images/{name}_waterfall.png"))
    spectra = lane_spectra_figure(summary, work / "sparams.npz")
    if spectra is not None:
        save_figure(spectra, images / f"{name}_spectra.png", "spectrum", FLOOR_DB)
        figures.append(("Per-lane spectra", f"images/{name}_spectra.png"))
    eye_note = _eye(standard, work / "eye", images / f"{name}_eye.png")
    if eye_note:
        figures.append(("Eye of lane 1", f"images/{name}_eye.png"))
    shutil.rmtree(work)
    command = f"lightlane {' '.join(engine_args(standard))} -o {name}"
    verdict = summary.get("verdict", "")
    lines = [
        f"# {standard}",
        "",
        f"The transmitter and receiver engine for {standard}: "
        + ("**passes**" if summary.get("pass") else "**fails**")
        + (f" ({table_cell(verdict)})." if verdict else "."),
        "",
        "| figure | value |",
        "|---|---|",
        *(f"| {k} | {table_cell(v)} |" for k, v in facts(summary).items()),
        "",
        "Downloads: " + " · ".join(downloads),
        "",
        *code_block("bash", command),
        "",
        "## Lanes",
        "",
        *lane_table(summary),
        "",
        *_loss_note(summary),
    ]
    for title, image in figures:
        lines += [f"## {title}", "", f"![{standard}: {title.lower()}]({image})", ""]
        if title.startswith("Eye") and eye_note:
            lines += [eye_note, ""]
    lines += [
        "## Die",
        "",
        f"![{standard} engine layout](images/{name}.png)",
        "",
        *_zoom_caption(zooms),
        "The picture leaves out the density fill (the `FILL_*` cells the fab pre-flight adds); "
        f"[engine.gds](downloads/{name}/engine.gds) carries it. Open it in KLayout with the "
        "PDK's layer properties (`lightlane tech`) to browse the whole die.",
        "",
        "## Everything in summary.json",
        "",
        '<details class="ll-compact" markdown="1"><summary>All tables</summary>',
        "",
        *summary_tables(summary, level=3),
        "",
        "</details>",
    ]
    return lines, summary


def _eye(standard: str, work: Path, image: Path) -> str:
    """Run ``lightlane eye STANDARD --lane 1`` (cached) and copy its eye picture to ``image``;
    return the page's note on it, ``""`` when the command is absent or writes no eye."""
    from lightlane.cli import app

    if "eye" not in {c.name or c.callback.__name__ for c in app.registered_commands}:
        return ""
    run_engine_flow(standard, work, eye_args(standard))
    if not (work / "eye.png").exists():
        return ""
    shutil.copyfile(work / "eye.png", image)
    command = f"`lightlane {' '.join(eye_args(standard))} -o eye`"
    facts_file = work / "figures.json"
    shown = ""
    if facts_file.exists():
        data = json.loads(facts_file.read_text())
        keys = (
            ("tdecq_db", "TDECQ", "dB"),
            ("extinction_ratio_db", "ER", "dB"),
            ("rlm", "RLM", ""),
        )
        shown = ", ".join(
            f"{label} {_number(float(data[k]))}{' ' + unit if unit else ''}"
            for k, label, unit in keys
            if isinstance(data.get(k), int | float)
        )
    return f"The eye after the reference receiver, from {command}" + (
        f": {shown}." if shown else "."
    )


def _without_fill(gds: Path, design: Path) -> Path:
    """``gds`` with its density-fill cells (:func:`lightlane.verify.fill.fill_cell_name`) and
    their instances removed, written to ``design``: the die as designed, legible in a picture."""
    import klayout.db as kdb

    from lightlane.pdk.rules import DENSITY_RULES
    from lightlane.verify.fill import fill_cell_name

    layout = kdb.Layout()
    layout.read(str(gds))
    names = {fill_cell_name(rule) for rule in DENSITY_RULES}
    for cell_name in names:
        if layout.has_cell(cell_name):
            layout.prune_cell(layout.cell(cell_name).cell_index(), -1)
    layout.write(str(design))
    return design


def _die_picture(gds: Path, picture: Path) -> list[Any]:
    """Draw the die with its zooms into ``picture``; return the zooms drawn (none when the die
    only takes the plain picture)."""
    from lightlane.render import layout_picture, render_png

    zooms = _die_zooms(gds)
    try:
        boxes, titles = [z.box for z in zooms], [z.title for z in zooms]
        layout_picture(gds, picture, 1100, insets=boxes, inset_titles=titles)
    except Exception:  # noqa: BLE001 - a die the annotated picture cannot draw gets the plain one
        render_png(gds, picture, 960, 540)
        return []
    return zooms


def _die_zooms(gds: Path) -> list[Any]:
    """The die's zooms (:func:`lightlane.docsgen.die_zooms.die_zooms`: fibre array, lane 1's
    modulator, the first photodiodes), or its east and west edges when it has none of them."""
    from lightlane.docsgen.die_zooms import Zoom, die_zooms
    from lightlane.render import _bbox

    zooms = die_zooms(gds)
    if zooms:
        return zooms
    left, bottom, right, top = _bbox(gds)
    side = min(right - left, top - bottom) / 6
    y = (bottom + top) / 2
    return [
        Zoom("east edge", (right - side, y - side / 2, right + side * 0.05, y + side / 2)),
        Zoom("west edge", (left - side * 0.05, y - side / 2, left + side, y + side / 2)),
    ]


def _zoom_caption(zooms: list[Any]) -> list[str]:
    if not zooms:
        return []
    parts = [f"{k + 1}: {z.title}" for k, z in enumerate(zooms)]
    return [
        "*Zooms, placed from the die's cell instances: " + "; ".join(parts) + ".*",
        "",
    ]


def engine_page(standard: str, docs_dir: Path) -> tuple[tuple[str, str], dict[str, str]]:
    """Write ``docs_dir/engines/SLUG.md`` and its files; return its (title, page) and its
    :func:`facts` for the comparison table. Engines are independent: the build runs them in
    parallel."""
    out = docs_dir / "engines"
    (out / "images").mkdir(parents=True, exist_ok=True)
    print(f"engines: building {standard}", file=sys.stderr)
    page, summary = _engine_page(standard, out)
    (out / f"{slug(standard)}.md").write_text("\n".join(page) + "\n")
    return (standard, f"engines/{slug(standard)}.md"), facts(summary)


def write_engine_index(
    docs_dir: Path, pages: list[tuple[tuple[str, str], dict[str, str]]]
) -> list[tuple[str, str]]:
    """Write ``docs_dir/engines/index.md`` from :func:`engine_page` results; return the nav."""
    rows = [(title, f) for (title, _), f in pages]
    (docs_dir / "engines" / "index.md").write_text("\n".join(comparison_page(rows)) + "\n")
    return [("Overview", "engines/index.md"), *(entry for entry, _ in pages)]


def engine_standards() -> list[str]:
    """The standards that get a page: all of the table's, none without the engine module."""
    if not engines_available():
        print("engines: lightlane.circuits.engine absent, no engine pages", file=sys.stderr)
        return []
    return _standards()


def write_engine_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Write ``docs_dir/engines/`` (when engines exist); return (title, page) for the navigation."""
    standards = engine_standards()
    if not standards:
        return []
    return write_engine_index(docs_dir, [engine_page(s, docs_dir) for s in standards])


def comparison_page(rows: list[tuple[str, dict[str, str]]]) -> list[str]:
    """The engines index: one row per engine, ordered by total rate then name."""

    def rate(item: tuple[str, dict[str, str]]) -> tuple[float, str]:
        match = re.match(r"([\d.]+)([GT])", item[0])
        value = float(match.group(1)) * (1000 if match.group(2) == "T" else 1) if match else 0
        return value, item[0]

    columns = list(dict.fromkeys(k for _, f in rows for k in f))
    lines = [
        "# Optical engines",
        "",
        "One engine per interface standard, each built, simulated, checked and budgeted by "
        "`lightlane engine STANDARD --side trx`. Open one for its lanes, losses, spectra, die and "
        "downloads.",
        "",
        '<div class="ll-compact" markdown="1">',
        "",
        "| engine | " + " | ".join(columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for standard, f in sorted(rows, key=rate):
        cells = " | ".join(table_cell(f.get(c, "-")) for c in columns)
        lines.append(f"| [{standard}]({slug(standard)}.md) | {cells} |")
    return [*lines, "", "</div>"]
