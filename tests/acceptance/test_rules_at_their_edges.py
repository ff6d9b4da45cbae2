"""Rules at the exact day they turn, through the commands users run.

Each test here was written against a one-line bug that the rest of the suite let
through: an overdue rule with ``<=`` for ``<`` (in ``overdue`` or the copy behind
``summary``), the stale-status warning a day off, internal errors exiting 1, a
report cache that forgets which day it is. They go through the CLI, not the
functions, so they hold whatever the modules behind the commands are called.
Dates are literals: a test that computes its expectation from the code's own
constants would follow a wrong constant.
"""

from __future__ import annotations

import json

import pytest

from conftest import dedent

# Day D is PLANTRACK_TODAY (2026-11-23, set by the cli fixture) unless a test moves it.
EDGE_PLAN = """\
plantrack: 1
id: edge
title: Edge plan
financial_year: 2026/27
themes:
  - id: T1
    title: Theme
    lead: Head of Service
    objectives:
      - id: T1.1
        title: Objective
        actions:
          - id: T1.1.a
            title: Due on day D
            due: 2026-11-23
            status: on track
          - id: T1.1.b
            title: Due the day before D
            due: 2026-11-22
            status: on track
          - id: T1.1.c
            title: Done, due the day before D
            due: 2026-11-22
            status: completed
"""


@pytest.fixture
def edge(plans_dir):
    (plans_dir / "edge.yaml").write_text(EDGE_PLAN, encoding="utf-8")
    return plans_dir


def overdue_ids(cli, folder, *args) -> list[str]:
    result = cli("overdue", "--plans", folder, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return sorted(row["id"] for row in json.loads(result.stdout))


def summary_overdue(cli, folder, *args) -> int:
    result = cli("summary", "--plans", folder, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return data["total"]["overdue"]


def test_due_on_day_d_is_not_overdue_and_the_day_before_is(cli, edge):
    assert overdue_ids(cli, edge) == ["T1.1.b"]
    assert overdue_ids(cli, edge, "--as-of", "2026-11-22") == []
    assert overdue_ids(cli, edge, "--as-of", "2026-11-24") == ["T1.1.a", "T1.1.b"]


def test_summary_counts_overdue_by_the_same_rule(cli, edge):
    assert summary_overdue(cli, edge) == 1


def test_the_last_day_of_a_quarter_is_on_time_for_that_quarter(cli, plans_dir):
    """--quarter Q means as at the day after Q ends: due on its last day is one day
    late then, and due the day after is not late at all."""
    plan = EDGE_PLAN.replace("2026-11-23", "2026-04-01").replace("2026-11-22", "2026-03-31")
    (plans_dir / "edge.yaml").write_text(plan, encoding="utf-8")
    assert overdue_ids(cli, plans_dir, "--quarter", "Q4-25/26") == ["T1.1.b"]
    assert summary_overdue(cli, plans_dir, "--quarter", "Q4-25/26") == 1
    assert overdue_ids(cli, plans_dir, "--quarter", "Q3-25/26") == []
    assert summary_overdue(cli, plans_dir, "--quarter", "Q3-25/26") == 0


# --- the stale-status warning (PT301) --------------------------------------------------
# "on track" but the deadline passed more than a quarter (92 days) before the plan's
# as_of. Deadline 2026-03-31: as_of 2026-07-01 is 92 days on (not stale), 2026-07-02 is 93.


def stale_warnings(cli, plans_dir, as_of: str, status: str = "on track") -> list[str]:
    text = dedent(
        f"""
        plantrack: 1
        id: stale
        title: Stale plan
        financial_year: 2025/26
        as_of: {as_of}
        themes:
          - id: T1
            title: Theme
            lead: Head of Service
            objectives:
              - id: T1.1
                title: Objective
                actions:
                  - id: T1.1.a
                    title: Due at the end of March
                    due: 2026-03-31
                    status: {status}
        """
    )
    (plans_dir / "stale.yaml").write_text(text, encoding="utf-8")
    result = cli("validate", plans_dir)
    assert result.exit_code == 0, result.output  # a warning does not fail validate
    return [line for line in result.stdout.splitlines() if "PT301" in line]


def test_on_track_turns_stale_on_the_93rd_day_after_the_deadline(cli, plans_dir):
    assert stale_warnings(cli, plans_dir, "2026-07-01") == []
    (warning,) = stale_warnings(cli, plans_dir, "2026-07-02")
    assert (
        "stale.yaml:17:21: warning PT301" in warning
        and "2026-03-31" in warning
        and "2026-07-02" in warning
    )


@pytest.mark.parametrize("status", ["behind schedule", "completed", "not started"])
def test_only_on_track_can_look_stale(cli, plans_dir, status):
    assert stale_warnings(cli, plans_dir, "2027-03-31", status) == []


# --- internal errors ------------------------------------------------------------------


def test_an_unexpected_exception_is_an_internal_error_exit_3(cli, monkeypatch):
    """Exit 3 tells a script 'plantrack is broken', apart from 1 (a check failed)."""

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.delenv("PLANTRACK_DEBUG", raising=False)
    monkeypatch.setattr(json, "dumps", broken)  # what every --format json ends in
    result = cli("dates", "Q4 25/26", "--format", "json")
    assert result.exit_code == 3, result.output
    assert "internal error: RuntimeError: boom" in result.stderr


# --- the report cache and day D ---------------------------------------------------------


def test_a_warm_cache_does_not_serve_yesterdays_warnings(plans_dir, private_cache):
    """The future-as_of warning depends on today: the report cache filled yesterday
    must not repeat it today, nor lose it when the day moves back. Through
    ``plantrack.load_rows``, the library's cached load (reports do not print warnings).
    """
    from datetime import date

    import plantrack

    plan = EDGE_PLAN.replace(
        "financial_year: 2026/27", "financial_year: 2026/27\nas_of: 2026-11-24"
    )
    (plans_dir / "edge.yaml").write_text(plan, encoding="utf-8")

    def future_warnings(today: date) -> list[str]:
        workspace = plantrack.load_rows([plans_dir], today)
        return [d.message for d in workspace.diagnostics if d.code == "PT302"]

    assert future_warnings(date(2026, 11, 23)) == ["as_of 2026-11-24 is in the future"]
    assert any(private_cache.iterdir())  # the cache is warm from here on
    assert future_warnings(date(2026, 11, 24)) == []
    assert future_warnings(date(2026, 11, 23)) == ["as_of 2026-11-24 is in the future"]


# --- two-digit years (found by `make mutate`: the pivot was untested) -------------------


@pytest.mark.parametrize(
    ("written", "deadline"),
    [("Q4 69/70", "2070-03-31"), ("Q4 70/71", "1971-03-31"), ("Q4 99/00", "2000-03-31")],
)
def test_two_digit_years_below_70_are_this_century(cli, written, deadline):
    result = cli("dates", written, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["deadline"] == deadline
