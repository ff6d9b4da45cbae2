"""Questions a meeting asks, as pure functions over trackables.

Everything here works on :class:`plantrack.index.Trackable` rows and plain
values, so the overdue rule, the filters and the summary counts are tested
without a terminal. Quarters are read in each row's own plan calendar: in a
folder with a UK plan (April start) and an Australian one (July start),
``Q3 23/24`` is Oct–Dec 2023 for the first and Jan–Mar 2024 for the second.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from plantrack.dates import DateError, Quarter, as_at_day, parse_quarter
from plantrack.errors import UsageError
from plantrack.index import Trackable
from plantrack.plan.status import SEVERITY, Status, parse_status
from plantrack.plan.walk import nodes as walk_nodes

T = TypeVar("T")
QUARTER_FORMS = "Q4-25/26, 'Q4 25/26', 'Q4 2025/26' or 'Quarter 4 2025/26'"
GROUPINGS = ("theme", "objective", "lead", "directorate", "plan")
NOT_REPORTED = "not reported"


# --- filters -------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The common filters of cli.md; an empty filter lets everything through."""

    plans: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    lead: str | None = None
    statuses: tuple[Status, ...] = ()
    directorate: str | None = None

    @classmethod
    def from_options(cls, plans=None, themes=None, lead=None, statuses=None, directorate=None):
        """Build from raw option values; an unknown status spelling is a usage error."""
        try:
            parsed = tuple(parse_status(s) for s in statuses or ())
        except ValueError as err:
            raise UsageError(f"--status: {err}") from None
        return cls(
            tuple(plans or ()), tuple(themes or ()), lead or None, parsed, directorate or None
        )

    def matches(self, row: Trackable) -> bool:
        return (
            (not self.plans or row.plan in self.plans)
            and (not self.themes or row.theme in self.themes)
            and (not self.lead or _contains_any(row.lead, self.lead))
            and (not self.statuses or row.status in self.statuses)
            and (not self.directorate or _contains_any([row.directorate or ""], self.directorate))
        )


def _contains_any(values: Iterable[str], needle: str) -> bool:
    needle = needle.casefold()
    return any(needle in value.casefold() for value in values)


def select(rows: Iterable[Trackable], filters: Filters | None = None) -> list[Trackable]:
    if not filters or filters == NO_FILTERS:
        return list(rows)  # the common case: no call per row
    return [row for row in rows if filters.matches(row)]


NO_FILTERS = Filters()


# --- the day D and quarters ----------------------------------------------------------------


def check_period_options(quarter: str | None, as_of: str | None) -> None:
    """Refuse a bad ``--quarter``/``--as-of`` before any plan is read (exit 2).

    A quarter that fits neither an April calendar ("Q4 25/26") nor a January one
    ("Q4 2026") is refused here; which plans it is read in is known only once they
    are loaded, and :func:`day_d` then refuses it for a plan whose calendar it misses.
    """
    if quarter and as_of:
        raise UsageError("give --quarter or --as-of, not both")
    try:
        as_at_day(quarter=quarter, as_of=as_of, today=date(2000, 1, 1))
    except DateError as err:
        if quarter and _fits_calendar_years(quarter):
            return
        option = "--quarter" if quarter else "--as-of"
        forms = QUARTER_FORMS if quarter else "an ISO date such as 2026-03-31"
        raise UsageError(f"{option}: {err.message}", hint=f"write {forms}") from None


def _fits_calendar_years(quarter: str) -> bool:
    """Whether ``quarter`` names one in a plan whose year starts in January."""
    try:
        parse_quarter(quarter, year_start=1)
    except DateError:
        return False
    return True


@lru_cache(maxsize=256)
def day_d(quarter: str | None, as_of: str | None, year_start: int, today: date) -> date:
    """Day D of plan-format.md "Overdue" in one plan calendar."""
    try:
        return as_at_day(quarter=quarter, as_of=as_of, year_start=year_start, today=today)
    except DateError as err:
        raise _quarter_refused(quarter, err, year_start) from None


@lru_cache(maxsize=256)
def quarter_in(text: str | None, year_start: int, today: date) -> Quarter:
    """The quarter ``text`` names in a calendar, or the current one."""
    if not text:
        return Quarter.current(year_start=year_start, today=today)
    try:
        return parse_quarter(text, year_start=year_start)
    except DateError as err:
        raise _quarter_refused(text, err, year_start) from None


