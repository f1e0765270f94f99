"""A standalone SVG of a layout: its polygons merged per layer in the PDK's colours, its ports
labelled, and a small pan-and-zoom script (no server, no library)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from lightlane.files import atomic_write
from lightlane.render.pictures import _gds_of, _ports

__all__ = ["layout_svg"]


_VIEWER_JS = """
(function () {
  var svg = document.documentElement, home = svg.getAttribute("viewBox");
  function box() { return svg.getAttribute("viewBox").split(" ").map(Number); }
  function set(b) { svg.setAttribute("viewBox", b.join(" ")); }
  function at(e) {
    var p = svg.createSVGPoint(); p.x = e.clientX; p.y = e.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(f, p) {
    var b = box();
    set([p.x - (p.x - b[0]) * f, p.y - (p.y - b[1]) * f, b[2] * f, b[3] * f]);
  }
  svg.addEventListener("wheel", function (e) {
    e.preventDefault(); zoom(e.deltaY < 0 ? 0.8 : 1.25, at(e));
  }, {passive: false});
  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    drag = {x: e.clientX, y: e.clientY, b: box(), k: svg.getScreenCTM().a};
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    set([drag.b[0] - (e.clientX - drag.x) / drag.k, drag.b[1] - (e.clientY - drag.y) / drag.k,
         drag.b[2], drag.b[3]]);
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("dblclick", function () { set(home.split(" ").map(Number)); });
  svg.addEventListener("keydown", function (e) {
    var b = box(), c = {x: b[0] + b[2] / 2, y: b[1] + b[3] / 2};
    if (e.key === "+" || e.key === "=") zoom(0.8, c);
    if (e.key === "-") zoom(1.25, c);
    if (e.key === "0") set(home.split(" ").map(Number));
  });
  svg.setAttribute("data-viewer", "ready");
})();
"""


def layout_svg(
    component: Any,
    path: str | Path,
    title: str = "",
    max_vertices: int = 2_000_000,
    gds: str | Path | None = None,
) -> Path:
    """A standalone SVG of ``component``'s polygons (merged per layer, the PDK's colours, in um,
    y up) with its ports labelled and a small script: wheel to zoom about the pointer, drag to
    pan, double-click or ``0`` to reset. Raises ``ValueError`` past ``max_vertices`` (a file a
    browser would choke on)."""
    import klayout.db as kdb

    from lightlane.pdk.layers import LAYER_TABLE

    with _gds_of(component, gds) as written:
        layout = kdb.Layout()
        layout.read(str(written))
    top = layout.top_cells()[0]
    dbu = layout.dbu
    box = top.dbbox()
    extent = max(box.width(), box.height(), 1e-3)
    pad = 0.04 * extent
    view = (box.left - pad, -(box.top + pad), box.width() + 2 * pad, box.height() + 2 * pad)
    groups, vertices = [], 0
    by_number = {(info.layer, info.datatype): i for i, info in zip(layout.layer_indexes(),
                 layout.layer_infos(), strict=True)}  # fmt: skip
    for layer in LAYER_TABLE:
        index = by_number.get(tuple(layer.gds))
        if index is None:
            continue
        paths = []
        for polygon in kdb.Region(top.begin_shapes_rec(index)).merged().each():
            rings = [polygon.each_point_hull()] + [
                polygon.each_point_hole(h) for h in range(polygon.holes())
            ]
            for ring in rings:
                points = [f"{p.x} {-p.y}" for p in ring]
                vertices += len(points)
                paths.append("M" + "L".join(points) + "Z")
        if vertices > max_vertices:
            raise ValueError(f"layout_svg: over {max_vertices} vertices; too large to draw as SVG")
        if paths:
            groups.append(
                f'<path data-layer="{html.escape(layer.name)}" fill="{layer.color}" '
                f'stroke="{layer.color}" d="{"".join(paths)}"><title>{html.escape(layer.name)} '
                f"{layer.gds[0]}/{layer.gds[1]}</title></path>"
            )
    font = extent / 45
    labels = []
    for p in _ports(component):
        colour = "#c0392b" if p.port_type == "optical" else "#1f4e9c"
        labels.append(
            f'<g class="port"><circle cx="{p.x:.4f}" cy="{-p.y:.4f}" r="{font / 4:.4g}" '
            f'fill="{colour}"/><text x="{p.x:.4f}" y="{-p.y - font / 2:.4f}" fill="{colour}" '
            f'font-size="{font:.4g}" text-anchor="middle">{html.escape(p.name)}</text></g>'
        )
    viewbox = " ".join(f"{v:.4f}" for v in view)
    text = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{viewbox}" tabindex="0" '
        'style="background:#fff;cursor:grab;touch-action:none" font-family="sans-serif">'
        f"<title>{html.escape(title)}</title>"
        f'<g transform="scale({dbu})" fill-opacity="0.55" stroke-width="{extent / 800 / dbu:.4g}"'
        f' fill-rule="evenodd">{"".join(groups)}</g>'
        f'<g paint-order="stroke" stroke="#fff" stroke-width="{font / 6:.4g}">{"".join(labels)}</g>'
        f"<script><![CDATA[{_VIEWER_JS}]]></script></svg>\n"
    )
    atomic_write(Path(path), lambda tmp: Path(tmp).write_text(text))
    return Path(path)
