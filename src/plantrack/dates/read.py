"""The entry points: text (or a YAML date) in a plan's calendar -> a ``Window``, a
``Quarter``, a financial year or the day D of "overdue"."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from plantrack.dates.calendar import MAX_YEAR, MIN_YEAR, FinancialCalendar, Quarter
from plantrack.dates.errors import DateError
from plantrack.dates.grammar import Parser
from plantrack.dates.resolve import Resolver
from plantrack.dates.tree import Kind
from plantrack.dates.window import Window
from plantrack.dates.words import parse_month

MAX_LENGTH = 200


def parse(
    text: str | date,
    financial_year: str | int | None = None,
    year_start: int | str = 4,
    period: tuple[date, date] | None = None,
) -> Window:
    """Read a date expression in a plan's calendar; ``DateError`` if it is not one.
    ``period`` (the plan's first and last day) is where recurring work repeats when it
    gives no span of its own; else the financial year."""
    start_month = parse_month(year_start)
    if isinstance(text, date):
        if not MIN_YEAR <= text.year <= MAX_YEAR:
            raise _year_out_of_range(text.isoformat())
        return Window.of_day(text.isoformat(), text, year_start=start_month)
    return _parse_cached(str(text), financial_year, start_month, period)


@lru_cache(maxsize=4096)
def _parse_cached(
    text: str,
    financial_year: str | int | None,
    year_start: int,
    period: tuple[date, date] | None = None,
) -> Window:
    if len(text) > MAX_LENGTH:
        raise DateError(
            text,
            MAX_LENGTH,
            f"too long for a date ({len(text)} characters)",
            "keep the date short and put the words in notes",
        )
    fy = _financial_year(financial_year, year_start)
    parser = Parser(text, year_start)
    if not parser.tokens and "(" in text:  # "(April to June)": the remark is the date
        inner = text.strip().strip("()")
        if inner and inner != text:
            return _parse_cached(inner, financial_year, year_start, period)
    try:
        window = Resolver(text, fy, year_start, period).window(parser.expression())
    except DateError:
        raise
    except (ValueError, OverflowError):  # a year no calendar can hold, e.g. 0000 or 9999
        raise _year_out_of_range(text) from None
    if not _years_in_range(window):  # "1/1/0001", "before 1 January 1000"
        raise _year_out_of_range(text)
    return window


def _financial_year(value: str | int | None, year_start: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    return parse_financial_year(str(value), year_start)


def parse_quarter(text: str, year_start: int = 4) -> Quarter:
    """A quarter written as in plans: Q4-25/26, Q4 2025/26, Quarter 4 2025/26, 2025/26 Q4."""
    term = Parser(str(text), year_start).single_term()
    if term.kind is not Kind.QUARTER:
        raise DateError(
            str(text), 0, f"'{text}' is not a financial quarter", "write e.g. 'Q4 2025/26'"
        )
    if term.fy is None:
        raise DateError(
            str(text),
            term.position,
            "a quarter needs its financial year",
            "write e.g. 'Q4 2025/26'",
        )
    if not MIN_YEAR <= term.fy <= MAX_YEAR:
        raise DateError(
            str(text),
            term.position,
            "the year is out of range",
            f"write a year between {MIN_YEAR} and {MAX_YEAR}",
        )
    return Quarter(term.fy, term.number, year_start)


def parse_financial_year(text: str | int, year_start: int = 4) -> int:
    """The start year of "2025/26", "25/26", "2025-26", "FY 2025/26" (or "2026" when the
    financial year is the calendar year, ``year_start`` 1)."""
    if isinstance(text, int):
        return text
    term = Parser(str(text), year_start).single_term()
    if term.kind is Kind.FINANCIAL_YEAR and term.fy is not None:
        return term.fy
    if term.kind is Kind.YEAR and term.year is not None and year_start == 1:
        return term.year
    raise DateError(
        str(text),
        0,
        f"'{text}' is not a financial year",
        f"write e.g. '{FinancialCalendar(year_start).year_label(2025)}'",
    )


def _years_in_range(window: Window) -> bool:
    days = [day for part in window.parts for day in part]
    return all(MIN_YEAR <= day.year <= MAX_YEAR for day in days)


def _year_out_of_range(text: str) -> DateError:
    return DateError(
        text,
        0,
        "not a date: the year is out of range",
        f"write a year between {MIN_YEAR} and {MAX_YEAR}",
    )


def as_at_day(
    quarter: str | None = None,
    as_of: str | date | None = None,
    year_start: int = 4,
    today: date | None = None,
) -> date:
    """Day D of docs/reference/plan-format.md "Overdue": the day after the quarter, the
    date, or today."""
    if quarter and as_of:
        raise DateError(str(quarter), 0, "give a quarter or a date, not both")
    if quarter:
        return parse_quarter(quarter, year_start).last_day + timedelta(days=1)
    if isinstance(as_of, date):
        return as_of
    if as_of:
        try:
            return date.fromisoformat(str(as_of).strip())
        except ValueError:
            raise DateError(
                str(as_of), 0, f"'{as_of}' is not an ISO date", "write YYYY-MM-DD, e.g. 2026-03-31"
            ) from None
    return today or date.today()
