"""KLayout technology files (``.lyp`` layer views, ``.lyt``) generated from the tables."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from pathlib import Path

from gdsfactory.technology.klayout_tech import KLayoutTechnology

from lightlane.pdk.layer_stack import get_layer_stack
from lightlane.pdk.layers import LAYER_TABLE, get_layer_views

__all__ = ["write_klayout_tech"]


def write_klayout_tech(directory: str | Path) -> tuple[Path, Path]:
    """Write ``lightlane.lyp`` and ``lightlane.lyt`` into ``directory``; return their paths.

    Both files appear together and whole (gdsfactory writes them in a scratch directory that
    is removed afterwards), or neither changes.
    """
    from lightlane.files import OutputSet

    directory = Path(directory)
    tech = KLayoutTechnology(
        name="lightlane",
        layer_map={d.name: d.gds for d in LAYER_TABLE},
        layer_views=get_layer_views(),
        layer_stack=get_layer_stack(),
    )
    # gdsfactory prints one line per file written; the caller reports paths itself.
    names = ("lightlane.lyp", "lightlane.lyt")
    with tempfile.TemporaryDirectory(prefix="lightlane-tech-") as scratch, OutputSet() as out:
        with contextlib.redirect_stdout(io.StringIO()):
            tech.write_tech(scratch, lyp_filename=names[0], lyt_filename=names[1])
        lyp, lyt = (
            out.write(directory / n, lambda tmp, n=n: shutil.copyfile(Path(scratch) / n, tmp))
            for n in names
        )
    return lyp, lyt
