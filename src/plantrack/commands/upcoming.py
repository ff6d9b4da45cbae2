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
    from plantrack.render.reports import write_upcoming
    from plantrack.usecases.reporting import upcoming

    named = shared.quarter(quarter)
    chosen = upcoming(options.scope(), named, following)
    write_upcoming(chosen, options.format, options.stale, named, following)
    return 0
