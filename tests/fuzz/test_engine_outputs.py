"""``lightlane engine`` publishes its directory as a set: identical runs give identical bytes
(timings aside, in timings.json), the manifest lists every file's hash, and a run killed half
way publishes nothing, so the directory never mixes two runs without the manifest saying so."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lightlane.files import MANIFEST, check_manifest

ENGINE = [sys.executable, "-m", "lightlane.cli", "engine", "400G-DR4", "--samples", "8"]


def run_engine(out: Path, *extra: str) -> None:
    done = subprocess.run([*ENGINE, *extra, "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    run_engine(a)
    run_engine(b)
    return a, b


def test_identical_runs_give_identical_bytes_but_for_the_timings(two_runs):
    a, b = two_runs
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert {"engine.gds", "summary.json", "report.html", "timings.json", MANIFEST} <= set(names)
    for name in names:
        if name != "timings.json":
            assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert "timings_s" not in json.loads((a / "summary.json").read_text())
    assert "build" in json.loads((a / "timings.json").read_text())


def test_the_manifest_names_the_inputs_and_catches_a_changed_file(two_runs, tmp_path):
    a, _ = two_runs
    data = check_manifest(a)
    assert data["inputs"]["standard"] == "400G-DR4" and data["inputs"]["samples"] == 8
    assert "timings.json" not in data["sha256"] and "summary.json" in data["sha256"]
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in a.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "summary.json").write_text("{}")
    with pytest.raises(ValueError, match="summary.json differs"):
        check_manifest(copy)


def test_a_killed_run_publishes_nothing_and_leaves_the_previous_set_whole(two_runs, tmp_path):
    a, _ = two_runs
    out = tmp_path / "engine"
    out.mkdir()
    for path in a.iterdir():
        (out / path.name).write_bytes(path.read_bytes())
    # a different run into the same directory, killed once it has staged its GDS
    child = subprocess.Popen(
        [*ENGINE[:4], "400G-DR4", "--side", "tx", "--samples", "8", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not list(out.glob(".engine.gds~*")):
        assert child.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert check_manifest(out)["inputs"]["side"] == "trx"  # the old set, whole
    for path in a.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    run_engine(out, "--side", "tx")  # the next run cleans the killed run's temporary files
    assert check_manifest(out)["inputs"]["side"] == "tx"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_report_escapes_every_text(two_runs):
    from lightlane.circuits.report import report_page

    hostile = "<script>x</script>"
    summary = json.loads((two_runs[0] / "summary.json").read_text())
    summary["standard"] = summary["verdict"] = hostile
    for table in ("budget_table", "lane_table"):
        summary[table][0][hostile] = hostile  # a column name and a value
    summary["checks"][hostile] = [hostile, 1.5]
    page = report_page(summary, "AAAA", "BBBB")
    assert "<script>" not in page and page.count("&lt;script&gt;") >= 7
    assert (
        f"<title>lightlane &lt;script&gt;x&lt;/script&gt; {summary['side']} engine</title>" in page
    )


def test_rendering_leaves_no_scratch_directory(tmp_path):
    gds, scratch = tmp_path / "s.gds", tmp_path / "tmp"
    scratch.mkdir()
    code = (
        "import sys\n"
        "from lightlane.cli import app\n"
        "from lightlane.render import render_png\n"
        "app(['build', 'straight', '-o', sys.argv[1]], standalone_mode=False)\n"
        "render_png(sys.argv[1], sys.argv[2])\n"
    )
    env = {**__import__("os").environ, "TMPDIR": str(scratch)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(gds), str(tmp_path / "s.png")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "s.png").stat().st_size > 0
    assert not [p.name for p in scratch.iterdir() if p.name.startswith("lightlane")]
