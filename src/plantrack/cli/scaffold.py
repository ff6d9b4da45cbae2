"""``plantrack init``: a new plan repository with everything wired up.

The templates ship inside the package, so ``init`` works offline and a new
repo passes its own pre-commit hook and workflow as soon as it is made.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from plantrack.errors import PlantrackError
from plantrack.fileio import write_atomically
from plantrack.plan.schema import render_schema

# Destination (relative to the new repo) -> template name; None: generated.
FILES: dict[str, str | None] = {
    "plans/example.yaml": "example.yaml",
    "schemas/plan.schema.json": None,
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/plans.yml": "workflow.yml",
    ".github/workflows/site.yml": "site-workflow.yml",
    "plantrack-site.yaml": "plantrack-site.yaml",
    ".vscode/settings.json": "vscode-settings.json",
}


def template(name: str) -> str:
    return resources.files("plantrack").joinpath("templates", name).read_text(encoding="utf-8")


def contents(destination: str) -> str:
    name = FILES[destination]
    if name is None:
        return render_schema()
    return template(name)


class Scaffolded(NamedTuple):
    """What ``init`` made: the files written, what to do next, and the repository the
    folder lies inside without being its root (None: it is a root, or in none)."""

    folder: Path
    written: list[Path]
    next_steps: list[str]
    enclosing: Path | None


def init_repository(folder: Path, force: bool = False) -> Scaffolded:
    """``init``: :func:`scaffold`, and what the user does next."""
    written = scaffold(folder, force=force)
    return Scaffolded(folder, written, next_steps(folder), enclosing_repository(folder))


def scaffold(folder: Path, force: bool = False) -> list[Path]:
    """Write the files; refuse (writing nothing) if any exists, unless ``force``."""
    targets = [folder / destination for destination in FILES]
    # os.path, not Path.exists: a 300-character name or a file used as a folder is
    # "not there" rather than an OSError.
    existing = [t for t in targets if os.path.lexists(t)]
    if existing and not force:
        raise PlantrackError(
            "would overwrite " + ", ".join(str(t) for t in existing),
            hint="use {0} to replace them",
            named=("force",),
        )
    for destination, target in zip(FILES, targets, strict=True):
        write_atomically(target, contents(destination).encode("utf-8"), make_folder=True)
    return targets


def next_steps(folder: Path) -> list[str]:
    """What to do after scaffolding, in order, leaving out what is done already: no
    ``git init`` for a folder that is a repository's root (``.git`` is a folder there,
    or a file in a worktree or submodule)."""
    steps = [] if (folder / ".git").exists() else ["git init"]
    return [*steps, "pre-commit install", "edit plans/example.yaml"]


def enclosing_repository(folder: Path) -> Path | None:
    """The repository a folder lies inside without being its root: the pre-commit config
    and the CI workflow written here would do nothing there (both work at a root)."""
    if (folder / ".git").exists():
        return None
    return next((p for p in folder.resolve().parents if (p / ".git").exists()), None)
