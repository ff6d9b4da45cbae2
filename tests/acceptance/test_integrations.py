"""Fitting the tools plan repos use: init, completion, pre-commit, the CI workflow."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL_PLAN, ROOT, run_plantrack
from plantrack.cli.scaffold import FILES


def test_init_writes_every_file(cli, tmp_path):
    assert cli("init", tmp_path / "repo").exit_code == 0
    for name in FILES:
        assert (tmp_path / "repo" / name).exists(), name
    check = run_plantrack("validate", cwd=tmp_path / "repo")
    assert check.returncode == 0 and check.stdout.strip() == "no errors in 1 file"
    schema = run_plantrack("schema", "--check", cwd=tmp_path / "repo")
    assert schema.returncode == 0
    settings = json.loads((tmp_path / "repo" / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {  # plans are found in sub-folders and as .yml too
        "./schemas/plan.schema.json": ["plans/**/*.yaml", "plans/**/*.yml"]
    }
    workflow = yaml.safe_load((tmp_path / "repo" / ".github/workflows/plans.yml").read_text())
    steps = " ".join(step.get("run", "") for step in workflow["jobs"]["validate"]["steps"])
    assert "plantrack validate --format github" in steps and "GITHUB_STEP_SUMMARY" in steps


@pytest.mark.skipif(
    shutil.which("pre-commit") is None
    and not (Path(sys.executable).parent / "pre-commit").exists(),
    reason="pre-commit is not installed",
)
def test_init_repo_passes_its_own_pre_commit_hooks(cli, tmp_path):
    import os

    repo = tmp_path / "repo"
    assert cli("init", repo).exit_code == 0
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        [pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "plantrack validate" in done.stdout and "Passed" in done.stdout


@pytest.fixture
def completion_plans(plans_dir, monkeypatch):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    monkeypatch.setenv("PLANTRACK_PLANS", str(plans_dir))
    return plans_dir


def test_completion_through_the_shell_protocol(completion_plans):
    env = {
        "_PLANTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "plantrack show T1.1.b-",
        "COMP_CWORD": "2",
        "PLANTRACK_PLANS": str(completion_plans),
    }
    result = run_plantrack(env=env)
    assert result.stdout.split() == ["T1.1.b-1", "T1.1.b-2"]


def test_pre_commit_hooks_file_is_valid():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["plantrack-validate"]["pass_filenames"] is True
    assert by_id["plantrack-validate"]["entry"] == "plantrack validate"
    assert by_id["plantrack-schema-check"]["entry"] == "plantrack schema --check"


@pytest.mark.skipif(
    shutil.which("pre-commit") is None
    and not (Path(sys.executable).parent / "pre-commit").exists(),
    reason="pre-commit is not installed",
)
def test_pre_commit_hook_passes_good_and_fails_bad_plans(tmp_path):
    """The repo's own hooks, through `pre-commit try-repo`, in a fresh plan repo.

    One run over a good and a bad plan: each run builds the hook's environment
    (a venv and a pip install of this repo, the slowest step of the suite), and
    one run shows both halves: the bad file fails the hook, the good one is not named.
    """
    import os

    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    repo = tmp_path / "plans-repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "good.yaml").write_text(MINIMAL_PLAN)
    (repo / "plans" / "bad.yaml").write_text(
        MINIMAL_PLAN.replace("status: on track", "stauts: on track").replace(
            "id: demo", "id: other"
        )
    )
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    hook = [pre_commit, "try-repo", str(ROOT), "plantrack-validate", "--all-files"]
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_NO_INDEX": "",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(hook, cwd=repo, capture_output=True, text=True, env=env)
    if "error" in done.stdout.lower() and "pip" in done.stdout.lower():
        pytest.skip("pre-commit could not install the hook environment (offline)")
    assert done.returncode == 1, done.stdout
    assert "bad.yaml:" in done.stdout and "unknown key 'stauts'" in done.stdout
    assert "good.yaml:" not in done.stdout and "in 1 of 2 files" in done.stdout


def test_github_annotations_point_at_the_error_lines(cli, plans_dir):
    text = MINIMAL_PLAN.replace("status: on track", "stauts: on track").replace(
        "due: July 2026", "due: Smarch 2026"
    )
    (plans_dir / "pr.yaml").write_text(text)
    out = cli("validate", "--format", "github", plans_dir).stdout.splitlines()
    assert [line.split("::")[1] for line in out[:-1]] == [
        f"error file={plans_dir}/pr.yaml,line=17,col=13,title=PT101",
        f"error file={plans_dir}/pr.yaml,line=27,col=22,title=PT205",
    ]
    assert all(line.startswith("::") for line in out[:-1])


def test_help_has_examples_and_short_flag(cli):
    from plantrack.commands import COMMANDS

    for command, _ in COMMANDS:
        assert "Example" in cli(command, "-h").stdout, command


def test_no_color_flag_and_messages_on_stderr(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    result = cli("--no-color", "overdue", "--plans", plans_dir, "--quarter", "Q5 25/26")
    assert result.stdout == "" and "plantrack: error" in result.stderr
    assert "\x1b[" not in result.stderr
