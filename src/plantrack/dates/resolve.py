"""From an ``Expression`` and a plan's calendar to a ``Window`` of days.

Where the year of a term comes from is settled here: written; lent by the right of a range
or the last of a list ("July – November 2021", "Q1 & Q3 26/27"); or the plan's
``financial_year`` for year-less forms ("Quarter 4", "April to June").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from plantrack.dates.calendar import FinancialCalendar, Quarter, days_in_month, month_end
from plantrack.dates.errors import DateError
from plantrack.dates.terms import checked_day
from plantrack.dates.tree import Expression, Form, Kind, Span, Term
from plantrack.dates.window import Window
from plantrack.dates.words import PART_OF_MONTH, PART_OF_YEAR

# Terms that take a calendar year from the right of a range.
_BORROWS_YEAR = (Kind.MONTH, Kind.PART_OF_MONTH, Kind.SEASON, Kind.DAY_NO_YEAR)


@dataclass(frozen=True)
class Resolver:
    """One expression's text and the plan's calendar (``financial_year`` may be unknown)."""

    text: str
    financial_year: int | None
    year_start: int

    def window(self, expression: Expression) -> Window:
        if expression.form is Form.ONGOING:
            return Window.ongoing(self.text)
        parts = self.parts(expression.spans)
        if expression.form is Form.DEADLINE:
            return Window.due(self.text, max(end for _, end in parts), year_start=self.year_start)
        if expression.form is Form.BEFORE:
            deadline = parts[0][0] - timedelta(days=1)
            return Window.due(self.text, deadline, year_start=self.year_start)
        if expression.form is Form.OPEN:
            return Window.open_from(self.text, parts[0], year_start=self.year_start)
        return Window.spanning(self.text, parts, year_start=self.year_start)

    def parts(self, spans: tuple[Span, ...]) -> list[tuple[date, date]]:
        """Each span's first and last day; the last span lends its year to the others."""
        lender = spans[-1].right
        return [self._span(span, lender) for span in spans]

    def _span(self, span: Span, lender: Term) -> tuple[date, date]:
        right = span.right
        if not right.has_year and lender is not right:
            right = lend(lender, right)
        if span.last is None:
            return self.days(right)
        left = span.first
        if not left.has_year:
            left = lend(right, left)
        first, _ = self.days(left)
        _, last = self.days(right)
        if last < first:
            raise DateError(
                self.text,
                left.position,
                "the range ends before it starts",
                "write the earlier date first",
            )
        return first, last

    def days(self, term: Term) -> tuple[date, date]:
        """The first and last day of a term ("end of" keeps only the last)."""
        first, last = self._bounds(term)
        return (last, last) if term.at_end else (first, last)

    def _bounds(self, term: Term) -> tuple[date, date]:
        if term.kind is Kind.DAY and term.day:
            return term.day, term.day
        if term.kind is Kind.YEAR and term.year is not None:
            return date(term.year, 1, 1), date(term.year, 12, 31)
        if term.kind is Kind.FINANCIAL_YEAR and term.fy is not None:
            return FinancialCalendar(self.year_start).year_bounds(term.fy)
        if term.kind is Kind.QUARTER:
            quarter = Quarter(self._fy_for(term), term.number, self.year_start)
            return quarter.first_day, quarter.last_day
        if term.kind is Kind.PART_OF_YEAR and term.part and term.year is not None:
            first_month, last_month = PART_OF_YEAR[term.part]
            return date(term.year, first_month, 1), month_end(term.year, last_month)
        year = self._calendar_year(term)
        if term.kind is Kind.MONTH:
            return date(year, term.month, 1), month_end(year, term.month)
        if term.kind is Kind.DAY_NO_YEAR:
            day = checked_day(self.text, year, term.month, term.number, term.position)
            return day, day
        if term.kind is Kind.SEASON:
            first = date(year, term.month, 1)
            return first, first + relativedelta(months=3) - timedelta(days=1)
        if term.kind is Kind.PART_OF_MONTH and term.part:
            first_day, last_day = PART_OF_MONTH[term.part]
            last_day = min(last_day, days_in_month(year, term.month))
            return date(year, term.month, first_day), date(year, term.month, last_day)
        raise DateError(self.text, term.position, "not a date")

    def _fy_for(self, term: Term) -> int:
        if term.fy is not None:
            return term.fy
        if self.financial_year is None:
            raise DateError(
                self.text,
                term.position,
                "a year-less quarter needs the plan's financial_year",
                "add 'financial_year: 2025/26' to the plan, or write the year, e.g. 'Q4 2025/26'",
            )
        return self.financial_year

    def _calendar_year(self, term: Term) -> int:
        """The calendar year of a month-like term: written, lent, or inside the FY."""
        if term.year is not None:
            return term.year
        fy = term.fy if term.fy is not None else self.financial_year
        if fy is None:
            raise DateError(
                self.text,
                term.position,
                "a date without a year needs the plan's financial_year",
                "add 'financial_year: 2025/26' to the plan, or write the year, e.g. 'June 2026'",
            )
        return FinancialCalendar(self.year_start).calendar_year_of_month(fy, term.month)


def lend(lender: Term, borrower: Term) -> Term:
    """``borrower`` with the year ``lender`` was written with (dates.md, range): a year
    written only on the right applies to the left too, a year earlier when the left's month
    is later ("November – February 2022" starts in November 2021)."""
    if lender.fy is not None and lender.kind in (Kind.QUARTER, Kind.FINANCIAL_YEAR):
        return replace(borrower, fy=lender.fy)  # months are read inside that financial year
    year = lender.year if lender.year is not None else lender.day.year if lender.day else None
    if year is None or borrower.kind not in _BORROWS_YEAR:
        return borrower
    lender_month = lender.month or (lender.day.month if lender.day else 12)
    return replace(borrower, year=year - 1 if borrower.month > lender_month else year)
