"""``plantrack request --quarter Q -o DIR``: one return per lead to fill in."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantrack.cli import options as shared
from plantrack.cli.options import (
    AllPlansOption,
    DirectorateFilter,
    Format,
    LeadFilter,
    PlanFilter,
    PlansOption,
)


class Grouping(str, Enum):
    lead = "lead"
    directorate = "directorate"


ReturnFormatOption = shared.format_option(
    Format.xlsx, Format.csv, help="xlsx workbooks, or CSV files."
)
ReportedQuarter = shared.quarter_option(
    "The quarter reported on, as in plans: Q3-26/27, 'Q3 2026/27', current."
)
GroupingOption = Annotated[
    Grouping,
    typer.Option("--by", case_sensitive=False, help="One return per lead, or per directorate."),
]


def command(
    quarter: ReportedQuarter,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Folder for the returns (a sub-folder per quarter); '-' prints CSV.",
        ),
    ] = "returns",
    by: GroupingOption = Grouping.lead,
    file_format: ReturnFormatOption = Format.xlsx,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            metavar="DATE",
            help="ISO date the returns are due back (default: two weeks from today, or from "
            "the first day of a quarter not yet begun).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Overwrite returns already in the folder (never through a link)."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="List the returns; write nothing.")
    ] = False,
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
    import os

    from plantrack import workspace as plans_workspace
    from plantrack.config import default_plans
    from plantrack.errors import PlantrackError, UsageError
    from plantrack.fileio import write_atomically
    from plantrack.git.gitlog import head_commit
    from plantrack.render.console import console, error_console, safe
    from plantrack.render.returns import csv_bytes, csv_text, workbook_bytes
    from plantrack.rows.period import parse_day
    from plantrack.usecases.returns import request_for, return_paths
    from plantrack.usecases.returns.issued import Sealer

    named = shared.quarter(quarter)
    due_back = parse_day(deadline, "deadline") if deadline is not None else None
    to_stdout = output == "-"
    if to_stdout and file_format is not Format.csv:
        raise UsageError("-o - prints CSV only", hint="add --format csv, or give a folder")
    workspace = plans_workspace.load(plans).require_valid()
    shared.require_known_plans(plan or [], {loaded.plan.id for loaded in workspace.plans})
    asked = request_for(
        workspace,
        named,
        by=by.value,
        filters=shared.filters(plan, lead, directorate),
        deadline=due_back,
        commit=head_commit((plans or [default_plans()])[0]),
        all_plans=all_plans,
    )
    seal = Sealer((plans or [default_plans()])[0])  # what was issued, for collect to trust
    out, returns = console(), asked.returns
    for problem in asked.problems():
        error_console().print(safe(problem.text()), highlight=False, soft_wrap=True)
    if not returns and asked.unowned:
        raise PlantrackError(
            f"no return written: the {len(asked.unowned)} item(s) to ask about have no {asked.by}",
            hint=f"add '{asked.by}:' to the plan's themes, objectives or actions",
        )
    if not returns:
        out.print("no items to ask about: no return written")
        return 0
    if to_stdout:
        for ret in returns:
            out.file.write(seal.text(ret, csv_text(ret, "\n")))
        return 0
    suffix = "." + file_format.value
    paths = return_paths(output, returns, suffix)
    linked = [p for p in paths if os.path.islink(p)]
    if linked and not dry_run:
        raise PlantrackError(
            f"{len(linked)} return(s) in the folder are symbolic links, e.g. {linked[0]}; "
            "plantrack never writes through a link; nothing written",
            hint="remove the links (or move them away) and run request again",
        )
    existing = [p for p in paths if os.path.lexists(p)]
    if existing and not force and not dry_run:
        raise PlantrackError(
            f"{len(existing)} return(s) already in {os.path.dirname(existing[0])}, "
            f"e.g. {existing[0]}; nothing written",
            hint="they may hold answers: move them away, or give --force to overwrite",
        )
    render = workbook_bytes if file_format is Format.xlsx else csv_bytes
    if not dry_run:
        for ret, path in zip(returns, paths, strict=True):
            data = seal(ret, render(ret), suffix)
            write_atomically(path, data, make_folder=True, follow_links=False)
    total = sum(len(ret.rows) for ret in returns)
    verb = "would write" if dry_run else "wrote"
    out.print(
        f"{verb} {len(returns)} return(s), {total} row(s), to {safe(os.path.dirname(paths[0]))}"
        f" (due back {returns[0].deadline.isoformat()})",
        soft_wrap=True,
        highlight=False,
    )
    for ret, path in zip(returns, paths, strict=True):
        out.print(
            f"  {safe(os.path.basename(path))}: {len(ret.rows)} row(s) for {safe(ret.owner)}",
            soft_wrap=True,
            highlight=False,
        )
    return 0
