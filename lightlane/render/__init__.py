"""Pictures of layouts, drawn by KLayout's LayoutView with lightlane's layer colours.

:func:`render_png` is the plain picture; :func:`layout_picture` the annotated one the docs show
(micrometre axes, a scale bar, port labels, zoom insets on details too small to see at the
picture's scale); :func:`thumbnail_png` a small picture that stays legible (all three in
:mod:`lightlane.render.pictures`); :func:`layout_svg` a standalone SVG of the polygons with a
small pan-and-zoom script, no server, no library (:mod:`lightlane.render.svg`).
"""

from __future__ import annotations

from lightlane.render.pictures import (
    Port,
    layout_picture,
    render_png,
    thumbnail_png,
    zoom_boxes,
)
from lightlane.render.pictures import _bbox as _bbox  # the docs' die insets read it
from lightlane.render.svg import layout_svg

__all__ = [
    "Port",
    "layout_picture",
    "layout_svg",
    "render_png",
    "thumbnail_png",
    "zoom_boxes",
]
