"""What a command that makes or changes files says it did: ``cache``, ``schema``,
``update`` and ``init`` (``import``: :mod:`plantrack.render.imported`). One line or a
few, on stdout, with warnings and notes on stderr; every name that came from a file or
the user made safe for the terminal."""

from __future__ import annotations

from pathlib import Path

import typer

from plantrack.render.console import console, error_console, safe


def write_cache_folder(folder: Path) -> None:
    typer.echo(str(folder))


def write_cleared(count: int, folder: Path) -> None:
    typer.echo(f"removed {count} cached plan(s) from {folder}")


def write_schema_state(path: Path, state: str) -> None:
    """``schema``: written, up to date, or (``--check``) out of date, on stderr."""
    if state == "stale":
        typer.echo(f"{path} is out of date; run `plantrack schema` and commit it", err=True)
    else:
        typer.echo(f"wrote {path}" if state == "written" else f"{path} is up to date")


def write_update(result, dry_run: bool) -> None:
    """``update``: nothing changed, the diff of a dry run, or what changed (old → new),
    the milestones an action's status reaches, and validate's own warnings on stderr
    (plantrack.plan.check), said now."""
    out = console()
    if not result.changed:
        out.print(f"{safe(result.ref)}: nothing changed (values already set)")
        return
    if dry_run:
        out.print(safe(result.diff()), end="")
        return
    described = ", ".join(
        f"{key} {_short(old)} → {_short(new)}" for key, (old, new) in result.changes.items()
    )
    out.print(f"updated {safe(result.file)}: {safe(result.ref)} {safe(described)}")
    if result.reaches:
        reached = ", ".join(result.reaches)
        out.print(f"  this action's status reaches its milestones: {safe(reached)}")
    errors = error_console()
    for warning in result.warnings:
        errors.print(safe(warning.text()), highlight=False, soft_wrap=True)


def _short(value: object, limit: int = 40) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The quarter's reporting, as the guide's "Closing a quarter: the cycle" tells it.
CYCLE = (
    "each quarter: plantrack request (returns to the leads) -> chase -> collect --commit"
    " -> review (diff, summary, a draft report) -> close Q (tags plantrack/YYYY-YY-QN)"
    " -> report --quarter Q"
)


def write_scaffolded(made) -> None:
    """``init``: each file written, the next steps, the quarter's cycle, and a note when
    the folder is inside a repository without being its root (pre-commit and GitHub
    read their files at a root only)."""
    out = console()
    for path in made.written:
        out.print(f"wrote {safe(path)}")
    *first, last = made.next_steps
    out.print(f"next: {', '.join(first)}, then {last}")
    out.print(CYCLE, soft_wrap=True)
    if made.enclosing is not None:
        out.print(
            f"note: {safe(made.folder)} is inside the git repository at {safe(made.enclosing)}; "
            "pre-commit and GitHub read .pre-commit-config.yaml and .github/ at a "
            "repository's root only",
            soft_wrap=True,
        )
