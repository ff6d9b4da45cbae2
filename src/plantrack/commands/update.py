"""``plantrack update ID``: change a status, rationale or due with a one-line diff."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import ItemArgument, PlansOption, as_of_option, complete_statuses

AssessedOn = as_of_option(
    "ISO date of the assessment (default: today when status or rationale change)."
)


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
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show the diff; write nothing.")
    ] = False,
    plans: PlansOption = None,
) -> int:
    """Edit one item in place, changing only the lines asked for.

    Example: plantrack update 3.5.a --status completed --rationale "Delivered in Q4"
    """
    from plantrack.render.console import console, error_console, safe
    from plantrack.usecases.update import update_item

    result = update_item(
        item_id, plans, status=status, rationale=rationale, due=due, as_of=as_of, dry_run=dry_run
    )
    out = console()
    if not result.changed:
        out.print(f"{safe(result.ref)}: nothing changed (values already set)")
        return 0
    if dry_run:
        out.print(safe(result.diff()), end="")
        return 0
    described = ", ".join(
        f"{key} {_short(old)} → {_short(new)}" for key, (old, new) in result.changes.items()
    )
    out.print(f"updated {safe(result.file)}: {safe(result.ref)} {safe(described)}")
    if result.reaches:
        reached = ", ".join(result.reaches)
        out.print(f"  this action's status reaches its milestones: {safe(reached)}")
    errors = error_console()
    for warning in result.warnings:  # validate's own words (plantrack.plan.check), said now
        errors.print(safe(warning.text()), highlight=False, soft_wrap=True)
    return 0


def _short(value: object, limit: int = 40) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
