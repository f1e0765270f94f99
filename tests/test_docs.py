"""The docs site: generated from the code, built with --strict, every cell carded, checked in
headless Chromium (pages load without console errors, images decode, internal links resolve)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lightlane.docsgen.engines import engines_available, summary_tables, write_engine_pages
from lightlane.docsgen.gallery import card, families
from lightlane.docsgen.params import docstring_args, parameter_docs, unit_of
from lightlane.docsgen.plots import (
    FLOOR_DB,
    adaptive_wavelengths,
    data_limits,
    figure_data,
    figure_problems,
    save_figure,
    spectrum_figure,
)
from lightlane.docsgen.text import DocsBuildError, table_cell
from lightlane.docsgen.tutorials import parse, run_tutorial, write_tutorials
from lightlane.registry import get_pdk

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


def _drawn(path: Path) -> bool:
    """True when the PNG at ``path`` decodes and is not a blank white picture."""
    pixels = plt.imread(path)[..., :3]
    return bool((pixels < 0.9).any())


def test_docstring_args_parses_google_style():
    from lightlane.components.waveguides import bend_euler

    args = docstring_args(bend_euler)
    assert set(args) == {
        "radius", "angle", "p", "with_arc_floorplan", "npoints", "angular_step", "layer",
        "width", "cross_section", "allow_min_radius_violation",
    }  # fmt: skip
    assert "minimum radius" in args["radius"]


def test_units_and_valid_ranges_come_from_docstring_rules_and_checks():
    assert unit_of("bend angle in degrees, in [-180, 180]") == "deg"
    assert unit_of("direction the ports face in degrees: 90 (north)") == "deg"
    assert unit_of("number of couplers, >= 2.") == ""
    rows = {r.name: r for r in parameter_docs(get_pdk().cells["taper"])}
    assert rows["length"].valid.startswith("> 0 um")  # "half-angle <= 8 deg" bounds no length
    rows = {r.name: r for r in parameter_docs(get_pdk().cells["straight"])}
    assert rows["length"].unit == "um"
    assert rows["length"].valid == "[0, 33000] um"  # shorter pieces overhang their ports
    rows = {r.name: r for r in parameter_docs(get_pdk().cells["bend_euler"])}
    assert rows["angle"].valid == "[-180, 180] deg; ≠ 0"
    assert rows["p"].valid.startswith("(0, 1]")
    rows = {r.name: r for r in parameter_docs(get_pdk().cells["fibre_array"])}
    assert rows["n"].valid.startswith("≥ 2; ≤ 64")
    assert "one of `grating`, `edge`" in rows["coupler"].valid
    assert "`TECH.fibre_pitches` = (127.0, 250.0)" in rows["pitch"].valid


def test_table_cell_escapes_pipes_and_tags_but_not_code():
    assert table_cell("a | b <c> `x<y`") == "a \\| b &lt;c> `x<y`"
    assert (
        table_cell("see :mod:`lightlane.models` and :class:`~a.B`")
        == "see `lightlane.models` and `a.B`"
    )


def _tutorial(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "src" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return path


def test_tutorial_runs_blocks_in_order_with_output_and_figures(tmp_path):
    src = _tutorial(
        tmp_path,
        "t.md",
        "# T\n\n```python\nx = 2\nprint('x is', x)\n```\n\n"
        "```python\nimport matplotlib.pyplot as plt\nplt.plot([0, x])\n```\n\n"
        "```bash\necho from-bash\n```\n\n```console\n$ klayout never-run.gds\n```\n",
    )
    page = "\n".join(run_tutorial(src, tmp_path / "images"))
    assert 'title="output"\nx is 2\n' in page
    assert "from-bash" in page and "klayout never-run.gds" in page
    assert _drawn(tmp_path / "images" / "t_2_1.png")
    assert "](images/t_2_1.png)" in page


def test_a_failing_tutorial_block_names_tutorial_block_and_line(tmp_path):
    src = _tutorial(
        tmp_path, "bad.md", "# Bad\n\n```python\nok = 1\n```\n\n```python\n1 / 0\n```\n"
    )
    with pytest.raises(DocsBuildError, match=r"bad\.md, block 2 \(python\) \(line 8") as info:
        run_tutorial(src, tmp_path / "images")
    assert "ZeroDivisionError" in str(info.value)
    src = _tutorial(tmp_path, "sh.md", "# Sh\n\n```bash\nexit 3\n```\n")
    with pytest.raises(DocsBuildError, match=r"sh\.md, block 1 \(bash\).*exit 3"):
        run_tutorial(src, tmp_path / "images")


def test_tutorial_needing_an_absent_module_is_left_out(tmp_path):
    _tutorial(tmp_path, "a.md", "# Present\n\n```python\nprint(1)\n```\n")
    _tutorial(tmp_path, "b.md", "---\nrequires: lightlane.no_such_module\n---\n# Absent\n")
    meta, _ = parse((tmp_path / "src" / "b.md").read_text())
    assert meta == {"requires": "lightlane.no_such_module"}
    nav = write_tutorials(tmp_path / "src", tmp_path / "out")
    assert nav == [("Present", "tutorials/a.md")]
    assert not (tmp_path / "out" / "tutorials" / "b.md").exists()


@pytest.mark.skipif(engines_available(), reason="lightlane.circuits.engine exists: pages built")
def test_no_engine_pages_without_the_engine(tmp_path):
    assert write_engine_pages(tmp_path) == []
    assert not (tmp_path / "engines").exists()


def _summary(standard: str, lanes: int = 2) -> dict:
    """A summary.json shaped like the engine flow's (and a key the pages do not know)."""
    spec = {"name": "Tx OMA", "value": 1.862, "limit": -0.8, "kind": "min", "unit": "dBm"}
    return {
        "standard": standard,
        "pass": True,
        "verdict": "every lane meets its specs",
        "interface": {"lanes": lanes, "lane_rate_gbps": 200.0, "baud_gbd": 113.4375,
                      "modulation": "PAM4", "wavelengths_nm": [1311.0] * lanes},
        "layout": {"die_um": [4611.6, 3020.25], "lanes": []},
        "lanes": [{"lane": k + 1, "wavelength_nm": 1311.0, "tx": {"insertion_loss_db": 15.888},
                   "rx": {"insertion_loss_db": 1.9083333333333}} for k in range(lanes)],
        "budget": [{"lane": k + 1, "wavelength_nm": 1311.0, "pass": True,
                    "chain": {"laser_dbm": 21.031, "tx_loss_db": 13.093, "tx_average_dbm": 2.096,
                              "channel_loss_db": 3.0, "rx_loss_db": 1.924, "tx_oma_dbm": 1.862,
                              "pd_oma_at_sensitivity_dbm": -6.324},
                    "specs": [{**spec, "margin": 2.662 - k, "pass": True,
                               "clause": "802.3 Table 124-6"}]} for k in range(lanes)],
        "power": {"pj_per_bit": 6.875, "breakdown": {"laser_w": 1.2345678901234}},
    }  # fmt: skip


