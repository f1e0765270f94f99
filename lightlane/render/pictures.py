"""Pictures of layouts, drawn by KLayout's LayoutView with lightlane's layer colours.

:func:`render_png` is the plain picture; :func:`layout_picture` the annotated one the docs show
(micrometre axes, a scale bar, port labels, zoom insets on details too small to see at the
picture's scale); :func:`thumbnail_png` a small picture that stays legible. The SVG viewer is
:mod:`lightlane.render.svg`.
"""

from __future__ import annotations

import contextlib
import math
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lightlane.files import atomic_write

__all__ = ["Port", "layout_picture", "render_png", "thumbnail_png", "zoom_boxes"]


@cache
def _layer_properties() -> bytes:
    """The ``.lyp`` text, generated once per process in a scratch directory that is removed."""
    from lightlane.pdk.tech import write_klayout_tech

    with tempfile.TemporaryDirectory(prefix="lightlane-tech-") as scratch:
        lyp, _ = write_klayout_tech(scratch)
        return lyp.read_bytes()


@dataclass(frozen=True)
class Port:
    """A port as the pictures draw it: name, centre (um), orientation (deg), width (um), type."""

    name: str
    x: float
    y: float
    orientation: float
    width: float
    port_type: str


def _ports(component: Any) -> list[Port]:
    if isinstance(component, (str, Path)):
        return []
    return [
        Port(p.name, float(p.center[0]), float(p.center[1]), float(p.orientation or 0.0),
             float(p.width), str(p.port_type))
        for p in component.ports
    ]  # fmt: skip


@contextlib.contextmanager
def _gds_of(component: Any, gds: str | Path | None = None) -> Iterator[Path]:
    """A GDS file of ``component`` (a gf Component, or the path of a GDS, used as it is):
    ``gds`` when given (the component already written)."""
    if gds is not None or isinstance(component, (str, Path)):
        yield Path(gds if gds is not None else component)
        return
    from lightlane.verify import write_gds  # fab profile: polygons split for any reader

    with tempfile.TemporaryDirectory(prefix="lightlane-render-") as tmp:
        yield write_gds(component, Path(tmp) / "cell.gds", metadata=False)


@contextlib.contextmanager
def _view(gds: Path) -> Iterator[Any]:
    import klayout.lay as lay

    with tempfile.TemporaryDirectory(prefix="lightlane-view-") as tmp:
        view = lay.LayoutView()
        for key, value in (("background-color", "#ffffff"), ("grid-visible", "false")):
            view.set_config(key, value)
        view.load_layout(str(gds), True)
        lyp = Path(tmp) / "lightlane.lyp"
        lyp.write_bytes(_layer_properties())
        view.load_layer_props(str(lyp))
        view.max_hier()
        view.zoom_fit()
        yield view


def _pixels(view: Any, box: tuple[float, float, float, float] | None, width: int, height: int):
    """The view of ``box`` (um; the whole cell when None) as an RGB array and the box shown."""
    import klayout.db as kdb
    import numpy as np

    if box is None:
        view.zoom_fit()
    else:
        view.zoom_box(kdb.DBox(*box))
    with tempfile.TemporaryDirectory(prefix="lightlane-px-") as tmp:
        png = Path(tmp) / "view.png"
        view.save_image(str(png), width, height)
        from matplotlib.image import imread

        image = np.asarray(imread(png))
    shown = view.box()
    return image, (shown.left, shown.bottom, shown.right, shown.top)


def render_png(component: Any, path: str | Path, width: int = 800, height: int = 500) -> Path:
    """Render ``component`` (a gf Component or a GDS path) to a PNG of ``width`` x ``height`` px.

    Ports are drawn as their marker layers; the picture is fitted to the cell's bounding box.
    """
    path = Path(path)
    with _gds_of(component) as gds, _view(gds) as view:
        atomic_write(path, lambda tmp: view.save_image(str(tmp), width, height))
    return path


def _bbox(gds: Path) -> tuple[float, float, float, float]:
    import klayout.db as kdb

    layout = kdb.Layout()
    layout.read(str(gds))
    box = layout.top_cells()[0].dbbox()
    return box.left, box.bottom, box.right, box.top


