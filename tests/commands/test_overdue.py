"""``plantrack overdue``: every format parsed back, its options, bad values and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import MINIMAL_PLAN


def test_overdue_json_values(cli, folder):
    rows = json.loads(
        cli(
            "overdue",
            "--plans",
            folder,
            "--quarter",
            "Q4-25/26",
            "--plan",
            "edge",
            "--format",
            "json",
        ).stdout
    )
    assert [(r["id"], r["days_overdue"], r["deadline"]) for r in rows] == [
        ("B2", 366, "2025-03-31"),
        ("A6", 91, "2025-12-31"),
        ("A7", 91, "2025-12-31"),
        ("A1", 1, "2026-03-31"),
    ]
    first = rows[1]
    assert first["status"] == "off-track" and first["lead"] == ["Bob"]
    assert first["theme"] == "T1" and first["objective"] == "O1" and first["kind"] == "action"
    assert first["file"].endswith("edge.yaml") and first["line"] == 19


def test_overdue_csv_and_markdown(cli, folder):
    text = cli(
        "overdue", "--plans", folder, "--as-of", "2026-04-01", "--plan", "edge", "--format", "csv"
    ).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["B2", "A6", "A7", "A1"]
    assert rows[3]["days_overdue"] == "1" and rows[0]["lead"] == "Carol"
    markdown = cli(
        "overdue",
        "--plans",
        folder,
        "--as-of",
        "2026-04-01",
        "--plan",
        "edge",
        "--format",
        "markdown",
    ).stdout.splitlines()
    table = [line for line in markdown if line.startswith("|")]
    assert table[0].startswith("| Fell due | Plan | Id | Title |")
    assert table[1].startswith("| :--- |")
    assert len(table) == 2 + 4 and "| A6 | Red and late | off-track | 91 |" in table[3]


def test_overdue_table_groups_by_quarter(cli, folder):
    result = cli("overdue", "--plans", folder, "--quarter", "Q4 2025/26", "--plan", "edge")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Overdue as at the close of Q4 2025/26: 4"
    body = result.stdout.split("\n", 1)[1]
    assert body.index("Q4 2024/25") < body.index("Q3 2025/26") < body.index("Q4 2025/26")
    assert body.count("Q3 2025/26") == 1  # the quarter is written once per group


def test_overdue_exit_code_option(cli, folder):
    assert cli("overdue", "--plans", folder, "--as-of", "2026-04-01", "--exit-code").exit_code == 1
    assert cli("overdue", "--plans", folder, "--as-of", "2020-01-01", "--exit-code").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--quarter", "Q5-25/26"],
        ["--as-of", "31/03/2026"],
        ["--quarter", "Q4 2025"],
        ["--quarter", "Q4 25/26", "--as-of", "2026-01-01"],
        ["--status", "nearly"],
        ["--plan", "nope"],
        ["--format", "pdf"],
    ],
)
def test_bad_options_are_usage_errors(cli, folder, args):
    result = cli("overdue", "--plans", folder, *args)
    # In-process an escaping exception would fail the test itself (catch_exceptions=False);
    # what matters here is the exit code and a message naming the option.
    assert result.exit_code == 2
    assert args[0] in result.stderr


def test_bad_quarter_lists_the_accepted_forms(cli, folder):
    result = cli("overdue", "--plans", folder, "--quarter", "Q5-25/26")
    assert "Q4-25/26" in result.stderr and "Q4 2025/26" in result.stderr


CALENDAR_YEAR_PLAN = (
    MINIMAL_PLAN.replace("id: demo", "id: calendar")
    .replace("financial_year: 2025/26", "financial_year: 2026\nyear_start: January")
    .replace("due: Q4 25/26", "due: Q1 2026")
    .replace("due: Q3 26/27", "due: Q4 2026")
)


def test_quarter_option_in_a_plan_whose_year_is_the_calendar_year(cli, plans_dir):
    """--quarter is read in each plan's own calendar, January start included
    (docs/reference/plan-format.md, Overdue)."""
    (plans_dir / "calendar.yaml").write_text(CALENDAR_YEAR_PLAN.replace("Q2 26/27", "Q3 2026"))
    base = ("--plans", plans_dir, "--format", "json")
    overdue = json.loads(cli("overdue", *base, "--quarter", "Q1 2026").stdout)
    assert [row["id"] for row in overdue] == ["T1.1.a"]
    upcoming = json.loads(cli("upcoming", *base, "--quarter", "Q4 2026").stdout)
    assert [row["id"] for row in upcoming] == ["T1.1.b-2"]  # October 2026
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)  # an April plan beside it
    mixed = cli("overdue", *base, "--quarter", "Q1 2026")
    assert mixed.exit_code == 2 and "ambiguous" in mixed.stderr
    assert "year starts in April" in mixed.stderr and "--plan" in mixed.stderr
    narrowed = cli("overdue", *base, "--quarter", "Q1 2026", "--plan", "calendar")
    assert [row["id"] for row in json.loads(narrowed.stdout)] == ["T1.1.a"]
