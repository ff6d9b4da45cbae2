"""``plantrack collect FILE...``: apply filled returns with the smallest diff."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared
from plantrack.cli.options import PlansOption

AssessedOn = shared.as_of_option(
    "ISO date of the assessment, inside the returns' quarter (default: the day each return "
    "was last saved, at the latest the quarter's last day)."
)
ReturnsQuarter = shared.quarter_option(
    "The quarter the returns are for (default: the first return's); "
    "a return for another quarter is refused."
)


DryRun = shared.dry_run_option("Show the diff and the problems; write nothing.")


def command(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Filled returns (.xlsx or .csv)."),
    ],
    dry_run: DryRun = False,
    commit: Annotated[
        bool,
        typer.Option(
            "--commit", help="Commit the changed plan files, listing per lead what changed."
        ),
    ] = False,
    partial: Annotated[
        bool,
        typer.Option("--partial", help="Apply a return's good rows even if others have errors."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Apply rows whose item changed in git since the return was issued, "
            "and returns for a closed quarter.",
        ),
    ] = False,
    as_of: AssessedOn = None,
    quarter: ReturnsQuarter = None,
    plans: PlansOption = None,
) -> int:
    """Apply each filled row of the returns (status, rationale, as_of, revised due),
    changing only those lines. Unreadable values and conflicts are listed, not applied.

    Example: plantrack collect returns/Q3-2026-27/*.xlsx --dry-run
    """
    from plantrack.errors import UsageError
    from plantrack.render.collection import show_outcome, show_problems
    from plantrack.usecases.returns import collect_returns

    if dry_run and commit:
        raise UsageError("give --dry-run or --commit, not both")
    day = shared.day(as_of)
    named = shared.quarter(quarter) if quarter is not None else None
    result, done = collect_returns(
        files,
        plans,
        checked=lambda found: show_problems(found, force),
        quarter=named,
        as_of=day,
        partial=partial,
        force=force,
        commit=commit,
        dry_run=dry_run,
    )
    show_outcome(result, done, dry_run)
    return 1 if result.refused else 0