def test_engine_pages_show_facts_lanes_downloads_and_figures(tmp_path, monkeypatch):
    """The page generator on a stand-in flow (the real engine is checked by the site build)."""
    from lightlane.docsgen import engines
    from lightlane.verify import write_gds

    def flow(standard, work, args=None):
        work.mkdir(parents=True)
        if args and args[0] == "eye":
            fig, ax = plt.subplots()
            ax.plot([0, 1], [0, 1])
            fig.savefig(work / "eye.png")
            plt.close(fig)
            (work / "figures.json").write_text(json.dumps({"tdecq_db": 1.2681, "rlm": 0.9643}))
            return
        write_gds(get_pdk().cells["mzi_unbalanced"](), work / "engine.gds")
        (work / "summary.json").write_text(json.dumps(_summary(standard)))
        (work / "report.html").write_text("<html></html>")

    monkeypatch.setattr(engines, "engines_available", lambda: True)
    monkeypatch.setattr(engines, "_standards", lambda: ["1.6T-DR8", "400G-FR4"])
    monkeypatch.setattr(engines, "run_engine_flow", flow)
    nav = write_engine_pages(tmp_path)
    assert nav[1:] == [("1.6T-DR8", "engines/1-6t-dr8.md"), ("400G-FR4", "engines/400g-fr4.md")]
    page = (tmp_path / "engines" / "1-6t-dr8.md").read_text()
    assert "![1.6T-DR8 engine layout](images/1-6t-dr8.png)" in page
    assert "| lanes x rate | 2 x 200G |" in page and "| die (mm) | 4.61 x 3.02 |" in page
    assert "| pJ/bit | 6.88 |" in page and "| worst margin | 1.66 dBm: Tx OMA, lane 2 |" in page
    assert "| quantity (unit) | limit | lane 1 | lane 2 |" in page
    assert "| Tx OMA (dBm) | ≥ -0.80¹ | 1.86 | 1.86 |" in page  # one row per spec
    assert "Limits: ¹ 802.3 Table 124-6" in page and '<div class="ll-lanes" markdown="1">' in page
    assert "![1.6T-DR8: eye of lane 1](images/1-6t-dr8_eye.png)" in page
    assert "`lightlane eye 1.6T-DR8 --lane 1 -o eye`: TDECQ 1.27 dB, RLM 0.96." in page
    assert "| Tx insertion loss, laser to fibre (dB) |  | 15.9 | 15.9 |" in page
    assert "| smallest margin (dB) |  | 2.66 | 1.66 |" in page
    assert "*Zooms, placed from the die's cell instances: 1: east edge; 2: west edge.*" in page
    assert "[engine.gds](downloads/1-6t-dr8/engine.gds)" in page and "report.html" in page
    assert "1.9083333" not in page and "{" not in page.split("## Everything")[0]
    assert _drawn(tmp_path / "engines" / "images" / "1-6t-dr8.png")
    assert _drawn(tmp_path / "engines" / "images" / "1-6t-dr8_waterfall.png")
    assert (tmp_path / "engines" / "downloads" / "400g-fr4" / "engine.gds").stat().st_size > 0
    assert not list((tmp_path / "engines").glob(".*-build"))
    index = (tmp_path / "engines" / "index.md").read_text()
    assert index.index("[400G-FR4]") < index.index("[1.6T-DR8]")  # by total rate
    assert "| engine | lanes x rate | symbol rate | grid | die (mm) |" in index
    assert index.count('<div class="ll-compact" markdown="1">') == 1


