"""The receiver's photodiode row: one row for four lanes, two staggered rows for sixteen."""

from __future__ import annotations

import itertools

import pytest

from layout_checks import drc_problems
from lightlane.circuits.receiver import DETECTOR, STAGGER_FROM, STAGGER_ROWS, rx_block
from lightlane.circuits.standards import get_standard
from lightlane.circuits.transmitter import LANE_CLEARANCE


def _block(name: str, **kwargs):
    std = get_standard(name)
    wavelengths = tuple(round(w / 1000, 6) for w in std.wavelengths_nm)
    return rx_block(wavelengths, std.wdm_groups, **kwargs)


def _photodiodes(block):
    names = [name for pair in block.info["detectors"] for name in pair]
    return [block.insts[name] for name in names]


def _inputs_x(block) -> list[float]:
    return sorted(ref.ports[DETECTOR[1]].center[0] for ref in _photodiodes(block))


def test_a_sixteen_photodiode_row_is_staggered_at_half_the_pad_pitch_and_drc_clean():
    block = _block("800G-2xFR4")
    refs = _photodiodes(block)
    assert len(refs) == STAGGER_FROM
    rows = block.info["detector_rows"]
    assert rows == STAGGER_ROWS
    single = _block("800G-2xFR4", with_pads=False)  # covered landings keep one row
    assert single.info["detector_rows"] == 1
    pitch = single.info["detector_pitch"]
    assert block.info["detector_pitch"] < pitch / (rows - 1)
    xs = _inputs_x(block)
    # The last photodiode, where the longest route ends, is half as far along the row.
    assert xs[-1] - xs[0] <= (len(xs) / (rows - 0.5)) * pitch
    assert _inputs_x(single)[-1] - _inputs_x(single)[0] == pytest.approx((len(xs) - 1) * pitch)
    # Staggered rows: no photodiode's pads within the pad clearance of another's.
    for a, b in itertools.combinations(refs, 2):
        ba, bb = a.dbbox(), b.dbbox()
        gap_x = max(bb.left - ba.right, ba.left - bb.right)
        gap_y = max(bb.bottom - ba.top, ba.bottom - bb.top)
        assert max(gap_x, gap_y) >= LANE_CLEARANCE - 1e-6, (a.name, b.name)
    assert len({round(ref.ports[DETECTOR[1]].center[1], 3) for ref in refs}) == rows
    assert drc_problems(block) == []


@pytest.mark.parametrize("name", ["400G-FR4", "800G-DR4"])
def test_a_four_lane_receiver_keeps_its_single_row(name):
    block = _block(name)
    assert block.info["detector_rows"] == 1
    xs = _inputs_x(block)
    pitch = block.info["detector_pitch"]
    assert [round(b - a, 3) for a, b in itertools.pairwise(xs)] == [pitch] * (len(xs) - 1)
