"""A cell simulated from its own layout netlist equals its model.

For a leaf or a device cell (flattened: its physics is its model) this checks the solver's
leaf path; for a composite (MZI, rings) it checks that the closed-form model and the circuit
the layout actually draws agree, i.e. that the drawing and the model describe one device.
"""

from __future__ import annotations

import numpy as np

from lightlane.registry import get_pdk, model_of
from lightlane.sim import simulate

WL = np.linspace(1.26, 1.36, 2001)


def test_layout_netlist_simulates_to_the_cell_model(cell_name):
    pdk = get_pdk()
    component = pdk.cells[cell_name]()
    sparams = simulate(component, wl=WL, models=pdk.models)
    model = model_of(cell_name)(WL)
    optical = {p.name for p in component.ports if p.port_type == "optical"}
    assert set(sparams.ports) == optical
    for (port_in, port_out), value in model.items():
        np.testing.assert_allclose(
            sparams[port_out, port_in], np.broadcast_to(value, WL.shape), atol=1e-12
        )
