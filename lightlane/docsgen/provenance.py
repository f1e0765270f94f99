"""The site's furniture generated from the code: model provenance and the about page.

The provenance page says, for every model, what it rests on (a calculation, published data, a
fit, an assumption), read from the model's docstring and its module's, and which sources of
``docs/references.md`` its module uses. The about page gives the version, the commit the site was
built from, the licence (``LICENSE``) and how to cite.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from lightlane.docsgen.params import summary
from lightlane.docsgen.text import table_cell

__all__ = ["BASES", "basis_of", "reference_rows", "write_about_page", "write_provenance_page"]

BASES: dict[str, re.Pattern] = {
    "calculation": re.compile(
        r"``[^`]*=[^`]*``|\bsolves?\b|\bintegrat|\bCMT\b|coupled-mode|closed form|eigen|"
        r"lightlane\.physics|\bcomposed from\b|\bchained\b|\bcascaded\b",
        re.IGNORECASE,
    ),
    "published data": re.compile(
        r"\[pub\]|\bpublished\b|\breported\b|\bmeasure[ds]?\b|\bdatasheet|et al\.|\b(19|20)\d\d\b",
        re.IGNORECASE,
    ),
    "fitted": re.compile(r"\bfit(ted|s)?\b|\bcalibrat", re.IGNORECASE),
    "assumption": re.compile(r"\bassum", re.IGNORECASE),
}
"""What a docstring says when a model rests on each basis."""

_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z(`])")


def basis_of(text: str) -> list[str]:
    """The bases (keys of :data:`BASES`) that ``text`` states, in the table's order."""
    return [name for name, pattern in BASES.items() if pattern.search(text)]


def _assumptions(text: str) -> list[str]:
    sentences = _SENTENCE.split(" ".join(text.split()))
    return [s.strip() for s in sentences if BASES["assumption"].search(s)]


def reference_rows(references: Path) -> list[tuple[str, str]]:
    """(source, "used in" cell) of every table row of ``docs/references.md``."""
    rows = []
    for line in references.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and line.startswith("|") and not set(cells[0]) <= set("-: "):
            if cells[0].lower() != "source":
                rows.append((cells[0], cells[2]))
    return rows


def _module_file(module: str) -> str:
    """``lightlane.models.rings`` -> ``models/rings.py``."""
    return module.removeprefix("lightlane.").replace(".", "/") + ".py"


def _doc_before_args(obj: Any) -> str:
    return (inspect.getdoc(obj) or "").split("\nArgs:")[0]


def write_provenance_page(docs_dir: Path, references: Path) -> list[tuple[str, str]]:
    """Write ``docs_dir/models.md``: every optical model, its basis and its sources."""
    from lightlane.registry import get_pdk

    pdk = get_pdk()
    rows = reference_rows(references) if references.exists() else []
    lines = [
        "# What the models are based on",
        "",
        "For every compact model: what its docstring and its module's say it rests on "
        "(**calculation**: a formula or the shared physics; **published data**: numbers from a "
        "paper, standard or datasheet; **fitted**: a calibration to data; **assumption**: a "
        "number no source gives, stated as such), the assumptions in its own words, and the "
        "[references](references.md) its module and the physics it names use. Generated from "
        "the code: a new model appears here the day it is added.",
        "",
    ]
    silent = []
    by_module: dict[str, list[str]] = {}
    for name in sorted(pdk.models):
        model = pdk.models[name]
        doc = _doc_before_args(model)
        if "empty S-matrix" in doc:
            silent.append(name)
            continue
        by_module.setdefault(model.__module__, []).append(name)
    for module_name, names in sorted(by_module.items()):
        module = sys.modules[module_name]
        module_doc = inspect.getdoc(module) or ""
        physics = sorted(set(re.findall(r"lightlane\.physics\.\w+", module_doc)))
        files = [_module_file(module_name), *(_module_file(p) for p in physics)]
        lines += [f"## `{module_name}`", "", table_cell(summary(module)), ""]
        lines += ["| model | what it is | based on | assumptions |", "|---|---|---|---|"]
        for name in names:
            doc = _doc_before_args(pdk.models[name])
            bases = basis_of(doc) or basis_of(module_doc) or ["calculation"]
            stated = "<br>".join(table_cell(a) for a in _assumptions(doc)) or "-"
            lines.append(
                f"| [`{name}`][{module_name}.{name}] | {table_cell(summary(pdk.models[name]))} "
                f"| {', '.join(bases)} | {stated} |"
            )
        sources = [s for s, used in rows if any(f in used for f in files)]
        if sources:
            lines += ["", "Sources (from the references):", ""]
            lines += [f"- {table_cell(s)}" for s in sources]
        lines.append("")
    if silent:
        lines += [
            "## Cells without optical ports",
            "",
            "Metal, vias, pads and labels: their model is the empty S-matrix. "
            + ", ".join(f"`{n}`" for n in silent)
            + ".",
            "",
        ]
    (docs_dir / "models.md").write_text("\n".join(lines))
    return [("What the models are based on", "models.md")]


def _commit(root: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def _project_urls(pyproject: Path) -> dict[str, str]:
    import tomllib

    if not pyproject.exists():
        return {}
    return dict(tomllib.loads(pyproject.read_text()).get("project", {}).get("urls", {}))


def write_about_page(docs_dir: Path, root: Path) -> list[tuple[str, str]]:
    """Write ``docs_dir/about.md``: version, source, licence and citation."""
    import lightlane

    version = lightlane.__version__
    commit = _commit(root)
    urls = _project_urls(root / "pyproject.toml")
    licence = (root / "LICENSE").read_text() if (root / "LICENSE").exists() else ""
    source = (
        ", ".join(f"[{k}]({v})" for k, v in urls.items())
        if urls
        else "the repository this site was built from (its `README.md` and `docs/install.md`)"
    )
    lines = [
        "# About lightlane",
        "",
        "| | |",
        "|---|---|",
        f"| version | {version} |",
        f"| built from commit | `{commit}` |" if commit else "| built from commit | (no git) |",
        f"| source | {source} |",
        '| install | `pip install -e ".[docs]"` from a clone ([Install](install.md)) |',
        "| licence | Apache License 2.0 (below) |",
        "| changes | [Changelog](changelog.md) |",
        "",
        "## How to cite",
        "",
        "If lightlane helps a publication, cite the version you used:",
        "",
        "```bibtex",
        "@software{lightlane,",
        "  title   = {lightlane: an open photonic design kit for 400G-1.6T datacenter "
        "transceiver optical engines},",
        "  author  = {{The lightlane contributors}},",
        f"  version = {{{version}}},",
        "  year    = {2026},",
        f"  note    = {{commit {commit}}}," if commit else None,
        "}",
        "```",
        "",
        "Cite the primary sources of the models you rely on as well: "
        "[what the models are based on](models.md) lists them per model.",
        "",
        "## Licence",
        "",
        "```text",
        licence.rstrip(),
        "```",
    ]
    (docs_dir / "about.md").write_text("\n".join(x for x in lines if x is not None) + "\n")
    return [("About: version, licence, citing", "about.md")]
