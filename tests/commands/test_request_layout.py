"""The return as a lead gets it (issue 27): it prints, its rows are as tall as their
text, each row names its plan once with its theme and action beside it, it knows its
quarter, its date hint is in its own years, and nobody is sent a return for "no lead"
or has an .ods return called missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from returns_kit import FOLDER, QUARTER, git, needs_git, read_csv

pytestmark = needs_git
openpyxl = pytest.importorskip("openpyxl")


def book_of(repo: Path, name: str = "head-of-housing.xlsx", folder: str = FOLDER):
    return openpyxl.load_workbook(repo / "returns" / folder / name)


def record_of(book) -> dict[str, str]:
    return {row[0]: row[1] for row in book["plantrack"].iter_rows(values_only=True) if row[0]}


@pytest.mark.parametrize("sheet", ["Instructions", "Return"])
def test_both_sheets_print_landscape_a4_one_page_wide(cli, plan_repo, sheet):
    assert cli("request", "--quarter", QUARTER).exit_code == 0
    page = book_of(plan_repo)[sheet]
    assert page.page_setup.orientation == "landscape"
    assert int(page.page_setup.paperSize) == 9  # A4
    assert (int(page.page_setup.fitToWidth), int(page.page_setup.fitToHeight)) == (1, 0)
    assert page.sheet_properties.pageSetUpPr.fitToPage
    if sheet == "Return":
        assert page.print_title_rows == "$1:$1"  # the header row on every page


def test_rows_are_as_tall_as_their_wrapped_text(cli, plan_repo):
    plan = plan_repo / "plans" / "housing.yaml"
    long_title = "Damp and mould inspections " + "in every council home " * 12
    plan.write_text(plan.read_text().replace("Damp and mould inspections", long_title.strip()))
    git(plan_repo, "commit", "-q", "-am", "A long title")
    assert cli("request", "--quarter", QUARTER, "--lead", "housing").exit_code == 0
    book = book_of(plan_repo)
    sheet = book["Return"]
    heights = {n: sheet.row_dimensions[n].height for n in range(1, sheet.max_row + 1)}
    assert all(heights.values()), heights  # LibreOffice overlaps rows without one
    title = sheet["E3"]
    assert title.value.startswith("Damp and mould") and title.alignment.wrap_text
    # About 270 characters in a 36-character column: eight lines or more, not one.
    assert heights[3] >= 8 * 15 and heights[2] < heights[3]
    first = book["Instructions"]
    assert first.column_dimensions["A"].width <= 100 and first["A5"].alignment.wrap_text
    assert first.row_dimensions[5].height >= 2 * 15  # the long first step wraps


def test_each_row_names_its_plan_once_with_its_theme_and_action(cli, plan_repo):
    plan = plan_repo / "plans" / "housing.yaml"
    text = plan.read_text()
    plan.write_text(
        text[: text.rindex("            status: on track\n")]
        + "            status: on track\n            milestones:\n"
        "              - id: F1-a\n                title: Options to Cabinet\n"
        "                due: December 2026\n"
    )
    git(plan_repo, "commit", "-q", "-am", "F1 has a milestone")
    assert cli("request", "--quarter", QUARTER, "--lead", "finance").exit_code == 0
    sheet = book_of(plan_repo, "head-of-finance.xlsx")["Return"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["Id", "Plan", "Theme", "Action", "Title"]
    assert rows[1][:5] == [
        "F1-a",
        "housing",
        "Finance",
        "Savings plan agreed",
        "Options to Cabinet",
    ]
    record = [list(r) for r in book_of(plan_repo, "head-of-finance.xlsx")["plantrack"].values]
    assert record[-1][:1] == ["housing:F1-a"]  # the record keeps the whole reference


def test_the_return_records_its_quarter_in_the_workbook_and_the_csv(cli, plan_repo):
    assert cli("request", "--quarter", QUARTER).exit_code == 0
    meta = record_of(book_of(plan_repo))
    assert (meta["quarter"], meta["quarter_start"], meta["quarter_end"]) == (
        "Q3 2026/27",
        "2026-10-01",
        "2026-12-31",
    )
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    first = read_csv(plan_repo / "returns" / FOLDER / "head-of-housing.csv")[0]
    assert {"quarter: Q3 2026/27", "quarter_start: 2026-10-01", "quarter_end: 2026-12-31"} <= set(
        first
    )


def test_the_date_hint_names_the_returns_own_years(cli, plan_repo):
    assert cli("request", "--quarter", "Q3-21/22").exit_code == 0
    lines = [r[0] for r in book_of(plan_repo, folder="Q3-2021-22")["Instructions"].values if r[0]]
    hint = next(line for line in lines if line.startswith("4."))
    assert hint.endswith("e.g. 'Q1 2022/23', 'June 2022' or '2022-06-30'.")
    assert cli("request", "--quarter", "Q3-21/22", "-f", "csv").exit_code == 0
    csv_hint = read_csv(plan_repo / "returns" / "Q3-2021-22" / "head-of-housing.csv")[1][0]
    assert "'Q1 2022/23', 'June 2022' or '2022-06-30'" in csv_hint


@pytest.mark.parametrize(
    ("quarter", "due_back"),
    [
        (QUARTER, "2026-12-07"),  # today is 2026-11-23, in Q3: two weeks on
        ("Q4-26/27", "2027-01-15"),  # not begun: two weeks into it, so answers are in it
        ("Q2-26/27", "2026-12-07"),  # over: two weeks on (collect dates answers in it)
    ],
)
def test_the_default_deadline_lets_answers_belong_to_the_quarter(cli, plan_repo, quarter, due_back):
    result = cli("request", "--quarter", quarter, "--lead", "housing", "-n")
    assert f"(due back {due_back})" in result.stdout


NO_LEADS = """\
plantrack: 1
id: nolead
title: A plan nobody leads
financial_year: 2026/27
themes:
  - id: T1
    title: Homes
    objectives:
      - id: T1.1
        title: Homes
        actions:
          - id: A1
            title: Repairs
            due: Q3 26/27
