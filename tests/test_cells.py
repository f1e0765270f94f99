"""The cell harness: every registered cell is tested the day it exists.

Each test is parametrised over ``get_pdk().cells`` (the ``cell_name`` fixture): builds with
defaults, ports on polygon edges with matching width, port naming, settings regression, unique
names, DRC (the full deck of lightlane.verify) and connectivity. Byte determinism runs once
over all cells.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import gdsfactory as gf
import pytest

from layout_checks import connectivity_problems, drc_problems, port_edge_problem
from lightlane.registry import get_pdk

REF_DIR = Path(__file__).parent / "ref" / "settings"
REGEN = os.environ.get("LIGHTLANE_REGEN") == "1"


# Cells without ports: annotation (a label, a die outline) and gdsfactory's vias, which its via
# stacks array by their info; everything else a circuit connects to.
PORTLESS = {"text", "die_frame", "via", "viac", "via1", "via2"}
PORTLESS |= {"seal_ring", "alignment_mark", "die_label"}  # die furniture
# gdsfactory's portless shapes and die outlines (components/shapes.py, gf_variants.py, gf_dies.py)
PORTLESS |= {"circle", "cross", "text_rectangular", "die_frame_rf", "die"}
PORTLESS |= {"cdsem_straight", "cdsem_straight_density", "cdsem_bend180"}  # gf_pcms.py


def build(cell_name: str):
    return get_pdk().cells[cell_name]()


def test_cell_builds_with_defaults(cell_name):
    component = build(cell_name)
    assert isinstance(component, gf.Component)
    assert (len(component.ports) > 0) != (cell_name in PORTLESS)
    assert component.bbox().width() > 0 and component.bbox().height() > 0


def test_ports_sit_on_polygon_edges_with_matching_width(cell_name):
    component = build(cell_name)
    problems = [port_edge_problem(component, port) for port in component.ports]
    assert [p for p in problems if p] == []


def test_port_names_and_types(cell_name):
    component = build(cell_name)
    by_prefix: dict[str, list[int]] = {"o": [], "e": []}
    for port in component.ports:
        match = re.fullmatch(r"([oe])([1-9]\d*)", port.name)
        assert match, f"port name {port.name!r} is not o1..oN or e1..eN"
        prefix, number = match.group(1), int(match.group(2))
        by_prefix[prefix].append(number)
        expected_type = "optical" if prefix == "o" else "electrical"
        assert port.port_type == expected_type, f"{port.name} has type {port.port_type}"
    for prefix, numbers in by_prefix.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), f"{prefix}-ports {numbers}"


def _snapshot(component) -> dict:
    return json.loads(
        json.dumps(
            {
                "name": component.name,
                "settings": dict(component.settings),
                "info": dict(component.info),
                "ports": [
                    {
                        "name": p.name,
                        "center": [round(v, 4) for v in p.center],
                        "width": round(p.width, 4),
                        "orientation": p.orientation,
                        "type": p.port_type,
                    }
                    for p in component.ports
                ],
            },
            default=str,
        )
    )


def test_settings_regression(cell_name):
    """Settings, info and ports match tests/ref/settings/CELL.json (LIGHTLANE_REGEN=1 rewrites)."""
    snapshot = _snapshot(build(cell_name))
    ref = REF_DIR / f"{cell_name}.json"
    if REGEN or not ref.exists():
        ref.parent.mkdir(parents=True, exist_ok=True)
        ref.write_text(json.dumps(snapshot, indent=2, sort_keys=True) + "\n")
        if not REGEN:
            pytest.fail(f"no reference for {cell_name}: wrote {ref}; review and commit it")
    assert snapshot == json.loads(ref.read_text())


def test_drc_clean_with_defaults(cell_name):
    assert drc_problems(build(cell_name)) == []


def test_connectivity_clean_with_defaults(cell_name):
    assert connectivity_problems(build(cell_name)) == []


def test_cell_names_are_unique_across_cells_and_gdsfactory():
    """Two different functions never share a cell name (and so never a cache entry)."""
    names: dict[str, str] = {}
    for cell_name in sorted(get_pdk().cells):
        name = build(cell_name).name
        assert name not in names, f"{cell_name} and {names[name]} both make {name!r}"
        names[name] = cell_name
        generic = getattr(gf.components, cell_name, None)
        try:
            generic_name = generic().name if generic is not None else None
        except Exception:  # gdsfactory's cell may not build on our PDK: then it cannot collide
            generic_name = None
        assert generic_name != name, f"gdsfactory's {cell_name} makes the same {name!r}"


_WRITE_ALL = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import lightlane
    pdk = lightlane.PDK
    pdk.activate()
    out = Path(sys.argv[1])
    for name in sorted(pdk.cells):
        pdk.cells[name]().write_gds(out / f"{name}.gds", with_metadata=False)
    """
)


def _digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


@pytest.mark.slow
def test_gds_bytes_identical_across_processes_and_hash_seeds(tmp_path):
    runs = []
    for seed in ("1", "4242"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _WRITE_ALL, str(out)], check=True, env=env)
        runs.append(_digests(out))
    assert set(runs[0]) == {f"{n}.gds" for n in get_pdk().cells}
    assert runs[0] == runs[1]
