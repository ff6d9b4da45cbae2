"""``plantrack close Q``: sign a quarter off as an annotated git tag."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared
from plantrack.cli.options import PlansOption

ReturnsFolder = shared.returns_option(
    "The folder request wrote to, to say which returns are still missing."
)


def command(
    quarter: Annotated[
        str,
        typer.Argument(
            metavar="QUARTER", help="The quarter to close: Q3-21/22, 'Q3 2021/22', last."
        ),
    ],
    returns: ReturnsFolder = "returns",
    force: Annotated[
        bool,
        typer.Option("--force", help="Move the close of a quarter closed before (with a warning)."),
    ] = False,
    plans: PlansOption = None,
) -> int:
    """Sign a quarter off: tag the commit holding its final statuses (plantrack/2021-22-Q3).

    The plans must be committed and valid and the quarter ended; returns still missing
    are a warning. The annotated tag carries the summary sentence and who closed it;
    report and trend then read that quarter as committed at its tag.

    Example: plantrack close Q3-21/22 && git push origin plantrack/2021-22-Q3
    """
    from plantrack.cli import options as shared
    from plantrack.render.reports import write_close
    from plantrack.usecases.closing import close

    named = shared.quarter(quarter, "QUARTER")  # an argument: errors name it so
    assert named is not None  # a required argument
    write_close(close(plans, named, returns, force))
    return 0
