"""``plantrack close``: signing a quarter off (the convention and reading closes back
are :mod:`plantrack.usecases.close`, which the returns and the reports import too).

The close checks what a committee paper needs: plan files committed (a tag names a
commit, not the working tree), plans valid, the quarter over; it says which returns
are still outstanding, and makes the annotated tag with the summary sentence and who
closed it. A quarter already closed at another commit is moved only when asked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from plantrack.config import default_plans, is_plan_name
from plantrack.dates import Quarter
from plantrack.errors import PlantrackError, UsageError
from plantrack.git import gitlog
from plantrack.rows.period import AsAt, QuarterName
from plantrack.rows.query import as_at_words, current_plans, sentence, shared, summarise
from plantrack.usecases.close import ClosedQuarter, closed_quarters, tag_name
from plantrack.usecases.returns import Outstanding, chase
from plantrack.workspace import current_day, load_folder


@dataclass
class Close:
    """What ``close`` did, or would refuse: the tag, the commit, what it says, and the
    returns still outstanding (a warning: a quarter may be closed without them)."""

    quarter: Quarter
    tag: str
    commit: str
    message: str
    sentence: str
    outstanding: list[Outstanding] = field(default_factory=list)
    returns_folder: str = ""
    returns_found: bool = False  # whether the quarter's returns folder exists at all
    moved: ClosedQuarter | None = None  # the close ``--force`` replaced
    unchanged: bool = False  # already closed at this very commit: nothing to do


def close(
    plans_paths: Sequence[str | os.PathLike] | None,
    named: QuarterName,
    returns: str | os.PathLike,
    force: bool = False,
) -> Close:
    """``close``: :func:`close_quarter` of the plans under ``plans_paths`` (None: the
    default folder), today."""
    return close_quarter(
        plans_paths or [default_plans()], named, today=current_day(), returns=returns, force=force
    )


def close_quarter(
    plans_paths: Sequence[str | os.PathLike],
    named: QuarterName,
    *,
    today: date,
    returns: str | os.PathLike,
    force: bool = False,
) -> Close:
    """Tag the commit checked out as the close of ``named``, after checking that the
    plans are committed and valid and that the quarter has ended; an existing close is
    moved only with ``force`` (and the result says from where)."""
    root, prefix = gitlog.locate(plans_paths[0])
    uncommitted = [
        name
        for path in plans_paths
        for name in gitlog.changed_files(_prefix(path), root)
        if is_plan_name(os.path.basename(name))
    ]
    if uncommitted:
        raise PlantrackError(
            f"{len(uncommitted)} uncommitted change(s) to the plans, e.g. {uncommitted[0]}; "
            "nothing closed",
            hint="commit them (or undo them) first: a close tags a commit, not the working tree",
        )
    head = gitlog.resolve_revision("HEAD", root)
    workspace = load_folder(plans_paths, today).require_valid()
    quarter = _quarter_of(named, workspace.rows)
    if today <= quarter.last_day:
        raise PlantrackError(
            f"{quarter.label()} ends on {quarter.last_day.isoformat()}: it cannot be closed "
            "before it has ended; nothing closed",
            hint=f"close it on or after {(quarter.last_day + timedelta(days=1)).isoformat()}",
        )
    tag = tag_name(quarter)
    before = next((c for c in closed_quarters(plans_paths[0]) if c.tag == tag), None)
    if before is not None and before.sha == head:
        return Close(quarter, tag, head, before.message, "", unchanged=True)
    if before is not None and not force:
        raise PlantrackError(
            f"{quarter.label()} was closed on {before.day.isoformat()}"
            f"{' by ' + before.closed_by if before.closed_by else ''} at commit {before.sha[:12]};"
            " its tag is not moved",
            hint="give {0} to move the close to the commit checked out now",
            named=("force",),
        )
    named = QuarterName.parse(quarter.label())  # "Q3 2021/22" in the message, not "last"
    as_at = AsAt(quarter=named)
    rows, _ = current_plans(workspace.infos, workspace.rows, as_at, today)
    said = sentence(summarise(rows, quarter=named, today=today).total, as_at_words(as_at, today))
    who = gitlog.identity(root)
    message = f"{quarter.label()} closed\n\n{said}.\n\nClosed by {who} with plantrack close.\n"
    folder, states = chase(workspace, named, returns)
    outstanding = [s for s in states if s.state != "complete"]
    gitlog.make_tag(tag, head, message, root, force=before is not None)
    found = os.path.isdir(folder)
    return Close(quarter, tag, head, message, said, outstanding, folder, found, before)


def _prefix(path: str | os.PathLike) -> str:
    return gitlog.locate(path)[1]


def _quarter_of(named: QuarterName, rows: Sequence) -> Quarter:
    """The quarter named, in the one calendar the plans keep (a close is one tag)."""
    year_start = shared(row.year_start for row in rows) if rows else 4
    if year_start is None:
        raise UsageError(
            "these plans keep different financial calendars; a close tags one quarter",
            hint="close the plans of each calendar from their own folder",
        )
    return named.in_calendar(year_start)
