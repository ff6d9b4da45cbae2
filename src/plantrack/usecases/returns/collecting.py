"""``collect``, end to end: the plans loaded, the returns checked (:mod:`.collect`),
what was found handed to the caller to show, then the answers written and, if asked,
committed (:mod:`.apply`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date

from plantrack.config import default_plans
from plantrack.rows.period import QuarterName
from plantrack.usecases.returns.apply import Applied, apply
from plantrack.usecases.returns.collect import Collection, collect, commit_message
from plantrack.workspace import load


def collect_returns(
    files: Sequence[str | os.PathLike],
    plans: Sequence[str] | None,
    *,
    checked: Callable[[Collection], None],
    quarter: QuarterName | None = None,
    as_of: date | None = None,
    partial: bool = False,
    force: bool = False,
    commit: bool = False,
    dry_run: bool = False,
) -> tuple[Collection, Applied | None]:
    """Check every return against the plans, hand the result to ``checked`` (before
    anything is written: a refused write below must still show why), then, unless a
    dry run or a refusal, write the answers (committing them with ``commit``, the
    message listing per lead what changed). Returns what was checked and what was
    written (None when nothing was)."""
    result = collect(
        files,
        load(plans),
        plans_path=(plans or [default_plans()])[0],
        quarter=quarter,
        as_of=as_of,
        partial=partial,
        force=force,
        commit=commit,
    )
    checked(result)
    if dry_run or not result.writable:
        return result, None
    return result, apply(result.edits, commit_message(result) if commit else None, result.root)
