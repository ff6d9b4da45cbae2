"""``plantrack chase --quarter Q``: whose returns are missing or incomplete."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared
from plantrack.cli.options import (
    CSV_HELP,
    AllPlansOption,
    DirectorateFilter,
    Format,
    LeadFilter,
    PlanFilter,
    PlansOption,
)
from plantrack.commands.request import Grouping, GroupingOption

ReturnsQuarter = shared.quarter_option("The quarter the returns are for.")
ChaseFormatOption = shared.format_option(
    Format.table,
    Format.markdown,
    Format.csv,
    Format.json,
    help="markdown to paste in an email, csv for a mail merge. " + CSV_HELP,
)


def command(
    quarter: ReturnsQuarter,
    returns: Annotated[
        str,
        typer.Option(
            "--returns",
            "-r",
            metavar="DIR",
            help="The folder request wrote to (the quarter's sub-folder is read).",
        ),
    ] = "returns",
    by: GroupingOption = Grouping.lead,
    output_format: ChaseFormatOption = Format.table,
    plans: PlansOption = None,
    plan: PlanFilter = None,
    lead: LeadFilter = None,
    directorate: DirectorateFilter = None,
    all_plans: AllPlansOption = False,
) -> int:
    """List the leads whose returns are missing or incomplete, with how many rows each
    has answered (a row is answered by a New status, or 'no change').

    Example: plantrack chase --quarter Q3-26/27 --format markdown
    """
    from plantrack import workspace as plans_workspace
    from plantrack.render.formats import write
    from plantrack.render.table import Column
    from plantrack.usecases.returns import chase

    named = shared.quarter(quarter)
    workspace = plans_workspace.load(plans).require_valid()
    filters = shared.filters(plan, lead, directorate)
    folder, states = chase(
        workspace, named, returns, by=by.value, filters=filters, all_plans=all_plans
    )
    behind = [s for s in states if s.state != "complete"]
    columns = [
        Column(by.value, by.value.capitalize(), wrap=True),
        Column("state", "State"),
        Column("answered", "Answered", justify="right"),
        Column("rows", "Rows", justify="right"),
        Column("file", "File", wrap=True),
    ]
    title = (
        f"{len(behind)} of {len(states)} returns missing or incomplete in {folder}"
        if states
        else f"no returns expected for {quarter}"
    )
    write(
        [s.as_dict(by.value) for s in behind],
        columns,
        output_format.value,
        title=title,
        empty=f"every return in {folder} is complete",
    )
    return 0
