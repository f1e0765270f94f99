"""Hypothesis over the command line: whatever the options, the answer is a result (exit 0 or 1)
or one line and exit 2, never a traceback, and a refused command leaves nothing behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lightlane.cli import app

runner = CliRunner()
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # same examples every run: a failure reproduces
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# values that are not a usable number for a numeric parameter, however they are spelled
NOT_NUMBERS = st.one_of(
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "true", "false", "null", "[]"]),
    st.text(alphabet="[]{}:,\"'\\ -+eE.0123456789abcxyz", max_size=40).filter(
        lambda s: not _is_plain_number(s)
    ),
    st.integers(min_value=10**15, max_value=10**400).map(str),
    st.integers(min_value=1, max_value=200).map(lambda n: "[" * n),
)


def _is_plain_number(text: str) -> bool:
    try:
        value = float(text.strip())
    except ValueError:
        return False
    return abs(value) < 1e15 and text.strip().lower() not in ("nan", "inf", "-inf", "infinity")


def check(result, outdir: Path) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output, result.output
    if result.exit_code == 2:
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("lightlane: error:"), result.output
        assert list(outdir.iterdir()) == [], "a refused command left files"


@FUZZ
@given(
    cell=st.sampled_from(["straight", "bend_euler", "mmi1x2", "mzi_unbalanced"]),
    name=st.sampled_from(["length", "width", "radius", "delta_length", "n_periods"]),
    value=NOT_NUMBERS,
)
def test_numeric_parameters_refuse_what_is_not_a_number(cell, name, value):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        result = runner.invoke(
            app, ["build", cell, "-p", f"{name}={value}", "-o", str(out / "x.gds")]
        )
        check(result, out)
        assert result.exit_code == 2


@FUZZ
@given(pair=st.text(max_size=60))
def test_any_parameter_text_is_handled(pair):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        check(runner.invoke(app, ["build", "straight", "-p", pair, "-o", str(out / "x.gds")]), out)


@FUZZ
@given(
    spec=st.one_of(
        st.text(alphabet="0123456789.:-+eEinfa ", max_size=30),
        st.tuples(
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(allow_nan=True, allow_infinity=True),
            st.integers(min_value=-5, max_value=10**12),
        ).map(lambda t: f"{t[0]}:{t[1]}:{t[2]}"),
    )
)
def test_any_wavelength_spec_is_a_result_or_one_line(spec):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        args = ["simulate", "straight", "--wl", spec, "-o", str(out / "x.npz")]
        result = runner.invoke(app, args)
        check(result, out)


OPTION_VALUES = st.sampled_from(["", "0", "-1", "nan", "inf", "9" * 30, "x", "--json", "1.5"])


@FUZZ
@given(
    option=st.sampled_from(["--samples", "--side", "--coupling", "--modulator", "--fibre-pitch"]),
    value=OPTION_VALUES,
)
def test_engine_options_are_checked_before_any_work(option, value):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "engine"
        result = runner.invoke(app, ["engine", "400G-DR4", option, value, "-o", str(out)])
        assert result.exit_code == 2, result.output  # none of these values is a valid choice
        check(result, Path(tmp))


@FUZZ
@given(
    args=st.lists(
        st.sampled_from(["--json", "--flat", "--top-cell", "X", "--max-shapes", "0", "-1", "abc"]),
        max_size=4,
    )
)
def test_drc_options_on_a_real_file(args):
    with tempfile.TemporaryDirectory() as tmp:
        gds = Path(tmp) / "in" / "b.gds"
        assert runner.invoke(app, ["build", "bend_euler", "-o", str(gds)]).exit_code == 0
        result = runner.invoke(app, ["drc", str(gds), *args])
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert result.output.strip().splitlines()[-1].startswith("lightlane: error:")
