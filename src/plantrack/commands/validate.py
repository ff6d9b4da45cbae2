"""``plantrack validate``: check every plan file and report every problem."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import CheckFormatOption, Format, PlansOption


def command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Plan files or folders. Default: plans/ or $PLANTRACK_PLANS.", show_default=False
        ),
    ] = None,
    plans: PlansOption = None,
    output_format: CheckFormatOption = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> int:
    """Check plan files: schema, ids, links, dates; every error with file:line:col.

    Example: plantrack validate plans/ --format github
    """
    from plantrack.render.diagnostics import render_check
    from plantrack.usecases.upkeep import check_plans

    report = check_plans([*(paths or []), *(plans or [])], strict=strict)
    render_check(report, output_format.value)
    return report.exit_code
