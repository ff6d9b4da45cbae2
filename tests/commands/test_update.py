"""``plantrack update``: what the command says it changed, and a refusal's exit code (the
edits themselves: unit/test_update.py)."""

from __future__ import annotations


def test_update_command_reports_the_change(cli, golden_plan):
    result = cli("update", "R13", "--status", "completed", "--plans", golden_plan)
    assert result.exit_code == 0
    assert "R13 status Behind schedule → completed" in result.stdout
    refused = cli("update", "R13", "--status", "nearly", "--plans", golden_plan)
    assert refused.exit_code == 2 and "unknown status" in refused.stderr
