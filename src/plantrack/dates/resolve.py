"""From an ``Expression`` and a plan's calendar to a ``Window`` of days.

Where the year of a term comes from is settled here: written; lent by the right of a range
or the last of a list ("July – November 2021", "Q1 & Q3 26/27"); or the plan's
``financial_year`` for year-less forms ("Quarter 4", "April to June").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from plantrack.dates.calendar import (
    FinancialCalendar,
    Quarter,
    days_in_month,
    month_end,
    two_digit,
)
from plantrack.dates.errors import DateError
from plantrack.dates.recurring import MAX_OCCURRENCES, step_months
from plantrack.dates.terms import checked_day
from plantrack.dates.tree import Expression, Form, Joint, Kind, Span, Term
from plantrack.dates.window import Window
from plantrack.dates.words import MONTHS, PART_OF_MONTH, PART_OF_YEAR

# A two-digit number further than this from the plan's year is not its year ("March 31").
_NEAR_YEARS = 10
# Terms that take a calendar year from the right of a range.
_BORROWS_YEAR = (
    Kind.MONTH,
    Kind.PART_OF_MONTH,
    Kind.SEASON,
    Kind.DAY_NO_YEAR,
    Kind.WEEK_NO_YEAR,
)


@dataclass(frozen=True)
class Resolver:
    """One expression's text and the plan's calendar (``financial_year`` may be unknown)."""

    text: str
    financial_year: int | None
    year_start: int
    # The plan's period (first and last day), where recurring work without a span of its
    # own repeats; else its financial year.
    period: tuple[date, date] | None = None

    def window(self, expression: Expression) -> Window:
        if expression.recurrence is not None:
            return self._recurring(expression, expression.recurrence)
        if expression.form is Form.ONGOING:
            return Window.ongoing(self.text)
        if expression.brackets:
            return self._checked_by_brackets(expression)
        return self._window(expression)

    def _window(self, expression: Expression) -> Window:
        parts = self.parts(expression.spans)
        if expression.form is Form.DEADLINE:
            return Window.due(self.text, max(end for _, end in parts), year_start=self.year_start)
        if expression.form is Form.BEFORE:
            deadline = parts[0][0] - timedelta(days=1)
            return Window.due(self.text, deadline, year_start=self.year_start)
        if expression.form is Form.OPEN:
            return Window.open_from(self.text, parts[0], year_start=self.year_start)
        return Window.spanning(self.text, parts, year_start=self.year_start)

    def _recurring(self, expression: Expression, recurrence: str) -> Window:
        """Work that repeats, one occurrence per period (docs/reference/dates.md): inside
        the window written with it ("2023-2027 Quarterly"), else the plan's period, else
        its financial year; a month or day written without a year ("March (annually)",
        "every September", "31 August (annually)") is the occurrence in each year. With
        no span to read it in: no window and no deadline, as before."""
        dated = expression.spans and expression.spans[-1].right.has_year
        if expression.form is Form.ONGOING or not dated:
            for span in expression.spans:  # "31 February annually" is still not a date
                for term in (span.first, span.last):
                    if term is not None and term.kind is Kind.DAY_NO_YEAR:
                        checked_day(self.text, 2000, term.month, term.number, term.position)
            context = self._context()
            if context is None:
                return Window.recurring(self.text, recurrence)
            found = self._anchored(expression, recurrence, context)
            if found is None:
                found = _blocks(self._from_within(expression, context), step_months(recurrence))
        else:
            found = _blocks(self._filled(self._window(expression)), step_months(recurrence))
        return Window.recurring(self.text, recurrence, found, year_start=self.year_start)

    def _from_within(self, expression: Expression, context: tuple[date, date]) -> tuple[date, date]:
        """Where year-less recurring work repeats in ``context``: "Quarterly from March"
        from the first March of it, as "Quarterly from March 2024" reads in 2023/24 (the
        month is never dropped); anything else, the whole of it."""
        if expression.form is not Form.OPEN or not expression.spans:
            return context
        first_year = FinancialCalendar(self.year_start).year_of(context[0])
        written = replace(self, financial_year=first_year, period=None)._window(expression)
        start = max(written.start or context[0], context[0])
        return (start, context[1]) if start <= context[1] else (context[1], context[1])

    def _context(self) -> tuple[date, date] | None:
        """Where recurring work without a span of its own repeats: the plan's period, else
        its financial year (None: neither is known)."""
        if self.period is not None:
            return self.period
        if self.financial_year is None:
            return None
        return FinancialCalendar(self.year_start).year_bounds(self.financial_year)

    def _filled(self, written: Window) -> tuple[date, date]:
        """A written span, its open side closed by the plan's period or year ("Quarterly
        from Q2 2024/25"), else by the financial year its other side falls in."""
        calendar, context = FinancialCalendar(self.year_start), self._context()
        start, end = written.start, written.end or written.deadline
        if start is None and end is not None:
            start = context[0] if context and context[0] <= end else None
            start = start or calendar.year_bounds(calendar.year_of(end))[0]
        assert start is not None
        if end is None:
            end = context[1] if context and context[1] >= start else None
            end = end or calendar.year_bounds(calendar.year_of(start))[1]
        return start, end

    def _anchored(
        self, expression: Expression, recurrence: str, context: tuple[date, date]
    ) -> list[tuple[date, date, date]] | None:
        """The month or day written without a year, read in each financial year of the
        span ("March (annually)": March of each); None when nothing is written."""
        words = recurrence.split()
        if expression.form is Form.ONGOING and words[-1].lower() in MONTHS and len(words) == 2:
            month = MONTHS[words[-1].lower()]  # "every September"
            expression = Expression(Form.DATES, (Span(Term(Kind.MONTH, 0, month=month)),))
        if expression.form not in (Form.DATES, Form.DEADLINE) or not expression.spans:
            return None
        calendar = FinancialCalendar(self.year_start)
        found = []
        years = range(calendar.year_of(context[0]), calendar.year_of(context[1]) + 1)
        for year in years[:: max(1, step_months(recurrence) // 12)]:
            window = replace(self, financial_year=year, period=None)._window(expression)
            first_of_year = calendar.year_bounds(year)[0]
            for first, last in window.parts:
                if expression.form is Form.DEADLINE:  # "by end of March annually": the year
                    first = first_of_year
                if context[0] <= last <= context[1]:
                    found.append((first, last, last))
        return sorted(found, key=lambda found: found[2])[:MAX_OCCURRENCES]

    def _checked_by_brackets(self, expression: Expression) -> Window:
        """ "Quarter 4 (January to March 2027)": the bracket states the window. It fixes a
        year-less quarter's year, narrows a window it lies in ("early 2024 (currently set
        for 8 January 2024)"), and is an error when it says something else."""
        bracket = expression.brackets[0]
        try:
            stated = replace(self, text=bracket.text).window(bracket.expression)
        except DateError:
            return self._window(expression)  # a bracket too vague to check, as a remark
        assert stated.start is not None and stated.end is not None
        plan_year = self.financial_year
        if plan_year is None:
            plan_year = FinancialCalendar(self.year_start).year_of(stated.start)
        window = replace(self, financial_year=plan_year)._window(expression)
        if expression.form is not Form.DATES or window.start is None or window.end is None:
            return window
        if window.start <= stated.start and stated.end <= window.end:
            return Window.spanning(self.text, list(stated.parts), year_start=self.year_start)
        raise DateError(
            self.text,
            bracket.position,
            f"the bracket says {_days(stated.start, stated.end)}, but the date before it is "
            f"{_days(window.start, window.end)}"
            + (" in this plan's year" if self.financial_year is not None else ""),
            "make the two agree, or drop the bracket",
        )

    def parts(self, spans: tuple[Span, ...]) -> list[tuple[date, date]]:
        """Each span's first and last day; the last span lends its year to the others."""
        lender = spans[-1].right
        return [self._span(span, lender) for span in spans]

    def _span(self, span: Span, lender: Term) -> tuple[date, date]:
        if self._in_plan_years(span) and span.last is not None:
            return self._plan_years(span.first, span.last, span.joint)
        right = span.right
        if not right.has_year and lender is not right:
            right = lend(lender, right)
        if span.last is None:
            return self.days(right)
        left = span.first
        if right.kind is Kind.MONTH_OR_DAY:
            self.days(right)  # "September – October 16": its own question comes first
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

    def _in_plan_years(self, span: Span) -> bool:
        last = span.last
        return (
            last is not None
            and self.year_start != 1
            and span.first.kind is Kind.YEAR
            and last.kind is Kind.YEAR
        )

    def _plan_years(self, first: Term, last: Term, joint: Joint) -> tuple[date, date]:
        """ "2024-2028", "2024 to 2025" in a plan whose year starts in April: its financial
        years, from FY 2024/25 to the one ending in 2028 (31 March 2028), as "2024-25" is FY
        2024/25. "2022 to 2024" may as well be calendar years: refused, both readings shown."""
        start, end = first.year or 0, last.year or 0
        calendar = FinancialCalendar(self.year_start)
        if end <= start or first.at_end or last.at_end:
            raise DateError(
                self.text,
                first.position,
                f"'{start} – {end}' is not a span of financial years",
                f"write e.g. '{calendar.year_label(start)}' or '{start} – {start + 1}'",
            )
        if joint is Joint.TO and end > start + 1:
            fy_end = calendar.year_bounds(end - 1)[1]
            raise DateError(
                self.text,
                first.position,
                f"'{start} to {end}' is ambiguous: the financial years {calendar.year_label(start)}"
                f" to {calendar.year_label(end - 1)} (ending {fy_end:%-d %B %Y}) or the calendar "
                f"years {start} to {end} (ending 31 December {end})?",
                f"write '{start}-{end % 100:02d}' for the financial years, or "
                f"'January {start} to December {end}'",
            )
        return calendar.year_bounds(start)[0], calendar.year_bounds(end - 1)[1]

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
            calendar = FinancialCalendar(self.year_start)
            return calendar.year_bounds(term.fy)[0], calendar.year_bounds(term.fy + term.years - 1)[
                1
            ]
        if term.kind is Kind.QUARTER:
            quarter = Quarter(self._fy_for(term), term.number, self.year_start)
            return quarter.first_day, quarter.last_day
        if term.kind is Kind.PART_OF_YEAR and term.part and term.year is not None:
            first_month, last_month = PART_OF_YEAR[term.part]
            return date(term.year, first_month, 1), month_end(term.year, last_month)
        if term.kind is Kind.WEEK and term.day:
            return term.day, term.day + timedelta(days=6)
        if term.kind is Kind.HALF:
            return self._half(term)
        if term.kind is Kind.MONTH_OR_DAY:
            return self._month_or_day(term)
        year = self._calendar_year(term)
        if term.kind is Kind.MONTH:
            return date(year, term.month, 1), month_end(year, term.month)
        if term.kind in (Kind.DAY_NO_YEAR, Kind.WEEK_NO_YEAR):
            day = checked_day(self.text, year, term.month, term.number, term.position)
            return day, day + timedelta(days=6 if term.kind is Kind.WEEK_NO_YEAR else 0)
        if term.kind is Kind.SEASON:
            first = date(year, term.month, 1)
            return first, first + relativedelta(months=3) - timedelta(days=1)
        if term.kind is Kind.PART_OF_MONTH and term.part:
            first_day, last_day = PART_OF_MONTH[term.part]
            last_day = min(last_day, days_in_month(year, term.month))
            return date(year, term.month, first_day), date(year, term.month, last_day)
        raise DateError(self.text, term.position, "not a date")

    def _month_or_day(self, term: Term) -> tuple[date, date]:
        """ "March 31" in a plan of FY 2013/14 can only be 31 March 2014 (March 2031 is years
        away); "March 17" in FY 2016/17 could be either, and is refused showing both."""
        name, number = calendar.month_name[term.month], term.number
        year = two_digit(number)
        plan = self.financial_year
        if plan is not None:
            day_year = FinancialCalendar(self.year_start).calendar_year_of_month(plan, term.month)
            as_day = 1 <= number <= days_in_month(day_year, term.month)
            as_year = abs(year - plan) <= _NEAR_YEARS
            if as_day and not as_year:
                day = date(day_year, term.month, number)
                return day, day
            if as_year and not as_day:
                return date(year, term.month, 1), month_end(year, term.month)
        raise DateError(
            self.text,
            term.position,
            f"'{name} {number}' is ambiguous: {name} {year} or {number} {name}?",
            f"write '{name} {year}' or '{number} {name} {year}'",
        )

    def _half(self, term: Term) -> tuple[date, date]:
        """Six months from the start of the calendar year, or of the financial year."""
        if term.year is not None:
            first = date(term.year, 1 if term.number == 1 else 7, 1)
        else:
            start = FinancialCalendar(self.year_start).year_bounds(term.fy or 0)[0]
            first = start + relativedelta(months=6 * (term.number - 1))
        return first, first + relativedelta(months=6) - timedelta(days=1)

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


def _blocks(span: tuple[date, date], months: int) -> list[tuple[date, date, date]]:
    """Consecutive periods of ``months`` from the span's first day, the last cut at its
    last day: "quarterly" in FY 2023/24 is its four quarters."""
    start, end = span
    found = []
    while start <= end and len(found) < MAX_OCCURRENCES:
        last = min(start + relativedelta(months=months) - timedelta(days=1), end)
        found.append((start, last, last))
        start = last + timedelta(days=1)
    return found


def lend(lender: Term, borrower: Term) -> Term:
    """``borrower`` with the year ``lender`` was written with (docs/reference/dates.md, range):
    a year written only on the right applies to the left too, a year earlier when the left's month
    is later ("November – February 2022" starts in November 2021)."""
    if lender.fy is not None and lender.kind in (Kind.QUARTER, Kind.FINANCIAL_YEAR):
        return replace(borrower, fy=lender.fy)  # months are read inside that financial year
    year = lender.year if lender.year is not None else lender.day.year if lender.day else None
    if year is None or borrower.kind not in _BORROWS_YEAR:
        return borrower
    lender_month = lender.month or (lender.day.month if lender.day else 12)
    return replace(borrower, year=year - 1 if borrower.month > lender_month else year)


def _days(first: date, last: date) -> str:
    if first == last:
        return f"{first:%-d %B %Y}"
    return f"{first:%-d %B %Y} to {last:%-d %B %Y}"
