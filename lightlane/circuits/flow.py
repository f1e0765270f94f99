"""The engine flow behind ``lightlane engine``: build, export, check, simulate, budget, report.

:func:`run_engine` writes into one directory ``engine.gds`` (fab profile, with density fill,
checked by the fab pre-flight whose report goes into ``summary.json``), ``drc.lyrdb``,
``sparams.npz``, ``summary.json``, ``report.html`` and ``timings.json`` (the only file that
differs between identical runs), and reports progress stage by stage through a callback. The
files are staged under temporary names and published together at the end, ``manifest.json``
(the run's inputs and each file's SHA-256) last: a directory without a manifest, or whose files
differ from it, is not a finished run (:func:`lightlane.files.check_manifest`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from lightlane.files import MANIFEST, OutputSet

__all__ = ["EngineResult", "check_hierarchy", "electrical_findings", "run_engine"]

WL_SWEEP = (1.26, 1.36, 1001)
"""Default sweep: the O-band, 1260-1360 nm (the band every model must hold over), 0.1 nm steps."""

Progress = Callable[[str], None]


@dataclass
class EngineResult:
    """What :func:`run_engine` produced: the summary dict, the files and stage timings."""

    summary: dict[str, Any]
    files: dict[str, Path]
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.summary["pass"])


def _plain(value: Any) -> Any:
    """numpy scalars and arrays as plain JSON values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def check_hierarchy(component: Any) -> list[dict[str, Any]]:
    """Connectivity findings of every composite cell in ``component``'s hierarchy."""
    from lightlane.verify.connectivity import check_connectivity

    seen: set[str] = set()
    findings: list[dict[str, Any]] = []
    stack = [component]
    while stack:
        cell = stack.pop()
        if cell.name in seen or not len(cell.insts):
            continue
        seen.add(cell.name)
        report = check_connectivity(cell)
        findings += [{"cell": cell.name, **f} for f in report.to_dict()["findings"]]
        stack.extend(inst.cell for inst in cell.insts)
    return findings


def electrical_findings(component: Any) -> list[dict[str, Any]]:
    """Electrical connectivity findings of ``component`` (opens, shorts, pad counts)."""
    from lightlane.verify.connectivity_electrical import check_electrical

    report = check_electrical(component)
    return [{"cell": component.name, **f} for f in report.to_dict()["findings"]]


@contextmanager
def _stage(progress: Progress, timings: dict[str, float], name: str) -> Iterator[None]:
    """Announce one stage, time it, and announce its end."""
    progress(f"{name}...")
    start = time.perf_counter()
    yield
    timings[name] = round(time.perf_counter() - start, 3)
    progress(f"{name}: done in {timings[name]:.1f} s")


