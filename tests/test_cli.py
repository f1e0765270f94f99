"""The ``lightlane`` command line: help, version, cells, build, and one-line errors."""

from __future__ import annotations

import json

import gdsfactory as gf
import pytest
from typer.testing import CliRunner

from lightlane import __version__
from lightlane.cli import app
from lightlane.registry import get_pdk

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize(
    "command",
    [[], ["cells"], ["build"], ["simulate"], ["drc"], ["tech"], ["standards"], ["engine"]],
)
def test_help(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"lightlane {__version__}"


def test_cells_lists_every_cell():
    result = invoke("cells")
    assert result.exit_code == 0
    for name in get_pdk().cells:
        assert name in result.output


def test_cells_json():
    rows = json.loads(invoke("cells", "--json").output)
    assert [r["name"] for r in rows] == sorted(get_pdk().cells)
    straight = next(r for r in rows if r["name"] == "straight")
    assert straight["parameters"]["length"] == 10.0


def test_build_writes_a_gds_with_the_requested_parameters(tmp_path):
    out = tmp_path / "s.gds"
    result = invoke(
        "build", "straight", "-p", "length=25", "-p", "cross_section=rib", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    component = gf.import_gds(out)
    assert component.xsize == pytest.approx(25.0)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["build", "nope"], ["unknown cell 'nope'", "straight"]),
        (["build", "straight", "-p", "width=0.1"], ["width=0.1", "WG.W.1"]),
        (["build", "straight", "-p", "colour=red"], ["no parameter colour"]),
        (["build", "straight", "-p", "length"], ["name=value"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, words):
    out = tmp_path / "x.gds"
    result = invoke(*args, "-o", str(out))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lightlane: error:")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_exit_2_and_leaves_nothing(tmp_path):
    made = tmp_path / "new" / "x.gds"
    assert invoke("build", "straight", "-o", str(made)).exit_code == 0, "parents are created"
    assert made.exists() and made.with_suffix(".json").exists()
    occupied = tmp_path / "taken.gds"
    occupied.mkdir()  # a directory where the file should go: fails even for root
    result = invoke("build", "straight", "-o", str(occupied))
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "taken.gds"]
    assert list(occupied.iterdir()) == []


def test_tech_writes_klayout_files(tmp_path):
    result = invoke("tech", "-o", str(tmp_path))
    assert result.exit_code == 0
    tech = tmp_path / "tech" / "lightlane"
    assert (tech / "lightlane.lyp").exists() and (tech / "lightlane.lyt").exists()
    assert (tmp_path / "grain.xml").exists() and (tmp_path / "drc" / "lightlane.lydrc").exists()


def test_drc_of_a_built_cell_is_clean(tmp_path):
    out = tmp_path / "b.gds"
    assert invoke("build", "bend_euler", "-o", str(out)).exit_code == 0
    result = invoke("drc", str(out), "--lyrdb", str(tmp_path / "b.lyrdb"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.lyrdb").exists()


@pytest.mark.parametrize("content", [b"", b"not a gds at all", b"\x00\x06\x00\x02\x02"])
def test_drc_of_a_bad_file_is_one_line_and_exit_2(tmp_path, content):
    bad = tmp_path / "bad.gds"
    bad.write_bytes(content)
    result = invoke("drc", str(bad))
    assert result.exit_code == 2
    assert result.output.strip().startswith("lightlane: error:")
    assert len(result.output.strip().splitlines()) == 1


def test_simulate_writes_sparameters_plot_and_touchstone(tmp_path):
    from lightlane.sim import SParameters

    out = tmp_path / "mzi.npz"
    args = [
        "simulate",
        "mzi_unbalanced",
        "-p",
        "delta_length=20",
        "--wl",
        "1.30:1.32:201",
        "-o",
        str(out),
    ]
    result = invoke(
        *args, "--plot", str(tmp_path / "mzi.png"), "--touchstone", str(tmp_path / "m.s2p")
    )
    assert result.exit_code == 0, result.output
    sparams = SParameters.load(out)
    assert sparams.ports == ["o1", "o2"] and sparams.wl.size == 201
    assert (tmp_path / "mzi.png").stat().st_size > 1000
    assert (tmp_path / "m.s2p").read_text().count("\n") > 201


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["simulate", "mzi_unbalanced", "--wl", "foo"], ["wavelength spec 'foo'"]),
        (["simulate", "nope"], ["unknown cell 'nope'"]),
        (["simulate", "mzi_unbalanced", "-p", "delta_length=-5"], ["delta_length"]),
    ],
)
def test_simulate_bad_input_is_one_line_and_exit_2(tmp_path, args, words):
    result = invoke(*args, "-o", str(tmp_path / "x.npz"))
    assert result.exit_code == 2, result.output
    assert result.output.strip().startswith("lightlane: error:")
    for word in words:
        assert word in result.output
    assert list(tmp_path.iterdir()) == []


