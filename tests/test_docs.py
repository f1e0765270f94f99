"""The docs site builds with --strict from the PDK, and every cell has a complete gallery card."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lightlane.gallery import docstring_args, write_gallery, write_pdk_pages
from lightlane.pdk import get_pdk

ROOT = Path(__file__).resolve().parents[1]


def test_docstring_args_parses_google_style():
    from lightlane.components.waveguides import bend_euler

    args = docstring_args(bend_euler)
    assert set(args) == {"radius", "angle", "p", "width", "cross_section"}
    assert "minimum radius" in args["radius"]


@pytest.mark.slow
def test_site_builds_strict_with_a_card_per_cell(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("gallery", "pdk"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    write_pdk_pages(docs)
    write_gallery(docs)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "gallery" / "index.html").read_text()
    images = tmp_path / "site" / "gallery" / "images"
    for name in get_pdk().cells:
        assert f'id="{name}"' in page
        assert (images / f"{name}.png").stat().st_size > 1000
        assert (images / f"{name}_spectrum.png").stat().st_size > 1000
    assert (tmp_path / "site" / "pdk" / "rules" / "index.html").exists()
