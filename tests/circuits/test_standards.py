"""The interface table: one row per standard, consistent with DOMAIN.md section 1."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lightlane.circuits.standards import STANDARDS, get_standard, table_rows
from lightlane.cli import app

NAMES = ["400G-DR4", "400G-FR4", "800G-DR8", "800G-2xFR4", "800G-DR4", "800G-FR4", "1.6T-DR8",
         "1.6T-2xFR4"]  # fmt: skip


def test_table_holds_exactly_the_issue_standards():
    assert list(STANDARDS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_rows_are_self_consistent(name):
    s = get_standard(name)
    total_gbps = {"400G": 400, "800G": 800, "1.6T": 1600}[name.split("-")[0]]
    assert s.lanes * s.lane_rate_gbps == total_gbps
    assert s.line_rate_gbps == pytest.approx(s.baud_gbd * 2)
    assert s.baud_gbd == (53.125 if s.lane_rate_gbps == 100 else 113.4375)
    assert len(s.wavelengths_nm) == len(s.windows_nm) == s.lanes
    for centre, (lo, hi) in zip(s.wavelengths_nm, s.windows_nm, strict=True):
        assert hi - lo == 13.0 and lo < centre < hi
    if s.is_wdm:
        assert s.wavelengths_nm[:4] == (1271.0, 1291.0, 1311.0, 1331.0)
        assert s.fibres_tx == s.wdm_groups == s.lanes // 4
        assert s.channel_loss_db == 4.0 and s.tx.oma_minus_tdecq_min_dbm == -1.7
    else:
        assert set(s.wavelengths_nm) == {1311.0} and s.fibres_tx == s.fibres_rx == s.lanes
        assert (s.tx.oma_min_dbm, s.tx.oma_max_dbm) == (-0.8, 4.2)
        assert s.rx.sensitivity_oma_dbm == -4.4 and s.channel_loss_db == 3.0
    assert s.fibre_pitches_um == (127.0, 250.0)
    assert s.wdm_groups == (2 if "2x" in name else 1 if "FR" in name else 0)


def test_lookup_is_case_insensitive_and_names_the_valid_ones():
    assert get_standard(" 1.6t-dr8 ").name == "1.6T-DR8"
    with pytest.raises(ValueError, match="400G-DR4, 400G-FR4"):
        get_standard("1.6T-LR4")


def test_cli_prints_the_table_json_and_refuses_unknown_names():
    runner = CliRunner()
    result = runner.invoke(app, ["standards"])
    assert result.exit_code == 0
    assert all(row["standard"] in result.output for row in table_rows())
    rows = json.loads(runner.invoke(app, ["standards", "--json"]).output)
    assert [r["name"] for r in rows] == NAMES and rows[0]["tx"]["tdecq_max_db"] == 3.4
    one = json.loads(runner.invoke(app, ["standards", "800g-fr4", "--json"]).output)
    assert len(one) == 1 and one[0]["lanes"] == 4
    bad = runner.invoke(app, ["standards", "nope"])
    assert bad.exit_code == 2 and "valid standards" in bad.output
