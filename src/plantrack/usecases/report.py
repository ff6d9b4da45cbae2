"""The committee paper's content, as plain data: the numbers first, then what changed
this quarter and how the picture moved, then the exceptions, what is overdue, and the
detail per plan and theme.

Nothing here renders: ``render/html.py`` turns one :class:`Paper` into HTML or
Markdown, so the two can never disagree about a number. Git is optional: outside a
repository (or before the history reaches back a quarter) the "changes this quarter"
and trend sections are simply left out, as every empty section is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plantrack.config import default_plans
from plantrack.dates import Quarter
from plantrack.errors import PlantrackError
from plantrack.git.changes import Change, diff, slip
from plantrack.plan.ragrule import better
from plantrack.plan.status import Status
from plantrack.rows.counts import COUNTS, SENTENCE_WORDS, Count, count_notes, count_of
from plantrack.rows.index import Trackable
from plantrack.rows.period import AsAt, QuarterName, quarter_or_current
from plantrack.rows.query import Filters, overdue, severity_rank, shared, stale_rows, upcoming
from plantrack.rows.records import record
from plantrack.usecases.close import ClosedQuarter
from plantrack.usecases.close import closed as close_of
from plantrack.usecases.reporting import Scope, select
from plantrack.usecases.trend import QuarterPoint, trend

# The counts and their words are the one vocabulary of every report (counts.COUNTS):
# key, words, column header, RAG colour and the letter printed beside the colour.
TREND_QUARTERS = 8  # the trend shows at most the last eight quarter closes


@dataclass
class Mix:
    """Counts by bucket with their shares: one bar, one row of numbers."""

    counts: dict[str, int]
    total: int

    @classmethod
    def of(cls, statuses: Sequence[Status | None]) -> Mix:
        counts = dict.fromkeys((c.key for c in COUNTS), 0)
        for status in statuses:
            counts[count_of(status).key] += 1
        return cls(counts, len(statuses))

    def percent(self, key: str) -> int:
        return round(100 * self.counts[key] / self.total) if self.total else 0

    @property
    def segments(self) -> list[dict[str, Any]]:
        """The bar's parts: colour, words, letter, count and share (of 100, unrounded
        so the parts fill the bar exactly)."""
        return [
            {
                "rag": c.rag,
                "label": c.header,
                "letter": c.letter,
                "count": self.counts[c.key],
                "share": round(100 * self.counts[c.key] / self.total, 3),
            }
            for c in COUNTS
            if self.counts[c.key]
        ]


@dataclass
class PlanPart:
    """One plan's line in the summary and its detail at the end of the paper."""

    id: str
    title: str
    period: str | None
    file: str
    mix: Mix
    overdue: int
    as_at: str  # day D in this plan's calendar
    next_quarter: str
    themes: list[dict[str, Any]] = field(default_factory=list)  # id, title, mix
    exceptions: list[dict[str, Any]] = field(default_factory=list)
    late: list[dict[str, Any]] = field(default_factory=list)
    revised: list[dict[str, Any]] = field(default_factory=list)
    due_next: list[dict[str, Any]] = field(default_factory=list)
    # Re-dated (due later than original_due) and their average slip in days; the
    # trackables whose stated status is better than the plan's rag_rule gives as at D.
    redated: int = 0
    slip_days: int = 0
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def average_slip(self) -> int | None:
        return round(self.slip_days / self.redated) if self.redated else None


@dataclass
class ChangeSet:
    """What changed in plan terms between two points, grouped as a committee reads it."""

    title: str  # "Changes this quarter", or "Changes since REV" for ``--since``
    since: str  # words for the earlier point ("the close of Q3 2025/26", "HEAD")
    until: str  # words for the later point ("the close of Q4 2025/26", "now")
    status: list[dict[str, Any]] = field(default_factory=list)
    revised: list[dict[str, Any]] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def plan_ids(self) -> list[str]:
        """The plans the changes are in, in order of first mention."""
        entries = self.status + self.revised + self.added + self.removed
        return list(dict.fromkeys(entry["plan"] for entry in entries))

    @property
    def several_plans(self) -> bool:
        """Whether a Plan column is needed to tell the changes apart."""
        return len(self.plan_ids) > 1

    @property
    def counts_text(self) -> str:
        """ "15 status changes, 3 revised dates and 1 item added": what the section holds."""
        parts = [
            f"{len(entries)} {noun if len(entries) == 1 else plural}"
            for entries, noun, plural in (
                (self.status, "status change", "status changes"),
                (self.revised, "revised date", "revised dates"),
                (self.added, "item added", "items added"),
                (self.removed, "item removed", "items removed"),
            )
            if entries
        ]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    @property
    def empty(self) -> bool:
        return not (self.status or self.revised or self.added or self.removed)


