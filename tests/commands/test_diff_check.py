"""``diff A B --check``: the baseline rules, each broken once and kept once, over real
git repositories (docs/reference/plan-format.md "Baselines: the original target never moves")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, unwrapped
from gitkit import git, needs_git

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "demo.yaml").write_text(MINIMAL_PLAN)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Add the demo plan")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(repo: Path, *pairs: tuple[str, str]) -> None:
    """Replace each old text by the new in the working tree's plan and commit."""
    path = repo / "plans" / "demo.yaml"
    text = path.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)
    git(repo, "commit", "-q", "-am", "edit")


def line_of(repo: Path, text: str) -> int:
    lines = (repo / "plans" / "demo.yaml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def check(cli, *args: str):
    return cli("diff", "HEAD~1", "HEAD", "--check", "--plans", "plans", *args)


def codes(result) -> list[str]:
    return [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


# --- original_due is never edited nor removed --------------------------------------------


def test_editing_an_original_due_fails_naming_file_line_and_item(repo, cli):
    edit(repo, ("original_due: Q2 26/27", "original_due: Q3 26/27"))
    result = check(cli)
    line = line_of(repo, "original_due: Q3 26/27")
    assert result.exit_code == 1
    assert f"plans/demo.yaml:{line}:27: error PT601: demo:T1.1.b: original_due changed from " in (
        result.stdout
    )
    assert "'Q2 26/27' to 'Q3 26/27'" in result.stdout
    assert "put back 'original_due: Q2 26/27'" in result.stdout
    assert "baseline broken: 1 error in 1 of 1 file" in result.stdout


def test_removing_an_original_due_fails(repo, cli):
    edit(repo, ("            original_due: Q2 26/27\n", ""))
    result = check(cli, "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["diagnostics"]
    assert problem["code"] == "PT602"
    assert problem["line"] == line_of(repo, "- id: T1.1.b")
    assert problem["message"] == "demo:T1.1.b: original_due 'Q2 26/27' was removed"


def test_revising_again_with_the_original_due_kept_and_a_reason_passes(repo, cli):
    edit(
        repo,
        ("due: Q3 26/27", "due: Q4 26/27"),
        ("rationale: Venue booking delayed.", "rationale: Venue closed for repairs."),
    )
    result = check(cli)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == "baselines kept in 1 file"


def test_rewording_an_original_due_is_an_edit_but_respacing_it_is_not(repo, cli):
    edit(repo, ("original_due: Q2 26/27", "original_due: Q2  26/27"))
    assert check(cli).exit_code == 0
    edit(repo, ("original_due: Q2  26/27", "original_due: September 2026"))
    assert codes(check(cli, "--format", "json")) == ["PT601"]


# --- a moved due keeps the old target ----------------------------------------------------


def test_moving_a_due_without_keeping_the_old_target_fails(repo, cli):
    edit(
        repo,
        ("due: Q4 25/26\n", "due: Q1 26/27\n"),
        ("status: on track\n", "status: on track\n            rationale: Slipped a month.\n"),
    )
    result = check(cli, "--format", "json")
    [problem] = json.loads(result.stdout)["diagnostics"]
    assert result.exit_code == 1
    assert problem["code"] == "PT603"
    assert problem["line"] == line_of(repo, "due: Q1 26/27")
    assert problem["message"] == (
        "demo:T1.1.a: due moved from 'Q4 25/26' to 'Q1 26/27' without keeping the old target"
    )
    assert problem["hint"].startswith("add 'original_due: Q4 25/26'")


def test_moving_a_due_with_the_old_target_as_original_due_passes(repo, cli):
    edit(
        repo,
        (
            "due: Q4 25/26\n",
            "due: Q1 26/27\n            original_due: Q4 25/26\n",
        ),
        ("status: on track\n", "status: on track\n            rationale: Slipped a month.\n"),
    )
    assert check(cli).exit_code == 0


def test_an_original_due_that_is_not_the_old_target_does_not_keep_it(repo, cli):
    edit(
        repo,
        ("due: Q4 25/26\n", "due: Q2 26/27\n            original_due: Q1 26/27\n"),
        ("status: on track\n", "status: on track\n            rationale: Slipped.\n"),
    )
    result = check(cli)
    assert "PT603" in result.stdout
    assert "(original_due 'Q1 26/27' is not it)" in result.stdout


def test_rewriting_a_due_with_the_same_deadline_is_not_a_move(repo, cli):
    edit(repo, ("due: Q4 25/26\n", "due: March 2026\n"))
    assert check(cli).exit_code == 0


# --- a trackable is cancelled, never removed ---------------------------------------------

REMOVED_MILESTONE = (
    "              - id: T1.1.b-2\n"
    "                title: Invitations sent\n"
    "                due: October 2026\n"
)


def test_removing_a_trackable_fails_at_its_parent(repo, cli):
    edit(repo, (REMOVED_MILESTONE, ""))
    result = check(cli, "--format", "json")
    [problem] = json.loads(result.stdout)["diagnostics"]
    assert result.exit_code == 1
    assert problem["code"] == "PT604"
    assert problem["message"] == "demo:T1.1.b-2 (Invitations sent) was removed"
    assert problem["line"] == line_of(repo, "- id: T1.1.b")
    assert "status: cancelled" in problem["hint"]


def test_cancelling_a_trackable_passes(repo, cli):
    edit(repo, (REMOVED_MILESTONE, REMOVED_MILESTONE + "                status: cancelled\n"))
    assert check(cli).exit_code == 0


def test_removing_a_plan_fails(repo, cli):
    git(repo, "rm", "-q", "plans/demo.yaml")
    (repo / "plans").mkdir(exist_ok=True)
    (repo / "plans" / "other.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: other"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Replace the plan")
    result = check(cli)
    assert result.exit_code == 1
    assert (
        "plans/demo.yaml:1:1: error PT605: plan 'demo' was removed with its 3 trackable(s)"
        in result.stdout
    )


# --- worse news needs a new rationale ----------------------------------------------------


def test_a_worse_status_without_a_new_rationale_fails(repo, cli):
    edit(repo, ("status: on track", "status: behind"))
    result = check(cli, "--format", "json")
    [problem] = json.loads(result.stdout)["diagnostics"]
    assert problem["code"] == "PT606"
    assert problem["line"] == line_of(repo, "status: behind\n".strip())
    assert problem["message"] == (
        "demo:T1.1.a: status worse (on-track -> behind) without a new rationale"
    )


def test_a_worse_status_with_a_new_rationale_passes(repo, cli):
    edit(repo, ("status: on track\n", "status: behind\n            rationale: Staff left.\n"))
    assert check(cli).exit_code == 0


def test_a_better_or_equal_status_needs_no_rationale(repo, cli):
    edit(repo, ("status: behind schedule", "status: on track"))
    assert check(cli).exit_code == 0
    edit(repo, ("status: on track\n            rationale", "status: Green\n            rationale"))
    assert check(cli).exit_code == 0  # the same status in another spelling


def test_worse_is_read_in_the_plans_own_legend(repo, cli):
    """In this plan 'Green' means completed: completed -> on-track is worse news."""
    edit(repo, ("financial_year: 2025/26\n", "financial_year: 2025/26\nstatuses:\n  Green: done\n"))
    edit(repo, ("status: on track", "status: Green"))
    edit(repo, ("status: Green", "status: on track"))
    assert codes(check(cli, "--format", "json")) == ["PT606"]


def test_a_later_deadline_without_a_new_rationale_fails(repo, cli):
    edit(repo, ("due: Q3 26/27", "due: Q4 26/27"))
    result = check(cli, "--format", "json")
    [problem] = json.loads(result.stdout)["diagnostics"]
    assert problem["code"] == "PT607"
    assert problem["message"] == (
        "demo:T1.1.b: deadline moved later, 2026-12-31 -> 2027-03-31 (+90 days), "
        "without a new rationale"
    )


def test_an_earlier_deadline_needs_no_rationale(repo, cli):
    edit(repo, ("due: Q3 26/27", "due: October 2026"))
    assert check(cli).exit_code == 0


def test_a_milestone_takes_its_actions_new_rationale(repo, cli):
    edit(
        repo,
        ("due: October 2026", "due: November 2026\n                original_due: October 2026"),
    )
    assert codes(check(cli, "--format", "json")) == ["PT607"]
    edit(repo, ("rationale: Venue booking delayed.", "rationale: Printing delayed too."))
    edit(repo, ("due: November 2026", "due: December 2026"))
    assert cli("diff", "HEAD~2", "HEAD", "--check", "--plans", "plans").exit_code == 0


# --- formats and usage -------------------------------------------------------------------


def test_github_format_annotates_each_line(repo, cli):
    edit(repo, ("status: on track", "status: off track"), ("due: Q3 26/27", "due: Q4 26/27"))
    result = check(cli, "--format", "github")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    status_line, due_line = line_of(repo, "status: off track"), line_of(repo, "due: Q4 26/27")
    assert lines[0].startswith(
        f"::error file=plans/demo.yaml,line={status_line},col=21,title=PT606::demo:T1.1.a"
    )
    assert lines[1].startswith(
        f"::error file=plans/demo.yaml,line={due_line},col=18,title=PT607::demo:T1.1.b"
    )
    assert lines[2] == "baseline broken: 2 errors in 1 of 1 file"


def test_a_pull_request_range_compares_with_the_merge_base(repo, cli):
    git(repo, "switch", "-q", "-c", "update")
    edit(repo, ("original_due: Q2 26/27", "original_due: Q3 26/27"))
    git(repo, "switch", "-q", "main")
    edit(repo, ("title: Venue agreed", "title: Venue booked"))  # main moves on, cleanly
    result = cli("diff", "main...update", "--check", "--plans", "plans")
    assert result.exit_code == 1
    assert "PT601" in result.stdout
    assert cli("diff", "update...main", "--check", "--plans", "plans").exit_code == 0


def test_markdown_with_check_and_github_without_it_are_usage_errors(repo, cli):
    assert check(cli, "--format", "markdown").exit_code == 2
    result = cli("diff", "HEAD", "--format", "github", "--plans", "plans")
    assert result.exit_code == 2
    assert "--format github goes with --check" in result.output


def test_a_file_unreadable_at_the_later_revision_fails_the_check(repo, cli):
    edit(repo, ("title: Demo plan", "title: Demo plan\ntitle: twice"))
    result = check(cli)
    assert result.exit_code == 1
    assert "error PT608: cannot check baselines" in result.stdout


def test_the_workflow_init_writes_runs_the_check_on_pull_requests(repo, cli, tmp_path):
    """The step's own command, with GitHub's base ref filled in, fails a pull request
    that edits a baseline and passes one that does not."""
    import shlex

    import yaml

    assert cli("init", tmp_path / "new").exit_code == 0
    workflow = yaml.safe_load((tmp_path / "new/.github/workflows/plans.yml").read_text())
    [step] = [
        s
        for s in workflow["jobs"]["validate"]["steps"]
        if "diff" in s.get("run", "") and "--check" in s["run"]
    ]
    assert step["if"] == "github.event_name == 'pull_request'"
    command = step["run"].replace("${{ github.base_ref }}", "main")
    words = shlex.split(command)
    assert words[:2] == ["plantrack", "diff"]
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "switch", "-q", "-c", "pr")
    edit(repo, ("title: Venue agreed", "title: Venue booked"))
    assert cli(*words[1:]).exit_code == 0
    edit(repo, ("            original_due: Q2 26/27\n", ""))
    result = cli(*words[1:])
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=plans/demo.yaml,line=")
    assert "title=PT602::" in result.stdout


def test_a_due_without_a_deadline_has_none_to_move_but_a_deadline_can_go(repo, cli):
    edit(repo, ("due: October 2026", "due: ongoing\n                original_due: October 2026"))
    assert check(cli).exit_code == 0  # "October 2026" to "ongoing", the old target kept
    edit(repo, ("due: ongoing", "due: from 2027"))
    assert check(cli).exit_code == 0  # no deadline before, so none moved
    edit(repo, ("due: Q4 25/26\n", "due: ongoing\n"))
    assert codes(check(cli, "--format", "json")) == ["PT603"]  # a deadline gone


def test_the_guides_example_is_what_the_check_prints(repo, cli):
    guide = (Path(__file__).parents[2] / "docs" / "guide.md").read_text(encoding="utf-8")
    command = "$ plantrack diff main...q3-update --check\n"
    shown = guide.split(command, 1)[1].split("```", 1)[0]
    git(repo, "switch", "-q", "-c", "q3-update")
    edit(
        repo,
        ("due: Q4 25/26", "due: Q1 26/27"),
        ("status: on track", "status: behind"),
        ("original_due: Q2 26/27", "original_due: Q3 26/27"),
        (REMOVED_MILESTONE, ""),
    )
    result = cli("diff", "main...q3-update", "--check")
    assert result.exit_code == 1
    assert result.stdout == shown


def test_with_as_of_does_not_go_with_check(cli, tmp_path):
    result = cli("diff", "--check", "--with-as-of", "--plans", tmp_path)
    assert result.exit_code == 2
    assert "--with-as-of lists changes, which --check does not" in unwrapped(result.output)
