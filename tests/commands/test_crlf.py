"""Plan files with CRLF line endings, as Git for Windows checks them out.

With ``core.autocrlf=true`` the committed blob has LF and the working file CRLF:
``validate`` must read it, ``update`` must edit it without converting a single
line, and ``diff`` must report only what changed, not the line endings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN
from gitkit import git, needs_git

pytestmark = needs_git


@pytest.fixture
def crlf_repo(tmp_path) -> Path:
    """A repo whose blob has LF endings and whose working file has CRLF."""
    git(tmp_path, "init", "-q")
    plans = tmp_path / "plans"
    plans.mkdir()
    path = plans / "demo.yaml"
    path.write_bytes(MINIMAL_PLAN.encode("utf-8"))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Add the demo plan")
    path.write_bytes(MINIMAL_PLAN.replace("\n", "\r\n").encode("utf-8"))
    return tmp_path


def lone_lf(data: bytes) -> int:
    return data.replace(b"\r\n", b"").count(b"\n")


def test_a_crlf_plan_validates_with_the_lines_of_an_lf_one(cli, crlf_repo):
    path = crlf_repo / "plans" / "demo.yaml"
    path.write_bytes(path.read_bytes().replace(b"status: on track", b"stauts: on track"))
    result = cli("validate", path)
    assert result.exit_code == 1
    assert "demo.yaml:17:13: error PT101: unknown key 'stauts'" in result.stdout


def test_line_endings_alone_are_no_plan_change(cli, crlf_repo):
    result = cli("diff", "--plans", crlf_repo / "plans", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["changes"] == []


def test_update_keeps_crlf_and_diff_shows_only_the_change(cli, crlf_repo):
    path = crlf_repo / "plans" / "demo.yaml"
    before = path.read_bytes()
    result = cli(
        "update", "T1.1.a", "--status", "completed", "--rationale", "Done.", "--plans", path
    )
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert lone_lf(after) == 0 and after.count(b"\r\n") > before.count(b"\r\n")
    assert b"            status: completed\r\n" in after
    assert b"            rationale: Done.\r\n" in after
    # Every other line is byte for byte what it was.
    kept = [line for line in after.split(b"\r\n") if line in before.split(b"\r\n")]
    assert len(kept) == len(before.split(b"\r\n")) - 1  # only the status line changed
    diff = cli("diff", "--plans", crlf_repo / "plans", "--format", "json").stdout
    changes = json.loads(diff)["changes"]
    assert [(c["id"], c["old"], c["new"]) for c in changes if c["change"] == "status"] == [
        ("T1.1.a", "on-track", "completed")
    ]


def test_a_refused_update_leaves_a_crlf_file_untouched(cli, crlf_repo):
    path = crlf_repo / "plans" / "demo.yaml"
    before = path.read_bytes()
    result = cli("update", "T1.1.a", "--status", "nearly", "--plans", path)
    assert result.exit_code != 0
    assert path.read_bytes() == before
