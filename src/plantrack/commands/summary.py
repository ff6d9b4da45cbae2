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
    from plantrack.usecases.reporting import summary

    named = shared.quarter(quarter)
    chosen = summary(options.scope(), named, by.value)
    write_summary(chosen.found, options.format, named, chosen.today, chosen.ended)
    return 0
