"""``diff``: what a change to the plans means, in plan terms, between two revisions (a
pull request's review): the changes listed under their summary, or the baseline rules
checked. The plans default to the configured folder, as every report's do."""

from __future__ import annotations

from collections.abc import Sequence

from plantrack.config import default_plans
from plantrack.git.baselines import BaselineReport, check
from plantrack.git.changes import Listing, diff, listing


def changes_between(
    rev_a: str | None, rev_b: str | None, plans: Sequence[str] | None, with_as_of: bool
) -> Listing:
    """The changes between the revisions, led by their summary; an item whose only change
    is its as_of is counted, and listed only ``with_as_of``."""
    return listing(diff(rev_a, rev_b, list(plans or [default_plans()])), with_as_of)


def baselines_kept(
    rev_a: str | None, rev_b: str | None, plans: Sequence[str] | None
) -> BaselineReport:
    """Every baseline rule the change breaks (``diff --check``)."""
    return check(rev_a, rev_b, list(plans or [default_plans()]))
