"""Where a sweep's results go: one checkpoint file per task, then one table and one ``.npz``.

While a sweep runs, every finished task is written to ``.<output>.parts/task-NNNNNNN.npz``
(its row as JSON and its arrays), each file through a temporary name, so a sweep that is
interrupted resumes from what was written. ``spec.json`` there holds the sweep's fingerprint:
parts of another sweep are never mixed in. At the end the rows become one table (Parquet, or
CSV when the output ends in ``.csv``) and the arrays one ``.npz`` (``t<index>.<figure>.<key>``),
both written atomically; then the parts are removed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from lightlane.files import atomic_write
from lightlane.sweeps.spec import Spec, SpecError

SUFFIXES = (".parquet", ".csv")


def fingerprint(spec: Spec) -> str:
    """A digest of everything that decides the results (not the source file name)."""
    content = {
        "kind": spec.kind,
        "target": spec.target,
        "parameters": {k: repr(v) for k, v in spec.parameters.items()},
        "figures": spec.figures,
        "seed": spec.seed,
        "samples": spec.samples,
        "corners": spec.corners,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=repr).encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not a table value")


class Checkpoint:
    """The per-task files of one sweep next to its output."""

    def __init__(self, output: Path, spec: Spec) -> None:
        self.dir = output.parent / f".{output.name}.parts"
        self.key = fingerprint(spec)
        marker = self.dir / "spec.json"
        if marker.exists() and json.loads(marker.read_text()).get("fingerprint") != self.key:
            raise SpecError(
                f"{self.dir} holds the parts of a different sweep; remove it or choose another "
                "output"
            )
        self.dir.mkdir(parents=True, exist_ok=True)
        if not marker.exists():
            atomic_write(marker, lambda tmp: tmp.write_text(json.dumps({"fingerprint": self.key})))

    def _path(self, index: int) -> Path:
        return self.dir / f"task-{index:07d}.npz"

    def save(self, result: Mapping[str, Any]) -> None:
        row = json.dumps({**result["row"], "scalars": result["scalars"]}, default=_plain)
        arrays = {f"a.{k}": np.asarray(v) for k, v in result["arrays"].items()}
        path = self._path(result["row"]["index"])
        atomic_write(path, lambda tmp: np.savez(tmp, row=np.array(row), **arrays))

    def done(self) -> set[int]:
        return {int(p.stem.split("-")[1]) for p in self.dir.glob("task-*.npz")}

    def load(self, index: int) -> dict[str, Any]:
        with np.load(self._path(index), allow_pickle=False) as data:
            row = json.loads(str(data["row"]))
            arrays = {k[2:]: data[k] for k in data.files if k.startswith("a.")}
        return {"row": row, "arrays": arrays}

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def table_rows(results: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows: task, label, status, error, seconds, seed, parameters, figure scalars."""
    rows = []
    for result in results:
        row = dict(result["row"])
        flat = {k: row[k] for k in ("index", "label", "status", "error", "seconds", "seed")}
        flat.update(row["params"])
        flat.update(row["scalars"])
        rows.append(flat)
    return rows


def write_outputs(output: Path, rows: list[dict[str, Any]], arrays: dict[str, Any]) -> Path:
    """Write the table (Parquet or CSV) and, when there are arrays, the ``.npz``; atomically."""
    import pyarrow as pa

    columns: dict[str, list[Any]] = {name: [] for row in rows for name in row}
    for row in rows:
        for name in columns:
            columns[name].append(row.get(name))
    table = pa.table(columns)
    if output.suffix == ".csv":
        import pyarrow.csv as pacsv

        atomic_write(output, lambda tmp: pacsv.write_csv(table, str(tmp)))
    else:
        import pyarrow.parquet as pq

        atomic_write(output, lambda tmp: pq.write_table(table, str(tmp)))
    if arrays:
        atomic_write(output.with_suffix(".npz"), lambda tmp: np.savez(tmp, **arrays))
    return output
