"""Financial calendars: years that start in any month, their quarters, and day arithmetic.

No parsing lives here (reading "Q4 25/26" is the grammar's job, see ``plantrack.dates``),
so everything above can use quarters without pulling in the reader.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

MIN_YEAR, MAX_YEAR = 1000, 9998
# A window never lists more quarters than this (ten years), so "2021 - 9998" stays small.
MAX_QUARTERS = 40


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def days_in_month(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def two_digit(year: int) -> int:
    """ "26" -> 2026, "98" -> 1998; a year of three or more digits is as written."""
    return year + (2000 if year < 70 else 1900) if year < 100 else year


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial quarter: FY starting in ``start_year``, quarter ``number`` 1-4.

    Read one from text with ``plantrack.dates.parse_quarter``.
    """

    start_year: int
    number: int
    year_start: int = 4

    @property
    def first_day(self) -> date:
        # Month arithmetic by hand: reports call this for every row (profiled).
        months = self.year_start - 1 + 3 * (self.number - 1)
        return date(self.start_year + months // 12, months % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        months = self.year_start - 1 + 3 * self.number
        return date(self.start_year + months // 12, months % 12 + 1, 1) - timedelta(days=1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.start_year + 1, 1, self.year_start)
        return Quarter(self.start_year, self.number + 1, self.year_start)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.start_year - 1, 4, self.year_start)
        return Quarter(self.start_year, self.number - 1, self.year_start)

    def label(self) -> str:
        """The label as plans write it: "Q4 2025/26" (or "Q4 2026" in a calendar-year FY)."""
        return _quarter_label(self.start_year, self.number, self.year_start)

    def __str__(self) -> str:
        return self.label()

    @classmethod
    def containing(cls, day: date, year_start: int = 4) -> Quarter:
        return FinancialCalendar(year_start).quarter_of(day)

    @classmethod
    def current(cls, year_start: int = 4, today: date | None = None) -> Quarter:
        return cls.containing(today or date.today(), year_start)


@dataclass(frozen=True)
class FinancialCalendar:
    """Financial years starting on the first of ``year_start`` (April in the UK)."""

    year_start: int = 4

    def year_of(self, day: date) -> int:
        return day.year if day.month >= self.year_start else day.year - 1

    def quarter_of(self, day: date) -> Quarter:
        start_year = self.year_of(day)
        months = (day.month - self.year_start) % 12
        return Quarter(start_year, months // 3 + 1, self.year_start)

    def quarter(self, start_year: int, number: int) -> Quarter:
        return Quarter(start_year, number, self.year_start)

    def year_bounds(self, start_year: int) -> tuple[date, date]:
        first = date(start_year, self.year_start, 1)
        return first, first + relativedelta(years=1) - timedelta(days=1)

    def year_label(self, start_year: int) -> str:
        if self.year_start == 1:
            return str(start_year)
        return f"{start_year}/{(start_year + 1) % 100:02d}"

    def calendar_year_of_month(self, financial_year: int, month: int) -> int:
        """The calendar year in which ``month`` falls inside a financial year: January of
        FY 2022/23 is January 2023."""
        return financial_year if month >= self.year_start else financial_year + 1

    def quarters_between(self, start: date, end: date) -> tuple[Quarter, ...]:
        """The quarters a window touches, in order (at most ``MAX_QUARTERS``)."""
        found = []
        quarter = self.quarter_of(start)
        while quarter.first_day <= end and len(found) < MAX_QUARTERS:
            found.append(quarter)
            quarter = quarter.next()
        return tuple(found)


def occurrence_label(first: date, last: date, year_start: int = 4) -> str:
    """How a report names one occurrence of recurring work: "Q3 2023/24", "2023/24",
    "March 2024", "31 August 2023", or its first and last day."""
    calendar = FinancialCalendar(year_start)
    quarter = calendar.quarter_of(first)
    if (first, last) == (quarter.first_day, quarter.last_day):
        return quarter.label()
    if (first, last) == calendar.year_bounds(calendar.year_of(first)):
        return calendar.year_label(calendar.year_of(first))
    if first.day == 1 and last == month_end(first.year, first.month):
        return f"{first:%B %Y}"
    if first == last:
        return f"{first.day} {first:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


@lru_cache(maxsize=1024)
def _quarter_label(start_year: int, number: int, year_start: int) -> str:
    """Reports label every row's quarter; the few distinct labels are made once."""
    return f"Q{number} {FinancialCalendar(year_start).year_label(start_year)}"
