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
    from plantrack.render.reports import write_listing
    from plantrack.usecases.reporting import listing

    if all_levels:
        return _tree(options)
    # JSON rows carry "updated" (from git, or the answer kept for this commit); the
    # other formats ask for it only with --stale.
    chosen = listing(options.scope(), updated=options.format == "json")
    write_listing(chosen, options.format, options.stale)
    return 0


def _tree(options: ReportOptions) -> int:
    """The plans as trees, trimmed to the trackables that pass the filters."""
    if options.format not in ("table", "json"):
        from plantrack.errors import UsageError

        raise UsageError(
            f"--all-levels shows a tree, which --format {options.format} cannot hold",
            hint="use --format table or --format json",
        )
    from plantrack.render.reports import say_ended
    from plantrack.render.tree import write_tree
    from plantrack.usecases.reporting import tree

    chosen = tree(options.scope())
    say_ended(chosen.ended)
    trimmed = options.filtered or options.stale
    write_tree(chosen.workspace, chosen.found, prune=trimmed, output_format=options.format)
    return 0
