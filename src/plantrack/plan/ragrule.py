"""A plan's own RAG rule (``rag_rule: {behind: 3 months}``): the status its slip earns.

Many bodies define their colours by time (Rotherham's amber is "delayed by less than 3
months"). For a trackable that is not done, the **slip** is how far its expected deadline
(its ``due``'s, or day D once that has passed) lies after its original deadline
(``original_due``'s, else ``due``'s). The rule's status is on-track for no slip, behind
up to the tolerance, off-track beyond. ``validate`` warns (PT310) when a stated status
is better than that on the day it was stated (its ``as_of``, else today); never when it
is worse (a lead may be more cautious than the rule).

Plain data and dates, no pydantic: the index computes each row's tolerance in days once,
so a report served from the cache reads the rule's status with two additions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from plantrack import dates  # the grammar loads on first use: a warm report never parses
from plantrack.dates import DateError
from plantrack.errors import Diagnostic
from plantrack.plan.status import SEVERITY, Status

UNITS = ("day", "week", "month", "quarter")


def _any_case(word: str) -> str:
    return "".join(f"[{ch.upper()}{ch}]" for ch in word)


# "3 months", "90 days", "6 weeks", "1 quarter": a whole number and a unit, in any case.
# The JSON schema carries this pattern (no inline flags: editors read ECMA-262 regexes),
# so an editor accepts exactly what validate accepts.
TOLERANCE_PATTERN = (
    r"^\s*[0-9]{1,4}\s*(" + "|".join(_any_case(unit) for unit in UNITS) + r")[Ss]?\s*$"
)
TOLERANCE_FORMS = "90 days, 6 weeks, 3 months or 1 quarter"
_PARTS = re.compile(r"\s*([0-9]+)\s*([a-z]+?)s?\s*$")
_MONTHS = {"month": 1, "quarter": 3}
_DAYS = {"day": 1, "week": 7}

# Worst first, as reports sort (plan/status.SEVERITY): "better" is later in this list.
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}


@dataclass(frozen=True)
class Tolerance:
    """How far past its original deadline a trackable may be and still be only behind."""

    count: int
    unit: str  # day, week, month or quarter
    text: str  # as the plan writes it

    @classmethod
    def parse(cls, text: str) -> Tolerance:
        """ValueError (saying what is accepted) for anything but a count and a unit."""
        if not re.match(TOLERANCE_PATTERN, text):
            raise ValueError(f"'{text}' is not a tolerance; write e.g. {TOLERANCE_FORMS}")
        found = _PARTS.match(text.lower())
        assert found is not None  # the pattern above is stricter
        return cls(int(found.group(1)), found.group(2), " ".join(text.split()))

    def limit(self, original: date) -> date:
        """The last day a trackable due on ``original`` is only behind. Months count on
        the calendar: 3 months after 31 March is 30 June, and a month's last day goes to
        the last day of the month it lands in (28 February 2026 + 3 months: 31 May)."""
        if self.unit in _DAYS:
            return original + timedelta(days=self.count * _DAYS[self.unit])
        months = original.month - 1 + self.count * _MONTHS[self.unit]
        year, month = original.year + months // 12, months % 12 + 1
        last = calendar.monthrange(year, month)[1]
        at_end = original.day == calendar.monthrange(original.year, original.month)[1]
        return date(year, month, last if at_end else min(original.day, last))

    def days_from(self, original: date) -> int:
        """The tolerance in days for a trackable whose original deadline is ``original``."""
        return (self.limit(original) - original).days


def status_for(slip_days: int, tolerance_days: int) -> Status:
    """The rule's status: on-track for no slip, behind up to the tolerance, off-track beyond."""
    if slip_days <= 0:
        return Status.ON_TRACK
    return Status.BEHIND if slip_days <= tolerance_days else Status.OFF_TRACK


def slip_days(deadline: date, original: date, day: date) -> int:
    """Days the expected deadline (``deadline``, or ``day`` once it has passed) lies after
    the original one; negative when brought forward."""
    return ((day if deadline < day else deadline) - original).days


def better(stated: Status, rule: Status) -> bool:
    """Whether a stated status is better news than the rule's."""
    return _RANK[stated] > _RANK[rule]


# --- validate's warning -------------------------------------------------------------------


def disagreements(doc, plan, nodes, today: date) -> list[Diagnostic]:
    """PT310 for each trackable not done whose stated status (its own, or its action's)
    is better than the plan's rule gives on the day the status was assessed (its
    ``as_of``, inherited from the plan; else ``today``). None without a rule."""
    if plan.rag_rule is None:
        return []
    tolerance = Tolerance.parse(plan.rag_rule.behind)
    found = []
    for node in nodes:
        if not node.is_trackable:
            continue
        stated = node.item.status
        if stated is None and node.kind == "milestone":
            stated = node.ancestors[2].item.status  # a row's status reaches its steps
        if stated is None or stated.done:
            continue
        found_dates = _deadlines(node.item, plan)
        if found_dates is None:
            continue
        deadline, original = found_dates
        slip = slip_days(deadline, original, node.as_of or today)
        rule = status_for(slip, tolerance.days_from(original))
        if better(stated, rule):
            found.append(_warning(doc, node, stated, rule, slip, original, tolerance))
    return found


def _deadlines(item, plan) -> tuple[date, date] | None:
    """(due's deadline, the original deadline), or None when the due has none."""
    deadline = _deadline_of(item.due, plan)
    if deadline is None:
        return None
    original = _deadline_of(item.original_due, plan) if item.original_due else None
    return deadline, original or deadline


def _deadline_of(text: str | None, plan) -> date | None:
    if not text:
        return None
    try:
        return dates.parse(text, plan.financial_year, plan.year_start).deadline
    except DateError:
        return None  # PT205 reports it


def _warning(doc, node, stated, rule, slip, original, tolerance) -> Diagnostic:
    own = node.item.status is not None
    loc = doc.value_loc(node.path + ("status",) if own else node.path + ("id",))
    whose = "" if own else " (its action's)"
    return Diagnostic(
        "PT310",
        f"status {stated.value}{whose} is better than the plan's rag_rule gives: "
        f"{rule.value}, {slip} day{'s' if slip != 1 else ''} past the original deadline "
        f"{original.isoformat()} (behind up to {tolerance.text})",
        doc.path,
        loc.line,
        loc.col,
        f"review the status: by the plan's own rule it is {rule.value}",
        "warning",
    )
