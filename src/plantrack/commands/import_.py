"""``plantrack import``: a spreadsheet tracker to a plan file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def command(
    sheet: Annotated[Path, typer.Argument(help="The tracker: .csv, .tsv or .xlsx.")],
    map_file: Annotated[
        Path | None, typer.Option("--map", "-m", help="YAML map: plan keys and column headers.")
    ] = None,
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", help="Plan file to write (default: stdout).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
    guess: Annotated[
        bool,
        typer.Option(
            "--guess-map",
            help="Print a map guessed from the sheet's header row, to check and save "
            "(nothing is imported).",
        ),
    ] = False,
) -> int:
    """Turn a spreadsheet tracker into a plan file that validates.

    Every row is imported; a cell that cannot be read is kept in the action's notes and
    reported. Exit 0 when every cell was read, 1 when anything was not (the plan is still
    written).

    Example: plantrack import tracker.tsv --guess-map > tracker.map.yaml, check it, then
    plantrack import tracker.tsv --map tracker.map.yaml -o plans/new-plan.yaml
    """
    import os

    from plantrack.errors import UsageError

    # os.path, not Path: a name too long is "no such file", not an OSError.
    if not os.path.isfile(sheet):
        raise UsageError(f"the sheet: no such file '{sheet}'")
    if guess:
        if map_file is not None or output_file is not None:
            raise UsageError("--guess-map prints a map and imports nothing: drop --map and -o")
        return _print_guess(sheet)
    if map_file is None:
        from plantrack.usecases.guess import map_path

        raise UsageError(
            "--map: give the map of the sheet's columns",
            hint=f"plantrack import {_quoted(sheet)} --guess-map > {_quoted(map_path(sheet))} "
            "proposes one",
        )
    if not os.path.isfile(map_file):
        raise UsageError(f"--map: no such file '{map_file}'")
    return _import(sheet, map_file, output_file, force)


def _print_guess(sheet: Path) -> int:
    import sys

    from plantrack.render.console import error_console
    from plantrack.usecases.guess import guess_map, map_path, plan_id_of, render_map

    guessed = guess_map(sheet)
    then = (
        f"plantrack import {_quoted(sheet)} --map {_quoted(map_path(sheet))} "
        f"-o plans/{plan_id_of(sheet)}.yaml"
    )
    sys.stdout.write(render_map(guessed, then))
    error_console().print("a guess: check every line before importing with it", highlight=False)
    return 0


def _quoted(path: Path) -> str:
    """A path as a shell takes it (names of council trackers have spaces)."""
    import os
    import re
    import shlex

    text = str(path)
    if os.name != "nt":
        return shlex.quote(text)
    if re.fullmatch(r"[\w.:\\/-]+", text):  # a plain Windows path needs no quotes
        return text
    return "'" + text.replace("'", "''") + "'"  # PowerShell (the README's shell): literal


def _import(sheet: Path, map_file: Path, output_file: Path | None, force: bool) -> int:
    import os
    import sys

    from plantrack.errors import PlantrackError
    from plantrack.render.console import error_console, safe
    from plantrack.usecases.importer import import_sheet

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
