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
    from plantrack.render.console import console, safe
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
    if {"status", "rationale", "as_of"} & set(result.changes):
        _say_who_inherits(out, safe, result)
    _warn_ahead_of_validate(result)
    return 0


def _warn_ahead_of_validate(result) -> None:
    """Say now what ``validate`` will warn about in what was just written: a rationale
    with no status, an ``as_of`` after today."""
    from plantrack.plan.walk import nodes
    from plantrack.workspace import load_folder

    _, _, item_id = result.ref.partition(":")
    workspace = load_folder([result.file])
    for loaded in workspace.plans:
        for node in nodes(loaded.plan):
            item = node.item
            if node.id != item_id or node.kind not in ("action", "milestone"):
                continue
            if "rationale" in result.changes and item.rationale and not item.status:
                typer.echo(
                    f"warning: {result.ref} has a rationale but no status; "
                    "validate will warn (give --status too)",
                    err=True,
                )
            if "as_of" in result.changes and item.as_of and item.as_of > workspace.today:
                typer.echo(
                    f"warning: {result.ref} as_of {item.as_of} is after today; "
                    "validate will warn (use the date of the review)",
                    err=True,
                )


def _say_who_inherits(out, safe, result) -> None:
    """An action's status, rationale and as_of reach its milestones that have none of
    their own (docs/reference/plan-format.md): say which trackables the edit changed."""
    from plantrack.workspace import load_folder

    _, _, item = result.ref.partition(":")
    reached = [
        milestone.id
        for loaded in load_folder([result.file]).plans
        for theme in loaded.plan.themes
        for objective in theme.objectives
        for action in objective.actions
        if action.id == item
        for milestone in action.milestones
        if milestone.status is None
    ]
    if reached:
        out.print(f"  this action's status reaches its milestones: {safe(', '.join(reached))}")


def _short(value: object, limit: int = 40) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
