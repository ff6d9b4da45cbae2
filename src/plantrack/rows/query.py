"""Questions a meeting asks, as pure functions over trackables.

Everything here works on :class:`plantrack.rows.index.Trackable` rows and plain
values, so the overdue rule, the filters and the summary counts are tested
without a terminal. Quarters are read in each row's own plan calendar: in a
folder with a UK plan (April start) and an Australian one (July start),
``Q3 23/24`` is Oct–Dec 2023 for the first and Jan–Mar 2024 for the second.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple, TypeVar

from plantrack.dates import Quarter
from plantrack.dates.calendar import occurrence_label
from plantrack.errors import BadValue
from plantrack.plan.status import SEVERITY, Status
from plantrack.rows.counts import COUNTS, IN_PROGRESS, NOT_IN_PROGRESS, SENTENCE_WORDS, count_of
from plantrack.rows.index import Trackable
from plantrack.rows.period import TODAY, AsAt, QuarterName, quarter_or_current

T = TypeVar("T")
GROUPINGS = ("theme", "objective", "lead", "directorate", "plan")
NOT_REPORTED = "not reported"


# --- filters -------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The common filters of docs/reference/commands.md, as values (statuses already read); an empty
    filter lets everything through."""

    plans: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    lead: str | None = None
    statuses: tuple[Status | None, ...] = ()  # None: no status reported
    directorate: str | None = None

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


def due_quarter(row: Trackable) -> Quarter | None:
    """The financial quarter (of the row's plan calendar) its deadline falls in."""
    if row.deadline is None:
        return None
    return _quarter_containing(row.deadline, row.year_start)


@lru_cache(maxsize=4096)
def _quarter_containing(day: date, year_start: int) -> Quarter:
    return Quarter.containing(day, year_start=year_start)


# --- overdue -----------------------------------------------------------------------------


class Late(NamedTuple):
    """A trackable overdue as at day D. A named tuple: a warm report makes one per
    overdue row (28k in the benchmark), at half the cost of a frozen dataclass."""

    row: Trackable
    as_at: date
    days_overdue: int
    quarter: Quarter
    # Recurring work: the occurrence missed ("Q3 2023/24") and its deadline, from which
    # days_overdue counts; None for a one-off target.
    occurrence: str | None = None
    deadline: date | None = None


SEVERITY_RANK = {status: rank for rank, status in enumerate(SEVERITY)}
SEVERITY_RANK[None] = SEVERITY_RANK[Status.NOT_STARTED]


def severity_rank(status: Status | None) -> int:
    """Worst first: off-track, behind, not reported, not started, on track, done."""
    return SEVERITY_RANK[status]


def late_rows(
    rows: Iterable[Trackable], as_at: AsAt, today: date
) -> Iterator[tuple[Trackable, date]]:
    """The overdue rule of docs/reference/plan-format.md, written once: each row with a deadline
    before day D (in the row's own plan calendar) and not done, with that D. A row whose
    due recurs is late when the latest occurrence due before D was missed
    (:func:`missed_occurrence`).

    The loop is the rule written out: it runs once per trackable in the repo (100k
    in the benchmark), where a call per row was a tenth of a warm run.
    """
    days: dict[int, date] = {}  # D per calendar: a folder has one or two year starts
    for row in rows:
        deadline = row.deadline
        if deadline is None:
            continue
        day = days.get(row.year_start)
        if day is None:
            day = days[row.year_start] = as_at.day_in(row.year_start, today)
        if row.occurrences is None:
            late = deadline < day
        else:
            late = missed_occurrence(row, day) is not None
        if late and not (row.status is not None and row.status.done):
            yield row, day


def missed_occurrence(row: Trackable, day: date) -> tuple[date, date, date] | None:
    """The latest occurrence of a recurring row due before ``day``, when it was missed:
    the row was not updated on or after its first day (docs/reference/plan-format.md,
    Recurring targets). None when none was due yet, or the latest was met."""
    latest = None
    for first, last, deadline in row.occurrences or ():
        if date.fromisoformat(deadline) >= day:
            break
        latest = (first, last, deadline)
    if latest is None:
        return None
    first = date.fromisoformat(latest[0])
    updated = row.updated
    if updated is not None and updated >= first:
        return None
    return first, date.fromisoformat(latest[1]), date.fromisoformat(latest[2])


