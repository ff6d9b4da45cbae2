"""``plantrack overdue``: what was due by D and is not done."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.commands.options import AsOfOption, QuarterOption, ReportOptions, report_command


@report_command
def command(
    options: ReportOptions,
    quarter: QuarterOption = None,
    as_of: AsOfOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything is overdue (CI, cron).")
    ] = False,
) -> int:
    """Trackables overdue as at the close of a quarter (or a date, or today)."""
    from plantrack.query import check_period_options, overdue
    from plantrack.records import late_records
    from plantrack.render.reports import OVERDUE_COLUMNS, as_at_title
    from plantrack.render.rows import write

    check_period_options(quarter, as_of)
    workspace, rows = options.load()
    found = overdue(rows, quarter=quarter, as_of=as_of, today=workspace.today)
    title = f"Overdue {as_at_title(quarter, as_of, workspace.today)}: {len(found)}"
    write(
        late_records(found),
        OVERDUE_COLUMNS,
        options.format,
        title=title,
        empty="nothing overdue",
        group_key="quarter",
    )
    return 1 if exit_code and found else 0