def _quarter_refused(text: str | None, err: DateError, year_start: int) -> UsageError:
    """A quarter one plan's calendar cannot read: say which calendar, and what it reads."""
    if year_start == 1:
        return UsageError(
            f"--quarter {text}: {err.message}",
            hint="write e.g. 'Q4 2026' for such plans; in a folder that mixes calendars, "
            "choose plans with --plan",
        )
    month = calendar.month_name[year_start]
    return UsageError(
        f"--quarter {text}: {err.message} (in a plan whose year starts in {month})",
        hint=f"write {QUARTER_FORMS}; in a folder that mixes calendars, choose plans with --plan",
    )


def due_quarter(row: Trackable) -> Quarter | None:
    """The financial quarter (of the row's plan calendar) its deadline falls in."""
    if row.deadline is None:
        return None
    return _quarter_containing(row.deadline, row.year_start)


@lru_cache(maxsize=4096)
def _quarter_containing(day: date, year_start: int) -> Quarter:
    return Quarter.containing(day, year_start=year_start)


# --- overdue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Late:
    """A trackable overdue as at day D."""

    row: Trackable
    as_at: date
    days_overdue: int
    quarter: Quarter


def is_overdue(row: Trackable, as_at: date) -> bool:
    """The rule of plan-format.md: a deadline, before D, and not done."""
    return row.deadline is not None and row.deadline < as_at and not row.done


SEVERITY_RANK = {status: rank for rank, status in enumerate(SEVERITY)}
SEVERITY_RANK[None] = SEVERITY_RANK[Status.NOT_STARTED]


def severity_rank(status: Status | None) -> int:
    """Worst first: off-track, behind, not reported, not started, on track, done."""
    return SEVERITY_RANK[status]


def overdue(
    rows: Iterable[Trackable],
    quarter: str | None = None,
    as_of: str | None = None,
    today: date | None = None,
) -> list[Late]:
    """Overdue trackables: oldest due quarter first, worst status first inside it.

    The loop is :func:`is_overdue` written out: it runs once per trackable in the
    repo (100k in the benchmark), where a call per row was a tenth of a warm run.
    """
    today = today or date.today()
    days: dict[int, date] = {}  # D per calendar: a folder has one or two year starts
    keyed = []  # (sort key, Late): the key is built here, not by a call per row in sort
    for row in rows:
        deadline = row.deadline
        if deadline is None:
            continue
        as_at = days.get(row.year_start)
        if as_at is None:
            as_at = days[row.year_start] = day_d(quarter, as_of, row.year_start, today)
        if deadline < as_at and not (row.status is not None and row.status.done):
            late_by = (as_at - deadline).days
            due_in = _quarter_containing(deadline, row.year_start)
            # By quarter label, so plans of different calendars share one "Q3 2023/24" group
            # and it is worst first across them; one calendar's labels order as its dates.
            order = (
                due_in.start_year,
                due_in.number,
                SEVERITY_RANK[row.status],
                -late_by,
                row.plan,
                row.line,
            )
            keyed.append((order, len(keyed), Late(row, as_at, late_by, due_in)))
    keyed.sort()
    return [late for _, _, late in keyed]


# --- upcoming ----------------------------------------------------------------------------


def upcoming(
    rows: Iterable[Trackable],
    quarter: str | None = None,
    following: bool = False,
    today: date | None = None,
) -> list[Trackable]:
    """Not done, deadline inside the quarter (default: each plan's current one)."""
    today = today or date.today()
    found = []
    for row in rows:
        window = quarter_in(quarter, row.year_start, today)
        if following:
            window = window.next()
        if _due_within(row, window) and not row.done:
            found.append(row)
    return sorted(found, key=lambda r: (r.deadline, severity_rank(r.status), r.plan, r.line))


def _due_within(row: Trackable, quarter: Quarter) -> bool:
    return row.deadline is not None and quarter.first_day <= row.deadline <= quarter.last_day


def in_file_order(rows: Iterable[Trackable]) -> list[Trackable]:
    return sorted(rows, key=lambda r: (r.plan, r.file, r.line))