def test_die_zooms_find_the_fibre_array_modulator_and_photodiode_row(tmp_path):
    """On a stand-in die: three fibre couplers on the east edge and a laser input on the west,
    a ring modulator, two photodiodes in a row and a monitor photodiode elsewhere."""
    import gdsfactory as gf

    from lightlane.docsgen.die_zooms import die_zooms
    from lightlane.verify import write_gds

    pdk = get_pdk()
    die = gf.Component()
    coupler, diode = pdk.cells["edge_coupler"](), pdk.cells["photodetector_ge"]()
    for k in range(3):
        die.add_ref(coupler).dmove((1000, 500 - 127 * k))
    die.add_ref(coupler).dmove((-500, 0))  # the laser input, not the fibre array
    die.add_ref(pdk.cells["ring_modulator"]()).dmove((0, 300))
    for k in range(2):
        die.add_ref(diode).dmove((200 * k, -600))
    die.add_ref(diode).dmove((600, 0))  # a Tx power monitor, off the receiver's row
    gds = write_gds(die, tmp_path / "die.gds", metadata=False)
    zooms = {z.title: z.box for z in die_zooms(gds)}
    titles = list(zooms)
    assert titles[0] == "fibre array, first 3 fibres" and titles[2] == "first 2 Rx photodiodes"
    assert titles[1].startswith("lane 1 modulator")  # its input end when it is long
    left, bottom, right, top = zooms["fibre array, first 3 fibres"]
    assert (
        left > 500
        and bottom < 500 - 254
        and top > 500
        and right - left == pytest.approx(top - bottom)
    )
    left, bottom, right, top = zooms["first 2 Rx photodiodes"]
    assert bottom < -600 < top and right < 600 and left < 0


def test_summary_tables_render_scalars_records_and_nesting():
    summary = {
        "standard": "1.6T-DR8",
        "pass": False,
        "lanes": [{"lane": 1, "il_db": 3.2123456789, "pass": True}, {"lane": 2, "il_db": 3.5}],
        "drc": {"violations": 0, "rules": {"WG.W.1": 0}, "band_nm": [1260.0, 1360.0]},
    }
    text = "\n".join(summary_tables(summary))
    assert "| standard | 1.6T-DR8 |" in text and "| pass | **FAIL** |" in text
    assert "| lane | il_db | pass |" in text and "| 1 | 3.21 | pass |" in text
    assert "| 2 | 3.50 |  |" in text
    assert "## drc" in text and "| violations | 0 |" in text and "| rules | WG.W.1 0 |" in text
    assert "| band_nm | 1260 to 1360 |" in text


