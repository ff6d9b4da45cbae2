"""``plantrack request --quarter Q -o DIR``: one return per lead to fill in."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared
from plantrack.cli.options import (
    AllPlansOption,
    DirectorateFilter,
    Format,
    Grouping,
    GroupingOption,
    LeadFilter,
    PlanFilter,
    PlansOption,
)

ReturnFormatOption = shared.format_option(
    Format.xlsx, Format.csv, help="xlsx workbooks, or CSV files."
)
ReportedQuarter = shared.quarter_option(
    "The quarter reported on, as in plans: Q3-26/27, 'Q3 2026/27', current."
)


OutputFolder = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        help="Folder for the returns (a sub-folder per quarter); '-' prints CSV.",
    ),
]
DeadlineOption = Annotated[
    str | None,
    typer.Option(
        "--deadline",
        metavar="DATE",
        help="ISO date the returns are due back (default: two weeks from today, or from "
        "the first day of a quarter not yet begun).",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Overwrite returns already in the folder (never through a link)."),
]
DryRunOption = shared.dry_run_option("List the returns; write nothing.")


def command(
    quarter: ReportedQuarter,
    output: OutputFolder = "returns",
    by: GroupingOption = Grouping.lead,
    file_format: ReturnFormatOption = Format.xlsx,
    deadline: DeadlineOption = None,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
    plans: PlansOption = None,
    plan: PlanFilter = None,
    lead: LeadFilter = None,
    directorate: DirectorateFilter = None,
    all_plans: AllPlansOption = False,
) -> int:
    """Write one return per lead: the items they own that are not done, or fall due in
    the quarter or the next, with New status, New rationale and Revised date to fill in.

    Example: plantrack request --quarter Q3-26/27 -o returns
    """
    from plantrack.errors import UsageError
    from plantrack.render.returns import csv_bytes, csv_text, workbook_bytes, write_issued
    from plantrack.usecases.returns import issue

    named, due_back = shared.quarter(quarter), shared.day(deadline, "deadline")
    to_stdout = output == "-"
    if to_stdout and file_format is not Format.csv:
        raise UsageError("-o - prints CSV only", hint="add --format csv, or give a folder")
    done = issue(
        plans,
        named,
        folder=None if to_stdout else output,
        suffix="." + file_format.value,
        encode=workbook_bytes if file_format is Format.xlsx else csv_bytes,
        as_text=lambda ret: csv_text(ret, "\n"),
        by=by.value,
        filters=shared.filters(plan, lead, directorate),
        deadline=due_back,
        all_plans=all_plans,
        force=force,
        dry_run=dry_run,
    )
    write_issued(done)
    return 0
