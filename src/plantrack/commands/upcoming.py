"""``plantrack upcoming``: not done, deadline inside a quarter."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared


@shared.report_options
def command(
    options: shared.ReportOptions,
    quarter: shared.QuarterOption = None,
    following: Annotated[
        bool, typer.Option("--next", help="The quarter after (the current one, or --quarter).")
    ] = False,
) -> int:
    """Trackables due in a quarter (default: the current one) and not done.

    Example: plantrack upcoming --next --lead "head of policy"
    """
    from plantrack.render.formats import write
    from plantrack.render.reports import UPCOMING_COLUMNS, quarter_title, stale_columns
    from plantrack.rows.period import AsAt
    from plantrack.rows.query import upcoming
    from plantrack.rows.records import records

    named = shared.quarter(quarter)
    workspace, rows = options.load(pending_only=True)  # never shows done or undated rows
    rows = options.without_ended(workspace, rows, AsAt(quarter=named))
    rows = options.only_stale(rows, AsAt(quarter=named), workspace.today)
    found = upcoming(rows, named, following, workspace.today)
    write(
        records(found, updated=options.stale, day=workspace.today),
        stale_columns(UPCOMING_COLUMNS, options.stale),
        options.format,
        title=f"Due {quarter_title(named, following, workspace.today)}: {len(found)}",
        empty="nothing due",
        group_key="quarter",
    )
    return 0
