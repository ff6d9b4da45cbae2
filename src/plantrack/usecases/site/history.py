"""What the public site reads from git: the commit it is built from (and that commit's
day, which stands for "today" so two builds of one commit are the same), and the plans
as they stood at each quarter close.

A quarter close is a tag ``plantrack/2021-22-Q3`` (``plantrack close``,
:mod:`plantrack.usecases.close`) where the organisation has tagged its closes; where
it has none, the last commit on or before the quarter's last day
(as ``trend`` reads it). Each version of a plan file is read once, and only what
the site shows of it is kept: its public trackables (for the trend's counts) and
the status of each public action and milestone (for each item's small history).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date, timedelta

from plantrack.dates import Quarter
from plantrack.errors import PlantrackError
from plantrack.git import gitlog
from plantrack.plan.folder import PlanInfo
from plantrack.plan.status import Status
from plantrack.rows.index import Trackable
from plantrack.rows.period import AsAt
from plantrack.rows.query import current_plans, late_rows
from plantrack.usecases.close import closed_quarters
from plantrack.usecases.site.public import public_view
from plantrack.usecases.trend import closes, committed_plan


@dataclass(frozen=True)
class Source:
    """Where a build comes from: the commit (None outside git), its day, and whether
    the plans differ from it."""

    commit: str | None
    day: date
    dirty: bool = False
    root: str = "."

    @property
    def short(self) -> str | None:
        return self.commit[:7] if self.commit else None


def source_of(plans_path: str, today: date) -> Source:
    """The commit checked out where the plans are, or (outside git) today."""
    try:
        root = gitlog.repo_root(plans_path)
    except PlantrackError:
        return Source(None, today, root=os.path.abspath("."))
    found = gitlog.head(_prefix(plans_path, root), root)
    if found is None:
        return Source(None, today, root=root)
    return Source(found.sha, date.fromisoformat(found.day), found.dirty, root)


def _prefix(plans_path: str, root: str) -> str:
    prefix = os.path.relpath(os.path.abspath(plans_path), root)
    return "" if prefix == "." else prefix.replace(os.sep, "/")


@dataclass
class Close:
    """The public part of the plans at one quarter close."""

    quarter: Quarter
    commit: str
    rows: list[Trackable] = field(default_factory=list)
    statuses: dict[tuple[str, str], Status | None] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    infos: list[PlanInfo] = field(default_factory=list)  # each plan's keys (its period)

    @property
    def counted(self) -> list[Trackable]:
        """The rows the trend counts: of the plans that had not ended by this quarter,
        the ended-plans rule of ``trend`` and every report."""
        day = self.quarter.last_day + timedelta(days=1)
        return current_plans(self.infos, self.rows, AsAt(day=self.quarter.last_day), day)[0]

    @property
    def overdue(self) -> int:
        """Overdue then, of the rows counted: D the day after the quarter closed."""
        day = self.quarter.last_day + timedelta(days=1)
        return sum(1 for _ in late_rows(self.counted, AsAt(day=day), day))


def tagged_closes(path: str, year_start: int) -> list[tuple[Quarter, str]]:
    """``(quarter, commit)`` of each quarter closed by a tag in this calendar, oldest
    first."""
    return [(c.quarter, c.sha) for c in closed_quarters(path) if c.quarter.year_start == year_start]


def quarter_closes(plans_path: str, year_start: int, last: Quarter) -> list[Close]:
    """The plans at each quarter close up to ``last``: tagged closes where there are any,
    else each quarter from the first commit's to ``last``. Empty outside git."""
    try:
        root = gitlog.repo_root(plans_path)
    except PlantrackError:
        return []
    prefix = _prefix(plans_path, root)
    tagged = [(q, c) for q, c in tagged_closes(plans_path, year_start) if q <= last]
    if tagged:
        points = {q: {p: f"{c}:{p}" for p in gitlog.list_files(c, prefix, root)} for q, c in tagged}
        commits = dict(tagged)
    else:
        history = [s for s in gitlog.snapshots(prefix, root) if s.files]
        if not history:
            return []
        first = Quarter.containing(date.fromisoformat(history[0].date[:10]), year_start)
        quarters = []
        while first <= last:
            quarters.append(first)
            first = first.next()
        chosen = {q: s for q, s in closes(history, quarters).items() if s is not None}
        points = {q: dict(s.files) for q, s in chosen.items()}
        commits = {q: s.sha for q, s in chosen.items()}
    return _read(points, commits, root)


def _read(points: dict, commits: dict, root: str) -> list[Close]:
    blobs = gitlog.read_blobs(
        sorted({spec for files in points.values() for spec in files.values()}), root
    )
    parsed: dict[str, tuple | None] = {}  # by content: one parse per distinct version
    found = []
    for quarter, files in points.items():
        close = Close(quarter, commits[quarter])
        for path, spec in sorted(files.items()):
            content = blobs.get(spec)
            key = hashlib.sha1(content or b"").hexdigest()  # noqa: S324 (a cache key)
            if key not in parsed:
                parsed[key] = _public_state(content, path)
            state = parsed[key]
            if state is None:
                close.unreadable.append(path)
                continue
            close.rows.extend(state[0])
            close.statuses.update(state[1])
            close.infos.append(state[2])
        found.append(close)
    return found


def _public_state(content: bytes | None, path: str) -> tuple | None:
    """A file version's public trackables and tracked statuses; None when it was not a
    valid plan then (half a plan would mislead more than leaving it out)."""
    found = committed_plan(content, path)
    if found is None:
        return None
    plan, document = found
    info = PlanInfo.of(plan, path)
    view = public_view(plan, document)
    if view is None:
        return [], {}, info
    statuses = {
        (plan.id, node.id): node.item.status
        for node in view.nodes
        if node.kind in ("action", "milestone")
    }
    return view.rows, statuses, info
