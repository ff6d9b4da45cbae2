"""``plantrack import``: a spreadsheet tracker to a plan file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def command(
    sheet: Annotated[Path, typer.Argument(help="The tracker: .csv, .tsv or .xlsx.")],
    map_file: Annotated[
        Path, typer.Option("--map", "-m", help="YAML map: plan keys and column headers.")
    ],
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", help="Plan file to write (default: stdout).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
) -> int:
    """Turn a spreadsheet tracker into a plan file that validates.

    Every row is imported; a cell that cannot be read is kept in the action's notes and
    reported. Exit 0 when every cell was read, 1 when anything was not (the plan is still
    written).

    Example: plantrack import tracker.tsv --map tracker.map.yaml -o plans/new-plan.yaml
    """
    import os
    import sys

    from plantrack.errors import PlantrackError, UsageError
    from plantrack.render.console import error_console, safe
    from plantrack.usecases.importer import import_sheet

    # os.path, not Path: a name too long is "no such file", not an OSError.
    for given, option in ((sheet, "the sheet"), (map_file, "--map")):
        if not os.path.isfile(given):
            raise UsageError(f"{option}: no such file '{given}'")
    if output_file is not None and os.path.lexists(output_file) and not force:
        raise PlantrackError(f"{output_file} exists", hint="use --force to replace it")
    result = import_sheet(sheet, map_file)
    errors = error_console()
    for problem in result.problems:
        errors.print(safe(problem.text()), soft_wrap=True)
    if output_file is None:
        sys.stdout.write(result.text)
    else:
        from plantrack.fileio import write_atomically

        write_atomically(output_file, result.text.encode("utf-8"), make_folder=True)
    summary = f"imported {result.trackables} actions from {result.rows_read} rows"
    unread = (
        f"; {result.cells_unread} cells could not be read (kept in notes)"
        if result.cells_unread
        else ""
    )
    errors.print(safe(summary + unread), soft_wrap=True)
    return 1 if result.problems else 0
