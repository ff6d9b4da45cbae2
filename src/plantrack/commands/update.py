"""``plantrack update ID``: change a status, rationale or due with a one-line diff."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import (
    ItemArgument,
    PlansOption,
    as_of_option,
    complete_statuses,
    dry_run_option,
)

AssessedOn = as_of_option(
    "ISO date of the assessment (default: today when status or rationale change)."
)
DryRun = dry_run_option("Show the diff; write nothing.")


def command(
    item_id: ItemArgument,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            help="New status (any accepted spelling).",
            autocompletion=complete_statuses,
        ),
    ] = None,
    rationale: Annotated[
        str | None, typer.Option("--rationale", "-r", help="New rationale for the status.")
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", help="Revised target date; the first one is kept as original_due."),
    ] = None,
    as_of: AssessedOn = None,
    dry_run: DryRun = False,
    plans: PlansOption = None,
) -> int:
    """Edit one item in place, changing only the lines asked for.

    Example: plantrack update 3.5.a --status completed --rationale "Delivered in Q4"
    """
    from plantrack.render.outcomes import write_update
    from plantrack.usecases.update import update_item

    result = update_item(
        item_id, plans, status=status, rationale=rationale, due=due, as_of=as_of, dry_run=dry_run
    )
    write_update(result, dry_run)
    return 0
