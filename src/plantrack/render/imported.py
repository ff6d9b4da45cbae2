"""What ``import`` says: a guessed map to check, or the plan made and every cell that
could not be read (its own module: the sheet readers it names are not light)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from plantrack.render.console import error_console, safe
from plantrack.usecases.guess import GuessedMap, map_path, plan_id_of, render_map
from plantrack.usecases.importer import ImportResult


def write_guess(guessed: GuessedMap, quoted: Callable[[Path], str]) -> None:
    """``import --guess-map``: the map on stdout, with the command to import with it
    once checked (paths ``quoted`` as the user's shell takes them); a reminder on
    stderr that it is a guess."""
    sheet = guessed.sheet
    then = (
        f"plantrack import {quoted(sheet)} --map {quoted(map_path(sheet))} "
        f"-o plans/{plan_id_of(sheet)}.yaml"
    )
    sys.stdout.write(render_map(guessed, then))
    error_console().print("a guess: check every line before importing with it", highlight=False)


def write_imported(result: ImportResult, printed: bool) -> None:
    """``import``: every cell not read (on stderr), the plan on stdout when ``printed``,
    then how many actions came from how many rows."""
    errors = error_console()
    for problem in result.problems:
        errors.print(safe(problem.text()), soft_wrap=True)
    if printed:
        sys.stdout.write(result.text)
    summary = f"imported {result.trackables} actions from {result.rows_read} rows"
    unread = (
        f"; {result.cells_unread} cells could not be read (kept in notes)"
        if result.cells_unread
        else ""
    )
    errors.print(safe(summary + unread), soft_wrap=True)
