"""The engine commands of ``lightlane``: ``engine``, ``eye`` and ``compare``, with the
per-lane summary table they print (registered on :data:`lightlane.cli.app`)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Annotated, Any

import typer

from lightlane.cli._app import app
from lightlane.cli_input import MAX_SAMPLES, require_count

__all__ = ["compare", "engine", "eye"]


HostChannelOption = Annotated[
    Path | None,
    typer.Option("--host-channel", help="LPO host channel: a .s2p or single-ended .s4p."),
]
"""``--host-channel`` of ``engine`` and ``compare``."""
HostPairingOption = Annotated[
    str, typer.Option("--host-pairing", help="The .s4p's port pairs: 12-34 or 13-24.")
]
"""``--host-pairing`` of ``engine`` and ``compare``."""


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
    electrical: Annotated[
        str, typer.Option("--electrical", help="probe, wirebond (edge pad rows) or flipchip.")
    ] = "probe",
    host_channel: HostChannelOption = None,
    host_pairing: HostPairingOption = "12-34",
) -> None:
    """Build, check and simulate an optical engine; write GDS, DRC, S-parameters and a report.

    Exit 0 when every lane meets its interface's specs and the layout is clean, 1 otherwise,
    2 on bad input or any failure (then no output is left half-written).
    """
    from rich.console import Console

    from lightlane.circuits.engine import engine_options
    from lightlane.circuits.flow import run_engine

    console = Console(stderr=True)
    opts = (standard, side, coupling, modulator, fibre_pitch, connector, laser, package)
    engine_options(*opts, electrical)
    require_count("--samples", samples, 1, MAX_SAMPLES, "Monte Carlo samples")
    _check_host_channel(host_channel, host_pairing, package)
    from lightlane.circuits.corners import check_corners

    cases = _cases(corners)
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
        electrical=electrical,
        host_channel=host_channel,
        host_pairing=host_pairing,
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
    host_channel: HostChannelOption = None,
    host_pairing: HostPairingOption = "12-34",
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
    _check_host_channel(host_channel, host_pairing, "lpo")
    result = compare_packages(
        standard,
        output,
        samples=samples,
        host_channel=host_channel,
        host_pairing=host_pairing,
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


def _check_host_channel(path: Path | None, pairing: str, package: str) -> None:
    """Read ``--host-channel`` before anything runs: a ValueError (exit 2) names the option."""
    if path is None:
        return
    from lightlane.circuits.packages import get_package

    try:
        get_package(package).with_host_channel(path, pairing)
    except ValueError as err:
        raise ValueError(
            f"--host-channel={str(path)!r} --host-pairing={pairing!r}: {err}"
        ) from None


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
        for line in _corner_lines(summary):
            typer.echo(line)
        typer.echo(_electrical_line(summary))
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
    for line in _corner_lines(summary):
        console.print(line, markup=False, highlight=False)
    typer.echo(_electrical_line(summary))


def _corner_lines(summary: dict[str, Any]) -> list[str]:
    """One line per temperature corner: verdict, worst margin, heater power (fits 80 columns)."""
    from lightlane.circuits.engine_summary import corner_table

    lines = []
    for row in corner_table(summary):
        filters = row["filter heaters mW"]
        held = f" (filters {filters:.0f})" if filters else ""
        lines.append(
            f"{row['case C']:g} C case: {'pass' if row['pass'] else 'FAIL'}, worst margin "
            f"{row['worst margin']:+.2f}, heaters {row['heaters mW']:.0f} mW{held}"
        )
    return lines


def _cases(corners: str) -> tuple[float, ...]:
    """The ``--corners`` temperatures in C."""
    try:
        return tuple(float(c) for c in corners.split(",") if c.strip())
    except ValueError:
        raise ValueError(
            f"--corners={corners!r} must be temperatures in C, e.g. 15,50,85"
        ) from None


def _electrical_line(summary: dict[str, Any]) -> str:
    """The electrical interface: pads, pitch, where, the feed lines' figures (wrapped at 80)."""
    e = summary["layout"]["electrical"]
    where = ", ".join(e.get("edges") or []) or e.get("grid") or "on the devices"
    text = f"electrical: {e['kind']}, {e['pads']} pads at {e['pitch_um']:g} um ({where})"
    if e.get("rf_lines"):
        line = e["line"]
        text += (
            f"; {e['rf_lines']} GSSG lines {line['z0_ohm']:g} Ohm, "
            f"{line['loss_db_per_mm']:g} dB/mm at {line['frequency_ghz']:g} GHz, "
            f"longest {e['longest_line_mm']:g} mm ({e['longest_line_loss_db']:g} dB)"
        )
    die = summary["layout"]["floorplan"].get("die_mm")
    text += f"; die {die[0]:g} x {die[1]:g} mm" if die else ""
    return textwrap.fill(text, width=80, subsequent_indent="  ", break_on_hyphens=False)


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
