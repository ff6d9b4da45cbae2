"""``usecases/history.py``: an item at each commit that changed it, renames followed, read
in one batch (the command: commands/test_history.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitkit import commit_edit, demo_repo, git, needs_git
from plantrack.usecases.history import history

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path) -> Path:
    return demo_repo(tmp_path)


def test_history_follows_the_item_over_commits_and_renames(repo):
    commit_edit(repo, "status: behind schedule", "status: on track", "Back on track")
    commit_edit(repo, "title: Demo plan", "title: Demo plan (retitled)", "Unrelated change")
    git(repo, "mv", "plans/demo.yaml", "plans/renamed.yaml")
    git(repo, "commit", "-q", "-m", "Rename")
    path = repo / "plans" / "renamed.yaml"
    path.write_text(
        path.read_text().replace(
            "status: on track\n            rationale", "status: done\n            rationale"
        )
    )
    git(repo, "commit", "-q", "-am", "Summit held")
    rows = history(str(path), "T1.1.b")
    assert [r["status"] for r in rows] == ["behind", "on-track", "completed"]
    assert [r["subject"] for r in rows] == ["Add the demo plan", "Back on track", "Summit held"]
    assert rows[-1]["changed"] == ["status"] and rows[0]["author"] == "Ada"


def test_history_of_200_commits_reads_in_one_batch(repo, monkeypatch):
    path = repo / "plans" / "demo.yaml"
    base = path.read_text()
    for number in range(1, 201):
        path.write_text(base.replace("Venue booking delayed.", f"Update {number}."))
        git(repo, "commit", "-q", "-am", f"Update {number}")
    import plantrack.git.gitlog as gitlog

    calls = []
    real = gitlog.run_git
    monkeypatch.setattr(
        gitlog, "run_git", lambda args, *a, **k: calls.append(args[0]) or real(args, *a, **k)
    )
    rows = history(str(path), "T1.1.b")
    assert len(rows) == 201
    assert calls.count("cat-file") == 1 and calls.count("log") == 1
