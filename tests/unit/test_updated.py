"""``plantrack.git.updated``: the day each trackable was last updated, from as_of and git."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN
from gitkit import commit_plan, git, needs_git
from plantrack.git import dotgit, gitlog, updated
from plantrack.workspace import load_rows

pytestmark = needs_git

PLAN = "plans/demo.yaml"


def commit(repo: Path, when: str, edits: dict[str, str] | None = None, path: str = PLAN) -> None:
    commit_plan(repo, when, edits, path=path)


def dates_of(repo: Path) -> dict[str, date | None]:
    rows = load_rows(repo / "plans", use_cache=False).rows
    return {item: day for (_, item), day in updated.updated_dates(repo / "plans", rows).items()}


@pytest.fixture
def repo(tmp_path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "2025-05-10T10:00:00+01:00")
    return tmp_path


def test_each_row_takes_the_last_commit_that_changed_a_watched_key(repo):
    commit(repo, "2025-08-15T10:00:00+01:00", {"status: on track": "status: behind"})
    commit(repo, "2025-09-01T10:00:00+01:00", {"title: Venue agreed": "title: Venue booked"})
    commit(repo, "2025-10-02T10:00:00+01:00", {"rationale: Venue booking delayed.": "rationale: x"})
    found = dates_of(repo)
    assert found["T1.1.a"] == date(2025, 8, 15)  # its status changed
    assert found["T1.1.b-1"] == date(2025, 5, 10)  # only its title changed: not an update
    # b-2 has no status of its own: its action's status and rationale are what it reports
    assert found["T1.1.b-2"] == date(2025, 10, 2)


def test_due_and_as_of_count_and_as_of_wins_when_later(repo):
    commit(repo, "2025-06-01T10:00:00+01:00", {"due: Q4 25/26": "due: Q1 26/27"})
    found = dates_of(repo)
    assert found["T1.1.a"] == date(2025, 6, 1)
    commit(
        repo,
        "2025-07-01T10:00:00+01:00",
        {"due: Q1 26/27\n": "due: Q1 26/27\n            as_of: 2025-12-24\n"},
    )
    assert dates_of(repo)["T1.1.a"] == date(2025, 12, 24)  # its own as_of is later


def test_the_committers_day_is_the_day(repo):
    commit(repo, "2025-09-30T23:30:00+01:00", {"status: on track": "status: behind"})
    assert dates_of(repo)["T1.1.a"] == date(2025, 9, 30)


def test_a_plan_moved_to_another_file_keeps_its_dates(repo):
    git(repo, "mv", PLAN, "plans/moved.yaml")
    git(repo, "commit", "-q", "-m", "move", when="2026-01-05T10:00:00+00:00")
    assert dates_of(repo)["T1.1.a"] == date(2025, 5, 10)


def test_outside_git_as_of_alone(tmp_path):
    (tmp_path / "plans").mkdir()
    text = MINIMAL_PLAN.replace(
        "financial_year: 2025/26\n", "financial_year: 2025/26\nas_of: 2025-11-01\n"
    )
    (tmp_path / "plans" / "demo.yaml").write_text(text)
    assert dotgit.find_head(tmp_path / "plans") == dotgit.OUTSIDE
    assert set(dates_of(tmp_path).values()) == {date(2025, 11, 1)}


def test_a_second_ask_at_the_same_commit_runs_no_git(repo, monkeypatch):
    first = dates_of(repo)

    def no_git(*args, **kwargs):
        raise AssertionError("git was run")

    monkeypatch.setattr(gitlog, "run_git", no_git)
    monkeypatch.setattr(subprocess, "run", no_git)
    assert dates_of(repo) == first


def test_a_new_commit_is_seen(repo):
    dates_of(repo)  # kept under the first commit
    commit(repo, "2026-02-02T10:00:00+00:00", {"status: on track": "status: completed"})
    assert dates_of(repo)["T1.1.a"] == date(2026, 2, 2)


def test_head_is_read_from_git_files_as_git_reads_it(repo):
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert dotgit.find_head(repo / "plans") == (str(repo), sha)
    git(repo, "pack-refs", "--all")  # the branch now lives in packed-refs only
    assert dotgit.find_head(repo / "plans") == (str(repo), sha)
    git(repo, "checkout", "-q", "--detach")
    assert dotgit.find_head(repo / "plans") == (str(repo), sha)
    worktree = repo.parent / f"{repo.name}-wt"
    git(repo, "worktree", "add", "-q", str(worktree), "-b", "other")
    assert dotgit.find_head(worktree / "plans") == (str(worktree), sha)


def test_a_repository_with_no_commit_is_as_of_alone(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "demo.yaml").write_text(MINIMAL_PLAN)
    assert dotgit.find_head(tmp_path) == (str(tmp_path), None)
    assert set(dates_of(tmp_path).values()) == {None}
