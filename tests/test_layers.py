"""The architecture holds: lower layers load without the upper ones, one home per number."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from dataclasses import replace

import pytest

import lightlane.models
import lightlane.physics
from lightlane.circuits import analysis
from lightlane.circuits.engine import build_engine, engine_options
from lightlane.circuits.standards import get_standard
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.registry import get_pdk


def _modules(package) -> list[str]:
    return [m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")]


@pytest.mark.parametrize(
    "module", _modules(lightlane.physics) + _modules(lightlane.models) + ["lightlane.pdk.process"]
)
def test_physics_models_and_process_table_load_without_gdsfactory(module):
    """A model runs with numpy alone: importing it draws nothing and loads no gdsfactory."""
    code = f"import sys, {module}; sys.exit('gdsfactory' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0, module


def test_importing_the_package_has_no_side_effects():
    code = "import sys, lightlane, lightlane.pdk; sys.exit('gdsfactory' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_every_model_module_imports():
    for name in _modules(lightlane.models):
        importlib.import_module(name)


def test_process_numbers_come_from_the_stack_and_the_rules():
    assert TECH.core_thickness == 0.22 and TECH.slab90_thickness == 0.09
    assert TECH.pad_opening == RULES.min_width("PADOPEN")
    assert TECH.even_step == 2 * RULES.grid


def test_a_custom_standard_reaches_the_budget_unchanged():
    """The flow passes the Standard object, never its name: a changed channel loss survives."""
    get_pdk().activate()  # the engine is simulated with the active PDK's models: lightlane's
    custom = replace(get_standard("400G-DR4"), channel_loss_db=1.0)
    opts = engine_options(custom, side="rx")
    assert opts.standard is custom
    component = build_engine(opts)
    result = analysis.analyse(component, opts, wl=[1.311])
    assert result.standard.channel_loss_db == 1.0
    nominal = analysis.analyse(component, engine_options("400G-DR4", side="rx"), wl=[1.311])
    received = [b.to_dict()["specs"] for b in (result.budgets[0], nominal.budgets[0])]
    rx_oma = [{s["name"]: s["value"] for s in specs} for specs in received]
    key = next(k for k in rx_oma[0] if "Rx" in k and "OMA" in k)
    assert rx_oma[0][key] - rx_oma[1][key] == pytest.approx(2.0, abs=1e-9)
