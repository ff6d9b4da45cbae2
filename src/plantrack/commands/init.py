"""``plantrack init``: scaffold a plan repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def command(
    folder: Annotated[Path, typer.Argument(help="Where to create the plan repo.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> int:
    """Create plans/example.yaml, the schema, a pre-commit config, a CI workflow, a
    workflow publishing the public site, an example plantrack-site.yaml and VS Code
    settings.

    Example: plantrack init my-plans && cd my-plans && plantrack validate
    """
    from plantrack.cli.scaffold import init_repository
    from plantrack.render.outcomes import write_scaffolded

    write_scaffolded(init_repository(folder, force=force))
    return 0
