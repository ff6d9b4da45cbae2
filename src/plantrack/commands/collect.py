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


def command(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Filled returns (.xlsx or .csv)."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show the diff and the problems; write nothing.")
    ] = False,
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
    from plantrack import workspace as plans_workspace
    from plantrack.config import default_plans
    from plantrack.errors import UsageError
    from plantrack.render.collection import show_outcome, show_problems
    from plantrack.rows.period import parse_day
    from plantrack.usecases.returns import apply, collect, commit_message

    if dry_run and commit:
        raise UsageError("give --dry-run or --commit, not both")
    day = parse_day(as_of) if as_of is not None else None
    named = shared.quarter(quarter) if quarter is not None else None
    workspace = plans_workspace.load(plans)
    result = collect(
        files,
        workspace,
        plans_path=(plans or [default_plans()])[0],
        quarter=named,
        as_of=day,
        partial=partial,
        force=force,
        commit=commit,
    )
    show_problems(result, force)  # first: a refused write below still shows why
    done = None
    if not dry_run and result.writable:
        done = apply(result.edits, commit_message(result) if commit else None, result.root)
    show_outcome(result, done, dry_run)
    return 1 if result.refused else 0
