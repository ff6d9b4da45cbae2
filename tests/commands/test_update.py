"""``plantrack update``: what the command says it changed, and a refusal's exit code (the
edits themselves: unit/test_update.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data" / "edit"


@pytest.fixture
def plan_file(tmp_path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    target = folder / "golden.yaml"
    shutil.copy(DATA / "before.yaml", target)
    return target


def test_update_command_reports_the_change(cli, plan_file):
    result = cli("update", "R13", "--status", "completed", "--plans", plan_file)
    assert result.exit_code == 0
    assert "R13 status Behind schedule → completed" in result.stdout
    refused = cli("update", "R13", "--status", "nearly", "--plans", plan_file)
    assert refused.exit_code == 2 and "unknown status" in refused.stderr