def overdue(
    rows: Iterable[Trackable], as_at: AsAt = TODAY, today: date | None = None
) -> list[Late]:
    """Overdue trackables: oldest due quarter first, worst status first inside it."""
    keyed = []  # (sort key, Late): the key is built here, not by a call per row in sort
    for row, day in late_rows(rows, as_at, today or date.today()):
        deadline, occurrence = row.deadline, None
        if row.occurrences is not None:
            first, last, deadline = missed_occurrence(row, day) or (None, None, deadline)
            if first is not None and last is not None:
                occurrence = occurrence_label(first, last, row.year_start)
        late_by = (day - deadline).days
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
        late = Late(row, day, late_by, due_in, occurrence, deadline if occurrence else None)
        keyed.append((order, len(keyed), late))
    keyed.sort()
    return [late for _, _, late in keyed]


# --- upcoming ----------------------------------------------------------------------------


def upcoming(
    rows: Iterable[Trackable],
    quarter: QuarterName | None = None,
    following: bool = False,
    today: date | None = None,
) -> list[Trackable]:
    """Not done, deadline inside the quarter (default: each plan's current one)."""
    today = today or date.today()
    found = []
    for row in rows:
        window = quarter_or_current(quarter, row.year_start, today)
        if following:
            window = window.next()
        if _due_within(row, window) and not row.done:
            found.append(row)
    return sorted(found, key=lambda r: (r.deadline, severity_rank(r.status), r.plan, r.line))


def _due_within(row: Trackable, quarter: Quarter) -> bool:
    """Its deadline (or, for recurring work, one occurrence's) falls in the quarter."""
    if row.occurrences is not None:
        first, last = quarter.first_day.isoformat(), quarter.last_day.isoformat()
        return any(first <= deadline <= last for *_, deadline in row.occurrences)
    return row.deadline is not None and quarter.first_day <= row.deadline <= quarter.last_day


def in_file_order(rows: Iterable[Trackable]) -> list[Trackable]:
    return sorted(rows, key=lambda r: (r.plan, r.file, r.line))


# --- stale ---------------------------------------------------------------------------------


def reported_quarter(as_at: AsAt, year_start: int, today: date) -> Quarter:
    """The quarter a report is about, in one calendar: the quarter named, else the one
    holding the day given, else today's."""
    if as_at.quarter is not None:
        return as_at.quarter.in_calendar(year_start)
    return _quarter_containing(as_at.day or today, year_start)


def stale_rows(rows: Iterable[Trackable], as_at: AsAt, today: date) -> list[Trackable]:
    """The rows stale for the quarter reported on (docs/reference/plan-format.md): not done, and not
    updated on or after its first day (``updated`` as plantrack.git.updated gave it)."""
    firsts: dict[int, date] = {}
    found = []
    for row in rows:
        first = firsts.get(row.year_start)
        if first is None:
            first = firsts[row.year_start] = reported_quarter(
                as_at, row.year_start, today
            ).first_day
        day = row.updated
        if not row.done and (day is None or day < first):
            found.append(row)
    return found


# --- ended plans -------------------------------------------------------------------------


def ended_plans(infos: Iterable, rows: Iterable[Trackable], as_at: AsAt, today: date) -> list[str]:
    """Plans whose ``period`` ended before the first day of the quarter being reported
    (the quarter given, or the one holding day D), in each plan's own calendar: a plan
    is still reported at the close of its last quarter. A plan without a period, or
    one whose period has no end, never ends."""
    year_starts = {row.plan: row.year_start for row in rows}
    ended = []
    for info in infos:
        if not info.period_end or info.id not in year_starts:
            continue
        reported = reported_quarter(as_at, year_starts[info.id], today)
        if date.fromisoformat(info.period_end) < reported.first_day:
            ended.append(info.id)
    return ended


def current_plans(
    infos: Iterable,
    rows: Iterable[Trackable],
    as_at: AsAt,
    today: date,
    keep: Iterable[str] = (),
) -> tuple[list[Trackable], list[str]]:
    """THE ended-plans rule of every command and every section of the paper: ``rows``
    without the plans that ended before the quarter being reported (:func:`ended_plans`),
    and the ids left out, sorted. A plan in ``keep`` (one asked for by name) stays."""
    rows = list(rows)
    ended = sorted(set(ended_plans(infos, rows, as_at, today)) - set(keep))
    if not ended:
        return rows, []
    gone = set(ended)
    return [row for row in rows if row.plan not in gone], ended


