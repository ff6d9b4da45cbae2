"""What ``collect`` says: every problem, conflict and warning on stderr (each with its
file, row and column), then what was (or would be) updated and committed on stdout."""

from __future__ import annotations

from plantrack.render.console import console, error_console, safe
from plantrack.usecases.returns import Applied, Collection, describe_changes


def show_problems(result: Collection, force: bool) -> None:
    """The warnings, errors and conflicts, and which returns were held back."""
    err = error_console()
    for problem in result.warnings:
        err.print(safe(problem.text()), highlight=False, soft_wrap=True)
    for problem in [*result.problems, *result.conflicts]:
        applied = " (applied: --force)" if problem.severity == "warning" else ""
        err.print(safe(problem.text() + applied), highlight=False, soft_wrap=True)
    for skipped in result.skipped:
        err.print(
            f"{safe(skipped)}: nothing applied from this return because of the errors above "
            "(--partial applies its good rows)",
            highlight=False,
            soft_wrap=True,
        )
    if result.conflicts and not force:
        err.print(
            f"{len(result.conflicts)} conflict(s) not applied (--force applies them)",
            highlight=False,
        )


def show_outcome(result: Collection, done: Applied | None, dry_run: bool) -> None:
    """The diff of a dry run, or what was written and committed; or why nothing was."""
    out, err = console(), error_console()
    if dry_run:
        for edit in result.edits:
            out.print(safe(edit.diff()), end="", highlight=False)
    elif done is None and result.edits:
        err.print(
            "nothing written: a refused collect changes no byte "
            "(fix the rows above, or --partial applies the rest)",
            highlight=False,
        )
    for name in done.cleaned if done else []:
        err.print(f"removed {safe(name)}, left by an interrupted edit", highlight=False)
    verb = "updated" if done is not None else "would update"
    for answer in result.changed:
        out.print(
            f"{verb} {safe(answer.ref)}: {safe(describe_changes(answer.changes))}",
            highlight=False,
            soft_wrap=True,
        )
    if not result.changed:
        out.print("no changes to apply")
    if done is not None and done.commit:
        out.print(f"committed {done.commit[:12]}: {len(result.changed)} item(s)")
