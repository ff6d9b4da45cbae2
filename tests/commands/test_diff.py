"""``plantrack diff`` over real git repositories made in the test: formats, revisions,
every --plans path (``--check``: test_diff_check.py; the changes: unit/test_changes.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN
from gitkit import commit_edit, demo_repo, git, needs_git
from plantrack.errors import PlantrackError
from plantrack.git.changes import diff

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path) -> Path:
    return demo_repo(tmp_path)


def test_bad_revision_is_a_usage_error(repo, cli):
    with pytest.raises(PlantrackError) as caught:
        diff("nope", None, str(repo / "plans"))
    assert caught.value.exit_code == 2
    result = cli("diff", "nope", "--plans", repo / "plans")
    assert result.exit_code == 2 and "unknown revision 'nope'" in result.stderr


def test_not_a_repository(tmp_path, cli, write_plan, plans_dir):
    write_plan()
    result = cli("diff", "--plans", plans_dir)
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_diff_command_formats(repo, cli):
    commit_edit(repo, "status: behind schedule", "status: Completed", "Summit done")
    table = cli("diff", "HEAD~1", "HEAD", "--plans", repo / "plans")
    assert "demo:T1.1.b: status behind → completed" in table.stdout
    markdown = cli("diff", "HEAD~1", "HEAD", "--plans", repo / "plans", "--format", "markdown")
    assert markdown.stdout.startswith("### Plan changes: 1")
    assert "| demo | T1.1.b | status | behind | completed |" in markdown.stdout
    data = json.loads(
        cli("diff", "HEAD~1", "HEAD", "--plans", repo / "plans", "--format", "json").stdout
    )
    assert data["changes"][0]["old"] == "behind" and data["changes"][0]["new"] == "completed"


def test_diff_reads_every_plans_path_given(repo, cli):
    """--plans means every path given, in diff as in every other command."""
    (repo / "more").mkdir()
    (repo / "more" / "other.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: other"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "A second folder")
    for folder in ("plans", "more"):
        path = repo / folder / ("demo.yaml" if folder == "plans" else "other.yaml")
        path.write_text(path.read_text().replace("status: on track", "status: red"))
    result = cli("diff", "--plans", repo / "plans", "--plans", repo / "more", "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(c["plan"] for c in json.loads(result.stdout)["changes"]) == ["demo", "other"]


def _quarter_of_answers(repo: Path) -> None:
    """A quarter's review: T1.1.a off track (its as_of beside it), T1.1.b-1 and T1.1.b-2
    confirmed as they were (an as_of each, nothing else), the plan's own as_of, and
    T1.1.b re-dated."""
    path = repo / "plans" / "demo.yaml"
    text = path.read_text()
    text = text.replace("status: on track", "status: off track\n            as_of: 2026-01-05")
    text = text.replace("due: July 2026\n", "due: July 2026\n                as_of: 2026-01-05\n")
    text = text.replace(
        "due: October 2026\n", "due: October 2026\n                as_of: 2026-01-05\n"
    )
    text = text.replace("due: Q3 26/27", "due: Q4 26/27")
    path.write_text(text.replace("title: Demo plan\n", "title: Demo plan\nas_of: 2026-01-05\n"))


def test_diff_leads_with_a_summary_and_counts_as_of_only_updates(repo, cli):
    """Issue 27: each status confirmed wrote an as_of, and diff listed them among the few
    status changes. It leads with a summary; as_of-only updates (of an item, or of the
    plan's own keys) are counted there, not listed, unless --with-as-of."""
    _quarter_of_answers(repo)
    base = ("diff", "--plans", repo / "plans")
    said = "1 status change, 3 as_of-only updates, 1 re-dated, 1 as_of change beside another"
    table = cli(*base)
    lines = table.stdout.splitlines()
    assert lines[0] == said, table.output
    assert lines[1] == "3 as_of-only updates are counted, not listed; --with-as-of lists them"
    assert "demo:T1.1.a: status on-track → off-track" in table.stdout
    assert "demo:T1.1.a: as_of — → 2026-01-05" in table.stdout  # beside its status: listed
    assert "T1.1.b-1" not in table.stdout and "T1.1.b-2" not in table.stdout
    assert "demo: as_of" not in table.stdout
    markdown = cli(*base, "--format", "markdown").stdout
    assert markdown.startswith(f"### Plan changes: {said}\n\n3 as_of-only updates are counted")
    assert markdown.count("| demo |") == 3 and "T1.1.b-2" not in markdown
    data = json.loads(cli(*base, "--format", "json").stdout)
    assert data["sentence"] == said and data["as_of_only_listed"] is False
    assert data["counts"] == {"status": 1, "as_of_only": 3, "due": 1, "as_of": 1}
    assert {(c["id"], c["change"]) for c in data["changes"]} == {
        ("T1.1.a", "status"),
        ("T1.1.a", "as_of"),
        ("T1.1.b", "due"),
    }
    # --with-as-of lists them too; the summary is the same.
    everything = cli(*base, "--with-as-of")
    assert everything.stdout.splitlines()[0] == said and "not listed" not in everything.stdout
    for line in ("demo:T1.1.b-1: as_of", "demo:T1.1.b-2: as_of", "demo: as_of — → 2026-01-05"):
        assert line in everything.stdout
    listed = json.loads(cli(*base, "--with-as-of", "--format", "json").stdout)
    assert len(listed["changes"]) == 6 and listed["as_of_only_listed"] is True


def test_no_changes_say_so_in_every_format(repo, cli):
    base = ("diff", "--plans", repo / "plans")
    assert cli(*base).stdout == "no changes to plans\n"
    assert cli(*base, "--format", "markdown").stdout == "### Plan changes: no changes to plans\n"
    data = json.loads(cli(*base, "--format", "json").stdout)
    assert data == {
        "sentence": "no changes to plans",
        "counts": {},
        "as_of_only_listed": True,
        "changes": [],
    }
