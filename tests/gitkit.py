"""The one way tests run git: a fixed author, no user or system configuration (so a
developer's autocrlf or signing settings cannot change a test), optional commit dates,
and a marker that skips where git is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

AUTHOR = "Ada"
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def author_env(name: str = AUTHOR) -> dict[str, str]:
    """Author and committer ``name``, with an example.org address made from it."""
    email = name.lower().replace(" ", ".") + "@example.org"
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def git(repo: Path, *args: str, when: str | None = None, author: str = AUTHOR) -> str:
    """Run git in ``repo``; ``when`` dates the commit (author and committer); stdout."""
    env = {**os.environ, **GIT_ENV, **author_env(author), "HOME": str(repo)}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def demo_repo(folder: Path) -> Path:
    """A repository in ``folder`` whose first commit adds plans/demo.yaml (MINIMAL_PLAN)."""
    from conftest import MINIMAL_PLAN

    git(folder, "init", "-q", "-b", "main")
    (folder / "plans").mkdir()
    (folder / "plans" / "demo.yaml").write_text(MINIMAL_PLAN)
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "Add the demo plan")
    return folder


def commit_edit(repo: Path, old: str, new: str, message: str) -> None:
    """Replace ``old`` by ``new`` in plans/demo.yaml and commit it as ``message``."""
    path = repo / "plans" / "demo.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    git(repo, "commit", "-q", "-am", message)


def commit_plan(
    repo: Path,
    when: str,
    edits: dict[str, str] | None = None,
    *,
    message: str | None = None,
    path: str = "plans/demo.yaml",
    first: str | None = None,
) -> str:
    """Apply ``{old: new}`` to the plan at ``path`` (``first``, by default MINIMAL_PLAN,
    when it does not exist yet), commit everything dated ``when``; the commit's sha."""
    from conftest import MINIMAL_PLAN

    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    text = target.read_text() if target.exists() else (first or MINIMAL_PLAN)
    for old, new in (edits or {}).items():
        assert old in text
        text = text.replace(old, new, 1)
    target.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message or f"at {when}", when=when)
    return git(repo, "rev-parse", "HEAD").strip()