def test_card_shows_every_model_figure_with_its_caption(tmp_path):
    pdk = get_pdk()
    base = pdk.models["straight"]

    def transmission_versus_length(component):
        """Transmission versus length. Extra detail."""
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, component.info["length"]])
        return fig

    def model(*args, **kwargs):
        return base(*args, **kwargs)

    model.__module__, model.figures = base.__module__, (transmission_versus_length,)
    text = card("straight", pdk.cells["straight"], model, tmp_path)
    assert "![Transmission versus length](images/straight_figure1.png)" in text
    assert _drawn(tmp_path / "straight_figure1.png") and _drawn(tmp_path / "straight_spectrum.png")


def test_figure_check_refuses_a_curve_on_the_edge_of_a_forced_axis():
    fig, ax = plt.subplots()
    ax.plot([1260, 1360], [-0.002, -0.002])
    ax.set_ylim(0, 1)  # the old spectra's forced 0..+1 dB axis: the curve sits on the bottom
    problems = figure_problems(figure_data(fig))
    assert any("empty plot" in p for p in problems) and any("bottom" in p for p in problems)
    ax.set_ylim(*data_limits([np.array([-0.002])], min_span=1.0))
    assert figure_problems(figure_data(fig)) == []
    bottom, top = ax.get_ylim()
    assert top - bottom >= 1.0 and bottom < -0.002 < top
    plt.close(fig)


def test_adaptive_sampling_resolves_a_narrow_notch():
    centre, half_width = 1.31, 6.5e-6  # a 13 pm wide notch, 20 dB deep

    def notch(wl):
        lorentz = 1 / (1 + ((wl - centre) / half_width) ** 2)
        return 10 * np.log10(1 - 0.99 * lorentz)

    wl, y = adaptive_wavelengths(notch, np.linspace(1.26, 1.36, 4001))
    assert y.min() < -19.5  # the 25 pm grid alone reads a few dB
    assert np.diff(wl).min() < 1e-6 and wl.size < 6000  # fine only where it bends


def _spectrum(name: str, tmp_path: Path) -> dict:
    pdk = get_pdk()
    component = pdk.cells[name]()
    optical = sorted(p.name for p in component.ports if p.port_type == "optical")
    fig = spectrum_figure(name, pdk.models[name], optical, dict(component.info))
    save_figure(fig, tmp_path / f"{name}.png", "spectrum", FLOOR_DB)
    return json.loads((tmp_path / f"{name}.json").read_text())


def test_spectra_label_reflection_zoom_resonances_and_mark_the_lane_grid(tmp_path):
    ring = _spectrum("ring_modulator", tmp_path)  # a leaf model with 10 pm-scale resonances
    assert len(ring["axes"]) == 2 and ring["axes"][1]["title"].startswith("zoom on the resonance")
    assert ring["axes"][0]["lines"][0]["y"][0] < -5  # the notch's depth is sampled
    centres = (1.271, 1.291, 1.311, 1.331)

    def demux(wl):  # four lanes and two clean-up drops, as a CWDM4 demultiplexer's ports
        lanes = {
            ("o1", f"o{k + 2}"): np.exp(-(((wl - c) / 0.006) ** 2)) for k, c in enumerate(centres)
        }
        return {**lanes, ("o1", "o6"): 0.1 + 0 * wl, ("o1", "o7"): 0.1 + 0 * wl}

    info = {"lane_ports": ["o2", "o3", "o4", "o5"], "common_port": "o1",
            "wavelengths_nm": [1271, 1291, 1311, 1331]}  # fmt: skip
    fig = spectrum_figure("demux", demux, [f"o{k}" for k in range(1, 8)], info)
    save_figure(fig, tmp_path / "demux.png", "spectrum", FLOOR_DB)
    lanes = json.loads((tmp_path / "demux.json").read_text())
    labels = [line["label"] for line in lanes["axes"][0]["lines"]]
    assert labels == [
        f"o{k + 2} ← o1 (lane {nm} nm)" for k, nm in enumerate((1271, 1291, 1311, 1331))
    ]
    assert _drawn(tmp_path / "demux.png")
    detector = _spectrum("photodetector_ge", tmp_path)
    assert detector["axes"][0]["title"] == "photodetector_ge: reflection at the defaults"
    for data in (ring, lanes, detector):
        assert figure_problems(data, strict=True, floor=FLOOR_DB) == []


