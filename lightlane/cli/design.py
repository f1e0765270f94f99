"""The design-kit commands of ``lightlane``: ``cells``, ``build``, ``simulate``, ``drc``,
``tech`` and ``standards`` (registered on :data:`lightlane.cli.app`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from lightlane import __version__
from lightlane.cli._app import PLOT_FORMATS, app
from lightlane.cli_input import BadInput, check_param_types, parse_params

__all__ = [
    "YAML_SUFFIXES",
    "build",
    "build_cell",
    "build_circuit",
    "cell_summary",
    "cells",
    "drc",
    "simulate",
    "standards",
    "tech",
]


def build_cell(cell_name: str, params: dict[str, Any]) -> Any:
    """Build a PDK cell, turning unknown cells and bad parameters into :class:`BadInput`."""
    import inspect

    from lightlane.registry import get_pdk

    pdk = get_pdk()
    pdk.activate()
    if cell_name not in pdk.cells:
        raise BadInput(f"unknown cell {cell_name!r}; known cells: {', '.join(sorted(pdk.cells))}")
    factory = pdk.cells[cell_name]
    accepted = inspect.signature(factory).parameters
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise BadInput(
            f"cell {cell_name!r} has no parameter {', '.join(unknown)}; "
            f"its parameters are {', '.join(accepted)}"
        )
    check_param_types(cell_name, factory, params)
    try:
        return factory(**params)
    except (ValueError, TypeError, OverflowError) as error:
        raise BadInput(f"{cell_name}: {error}") from None


YAML_SUFFIXES = (".pic.yml", ".pic.yaml", ".yml", ".yaml")


def build_circuit(path: Path, params: dict[str, Any]) -> Any:
    """A gdsfactory YAML circuit (``.pic.yml``: instances, placements, routes, ports) drawn
    with the lightlane PDK; a file that does not read or build is :class:`BadInput`."""
    import gdsfactory as gf

    from lightlane.registry import get_pdk

    if params:
        raise BadInput(
            f"{path}: -p sets cell parameters; a YAML circuit takes its settings from the file"
        )
    if not path.is_file():
        raise BadInput(f"circuit file {str(path)!r} does not exist")
    get_pdk().activate()
    try:
        # no instance labels: gdsfactory would put them on a layer this process lacks
        return gf.read.from_yaml(path, label_instance_function=_no_label)
    except OSError:
        raise
    except Exception as error:  # YAML syntax, unknown cells, bad settings, unroutable ports
        raise BadInput(f"{path}: not a circuit gdsfactory can build: {error}") from None


def _no_label(component: Any, instance_name: str, reference: Any) -> None:
    """Instance labelling for ``gf.read.from_yaml``: none."""


def _suffix(option: str, path: Path, allowed: tuple[str, ...]) -> str:
    """The lower-case suffix of ``path`` (no dot) when it is one of ``allowed``."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise BadInput(
            f"{option} {str(path)!r} must end in " + " or ".join(f".{a}" for a in allowed)
        )
    return suffix


def cell_summary(name: str, factory: Any) -> dict[str, Any]:
    """Name, docstring summary and parameters (with defaults) of a cell factory."""
    import inspect

    doc = inspect.getdoc(factory) or ""
    params = {
        p.name: (None if p.default is inspect.Parameter.empty else p.default)
        for p in inspect.signature(factory).parameters.values()
    }
    return {"name": name, "summary": doc.splitlines()[0] if doc else "", "parameters": params}


