"""One page per interface standard: the engine's layout picture and its link budget.

Written only when ``lightlane.circuits.engine`` can be imported. Each engine goes through the
same output flow as ``lightlane engine STANDARD --side trx -o DIR`` (engine.gds, summary.json,
...); the page shows the layout and every table of ``summary.json``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from lightlane.docsgen.text import DocsBuildError, code_block, table_cell

__all__ = ["engines_available", "summary_tables", "write_engine_pages"]


DOCS_MC_SAMPLES = 50
"""Monte Carlo samples of the engine pages' runs (the CLI default is 200; the pages say so)."""


def engines_available() -> bool:
    """True when ``lightlane.circuits.engine`` can be imported."""
    try:
        return importlib.util.find_spec("lightlane.circuits.engine") is not None
    except ModuleNotFoundError:
        return False


def slug(name: str) -> str:
    """``1.6T-DR8`` -> ``1-6t-dr8`` (a file name and URL)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "pass" if value else "**FAIL**"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict | list):
        return table_cell(f"`{json.dumps(value)}`")
    return table_cell(str(value))


def summary_tables(summary: dict[str, Any], level: int = 2) -> list[str]:
    """Markdown for a summary: scalars as one key/value table, each mapping or list of records
    as a table of its own (records' keys are the columns), deeper nesting as sections."""
    scalars = {k: v for k, v in summary.items() if not isinstance(v, dict | list)}
    lines: list[str] = []
    if scalars:
        lines += ["| quantity | value |", "|---|---|"]
        lines += [f"| {table_cell(str(k))} | {_cell(v)} |" for k, v in scalars.items()]
        lines.append("")
    for key, value in summary.items():
        if key in scalars:
            continue
        lines += [f"{'#' * level} {key}", ""]
        records = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
        if records and all(isinstance(r, dict) for _, r in records):
            columns = list(dict.fromkeys(c for _, r in records for c in r))
            lines += ["| | " + " | ".join(map(str, columns)) + " |"]
            lines += ["|---" * (len(columns) + 1) + "|"]
            for name, record in records:
                row = " | ".join(_cell(record.get(c, "")) for c in columns)
                lines.append(f"| {table_cell(str(name))} | {row} |")
            lines.append("")
        elif isinstance(value, dict):
            lines += summary_tables(value, level + 1)
        else:
            lines += [", ".join(_cell(v) for v in value) or "(none)", ""]
    return lines


def _standards() -> list[str]:
    from lightlane.circuits.standards import STANDARDS

    return list(STANDARDS)


def run_engine_flow(standard: str, work: Path) -> None:
    """``lightlane engine STANDARD --side trx -o WORK``, in this process."""
    from lightlane.cli import app

    args = ["engine", standard, "--side", "trx", "-o", str(work), "--samples", str(DOCS_MC_SAMPLES)]
    try:
        app(args, standalone_mode=False)
    except SystemExit:
        pass  # a standard whose budget fails still writes its summary; shown on the page
    except Exception as error:
        raise DocsBuildError(
            f"engine page {standard}: `lightlane {' '.join(args)}` failed"
        ) from error


def _engine_page(standard: str, out: Path) -> list[str]:
    from lightlane.render import render_png

    work = out / f".{slug(standard)}-build"
    run_engine_flow(standard, work)
    summary_path = work / "summary.json"
    if not summary_path.exists():
        raise DocsBuildError(f"engine page {standard}: {summary_path} was not written")
    summary = json.loads(summary_path.read_text())
    name = slug(standard)
    render_png(work / "engine.gds", out / "images" / f"{name}.png", 960, 540)
    shutil.copy(summary_path, out / f"{name}.summary.json")
    shutil.rmtree(work)
    command = f"lightlane engine {standard} --side trx -o {name} --samples {DOCS_MC_SAMPLES}"
    return [
        f"# {standard}",
        "",
        f"The transmitter and receiver engine for {standard}, as built by:",
        "",
        *code_block("bash", command),
        "",
        f"![{standard} engine layout](images/{name}.png)",
        "",
        "## Link budget and checks",
        "",
        f"From the engine's [summary.json]({name}.summary.json).",
        "",
        *summary_tables(summary, level=3),
    ]


def write_engine_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Write ``docs_dir/engines/`` (when engines exist); return (title, page) for the navigation."""
    if not engines_available():
        print("engines: lightlane.circuits.engine absent, no engine pages", file=sys.stderr)
        return []
    out = docs_dir / "engines"
    (out / "images").mkdir(parents=True)
    nav = []
    index = ["# Optical engines", "", "One engine per interface standard:", ""]
    for standard in _standards():
        print(f"engines: building {standard}", file=sys.stderr)
        page = _engine_page(standard, out)
        (out / f"{slug(standard)}.md").write_text("\n".join(page) + "\n")
        nav.append((standard, f"engines/{slug(standard)}.md"))
        index.append(f"- [{standard}]({slug(standard)}.md)")
    (out / "index.md").write_text("\n".join(index) + "\n")
    return [("Overview", "engines/index.md"), *nav]
