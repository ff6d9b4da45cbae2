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
    choices = list(choices)
    # A ratio of at least ``cutoff`` needs len(word) <= (2 / cutoff - 1) * len(choice):
    # a longer word (a pasted paragraph, a 10 MB line) is near nothing, and difflib
    # would index all of it before finding that out.
    longest = max(map(len, choices), default=0)
    if cutoff > 0 and len(word) > (2 / cutoff - 1) * longest:
        return []
    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


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
