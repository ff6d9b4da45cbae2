"""``Window``: how a date expression is read, built only through its named constructors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from plantrack.dates.calendar import MAX_QUARTERS, FinancialCalendar, Quarter


@dataclass(frozen=True)
class Window:
    """How an expression is read: first and last day, deadline, quarters touched.

    ``parts`` are the (first, last) days of each window named ("Q1 & Q3 26/27" has two);
    ``open`` is true when the work has no end (ongoing, or "from July 2016").
    Build one with ``of_day``, ``spanning``, ``due``, ``open_from`` or ``ongoing``.
    """

    text: str
    start: date | None
    end: date | None
    deadline: date | None
    quarters: tuple[Quarter, ...] = ()
    open: bool = False
    parts: tuple[tuple[date, date], ...] = ()
    recurrence: str | None = None  # "quarterly", "every September": work that repeats

    @classmethod
    def of_day(cls, text: str, day: date, *, year_start: int) -> Window:
        """One day (a YAML date)."""
        return cls.spanning(text, [(day, day)], year_start=year_start)

    @classmethod
    def spanning(cls, text: str, parts: list[tuple[date, date]], *, year_start: int) -> Window:
        """The windows named, from the first start to the last end; deadline that end."""
        start = min(first for first, _ in parts)
        end = max(last for _, last in parts)
        calendar = FinancialCalendar(year_start)
        quarters: list[Quarter] = []
        for first, last in parts:
            for quarter in calendar.quarters_between(first, last):
                if quarter not in quarters:
                    quarters.append(quarter)
        return cls(
            text=text,
            start=start,
            end=end,
            deadline=end,
            quarters=tuple(quarters[:MAX_QUARTERS]),
            parts=tuple(parts),
        )

    @classmethod
    def due(cls, text: str, deadline: date, *, year_start: int) -> Window:
        """Only a deadline ("by March 2017"): no start."""
        return cls(
            text=text,
            start=None,
            end=deadline,
            deadline=deadline,
            quarters=(FinancialCalendar(year_start).quarter_of(deadline),),
            parts=((deadline, deadline),),
        )

    @classmethod
    def open_from(cls, text: str, part: tuple[date, date], *, year_start: int) -> Window:
        """Starts with ``part`` and has no end or deadline ("from July 2016")."""
        return cls(
            text=text,
            start=part[0],
            end=None,
            deadline=None,
            quarters=(FinancialCalendar(year_start).quarter_of(part[0]),),
            open=True,
            parts=(part,),
        )

    @classmethod
    def recurring(cls, text: str, recurrence: str) -> Window:
        """Work that repeats with no window written ("Quarterly", "every September")."""
        return cls(text=text, start=None, end=None, deadline=None, open=True, recurrence=recurrence)

    def repeating(self, recurrence: str) -> Window:
        """This window, for work that repeats within it ("2024-2028 Quarterly")."""
        return replace(self, recurrence=recurrence)

    @classmethod
    def ongoing(cls, text: str) -> Window:
        """No window and no deadline ("ongoing", "TBC")."""
        return cls(text=text, start=None, end=None, deadline=None, open=True)
