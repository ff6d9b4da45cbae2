"""``plantrack cache``: where the report cache lives, and clearing it."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class CacheAction(str, Enum):
    clear = "clear"
    path = "path"


def command(
    action: Annotated[
        CacheAction, typer.Argument(metavar="clear|path", help="clear: empty it; path: show where.")
    ],
) -> int:
    """Manage the cache of checked plans that makes repeated reports fast.

    Example: plantrack cache clear
    """
    from plantrack.rows.cache import cache_dir, clear

    if action is CacheAction.path:
        typer.echo(str(cache_dir()))
    else:
        typer.echo(f"removed {clear()} cached plan(s) from {cache_dir()}")
    return 0