def _shared_dir(tmp_path_factory) -> Path:
    """A folder every pytest-xdist worker of this run sees (the site is built once per run)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built as `make docs` builds it (generator, then mkdocs --strict), once per run."""
    shared = _shared_dir(tmp_path_factory)
    out = shared / "docs-site"
    with open(shared / "docs-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # other workers wait here and reuse the build
        if not (out / "build.json").exists():
            env = {
                # engine runs, cards and tutorials built before by the same code (`make docs`)
                "LIGHTLANE_DOCS_ENGINE_CACHE": str(ROOT / "build" / "docs-engine-cache"),
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                "LIGHTLANE_DOCS_DIR": str(out / "docs"),
                "LIGHTLANE_SITE_DIR": str(out / "site"),
            }
            started = time.perf_counter()
            steps = (
                [sys.executable, "-m", "lightlane.docsgen", "docs", str(out / "docs")],
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
            )
            for step in steps:
                done = subprocess.run(step, cwd=ROOT, env=env, capture_output=True, text=True)
                assert done.returncode == 0, f"{' '.join(step[2:4])} failed:\n{done.stderr[-6000:]}"
            seconds = time.perf_counter() - started
            (out / "build.json").write_text(json.dumps({"seconds": seconds}))
    return out / "site"


@pytest.mark.slow
def test_site_builds_strict_with_a_complete_card_per_cell(site):
    pdk = get_pdk()
    images = site / "gallery" / "images"
    for family, names in families(pdk).items():
        page = (site / "gallery" / family / "index.html").read_text()
        source = (site.parent / "docs" / "gallery" / f"{family}.md").read_text()
        for name in names:
            assert f'id="{name}"' in page, name
            assert f'id="{name}-parameters"' in page and f'id="{name}-ports"' in page, name
            assert f'c = lightlane.PDK.get_component("{name}")' in source, name
            assert _drawn(images / f"{name}.png"), name
            component = pdk.cells[name]()
            optical = any(p.port_type == "optical" for p in component.ports)
            assert (images / f"{name}_spectrum.png").exists() == optical, name
            for i, _ in enumerate(getattr(pdk.models.get(name), "figures", ())):
                assert _drawn(images / f"{name}_figure{i + 1}.png"), name
    spectra = sorted(images.glob("*_spectrum.json"))
    assert len(spectra) == sum((images / f"{n}_spectrum.png").exists() for n in pdk.cells), (
        "a spectrum without its data"
    )
    for path in sorted(images.glob("*.json")):
        data = json.loads(path.read_text())
        strict = data["check"] == "spectrum"
        assert strict == path.name.endswith("_spectrum.json"), path.name
        assert figure_problems(data, strict, data["floor"]) == [], path.name
    for page in ("pdk/layers", "pdk/layer_stack", "pdk/rules", "pdk/cross_sections"):
        assert (site / page / "index.html").exists(), page
    assert _drawn(site / "pdk" / "images" / "layer_stack.png")
    for name in ("01_build_and_export", "02_simulate_mzi_and_ring", "04_monte_carlo_yield"):
        assert (site / "tutorials" / name / "index.html").exists(), name
    assert (site / "tutorials" / "05_engine_link_budget").exists() == engines_available()
    api = (site / "api" / "lightlane_sim" / "index.html").read_text()
    # simulate is shadowed by its module's name in the package; it gets its own directive
    assert (
        'id="lightlane.sim.simulate.simulate"' in api and 'id="lightlane.sim.yield_fraction"' in api
    )


def _serve(directory: Path):
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # the test reports failures itself
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


_PAGE_FACTS = """async () => {
  await Promise.all(Array.from(document.images).map(i => i.complete ? null :
    new Promise(done => { i.onload = i.onerror = done; })));
  return {
    images: Array.from(document.images).map(i => [i.currentSrc || i.src, i.naturalWidth]),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
  };
}"""


_OVERFLOW = """() => {
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth + 1)
    out.push(`page is ${document.documentElement.scrollWidth} px wide`);
  for (const t of document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset table'))
    if (t.scrollWidth > t.clientWidth + 1)
      out.push(`a table scrolls sideways (${t.scrollWidth} px)`);
  return out;
}"""


def _viewer_problems(page, url: str) -> list[str]:
    """Open the first interactive layout of ``url``: its script must run and a wheel zoom and
    a drag must change the view."""
    page.goto(url, wait_until="load")
    viewer = page.locator("details.ll-viewer").first
    viewer.locator("summary").click()
    page.wait_for_function(
        """() => { const o = document.querySelector('details.ll-viewer object');
                   const d = o && o.contentDocument;
                   return d && d.documentElement.getAttribute('data-viewer') === 'ready'; }""",
        timeout=10_000,
    )
    box = page.locator("details.ll-viewer object").first.bounding_box()
    before = page.evaluate(
        "() => document.querySelector('details.ll-viewer object')"
        ".contentDocument.documentElement.getAttribute('viewBox')"
    )
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 3, box["y"] + box["height"] / 3, steps=4)
    page.mouse.up()
    after = page.evaluate(
        "() => document.querySelector('details.ll-viewer object')"
        ".contentDocument.documentElement.getAttribute('viewBox')"
    )
    if before == after:
        return [f"layout viewer on {url}: wheel and drag leave the view at {before}"]
    return []


