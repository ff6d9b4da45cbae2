"""``plantrack list``: every trackable passing the filters, or the whole tree."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.commands.options import ReportOptions, report_command


@report_command
def command(
    options: ReportOptions,
    all_levels: Annotated[
        bool, typer.Option("--all-levels", help="Show the tree: themes and objectives too.")
    ] = False,
) -> int:
    """Every trackable (milestones, and actions without milestones).

    Example: plantrack list --plan year-ahead-plan-2021-22 --status "behind schedule"
    """
    from plantrack.query import in_file_order
    from plantrack.records import records
    from plantrack.render.reports import LIST_COLUMNS, write_tree
    from plantrack.render.rows import write

    tree = all_levels and options.format == "table"
    workspace, rows = options.load(full=tree)
    if tree:
        write_tree(workspace, {(r.plan, r.id) for r in rows})
        return 0
    found = in_file_order(rows)
    write(
        records(found),
        LIST_COLUMNS,
        options.format,
        title=f"Trackables: {len(found)}",
        empty="no trackables match",
    )
    return 0
