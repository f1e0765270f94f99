"""KLayout technology files (``.lyp`` layer views, ``.lyt``) generated from the tables."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from gdsfactory.technology.klayout_tech import KLayoutTechnology

from lightlane.pdk.layer_stack import get_layer_stack
from lightlane.pdk.layers import LAYER_TABLE, get_layer_views

__all__ = ["write_klayout_tech"]


def write_klayout_tech(directory: str | Path) -> tuple[Path, Path]:
    """Write ``lightlane.lyp`` and ``lightlane.lyt`` into ``directory``; return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tech = KLayoutTechnology(
        name="lightlane",
        layer_map={d.name: d.gds for d in LAYER_TABLE},
        layer_views=get_layer_views(),
        layer_stack=get_layer_stack(),
    )
    # gdsfactory prints one line per file written; the caller reports paths itself.
    with contextlib.redirect_stdout(io.StringIO()):
        tech.write_tech(directory, lyp_filename="lightlane.lyp", lyt_filename="lightlane.lyt")
    return directory / "lightlane.lyp", directory / "lightlane.lyt"