def zoom_boxes(
    component: Any, picture_px: int = 640, limit: int = 2, gds: str | Path | None = None
) -> list[tuple[float, float, float, float]]:
    """Boxes (um) worth a zoom inset: where a picture ``picture_px`` wide hides detail.

    The densest cluster of small polygons (grating teeth or holes, narrower than 2 px, at least
    40 of them), and, for a cell whose short side would span under 12 px, its narrowest optical
    port (a coupler's tip). A cell small enough to show every polygon gets none. ``gds``: the
    component already written (else it is written to a scratch file), as for every function here.
    """
    import klayout.db as kdb
    import numpy as np

    with _gds_of(component, gds) as written:
        layout = kdb.Layout()
        layout.read(str(written))
    top = layout.top_cells()[0]
    box = top.dbbox()
    extent = max(box.width(), box.height())
    if extent <= 0:
        return []
    um_per_px = extent / picture_px
    centres = []
    for index in layout.layer_indexes():
        region = kdb.Region(top.begin_shapes_rec(index)).merged()
        for polygon in region.each():
            b = polygon.bbox().to_dtype(layout.dbu)
            if (
                min(b.width(), b.height()) < 2 * um_per_px
                and max(b.width(), b.height()) < extent / 8
            ):
                centres.append((b.center().x, b.center().y))
    boxes = []
    if len(centres) >= 40:
        xy = np.asarray(centres)
        bins = 12
        limits = [[box.left, box.right + 1e-9], [box.bottom, box.top + 1e-9]]
        counts, xe, ye = np.histogram2d(xy[:, 0], xy[:, 1], bins=bins, range=limits)
        i, j = np.unravel_index(int(np.argmax(counts)), counts.shape)
        step_x, step_y = xe[1] - xe[0], ye[1] - ye[0]
        near = (np.abs(xy[:, 0] - (xe[i] + xe[i + 1]) / 2) <= 1.5 * step_x) & (
            np.abs(xy[:, 1] - (ye[j] + ye[j + 1]) / 2) <= 1.5 * step_y
        )
        (x0, y0), (x1, y1) = xy[near].min(axis=0), xy[near].max(axis=0)
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        half = max(x1 - x0, y1 - y0, 4.0) * 0.6
        boxes.append((x - half, y - half, x + half, y + half))
    short = min(box.width(), box.height())
    optical = [p for p in _ports(component) if p.port_type == "optical"]
    if optical and short * 0.6 * picture_px / extent < 12:
        port = min(optical, key=lambda p: p.width)
        side = min(max(20 * port.width, 3.0), extent / 4)
        boxes.append((port.x - side / 2, port.y - side / 2, port.x + side / 2, port.y + side / 2))
    return boxes[:limit]


def _label_ports(ax: Any, ports: list[Port], extent: float, size: float = 8) -> None:
    import matplotlib.patheffects as effects

    halo = [effects.withStroke(linewidth=2.5, foreground="white")]
    for p in ports:
        colour = "#c0392b" if p.port_type == "optical" else "#1f4e9c"
        dx, dy = math.cos(math.radians(p.orientation)), math.sin(math.radians(p.orientation))
        ax.plot([p.x], [p.y], marker=(3, 0, p.orientation - 90), ms=6, color=colour, zorder=5)
        ax.annotate(p.name, (p.x, p.y), xytext=(10 * dx, 10 * dy), textcoords="offset points",
                    ha="center", va="center", fontsize=size, color=colour, path_effects=halo,
                    zorder=6, annotation_clip=False)  # fmt: skip


def _scale_bar(ax: Any, box: tuple[float, float, float, float]) -> None:
    """A bar of a round length (1, 2 or 5 x 10^n um) near a fifth of the width, bottom left."""
    import matplotlib.patheffects as effects

    left, bottom, right, top = box
    target = (right - left) / 5
    power = 10 ** math.floor(math.log10(target))
    length = max(m * power for m in (1, 2, 5) if m * power <= target)
    x0, y0 = left + 0.04 * (right - left), bottom + 0.06 * (top - bottom)
    ax.plot([x0, x0 + length], [y0, y0], color="black", lw=3, solid_capstyle="butt", zorder=7)
    text = f"{length:g} um" if length >= 1 else f"{length * 1e3:g} nm"
    ax.text(x0 + length / 2, y0 + 0.02 * (top - bottom), text, ha="center", va="bottom",
            fontsize=8, zorder=7,
            path_effects=[effects.withStroke(linewidth=2.5, foreground="white")])  # fmt: skip


def _padded(box: tuple[float, float, float, float], fraction: float = 0.06):
    left, bottom, right, top = box
    pad = fraction * max(right - left, top - bottom, 1e-3)
    return left - pad, bottom - pad, right + pad, top + pad


