"""``plantrack diff [REV_A [REV_B]]``: what changed, in plan terms."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import DiffFormatOption, Format, PlansOption


def command(
    rev_a: Annotated[
        str | None,
        typer.Argument(
            metavar="[REV_A]",
            help="Default: HEAD. 'main...HEAD' compares with the merge base.",
            show_default=False,
        ),
    ] = None,
    rev_b: Annotated[
        str | None,
        typer.Argument(metavar="[REV_B]", help="Default: the working tree.", show_default=False),
    ] = None,
    plans: PlansOption = None,
    output: DiffFormatOption = Format.table,
) -> int:
    """Status changes, revised dates, items added, removed or moved between revisions.

    Example: plantrack diff HEAD~1 HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    from plantrack.changes import diff
    from plantrack.config import default_plans
    from plantrack.render.history import write_changes

    changes = diff(rev_a, rev_b, plans or [default_plans()])
    write_changes(changes, output.value)
    return 0
