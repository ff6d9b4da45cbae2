"""What a command that makes or changes files says it did: ``cache``, ``schema``,
``update``, ``init``, ``import`` and ``site``. One line or a few, on stdout, with
warnings and notes on stderr; every name that came from a file or the user made safe
for the terminal."""

from __future__ import annotations

from pathlib import Path

import typer


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
