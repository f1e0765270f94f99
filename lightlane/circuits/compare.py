"""The three packages of one interface side by side: ``lightlane compare 1.6T-DR8``.

:func:`compare_packages` runs the engine flow (:func:`lightlane.circuits.flow.run_engine`) once
per package into ``DIR/dsp``, ``DIR/lpo`` and ``DIR/cpo`` and gathers per package: pass/fail
and the limits that failed, the worst spec margin, TDECQ as the budget has it, the LPO lane's
pre-FEC BER at its host loss and the largest host loss it closes, power per bit with its
blocks against the published figure (within 25 % or not), die area, laser and heater power,
and optical I/O density. It writes ``compare.json``, ``power.png`` (stacked power per bit with
the published ranges) and ``lpo_ber.png`` (pre-FEC BER against host channel loss), each
published together with the runs' own outputs or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lightlane.circuits.packages import PACKAGES
from lightlane.circuits.power import published_pj_per_bit, within
from lightlane.files import OutputSet

__all__ = ["compare_figures", "compare_packages", "lpo_ber_figure", "package_row"]

_BLOCKS = ("laser", "driver", "tia", "heaters", "dsp", "housekeeping", "conversion")


def package_row(summary: dict[str, Any]) -> dict[str, Any]:
    """One package's line of the comparison, from its engine summary."""
    package = summary["package"]
    name = package["profile"]["name"]
    power = package["power"]
    margins = [s["margin"] for b in summary["budget"] for s in b["specs"]]
    tdecq = [
        s["value"] for b in summary["budget"] for s in b["specs"] if s["name"].startswith("TDECQ")
    ]
    die = summary["layout"]["die_um"]
    baud = float(summary["interface"]["baud_gbd"])
    low, high = published_pj_per_bit(name, baud)
    row = {
        "package": name,
        "modulator": summary["options"]["modulator"],
        "pass": summary["pass"],
        "verdict": summary["verdict"],
        "worst_margin_db": round(min(margins), 3) if margins else None,
        "tdecq_db": round(max(tdecq), 3) if tdecq else None,
        "pj_per_bit": power["pj_per_bit"],
        "total_w": power["total_w"],
        "blocks_w": power["blocks_w"],
        "published_pj_per_bit": [low, high],
        "within_25_percent": within(power["pj_per_bit"], name, baud_gbd=baud),
        "die_mm2": round(die[0] * die[1] * 1e-6, 3),
        "laser_w": power["blocks_w"].get("laser", 0.0),
        "heater_w": power["blocks_w"].get("heaters", 0.0),
        "io_density_tbps_per_mm": package["io_density_tbps_per_mm"],
        "checks": package["checks"],
    }
    if "lpo" in package:
        row["pre_fec_ber"] = package["lpo"]["at_required"]["pre_fec_ber"]
        row["largest_host_loss_db"] = package["lpo"]["largest_host_loss_db"]
        row["rlm"] = package["lpo"]["at_required"]["rlm"]
        row["thd_percent"] = package["lpo"]["at_required"]["thd_percent"]
    return row


def compare_figures(rows: list[dict[str, Any]], lpo: dict[str, Any] | None, standard: str):
    """(power-per-bit figure, LPO BER figure or None) of a comparison."""
    from matplotlib.figure import Figure

    power = Figure(figsize=(6.4, 4.0))
    ax = power.add_subplot()
    x = range(len(rows))
    bottom = [0.0] * len(rows)
    rate = {r["package"]: r["total_w"] / r["pj_per_bit"] if r["pj_per_bit"] else 1 for r in rows}
    for block in _BLOCKS:
        values = [r["blocks_w"].get(block, 0.0) / rate[r["package"]] for r in rows]
        if any(values):
            ax.bar(x, values, bottom=bottom, label=block, width=0.55)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for k, r in enumerate(rows):
        low, high = r["published_pj_per_bit"]
        ax.plot([k - 0.35, k + 0.35], [low, low], color="k", lw=1.2)
        if high > low:
            ax.plot([k - 0.35, k + 0.35], [high, high], color="k", lw=1.2)
        ax.fill_between([k - 0.35, k + 0.35], low * 0.75, high * 1.25, color="grey", alpha=0.15)
    ax.set_xticks(list(x), [r["package"] for r in rows])
    ax.set(ylabel="power per bit (pJ/bit)", title=f"{standard}: model (bars) vs published (lines)")
    ax.legend(fontsize="small", ncol=2)
    ax.grid(alpha=0.3, axis="y")
    return power, (None if lpo is None else lpo_ber_figure(lpo, standard))


def lpo_ber_figure(lpo: dict[str, Any], standard: str):
    """Pre-FEC BER of the LPO lane against host channel loss, with the FEC threshold."""
    from matplotlib.figure import Figure

    ber = Figure(figsize=(6.4, 4.0))
    ax = ber.add_subplot()
    ax.semilogy(lpo["host_loss_db"], [max(b, 1e-30) for b in lpo["pre_fec_ber"]], "o-",
                label="pre-FEC BER (host to host)")  # fmt: skip
    ax.axhline(lpo["fec_threshold"], color="r", ls="--", label="RS(544,514) threshold 2.4e-4")
    if lpo["largest_host_loss_db"] is not None:
        ax.axvline(lpo["largest_host_loss_db"], color="grey", ls=":",
                   label=f"largest host loss {lpo['largest_host_loss_db']:.1f} dB")  # fmt: skip
    ax.set(xlabel="host channel loss at Nyquist, each end (dB)", ylabel="pre-FEC BER",
           title=f"{standard} LPO lane", ylim=(1e-20, 1))  # fmt: skip
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize="small")
    return ber


def compare_packages(
    standard: str = "1.6T-DR8",
    output: str | Path = "build/compare",
    samples: int = 50,
    wl: tuple[float, float, int] = (1.26, 1.36, 501),
    progress: Callable[[str], None] = lambda message: None,
    host_channel: str | Path | None = None,
    host_pairing: str = "12-34",
) -> dict[str, Any]:
    """Run the three packages of ``standard`` and write the comparison (module docstring);
    ``host_channel`` (a Touchstone file, with ``host_pairing``) is the LPO run's host channel."""
    from lightlane.circuits.flow import run_engine

    out = Path(output)
    if host_channel is not None:  # read before any run, so a bad file fails first
        PACKAGES["lpo"].with_host_channel(host_channel, host_pairing)
    rows, lpo = [], None
    for name in PACKAGES:
        progress(f"package {name}")
        host = {"host_channel": host_channel, "host_pairing": host_pairing} if name == "lpo" else {}
        result = run_engine(
            standard, output=out / name, samples=samples, wl=wl, package=name,
            progress=lambda m, name=name: progress(f"{name}: {m}"), **host,
        )  # fmt: skip
        rows.append(package_row(result.summary))
        lpo = result.summary["package"].get("lpo", lpo)
    comparison = {"standard": standard, "packages": rows, "lpo_sweep": lpo}
    power_fig, ber_fig = compare_figures(rows, lpo, standard)
    with OutputSet() as staged:
        text = json.dumps(comparison, indent=1) + "\n"
        files = {"compare": staged.write(out / "compare.json", lambda tmp: tmp.write_text(text))}
        files["power"] = staged.write(
            out / "power.png", lambda tmp: power_fig.savefig(tmp, format="png", dpi=110)
        )
        if ber_fig is not None:
            files["lpo_ber"] = staged.write(
                out / "lpo_ber.png", lambda tmp: ber_fig.savefig(tmp, format="png", dpi=110)
            )
    return {**comparison, "files": {k: str(v) for k, v in files.items()}}
