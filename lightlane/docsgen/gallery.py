"""The cell gallery: one card per registered cell, one page per family (components module).

A card shows the KLayout picture with the PDK's layer colours, the parameters (default, unit,
description, valid range), the ports, the model's spectrum and extra figures, and the code that
makes the cell; that code is run while the page is written, so it cannot rot.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lightlane.docsgen.params import parameter_docs, summary
from lightlane.docsgen.plots import FLOOR_DB, save_figure, spectrum_figure
from lightlane.docsgen.text import DocsBuildError, code_block, table_cell

__all__ = ["card", "cell_code", "families", "write_gallery"]


def families(pdk: Any) -> dict[str, list[str]]:
    """Family (module under ``lightlane.components``) -> its cell names, both sorted."""
    out: dict[str, list[str]] = {}
    for name, factory in pdk.cells.items():
        out.setdefault(factory.__module__.rsplit(".", 1)[-1], []).append(name)
    return {family: sorted(out[family]) for family in sorted(out)}


def family_title(family: str) -> str:
    """``fibre_couplers`` -> ``Fibre couplers``."""
    return family.replace("_", " ").capitalize()


def cell_code(name: str, optical: bool) -> str:
    """The snippet shown on a card: build, export and (with optical ports) simulate the cell."""
    lines = [
        "import lightlane",
        "",
        "lightlane.PDK.activate()",
        f'c = lightlane.PDK.get_component("{name}")',
        f'c.write_gds("{name}.gds")',
    ]
    if optical:
        lines += [
            'sp = lightlane.simulate(c, wl="1.26:1.36:1001")',
            "print(sp.ports, sp.s.shape)",
        ]
    return "\n".join(lines)


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """Run the enclosed code in ``path`` (files a snippet writes land there)."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _run_snippet(name: str, code: str, keep: dict[str, Path] | None = None) -> None:
    """Run a card's code in a scratch directory; copy the files it writes named in ``keep``
    (file name -> destination), failing when one is missing."""
    with tempfile.TemporaryDirectory(prefix=f"lightlane-card-{name}-") as tmp:
        with working_directory(Path(tmp)), contextlib.redirect_stdout(None):
            try:
                exec(compile(code, f"<gallery card {name}>", "exec"), {"__name__": "__main__"})
            except Exception as error:
                raise DocsBuildError(f"gallery card {name!r}: its code fails: {error!r}") from error
        for filename, destination in (keep or {}).items():
            written = Path(tmp) / filename
            if not written.is_file():
                raise DocsBuildError(f"gallery card {name!r}: its code wrote no {filename}")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(written, destination)


def _format_default(value: Any) -> str:
    return f"`{value!r}`" if value is not inspect.Parameter.empty else "(required)"


def _parameters_table(factory: Any) -> list[str]:
    lines = [
        "| parameter | default | unit | description | valid range |",
        "|---|---|---|---|---|",
    ]
    for row in parameter_docs(factory):
        lines.append(
            f"| `{row.name}` | {_format_default(row.default)} | {row.unit} | "
            f"{table_cell(row.description)} | {table_cell(row.valid)} |"
        )
    return lines


def _ports_table(component: Any) -> list[str]:
    lines = [
        "| port | type | width (um) | orientation (deg) | centre (um) |",
        "|---|---|---|---|---|",
    ]
    for p in component.ports:
        centre = f"({p.center[0]:g}, {p.center[1]:g})"
        lines.append(f"| `{p.name}` | {p.port_type} | {p.width:g} | {p.orientation:g} | {centre} |")
    return lines


def _model_section(name: str, model: Any, component: Any, images: Path) -> list[str]:
    family = model.__module__
    lines = ["", f"**Model** [`{family}.{name}`][{family}.{name}]: {summary(model)}", ""]
    optical = sorted(p.name for p in component.ports if p.port_type == "optical")
    if optical:
        figure = spectrum_figure(name, model, optical, dict(component.info))
        save_figure(figure, images / f"{name}_spectrum.png", "spectrum", FLOOR_DB)
        lines += [f"![{name} spectrum](images/{name}_spectrum.png)", ""]
    for i, make in enumerate(getattr(model, "figures", ())):
        caption = summary(make).split(". ")[0].rstrip(".") or make.__name__
        try:
            fig = make(component)
        except Exception as error:
            raise DocsBuildError(
                f"gallery card {name!r}: figure {make.__qualname__} fails: {error!r}"
            ) from error
        save_figure(fig, images / f"{name}_figure{i + 1}.png")
        lines += [f"![{caption}](images/{name}_figure{i + 1}.png)", "", f"*{caption}*", ""]
    return lines


SVG_VERTEX_LIMIT = 400_000
"""Cells with more polygon vertices get no interactive view (the file would be too heavy)."""

VIEWER_HINT = "wheel to zoom, drag to pan, double-click to reset"