def run_engine(
    standard: str = "1.6T-DR8",
    side: str = "trx",
    coupling: str = "edge",
    modulator: str | None = None,
    fibre_pitch: float | None = None,
    output: str | Path = "build/engine",
    wl: tuple[float, float, int] = WL_SWEEP,
    samples: int = 200,
    seed: int = 0,
    progress: Progress = lambda message: None,
    corners_c: tuple[float, ...] | None = None,
    chip_offset_k: float | None = None,
    connector: str | None = None,
    laser: str | None = None,
    package: str = "dsp",
    electrical: str = "probe",
    host_channel: str | Path | None = None,
    host_pairing: str = "12-34",
) -> EngineResult:
    """Build, check, simulate and report one engine into ``output`` (see the module docstring).

    Invalid options raise ``ValueError`` before anything is built or written. ``corners_c``
    are the case temperatures in C the engine is re-checked at and ``chip_offset_k`` the chip's
    rise above the case (None: :mod:`lightlane.circuits.corners`' defaults; ``()``: none).
    ``electrical`` is the interface: probe, wirebond or flipchip
    (:mod:`lightlane.circuits.electrical`).
    ``host_channel`` (an LPO package's): a ``.s2p`` or single-ended ``.s4p`` host channel, with
    its ``host_pairing``, replacing the parametric one at both ends.
    """
    from lightlane.circuits.corners import CASE_CORNERS_C, CHIP_OFFSET_K, check_corners
    from lightlane.circuits.engine import build_engine, engine_options
    from lightlane.circuits.packages import get_package, package_figures

    opts = engine_options(
        standard, side, coupling, modulator, fibre_pitch, connector, laser, package, electrical
    )
    profile = get_package(package)
    if host_channel is not None:
        profile = profile.with_host_channel(host_channel, host_pairing)
    corners_c = CASE_CORNERS_C if corners_c is None else tuple(corners_c)
    chip_offset_k = CHIP_OFFSET_K if chip_offset_k is None else chip_offset_k
    check_corners(corners_c, chip_offset_k)
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(out))
    timings: dict[str, float] = {}
    files: dict[str, Path] = {}
    from lightlane.circuits import analysis
    from lightlane.circuits.report import write_report
    from lightlane.registry import get_pdk

    get_pdk().activate()
    inputs = _inputs(opts, side, coupling, package, wl, samples, seed, corners_c, chip_offset_k)
    if profile.host_channel is not None:
        inputs["host_channel"] = {"touchstone": profile.host_channel, "pairing": host_pairing}
    with OutputSet(manifest=out, inputs=inputs) as staged:
        with _stage(progress, timings, "build"):
            component = build_engine(opts)
        fab, report, findings = _layout_checks(component, out, staged, files, progress, timings)
        with _stage(progress, timings, "simulate"):
            sweep = np.linspace(*wl[:2], int(wl[2]))
            result = analysis.analyse(
                component, opts, sweep, vpp=profile.vppd_v,
                laser_rating_dbm=profile.laser_rating_dbm(opts.standard),
            )  # fmt: skip
            files["sparams"] = result.sparams.save(out / "sparams.npz", out=staged)
        with _stage(progress, timings, f"Monte Carlo ({samples} samples)"):
            mc = analysis.monte_carlo(component, opts, result, samples=samples, seed=seed)
        corners = None
        if corners_c:
            from lightlane.circuits.corners import corner_analysis

            with _stage(progress, timings, f"temperature corners ({len(corners_c)})"):
                corners = corner_analysis(component, opts, result, corners_c, chip_offset_k)
        summary = analysis.summary(component, opts, result, mc, report, findings, corners)
        summary["preflight"] = fab.to_dict()
        with _stage(progress, timings, f"package ({package})"):
            summary["package"] = package_figures(summary, profile)
            _package_verdict(summary)
        with _stage(progress, timings, "report"):
            text = json.dumps(summary, indent=1, default=_plain)
            files["summary"] = staged.write(out / "summary.json", lambda tmp: tmp.write_text(text))
            files["report"] = write_report(out / "report.html", component, summary, result, staged)
        timing_text = json.dumps(timings, indent=1) + "\n"
        files["timings"] = staged.write(
            out / "timings.json", lambda tmp: tmp.write_text(timing_text), listed=False
        )
    files["manifest"] = out / MANIFEST
    return EngineResult(summary, files, timings)


def _inputs(
    opts: Any,
    side: str,
    coupling: str,
    package: str,
    wl: tuple[float, float, int],
    samples: int,
    seed: int,
    corners_c: tuple[float, ...],
    chip_offset_k: float,
) -> dict[str, Any]:
    """The run's inputs as the manifest records them."""
    return {
        "standard": opts.standard.name,
        "interface": opts.standard.to_dict(),  # all of it: a custom standard is recorded too
        "side": side,
        "coupling": coupling,
        "modulator": opts.modulator,
        "package": package,
        "fibre_pitch_um": opts.fibre_pitch,
        "connector": opts.connector,
        "laser": opts.laser,
        "electrical": opts.electrical,
        "wl": list(wl),
        "samples": samples,
        "seed": seed,
        "corners_c": list(corners_c),
        "chip_offset_k": chip_offset_k,
    }


def _layout_checks(
    component: Any,
    out: Path,
    staged: OutputSet,
    files: dict[str, Path],
    progress: Progress,
    timings: dict[str, float],
) -> tuple[Any, Any, list[dict[str, Any]]]:
    """Write the fab GDS and check the layout: pre-flight, DRC and connectivity stages."""
    from lightlane.verify import drc
    from lightlane.verify.export import exported_cell_names, write_gds
    from lightlane.verify.preflight import preflight

    with _stage(progress, timings, "write GDS"):
        gds = out / "engine.gds"
        files["gds"] = write_gds(component, gds, profile="fab", out=staged, fill=True)
    with _stage(progress, timings, "pre-flight"):
        fab = preflight(staged.staged(gds))
        fab.path = gds.name  # the staged file's name is a temporary one
        progress(fab.headline())
    with _stage(progress, timings, "DRC"):
        report = drc(component)
        names = exported_cell_names(component)  # the lyrdb names the fab GDS's cells
        files["lyrdb"] = report.write_lyrdb(out / "drc.lyrdb", out=staged, cell_names=names)
    with _stage(progress, timings, "connectivity"):
        findings = check_hierarchy(component) + electrical_findings(component)
    return fab, report, findings


def _package_verdict(summary: dict[str, Any]) -> None:
    """Fold the package's own failed checks (laser source, lock range, host BER) into the
    summary's verdict and pass."""
    failed = [name for name, ok in summary["package"]["checks"].items() if not ok]
    if failed:
        summary["verdict"] = "; ".join(
            ([summary["verdict"]] if not summary["pass"] else []) + failed
        )
        summary["pass"] = False
