"""One error path: each bad input or failure of issue 13 is one line and exit 2, and leaves no
output behind; a finished command leaves its outputs whole, together, with the umask's mode."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lightlane.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result, *words: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lightlane: error:"), result.output
    assert "Traceback" not in result.output and "╭" not in result.output
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("Infinity", ["length=Infinity", "finite"]),
        ("-Infinity", ["finite"]),
        ("NaN", ["NaN", "finite"]),
        ("1e400", ["length=1e400", "finite"]),
        ("1" * 400, ["15 digits"]),
        ("[" * 100_000, ["100000 characters, above 10000"]),
        ("[" * 5_000, ["nested deeper than 16"]),
        ("abc", ["length='abc'", "must be a number"]),
        ("true", ["length=True", "must be a number"]),
        ("[1, 2]", ["must be a number"]),
    ],
    ids=[
        "inf",
        "-inf",
        "nan",
        "1e400",
        "400-digits",
        "100k-brackets",
        "deep",
        "text",
        "bool",
        "list",
    ],
)
def test_bad_parameter_values_are_refused_before_any_work(tmp_path, value, words):
    out = tmp_path / "s.gds"
    one_line_error(invoke("build", "straight", "-p", f"length={value}", "-o", out), *words)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["build"],  # missing argument
        ["build", "straight"],  # missing option
        ["drc", "x.gds", "--bogus"],  # unknown option
        ["engine", "400G-DR4", "--samples", "many"],  # not an integer
        ["nope"],  # unknown command
    ],
)
def test_usage_errors_are_one_line_too(args):
    line = one_line_error(invoke(*args))
    assert "--help" in line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["simulate", "mzi_unbalanced", "--wl", "1.26:1.36:100000000"],
            ["100000000 points", "100,000"],
        ),
        (["simulate", "mzi_unbalanced", "--wl", "0:1:10"], ["outside 0.2..20"]),
        (["simulate", "mzi_unbalanced", "--wl", "nan:1.3:10"], ["outside"]),
        (["simulate", "mzi_unbalanced", "--plot", "p.jpg"], [".png or .pdf or .svg"]),
        (["engine", "400G-DR4", "--samples", "100000000"], ["--samples=100000000", "10,000"]),
        (["engine", "400G-DR4", "--samples", "0"], ["--samples=0"]),
    ],
)
def test_limits_are_checked_before_any_work(tmp_path, args, words):
    one_line_error(invoke(*args, "-o", tmp_path / ("x.npz" if args[0] == "simulate" else "e")))
    assert list(tmp_path.iterdir()) == []


def test_an_output_path_that_is_a_directory(tmp_path):
    (tmp_path / "x.npz").mkdir()
    line = one_line_error(
        invoke("simulate", "mzi_unbalanced", "--wl", "1.3", "-o", tmp_path / "x.npz")
    )
    assert "x.npz" in line and "directory" in line.lower()


def test_a_sidecar_that_cannot_be_written_takes_the_gds_with_it(tmp_path):
    (tmp_path / "s.json").mkdir()  # the sidecar's place is taken
    one_line_error(invoke("build", "straight", "-o", tmp_path / "s.gds"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_a_plot_that_cannot_be_written_takes_the_npz_with_it(tmp_path):
    (tmp_path / "p.png").mkdir()
    args = ["simulate", "mzi_unbalanced", "--wl", "1.3:1.31:11", "-o", tmp_path / "s.npz"]
    one_line_error(invoke(*args, "--plot", tmp_path / "p.png"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.png"]


def test_a_read_only_lyrdb_is_exit_2_not_a_traceback(tmp_path):
    gds = tmp_path / "b.gds"
    assert invoke("build", "bend_euler", "-o", gds).exit_code == 0
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro" / "m.lyrdb").mkdir()  # unwritable for root too
    one_line_error(invoke("drc", gds, "--lyrdb", tmp_path / "ro" / "m.lyrdb"))


def test_plot_is_written_in_the_format_its_name_says(tmp_path):
    args = ["simulate", "mzi_unbalanced", "--wl", "1.3:1.31:11", "-o", tmp_path / "s.npz"]
    for suffix, magic in ((".pdf", b"%PDF"), (".svg", b"<?xml"), (".png", b"\x89PNG")):
        plot = tmp_path / f"p{suffix}"
        assert invoke(*args, "--plot", plot).exit_code == 0
        assert plot.read_bytes().startswith(magic), suffix


def test_touchstone_name_must_match_the_port_count(tmp_path):
    args = ["simulate", "mzi_unbalanced", "--wl", "1.3", "-o", tmp_path / "s.npz"]
    one_line_error(invoke(*args, "--touchstone", tmp_path / "s.s4p"), ".s2p")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_outputs_follow_the_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        assert invoke("build", "straight", "-o", tmp_path / "s.gds").exit_code == 0
        args = ["simulate", "mzi_unbalanced", "--wl", "1.3:1.31:3", "-o", tmp_path / "m.npz"]
        assert invoke(*args, "--plot", tmp_path / "m.png").exit_code == 0
    finally:
        os.umask(old)
    for path in tmp_path.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path.name


def test_stale_temporary_files_of_dead_runs_are_cleaned(tmp_path):
    dead = tmp_path / ".s.gds~999999999~0badc0de.gds"  # no process has that id
    dead.write_bytes(b"half a file")
    alive = tmp_path / f".s.gds~{os.getpid()}~0badc0de.gds"  # ours: still being written
    alive.write_bytes(b"in progress")
    assert invoke("build", "straight", "-o", tmp_path / "s.gds").exit_code == 0
    assert not dead.exists() and alive.exists()


def test_drc_json_is_the_same_bytes_every_run(tmp_path):
    gds = tmp_path / "b.gds"
    assert invoke("build", "bend_euler", "-o", gds).exit_code == 0
    first, second = invoke("drc", gds, "--json"), invoke("drc", gds, "--json")
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert "seconds" not in json.loads(first.stdout)


def test_the_build_sidecar_names_its_gds(tmp_path):
    import hashlib

    assert invoke("build", "straight", "-o", tmp_path / "s.gds").exit_code == 0
    meta = json.loads((tmp_path / "s.json").read_text())
    assert meta["gds_sha256"] == hashlib.sha256((tmp_path / "s.gds").read_bytes()).hexdigest()


def test_unexpected_failures_are_one_line_too(tmp_path, monkeypatch):
    import lightlane.verify

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(lightlane.verify, "write_gds", broken)
    one_line_error(invoke("build", "straight", "-o", tmp_path / "s.gds"), "internal error")


def test_tech_is_written_whole_and_leaves_no_scratch(tmp_path):
    out = tmp_path / "tech"
    assert invoke("tech", "-o", out).exit_code == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == [
        "d25/lightlane.lyd25",
        "drc/lightlane.lydrc",
        "grain.xml",
        "tech/lightlane/lightlane.lyp",
        "tech/lightlane/lightlane.lyt",
    ]
    (tmp_path / "file").write_text("not a directory")
    one_line_error(invoke("tech", "-o", tmp_path / "file"))
    assert Path(tmp_path / "file").read_text() == "not a directory"


def test_geometry_that_overflowed_is_refused_by_build_and_drc(tmp_path):
    # length=1e12 um would saturate the 32-bit coordinates at -2147 mm: the cell's bound (the
    # largest die) refuses it before any geometry is drawn
    one_line_error(
        invoke("build", "straight", "-p", "length=1e12", "-o", tmp_path / "x.gds"), "33000"
    )
    assert list(tmp_path.iterdir()) == []
    import klayout.db as db

    layout = db.Layout()
    layout.create_cell("TOP").shapes(layout.layer(1, 0)).insert(db.Box(-(2**31), -200, 0, 200))
    layout.write(str(tmp_path / "x.gds"))
    one_line_error(invoke("drc", tmp_path / "x.gds"), "overflowed")


@pytest.mark.parametrize(
    ("content", "extra", "words"),
    [
        ("# GHz S DB R 50\n1 2 3\n", [], ["--host-channel", "2-port frequency points"]),
        (None, [], ["--host-channel", "no such file"]),
        ("# GHz S DB R 50\n1 -40 0 -3 0 -3 0 -40 0\n2 -40 0 -3 0 -3 0 -40 0\n",
         ["--host-pairing", "14-23"], ["--host-pairing='14-23'", "12-34"]),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["engine", "compare"])
def test_a_bad_host_channel_is_one_line_before_any_work(tmp_path, content, extra, words, command):
    path = tmp_path / "host.s2p"
    if content is not None:
        path.write_text(content)
    package = ["--package", "lpo"] if command == "engine" else []
    out = tmp_path / "out"
    one_line_error(
        invoke(command, "800G-DR8", *package, "--host-channel", path, *extra, "-o", out), *words
    )
    assert not out.exists()


def test_a_host_channel_needs_the_lpo_package(tmp_path):
    path = tmp_path / "host.s2p"
    path.write_text("# GHz S DB R 50\n1 -40 0 -3 0 -3 0 -40 0\n2 -40 0 -3 0 -3 0 -40 0\n")
    one_line_error(
        invoke("engine", "800G-DR8", "--host-channel", path, "-o", tmp_path / "out"), "'lpo'"
    )
