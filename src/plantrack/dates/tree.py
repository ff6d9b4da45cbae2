"""What the grammar reads: an immutable tree of terms, spans and one expression.

A ``Term`` is one dated thing as written ("June", "Q4 25/26", "9 August 2021"), perhaps
without its year; the resolver settles the year ("July – November 2021" lends 2021 to July)
by making new terms, never by changing these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from plantrack.dates.words import Part


class Kind(Enum):
    """The simple forms of docs/reference/dates.md."""

    DAY = "day"  # 9 August 2021, 2026-03-31
    DAY_NO_YEAR = "day without a year"  # 31 March (the year from a range or the plan)
    MONTH = "month"  # August 2021, August
    QUARTER = "quarter"  # Q4 25/26, Quarter 4
    FINANCIAL_YEAR = "financial year"  # 2025/26
    YEAR = "year"  # 2022
    SEASON = "season"  # Autumn 2016
    PART_OF_YEAR = "part of a year"  # early 2017
    PART_OF_MONTH = "part of a month"  # late June 2016
    MONTH_OR_DAY = "month and year or day"  # March 17: March 2017 or 17 March?
    HALF = "half of a year"  # first half of 2027, second half of 2026/27
    WEEK = "week"  # w/c 7 September 2026
    WEEK_NO_YEAR = "week without a year"  # w/c 7 September


@dataclass(frozen=True)
class Term:
    """One simple form. Which fields matter depends on ``kind``:

    DAY ``day``; DAY_NO_YEAR ``number`` (day of month), ``month``; MONTH, SEASON ``month``
    (a season's first), ``year``; QUARTER ``number``, ``fy``; FINANCIAL_YEAR ``fy``;
    YEAR ``year``; PART_OF_YEAR ``part``, ``year``; PART_OF_MONTH ``part``, ``month``, ``year``.
    ``fy`` on a month-like term means "inside that financial year" (lent by a quarter).
    """

    kind: Kind
    position: int
    number: int = 0
    month: int = 0
    year: int | None = None  # calendar year, when written (or lent)
    fy: int | None = None  # start year of the financial year, when written (or lent)
    part: Part | None = None
    day: date | None = None
    at_end: bool = False  # "end (of) ...": only the last day of the window
    years: int = 1  # FINANCIAL_YEAR: how many, for a plan period such as "2024-28"

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.fy is not None or self.kind in (Kind.DAY, Kind.YEAR)


class Joint(Enum):
    """How the two terms of a span are joined."""

    DASH = "dash"  # "July – November 2021": from the first to the last
    TO = "to"  # "July to November 2021", "between July and November 2021": the same
    EITHER = "either"  # "Aug/Sept 2016": one or the other (read as the span)


@dataclass(frozen=True)
class Span:
    """One term, or two joined ("July – November 2021", "Aug/Sept 2016")."""

    first: Term
    last: Term | None = None
    joint: Joint = Joint.DASH

    @property
    def right(self) -> Term:
        """The term that ends the span (and lends its year to the left)."""
        return self.last or self.first

    @property
    def is_range(self) -> bool:
        """Two terms meaning from one to the other (not "one or the other")."""
        return self.last is not None and self.joint is not Joint.EITHER


class Form(Enum):
    """What a whole expression says about its window."""

    DATES = "dates"  # "Q1 & Q3 26/27": the window(s), deadline the latest end
    DEADLINE = "deadline"  # "by March 2017": only a deadline, the last day of what follows
    BEFORE = "before"  # "before March 2022": deadline the day before what follows
    OPEN = "open"  # "from July 2016": starts then, no deadline
    ONGOING = "ongoing"  # "ongoing", "TBC": no window, no deadline


@dataclass(frozen=True)
class Expression:
    """A whole date expression: its form and the spans it names (none when ongoing).

    ``recurrence`` labels work that repeats ("quarterly"); ``brackets`` are dates stated
    in brackets ("Quarter 4 (January to March 2027)"), checked against the spans.
    """

    form: Form
    spans: tuple[Span, ...] = ()
    recurrence: str | None = None
    brackets: tuple[Bracket, ...] = ()


@dataclass(frozen=True)
class Bracket:
    """A bracket that states a window: its expression, its text, its column in the whole."""

    expression: Expression
    text: str
    position: int
