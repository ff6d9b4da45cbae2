"""``plantrack report``: the committee paper as HTML or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli import options as shared
from plantrack.cli.options import Format


@shared.report_options(with_format=False)  # the paper's own --format: html or markdown
def command(
    options: shared.ReportOptions,
    quarter: shared.QuarterOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="List the changes since this git revision, not this quarter's."
        ),
    ] = None,
    output_format: shared.PaperFormatOption = Format.html,
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> int:
    """Write the quarterly performance report for committee.

    A quarter closed with plantrack close is read as committed at its tag: the same
    paper whenever it is made.

    Example: plantrack report --quarter Q4-25/26 -o report.html
    """
    from plantrack.render.html import write_paper
    from plantrack.usecases.report import paper

    made, ended = paper(options.scope(), shared.quarter(quarter), since)
    write_paper(made, output_format.value, output_file, ended)
    return 0
