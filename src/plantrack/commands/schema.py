"""``plantrack schema``: write (or check) the JSON schema generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def command(
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the file is out of date; write nothing.")
    ] = False,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where the schema lives.")] = Path(
        "schemas/plan.schema.json"
    ),
) -> int:
    """Write schemas/plan.schema.json from the plan models (for editors and CI).

    Example: plantrack schema --check
    """
    from plantrack.plan.schema import is_current, write_schema

    if check:
        if is_current(output):
            typer.echo(f"{output} is up to date")
            return 0
        typer.echo(f"{output} is out of date; run `plantrack schema` and commit it", err=True)
        return 1
    changed = write_schema(output)
    typer.echo(f"wrote {output}" if changed else f"{output} is up to date")
    return 0
