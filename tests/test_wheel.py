"""The wheel: built from the tree, installed in a fresh virtual environment, it runs an engine
with nothing from the source tree (issue 14, item 6)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        timeout=600,
    )
    (path,) = out.glob("lightlane-*.whl")
    return path


@pytest.mark.slow
def test_wheel_carries_the_license_the_klayout_package_and_the_data_tables(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
    for shipped in (
        "lightlane/klayout/grain.xml",
        "lightlane/klayout/tech/lightlane/lightlane.lyt",
        "lightlane/klayout/tech/lightlane/lightlane.lyp",
        "lightlane/klayout/drc/lightlane.lydrc",
        "lightlane/klayout/d25/lightlane.lyd25",
        "lightlane/physics/data/strip_te0.csv",
        "lightlane/physics/data/rib_te0.csv",
    ):
        assert shipped in names
    license_text = next(n for n in names if n.endswith("licenses/LICENSE"))
    assert "Apache License" in zipfile.ZipFile(wheel).read(license_text).decode()


@pytest.mark.slow
def test_installed_wheel_runs_an_engine_from_a_fresh_environment(wheel, tmp_path):
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # the dependencies come from this environment's site-packages (a path, not its .pth files:
    # the editable install of the source tree stays out); lightlane itself only from the wheel
    query = "import site; print(site.getsitepackages()[0])"
    site = Path(subprocess.check_output([python, "-c", query], text=True).strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True)
    where = subprocess.check_output(
        [python, "-c", "import lightlane; print(lightlane.__file__)"], text=True, cwd=tmp_path
    )
    assert where.startswith(str(env_dir)), where
    out = tmp_path / "engine"
    done = subprocess.run(
        [env_dir / "bin" / "lightlane", "engine", "400G-DR4", "--side", "tx", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("engine.gds", "summary.json", "sparams.npz", "report.html", "drc.lyrdb"):
        assert (out / name).stat().st_size > 0
    tech = tmp_path / "tech"
    subprocess.run([env_dir / "bin" / "lightlane", "tech", "-o", str(tech)], check=True)
    assert (tech / "grain.xml").exists()
