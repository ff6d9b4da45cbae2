"""Issue 26, the reading side of the quarterly return: what a lead (or anyone holding a
return) can put in the file, and what ``collect`` and ``chase`` make of it. Each case
is listed in tests/hostile/README.md ("Returns read")."""

from __future__ import annotations

import pytest

from returns_kit import FOLDER, QUARTER, fill_csv, fill_workbook, needs_git

pytestmark = needs_git
openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def issued(cli, plan_repo):
    """Workbooks and CSVs issued for Q3 26/27; returns (folder, plan file)."""
    assert cli("request", "--quarter", QUARTER).exit_code == 0
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    return plan_repo / "returns" / FOLDER, plan_repo / "plans" / "housing.yaml"


def test_a_formula_cell_is_reported_where_it_is(cli, issued):
    """A formula reads back empty to a reader that does not calculate: an answer typed as
    a formula must be reported at its cell, never taken as no answer."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-housing.xlsx"
    fill_workbook(
        path,
        {
            "housing:H1": {"New status": '=IF(TRUE,"completed","behind")'},
            "housing:H3": {"Title": "=1+1", "New status": "no change"},
        },
    )
    result = cli("collect", path)
    assert result.exit_code == 1
    assert f'{path}:2:7: error PT507: New status: a formula (=IF(TRUE,"completed","behind"))' in (
        result.stderr
    )
    assert f"{path}:3:3: warning PT507: Title: a formula (=1+1)" in result.stderr
    assert plan.read_bytes() == before


def test_a_csv_cell_neutralised_by_its_writer_reads_back_without_the_quote(cli, issued):
    """spreadsheet_text puts a quote before a leading = + - @; collect takes it off."""
    folder, plan = issued
    path = folder / "head-of-finance.csv"
    fill_csv(
        path,
        {"housing:F1": {"New status": "behind", "New rationale": "'-£2m gap; +1 post"}},
        modified="2026-11-20",
    )
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "            rationale: -£2m gap; +1 post\n" in plan.read_text()


@pytest.mark.parametrize("control", ["\x7f", "\x1b[31m", "\x00"])
def test_a_control_character_in_a_cell_is_blamed_on_the_cell(cli, issued, control):
    """A DEL in one returned cell aborted the whole collect, blamed on the plan's 1:1."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "behind", "New rationale": f"Late{control}."}})
    result = cli("collect", path)
    assert result.exit_code == 1
    shown = control.encode("unicode_escape").decode().replace("\\x00", "\\x00")
    assert f"{path}:4:8: error PT508: New rationale: a control character in 'Late" in (
        result.stderr
    )
    assert shown in result.stderr and control not in result.stderr
    assert "plans/housing.yaml" not in result.stderr
    assert "Traceback" not in result.output
    assert plan.read_bytes() == before
