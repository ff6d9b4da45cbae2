"""``request``: one return per lead, the rows each is asked about, safe file names,
and a workbook a lead can fill in only where asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantrack.usecases.returns import COLUMNS
from returns_kit import FOLDER, QUARTER, git, needs_git, read_csv

pytestmark = needs_git
openpyxl = pytest.importorskip("openpyxl")


def rows_of(path: Path) -> list[list[object]]:
    return [list(r) for r in openpyxl.load_workbook(path)["Return"].iter_rows(values_only=True)]


def test_one_workbook_per_lead_with_the_items_each_is_asked_about(cli, plan_repo):
    result = cli("request", "--quarter", QUARTER, "-o", "returns")
    assert result.exit_code == 0, result.output
    folder = plan_repo / "returns" / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == [
        "head-of-communities.xlsx",
        "head-of-finance.xlsx",
        "head-of-housing.xlsx",
    ]
    assert "wrote 3 return(s), 7 row(s)" in result.output
    housing = rows_of(folder / "head-of-housing.xlsx")
    assert housing[0] == [
        "Id",
        "Plan",
        "Theme",
        "Action",
        "Title",
        "Due",
        "Status",
        "Rationale",
        "New status",
        "New rationale",
        "Revised date",
    ]
    # H2 and H4 are done and fall due outside Q3-Q4 26/27: not asked; C3 has two leads.
    # The plan is named once, in Plan; Id is the item's own id.
    assert [row[:2] for row in housing[1:]] == [
        ["H1", "housing"],
        ["H3", "housing"],
        ["C3", "housing"],
    ]
    assert housing[1][:8] == [
        "H1",
        "housing",
        "Homes",  # the theme, for context
        None,  # an action: no parent action
        "Repair backlog cleared",
        "Q3 26/27",
        "On track",  # as the plan writes it
        "Contractor in place.",
    ]
    assert housing[1][8:] == [None, None, None]
    communities = rows_of(folder / "head-of-communities.xlsx")
    assert [row[0] for row in communities[1:]] == ["C1", "C2", "C3"]


def test_a_done_item_due_in_the_quarter_or_next_is_asked_to_confirm(cli, plan_repo):
    cli("request", "--quarter", "Q2-26/27", "-o", "returns", "--lead", "housing")
    housing = rows_of(plan_repo / "returns" / "Q2-2026-27" / "head-of-housing.xlsx")
    assert "H2" in [row[0] for row in housing[1:]]  # done, due Q2 26/27


def test_by_directorate(cli, plan_repo):
    cli("request", "--quarter", QUARTER, "-o", "returns", "--by", "directorate")
    names = sorted(p.name for p in (plan_repo / "returns" / FOLDER).iterdir())
    assert names == ["people.xlsx", "place.xlsx", "resources.xlsx"]


def test_the_workbook_locks_what_is_given_and_offers_the_plans_words(cli, plan_repo):
    cli("request", "--quarter", QUARTER, "-o", "returns", "--deadline", "2027-01-08")
    book = openpyxl.load_workbook(plan_repo / "returns" / FOLDER / "head-of-housing.xlsx")
    assert book.sheetnames[0] == "Instructions"
    lines = [row[0] for row in book["Instructions"].iter_rows(values_only=True) if row[0]]
    assert "Please fill this in and send it back by Friday 8 January 2027." in lines
    sheet = book["Return"]
    assert sheet.protection.sheet
    assert all(sheet.cell(2, col).protection.locked for col in range(1, 9))
    assert not any(sheet.cell(2, col).protection.locked for col in range(9, 12))
    (check,) = sheet.data_validations.dataValidation
    assert str(check.sqref) == "I2 I3 I4"
    lists = book["Lists"]
    assert lists.sheet_state == "hidden"
    words = [row[0] for row in lists.iter_rows(min_row=2, values_only=True)]
    assert words == [
        "no change",
        "not-started",
        "in-progress",
        "on-track",
        "behind",
        "off-track",
        "on-hold",
        "completed",
        "completed-ongoing",
        "cancelled",
    ]
    assert check.formula1 == f"'Lists'!$A$2:$A${len(words) + 1}"


def test_the_workbook_carries_the_commit_and_each_rows_recorded_values(cli, plan_repo):
    cli("request", "--quarter", QUARTER, "-o", "returns")
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    book = openpyxl.load_workbook(plan_repo / "returns" / FOLDER / "head-of-finance.xlsx")
    record = book["plantrack"]
    assert record.sheet_state == "veryHidden"
    values = [list(r) for r in record.iter_rows(values_only=True)]
    assert ["commit", head] in [v[:2] for v in values]
    assert ["quarter", "Q3 2026/27"] in [v[:2] for v in values]
    assert values[-2:] == [["Id", "Status", "Due"], ["housing:F1", "on track", "Q3 26/27"]]


def test_csv_returns_carry_the_same_in_a_comment_row(cli, plan_repo):
    cli("request", "--quarter", QUARTER, "-o", "returns", "--format", "csv")
    path = plan_repo / "returns" / FOLDER / "head-of-finance.csv"
    assert path.read_bytes().startswith("\ufeff# plantrack return,".encode())
    rows = read_csv(path)
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    assert f"commit: {head}" in rows[0] and "owner: Head of Finance" in rows[0]
    assert rows[2][:5] == ["Id", "Plan", "Theme", "Action", "Title"]
    assert rows[3] == [
        "F1",
        "housing",
        "Finance",
        "",
        "Savings plan agreed",
        "Q3 26/27",
        "on track",
        "",
        "",
        "",
        "",
    ]


def test_csv_to_stdout(cli, plan_repo):
    result = cli("request", "--quarter", QUARTER, "-o", "-", "--format", "csv", "--lead", "finance")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == [
        "Id,Plan,Theme,Action,Title,Due,Status,Rationale,New status,New rationale,Revised date",
        "F1,housing,Finance,,Savings plan agreed,Q3 26/27,on track,,,,",
    ]
    assert not (plan_repo / "returns").exists()


def test_returns_already_there_are_not_overwritten(cli, plan_repo):
    cli("request", "--quarter", QUARTER, "-o", "returns")
    path = plan_repo / "returns" / FOLDER / "head-of-housing.xlsx"
    path.write_bytes(b"filled in by the lead")
    result = cli("request", "--quarter", QUARTER, "-o", "returns")
    assert result.exit_code == 1
    assert "already in" in result.output and "--force" in result.output
    assert path.read_bytes() == b"filled in by the lead"
    assert cli("request", "--quarter", QUARTER, "-o", "returns", "--force").exit_code == 0
    assert path.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "Q5-26/27"], "--quarter"),
        (
            ["--quarter", QUARTER, "--deadline", "next week"],
            "--deadline: 'next week' is not an ISO",
        ),
        (["--quarter", QUARTER, "-o", "-"], "--format csv"),
        (["--quarter", QUARTER, "--plan", "nope"], "--plan nope"),
    ],
)
def test_usage_errors(cli, plan_repo, args, message):
    result = cli("request", *args)
    assert result.exit_code == 2 and message in result.output
    assert not (plan_repo / "returns").exists()


def test_dry_run_lists_the_returns_and_writes_nothing(cli, plan_repo):
    result = cli("request", "--quarter", QUARTER, "--dry-run", "--lead", "housing")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"would write 1 return(s), 3 row(s), to returns/{FOLDER} (due back 2026-12-07)",
        "  head-of-housing.xlsx: 3 row(s) for Head of Housing",
    ]
    assert not (plan_repo / "returns").exists()


def test_the_guide_shows_the_sheet_a_lead_sees():
    """docs/guide.md's instructions sheet and Return rows are what request writes
    (the commit is shown as 1a2b3c4d5e6f; long titles are cut with '…')."""
    import re
    from datetime import date

    from conftest import ROOT
    from plantrack import workspace as plans_workspace
    from plantrack.render.returns import instructions
    from plantrack.rows.period import QuarterName
    from plantrack.rows.query import Filters
    from plantrack.usecases.returns import returns_for

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    section = guide.split("## The quarterly return", 1)[1]
    shown = re.search(r"```text\n(Quarterly return.*?)```\n", section, re.S).group(1)
    workspace = plans_workspace.load(ROOT / "plans", today=date(2026, 11, 23))
    (ret,) = returns_for(
        workspace,
        QuarterName.parse("Q3-26/27"),
        filters=Filters(lead="Service Director of Housing"),
        commit="1a2b3c4d5e6f" + "0" * 28,
    )
    assert shown.splitlines() == instructions(ret)
    table = [line for line in section.split("**2. Chase.**")[0].splitlines() if line[:2] == "| "]
    assert [c.strip() for c in table[0].strip("|").split("|")] == list(COLUMNS)
    for line, row in zip(table[1:], ret.rows, strict=True):
        cells = [c.strip() for c in line.strip("|").split("|")]
        given = list(row.given())
        assert cells[:4] == given[:4] and cells[5:8] == given[5:8] == [row.due, row.status, ""]
        assert row.title.startswith(cells[4].removesuffix(" …"))