def as_at_words(as_at: AsAt, today: date) -> str:
    """ "as at the close of Q3 2021/22", "as at 7 Jan 2022" or "as at today, 7 Jan 2022":
    what a title, a summary sentence and a close's tag message say of day D."""
    if as_at.quarter:
        return f"as at the close of {as_at.quarter}"
    if as_at.day:
        return f"as at {short_day(as_at.day)}"
    return f"as at today, {short_day(today)}"


def short_day(day: date) -> str:
    """ "7 Jan 2022": a day as titles and sentences say it."""
    return f"{day.day} {day:%b %Y}"


# --- summary -----------------------------------------------------------------------------


@dataclass
class Group:
    """One row of the summary: counts by status, done, overdue, due next quarter."""

    key: str
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(c.key for c in COUNTS))
    total: int = 0
    done: int = 0
    overdue: int = 0
    due_next: int = 0
    no_deadline: int = 0
    plans: set[str] = field(default_factory=set)
    redated: int = 0  # due later than original_due (docs/reference/plan-format.md, Baselines)
    slip_days: int = 0  # the re-dated ones' days later, summed

    def __post_init__(self) -> None:
        self.counts = {key: value or 0 for key, value in self.counts.items()}

    def add(self, row: Trackable, late: bool, next_due: bool) -> None:
        self.counts[count_of(row.status).key] += 1
        self.plans.add(row.plan)
        self.total += 1
        self.done += row.done
        self.overdue += late
        self.due_next += next_due
        self.no_deadline += row.deadline is None
        if row.redated_days is not None and row.redated_days > 0:
            self.redated += 1
            self.slip_days += row.redated_days

    @property
    def average_slip(self) -> int | None:
        """The re-dated trackables' average slip in whole days; None when none was."""
        return round(self.slip_days / self.redated) if self.redated else None

    @property
    def progress(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def in_progress(self) -> int:
        return sum(self.counts[key] for key in IN_PROGRESS)

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
            "in_progress": self.in_progress,
            **self.counts,
            "redated": self.redated,
            "average_slip_days": self.average_slip,
        }


def sentence(group: Group, when: str) -> str:
    """The summary a committee reads first, in numbers and percentages, as councils write
    it: "81 trackables: 54 done (67%), 25 in progress — 12 on track, 8 behind, 5 off
    track — 2 with no status; 6 overdue as at the close of Q3 2021/22"."""
    counts, total = group.counts, group.total
    noun = "trackable" if total == 1 else "trackables"
    percent = round(100 * group.done / total) if total else 0
    text = f"{total} {noun}: {group.done} done ({percent}%)"
    if group.in_progress:
        order = ("on_track", "behind", "off_track", "unrated")
        words = SENTENCE_WORDS | {"unrated": "unrated"}  # "in progress" is said before
        parts = [f"{counts[key]} {words[key]}" for key in order if counts[key]]
        text += f", {group.in_progress} in progress — {', '.join(parts)}"
    rest = [f"{counts[key]} {SENTENCE_WORDS[key]}" for key in NOT_IN_PROGRESS if counts[key]]
    if rest:
        text += (" — " if group.in_progress else ", ") + ", ".join(rest)
    return f"{text}; {group.overdue} overdue {when}"


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
    raise BadValue("by", f"group by one of {', '.join(GROUPINGS)}", value=by)


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
    quarter: QuarterName | None = None,
    today: date | None = None,
    plan_titles: dict[str, str] | None = None,
) -> Summary:
    """Per-group counts: overdue as at the end of Q (or today), due in the quarter after."""
    today = today or date.today()
    as_at = AsAt(quarter=quarter)
    late = {id(row) for row, _ in late_rows(rows, as_at, today)}
    groups: dict[str, Group] = {}
    total = Group("total", "Total")
    as_at_by_plan: dict[str, date] = {}
    calendars: dict[int, tuple[date, Quarter]] = {}  # (D, the quarter after) per year start
    for row in rows:
        year_start = row.year_start
        if year_start not in calendars:
            after = quarter_or_current(quarter, year_start, today).next()
            calendars[year_start] = (as_at.day_in(year_start, today), after)
        as_at_by_plan[row.plan], following = calendars[year_start]
        is_late, next_due = id(row) in late, _due_within(row, following) and not row.done
        for key, label in group_keys(row, by):
            if by == "plan" and plan_titles:
                label = plan_titles.get(key, label)
            groups.setdefault(key, Group(key, label)).add(row, is_late, next_due)
        total.add(row, is_late, next_due)
    return Summary(list(groups.values()), total, by, as_at_by_plan)
