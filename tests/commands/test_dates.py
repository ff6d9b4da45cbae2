"""``plantrack dates``: how each expression is read, and bad options."""

from __future__ import annotations

import json

from conftest import unwrapped


def test_dates_command(cli):
    result = cli(
        "dates",
        "Q4 25/26",
        "Quarter 4",
        "Autumn 2016",
        "by March 2017",
        "Q4 2025",
        "--financial-year",
        "2025/26",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data[0] == {
        "text": "Q4 25/26",
        "start": "2026-01-01",
        "end": "2026-03-31",
        "deadline": "2026-03-31",
        "quarters": ["Q4 2025/26"],
    }
    assert data[3]["start"] is None and data[3]["deadline"] == "2017-03-31"
    assert set(data[4]) == {"text", "error"} and "Q4 2025/26" in data[4]["error"]
    table = cli("dates", "Q1", "--financial-year", "2023/24", "--year-start", "July")
    assert table.exit_code == 0 and "2023-07-01" in table.stdout


def test_dates_explains_recurring_work(cli, monkeypatch):
    """Recurring work: its occurrences in the window written; no deadline without one
    nor a financial year to repeat in."""
    monkeypatch.setenv("COLUMNS", "200")  # the table's words whole, whatever the terminal
    args = ("dates", "Quarterly", "2024-2028 Quarterly", "every September")
    data = json.loads(cli(*args, "--format", "json").stdout)
    assert data[0]["recurrence"] == "quarterly" and data[0]["deadline"] is None
    assert (data[1]["recurrence"], data[1]["deadline"]) == ("quarterly", "2028-03-31")
    assert data[2]["recurrence"] == "every September" and data[2]["start"] is None
    table = cli(*args)
    assert table.exit_code == 0
    assert "recurs quarterly; no year to repeat in" in table.stdout
    assert "recurs every September; no year to repeat in" in table.stdout


def test_dates_refuses_a_bad_financial_year_as_usage(cli):
    result = cli("dates", "Q4 25/26", "--financial-year", "garbage")
    assert result.exit_code == 2
    assert "--financial-year garbage" in result.stderr and "2025/26" in result.stderr


def test_recurring_expressions_list_their_occurrences_in_a_financial_year(cli):
    result = cli("dates", "Quarterly", "March (annually)", "--fy", "2023/24", "--format", "json")
    quarterly, march = json.loads(result.output)
    assert [o["deadline"] for o in quarterly["occurrences"]] == [
        "2023-06-30",
        "2023-09-30",
        "2023-12-31",
        "2024-03-31",
    ]
    assert quarterly["deadline"] == "2024-03-31"  # the last occurrence's
    assert march["occurrences"] == [
        {"start": "2024-03-01", "end": "2024-03-31", "deadline": "2024-03-31"}
    ]
    table = cli("dates", "Quarterly", "--fy", "2023/24").output
    assert "30 Jun 2023, 30 Sep 2023, 31 Dec 2023, 31 Mar 2024" in unwrapped(table)
    without = json.loads(cli("dates", "Quarterly", "--format", "json").output)[0]
    assert (without["occurrences"], without["deadline"]) == ([], None)
    assert "no year to repeat in" in cli("dates", "Quarterly").output


def test_a_bad_year_start_is_refused_by_its_flag_before_any_expression_is_read(cli):
    result = cli("dates", "Q1", "--year-start", "Smarch", "--financial-year", "garbage")
    assert result.exit_code == 2 and "--year-start Smarch:" in result.stderr
    assert "April or July" in result.stderr and "garbage" not in result.stderr
    assert result.stdout == ""