def layout_picture(
    component: Any,
    path: str | Path,
    width_px: int = 880,
    title: str | None = None,
    insets: list[tuple[float, float, float, float]] | None = None,
    ports: bool = True,
    gds: str | Path | None = None,
    inset_titles: list[str] | None = None,
) -> Path:
    """An annotated picture of ``component``: the layout in micrometre axes with a scale bar,
    port names (optical red, electrical blue) and zoom insets (``insets``, default
    :func:`zoom_boxes`) drawn beside it, each marked on the whole view and titled ``zoom K``
    or ``zoom K: inset_titles[K-1]``. Returns ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    insets = zoom_boxes(component, width_px, gds=gds) if insets is None else insets
    port_list = _ports(component) if ports else []
    with _gds_of(component, gds) as written, _view(written) as view:
        whole = _padded(_bbox(written))
        aspect = (whole[3] - whole[1]) / max(whole[2] - whole[0], 1e-9)
        main_w = width_px * (0.62 if insets else 1.0)
        main_h = min(max(main_w * aspect, 120), 620)
        image, shown = _pixels(view, whole, int(main_w), int(main_h))
        zooms = [_pixels(view, b, 420, 420) for b in insets]
    dpi = 100
    height_in = max(main_h / dpi + 0.9, 2.2 * len(insets) + 0.6 if insets else 0)
    fig = Figure(figsize=(width_px / dpi, height_in), dpi=dpi, layout="constrained")
    if insets:
        grid = fig.add_gridspec(len(insets), 2, width_ratios=[0.62, 0.38])
        ax = fig.add_subplot(grid[:, 0])
        zoom_axes = [fig.add_subplot(grid[k, 1]) for k in range(len(insets))]
    else:
        ax, zoom_axes = fig.add_subplot(), []
    extent = max(shown[2] - shown[0], shown[3] - shown[1])
    ax.imshow(image, extent=(shown[0], shown[2], shown[1], shown[3]), interpolation="antialiased")
    _label_ports(ax, port_list, extent)
    _scale_bar(ax, shown)
    ax.set(xlabel="x (um)", ylabel="y (um)", xlim=(shown[0], shown[2]), ylim=(shown[1], shown[3]))
    if title:
        ax.set_title(title, fontsize=10)
    for k, (zax, (zimage, zshown)) in enumerate(zip(zoom_axes, zooms, strict=True)):
        left, bottom, right, top = zshown
        zax.imshow(zimage, extent=(left, right, bottom, top), interpolation="antialiased")
        inside = [p for p in port_list if left <= p.x <= right and bottom <= p.y <= top]
        _label_ports(zax, inside, right - left, size=7)
        _scale_bar(zax, zshown)
        zax.set(xlim=(left, right), ylim=(bottom, top))
        zax.tick_params(labelsize=7)
        named = inset_titles[k] if inset_titles and k < len(inset_titles) else ""
        zax.set_title(f"zoom {k + 1}: {named}" if named else f"zoom {k + 1}", fontsize=9)
        ax.add_patch(Rectangle((left, bottom), right - left, top - bottom, fill=False,
                               ec="#e67e22", lw=1.2, zorder=8))  # fmt: skip
        ax.annotate(f"{k + 1}", (right, top), color="#e67e22", fontsize=9, zorder=8,
                    xytext=(2, 2), textcoords="offset points")  # fmt: skip
    path = Path(path)
    atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", dpi=dpi))
    return path


def thumbnail_png(
    component: Any,
    path: str | Path,
    width: int = 240,
    height: int = 160,
    gds: str | Path | None = None,
) -> Path:
    """A small picture that stays legible: the whole cell when its short side spans at least
    12 px at this size, else its first :func:`zoom_boxes` box (a long, thin coupler's tip)."""
    with _gds_of(component, gds) as written:
        left, bottom, right, top = _bbox(written)
    scale = min(width / max(right - left, 1e-9), height / max(top - bottom, 1e-9))
    box = None
    if min(right - left, top - bottom) * scale < 12:
        boxes = zoom_boxes(component, width, gds=gds)
        if boxes:
            x0, y0, x1, y1 = boxes[-1]
            cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0) / 2
            box = (cx - half * 1.5, cy - half, cx + half * 1.5, cy + half)
    with _gds_of(component, gds) as written, _view(written) as view:
        if box is not None:
            import klayout.db as kdb

            view.zoom_box(kdb.DBox(*box))
        atomic_write(Path(path), lambda tmp: view.save_image(str(tmp), width, height))
    return Path(path)
