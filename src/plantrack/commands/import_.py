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
    from plantrack.render.imported import write_guess, write_imported
    from plantrack.usecases import importer

    # os.path, not Path: a name too long is "no such file", not an OSError.
    if not os.path.isfile(sheet):
        raise UsageError(f"the sheet: {_not_a_file(sheet)}")
    if guess:
        if map_file is not None or output_file is not None:
            raise UsageError("--guess-map prints a map and imports nothing: drop --map and -o")
        write_guess(importer.guess(sheet), _quoted)
        return 0
    if map_file is None:
        raise UsageError(
            "--map: give the map of the sheet's columns",
            hint=f"plantrack import {_quoted(sheet)} --guess-map > "
            f"{_quoted(importer.suggested_map(sheet))} proposes one",
        )
    if not os.path.isfile(map_file):
        raise UsageError(f"--map: {_not_a_file(map_file)}")
    result = importer.import_to(sheet, map_file, output_file, force)
    write_imported(result, printed=output_file is None)
    return 1 if result.problems else 0


def _not_a_file(path: Path) -> str:
    """Why ``path`` is not read: absent, or there but not a regular file (a FIFO would
    hang the read, a device never end it; ``stat`` says so without opening it)."""
    import os

    if os.path.exists(path):
        return f"'{path}' is not a regular file (a FIFO, a device or a folder): not read"
    return f"no such file '{path}'"


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
