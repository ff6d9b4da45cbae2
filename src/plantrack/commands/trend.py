"""``plantrack trend``: counts by status at each quarter's close, as committed then."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.commands.options import ReportOptions, report_command

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


@report_command
def command(options: ReportOptions, start: FromOption = None, end: ToOption = None) -> int:
    """Counts by status at each financial quarter's close, from the git history.

    Example: plantrack trend --from Q1-24/25 --format json
    """
    from plantrack.config import default_plans
    from plantrack.dates import DateError, parse_quarter
    from plantrack.errors import UsageError
    from plantrack.query import QUARTER_FORMS, shared
    from plantrack.render.trend import write_trend
    from plantrack.usecases.trend import trend

    workspace, rows = options.load()
    starts = {row.year_start for row in rows} or {4}
    year_start = shared(starts)
    if year_start is None:
        raise UsageError(
            "these plans keep different financial calendars; a trend needs one",
            hint="choose plans of one calendar with --plan",
        )
    bounds = []
    for flag, text in (("--from", start), ("--to", end)):
        try:
            bounds.append(parse_quarter(text, year_start) if text else None)
        except DateError as err:
            raise UsageError(f"{flag}: {err.message}", hint=f"write {QUARTER_FORMS}") from None
    points = trend(
        (options.plans or [default_plans()])[0],
        year_start=year_start,
        today=workspace.today,
        first=bounds[0],
        last=bounds[1],
        filters=options.filters(),
    )
    title = "Counts by status at each quarter's close, as committed then"
    if points:
        title += f": {points[0].quarter} to {points[-1].quarter}"
    write_trend([p.as_dict() for p in points], options.format, title)
    return 0