TWO_RINGS = """name: two_rings
instances:
  r1: {component: ring_single, settings: {radius: 10}}
  r2: {component: ring_single, settings: {radius: 10}}
placements:
  r1: {x: 0, y: 0}
connections:
  r2,o1: r1,o2
ports:
  o1: r1,o1
  o2: r2,o2
"""


def test_simulate_takes_a_gdsfactory_yaml_circuit(tmp_path):
    import numpy as np

    from lightlane.registry import closed_forms
    from lightlane.sim import SParameters

    circuit = tmp_path / "two_rings.pic.yml"
    circuit.write_text(TWO_RINGS)
    out = tmp_path / "rings.npz"
    result = invoke("simulate", str(circuit), "--wl", "1.30:1.32:101", "-o", str(out))
    assert result.exit_code == 0, result.output
    sparams = SParameters.load(out)
    ring = closed_forms()["ring_single"](sparams.wl, radius=10)["o2", "o1"]
    np.testing.assert_allclose(sparams["o2", "o1"], ring**2, atol=1e-9)


@pytest.mark.parametrize(
    ("text", "args", "words"),
    [
        ("instances:\n  a: {component: nothing}\n", [], ["'nothing' not in PDK"]),
        ("instances: [unclosed\n", [], ["not a circuit gdsfactory can build"]),
        (TWO_RINGS, ["-p", "radius=5"], ["takes its settings from the file"]),
        (None, [], ["does not exist"]),
    ],
)
def test_simulate_yaml_errors_are_one_line_and_exit_2(tmp_path, text, args, words):
    circuit = tmp_path / "c.pic.yml"
    if text is not None:
        circuit.write_text(text)
    result = invoke("simulate", str(circuit), *args, "-o", str(tmp_path / "x.npz"))
    assert result.exit_code == 2, result.output
    assert result.output.strip().startswith("lightlane: error:")
    assert len(result.output.strip().splitlines()) == 1
    for word in words:
        assert word in result.output
    assert not (tmp_path / "x.npz").exists()


def test_simulate_non_numeric_parameter_is_one_line(tmp_path):
    result = invoke(
        "simulate", "mzi_unbalanced", "-p", "delta_length=abc", "-o", str(tmp_path / "x.npz")
    )
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "lightlane: error: mzi_unbalanced: parameter delta_length='abc' must be a number"
    )


def test_drc_starts_without_gdsfactory(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "b.gds"
    assert invoke("build", "bend_euler", "-o", str(out)).exit_code == 0
    code = (
        "import sys\n"
        "from lightlane.cli import app\n"
        "try:\n    app(['drc', sys.argv[1]])\nexcept SystemExit as e:\n    code = e.code\n"
        "print(code, 'gdsfactory' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "0 False", done.stdout + done.stderr


def test_standards_fit_80_columns_and_print_plainly_when_piped():
    from lightlane.circuits.standards import STANDARDS

    result = invoke("standards")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not any(ch in result.output for ch in "┏━┃│…\x1b")  # no box, no ellipsis, no colour
    for name in STANDARDS:
        assert any(line.startswith(f"{name}: ") for line in lines), name
    assert "  Rx sens. OMA (dBm)" in result.output


def test_standards_on_a_terminal_fit_80_columns(monkeypatch):
    import io
    import sys

    from lightlane.cli.design import standards

    out = io.StringIO()
    out.isatty = lambda: True  # a terminal: rich prints, names bold
    monkeypatch.setattr(sys, "stdout", out)
    standards(as_json=False)
    text = out.getvalue()
    assert text and max(len(line) for line in text.splitlines()) <= 80
    assert "400G-FR4: 4 x 100G" in text
