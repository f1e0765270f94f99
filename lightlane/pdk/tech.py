"""KLayout technology files (``.lyp`` layer views, ``.lyt``) generated from the tables."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from gdsfactory.technology.klayout_tech import KLayoutTechnology

from lightlane.pdk.layer_stack import get_layer_stack
from lightlane.pdk.layers import LAYER_TABLE, get_layer_views

__all__ = ["write_klayout_tech"]


def write_klayout_tech(directory: str | Path, out: Any = None) -> tuple[Path, Path]:
    """Write ``lightlane.lyp`` and ``lightlane.lyt`` into ``directory``; return their paths.

    Both files appear together and whole (gdsfactory writes them in a scratch directory that
    is removed afterwards), or neither changes; with ``out`` (a
    :class:`lightlane.files.OutputSet`) they are staged in that set instead.
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
    with tempfile.TemporaryDirectory(prefix="lightlane-tech-") as scratch:
        with contextlib.redirect_stdout(io.StringIO()):
            tech.write_tech(scratch, lyp_filename=names[0], lyt_filename=names[1])
        with contextlib.nullcontext(out) if out is not None else OutputSet() as staged:
            lyp, lyt = (
                staged.write(directory / n, lambda t, n=n: shutil.copyfile(Path(scratch) / n, t))
                for n in names
            )
    return lyp, lyt
