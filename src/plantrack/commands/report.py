"""``plantrack report``: the committee paper as HTML or Markdown."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantrack.commands.options import QuarterOption, ReportOptions, report_command


class PaperFormat(str, Enum):
    html = "html"
    markdown = "markdown"


@report_command
def command(
    options: ReportOptions,
    quarter: QuarterOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Also list the changes since this git revision."),
    ] = None,
    output: Annotated[
        PaperFormat, typer.Option("--format", "-f", case_sensitive=False, help="html or markdown.")
    ] = PaperFormat.html,
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> int:
    """Write the quarterly performance report for committee.

    Example: plantrack report --quarter Q4-25/26 -o report.html
    """
    import sys

    from plantrack.committee import build, render
    from plantrack.query import check_period_options

    check_period_options(quarter, None)
    workspace, rows = options.load()
    plans_path = (options.plans or [None])[0]
    text = render(build(workspace, rows, quarter, since, plans_path), output.value)
    if output_file is None:
        sys.stdout.write(text)
        return 0
    from plantrack.fileio import write_atomically

    write_atomically(output_file, text.encode("utf-8"), make_folder=True)
    typer.echo(f"wrote {output_file}", err=True)
    return 0
