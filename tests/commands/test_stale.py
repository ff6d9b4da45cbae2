"""``--stale``: trackables not done and not updated since the first day of the quarter
reported on, the update day read from as_of and git (docs/reference/plan-format.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, unwrapped
from gitkit import commit_plan, git, needs_git

pytestmark = needs_git

# Today is 23 November 2026: Q3 2026/27, whose first day is 1 October 2026.
PLAN = MINIMAL_PLAN.replace("financial_year: 2025/26", "financial_year: 2026/27")


def commit(repo: Path, when: str, edits: dict[str, str] | None = None) -> None:
    commit_plan(repo, when, edits, first=PLAN)


@pytest.fixture
def repo(tmp_path) -> Path:
    """a: status changed on 30 September (Q2); b and its milestones: on 1 October (Q3's
    first day); b-1 is done."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    commit(tmp_path, "2026-06-01T10:00:00+01:00")
    commit(tmp_path, "2026-09-30T18:00:00+01:00", {"status: on track": "status: behind"})
    commit(tmp_path, "2026-10-01T09:00:00+01:00", {"Venue booking delayed.": "Venue found."})
    return tmp_path


def ids(cli, repo: Path, command: str, *args: str) -> list[str]:
    result = cli(command, "--plans", repo / "plans", "--stale", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.output)]


def test_stale_at_a_quarters_first_day(cli, repo):
    # updated on 30 September: stale in Q3; updated on 1 October (Q3's first day): not
    assert ids(cli, repo, "list") == ["T1.1.a"]


def test_a_quarter_named_is_the_quarter_reported_on(cli, repo):
    # In Q2 2026/27 (from 1 July) every open row was updated: nothing is stale.
    assert ids(cli, repo, "upcoming", "--quarter", "Q2 26/27") == []
    # In Q4 2026/27 (from 1 January 2027) both open rows are stale; done b-1 never is.
    args = ("--plans", repo / "plans", "--quarter", "Q4 26/27", "--format", "json")
    summary = json.loads(cli("summary", "--stale", *args).output)
    assert (summary["total"]["total"], summary["total"]["done"]) == (2, 0)
    assert json.loads(cli("summary", *args).output)["total"]["total"] == 3


def test_rows_carry_updated_under_stale_and_in_list(cli, repo):
    result = cli(
        "overdue", "--plans", repo / "plans", "--stale", "--format", "json", "--as-of", "2027-04-02"
    )
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert rows["T1.1.a"]["updated"] == "2026-09-30"
    assert set(rows) == {"T1.1.a", "T1.1.b-2"}  # in Q1 2027/28 b-2 is stale too
    listed = json.loads(cli("list", "--plans", repo / "plans", "--format", "json").output)
    assert {row["id"]: row["updated"] for row in listed} == {
        "T1.1.a": "2026-09-30",
        "T1.1.b-1": "2026-06-01",  # its own status: the action's rationale is not its
        "T1.1.b-2": "2026-10-01",  # no status of its own: the action's counts
    }
    plain = json.loads(
        cli(
            "overdue", "--plans", repo / "plans", "--format", "json", "--as-of", "2027-04-02"
        ).output
    )
    assert all("updated" not in row for row in plain)  # not asked for: git is not run


def test_as_of_later_than_the_commit_counts(cli, repo):
    a_title = "title: Refresh the reference group"
    as_of = "\n            as_of: 2026-10-01"  # a's own as_of: Q3's first day
    commit(repo, "2026-09-30T19:00:00+01:00", {a_title: a_title + as_of})
    assert ids(cli, repo, "list") == []  # the commit was on 30 September; as_of is later


def test_outside_git_as_of_alone(cli, tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "demo.yaml").write_text(
        PLAN.replace("financial_year: 2026/27\n", "financial_year: 2026/27\nas_of: 2026-09-30\n")
    )
    assert ids(cli, tmp_path, "list") == ["T1.1.a", "T1.1.b-2"]
    (tmp_path / "plans" / "demo.yaml").write_text(
        PLAN.replace("financial_year: 2026/27\n", "financial_year: 2026/27\nas_of: 2026-10-01\n")
    )
    assert ids(cli, tmp_path, "list") == []


def test_the_table_shows_when_each_was_updated(cli, repo):
    result = cli("list", "--plans", repo / "plans", "--stale")
    assert "Updated" in result.output and "2026-09-30" in result.output


def test_trend_has_no_stale_flag(cli, repo):
    result = cli("trend", "--plans", repo / "plans", "--stale")
    assert result.exit_code == 2
    assert "No such option: --stale" in unwrapped(result.output)


def test_the_tree_is_trimmed_to_the_stale_trackables(cli, repo):
    args = ("list", "--plans", repo / "plans", "--all-levels", "--format", "json")
    everything = cli(*args).output
    assert "T1.1.b-2" in everything
    stale = cli(*args, "--stale").output
    assert "T1.1.a" in stale and "T1.1.b" not in stale  # b and its milestones were updated


def test_the_committee_paper_says_not_updated_since(cli, repo):
    result = cli("report", "--plans", repo / "plans", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = {
        line.split("|")[1].strip(): line for line in result.output.splitlines() if "| T1" in line
    }
    assert "behind (not updated since 30 September 2026)" in lines["T1.1.a"]
    assert "not updated since" not in lines["T1.1.b-2"]  # updated on Q3's first day
    html = cli("report", "--plans", repo / "plans", "--stale", "--quarter", "Q4 26/27").output
    assert "(not updated since 30 September 2026)" in html
    assert "(not updated since 1 October 2026)" in html  # b-2, stale by Q4's first day
