"""``request``: which trackables each lead (or directorate) is asked about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from plantrack.index import Trackable
from plantrack.period import QuarterName, quarter_or_current
from plantrack.query import Filters, select
from plantrack.usecases.returns.form import (
    DEFAULT_NOTICE,
    GROUPINGS,
    NO_OWNER,
    Return,
    ReturnRow,
    status_words,
    unique_stems,
)
from plantrack.workspace import Workspace

# --- request: which rows, for whom ----------------------------------------------------------


def quarter_label(quarter: QuarterName | None, workspace: Workspace) -> str:
    """The label of the quarter in the first plan's calendar (folders are named by it)."""
    year_start = workspace.plans[0].plan.year_start if workspace.plans else 4
    return quarter_or_current(quarter, year_start, workspace.today).label()


def is_asked(row: Trackable, quarter: QuarterName | None, today: date) -> bool:
    """A lead is asked about every item not yet done, and about a done one that falls
    due in the quarter or the next (to confirm it), each in its plan's calendar."""
    if not row.done:
        return True
    asked = quarter_or_current(quarter, row.year_start, today)
    deadline = row.deadline
    return deadline is not None and asked.first_day <= deadline <= asked.next().last_day


def owners_of(row: Trackable, by: str) -> list[str]:
    """Whom a row is asked of: each of its leads, or its directorate."""
    if by == "directorate":
        return [row.directorate or NO_OWNER[by]]
    return list(dict.fromkeys(row.lead)) or [NO_OWNER[by]]


def build_returns(
    workspace: Workspace,
    quarter: QuarterName | None,
    *,
    by: str = "lead",
    deadline: date | None = None,
    commit: str | None = None,
    rows: Iterable[Trackable] | None = None,
) -> list[Return]:
    """One return per owner, rows in plan file order; owners sorted by name.

    ``rows`` narrows the trackables considered (default: all of the workspace's).
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    today = workspace.today
    label = quarter_label(quarter, workspace)
    plans = {loaded.plan.id: loaded.plan for loaded in workspace.plans}
    returns: dict[str, Return] = {}
    for row in workspace.rows if rows is None else rows:
        if not is_asked(row, quarter, today):
            continue
        for owner in owners_of(row, by):
            found = returns.get(owner)
            if found is None:
                found = returns[owner] = Return(
                    owner, label, by, today, deadline or today + DEFAULT_NOTICE, commit
                )
            found.rows.append(_row(row))
            found.words.setdefault(row.plan, status_words(plans[row.plan]))
    ordered = sorted(returns.values(), key=lambda r: (r.owner.casefold(), r.owner))
    stems = file_stems(workspace.rows, by)
    for ret in ordered:
        ret.stem = stems[ret.owner]
    return ordered


def file_stems(rows: Iterable[Trackable], by: str) -> dict[str, str]:
    """Each owner's file name, made among every owner in the plans (not only those asked
    this time), so a lead's file is named the same with or without ``--lead``."""
    owners = sorted({owner for row in rows for owner in owners_of(row, by)})
    return dict(zip(owners, unique_stems(owners), strict=True))


def returns_for(
    workspace: Workspace,
    quarter: QuarterName | None,
    *,
    by: str = "lead",
    filters: Filters | None = None,
    deadline: date | None = None,
    commit: str | None = None,
) -> list[Return]:
    """:func:`build_returns` over the rows ``filters`` keep; with a lead (or, by
    directorate, a directorate) filter only the owners it names get a return, so an
    item with two leads does not send a return to the other one."""
    filters = filters or Filters()
    rows = select(workspace.rows, filters)
    found = build_returns(workspace, quarter, by=by, deadline=deadline, commit=commit, rows=rows)
    wanted = filters.lead if by == "lead" else filters.directorate
    if wanted:
        found = [ret for ret in found if wanted.casefold() in ret.owner.casefold()]
    return found


def _row(row: Trackable) -> ReturnRow:
    return ReturnRow(
        ref=row.ref,
        plan=row.plan,
        title=row.title,
        due=row.due or "",
        status=row.status_word or (row.status.value if row.status else ""),
        rationale=" ".join((row.rationale or "").split()),
    )
