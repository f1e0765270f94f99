"""The ``lightlane`` Typer application and its ``--version`` callback; the commands register
on it from :mod:`lightlane.cli.design`, :mod:`lightlane.cli.engines` and the sweeps."""

from __future__ import annotations

from typing import Annotated

import typer

from lightlane import __version__
from lightlane.cli_input import OneLineErrors

__all__ = ["PLOT_FORMATS", "app", "main"]

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
