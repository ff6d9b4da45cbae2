"""``plantrack trend``: counts by status at each quarter's close, as committed then."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared

FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="Q",
        help="First quarter (default: that of the first commit holding the plans).",
        show_default=False,
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="Q", help="Last quarter (default: the current one).", show_default=False
    ),
]


@shared.report_options(with_stale=False)
def command(
    options: shared.ReportOptions,
    start: FromOption = None,
    end: ToOption = None,
) -> int:
    """Counts by status at each financial quarter's close, from the git history.

    Example: plantrack trend --from Q1-24/25 --format json
    """
    from plantrack.errors import UsageError
    from plantrack.render.trend import write_trend_report
    from plantrack.usecases.trend import trend_of

    first, last = shared.quarter(start, "first"), shared.quarter(end, "last")
    if options.plans and len(options.plans) > 1:
        raise UsageError(
            "--plans: trend follows the history of one folder", hint="give --plans once"
        )
    write_trend_report(trend_of(options.scope(), first, last), options.format)
    return 0
