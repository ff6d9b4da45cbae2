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
    from plantrack.render.outcomes import write_cache_folder, write_cleared
    from plantrack.usecases.upkeep import cache_folder, clear_cache

    if action is CacheAction.path:
        write_cache_folder(cache_folder())
    else:
        write_cleared(*clear_cache())
    return 0
