"""Plans to rows: every trackable with its ancestors, inherited values and deadline
resolved once (the nodes of :func:`plantrack.plan.walk.nodes`), as flat rows that
reports count and the cache stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from plantrack import dates
from plantrack.dates import DateError
from plantrack.plan.ragrule import Tolerance, slip_days, status_for
from plantrack.plan.status import Status
from plantrack.plan.walk import Node, nodes

if TYPE_CHECKING:
    from plantrack.dates import Window
    from plantrack.plan.load import Document
    from plantrack.plan.model import Plan


@dataclass(slots=True)
class Trackable:
    """A row reports count: a milestone, or an action with no milestones."""

    plan: str
    id: str
    kind: str
    title: str
    theme: str
    objective: str
    action: str | None
    due: str | None
    original_due: str | None
    status: Status | None
    rationale: str | None
    lead: list[str]
    directorate: str | None
    cabinet_member: str | None
    as_of: date | None
    measure: str | None
    file: str
    line: int
    year_start: int = 4
    financial_year: str | None = None
    deadline: date | None = None
    theme_title: str = ""
    objective_title: str = ""
    links: list[str] = field(default_factory=list)
    status_word: str | None = None  # the status as the file writes it ("Delivered", "Green")
    # A recurring due's occurrences (docs/reference/plan-format.md, Recurring targets),
    # each [first day, last day, deadline] as ISO text; None when the due does not recur.
    # Read by plantrack.rows.query.missed_occurrence, only for the few rows that recur.
    occurrences: list[list[str]] | None = None
    # Days the due's deadline lies after original_due's (re-dated when > 0); None unless
    # both have one. Whole days, not dates: a warm summary adds them up without parsing.
    redated_days: int | None = None
    # The plan's rag_rule tolerance in days from this row's original deadline (months
    # differ in length); None when the plan has no rule or the due has no deadline.
    rule_days: int | None = None
    # Not stored in the cache's row codec (a field not stored comes after every stored
    # one): the day of the last commit that changed the row's status, rationale, due or
    # as_of, when a report asked git (plantrack.git.updated.mark).
    changed: date | None = field(
        default=None, compare=False, repr=False, metadata={"stored": False}
    )

    @property
    def done(self) -> bool:
        return self.status is not None and self.status.done

    @property
    def updated(self) -> date | None:
        """The later of ``as_of`` and the last commit changing the row (as_of alone when
        git was not asked, or outside git)."""
        as_of, changed = self.as_of, self.changed
        if as_of is None or changed is None:
            return as_of or changed
        return max(as_of, changed)

    @property
    def ref(self) -> str:
        return f"{self.plan}:{self.id}"

    def slip(self, day: date) -> int | None:
        """Days its expected deadline (its deadline, or day D once that has passed) lies
        after its original one (plan/ragrule.py); None without a deadline."""
        if self.deadline is None:
            return None
        return slip_days(self.deadline, self.deadline, day) + (self.redated_days or 0)

    def rule_status(self, day: date) -> Status | None:
        """The status the plan's rag_rule gives as at day D; None when done, undated or
        the plan has no rule."""
        if self.rule_days is None or self.deadline is None or self.done:
            return None
        return status_for(self.slip(day) or 0, self.rule_days)


def window_of(text: str | None, plan: Plan) -> Window | None:
    """The window of a due expression in the plan's calendar; None if absent or unreadable
    (validate reports unreadable ones; reports refuse to run on invalid plans)."""
    if not text:
        return None
    try:
        return dates.parse(text, plan.financial_year, plan.year_start, period_of(plan))
    except DateError:
        return None


def period_of(plan: Plan) -> tuple[date, date] | None:
    """The first and last day of the plan's ``period``, where recurring work repeats
    (None: no period, or one without both ends; then the financial year)."""
    if not plan.period:
        return None
    try:
        window = dates.parse(plan.period, plan.financial_year, plan.year_start)
    except DateError:
        return None
    if window.start is None or window.end is None or window.recurrence:
        return None
    return window.start, window.end


def _dated(text: str | None, plan: Plan) -> tuple[date | None, list[list[str]] | None]:
    """The deadline of a due, and its occurrences when it recurs (ISO text, as stored)."""
    window = window_of(text, plan)
    if window is None:
        return None, None
    if not window.occurrences:
        return window.deadline, None
    return window.deadline, [[day.isoformat() for day in part] for part in window.occurrences]


def _status_holder(node: Node):
    """The item whose status a trackable reports: its own, else (for a milestone) its
    action's. Documents give one status per row, and a row's dated sub-steps share it
    (docs/reference/plan-format.md), as they share the row's lead."""
    if node.item.status is None and node.kind == "milestone":  # type: ignore[attr-defined]
        return node.ancestors[2].item
    return node.item


def _baseline_days(
    deadline: date | None, original_due: str | None, plan: Plan, rule: Tolerance | None
) -> tuple[int | None, int | None]:
    """(redated_days, rule_days) of a row: see :class:`Trackable`."""
    if deadline is None:
        return None, None
    window = window_of(original_due, plan)
    original = window.deadline if window is not None else None
    redated = (deadline - original).days if original is not None else None
    return redated, rule.days_from(original or deadline) if rule is not None else None


def trackables(plan: Plan, document: Document) -> list[Trackable]:
    """The plan's trackables with inheritance, windows and file:line resolved."""
    rows = []
    rule = Tolerance.parse(plan.rag_rule.behind) if plan.rag_rule is not None else None
    for node in nodes(plan):
        if not node.is_trackable:
            continue
        item = node.item
        theme, objective = node.ancestors[0], node.ancestors[1]
        action = node.ancestors[2].id if node.kind == "milestone" else None
        due = item.due  # type: ignore[attr-defined]
        deadline, occurrences = _dated(due, plan)
        reported = _status_holder(node)
        redated, rule_days = _baseline_days(deadline, item.original_due, plan, rule)  # type: ignore[attr-defined]
        rows.append(
            Trackable(
                plan=plan.id,
                id=item.id,  # type: ignore[attr-defined]
                kind=node.kind,
                title=item.title,  # type: ignore[attr-defined]
                theme=theme.id,
                objective=objective.id,
                action=action,
                due=due,
                original_due=item.original_due,  # type: ignore[attr-defined]
                status=reported.status,  # type: ignore[attr-defined]
                rationale=item.rationale or reported.rationale,  # type: ignore[attr-defined]
                lead=list(node.lead),
                directorate=node.directorate,
                cabinet_member=node.cabinet_member,
                as_of=node.as_of,
                measure=item.measure,  # type: ignore[attr-defined]
                file=document.path,
                line=document.locate(node.path).line,
                year_start=plan.year_start,
                financial_year=plan.financial_year,
                deadline=deadline,
                theme_title=theme.title,
                objective_title=objective.title,
                links=list(item.links or ()),  # type: ignore[attr-defined]
                status_word=reported.status_word,  # type: ignore[attr-defined]
                occurrences=occurrences,
                redated_days=redated,
                rule_days=rule_days,
            )
        )
    return rows


__all__ = ["Trackable", "trackables", "window_of"]
