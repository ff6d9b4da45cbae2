"""``plantrack summary``: the meeting view, one row per group."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantrack.commands.options import QuarterOption, ReportOptions, report_command


class GroupBy(str, Enum):
    theme = "theme"
    objective = "objective"
    lead = "lead"
    directorate = "directorate"
    plan = "plan"


@report_command
def command(
    options: ReportOptions,
    quarter: QuarterOption = None,
    by: Annotated[
        GroupBy, typer.Option("--by", "-b", case_sensitive=False, help="Group rows by.")
    ] = GroupBy.theme,
) -> int:
    """Counts by status, progress, overdue and next quarter's deadlines, per group.

    Example: plantrack summary --by lead --quarter Q3-26/27
    """
    from plantrack.query import check_period_options, summarise
    from plantrack.render.reports import write_summary

    check_period_options(quarter, None)
    workspace, rows = options.load()
    titles = {info.id: info.title for info in workspace.infos}
    summary = summarise(
        rows, by=by.value, quarter=quarter, today=workspace.today, plan_titles=titles
    )
    write_summary(summary, options.format, quarter, workspace.today)
    return 0