@pytest.mark.slow
def test_site_html_has_no_raw_roles_or_doctest_markers(site):
    leaks = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text()
        for marker in (":func:`", ":class:`", ":mod:`", ":data:`", ":meth:`", ":attr:`",
                       "doctest:", "+SKIP", "(module docstring)", "DOMAIN" + ".md"):  # fmt: skip
            if marker in text:
                leaks.append(f"{path.relative_to(site)}: {marker}")
    assert not leaks, "\n".join(leaks[:30])
    top = (site / "api" / "lightlane" / "index.html").read_text()
    for name in ("lightlane.PDK", "lightlane.simulate", "lightlane.drc", "lightlane.rules"):
        assert f'id="{name.replace(".", "-").lower()}"' in top, name


@pytest.mark.slow
def test_every_gallery_cell_offers_its_gds_and_a_viewer(site):
    import klayout.db as kdb

    pdk = get_pdk()
    for family, names in families(pdk).items():
        page = (site / "gallery" / family / "index.html").read_text()
        for name in names:
            gds = site / "gallery" / "downloads" / f"{name}.gds"
            assert f'href="../downloads/{name}.gds"' in page, name
            layout = kdb.Layout()
            layout.read(str(gds))  # raises on a file that is not GDS
            top = layout.top_cells()
            assert len(top) == 1 and not top[0].bbox().empty(), name
            svg = site / "gallery" / "images" / f"{name}.svg"
            if svg.exists():
                assert f'data="../images/{name}.svg"' in page, name
                assert svg.read_text().rstrip().endswith("</svg>"), name


