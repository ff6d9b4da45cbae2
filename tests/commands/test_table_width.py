"""Tables at 80 columns never lose data (issue 20, item 5): ids, dates and numbers
whole, titles wrapped, all-empty columns dropped, a left-out column said so; and the
global options accepted after the command."""

from __future__ import annotations

import json

import pytest

from conftest import MINIMAL_PLAN, ROOT, unwrapped

PLANS = ROOT / "plans"


@pytest.fixture
def narrow(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--quarter", "Q3-26/27"],
        ["upcoming", "--quarter", "Q4-26/27"],
        ["list"],
    ],
)
def test_every_id_and_number_whole_and_no_line_wider_than_80(cli, narrow, args):
    table = cli(*args, "--plans", PLANS).stdout
    rows = json.loads(cli(*args, "--plans", PLANS, "--format", "json").stdout)
    lines = table.splitlines()
    assert max(map(len, lines)) <= 80
    words = {word for line in lines for word in line.split()}
    assert "…" not in table
    for row in rows:
        assert row["id"] in words, row["id"]
        if "days_overdue" in row:
            assert str(row["days_overdue"]) in words


def test_a_column_left_out_for_width_is_named(cli, narrow):
    out = cli("overdue", "--plans", PLANS, "--quarter", "Q3-26/27", "--all").stdout
    assert "Lead" not in out.splitlines()[1]
    assert "Due, Lead and Plan left out to fit 80 columns" in unwrapped(out)


def test_nothing_is_left_out_when_the_terminal_is_wide(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    out = cli("overdue", "--plans", PLANS, "--quarter", "Q3-26/27").stdout
    assert "left out" not in out and "Lead" in out.splitlines()[1]


def test_a_column_empty_in_every_row_is_dropped(cli, write_plan, plans_dir, narrow):
    write_plan(MINIMAL_PLAN.replace("            status: on track\n", ""))
    header = cli("overdue", "--plans", plans_dir, "--quarter", "Q4-25/26").stdout.splitlines()[1]
    assert "Status" not in header and "Days" in header
    with_status = cli("list", "--plans", plans_dir).stdout.splitlines()[1]
    assert "Status" in with_status


@pytest.mark.parametrize("flag", ["--no-color", "--debug"])
def test_global_options_after_the_command(cli, write_plan, plans_dir, flag):
    write_plan()
    before = cli(flag, "summary", "--plans", plans_dir)
    after = cli("summary", "--plans", plans_dir, flag)
    assert after.exit_code == 0 and after.stdout == before.stdout


def test_a_global_flag_after_double_dash_is_an_argument(cli):
    result = cli("dates", "--", "--debug")
    assert "--debug" in result.stdout and result.exit_code == 1
