"""``plantrack init``: scaffold a plan repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# The quarter's reporting, as the guide's "Closing a quarter: the cycle" tells it.
CYCLE = (
    "each quarter: plantrack request (returns to the leads) -> chase -> collect --commit"
    " -> review (diff, summary, a draft report) -> close Q (tags plantrack/YYYY-YY-QN)"
    " -> report --quarter Q"
)


def command(
    folder: Annotated[Path, typer.Argument(help="Where to create the plan repo.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> int:
    """Create plans/example.yaml, the schema, a pre-commit config, a CI workflow, a
    workflow publishing the public site, an example plantrack-site.yaml and VS Code
    settings.

    Example: plantrack init my-plans && cd my-plans && plantrack validate
    """
    from plantrack.cli.scaffold import enclosing_repository, next_steps, scaffold
    from plantrack.render.console import console, safe

    written = scaffold(folder, force=force)
    out = console()
    for path in written:
        out.print(f"wrote {safe(path)}")
    *first, last = next_steps(folder)
    out.print(f"next: {', '.join(first)}, then {last}")
    out.print(CYCLE, soft_wrap=True)
    outer = enclosing_repository(folder)
    if outer is not None:
        out.print(
            f"note: {safe(folder)} is inside the git repository at {safe(outer)}; pre-commit and "
            "GitHub read .pre-commit-config.yaml and .github/ at a repository's root only",
            soft_wrap=True,
        )
    return 0
