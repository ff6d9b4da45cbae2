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
    assert data[0]["old"] == "behind" and data[0]["new"] == "completed"


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
    assert sorted(c["plan"] for c in json.loads(result.stdout)) == ["demo", "other"]