@app.command()
def cells(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the cells of the PDK with their parameters."""
    from lightlane.registry import get_pdk

    pdk = get_pdk()
    rows = [cell_summary(name, pdk.cells[name]) for name in sorted(pdk.cells)]
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"lightlane {__version__}: {len(rows)} cells")
    table.add_column("cell", style="bold", no_wrap=True)
    table.add_column("parameters (defaults)")
    table.add_column("summary")
    for row in rows:
        params = ", ".join(f"{k}={v!r}" for k, v in row["parameters"].items())
        table.add_row(row["name"], params, row["summary"])
    Console().print(table)


@app.command()
def build(
    cell: Annotated[str, typer.Argument(help="Cell name (see `lightlane cells`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output .gds path.")],
    param: Annotated[
        list[str] | None, typer.Option("-p", "--param", help="name=value, repeatable.")
    ] = None,
) -> None:
    """Build one cell and write it to GDS (fab profile: one top cell, metadata in a .json)."""
    from lightlane.verify import write_gds

    _suffix("output", output, ("gds",))
    component = build_cell(cell, parse_params(param or []))
    write_gds(component, output, profile="fab")
    typer.echo(f"wrote {output} ({component.name})")


@app.command()
def simulate(
    cell: Annotated[
        str,
        typer.Argument(
            help="Cell name (see `lightlane cells`) or a gdsfactory YAML circuit (.pic.yml)."
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output .npz path.")],
    param: Annotated[
        list[str] | None, typer.Option("-p", "--param", help="name=value, repeatable.")
    ] = None,
    wl: Annotated[str, typer.Option("--wl", help="start:stop:n in um.")] = "1.26:1.36:1001",
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also write a plot (.png, .pdf or .svg).")
    ] = None,
    touchstone: Annotated[
        Path | None, typer.Option("--touchstone", help="Also write a Touchstone file (.sNp).")
    ] = None,
) -> None:
    """Simulate a cell or a YAML circuit from its layout netlist and models; write
    S-parameters (.npz, also readable by gplugins)."""
    from lightlane import simulate as run_simulation
    from lightlane.files import OutputSet
    from lightlane.sim import parse_wl

    wavelengths = parse_wl(wl)
    _suffix("output", output, ("npz",))
    plot_format = None if plot is None else _suffix("--plot", plot, PLOT_FORMATS)
    params = parse_params(param or [])
    if cell.lower().endswith(YAML_SUFFIXES):
        component = build_circuit(Path(cell), params)
    else:
        component = build_cell(cell, params)
    sparams = run_simulation(component, wl=wavelengths)
    if touchstone is not None:
        _suffix("--touchstone", touchstone, (f"s{len(sparams.ports)}p",))
    with OutputSet() as out:  # the npz, plot and Touchstone file appear together or not at all
        sparams.save(output, out=out)
        if touchstone is not None:
            sparams.to_touchstone(touchstone, out=out)
        if plot is not None:
            _plot_sparams(sparams, cell, plot, plot_format, out)
    typer.echo(f"wrote {output} ({len(sparams.ports)} ports x {sparams.wl.size} wavelengths)")


def _plot_sparams(sparams: Any, title: str, path: Path, fmt: str, out: Any) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4), constrained_layout=True)
    try:
        sparams.plot(ax=ax)
        ax.set_title(title)
        ax.grid(alpha=0.3)
        # fixed metadata: the same S-parameters give the same bytes (no dates, no versions)
        meta = {"png": {"Software": None}, "pdf": {"CreationDate": None, "Producer": None}}
        out.write(
            path,
            lambda tmp: fig.savefig(
                tmp, dpi=110, format=fmt, metadata=meta.get(fmt, {"Date": None})
            ),
        )
    finally:
        plt.close(fig)


@app.command()
def drc(
    gds: Annotated[Path, typer.Argument(help="GDS file to check.")],
    lyrdb: Annotated[
        Path | None, typer.Option("--lyrdb", help="Write markers for KLayout's browser.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    flat: Annotated[bool, typer.Option("--flat", help="Flatten before checking.")] = False,
    top_cell: Annotated[
        str | None, typer.Option("--top-cell", help="Cell to check when there are several.")
    ] = None,
    max_shapes: Annotated[
        int, typer.Option("--max-shapes", help="Refuse layouts with more flat shapes.")
    ] = 2_000_000,
) -> None:
    """Check a GDS against the design rules: exit 0 clean, 1 violations, 2 bad input."""
    from lightlane.verify.cli_support import run_drc_cli

    code = run_drc_cli(
        gds, lyrdb=lyrdb, as_json=as_json, flat=flat, top_cell=top_cell, max_shapes=max_shapes
    )
    raise typer.Exit(code)


@app.command()
def tech(
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory to write into.")],
) -> None:
    """Write the KLayout technology as a package: grain.xml, .lyt, .lyp, DRC deck, 2.5-D stack."""
    from lightlane.klayout_package import write_klayout_package

    files = write_klayout_package(output)
    typer.echo(f"wrote the KLayout package {output} ({', '.join(p.name for p in files.values())})")


@app.command()
def standards(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """The interface standards the engines are built from (lanes, rates, wavelengths, specs)."""
    from lightlane.circuits.standards import STANDARDS, table_rows

    if as_json:
        typer.echo(json.dumps([s.to_dict() for s in STANDARDS.values()], indent=2))
        return
    import sys

    lines = standards_text(table_rows())
    if not sys.stdout.isatty():
        for line in lines:
            typer.echo(line)
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(width=80, highlight=False)
    for line in lines:  # the standards' names bold, the rest as piped
        name = line and not line.startswith(" ")
        console.print(f"[bold]{escape(line)}[/bold]" if name else escape(line))


def standards_text(rows: list[dict[str, Any]], width: int = 80) -> list[str]:
    """The standards as blocks of ``name: value`` lines that fit ``width`` columns: a heading
    line per standard (name, lanes, symbol rate, clause), then one indented line per figure."""
    import textwrap

    head = ("standard", "lanes", "symbol rate", "clause")
    keys = [k for k in rows[0] if k not in head] if rows else []
    pad = max((len(k) for k in keys), default=0) + 4
    lines = ["lightlane interface standards", ""]
    for row in rows:
        lines.append(f"{row['standard']}: {row['lanes']}, {row['symbol rate']}, clause "
                     f"{row['clause']}")  # fmt: skip
        for key in keys:
            text = textwrap.wrap(str(row[key]), width - pad) or [""]
            lines.append(f"  {key}".ljust(pad) + text[0])
            lines += [" " * pad + more for more in text[1:]]
        lines.append("")
    return lines[:-1]
