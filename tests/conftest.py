"""Shared fixtures: plan text builders, a CLI runner, and a git repo maker."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]

MINIMAL_PLAN = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
plantrack: 1
id: demo
title: Demo plan
financial_year: 2025/26
themes:
  - id: T1
    title: Working together
    lead: Head of Service
    objectives:
      - id: T1.1
        title: Talk to communities
        actions:
          - id: T1.1.a
            title: Refresh the reference group
            due: Q4 25/26
            status: on track
          - id: T1.1.b
            title: Arrange a summit
            due: Q3 26/27
            original_due: Q2 26/27
            status: behind schedule
            rationale: Venue booking delayed.
            milestones:
              - id: T1.1.b-1
                title: Venue agreed
                due: July 2026
                status: completed
              - id: T1.1.b-2
                title: Invitations sent
                due: October 2026
"""


# Piped output is as wide as $COLUMNS, else 200 (render/console.py); the expected
# tables were written at 200, so every run gets 200 whatever the developer's shell
# exports (COLUMNS=80 make test must pass too). A test that wants another width says so.
COLUMNS = "200"

# POSIX file modes, symlinks anyone may make, root: not what a Windows machine has.
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes or symlinks")


@pytest.fixture(autouse=True)
def no_environment_leak():
    """Whatever a test or the code it runs in-process sets in os.environ (main() sets
    PYDANTIC_DISABLE_PLUGINS, --debug sets PLANTRACK_DEBUG) is undone after it."""
    before = dict(os.environ)
    yield
    if dict(os.environ) != before:
        os.environ.clear()
        os.environ.update(before)


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own report cache, never the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def machine_independent(tmp_path_factory, monkeypatch):
    """Tests hold on any machine: git never looks above the test's temporary folders
    (a TMPDIR inside a repository would make 'not a repository' tests see one), and
    subprocesses write UTF-8, as the tests read them, whatever PYTHONIOENCODING says."""
    temporary = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(temporary.parent))
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)


def unwrapped(text: str) -> str:
    """``text`` with every run of white space one space: what a terminal or table wrapped
    at its width (a long temporary path, any COLUMNS) reads as one line again."""
    return " ".join(text.split())


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    return folder


@pytest.fixture
def golden_plan(plans_dir: Path) -> Path:
    """plans/golden.yaml: a copy of tests/data/edit/before.yaml, the plan whose edits
    tests/data/edit/ holds byte for byte."""
    target = plans_dir / "golden.yaml"
    shutil.copy(ROOT / "tests" / "data" / "edit" / "before.yaml", target)
    return target


@pytest.fixture
def write_plan(plans_dir: Path):
    """Write plan text (str, dedented) or bytes into the plans folder; return the path."""

    def write(text: str | bytes = MINIMAL_PLAN, name: str = "demo.yaml") -> Path:
        path = plans_dir / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def cli(monkeypatch):
    """Invoke the Typer app in-process: ``cli('validate', path)`` -> Result."""
    from plantrack.cli import app

    monkeypatch.delenv("PLANTRACK_PLANS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PLANTRACK_TODAY", "2026-11-23")
    monkeypatch.setenv("COLUMNS", COLUMNS)
    runner = CliRunner()

    def invoke(*args: object):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


def run_plantrack(*args: object, cwd: Path | None = None, env: dict | None = None):
    """Run the real console entry point in a subprocess (``python -m plantrack``)."""
    full_env = {**os.environ, "NO_COLOR": "1", "PLANTRACK_TODAY": "2026-11-23", "COLUMNS": COLUMNS}
    full_env.pop("PLANTRACK_PLANS", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "plantrack", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def plan_repo(tmp_path, monkeypatch) -> Path:
    """A git repo holding the quarterly-return test plan; the test runs inside it."""
    from returns_kit import make_plan_repo

    return make_plan_repo(tmp_path, monkeypatch)


@pytest.fixture
def issued(cli, plan_repo):
    """Workbooks and CSVs issued for Q3 26/27 in ``plan_repo``; (folder, plan file)."""
    from returns_kit import FOLDER, QUARTER

    assert cli("request", "--quarter", QUARTER).exit_code == 0
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    return plan_repo / "returns" / FOLDER, plan_repo / "plans" / "housing.yaml"