@dataclass
class Paper:
    """Everything the committee paper shows."""

    quarter: str | None  # as the user wrote it
    quarter_label: str | None  # "Q4 2025/26" when the plans share a calendar
    as_at: str | None  # day D shared by the plans, or None when calendars differ
    as_of: str | None  # the newest as_of written in the plans
    generated: str
    total: Mix
    overdue: int
    plans: list[PlanPart]
    changes: ChangeSet | None = None
    trend: list[dict[str, Any]] = field(default_factory=list)
    counts: tuple[Count, ...] = COUNTS
    closed: dict[str, str] | None = None  # tag, commit, on, by: the paper of a closed quarter

    @property
    def used(self) -> list[Count]:
        """The counts anything in the paper falls in: the columns worth a reader's eye."""
        return [c for c in self.counts if self.total.counts[c.key]] or list(self.counts)

    @property
    def count_notes(self) -> list[str]:
        """What a count's header cannot say ("Done includes cancelled items ..."), for
        the counts the paper shows: said once, under its summary table."""
        return count_notes(c.key for c in self.used)

    @property
    def exception_count(self) -> int:
        return sum(len(plan.exceptions) for plan in self.plans)

    @property
    def disagreement_count(self) -> int:
        return sum(len(plan.disagreements) for plan in self.plans)

    @property
    def redated(self) -> int:
        return sum(plan.redated for plan in self.plans)

    @property
    def average_slip(self) -> int | None:
        """The average slip in days of every plan's re-dated trackables."""
        days = sum(plan.slip_days for plan in self.plans)
        return round(days / self.redated) if self.redated else None

    @property
    def sentence(self) -> str:
        """The opening summary in words, with percentages."""
        mix = self.total
        if not mix.total:
            return "No actions or milestones match."
        noun = "action or milestone" if mix.total == 1 else "actions and milestones"
        plans = f" in {len(self.plans)} plans" if len(self.plans) > 1 else ""
        order = ("done", "on_track", "behind", "off_track", "unrated", "not_started", "no_status")
        parts = [
            f"{mix.counts[key]} ({mix.percent(key)}%) {SENTENCE_WORDS[key]}"
            for key in order
            if mix.counts[key]
        ]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"Of {mix.total} {noun}{plans}, {listed}."


def newest_as_of(rows: Sequence[Trackable], infos: Sequence) -> str | None:
    """The latest ``as_of`` written anywhere in the plans (ISO), or None."""
    days = [row.as_of for row in rows if row.as_of]
    days += [date.fromisoformat(info.as_of) for info in infos if info.as_of]
    return max(days).isoformat() if days else None


def paper(scope: Scope, quarter: QuarterName | None, since: str | None) -> tuple[Paper, list]:
    """``report``: the paper for ``quarter`` over the rows a report reads
    (:mod:`plantrack.usecases.reporting`), every row knowing when it was last updated
    (the paper marks statuses not updated); a closed quarter's paper is read at its tag,
    so it is the same whenever it is made. Also the ended plans left out."""
    paths = [str(path) for path in scope.plans or [default_plans()]]
    at = close_of(quarter, paths[0])
    chosen = select(scope, AsAt(quarter=quarter), updated=True, at=at)
    made = build(
        chosen.workspace,
        chosen.rows,
        quarter=quarter,
        since=since,
        plans_paths=paths,
        filters=scope.filters,
        closed=at,
        all_plans=scope.all_plans,
    )
    return made, chosen.ended


