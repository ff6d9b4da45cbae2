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
    from plantrack.render.outcomes import write_schema_state
    from plantrack.usecases.upkeep import refresh_schema

    state = refresh_schema(output, check)
    write_schema_state(output, state)
    return 1 if state == "stale" else 0
