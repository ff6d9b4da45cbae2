"""``plantrack upcoming``: not done, deadline inside a quarter."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.commands import options as shared


@shared.report_command
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
    from plantrack.query import upcoming
    from plantrack.records import records
    from plantrack.render.reports import UPCOMING_COLUMNS, quarter_title

    def select(rows, today):
        found = upcoming(rows, quarter=quarter, following=following, today=today)
        return found, records(found)

    shared.quarter_listing(
        options,
        quarter,
        None,
        select,
        UPCOMING_COLUMNS,
        lambda count, today: f"Due {quarter_title(quarter, following, today)}: {count}",
        "nothing due",
    )
    return 0
