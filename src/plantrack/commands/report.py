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
    import sys

    from plantrack.config import default_plans
    from plantrack.render.html import render
    from plantrack.rows.period import AsAt
    from plantrack.usecases.close import closed
    from plantrack.usecases.report import build

    named = shared.quarter(quarter)
    paths = [str(path) for path in options.plans or [default_plans()]]
    at = closed(named, paths[0])  # a closed quarter's paper is read at its tag
    workspace, rows = options.load(updated=True, at=at)  # the paper marks statuses not updated
    rows = options.without_ended(workspace, rows, AsAt(quarter=named))
    rows = options.only_stale(rows, AsAt(quarter=named), workspace.today)
    paper = build(
        workspace,
        rows,
        quarter=named,
        since=since,
        plans_paths=paths,
        filters=options.filters(),
        closed=at,
        all_plans=options.all_plans,
    )
    text = render(paper, output_format.value)
    if output_file is None:
        sys.stdout.write(text)
        return 0
    from plantrack.fileio import write_atomically

    if not output_file.parent.is_dir():  # a typo in the folder must not make new folders
        from plantrack.errors import UsageError

        raise UsageError(
            f"--output {output_file}: the folder {output_file.parent} does not exist",
            hint="create it first, or write into a folder that exists",
        )
    write_atomically(output_file, text.encode("utf-8"))
    typer.echo(f"wrote {output_file}", err=True)
    return 0
