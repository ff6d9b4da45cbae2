"""``plantrack overdue``: what was due by D and is not done."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.commands import options as shared


@shared.report_command
def command(
    options: shared.ReportOptions,
    quarter: shared.QuarterOption = None,
    as_of: shared.AsOfOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything is overdue (CI, cron).")
    ] = False,
) -> int:
    """Trackables overdue as at the close of a quarter (or a date, or today).

    Example: plantrack overdue --quarter Q4-25/26 --format markdown
    """
    from plantrack.query import overdue
    from plantrack.records import late_records
    from plantrack.render.reports import OVERDUE_COLUMNS, as_at_title

    def select(rows, today):
        found = overdue(rows, quarter=quarter, as_of=as_of, today=today)
        return found, late_records(found)

    found = shared.quarter_listing(
        options,
        quarter,
        as_of,
        select,
        OVERDUE_COLUMNS,
        lambda count, today: f"Overdue {as_at_title(quarter, as_of, today)}: {count}",
        "nothing overdue",
    )
    return 1 if exit_code and found else 0
