"""``changes.py``: what changed between two revisions, in plan terms, over real git
repositories (the command: commands/test_diff.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN
from gitkit import commit_edit, demo_repo, git, needs_git
from plantrack.git.changes import diff

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path) -> Path:
    return demo_repo(tmp_path)


def test_diff_names_status_due_and_added_items(repo):
    commit_edit(repo, "status: behind schedule", "status: Completed", "Summit done")
    commit_edit(repo, "due: October 2026", "due: January 2027", "Invitations slipped")
    commit_edit(
        repo,
        "              - id: T1.1.b-2",
        "              - id: T1.1.b-3\n                title: Follow-up\n"
        "                due: March 2027\n              - id: T1.1.b-2",
        "Add a step",
    )
    changes = {(c.id, c.change): c for c in diff("HEAD~3", "HEAD", str(repo / "plans"))}
    status = changes[("T1.1.b", "status")]
    assert (status.old, status.new) == ("behind", "completed")
    due = changes[("T1.1.b-2", "due")]
    assert (due.old, due.new) == ("October 2026", "January 2027")
    assert due.detail == "+92 days, 1 quarter later"
    assert ("T1.1.b-3", "added") in changes
    assert len(changes) == 3


def test_diff_default_is_head_against_the_working_tree(repo):
    path = repo / "plans" / "demo.yaml"
    path.write_text(path.read_text().replace("status: on track", "status: red"))
    [change] = diff(None, None, str(repo / "plans"))
    assert (change.id, change.change, change.old, change.new) == (
        "T1.1.a",
        "status",
        "on-track",
        "off-track",
    )


def test_diff_reports_removed_moved_and_unreadable(repo):
    path = repo / "plans" / "demo.yaml"
    (repo / "plans" / "broken.yaml").write_text("id: a\nid: b\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Broken file")
    path.write_text(
        path.read_text().replace(
            "              - id: T1.1.b-2\n                title: Invitations sent\n"
            "                due: October 2026\n",
            "",
        )
    )
    found = diff("HEAD", None, str(repo / "plans"))
    kinds = sorted(c.change for c in found)
    assert kinds == ["removed", "unreadable", "unreadable"]


def test_a_plan_unreadable_on_one_side_is_not_reported_added(repo):
    """Fixing a broken file is not 'plan added': only the unreadable side is reported."""
    path = repo / "plans" / "demo.yaml"
    fixed = path.read_text()
    path.write_text(fixed.replace("title: Demo plan", "title: Demo plan\ntitle: twice"))
    git(repo, "commit", "-q", "-am", "Broken: duplicate key")
    path.write_text(fixed.replace("status: on track", "status: red"))
    git(repo, "commit", "-q", "-am", "Fixed, and T1.1.a is red")
    found = diff("HEAD~1", "HEAD", str(repo / "plans"))
    assert [(c.change, c.file) for c in found] == [("unreadable", "plans/demo.yaml")]
    assert [(c.id, c.change) for c in diff("HEAD~2", "HEAD", str(repo / "plans"))] == [
        ("T1.1.a", "status")
    ]


def test_triple_dot_compares_with_the_merge_base(repo):
    git(repo, "checkout", "-q", "-b", "update")
    commit_edit(repo, "status: on track", "status: done", "T1.1.a done")
    git(repo, "checkout", "-q", "main")
    commit_edit(repo, "title: Demo plan", "title: Demo plan 2", "Rename on main")
    found = diff("main...update", None, str(repo / "plans"))
    assert [(c.id, c.change) for c in found] == [("T1.1.a", "status")]


def test_diff_reports_moves_and_plan_metadata(repo):
    moved = MINIMAL_PLAN.replace("title: Demo plan", "title: Demo plan, revised").replace(
        "          - id: T1.1.a\n            title: Refresh the reference group\n"
        "            due: Q4 25/26\n            status: on track\n",
        "",
    )
    moved += (
        "      - id: T1.2\n        title: Second objective\n        actions:\n"
        "          - id: T1.1.a\n            title: Refresh the reference group\n"
        "            due: Q4 25/26\n            status: on track\n"
    )
    (repo / "plans" / "demo.yaml").write_text(moved)
    found = {(c.id, c.change): c for c in diff("HEAD", None, str(repo / "plans"))}
    assert (found[("T1.1.a", "moved")].old, found[("T1.1.a", "moved")].new) == ("T1.1", "T1.2")
    assert found[("", "title")].new == "Demo plan, revised"
    assert ("T1.2", "added") in found


def test_the_summary_has_words_for_every_kind_of_change():
    """A kind of change the summary had no words for would be counted and never said."""
    from plantrack.git.changes import SUMMARY_WORDS, TRACKED_KEYS, Change, summarise

    keys = [key for key, _, _ in SUMMARY_WORDS]
    kinds = {*TRACKED_KEYS, "added", "removed", "moved", "unreadable", "plan", "as_of_only"}
    kinds |= {"plan_added", "plan_removed"}
    assert set(keys) == kinds and len(keys) == len(kinds)
    changes = [
        Change("p", "a", "action", "as_of", None, "2026-01-05"),
        Change("p", "b", "action", "status", "behind", "completed"),
        Change("p", "b", "action", "as_of", None, "2026-01-05"),
        Change("p", "", "plan", "as_of", None, "2026-01-05"),
        Change("p", "", "plan", "title", "Old", "New"),
        Change("q", "", "plan", "added", None, "A new plan"),
        Change("r", "", "plan", "removed", "An old plan", None),
        Change("", "", "file", "unreadable", None, None, "at HEAD: bad", "x.yaml"),
    ]
    summary = summarise(changes)
    assert summary.sentence == (
        "1 status change, 1 as_of-only update, 1 as_of change beside another, "
        "1 plan added, 1 plan removed, 2 changes to plans' own keys, 1 unreadable file"
    )
