"""``plantrack history``: JSON and the table (reading the history: unit/test_history.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitkit import commit_edit, demo_repo, needs_git

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path) -> Path:
    return demo_repo(tmp_path)


def test_history_command_json_and_table(repo, cli):
    commit_edit(repo, "status: behind schedule", "status: completed", "Done")
    data = json.loads(
        cli("history", "T1.1.b", "--plans", repo / "plans", "--format", "json").stdout
    )
    assert [r["status"] for r in data] == ["behind", "completed"]
    table = cli("history", "demo:T1.1.b", "--plans", repo / "plans")
    assert "completed" in table.stdout and "Done" in table.stdout
    # one table style (issue 20): a rule under the headers, no boxes around cells
    assert not set("│┃┏┌") & set(table.stdout) and "───" in table.stdout
