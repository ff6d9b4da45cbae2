"""The trend: counts at each financial quarter's close, as the plans stood then.

Only the plan repo's history knows what the plans said at the end of a past
quarter. A quarter closed with ``plantrack close`` is taken from its tag (the commit
signed off, whenever its returns were committed); any other quarter falls back to the
last commit on or before its last day, and each point says which. Its plan files are
read from git (one ``git log`` pass, one ``ls-tree`` per tag, one batch of blob reads,
each distinct file version parsed once) and counted as ``summary`` counts: the same
count keys (:data:`plantrack.rows.counts.COUNTS`), the same ended-plans rule
(:func:`plantrack.rows.query.current_plans`), the same filters. An item is overdue "then"
by the rule of docs/reference/plan-format.md with D the day after the quarter closed
(today, for the quarter still running).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from plantrack.config import default_plans
from plantrack.dates import Quarter
from plantrack.errors import UsageError
from plantrack.git import gitlog
from plantrack.plan.folder import PlanInfo
from plantrack.plan.load import LoadError, load_bytes
from plantrack.plan.schema_errors import validate_document
from plantrack.rows.counts import COUNTS, count_of
from plantrack.rows.index import Trackable, trackables
from plantrack.rows.period import AsAt, QuarterName
from plantrack.rows.query import Filters, current_plans, late_rows, select, shared
from plantrack.usecases.close import ClosedQuarter, closes_in
from plantrack.usecases.reporting import Scope, load


@dataclass
class QuarterPoint:
    """One quarter of the trend: the commit it was read at, and what it counted."""

    quarter: Quarter
    commit: str
    committed: str  # the commit's date (ISO 8601)
    counts: dict[str, int]  # by count key (counts.COUNTS), every key present
    overdue: int
    as_at: date  # day D of the overdue count
    tag: str | None = None  # the close's tag, or None: the last commit on or before its end
    unreadable: list[str] = field(default_factory=list)  # files that did not load then
    ended: list[str] = field(default_factory=list)  # plans left out as ended by then

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter.label(),
            "commit": self.commit,
            "committed": self.committed,
            "tag": self.tag,
            "counts": dict(self.counts),
            "total": self.total,
            "overdue": self.overdue,
            "as_at": self.as_at.isoformat(),
            "unreadable": list(self.unreadable),
            "ended": list(self.ended),
        }


def count_rows(rows: list[Trackable]) -> dict[str, int]:
    """Counts by count key (``off_track`` ... ``done``), every key present, in order."""
    counts = dict.fromkeys((c.key for c in COUNTS), 0)
    for row in rows:
        counts[count_of(row.status).key] += 1
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


def trend_of(
    scope: Scope, first: QuarterName | None, last: QuarterName | None
) -> list[QuarterPoint]:
    """``trend``: the plans a report reads must keep one financial calendar; the trend of
    their folder (the first path), its quarters read in that calendar."""
    workspace, rows = load(scope)
    year_start = shared({row.year_start for row in rows} or {4})
    if year_start is None:
        raise UsageError(
            "these plans keep different financial calendars; a trend needs one",
            hint="choose plans of one calendar with {0}",
            named=("plan",),
        )
    return trend(
        (scope.plans or [default_plans()])[0],
        year_start=year_start,
        today=workspace.today,
        first=first.in_calendar(year_start) if first else None,
        last=last.in_calendar(year_start) if last else None,
        filters=scope.filters,
        all_plans=scope.all_plans,
    )


def trend(
    plans_path: str,
    *,
    year_start: int,
    today: date,
    first: Quarter | None = None,
    last: Quarter | None = None,
    filters: Filters | None = None,
    all_plans: bool = False,
) -> list[QuarterPoint]:
    """The trend of the plans under ``plans_path``, oldest quarter first.

    Quarters run from ``first`` (default: the quarter of the first commit that holds
    the plans) to ``last`` (default and at most: the current quarter); a quarter before
    any commit is left out. ``all_plans`` counts plans that had ended by a quarter too.
    """
    root, prefix = gitlog.locate(plans_path)
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
    chosen = _chosen(history, quarters, closes_in(root), prefix, root)
    wanted = {blob for snapshot, _ in chosen.values() for blob in snapshot.files.values()}
    blobs = gitlog.read_blobs(sorted(wanted), root)
    parsed: dict[str, tuple[list[Trackable], PlanInfo] | None] = {}
    points = []
    for quarter, (snapshot, tag) in chosen.items():
        rows: list[Trackable] = []
        infos: list[PlanInfo] = []
        unreadable = []
        for path, blob in sorted(snapshot.files.items()):
            if blob not in parsed:
                parsed[blob] = _plan(blobs.get(blob), path)
            found = parsed[blob]
            if found is None:
                unreadable.append(path)
            else:
                rows.extend(found[0])
                infos.append(found[1])
        as_at = min(quarter.last_day + timedelta(days=1), today)
        point = _point(quarter, snapshot, rows, infos, filters, all_plans, as_at)
        point.tag, point.unreadable = tag, unreadable
        points.append(point)
    return points


def _chosen(
    history: list[gitlog.Snapshot],
    quarters: list[Quarter],
    closes_made: list[ClosedQuarter],
    prefix: str,
    root: str,
) -> dict[Quarter, tuple[gitlog.Snapshot, str | None]]:
    """Each quarter's state and the tag it came from: its close's tag where it has one,
    else (tag None) the last commit on or before its end; a quarter with neither is
    left out."""
    tagged = {c.quarter: c for c in closes_made}
    chosen: dict[Quarter, tuple[gitlog.Snapshot, str | None]] = {}
    for quarter, snapshot in closes(history, quarters).items():
        close = tagged.get(quarter)
        if close is not None:
            files = gitlog.tree_blobs(close.sha, prefix, root)
            chosen[quarter] = (gitlog.Snapshot(close.sha, close.date, files), close.tag)
        elif snapshot is not None:
            chosen[quarter] = (snapshot, None)
    return chosen


def _point(
    quarter: Quarter,
    snapshot: gitlog.Snapshot,
    rows: list[Trackable],
    infos: list[PlanInfo],
    filters: Filters | None,
    all_plans: bool,
    as_at: date,
) -> QuarterPoint:
    """One quarter counted as ``summary`` counts: the plans that had not ended by it
    (unless ``all_plans``; a plan named by the filters is kept), then the filters."""
    ended: list[str] = []
    if not all_plans:
        keep = filters.plans if filters else ()
        rows, ended = current_plans(infos, rows, AsAt(day=quarter.last_day), as_at, keep)
    rows = select(rows, filters)
    return QuarterPoint(
        quarter,
        snapshot.sha,
        snapshot.date,
        count_rows(rows),
        sum(1 for _ in late_rows(rows, AsAt(day=as_at), as_at)),
        as_at,
        ended=ended,
    )


def _plan(content: bytes | None, path: str) -> tuple[list[Trackable], PlanInfo] | None:
    """The trackables and plan keys of one committed file version; None when it was not
    a valid plan then (counting half a plan would mislead more than leaving it out and
    saying so)."""
    found = committed_plan(content, path)
    if found is None:
        return None
    plan, document = found
    return trackables(plan, document), PlanInfo.of(plan, path)


def committed_plan(content: bytes | None, path: str) -> tuple | None:
    """One committed file version as ``(plan, document)``; None when it was absent or
    not a valid plan then (trend and the site's history both leave such a version out)."""
    if content is None:
        return None
    try:
        document = load_bytes(content, path)
    except LoadError:
        return None
    plan, _problems = validate_document(document)
    return None if plan is None else (plan, document)
