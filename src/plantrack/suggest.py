"""The one "did you mean" helper: the nearest known words to one that is not known.

Unknown keys, statuses, links, plan and item ids, months and date words all
suggest through here, so every hint reads the same and uses the same notion of
"near" (difflib's ratio, at least 0.6). It sits at the bottom of the house,
beside :mod:`plantrack.errors`, so the date grammar may use it too.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

CUTOFF = 0.6


def closest(word: str, choices: Iterable[str], n: int = 1, cutoff: float = CUTOFF) -> list[str]:
    """Up to ``n`` choices near ``word``, nearest first (a higher ``cutoff`` where short
    words would otherwise look alike, as date words do)."""
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)


def did_you_mean(
    word: str, choices: Iterable[str], n: int = 1, shown: Callable[[str], str] = str
) -> str | None:
    """ "did you mean 'status'?" (or "'a' or 'b'" with ``n`` > 1), None if none is near.

    ``shown`` spells a choice for the reader (``str.capitalize`` for month names).
    """
    close = closest(word, choices, n)
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{shown(choice)}'" for choice in close) + "?"
