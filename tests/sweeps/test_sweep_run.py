"""Sweeps in this process: outputs, error rows, resume after an interruption, the command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
import sweep_plugins
import yaml
from typer.testing import CliRunner

from lightlane.cli import app
from lightlane.sim import simulate
from lightlane.sweeps import SpecError, run_sweep


def mc_spec(figure: str = "transmission", samples: int = 6) -> dict:
    return {
        "sweep": "monte_carlo",
        "seed": 5,
        "samples": samples,
        "target": {"cell": "straight", "settings": {"length": 50.0}, "wl": "1.30:1.32:7"},
        "parameters": {"dn_eff": {"normal": {"mean": 0.0, "sigma": 1e-3}}},
        "figures": [figure, "sparams"],
    }


def rows(path: Path) -> list[dict]:
    """The table without its timing column (the only one that differs between runs)."""
    table = pacsv.read_csv(path) if path.suffix == ".csv" else pq.read_table(path)
    return [{k: v for k, v in r.items() if k != "seconds"} for r in table.to_pylist()]


def test_serial_table_and_arrays_match_simulate(tmp_path: Path) -> None:
    result = run_sweep(
        mc_spec(), tmp_path / "mc.parquet", scheduler="serial", stream=open(tmp_path / "log", "w")
    )
    table = rows(result.table)
    assert result.ok and result.tasks == 6 and [r["index"] for r in table] == list(range(6))
    assert not list(tmp_path.glob(".*.parts"))  # checkpoints removed once the table is whole
    arrays = np.load(result.arrays)
    from lightlane.registry import get_pdk

    cell = get_pdk().cells["straight"](length=50.0)
    for r in table:
        sp = simulate(cell, wl="1.30:1.32:7", dn_eff=r["dn_eff"])
        np.testing.assert_allclose(arrays[f"t{r['index']}.sparams.s"], sp.s, atol=1e-12)
        worst = float(sp.db("o2", "o1").min())
        assert r["transmission.o2<-o1.min_db"] == pytest.approx(worst, abs=1e-12)


def test_a_failing_task_is_a_row_with_its_parameters(tmp_path: Path) -> None:
    log = tmp_path / "log"
    with log.open("w") as stream:
        result = run_sweep(
            mc_spec("sweep_plugins:failing"), tmp_path / "f.csv", scheduler="serial", stream=stream
        )
    table = {r["index"]: r for r in rows(result.table)}
    failed = [i for i, r in table.items() if r["status"] == "error"]
    assert failed and len(failed) < 6 and not result.ok
    assert {i for i, _, _ in result.failures} == set(failed)
    for i in failed:
        assert table[i]["error"].startswith("RuntimeError: refusing dn_eff=")
        assert table[i]["dn_eff"] < 0
        assert f"task {i} failed with {{'dn_eff': {table[i]['dn_eff']!r}}}" in log.read_text()
    assert all(table[i]["status"] == "ok" for i in set(table) - set(failed))


def test_an_interrupted_sweep_resumes_from_its_checkpoints(tmp_path, monkeypatch) -> None:
    whole = rows(run_sweep(mc_spec(), tmp_path / "whole.parquet", scheduler="serial").table)
    spec = mc_spec("sweep_plugins:interrupting")
    out = tmp_path / "resumed.parquet"
    monkeypatch.setenv(sweep_plugins.INTERRUPT_AT, "3")
    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec, out, scheduler="serial")
    assert not out.exists() and len(list((tmp_path / ".resumed.parquet.parts").glob("task-*"))) == 3
    monkeypatch.delenv(sweep_plugins.INTERRUPT_AT)
    result = run_sweep(spec, out, scheduler="serial")
    assert result.resumed == 3
    renamed = [
        {k.replace("sweep_plugins:interrupting", "transmission"): v for k, v in r.items()}
        for r in rows(out)
    ]
    assert renamed == whole


def test_parts_of_another_sweep_are_refused(tmp_path, monkeypatch) -> None:
    out = tmp_path / "x.parquet"
    monkeypatch.setenv(sweep_plugins.INTERRUPT_AT, "1")
    with pytest.raises(KeyboardInterrupt):
        run_sweep(mc_spec("sweep_plugins:interrupting"), out, scheduler="serial")
    with pytest.raises(SpecError, match="holds the parts of a different sweep"):
        run_sweep(mc_spec(samples=4), out, scheduler="serial")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"target": {"cell": "no_such_cell"}}, "'no_such_cell' is not a cell"),
        ({"parameters": {"wobble": {"normal": {"mean": 0, "sigma": 1}}}}, "'wobble' is neither"),
        ({"figures": ["lanes"]}, "'lanes' applies to engine targets, not cell"),
        ({"figures": ["nope"]}, "'nope' is unknown"),
        (
            {"target": {"engine": "1.6T-DR8", "side": "sideways"}, "figures": ["lanes"]},
            "side='sideways' is not valid",
        ),
    ],
)
def test_targets_are_checked_before_any_task(tmp_path: Path, change: dict, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        run_sweep({**mc_spec(), **change}, tmp_path / "t.parquet", scheduler="serial")
    assert not list(tmp_path.iterdir())


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(yaml.safe_dump({**mc_spec(), "samples": 0}))
    runner = CliRunner()
    for args in (
        [str(spec)],
        [str(spec), "--scheduler", "localhost:8786"],
        [str(spec), "-o", str(tmp_path / "out.txt")],
    ):
        result = runner.invoke(app, ["sweep", *args])
        assert result.exit_code == 2, result.output
        assert result.output.count("\n") == 1 and result.output.startswith("lightlane: error:")
        assert "Traceback" not in result.output


def test_cli_serial_sweep_writes_the_table(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(yaml.safe_dump(mc_spec(samples=3)))
    out = tmp_path / "t.parquet"
    result = CliRunner().invoke(app, ["sweep", str(spec), "--serial", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output and len(rows(out)) == 3
