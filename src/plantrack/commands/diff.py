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
    output_format: DiffFormatOption = Format.table,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Exit 1 when the change breaks a baseline rule: an original_due edited or "
            "removed, a due moved without keeping the old one, a trackable removed instead "
            "of cancelled, a status worse or a deadline later without a new rationale.",
        ),
    ] = False,
    with_as_of: Annotated[
        bool,
        typer.Option(
            "--with-as-of",
            help="List the items whose only change is their as_of too (a status "
            "confirmed, not changed): by default they are counted in the summary, not listed.",
        ),
    ] = False,
) -> int:
    """Status changes, revised dates, items added, removed or moved between revisions.

    It leads with a summary ("15 status changes, 40 as_of-only updates, 2 re-dated");
    an item whose only change is its as_of is counted there, not listed. JSON: an
    object with the summary's sentence, its counts by kind of change (those found) and
    the changes listed.

    Example: plantrack diff HEAD~1 HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    from plantrack.errors import UsageError

    if check:
        if with_as_of:
            raise UsageError("--with-as-of lists changes, which --check does not", hint="drop one")
        return _check(rev_a, rev_b, plans, output_format)
    from plantrack.render.history import write_changes
    from plantrack.usecases.review import changes_between

    if output_format is Format.github:
        raise UsageError("--format github goes with --check", hint="add --check")
    write_changes(changes_between(rev_a, rev_b, plans, with_as_of), output_format.value)
    return 0


def _check(
    rev_a: str | None, rev_b: str | None, plans: list[str] | None, output_format: Format
) -> int:
    """``--check``: the baseline rules, printed as ``validate`` prints its problems."""
    from plantrack.errors import UsageError
    from plantrack.render.diagnostics import render_check
    from plantrack.usecases.review import baselines_kept

    if output_format is Format.markdown:
        raise UsageError(
            "--check writes table, json or github", hint="use --format github in a workflow"
        )
    report = baselines_kept(rev_a, rev_b, plans)
    render_check(report, "text" if output_format is Format.table else output_format.value)
    return report.exit_code
