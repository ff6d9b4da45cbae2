"""``close``: a quarter signed off as an annotated tag, refused when it cannot be."""

from __future__ import annotations

import pytest

from returns_kit import FOLDER, QUARTER, fill_csv, git, needs_git

pytestmark = needs_git
TAG = "plantrack/2026-27-Q3"
AFTER = "2027-01-07"  # Q3 2026/27 ended on 31 December 2026


@pytest.fixture
def after_the_quarter(monkeypatch):
    """Today is after the quarter, and git dates what it makes (tags too) today."""
    monkeypatch.setenv("PLANTRACK_TODAY", AFTER)
    monkeypatch.setenv("GIT_COMMITTER_DATE", f"{AFTER}T09:00:00+00:00")


def _tags(repo) -> str:
    return git(repo, "tag", "--list", "plantrack/*", "--format=%(refname:short) %(*objectname)")


def test_a_close_tags_the_commit_with_the_sentence_and_who_closed_it(
    cli, plan_repo, after_the_quarter
):
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    result = cli("close", QUARTER)
    assert result.exit_code == 0, result.output
    assert _tags(plan_repo).split() == [TAG, head]
    assert git(plan_repo, "cat-file", "-t", TAG).strip() == "tag"  # annotated
    message = git(plan_repo, "tag", "--list", TAG, "--format=%(contents)")
    assert message.startswith("Q3 2026/27 closed\n\n")
    assert "overdue as at the close of Q3 2026/27." in message
    assert "Closed by Ada <ada@example.org> with plantrack close." in message
    assert git(plan_repo, "tag", "--list", TAG, "--format=%(taggername)").strip() == "Ada"
    assert f"closed Q3 2026/27: tag {TAG} on commit {head[:12]}" in result.stdout
    assert f"git push origin {TAG}" in result.stdout
    assert "no returns in returns/Q3-2026-27: none checked" in result.stderr


def test_a_quarter_still_running_is_not_closed(cli, plan_repo):
    result = cli("close", QUARTER)  # the fixture's today: 23 November 2026
    assert result.exit_code == 1
    assert "Q3 2026/27 ends on 2026-12-31" in result.stderr
    assert "close it on or after 2027-01-01" in result.stderr
    assert _tags(plan_repo) == ""


def test_uncommitted_or_invalid_plans_are_not_closed(cli, plan_repo, after_the_quarter):
    plan = plan_repo / "plans" / "housing.yaml"
    plan.write_text(plan.read_text().replace("status: On track", "status: off track"))
    result = cli("close", QUARTER)
    assert result.exit_code == 1
    assert "1 uncommitted change(s) to the plans, e.g. plans/housing.yaml" in result.stderr
    (plan_repo / "notes.txt").write_text("not a plan")  # other files do not stop a close
    plan.write_text(plan.read_text().replace("status: off track", "status: sideways"))
    git(plan_repo, "commit", "-qam", "a typo")
    result = cli("close", QUARTER)
    assert result.exit_code == 1
    assert "plans/housing.yaml:" in result.stderr and "sideways" in result.stderr
    assert _tags(plan_repo) == ""


def test_a_close_is_moved_only_with_force_and_says_so(cli, plan_repo, after_the_quarter):
    first = git(plan_repo, "rev-parse", "HEAD").strip()
    assert cli("close", "Q3 2026/27").exit_code == 0
    again = cli("close", QUARTER)
    assert again.exit_code == 0 and "already closed at" in again.stdout
    plan = plan_repo / "plans" / "housing.yaml"
    plan.write_text(plan.read_text().replace("status: On track", "status: completed"))
    git(plan_repo, "commit", "-qam", "a late answer")
    second = git(plan_repo, "rev-parse", "HEAD").strip()
    refused = cli("close", QUARTER)
    assert refused.exit_code == 1
    assert f"Q3 2026/27 was closed on {AFTER} by Ada <ada@example.org>" in refused.stderr
    assert f"at commit {first[:12]}" in refused.stderr and "--force" in refused.stderr
    assert _tags(plan_repo).split() == [TAG, first]
    moved = cli("close", QUARTER, "--force")
    assert moved.exit_code == 0
    assert f"warning: moved {TAG} from {first[:12]}" in moved.stderr
    assert _tags(plan_repo).split() == [TAG, second]


def test_returns_still_missing_are_a_warning_not_a_refusal(cli, plan_repo, after_the_quarter):
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    folder = plan_repo / "returns" / FOLDER
    (folder / "head-of-finance.csv").unlink()
    fill_csv(folder / "head-of-communities.csv", {"housing:C1": {"New status": "on track"}})
    result = cli("close", QUARTER)
    assert result.exit_code == 0
    assert f"warning: 3 return(s) missing or incomplete in returns/{FOLDER}:" in result.stderr
    assert "Head of Finance: missing" in result.stderr
    assert "Head of Communities: incomplete" in result.stderr
    assert "Head of Housing: not answered" in result.stderr
    assert TAG in _tags(plan_repo)


def test_a_bad_quarter_names_the_argument(cli, plan_repo, after_the_quarter):
    result = cli("close", "Q5-26/27")
    assert result.exit_code == 2
    assert result.stderr.startswith("plantrack: error: QUARTER:")
