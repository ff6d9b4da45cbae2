"""``plantrack.usecases.review``: what ``diff`` answers, as a library caller gets it."""

from __future__ import annotations

from gitkit import commit_edit, demo_repo, needs_git
from plantrack.usecases.review import baselines_kept, changes_between

pytestmark = needs_git


def test_changes_read_the_configured_plans_by_default(tmp_path, monkeypatch):
    repo = demo_repo(tmp_path)
    commit_edit(repo, "status: on track", "status: behind", "worse")
    monkeypatch.chdir(repo)
    listed = changes_between("HEAD~1", "HEAD", None, with_as_of=False)
    assert [(c.id, c.change) for c in listed.changes] == [("T1.1.a", "status")]
    assert listed.hidden == 0
    monkeypatch.setenv("PLANTRACK_PLANS", "elsewhere")
    assert changes_between("HEAD~1", "HEAD", None, with_as_of=False).changes == []


def test_baselines_kept_finds_a_worse_status_without_a_new_rationale(tmp_path, monkeypatch):
    repo = demo_repo(tmp_path)
    commit_edit(repo, "status: on track", "status: behind", "worse, no reason")
    monkeypatch.chdir(repo)
    report = baselines_kept("HEAD~1", "HEAD", ["plans"])
    assert report.exit_code == 1
    assert any("rationale" in d.message for d in report.diagnostics)