@pytest.mark.slow
def test_site_in_headless_chromium(site):
    if not CHROMIUM.exists():
        pytest.skip(f"no {CHROMIUM}: install Debian's chromium (.ci/run does) to check the site")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from urllib.parse import unquote, urldefrag, urlsplit

    server = _serve(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    # the site's pages; the engines' report.html files are downloads, not pages of the site
    pages = [p for p in site.rglob("*.html") if "downloads" not in p.relative_to(site).parts]
    paths = sorted("/" + p.relative_to(site).as_posix() for p in pages)
    problems, facts = [], {}
    try:
        with playwright.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page()
            current = [""]
            page.on(
                "console",
                lambda m: m.type == "error" and problems.append(f"{current[0]}: console {m.text}"),
            )
            page.on("pageerror", lambda e: problems.append(f"{current[0]}: script error {e}"))
            page.on(
                "response",
                lambda r: r.status >= 400 and problems.append(f"{current[0]}: {r.status} {r.url}"),
            )
            for path in paths:
                current[0] = path
                page.goto(origin + path, wait_until="load")
                facts[path] = page.evaluate(_PAGE_FACTS)
            current[0] = "layout viewer"
            problems += _viewer_problems(page, origin + "/gallery/rings/")
            # the gallery on a phone, the engines' lane tables on a laptop and a phone
            for width, prefixes in (
                (390, ("/gallery/", "/engines/")),
                (1400, ("/engines/", "/interfaces/")),
            ):
                screen = browser.new_page(viewport={"width": width, "height": 844})
                for path in [p for p in paths if p.startswith(prefixes)]:
                    current[0] = f"{path} at {width} px"
                    screen.goto(origin + path, wait_until="load")
                    problems += [f"{path} at {width} px: {o}" for o in screen.evaluate(_OVERFLOW)]
            browser.close()
    finally:
        server.shutdown()
    served = {"/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    ids = {path: set(f["ids"]) for path, f in facts.items()}
    for path, f in facts.items():
        for src, width in f["images"]:
            if width == 0:
                problems.append(f"{path}: image {src} is empty or missing")
        for href in f["links"]:
            url, fragment = urldefrag(href)
            if not url.startswith(origin):
                continue
            target = unquote(urlsplit(url).path)
            target = target + "index.html" if target.endswith("/") else target
            if target not in served:
                problems.append(f"{path}: broken link {href}")
            elif fragment and target in ids and unquote(fragment) not in ids[target]:
                problems.append(f"{path}: link {href} names a missing anchor")
    gallery_images = sum(len(f["images"]) for p, f in facts.items() if p.startswith("/gallery/"))
    assert gallery_images >= 2 * len(get_pdk().cells)  # thumbnail and card picture at least
    assert not problems, "\n".join(problems[:50])


def test_engine_runs_are_cached_by_their_inputs(tmp_path, monkeypatch):
    from lightlane.docsgen import engine_cache

    runs = []

    def run_cli(args, output):
        runs.append(list(args))
        output.mkdir(parents=True)
        (output / "summary.json").write_text(json.dumps({"args": args}))
        return 1, "printed\n", "progress\n"

    monkeypatch.setattr(engine_cache, "run_cli", run_cli)
    cache = tmp_path / "cache"
    first = engine_cache.cached_engine_run(["engine", "400G-DR4", "-o", str(tmp_path / "a")], cache)
    again = engine_cache.cached_engine_run(["engine", "400G-DR4", "-o", str(tmp_path / "b")], cache)
    assert first == again == (1, "printed\n", "progress\n")  # a failing budget's status is kept
    assert runs == [["engine", "400G-DR4"]]  # the second run is served from the cache
    assert (tmp_path / "b" / "summary.json").read_text() == (
        tmp_path / "a" / "summary.json"
    ).read_text()
    engine_cache.cached_engine_run(["engine", "400G-FR4", "--output", str(tmp_path / "c")], cache)
    assert runs[-1] == ["engine", "400G-FR4"] and len(runs) == 2
    with pytest.raises(ValueError, match="without -o"):
        engine_cache.cached_engine_run(["engine", "400G-DR4"], cache)


def test_build_outputs_are_cached_by_their_inputs(tmp_path, monkeypatch):
    from lightlane.docsgen.build_cache import cached_output
    from lightlane.docsgen.engine_cache import CACHE_ENV

    runs = []

    def produce(directory, text):
        def run():
            runs.append(text)
            (directory / "images").mkdir(parents=True, exist_ok=True)
            (directory / "images" / "a.png").write_text(text)
            return [f"page {text}"]

        return run

    monkeypatch.delenv(CACHE_ENV, raising=False)
    assert cached_output("card", ["a"], tmp_path / "x", produce(tmp_path / "x", "1")) == ["page 1"]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "kept.md").write_text("written before")  # not the card's: not cached
    first = cached_output("card", ["a"], tmp_path / "old", produce(tmp_path / "old", "2"))
    again = cached_output("card", ["a"], tmp_path / "new", produce(tmp_path / "new", "3"))
    assert first == again == ["page 2"] and runs == ["1", "2"]  # the third is served
    assert (tmp_path / "new" / "images" / "a.png").read_text() == "2"
    assert not (tmp_path / "new" / "kept.md").exists()
    other = cached_output("card", ["b"], tmp_path / "new", produce(tmp_path / "new", "4"))
    assert other == ["page 4"] and runs[-1] == "4"  # other inputs: another entry

    def failing():
        raise DocsBuildError("a card fails")

    with pytest.raises(DocsBuildError):
        cached_output("card", ["c"], tmp_path / "new", failing)
    assert cached_output("card", ["c"], tmp_path / "new", produce(tmp_path / "new", "5")) == [
        "page 5"
    ]  # a failure left no entry
