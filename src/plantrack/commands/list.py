"""``plantrack list``: every trackable passing the filters, or the whole tree."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.commands.options import ReportOptions, report_command


@report_command
def command(
    options: ReportOptions,
    all_levels: Annotated[
        bool,
        typer.Option(
            "--all-levels", help="Show the tree: themes and objectives too (table or json)."
        ),
    ] = False,
) -> int:
    """Every trackable (milestones, and actions without milestones).

    Example: plantrack list --plan year-ahead-plan-2021-22 --status "behind schedule"
    """
    from plantrack.query import in_file_order
    from plantrack.records import records
    from plantrack.render.reports import LIST_COLUMNS
    from plantrack.render.rows import write

    if all_levels:
        return _tree(options)
    _, rows = options.load()
    found = in_file_order(rows)
    write(
        records(found),
        LIST_COLUMNS,
        options.format,
        title=f"Trackables: {len(found)}",
        empty="no trackables match",
    )
    return 0


def _tree(options: ReportOptions) -> int:
    """The plans as trees, trimmed to the trackables that pass the filters."""
    from plantrack.query import NO_FILTERS

    if options.format not in ("table", "json"):
        from plantrack.errors import UsageError

        raise UsageError(
            f"--all-levels shows a tree, which --format {options.format} cannot hold",
            hint="use --format table or --format json",
        )
    workspace, rows = options.load(full=True)
    keep = {(row.plan, row.id) for row in rows}
    prune = options.filters() != NO_FILTERS
    if options.format == "json":
        import json
        import sys

        from plantrack.records import tree_records

        trees = tree_records(workspace.plans, keep, prune)
        sys.stdout.write(json.dumps(trees, indent=2, ensure_ascii=False) + "\n")
    elif keep:
        from plantrack.render.reports import write_tree

        write_tree(workspace, keep, prune)
    else:
        typer.echo("no trackables match")
    return 0
