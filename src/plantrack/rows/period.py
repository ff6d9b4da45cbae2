"""The period a report is about, read once from what the user wrote.

A quarter is named once ("Q4 25/26") and read in each plan's own calendar: in a
folder with a UK plan (April start) and an Australian one (July start), ``Q3 23/24``
is Oct–Dec 2023 for the first and Jan–Mar 2024 for the second. So the value the
edge hands the core is the checked name (:class:`QuarterName`), which each calendar
then reads (cached, once per calendar), never the option text again.

Bad values raise :class:`plantrack.errors.BadValue` naming the value (``quarter``,
``as_of``); the CLI puts the flag in front.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from plantrack import config, dates
from plantrack.dates import DateError, Quarter
from plantrack.errors import BadValue

QUARTER_FORMS = "Q4-25/26, 'Q4 25/26', 'Q4 2025/26' or 'Quarter 4 2025/26'"
DAY_FORMS = "an ISO date such as 2026-03-31"


@dataclass(frozen=True)
class QuarterName:
    """A quarter as written, known to name a quarter in some financial calendar.

    ``name`` is what the value is to its caller (``quarter``; ``first`` and ``last``
    for a trend's bounds): errors say it, and the CLI turns it into the flag."""

    text: str
    name: str = field(default="quarter", compare=False)
    # The day "current", "last" and "next" are counted from (None: the plans' today).
    today: date | None = field(default=None, compare=False)

    @classmethod
    def parse(cls, text: str, name: str = "quarter") -> QuarterName:
        """Check ``text`` before any plan is read.

        A name that fits neither an April calendar ("Q4 25/26") nor a January one
        ("Q4 2026") is refused here; which calendars read it is known only once the
        plans are loaded, and :meth:`in_calendar` refuses it for one it misses.
        """
        if text.strip().lower() in RELATIVE:
            return cls(text.strip().lower(), name, config.fixed_today() or date.today())
        text = _year_first(text)
        try:
            dates.parse_quarter(text, year_start=4)
        except DateError as err:
            try:
                dates.parse_quarter(text, year_start=1)
            except DateError:
                raise BadValue(name, err.message, hint=f"write {QUARTER_FORMS}") from None
        return cls(text, name)

    def in_calendar(self, year_start: int) -> Quarter:
        """The quarter this name is in a plan whose year starts in month ``year_start``:
        "current", "last" and "next" count from today in that plan's own calendar."""
        if self.text in RELATIVE:
            current = Quarter.current(year_start=year_start, today=self.today)
            return {"current": current, "last": current.previous(), "next": current.next()}[
                self.text
            ]
        return _read(self.text, year_start, self.name)

    def label(self, year_start: int = 4) -> str:
        """What a title says: the quarter itself, never the word "current"."""
        return self.in_calendar(year_start).label() if self.text in RELATIVE else self.text

    def __str__(self) -> str:
        return self.label()


RELATIVE = ("current", "last", "next")
_YEAR_FIRST = re.compile(r"^\s*((?:FY\s*)?\d{2,4}\s*/\s*\d{2,4})\s*-\s*(Q[1-4])\s*$", re.IGNORECASE)


def _year_first(text: str) -> str:
    """ "2025/26-Q4" reads as "2025/26 Q4", as the hyphenated "Q4-25/26" does."""
    return _YEAR_FIRST.sub(r"\1 \2", text)


@lru_cache(maxsize=256)
def _read(text: str, year_start: int, name: str) -> Quarter:
    try:
        return dates.parse_quarter(text, year_start=year_start)
    except DateError as err:
        raise _refused(text, err, year_start, name) from None


class QuarterNotInCalendar(BadValue):
    """A quarter name one plan calendar cannot read, in a folder whose plans may mix
    calendars. ``advice`` says what to write for that calendar; the hint adds that
    choosing the plans of one calendar also helps (the CLI says how)."""

    def __init__(self, name: str, text: str, reason: str, advice: str) -> None:
        self.advice = advice
        super().__init__(
            name,
            reason,
            value=text,
            hint=f"{advice}; in a folder that mixes calendars, read one calendar's plans",
        )


def _refused(text: str, err: DateError, year_start: int, name: str) -> QuarterNotInCalendar:
    """A quarter one plan's calendar cannot read: say which calendar, and what it reads."""
    if year_start == 1:
        advice = "write e.g. 'Q4 2026' for such plans"
        return QuarterNotInCalendar(name, text, err.message, advice)
    month = calendar.month_name[year_start]
    reason = f"{err.message} (in a plan whose year starts in {month})"
    return QuarterNotInCalendar(name, text, reason, f"write {QUARTER_FORMS}")


def quarter_or_current(quarter: QuarterName | None, year_start: int, today: date) -> Quarter:
    """The named quarter in a calendar, or that calendar's current one."""
    if quarter is None:
        return Quarter.current(year_start=year_start, today=today)
    return quarter.in_calendar(year_start)


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # YYYY-MM-DD, on every Python


def parse_day(text: str, name: str = "as_of") -> date:
    """An ISO day (YYYY-MM-DD): the form a report's "as at" day, a return's deadline and
    a collected return's ``as_of`` are written in; ``name`` is what the day is."""
    try:
        if not _ISO_DAY.match(text.strip()):  # fromisoformat takes more on Python 3.11+
            raise ValueError(text)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadValue(name, f"'{text}' is not an ISO date", hint=f"write {DAY_FORMS}") from None


@dataclass(frozen=True)
class AsAt:
    """Day D of docs/reference/plan-format.md "Overdue": the day after a quarter closes, a given
    day, or (neither given) today."""

    quarter: QuarterName | None = None
    day: date | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and self.day is not None:
            raise BadValue("as_at", "give a quarter or a day, not both")

    def day_in(self, year_start: int, today: date) -> date:
        """Day D in a plan whose year starts in month ``year_start``."""
        if self.quarter is not None:
            return self.quarter.in_calendar(year_start).last_day + timedelta(days=1)
        return self.day or today


TODAY = AsAt()
