"""Recurring targets: a quarterly trackable is overdue when the latest quarter due before
D was not met, that is, the trackable was not updated (as_of, or a commit changing its
status, rationale, due or as_of) on or after that quarter's first day."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN
from gitkit import commit_plan, git, needs_git

pytestmark = needs_git

# The demo plan's theme and objective, with two recurring actions of its own.
PLAN = (
    MINIMAL_PLAN[: MINIMAL_PLAN.index("          - id: T1.1.a")]
    + """\
          - id: T1.1.a
            title: Report progress to the board
            due: Quarterly
            status: on track
          - id: T1.1.b
            title: Publish the annual equality report
            due: March (annually)
            status: on track
"""
)


def commit(repo: Path, when: str, edits: dict[str, str] | None = None) -> None:
    commit_plan(repo, when, edits, first=PLAN)


@pytest.fixture
def repo(tmp_path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    commit(tmp_path, "2025-05-10T10:00:00+01:00")  # in Q1 2025/26
    return tmp_path


def late(cli, repo: Path, *args: str) -> dict[str, dict]:
    result = cli("overdue", "--plans", repo / "plans", "--all", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.output)}


def test_met_when_updated_in_the_quarter_missed_when_not(cli, repo):
    assert late(cli, repo, "--quarter", "Q1 25/26") == {}  # updated in May: Q1 met
    found = late(cli, repo, "--quarter", "Q2 25/26")
    row = found["T1.1.a"]  # not updated since May: Q2 missed
    assert (row["occurrence"], row["quarter"], row["deadline"]) == (
        "Q2 2025/26",
        "Q2 2025/26",
        "2025-09-30",
    )
    assert row["days_overdue"] == 1  # from the occurrence's deadline, not the last one's
    assert "T1.1.b" not in found  # its one occurrence, March 2026, is not due yet


def test_the_quarters_first_day_meets_it_and_the_day_before_does_not(cli, repo):
    commit(repo, "2025-06-30T18:00:00+01:00", {"status: on track": "status: behind"})
    assert "T1.1.a" in late(cli, repo, "--quarter", "Q2 25/26")  # 30 June is Q1
    commit(repo, "2025-07-01T09:00:00+01:00", {"status: behind": "status: on track"})
    assert "T1.1.a" not in late(cli, repo, "--quarter", "Q2 25/26")  # Q2's first day


def test_day_d_picks_the_latest_occurrence_due_before_it(cli, repo):
    assert "T1.1.a" not in late(cli, repo, "--as-of", "2025-09-30")  # Q1 is the latest: met
    assert "T1.1.a" in late(cli, repo, "--as-of", "2025-10-01")  # Q2 now due: missed


def test_an_annual_occurrence_and_a_done_status(cli, repo):
    found = late(cli, repo, "--as-of", "2026-04-01")
    assert found["T1.1.b"]["occurrence"] == "March 2026"
    commit(repo, "2025-08-01T09:00:00+01:00", {"status: on track\n": "status: completed\n"})
    assert "T1.1.a" not in late(cli, repo, "--as-of", "2026-04-01")  # done: never overdue


def test_outside_git_as_of_decides(cli, tmp_path):
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "demo.yaml"
    plan.write_text(PLAN.replace("title: Demo plan\n", "title: Demo plan\nas_of: 2025-07-01\n"))
    assert "T1.1.a" not in late(cli, tmp_path, "--quarter", "Q2 25/26")
    assert "T1.1.a" in late(cli, tmp_path, "--quarter", "Q3 25/26")
    plan.write_text(PLAN)  # no as_of, no git: never updated, so every occurrence is missed
    assert "T1.1.a" in late(cli, tmp_path, "--quarter", "Q1 25/26")


def test_a_recurring_target_never_drops_out_of_summary_and_report(cli, repo):
    args = ("--plans", repo / "plans", "--quarter", "Q2 25/26")
    summary = json.loads(cli("summary", *args, "--format", "json").output)
    assert summary["total"]["overdue"] == 1
    paper = cli("report", *args, "--format", "markdown").output
    assert "Quarterly (Q2 2025/26)" in paper


def test_the_table_names_the_occurrence(cli, repo):
    result = cli("overdue", "--plans", repo / "plans", "--quarter", "Q2 25/26")
    assert "Quarterly (Q2 2025/26)" in result.output


def test_a_warm_overdue_runs_no_git(cli, repo, monkeypatch):
    first = late(cli, repo, "--quarter", "Q2 25/26")
    real_run = subprocess.run

    def no_git(args, *rest, **kwargs):
        assert args[0] != "git", "a warm overdue ran git"
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", no_git)
    assert late(cli, repo, "--quarter", "Q2 25/26") == first
