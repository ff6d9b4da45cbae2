"""``chase``: leads whose returns are missing, unanswered, incomplete or unreadable."""

from __future__ import annotations

import pytest

from returns_kit import FOLDER, QUARTER, fill_csv, fill_workbook, needs_git

pytestmark = needs_git
pytest.importorskip("openpyxl")


def test_missing_unanswered_incomplete_and_complete(cli, plan_repo):
    assert cli("request", "--quarter", QUARTER).exit_code == 0
    folder = plan_repo / "returns" / FOLDER
    (folder / "head-of-finance.xlsx").unlink()
    fill_workbook(
        folder / "head-of-housing.xlsx",
        {"housing:H1": {"New status": "no change"}, "housing:H3": {"New rationale": "Hired."}},
    )
    fill_workbook(
        folder / "head-of-communities.xlsx",
        {ref: {"New status": "no change"} for ref in ("housing:C1", "housing:C2", "housing:C3")},
    )
    result = cli("chase", "-q", QUARTER, "--format", "csv")
    assert result.stdout.splitlines() == [
        "lead,state,answered,rows,file",
        "Head of Finance,missing,0,1,",
        f"Head of Housing,incomplete,1,3,returns/{FOLDER}/head-of-housing.xlsx",
    ]
    markdown = cli("chase", "-q", QUARTER, "--format", "markdown").stdout
    assert markdown.startswith(f"**2 of 3 returns missing or incomplete in returns/{FOLDER}**")
    assert "| Head of Finance | missing | 0 | 1 |  |" in markdown


def test_csv_returns_and_a_file_that_cannot_be_read(cli, plan_repo):
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    folder = plan_repo / "returns" / FOLDER
    (folder / "head-of-finance.csv").write_bytes(b"\xff\xfe garbage")
    fill_csv(folder / "head-of-communities.csv", {"housing:C1": {"New status": "on track"}})
    for ref in ("housing:H1", "housing:H3", "housing:C3"):
        fill_csv(folder / "head-of-housing.csv", {ref: {"New status": "no change"}})
    rows = cli("chase", "-q", QUARTER, "-f", "csv").stdout.splitlines()
    assert rows[1:] == [
        f"Head of Communities,incomplete,1,3,returns/{FOLDER}/head-of-communities.csv",
        f"Head of Finance,unreadable,0,1,returns/{FOLDER}/head-of-finance.csv",
    ]


def test_nothing_issued_yet_and_everyone_done(cli, plan_repo):
    table = cli("chase", "-q", QUARTER, "--by", "directorate").stdout
    assert "3 of 3 returns missing or incomplete" in table
    for name in ("People", "Place", "Resources"):
        assert name in table
    cli("request", "-q", QUARTER, "--lead", "finance")
    folder = plan_repo / "returns" / FOLDER
    fill_workbook(folder / "head-of-finance.xlsx", {"housing:F1": {"New status": "on track"}})
    rows = cli("chase", "-q", QUARTER, "-f", "csv").stdout.splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == ["Head of Communities", "Head of Housing"]


def test_filters_narrow_whom_to_chase(cli, plan_repo):
    rows = cli("chase", "-q", QUARTER, "--lead", "housing", "-f", "csv").stdout.splitlines()
    assert rows[1:] == ["Head of Housing,missing,0,3,"]  # not Communities, though C3 is shared


def test_a_lead_filter_narrows_the_returns_found_in_the_folder(cli, plan_repo):
    """Issue 27, 8: with every return back, --lead still lists only that lead's."""
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    folder = plan_repo / "returns" / FOLDER
    fill_csv(folder / "head-of-finance.csv", {"housing:F1": {"New status": "no change"}})
    rows = cli("chase", "-q", QUARTER, "--lead", "housing", "-f", "csv").stdout.splitlines()
    assert rows[1:] == [f"Head of Housing,not answered,0,3,returns/{FOLDER}/head-of-housing.csv"]
    rows = cli("chase", "-q", QUARTER, "--plan", "housing", "-f", "csv").stdout.splitlines()
    assert len(rows) == 3  # Communities and Housing; Finance is complete
