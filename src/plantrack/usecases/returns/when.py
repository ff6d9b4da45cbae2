"""The quarter a return answers for, and the day its answers are dated.

A return belongs to the quarter it was issued for (its verified record says which),
whenever it comes back: a Q3 return collected in January writes Q3's statuses, dated
inside Q3. A quarter that was closed (its tag ``plantrack/2026-27-Q3`` exists, see
:mod:`plantrack.usecases.close`) was signed off: changing it takes ``force``. The day
is the one the officer gives, else the day the file was last saved (a workbook's own
date, which anyone can set, so it is believed only inside the quarter), never later
than today or than the quarter's last day.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from plantrack.dates import Quarter
from plantrack.errors import BadValue, Diagnostic
from plantrack.rows.period import QuarterName
from plantrack.usecases import close
from plantrack.usecases.returns.issued import Issued
from plantrack.usecases.returns.read import FilledReturn


def problem(path: str, message: str, hint: str | None = None, severity="error") -> Diagnostic:
    return Diagnostic("PT509", message, path, 0, 0, hint, severity)  # type: ignore[arg-type]


@dataclass
class Period:
    """The quarter a collect is for: the one named, else the first return's."""

    named: QuarterName | None
    year_start: int  # the calendar the labels are read in (the first plan's)
    plans_path: str | os.PathLike
    force: bool = False
    _closed: dict[str, close.ClosedQuarter | None] = field(default_factory=dict)

    def check(self, found: FilledReturn, issued: Issued) -> list[Diagnostic]:
        """Problems with the return's quarter: another quarter's, or a closed one."""
        quarter = self.quarter_of(issued)
        if quarter is None:
            return [problem(found.path, f"the record names no quarter ('{issued.quarter}')")]
        if self.named is None:
            self.named = QuarterName(issued.quarter)
        expected = self.named.in_calendar(self.year_start)
        if quarter != expected:
            return [
                problem(
                    found.path,
                    f"a return for {quarter.label()}, not for {expected.label()}",
                    "collect each quarter's returns on their own",
                )
            ]
        if issued.quarter not in self._closed:
            named = QuarterName(issued.quarter)
            self._closed[issued.quarter] = close.closed(named, self.plans_path)
        closed = self._closed[issued.quarter]
        if closed is None:
            return []
        message = f"{quarter.label()} is closed (tag {closed.tag}): its statuses were signed off"
        if self.force:
            applied = message + "; applied all the same (force)"
            return [problem(found.path, applied, None, "warning")]
        return [problem(found.path, message, "collect with force to change it all the same")]

    def quarter_of(self, issued: Issued) -> Quarter | None:
        try:
            return QuarterName.parse(issued.quarter).in_calendar(self.year_start)
        except BadValue:
            return None


def assessed_on(
    found: FilledReturn, quarter: Quarter, as_of: date | None, today: date
) -> tuple[date | None, Diagnostic | None]:
    """The day the return's answers are dated (as_of), or why there is none."""
    first, last = quarter.first_day, quarter.last_day
    if as_of is not None:
        if first <= as_of <= last:
            return as_of, None
        return None, problem(
            found.path,
            f"as_of {as_of} is outside {quarter.label()} ({first} to {last}), "
            "the quarter this return is for",
            f"give a day in {quarter.label()}",
        )
    day = min(found.filled_on or today, today, last)
    if day < first:
        return None, problem(
            found.path,
            f"the file says it was last saved on {found.filled_on}, before "
            f"{quarter.label()} began: that date cannot be the day of the assessment",
            f"give the day the lead filled it in as as_of, a day in {quarter.label()}",
        )
    return day, None
