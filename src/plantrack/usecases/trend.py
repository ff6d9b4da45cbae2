"""The trend: counts by status at each financial quarter's close, as committed then.

Only the plan repo's history knows what the plans said at the end of a past
quarter. Each quarter is represented by the last commit on or before its last
day; its plan files are read from git (one ``git log`` pass, one batch of blob
reads, each distinct file version parsed once) and counted as ``summary``
counts today. An item is overdue "then" by the rule of docs/reference/plan-format.md with D
the day after the quarter closed (today, for the quarter still running).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from plantrack import gitlog
from plantrack.dates import Quarter
from plantrack.errors import UsageError
from plantrack.index import Trackable, trackables
from plantrack.period import AsAt
from plantrack.plan.check import validate_document
from plantrack.plan.load import LoadError, load_bytes
from plantrack.plan.status import SEVERITY
from plantrack.query import NOT_REPORTED, Filters, late_rows, select

# Every count key, in the order reports show them: worst first, then done (every status
# there is, so a new one is counted, never a KeyError).
COUNT_KEYS = (
    *(status.value for status in SEVERITY if not status.done),
    NOT_REPORTED,
    *(status.value for status in SEVERITY if status.done),
)


@dataclass
class QuarterPoint:
    """One quarter of the trend: the commit at its close and what it counted."""

    quarter: Quarter
    commit: str
    committed: str  # the commit's date (ISO 8601)
    counts: dict[str, int]
    overdue: int
    as_at: date  # day D of the overdue count
    unreadable: list[str] = field(default_factory=list)  # files that did not load then

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter.label(),
            "commit": self.commit,
            "committed": self.committed,
            "counts": dict(self.counts),
            "total": self.total,
            "overdue": self.overdue,
            "as_at": self.as_at.isoformat(),
            "unreadable": list(self.unreadable),
        }


def count_rows(rows: list[Trackable]) -> dict[str, int]:
    """Counts by canonical status (``not reported`` for none), every key present."""
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for row in rows:
        counts[row.status.value if row.status else NOT_REPORTED] += 1
    return counts


def closes(snapshots: list[gitlog.Snapshot], quarters: list[Quarter]) -> dict[Quarter, Any]:
    """For each quarter, the last snapshot committed on or before its last day (or None).

    Compared by the commit's own calendar day (its committer's offset): a commit at
    23:30 on 31 March in London belongs to that quarter whatever the reader's zone.
    """
    found: dict[Quarter, Any] = {}
    days = [date.fromisoformat(s.date[:10]) for s in snapshots]
    for quarter in quarters:
        chosen = None
        for snapshot, day in zip(snapshots, days, strict=True):
            if day <= quarter.last_day:
                chosen = snapshot
        found[quarter] = chosen
    return found


def trend(
    plans_path: str,
    *,
    year_start: int,
    today: date,
    first: Quarter | None = None,
    last: Quarter | None = None,
    filters: Filters | None = None,
) -> list[QuarterPoint]:
    """The trend of the plans under ``plans_path``, oldest quarter first.

    Quarters run from ``first`` (default: the quarter of the first commit that holds
    the plans) to ``last`` (default and at most: the current quarter); a quarter before
    any commit is left out.
    """
    root = gitlog.repo_root(plans_path)
    prefix = os.path.relpath(os.path.abspath(plans_path), root)
    prefix = "" if prefix == "." else prefix.replace(os.sep, "/")
    history = [s for s in gitlog.snapshots(prefix, root) if s.files]
    if not history:
        raise UsageError(
            f"no commit holds plan files under {plans_path}",
            hint="commit the plans first; the trend reads them from git history",
        )
    current = Quarter.current(year_start=year_start, today=today)
    start = first or Quarter.containing(date.fromisoformat(history[0].date[:10]), year_start)
    end = min(last or current, current)
    if start > end:
        raise UsageError(f"{start.label()} comes after {end.label()}: no quarters to show")
    quarters = []
    quarter = start
    while quarter <= end:
        quarters.append(quarter)
        quarter = quarter.next()
    chosen = {q: s for q, s in closes(history, quarters).items() if s is not None}
    blobs = gitlog.read_blobs(
        sorted({blob for s in chosen.values() for blob in s.files.values()}), root
    )
    parsed: dict[str, list[Trackable] | None] = {}
    points = []
    for quarter, snapshot in chosen.items():
        rows: list[Trackable] = []
        unreadable = []
        for path, blob in sorted(snapshot.files.items()):
            if blob not in parsed:
                parsed[blob] = _rows(blobs.get(blob), path)
            if parsed[blob] is None:
                unreadable.append(path)
            else:
                rows.extend(parsed[blob] or [])
        rows = select(rows, filters)
        as_at = min(quarter.last_day + timedelta(days=1), today)
        points.append(
            QuarterPoint(
                quarter,
                snapshot.sha,
                snapshot.date,
                count_rows(rows),
                sum(1 for _ in late_rows(rows, AsAt(day=as_at), as_at)),
                as_at,
                unreadable,
            )
        )
    return points


def _rows(content: bytes | None, path: str) -> list[Trackable] | None:
    """The trackables of one committed file version; None when it was not a valid plan
    then (counting half a plan would mislead more than leaving it out and saying so)."""
    if content is None:
        return None
    try:
        document = load_bytes(content, path)
    except LoadError:
        return None
    plan, _problems = validate_document(document)
    if plan is None:
        return None
    return trackables(plan, document)