def build(
    workspace,
    rows: list[Trackable],
    *,
    quarter: QuarterName | None,
    since: str | None,
    plans_paths: Sequence[str],
    filters: Filters | None = None,
    closed: ClosedQuarter | None = None,
    all_plans: bool = False,
) -> Paper:
    """The paper for ``quarter`` (default: the current one) over the selected rows.

    The quarter's changes and the trend follow the history of one plans folder; with
    several ``plans_paths`` they are left out (``since`` still compares them all). A row
    stale for the quarter (not done, not updated since its first day: ``updated`` as
    the rows carry it, see plantrack.git.updated) says so beside its status.
    ``closed`` is the quarter's close when the rows were read at its tag (on the day
    it was closed, so the paper is the same whenever it is made); ``all_plans`` counts
    ended plans in the trend too, as the caller did in ``rows``.
    """
    today = workspace.today
    parts, late = _plan_parts(workspace.infos, rows, quarter, today)
    year_start = shared(row.year_start for row in rows)
    this = quarter_or_current(quarter, year_start, today) if year_start else None
    paper = Paper(
        quarter=quarter.text if quarter else None,
        quarter_label=this.label() if this else None,
        as_at=shared(p.as_at for p in parts) or (None if parts else today.isoformat()),
        as_of=newest_as_of(rows, workspace.infos),
        generated=today.isoformat(),
        total=Mix.of([row.status for row in rows]),
        overdue=len(late),
        plans=parts,
    )
    if closed is not None:
        paper.closed = _close_record(closed)
    until = closed.sha if closed else None
    if this is not None and rows and len(plans_paths) == 1:
        history = _history(plans_paths[0], this, rows, filters, today, all_plans)
        paper.changes, paper.trend = history
        _this_quarter_as_counted(paper, this)
    if since:
        paper.changes = _since(since, plans_paths, rows, until)
    return paper


def _plan_parts(infos, rows: list[Trackable], quarter: QuarterName | None, today: date):
    """Each plan's part of the paper (plans with no selected row left out), each row
    marked when stale; and the overdue rows of them all."""
    as_at = AsAt(quarter=quarter)
    stale = {(row.plan, row.id) for row in stale_rows(rows, as_at, today)}
    late = overdue(rows, as_at, today)
    following = upcoming(rows, quarter=quarter, following=True, today=today)
    parts = []
    for info in infos:
        mine = [row for row in rows if row.plan == info.id]
        if not mine:
            continue
        year_start = mine[0].year_start
        parts.append(
            _plan_part(
                info,
                mine,
                [item for item in late if item.row.plan == info.id],
                [row for row in following if row.plan == info.id],
                as_at.day_in(year_start, today).isoformat(),
                quarter_or_current(quarter, year_start, today).next().label(),
            )
        )
        _mark_stale(parts[-1], stale)
    return parts, late


def _close_record(closed: ClosedQuarter) -> dict[str, str]:
    """What the paper says of the close it was read at: tag, commit, day, who."""
    return {
        "tag": closed.tag,
        "commit": closed.sha[:12],
        "on": closed.day.isoformat(),
        "by": closed.closed_by.split(" <")[0],
    }


def _this_quarter_as_counted(paper: Paper, this: Quarter) -> None:
    """The trend's last row, this quarter, is the paper's own count: the same plans, the
    same day D, the working tree for a quarter not yet closed (the commit before it may
    differ), so the summary and the trend of one paper never disagree."""
    if paper.trend and paper.trend[-1]["quarter"] == this.label():
        paper.trend[-1] |= {"mix": paper.total, "overdue": paper.overdue}


def _plan_part(info, rows, late, following, as_at: str, next_quarter: str) -> PlanPart:
    part = PlanPart(
        info.id,
        info.title,
        info.period,
        info.file,
        Mix.of([row.status for row in rows]),
        len(late),
        as_at,
        next_quarter,
    )
    themes: dict[str, tuple[str, list]] = {}
    for row in rows:
        themes.setdefault(row.theme, (row.theme_title, []))[1].append(row.status)
    part.themes = [
        {"id": key, "title": title, "mix": Mix.of(statuses)}
        for key, (title, statuses) in themes.items()
    ]
    flagged = [row for row in rows if row.status in (Status.OFF_TRACK, Status.BEHIND)]
    flagged.sort(key=lambda row: severity_rank(row.status))  # stable: file order inside
    part.exceptions = [_with_slip(row) for row in flagged]
    part.late = [record(item.row, item, True) | {"slip": _slip(item.row)} for item in late]
    part.revised = [_with_slip(row) for row in rows if row.original_due]
    part.due_next = [record(row, updated=True) for row in following]
    _baselines(part, rows, date.fromisoformat(as_at))
    return part


def _mark_stale(part: PlanPart, stale: set[tuple[str, str]]) -> None:
    """Each listed row says whether its status is stale for the quarter: the paper prints
    "not updated since ..." beside such a status. A row with no update day known (no
    as_of, no git) is not marked: the paper could not say since when."""
    for listed in (part.exceptions, part.late, part.revised, part.due_next):
        for entry in listed:
            entry["stale"] = bool(entry["updated"]) and (entry["plan"], entry["id"]) in stale