def viewer_html(svg: str, title: str) -> list[str]:
    """The interactive layout block of a page: ``svg`` relative to the built page's URL."""
    return [
        '<details class="ll-viewer" markdown="0">',
        f"<summary>Interactive layout of {title} ({VIEWER_HINT})</summary>",
        f'<object class="ll-layout" data="{svg}" type="image/svg+xml"></object>',
        "</details>",
        "",
    ]


def card(name: str, factory: Any, model: Any | None, images: Path) -> str:
    """The Markdown card of cell ``name``; writes its pictures into ``images``, the GDS its
    code writes into ``images/../downloads``."""
    from lightlane.render import layout_picture, layout_svg, thumbnail_png

    component = factory()
    optical = any(p.port_type == "optical" for p in component.ports)
    code = cell_code(name, optical)
    gds = images.parent / "downloads" / f"{name}.gds"
    _run_snippet(name, code, keep={f"{name}.gds": gds})
    layout_picture(component, images / f"{name}.png", gds=gds)
    thumbnail_png(component, images / f"{name}_thumb.png", gds=gds)
    try:
        layout_svg(component, images / f"{name}.svg", name, SVG_VERTEX_LIMIT, gds=gds)
        viewer = True
    except ValueError:
        viewer = False
    size_kb = gds.stat().st_size / 1024
    # an explicit id: the index links to the cell's name as it is ("C", not the slug "c")
    lines = [f"## {name} {{ #{name} }}", "", table_cell(summary(factory)), ""]
    lines += [f"![{name} layout](images/{name}.png)", ""]
    links = [f"[Download {name}.gds](downloads/{name}.gds) ({size_kb:.0f} kB, what the code below"
             " writes)"]  # fmt: skip
    if viewer:
        links.append(f"[open the layout alone](images/{name}.svg)")
    lines += [" · ".join(links), ""]
    if viewer:
        lines += viewer_html(f"../images/{name}.svg", name)
    target = factory
    while hasattr(target, "func"):  # a variant (a partial, maybe of a partial) links to its cell
        target = target.func
    lines += [f"Cell [`{factory.__module__}.{name}`][{target.__module__}.{target.__name__}]", ""]
    lines += ["### Parameters" + f" {{ #{name}-parameters }}", "", *_parameters_table(factory)]
    lines += ["", "### Ports" + f" {{ #{name}-ports }}", "", *_ports_table(component)]
    if model is not None:
        lines += _model_section(name, model, component, images)
    lines += ["", *code_block("python", code, title=f"make {name}"), ""]
    return "\n".join(lines)


def _model(name: str) -> Any | None:
    """The model a card shows: the cell's, or a composite cell's closed form."""
    from lightlane.registry import model_of

    try:
        return model_of(name)
    except KeyError:
        return None


def _checked_card(name: str, pdk: Any, images: Path) -> str:
    """:func:`card`, any failure reported as a :class:`DocsBuildError` naming the cell; from the
    build's cache when the code is unchanged (see :mod:`lightlane.docsgen.build_cache`)."""
    from lightlane.docsgen.build_cache import cached_output

    try:
        return cached_output(
            "card", [name], images.parent, lambda: card(name, pdk.cells[name], _model(name), images)
        )
    except DocsBuildError:
        raise
    except Exception as error:
        raise DocsBuildError(f"gallery card {name!r} fails: {error!r}") from error


def write_gallery(docs_dir: Path) -> list[tuple[str, str]]:
    """Write ``docs_dir/gallery/``: an index and one page per family; return (title, page)."""
    from lightlane.registry import get_pdk

    pdk = get_pdk()
    pdk.activate()
    gallery = docs_dir / "gallery"
    images = gallery / "images"
    images.mkdir(parents=True)
    nav = [("Overview", "gallery/index.md")]
    index = [
        "# Cell gallery",
        "",
        f"Every cell of the PDK ({len(pdk.cells)}), grouped by family and generated from the code:"
        " a new cell appears here the day it is added.",
        "",
    ]
    for family, names in families(pdk).items():
        title = family_title(family)
        print(f"gallery: {family} ({len(names)} cells)", file=sys.stderr)
        cards = [_checked_card(n, pdk, images) for n in names]
        module = sys.modules[f"lightlane.components.{family}"]
        intro = table_cell(summary(module))
        page = [f"# {title}", "", intro, "", *cards]
        (gallery / f"{family}.md").write_text("\n".join(page))
        nav.append((title, f"gallery/{family}.md"))
        index += [
            f"## [{title}]({family}.md)",
            "",
            intro,
            "",
            "| cell | | summary |",
            "|---|---|---|",
        ]
        for n in names:
            thumb = f"![{n}](images/{n}_thumb.png)"
            index.append(
                f"| [{n}]({family}.md#{n}) | {thumb} | {table_cell(summary(pdk.cells[n]))} |"
            )
        index.append("")
    (gallery / "index.md").write_text("\n".join(index))
    return nav
