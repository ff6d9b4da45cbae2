"""``plantrack summary``: the meeting view, one row per group."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantrack.cli import options as shared


class GroupBy(str, Enum):
    theme = "theme"
    objective = "objective"
    lead = "lead"
    directorate = "directorate"
    plan = "plan"


@shared.report_options
def command(
    options: shared.ReportOptions,
    quarter: shared.QuarterOption = None,
    by: Annotated[
        GroupBy, typer.Option("--by", "-b", case_sensitive=False, help="Group rows by.")
    ] = GroupBy.theme,
) -> int:
    """Counts by status, progress, overdue and next quarter's deadlines, per group.

    Example: plantrack summary --by lead --quarter Q3-26/27
    """
    from plantrack.render.reports import write_summary
    from plantrack.rows.period import AsAt
    from plantrack.rows.query import summarise

    named = shared.quarter(quarter)
    workspace, rows = options.load()
    rows = options.without_ended(workspace, rows, AsAt(quarter=named))
    rows = options.only_stale(rows, AsAt(quarter=named), workspace.today)
    titles = {info.id: info.title for info in workspace.infos}
    summary = summarise(rows, by=by.value, quarter=named, today=workspace.today, plan_titles=titles)
    write_summary(summary, options.format, named, workspace.today)
    return 0
