"""Pictures of layouts, drawn by KLayout's LayoutView with lightlane's layer colours."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from lightlane.files import atomic_write

__all__ = ["render_png"]


@cache
def _layer_properties() -> bytes:
    """The ``.lyp`` text, generated once per process in a scratch directory that is removed."""
    from lightlane.pdk.tech import write_klayout_tech

    with tempfile.TemporaryDirectory(prefix="lightlane-tech-") as scratch:
        lyp, _ = write_klayout_tech(scratch)
        return lyp.read_bytes()


def render_png(component: Any, path: str | Path, width: int = 800, height: int = 500) -> Path:
    """Render ``component`` (a gf Component or a GDS path) to a PNG of ``width`` x ``height`` px.

    Ports are drawn as their marker layers; the picture is fitted to the cell's bounding box.
    """
    import klayout.lay as lay

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="lightlane-render-") as tmp:
        if isinstance(component, (str, Path)):
            gds = Path(component)
        else:
            from lightlane.verify import write_gds  # fab profile: polygons split for any reader

            gds = write_gds(component, Path(tmp) / "cell.gds", metadata=False)
        view = lay.LayoutView()
        for key, value in (("background-color", "#ffffff"), ("grid-visible", "false")):
            view.set_config(key, value)
        view.load_layout(str(gds), True)
        lyp = Path(tmp) / "lightlane.lyp"
        lyp.write_bytes(_layer_properties())
        view.load_layer_props(str(lyp))
        view.max_hier()
        view.zoom_fit()
        atomic_write(path, lambda tmp: view.save_image(str(tmp), width, height))
    return path
