"""What the ``lightlane`` command takes in, and the one place its failures come out.

Every failure after the arguments parse (bad input, an unwritable path, a KLayout error, a bug)
reaches :class:`OneLineErrors`, which prints one line and exits 2; click's usage errors get the
same one line instead of a boxed panel. Exit 1 is left to the commands: violations, failed specs.
"""

from __future__ import annotations

import inspect
import json
import math
import os
import re
import sys
from typing import Any

import click
import typer
from typer.core import TyperGroup

__all__ = [
    "EXIT_BAD_INPUT",
    "MAX_SAMPLES",
    "BadInput",
    "OneLineErrors",
    "check_param_types",
    "parse_params",
    "require_count",
]

EXIT_BAD_INPUT = 2
MAX_SAMPLES = 10_000
"""Monte Carlo samples the CLI accepts: the standard error of a yield near 50 % is 0.5 % at
10,000 samples, finer than any spec margin it is read against."""
MAX_PARAM_CHARS = 10_000
MAX_NESTING = 16
MAX_INT_DIGITS = 15


class BadInput(Exception):
    """A user error: reported as one line and exit code 2."""


def _one_line(text: str, limit: int = 2000) -> str:
    line = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _message(error: BaseException) -> str:
    if isinstance(error, click.UsageError):
        where = error.ctx.command_path if error.ctx is not None else "lightlane"
        return f"{where}: {error.format_message()} (see '{where} --help')"
    if isinstance(error, MemoryError):
        return "out of memory"
    if isinstance(error, OSError) and error.strerror:
        target = f"{error.filename!s}: " if error.filename else ""
        return f"cannot write or read {target}{error.strerror}"
    if isinstance(error, (BadInput, ValueError, TypeError, RuntimeError, click.ClickException)):
        text = error.format_message() if isinstance(error, click.ClickException) else str(error)
        return text or type(error).__name__
    return f"internal error {type(error).__name__}: {error} (please report it)"


class OneLineErrors(TyperGroup):
    """The command group: any exception becomes ``lightlane: error: ...`` and exit code 2."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            typer.echo(error.ctx.get_help())
            code = EXIT_BAD_INPUT
        except click.Abort:
            typer.echo("lightlane: interrupted", err=True)
            code = 130
        except Exception as error:  # the boundary: nothing passes it as a traceback
            if os.environ.get("LIGHTLANE_TRACEBACK"):
                raise
            typer.echo(f"lightlane: error: {_one_line(_message(error))}", err=True)
            code = EXIT_BAD_INPUT
        code = 0 if code is None else code
        if standalone_mode:
            sys.exit(code)
        return code


def _reject_constant(name: str, raw: str) -> Any:
    def reject(constant: str) -> Any:
        raise BadInput(f"parameter {name}={raw}: {constant} is not a finite number")

    return reject


def _nesting(raw: str) -> int:
    depth = deepest = 0
    for ch in raw:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """Parse ``name=value`` pairs; values are JSON (numbers, true/false, null, lists) or text.

    Refused, naming the parameter, the value and the limit: NaN and infinities, integers of
    more than 15 digits, lists nested deeper than 16 levels, values over 10,000 characters.
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.isidentifier():
            raise BadInput(f"parameter {pair[:80]!r} is not of the form name=value")
        if len(raw) > MAX_PARAM_CHARS:
            raise BadInput(f"parameter {name}: {len(raw)} characters, above {MAX_PARAM_CHARS}")
        if _nesting(raw) > MAX_NESTING:
            raise BadInput(f"parameter {name}: nested deeper than {MAX_NESTING} levels")

        def integer(digits: str, name: str = name) -> int:
            if len(digits.lstrip("-")) > MAX_INT_DIGITS:
                raise BadInput(
                    f"parameter {name}={digits[:20]}...: integers have at most "
                    f"{MAX_INT_DIGITS} digits"
                )
            return int(digits)

        def real(text: str, name: str = name) -> float:
            value = float(text)
            if not math.isfinite(value):
                raise BadInput(f"parameter {name}={text[:40]}: not a finite number")
            return value

        try:
            value = json.loads(
                raw,
                parse_constant=_reject_constant(name, raw),
                parse_int=integer,
                parse_float=real,
            )
        except json.JSONDecodeError:
            value = raw
        params[name] = tuple(value) if isinstance(value, list) else value
    return params


def _kind(parameter: inspect.Parameter) -> tuple[str | None, bool]:
    """(``"bool"``, ``"number"`` or None for anything, whether None is allowed) of a parameter.

    Read from the default, else from an annotation made only of numbers (``float | None``).
    """
    default = parameter.default
    if isinstance(default, bool):
        return "bool", False
    if isinstance(default, (int, float)):
        return "number", False
    words = set(re.findall(r"\w+", str(parameter.annotation)))
    allows_none = default is None or "None" in words
    if words and words <= {"float", "int", "None", "Optional"} and words & {"float", "int"}:
        return "number", allows_none
    if words and words <= {"bool", "None", "Optional"} and "bool" in words:
        return "bool", allows_none
    return None, True


def check_param_types(cell: str, factory: Any, params: dict[str, Any]) -> None:
    """A number where the cell takes a number, true/false where it takes a boolean."""
    for name, p in inspect.signature(factory).parameters.items():
        if name not in params:
            continue
        value = params[name]
        kind, allows_none = _kind(p)
        if value is None and allows_none:
            continue
        if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise BadInput(f"{cell}: parameter {name}={value!r} must be a number")
        if kind == "bool" and not isinstance(value, bool):
            raise BadInput(f"{cell}: parameter {name}={value!r} must be true or false")


def require_count(option: str, value: int, low: int, high: int, why: str) -> None:
    """A whole number in ``[low, high]`` or :class:`BadInput` naming option, value and limits."""
    if not low <= value <= high:
        raise BadInput(f"{option}={value} is outside {low}..{high:,} ({why})")
