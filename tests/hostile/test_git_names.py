"""Issue 26, item 7: a plan file whose name holds a line break desynchronised
``git cat-file --batch`` (one name a line): ``diff`` then hid another plan's status
change, or called it removed. Such names are read by argument, never as a line."""

from __future__ import annotations

import json

from conftest import MINIMAL_PLAN, posix_only
from gitkit import git, needs_git

ODD = "plan-a\nb.yaml"  # a name git, and any POSIX file system, accepts


@needs_git
@posix_only
def test_a_line_break_in_a_plan_name_hides_no_change(cli, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q")
    plain = repo / "plans" / "plan-d.yaml"
    plain.write_text(MINIMAL_PLAN)
    (repo / "plans" / ODD).write_text(MINIMAL_PLAN.replace("id: demo", "id: odd-name", 1))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "plans")
    plain.write_text(MINIMAL_PLAN.replace("status: on track", "status: off track", 1))
    git(repo, "commit", "-q", "-am", "status")
    monkeypatch.chdir(repo)
    result = cli("diff", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "off" in text and "removed" not in text
    json.loads(text)
