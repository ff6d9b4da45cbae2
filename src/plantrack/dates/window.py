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
    # Work that repeats, read in a span (written, the plan's period or its financial year):
    # one (first day, last day, deadline) per period, in order (docs/reference/dates.md).
    occurrences: tuple[tuple[date, date, date], ...] = ()

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
    def recurring(
        cls,
        text: str,
        recurrence: str,
        occurrences: list[tuple[date, date, date]] | None = None,
        *,
        year_start: int = 4,
    ) -> Window:
        """Work that repeats ("Quarterly", "every September", "2024-2028 Quarterly"): with
        its occurrences, from the first one's first day to the last one's deadline (the
        expression's deadline); with none (no span to read it in), no window at all."""
        if not occurrences:
            return cls(text, None, None, None, open=True, recurrence=recurrence)
        window = cls.spanning(text, [(s, e) for s, e, _ in occurrences], year_start=year_start)
        return replace(
            window,
            deadline=occurrences[-1][2],
            recurrence=recurrence,
            occurrences=tuple(occurrences),
        )

    @classmethod
    def ongoing(cls, text: str) -> Window:
        """No window and no deadline ("ongoing", "TBC")."""
        return cls(text=text, start=None, end=None, deadline=None, open=True)
