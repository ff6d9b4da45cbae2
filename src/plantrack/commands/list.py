"""``plantrack list``: every trackable passing the filters, or the whole tree."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import ReportOptions, report_options


@report_options
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

    Plans that have ended are left out, as every report leaves them out; --all shows them.

    Example: plantrack list --plan year-ahead-plan-2021-22 --status "behind schedule"
    """
    from plantrack.render.formats import write
    from plantrack.render.reports import LIST_COLUMNS
    from plantrack.rows.period import TODAY
    from plantrack.rows.query import in_file_order
    from plantrack.rows.records import records

    if all_levels:
        return _tree(options)
    from plantrack.render.reports import stale_columns

    # JSON rows carry "updated" (from git, or the answer kept for this commit); the
    # other formats ask for it only with --stale.
    workspace, rows = options.load(updated=options.format == "json")
    rows = options.without_ended(workspace, rows, TODAY)
    found = in_file_order(options.only_stale(rows, TODAY, workspace.today))
    write(
        records(found, updated=options.format == "json" or options.stale, day=workspace.today),
        stale_columns(LIST_COLUMNS, options.stale),
        options.format,
        title=f"Trackables: {len(found)}",
        empty="no trackables match",
    )
    return 0


def _tree(options: ReportOptions) -> int:
    """The plans as trees, trimmed to the trackables that pass the filters."""
    from plantrack.rows.query import NO_FILTERS

    if options.format not in ("table", "json"):
        from plantrack.errors import UsageError

        raise UsageError(
            f"--all-levels shows a tree, which --format {options.format} cannot hold",
            hint="use --format table or --format json",
        )
    from plantrack.render.tree import write_tree
    from plantrack.rows.period import TODAY

    workspace, rows = options.load(full=True)
    current = options.without_ended(workspace, rows, TODAY)
    ended = {row.plan for row in rows} - {row.plan for row in current}
    workspace.plans = [loaded for loaded in workspace.plans if loaded.plan.id not in ended]
    keep = {(row.plan, row.id) for row in current}
    write_tree(workspace, keep, prune=options.filters() != NO_FILTERS, output_format=options.format)
    return 0