def tree_nodes(plan, keep: set[tuple[str, str]], prune: bool) -> list:
    """The items of ``plan`` that ``list --all-levels`` shows, in file order.

    Every kept trackable with the action, objective and theme above it; with
    ``prune`` (filters were given) nothing else, so a filtered tree has no empty
    branches; without it every theme and objective, as the plan reads.
    """
    nodes = walk_nodes(plan)
    shown: set[tuple] = set()
    for node in nodes:
        if (plan.id, node.id) in keep and node.kind in ("action", "milestone"):
            shown.update(node.path[:depth] for depth in range(2, len(node.path) + 1, 2))
    return [
        node
        for node in nodes
        if node.path in shown or (not prune and node.kind in ("theme", "objective"))
    ]


def plan_trees(plans: list, keep: set[tuple[str, str]], prune: bool) -> list[tuple[Any, list]]:
    """(loaded plan, its :func:`tree_nodes`) for each plan a tree shows; a filtered
    tree leaves out the plans where nothing passed."""
    found = [(loaded, tree_nodes(loaded.plan, keep, prune)) for loaded in plans]
    return [(loaded, nodes) for loaded, nodes in found if nodes or not prune]


def graft(nodes: list, root: T, add: Callable[[T, Any], T]) -> None:
    """Hang each node under its parent, starting from ``root``: ``add(parent, node)``
    makes the node's branch (a rich Tree, or a JSON object) and returns it."""
    branches = {(): root}
    for node in nodes:
        parent = branches.get(node.path[:-2])
        if parent is not None:
            branches[node.path] = add(parent, node)


# --- summary -----------------------------------------------------------------------------


@dataclass
class Group:
    """One row of the summary: counts by status, done, overdue, due next quarter."""

    key: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    done: int = 0
    overdue: int = 0
    due_next: int = 0
    no_deadline: int = 0

    def add(self, row: Trackable, late: bool, next_due: bool) -> None:
        name = row.status.value if row.status else NOT_REPORTED
        self.counts[name] = self.counts.get(name, 0) + 1
        self.total += 1
        self.done += row.done
        self.overdue += late
        self.due_next += next_due
        self.no_deadline += row.deadline is None

    @property
    def progress(self) -> float:
        return self.done / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "group": self.key,
            "title": self.label,
            "total": self.total,
            "done": self.done,
            "progress": round(self.progress, 4),
            "overdue": self.overdue,
            "due_next_quarter": self.due_next,
            "no_deadline": self.no_deadline,
            "counts": dict(sorted(self.counts.items())),
        }


def group_keys(row: Trackable, by: str) -> list[tuple[str, str]]:
    """(key, label) of each group a row belongs to (a shared lead counts for each)."""
    if by == "theme":
        return [(f"{row.plan}:{row.theme}", row.theme_title)]
    if by == "objective":
        return [(f"{row.plan}:{row.objective}", row.objective_title)]
    if by == "lead":
        return [(lead, lead) for lead in row.lead] or [("(no lead)", "(no lead)")]
    if by == "directorate":
        name = row.directorate or "(no directorate)"
        return [(name, name)]
    if by == "plan":
        return [(row.plan, row.plan)]
    raise UsageError(f"--by {by}: group by one of {', '.join(GROUPINGS)}")


@dataclass
class Summary:
    groups: list[Group]
    total: Group
    by: str
    as_at_by_plan: dict[str, date] = field(default_factory=dict)  # day D in each calendar

    @property
    def as_at(self) -> date | None:
        """The one day D of every plan, or None when their calendars make it differ."""
        return shared(self.as_at_by_plan.values())


def shared(values: Iterable[T]) -> T | None:
    """The one value all plans share, or None when their calendars make them differ."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def summarise(
    rows: Sequence[Trackable],
    by: str = "theme",
    quarter: str | None = None,
    today: date | None = None,
    plan_titles: dict[str, str] | None = None,
) -> Summary:
    """Per-group counts: overdue as at the end of Q (or today), due in the quarter after."""
    today = today or date.today()
    groups: dict[str, Group] = {}
    total = Group("total", "Total")
    as_at_by_plan: dict[str, date] = {}
    for row in rows:
        as_at = day_d(quarter, None, row.year_start, today) if quarter else today
        as_at_by_plan[row.plan] = as_at
        following = quarter_in(quarter, row.year_start, today).next()
        late, next_due = is_overdue(row, as_at), _due_within(row, following) and not row.done
        for key, label in group_keys(row, by):
            if by == "plan" and plan_titles:
                label = plan_titles.get(key, label)
            groups.setdefault(key, Group(key, label)).add(row, late, next_due)
        total.add(row, late, next_due)
    return Summary(list(groups.values()), total, by, as_at_by_plan)
