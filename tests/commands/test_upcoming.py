"""``plantrack upcoming``: trackables whose deadline falls in a quarter (default: the
current one) and that are not done."""

from __future__ import annotations

import json

from conftest import MINIMAL_PLAN


def upcoming_ids(cli, plans_dir, *args) -> list[str]:
    result = cli("upcoming", "--plans", plans_dir, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)]


def test_the_current_quarter_by_default(cli, write_plan, plans_dir):
    write_plan()
    # Today is 23 November 2026: Q3 2026/27, which holds October 2026.
    assert upcoming_ids(cli, plans_dir) == ["T1.1.b-2"]
    assert upcoming_ids(cli, plans_dir, "--quarter", "Q3-26/27") == ["T1.1.b-2"]


def test_a_done_trackable_is_not_upcoming(cli, write_plan, plans_dir):
    write_plan()
    assert upcoming_ids(cli, plans_dir, "--quarter", "Q2-26/27") == []  # July: completed
    write_plan(MINIMAL_PLAN.replace("status: completed", "status: on track"))
    assert upcoming_ids(cli, plans_dir, "--quarter", "Q2-26/27") == ["T1.1.b-1"]


def test_next_is_the_quarter_after(cli, write_plan, plans_dir):
    write_plan()
    assert upcoming_ids(cli, plans_dir, "--quarter", "Q3-25/26", "--next") == ["T1.1.a"]
    assert upcoming_ids(cli, plans_dir, "--next") == []  # Q4 2026/27: nothing falls due


def test_the_table_names_the_quarter_and_counts(cli, write_plan, plans_dir):
    write_plan()
    shown = cli("upcoming", "--plans", plans_dir, "--quarter", "Q4-25/26").stdout
    assert shown.startswith("Due in Q4-25/26: 1") and "T1.1.a" in shown
    assert "T1.1.b-2" not in shown
