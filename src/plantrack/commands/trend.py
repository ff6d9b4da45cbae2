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
    from plantrack.config import default_plans
    from plantrack.errors import UsageError
    from plantrack.render.trend import write_trend
    from plantrack.rows.query import shared as common
    from plantrack.usecases.trend import trend

    first, last = shared.quarter(start, "first"), shared.quarter(end, "last")
    if options.plans and len(options.plans) > 1:
        raise UsageError(
            "--plans: trend follows the history of one folder", hint="give --plans once"
        )
    workspace, rows = options.load()
    year_start = common({row.year_start for row in rows} or {4})
    if year_start is None:
        raise UsageError(
            "these plans keep different financial calendars; a trend needs one",
            hint="choose plans of one calendar with --plan",
        )
    points = trend(
        (options.plans or [default_plans()])[0],
        year_start=year_start,
        today=workspace.today,
        first=first.in_calendar(year_start) if first else None,
        last=last.in_calendar(year_start) if last else None,
        filters=options.filters(),
        all_plans=options.all_plans,
    )
    shared.say_ended(sorted({plan for point in points for plan in point.ended}))
    title = "Counts by status at each quarter's close, as committed then"
    if points:
        title += f": {points[0].quarter} to {points[-1].quarter}"
    write_trend([p.as_dict() for p in points], options.format, title)
    return 0
