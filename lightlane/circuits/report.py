"""``report.html``: one self-contained page per engine run (pictures embedded as PNG data).

Sections: verdict, layout picture (KLayout render with the PDK's colours), per-lane spectra,
the link budget table with pass/fail per spec line, DRC and connectivity results and Monte Carlo
yield. Stage timings live in ``timings.json``: the same run gives the same page, byte for byte.
"""

from __future__ import annotations

import base64
import html
import io
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from lightlane.circuits.lane_figures import lane_powers
from lightlane.files import OutputSet, write_file

__all__ = ["report_page", "spectra_figure", "write_report"]

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:right}
th{background:#f0f0f0} td.l,th.l{text-align:left}
.pass{color:#080;font-weight:600} .fail{color:#b00;font-weight:600}
img{max-width:100%;border:1px solid #ddd}
"""


def _png_data(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode()


def spectra_figure(result: Any, lanes: list[dict[str, Any]], grating: bool) -> Any:
    """Tx (laser to fibre) and Rx (fibre to photodiodes, worse polarisation) of every lane, dB."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sp = result.sparams
    wl_nm = sp.wl * 1e3
    sides = [s for s in ("tx", "rx") if any(f"{s}_port" in lane for lane in lanes)]
    fig, axes = plt.subplots(
        1, len(sides), figsize=(5.5 * len(sides), 3.4), constrained_layout=True, squeeze=False
    )
    for ax, side in zip(axes[0], sides, strict=True):
        for lane in lanes:
            power = lane_powers(sp, lane, grating)[side]
            label = f"lane {lane['lane']} ({lane['wavelength_nm']:g} nm)"
            ax.plot(wl_nm, 10 * np.log10(np.maximum(power, 1e-12)), lw=1, label=label)
        ax.set_xlabel("wavelength (nm)")
        ax.set_ylabel("transmission (dB)")
        ax.set_title("transmitter: laser to fibre" if side == "tx" else "receiver: fibre to PD")
        ax.set_ylim(bottom=-60)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6, ncol=2)
    return fig


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        css = "pass" if value else "fail"
        return f'<td class="{css}">{"pass" if value else "FAIL"}</td>'
    if isinstance(value, float):
        return f"<td>{value:.2f}</td>"
    if isinstance(value, (list, tuple)):
        text = ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
        return f"<td>{html.escape(text)}</td>"
    return f'<td class="l">{html.escape(str(value))}</td>'


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<p>(none)</p>"
    columns = list(dict.fromkeys(k for row in rows for k in row))
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(_cell(row.get(c, "")) for c in columns) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _layout_png(component: Any) -> str:
    from lightlane.render import render_png

    with tempfile.TemporaryDirectory() as tmp:
        path = render_png(component, Path(tmp) / "layout.png", width=1000, height=800)
        return base64.b64encode(path.read_bytes()).decode()


def write_report(
    path: str | Path,
    component: Any,
    summary: dict[str, Any],
    result: Any,
    out: OutputSet | None = None,
) -> Path:
    """Write the HTML report of one engine run (atomically, or staged in ``out``)."""
    import matplotlib.pyplot as plt

    grating = summary["options"]["coupling"] == "grating"
    fig = spectra_figure(result, component.info["lanes"], grating)
    spectra = _png_data(fig)
    plt.close(fig)
    eyes = {}
    for key, lane in sorted(getattr(result, "waveforms", {}).items()):
        from lightlane.link import eye_figure

        eye = eye_figure(
            lane.tdecq, title=f"{summary['standard']} {key} nm: TDECQ {lane.tdecq.tdecq_db:.2f} dB"
        )
        eyes[f"{key} nm"] = _png_data(eye)
    lpo_png = None
    lpo = summary.get("package", {}).get("lpo")
    if lpo is not None:
        from lightlane.circuits.compare import lpo_ber_figure

        lpo_png = _png_data(lpo_ber_figure(lpo, summary["standard"]))
    text = report_page(summary, _layout_png(component), spectra, eyes, lpo_png)
    return write_file(Path(path), lambda tmp: tmp.write_text(text), out)


def _package_section(summary: dict[str, Any], lpo_png: str | None) -> list[str]:
    """The package's power per bit, its own checks and (LPO) the BER against host loss."""
    package = summary.get("package")
    if package is None:
        return []
    power = package["power"]
    low, high = package["published_pj_per_bit"]
    row = {
        "package": package["profile"]["name"],
        "pJ/bit": power["pj_per_bit"],
        "total W": power["total_w"],
        "published pJ/bit": [low, high],
        "I/O Tb/s/mm": package["io_density_tbps_per_mm"],
    }
    parts = ["<h2>Package</h2>", _table([row]), _table([power["blocks_w"]])]
    if package["checks"]:
        parts.append(_table([package["checks"]]))
    if lpo_png is not None:
        parts.append(
            f"<img alt='LPO pre-FEC BER against host loss' src='data:image/png;base64,{lpo_png}'>"
        )
    return parts


def _temperature_section(summary: dict[str, Any]) -> list[str]:
    """Corners (verdict, worst margin, heater power) and the held filters' heaters per corner."""
    from lightlane.circuits.engine_summary import corner_table, filter_heater_table

    rows = corner_table(summary)
    if not rows:
        return []
    filters = filter_heater_table(summary)
    return [
        "<h2>Temperature corners and heaters</h2>",
        _table(rows),
        *(["<h3>Held filters' heaters (mW, drive V)</h3>", _table(filters)] if filters else []),
    ]


def report_page(
    summary: dict[str, Any],
    layout_png: str,
    spectra_png: str,
    eyes_png: dict[str, str] | None = None,
    lpo_png: str | None = None,
) -> str:
    """The page's HTML from the run's summary and base64 PNGs (layout, spectra, an eye per
    modulator wavelength, the LPO lane's BER); every text is escaped."""
    eyes = [
        f"<img alt='{html.escape(name)} eye' src='data:image/png;base64,{png}'>"
        for name, png in (eyes_png or {}).items()
    ]
    specs = [
        {
            "lane": b["lane"],
            **{k: line[k] for k in ("name", "value", "kind", "limit", "unit")},
            "margin": line["margin"],
            "clause": line["clause"],
            "pass": line["pass"],
        }
        for b in summary["budget"]
        for line in b["specs"]
    ]
    verdict = "pass" if summary["pass"] else "fail"
    title = html.escape(f"lightlane {summary['standard']} {summary['side']} engine")
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>",
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>",
        f"<p>Verdict: <span class='{verdict}'>{verdict.upper()}</span> &middot; "
        f"{html.escape(summary['verdict'])}</p>",
        _table([summary["options"]]),
        "<h2>Layout</h2>",
        f"<img alt='engine layout' src='data:image/png;base64,{layout_png}'>",
        "<h2>Spectra</h2>",
        f"<img alt='per-lane spectra' src='data:image/png;base64,{spectra_png}'>",
        "<h2>Link budget per lane</h2>",
        _table(summary["budget_table"]),
        *(["<h2>Eyes (TDECQ, 802.3 121.8.5.3)</h2>", *eyes] if eyes else []),
        "<h2>Every limit, with its clause</h2>",
        _table(specs),
        "<h2>Optical figures per lane</h2>",
        _table(summary["lane_table"]),
        "<h2>Checks</h2>",
        _table([summary["checks"]]),
        *_temperature_section(summary),
        "<h2>Monte Carlo yield</h2>",
        _table([summary["monte_carlo"]]),
        *_package_section(summary, lpo_png),
        "</body></html>",
    ]
    return "\n".join(parts)