def _baselines(part: PlanPart, rows: list[Trackable], day: date) -> None:
    """The plan's re-dated count and average slip, and where its rag_rule disagrees."""
    slips = [row.redated_days for row in rows if row.redated_days and row.redated_days > 0]
    part.redated, part.slip_days = len(slips), sum(slips)
    for row in rows:
        rule = row.rule_status(day)
        if rule is not None and row.status is not None and better(row.status, rule):
            entry = record(row, day=day) | {"slip_days": row.slip(day), "slip": _slip(row)}
            part.disagreements.append(entry)


def _with_slip(row: Trackable) -> dict[str, Any]:
    return record(row, updated=True) | {"slip": _slip(row)}


def _slip(row: Trackable) -> str | None:
    """ "+92 days, 1 quarter later" for a re-dated item, None otherwise."""
    if not row.original_due:
        return None
    meta = {"financial_year": row.financial_year, "year_start": row.year_start}
    return slip(row.original_due, row.due, meta)


# --- history: changes this quarter and the trend ------------------------------------------


def _history(
    plans_path: str,
    this: Quarter,
    rows: list[Trackable],
    filters: Filters | None,
    today: date,
    all_plans: bool,
) -> tuple[ChangeSet | None, list[dict[str, Any]]]:
    """The quarter's changes (from the previous quarter's close to this one's, or to now
    for the quarter running) and the trend up to it; (None, []) without git.

    Each quarter is read at its close's tag, else at the last commit on or before its
    end (:func:`plantrack.usecases.trend.trend`): returns committed after a quarter
    ended, then closed, count in that quarter."""
    try:
        points = trend(
            plans_path,
            year_start=this.year_start,
            today=today,
            first=_quarters_back(this, TREND_QUARTERS - 1),
            last=this,
            filters=filters,
            all_plans=all_plans,
        )
    except PlantrackError:  # not a git repository, no committed plans, no git at all
        points = []
    current = this == Quarter.current(year_start=this.year_start, today=today)
    at_close = {p.quarter: p for p in points}
    before, after = at_close.get(this.previous()), at_close.get(this)
    if before is None:
        return None, _trend(points)
    later = None if current or after is None else after.commit
    changes = diff(before.commit, later, plans_path)
    label = f"the close of {this.previous().label()}"
    until = "now" if later is None else f"the close of {this.label()}"
    return _change_set(changes, rows, label, until, "Changes this quarter"), _trend(points)


def _since(
    revision: str, plans_paths: Sequence[str], rows: list[Trackable], until: str | None
) -> ChangeSet:
    """``--since REV``: the changes from that revision to the working tree, or to the
    commit ``until`` (a closed quarter's)."""
    changes = diff(revision, until, list(plans_paths))
    words = "now" if until is None else "the close"
    return _change_set(changes, rows, revision, words, f"Changes since {revision}")


def _quarters_back(quarter: Quarter, count: int) -> Quarter:
    for _ in range(count):
        quarter = quarter.previous()
    return quarter


def _trend(points: list[QuarterPoint]) -> list[dict[str, Any]]:
    """The trend by count, when history gives at least two quarters."""
    if len(points) < 2:
        return []
    return [
        {
            "quarter": point.quarter.label(),
            "mix": Mix(dict(point.counts), point.total),
            "overdue": point.overdue,
            "tag": point.tag,
        }
        for point in points
    ]


def _change_set(
    changes: list[Change], rows: list[Trackable], since: str, until: str, title: str
) -> ChangeSet:
    """The changes to selected items (and items removed from selected plans), grouped."""
    by_key = {(row.plan, row.id): row for row in rows}
    plans = {row.plan for row in rows}
    found = ChangeSet(title, since, until)
    for change in changes:
        key = (change.plan, change.id)
        selected = key in by_key or (change.change == "removed" and change.plan in plans)
        if not selected or change.kind == "plan":
            continue
        row = by_key.get(key)
        entry = change.as_dict() | {
            "title": (row.title if row else None) or change.old or change.new,
            "lead": list(row.lead) if row else [],  # who to ask about it (none once removed)
        }
        if change.change == "status":
            found.status.append(entry)
        elif change.change == "due":
            found.revised.append(entry)
        elif change.change == "added":
            found.added.append(entry)
        elif change.change == "removed":
            found.removed.append(entry)
    return found