"""


def test_a_plan_with_no_leads_gets_no_no_lead_return(cli, plan_repo):
    (plan_repo / "plans" / "housing.yaml").unlink()
    (plan_repo / "plans" / "nolead.yaml").write_text(NO_LEADS)
    result = cli("request", "--quarter", QUARTER)
    assert result.exit_code == 1
    assert "plans/nolead.yaml:12:1: warning PT520: nolead:A1 has no lead" in result.stderr
    assert "add 'lead:' to it, or to its objective or theme" in result.stderr
    assert "no return written" in result.stderr
    assert not (plan_repo / "returns").exists()


def test_items_without_a_lead_are_named_and_the_rest_written(cli, plan_repo):
    (plan_repo / "plans" / "nolead.yaml").write_text(NO_LEADS)
    result = cli("request", "--quarter", QUARTER)
    assert result.exit_code == 0, result.output
    assert "warning PT520: nolead:A1 has no lead" in result.stderr
    names = sorted(p.name for p in (plan_repo / "returns" / FOLDER).iterdir())
    assert names == ["head-of-communities.xlsx", "head-of-finance.xlsx", "head-of-housing.xlsx"]
    by_directorate = cli("request", "-q", QUARTER, "--by", "directorate", "-o", "d", "-n")
    assert "nolead:A1 has no directorate" in by_directorate.stderr


def test_a_refused_overwrite_still_names_the_items_nobody_is_asked_about(cli, plan_repo):
    """The warnings come before the refusal: the refusal is not the only thing said."""
    (plan_repo / "plans" / "nolead.yaml").write_text(NO_LEADS)
    assert cli("request", "--quarter", QUARTER).exit_code == 0
    again = cli("request", "--quarter", QUARTER)
    assert again.exit_code == 1 and "already in" in again.stderr
    warning = again.stderr.index("warning PT520: nolead:A1 has no lead")
    assert warning < again.stderr.index("plantrack: error:")
    assert "give --force to overwrite" in again.stderr


@pytest.mark.parametrize("suffix", [".ods", ".xls", ".numbers"])
def test_a_return_saved_as_ods_is_refused_with_how_to_save_it_and_chased_as_unreadable(
    cli, plan_repo, suffix
):
    assert cli("request", "--quarter", QUARTER).exit_code == 0
    folder = plan_repo / "returns" / FOLDER
    saved = folder / f"head-of-finance{suffix}"
    (folder / "head-of-finance.xlsx").rename(saved)
    result = cli("collect", saved)
    assert result.exit_code == 1
    assert f"{saved}: error PT505: plantrack reads .xlsx and .csv returns" in result.stderr
    assert "as .xlsx" in result.stderr
    chased = cli("chase", "-q", QUARTER, "--format", "csv").stdout.splitlines()
    assert f"Head of Finance,unreadable,0,1,returns/{FOLDER}/head-of-finance{suffix}" in chased
