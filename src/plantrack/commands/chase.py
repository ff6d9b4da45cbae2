"""``plantrack chase --quarter Q``: whose returns are missing or incomplete."""

from __future__ import annotations

from plantrack.cli import options as shared
from plantrack.cli.options import (
    CSV_HELP,
    AllPlansOption,
    DirectorateFilter,
    Format,
    Grouping,
    GroupingOption,
    LeadFilter,
    PlanFilter,
    PlansOption,
)

ReturnsQuarter = shared.quarter_option("The quarter the returns are for.")
ReturnsFolder = shared.returns_option(
    "The folder request wrote to (the quarter's sub-folder is read)."
)
ChaseFormatOption = shared.format_option(
    Format.table,
    Format.markdown,
    Format.csv,
    Format.json,
    help="markdown to paste in an email, csv for a mail merge. " + CSV_HELP,
)


def command(
    quarter: ReturnsQuarter,
    returns: ReturnsFolder = "returns",
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
    from plantrack.render.returns import write_chase
    from plantrack.usecases.returns import chase_returns

    folder, states = chase_returns(
        plans,
        shared.quarter(quarter),
        returns,
        by=by.value,
        filters=shared.filters(plan, lead, directorate),
        all_plans=all_plans,
    )
    write_chase(folder, states, by.value, output_format.value, quarter)
    return 0
