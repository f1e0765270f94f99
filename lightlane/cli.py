"""The ``lightlane`` command line.

Bad input (an unknown cell, a bad parameter, an unwritable path) and every failure after it
print one line to stderr and exit with code 2 (see :mod:`lightlane.cli_input`); exit 1 means
violations or failed specs. Outputs appear whole, as a set, or not at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from lightlane import __version__
from lightlane.cli_input import (
    MAX_SAMPLES,
    BadInput,
    OneLineErrors,
    check_param_types,
    parse_params,
    require_count,
)

app = typer.Typer(
    name="lightlane",
    help="An open photonic design kit for 400G-1.6T datacenter transceiver optical engines.",
    cls=OneLineErrors,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PLOT_FORMATS = ("png", "pdf", "svg")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lightlane {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """lightlane: cells, models, checks and optical engines for silicon-photonic transceivers."""


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
    from rich.console import Console
    from rich.table import Table

    rows = table_rows()
    table = Table(title="lightlane interface standards")
    for column in rows[0]:
        table.add_column(column, no_wrap=column == "standard")
    for row in rows:
        table.add_row(*row.values())
    Console().print(table)


@app.command()
def engine(
    standard: Annotated[str, typer.Argument(help="Interface, e.g. 1.6T-DR8 (see `standards`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.")] = Path(
        "build/engine"
    ),
    side: Annotated[str, typer.Option("--side", help="tx, rx or trx.")] = "trx",
    coupling: Annotated[str, typer.Option("--coupling", help="edge or grating.")] = "edge",
    modulator: Annotated[
        str | None, typer.Option("--modulator", help="mzm or ring (default: the package's).")
    ] = None,
    fibre_pitch: Annotated[
        float | None, typer.Option("--fibre-pitch", help="Fibre-array pitch in um (127, 250).")
    ] = None,
    samples: Annotated[int, typer.Option("--samples", help="Monte Carlo samples.")] = 200,
    corners: Annotated[
        str, typer.Option("--corners", help="Case temperatures in C, comma separated ('' none).")
    ] = "15,50,85",
    chip_offset: Annotated[
        float, typer.Option("--chip-offset", help="Chip temperature above the case in K.")
    ] = 10.0,
    connector: Annotated[
        str | None, typer.Option("--connector", help="Fibre connector, e.g. 'MPO-16'.")
    ] = None,
    laser: Annotated[
        str | None, typer.Option("--laser", help="edge, grating or flipchip (default: coupling).")
    ] = None,
    package: Annotated[
        str, typer.Option("--package", help="dsp (retimed pluggable), lpo (linear) or cpo.")
    ] = "dsp",
) -> None:
    """Build, check and simulate an optical engine; write GDS, DRC, S-parameters and a report.

    Exit 0 when every lane meets its interface's specs and the layout is clean, 1 otherwise,
    2 on bad input or any failure (then no output is left half-written).
    """
    from rich.console import Console

    from lightlane.circuits.engine import engine_options
    from lightlane.circuits.flow import run_engine

    console = Console(stderr=True)
    engine_options(standard, side, coupling, modulator, fibre_pitch, connector, laser, package)
    require_count("--samples", samples, 1, MAX_SAMPLES, "Monte Carlo samples")
    from lightlane.circuits.corners import check_corners

    try:
        cases = tuple(float(c) for c in corners.split(",") if c.strip())
    except ValueError:
        raise ValueError(
            f"--corners={corners!r} must be temperatures in C, e.g. 15,50,85"
        ) from None
    check_corners(cases, chip_offset)
    result = run_engine(
        standard,
        side,
        coupling,
        modulator,
        fibre_pitch,
        output,
        samples=samples,
        progress=lambda message: console.print(f"[dim]lightlane engine:[/dim] {message}"),
        corners_c=cases,
        chip_offset_k=chip_offset,
        connector=connector,
        laser=laser,
        package=package,
    )
    _print_summary(result.summary)
    for name, path in result.files.items():
        typer.echo(f"wrote {path} ({name})")
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def eye(
    standard: Annotated[str, typer.Argument(help="Interface, e.g. 1.6T-DR8 (see `standards`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.")] = Path(
        "build/eye"
    ),
    lane: Annotated[int, typer.Option("--lane", help="Lane number, 1-based.")] = 1,
    modulator: Annotated[str, typer.Option("--modulator", help="mzm or ring.")] = "mzm",
    vpp: Annotated[
        float | None, typer.Option("--vpp", help="Drive swing in Vppd (default 3).")
    ] = None,
) -> None:
    """One lane's time-domain PAM4 waveform, eye and TDECQ/TECQ/OMA/ER/RLM (802.3 121.8.5).

    Writes DIR/waveform.npz, DIR/eye.png and DIR/figures.json together (or none of them).
    """
    from lightlane.circuits.lane_link import lane_eye
    from lightlane.circuits.standards import get_standard
    from lightlane.files import OutputSet
    from lightlane.link import write_lane

    std = get_standard(standard)
    if output.exists() and not output.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(output))
    figures, result = lane_eye(std, lane, modulator, vpp)
    title = f"{std.name} lane {lane} ({figures['modulator']}): TDECQ {figures['tdecq_db']:.2f} dB"
    with OutputSet() as out:
        files = write_lane(output, result, title=title, extra=figures, out=out)
    typer.echo(
        f"{std.name} lane {lane}: TDECQ {figures['tdecq_db']:.2f} dB (limit "
        f"{std.tdecq_max_db:g}, {figures['limit_clause']}), TECQ {figures['tecq_db']:.2f} dB, "
        f"ER {figures['extinction_ratio_db']:.2f} dB, RLM {figures['rlm']:.3f}"
    )
    for name, path in files.items():
        typer.echo(f"wrote {path} ({name})")


@app.command()
def compare(
    standard: Annotated[str, typer.Argument(help="Interface, e.g. 1.6T-DR8 (see `standards`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.")] = Path(
        "build/compare"
    ),
    samples: Annotated[int, typer.Option("--samples", help="Monte Carlo samples.")] = 50,
) -> None:
    """The DSP, LPO and CPO packages of one interface side by side: margins, BER, pJ/bit.

    Writes DIR/{dsp,lpo,cpo}/ (each an engine run), DIR/compare.json, DIR/power.png and
    DIR/lpo_ber.png. Exit 0 when every package passes, 1 otherwise, 2 on bad input.
    """
    from rich.console import Console
    from rich.table import Table

    from lightlane.circuits.compare import compare_packages
    from lightlane.circuits.engine import engine_options

    console = Console(stderr=True)
    engine_options(standard)
    require_count("--samples", samples, 1, MAX_SAMPLES, "Monte Carlo samples")
    result = compare_packages(
        standard,
        output,
        samples=samples,
        progress=lambda message: console.print(f"[dim]lightlane compare:[/dim] {message}"),
    )
    table = Table(title=f"{standard}: three packages")
    columns = (
        "package", "pass", "worst_margin_db", "pre_fec_ber", "pj_per_bit",
        "published_pj_per_bit", "die_mm2", "laser_w", "heater_w", "io_density_tbps_per_mm",
    )  # fmt: skip
    for column in columns:
        table.add_column(column)
    for row in result["packages"]:
        ber = row.get("pre_fec_ber")
        row = {**row, "pre_fec_ber": "" if ber is None else f"{ber:.1e}"}
        table.add_row(*(_fmt(row.get(c, "")) for c in columns))
    Console().print(table)
    for name, path in result["files"].items():
        typer.echo(f"wrote {path} ({name})")
    raise typer.Exit(0 if all(r["pass"] for r in result["packages"]) else 1)


def _print_summary(summary: dict[str, Any]) -> None:
    """The per-lane table: a rich table on a terminal (80 columns), plain text when piped."""
    import sys

    rows = [{k: v for k, v in row.items() if k != "clause"} for row in summary["budget_table"]]
    columns = list(dict.fromkeys(k for row in rows for k in row))
    title = f"{summary['standard']} {summary['side']}: {summary['verdict']}"
    if not sys.stdout.isatty():
        cells = [[_plain_cell(row.get(c, "")) for c in columns] for row in rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
        typer.echo(title)
        typer.echo("(TDECQ, ER and margin in dB; OMA and Rx sensitivity in dBm; T C: worst case)")
        typer.echo(" ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
        for r in cells:
            typer.echo(" ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False)
    for column in columns:
        table.add_column(column, no_wrap=True, min_width=16 if column == "tightest" else None)
    for row in rows:
        table.add_row(*(_fmt(row.get(c, "")) for c in columns))
    console = Console(width=80)
    console.print(table)
    console.print("[dim]TDECQ, ER, margin in dB; OMA, Rx sensitivity in dBm; T C: worst case[/dim]")


def _plain_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "pass" if value else "FAIL"
    if isinstance(value, float):
        return f"{value:g}" if value.is_integer() else f"{value:.2f}"
    return str(value)


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "[green]pass[/green]" if value else "[red]FAIL[/red]"
    return _plain_cell(value)


from lightlane.sweeps.cli import sweep  # noqa: E402  (the command lives with the sweeps)

app.command()(sweep)

if __name__ == "__main__":
    app()
