"""A writer killed mid-run leaves nothing under its final names; a full disk is one line and
exit 2 with nothing left behind. The disk is a small tmpfs, mounted where the machine allows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

LIGHTLANE = [sys.executable, "-m", "lightlane.cli"]
BIG_SWEEP = "1.26:1.36:100000"  # a 2-port Touchstone file of 100,000 lines: seconds to write


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LIGHTLANE, *args], capture_output=True, text=True, timeout=600, cwd=cwd)


def test_a_killed_simulate_leaves_no_output_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    out, s2p = tmp_path / "s.npz", tmp_path / "s.s2p"
    args = ["simulate", "straight", "--wl", BIG_SWEEP, "-o", str(out), "--touchstone", str(s2p)]
    child = subprocess.Popen([*LIGHTLANE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not list(tmp_path.glob(".s.s2p~*")):  # killed while the set is being written
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the writer never started"
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert not out.exists() and not s2p.exists()  # staged, never published
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers and all(name.startswith((".s.npz~", ".s.s2p~")) for name in leftovers)
    done = run(*args[:3], "1.3:1.31:11", *args[4:])
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.npz", "s.s2p"]


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 64 KiB tmpfs, filled up but for a few bytes; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode})")
    try:
        filler = mount / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        os.truncate(filler, max(filler.stat().st_size - 512, 0))  # room for a little only
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize(
    "command",
    [
        ["build", "mzi_unbalanced", "-o", "{d}/m.gds"],
        [
            "simulate",
            "mzi_unbalanced",
            "--wl",
            "1.26:1.36:5001",
            "-o",
            "{d}/m.npz",
            "--plot",
            "{d}/m.pdf",
        ],
        ["tech", "-o", "{d}/tech"],
        ["drc", "{gds}", "--lyrdb", "{d}/m.lyrdb"],
    ],
    ids=["build", "simulate", "tech", "drc-lyrdb"],
)
def test_a_full_disk_is_one_line_and_leaves_nothing(full_disk: Path, tmp_path: Path, command):
    gds = tmp_path / "wide.gds"
    assert run("build", "straight", "-p", "length=2000", "-o", str(gds)).returncode == 0
    before = {p.name for p in full_disk.iterdir()}
    done = run(*(a.format(d=full_disk, gds=gds) for a in command))
    assert done.returncode == 2, (done.returncode, done.stdout[-300:], done.stderr[-300:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lightlane: error:"), done.stderr
    assert "No space left" in lines[0], lines[0]
    after = {p.name for p in full_disk.iterdir()} | {p.name for p in full_disk.glob("tech/*")}
    assert after - before <= {"tech"}, after - before
