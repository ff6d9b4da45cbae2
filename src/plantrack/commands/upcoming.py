"""``plantrack upcoming``: not done, deadline inside a quarter."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.commands.options import QuarterOption, ReportOptions, report_command


@report_command
def command(
    options: ReportOptions,
    quarter: QuarterOption = None,
    following: Annotated[
        bool, typer.Option("--next", help="The quarter after (the current one, or --quarter).")
    ] = False,
) -> int:
    """Trackables due in a quarter (default: the current one) and not done."""
    from plantrack.query import check_period_options, upcoming
    from plantrack.records import records
    from plantrack.render.reports import UPCOMING_COLUMNS, quarter_title
    from plantrack.render.rows import write

    check_period_options(quarter, None)
    workspace, rows = options.load()
    found = upcoming(rows, quarter=quarter, following=following, today=workspace.today)
    title = f"Due {quarter_title(quarter, following, workspace.today)}: {len(found)}"
    write(
        records(found),
        UPCOMING_COLUMNS,
        options.format,
        title=title,
        empty="nothing due",
        group_key="quarter",
    )
    return 0
