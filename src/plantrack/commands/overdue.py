"""``plantrack overdue``: what was due by D and is not done."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared


@shared.report_options
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
    from plantrack.render.reports import write_overdue
    from plantrack.usecases.reporting import overdue

    as_at = shared.as_at(quarter, as_of)
    chosen = overdue(options.scope(), as_at)
    write_overdue(chosen, options.format, options.stale, as_at)
    return 1 if exit_code and chosen.found else 0
