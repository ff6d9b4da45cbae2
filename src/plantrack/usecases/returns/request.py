"""``request``: which trackables each lead (or directorate) is asked about."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from plantrack import workspace as plans_workspace
from plantrack.config import default_plans
from plantrack.dates import Quarter
from plantrack.errors import Diagnostic, PlantrackError
from plantrack.fileio import write_atomically
from plantrack.git.gitlog import head_commit
from plantrack.plan.walk import nodes
from plantrack.rows.index import Trackable
from plantrack.rows.period import AsAt, QuarterName, quarter_or_current
from plantrack.rows.query import Filters, current_plans, select
from plantrack.usecases.reporting import require_known
from plantrack.usecases.returns.form import (
    GROUPINGS,
    Return,
    ReturnRow,
    default_deadline,
    return_paths,
    status_words,
    unique_stems,
)
from plantrack.usecases.returns.issued import Sealer
from plantrack.workspace import Workspace

# --- request: which rows, for whom ----------------------------------------------------------


@dataclass
class Requested:
    """The returns to write, and the items asked about that nobody can be asked."""

    returns: list[Return]
    by: str = "lead"
    unowned: list[Trackable] = field(default_factory=list)  # no lead (or directorate)

    def problems(self) -> list[Diagnostic]:
        """One warning per item left out of every return, at its line."""
        return [
            Diagnostic(
                "PT520",
                f"{row.ref} has no {self.by}: no return asks about it",
                row.file,
                row.line,
                1,
                f"add '{self.by}:' to it, or to its objective or theme, and run request again",
                "warning",
            )
            for row in self.unowned
        ]


def quarter_of(quarter: QuarterName | None, workspace: Workspace) -> Quarter:
    """The quarter in the first plan's calendar (folders and labels are named by it)."""
    year_start = workspace.plans[0].plan.year_start if workspace.plans else 4
    return quarter_or_current(quarter, year_start, workspace.today)


def quarter_label(quarter: QuarterName | None, workspace: Workspace) -> str:
    """The label of the quarter in the first plan's calendar."""
    return quarter_of(quarter, workspace).label()


def is_asked(row: Trackable, quarter: QuarterName | None, today: date) -> bool:
    """A lead is asked about every item not yet done, and about a done one that falls
    due in the quarter or the next (to confirm it), each in its plan's calendar."""
    if not row.done:
        return True
    asked = quarter_or_current(quarter, row.year_start, today)
    deadline = row.deadline
    return deadline is not None and asked.first_day <= deadline <= asked.next().last_day


def owners_of(row: Trackable, by: str) -> list[str]:
    """Whom a row is asked of: each of its leads, or its directorate; none if it has none
    (a return for "no lead" would reach nobody)."""
    if by == "directorate":
        return [row.directorate] if row.directorate else []
    return list(dict.fromkeys(row.lead))


def request(
    workspace: Workspace,
    quarter: QuarterName | None,
    *,
    by: str = "lead",
    deadline: date | None = None,
    commit: str | None = None,
    rows: Iterable[Trackable] | None = None,
) -> Requested:
    """One return per owner, rows in plan file order, owners sorted by name; and the
    items asked about that have no owner. ``rows`` narrows the trackables considered
    (default: all of the workspace's)."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    today = workspace.today
    period = quarter_of(quarter, workspace)
    due_back = deadline or default_deadline(today, period)
    plans = {loaded.plan.id: loaded.plan for loaded in workspace.plans}
    actions = action_titles(plans.values())
    returns: dict[str, Return] = {}
    found = Requested([], by)
    for row in workspace.rows if rows is None else rows:
        if not is_asked(row, quarter, today):
            continue
        owners = owners_of(row, by)
        if not owners:
            found.unowned.append(row)
        for owner in owners:
            ret = returns.get(owner)
            if ret is None:
                ret = returns[owner] = Return(
                    owner, period.label(), by, today, due_back, commit, period=period
                )
            ret.rows.append(_row(row, actions))
            ret.words.setdefault(row.plan, status_words(plans[row.plan]))
            ret.plan_titles.setdefault(row.plan, plans[row.plan].title)
    found.returns = sorted(returns.values(), key=lambda r: (r.owner.casefold(), r.owner))
    stems = file_stems(workspace.rows, by)
    for ret in found.returns:
        ret.stem = stems[ret.owner]
    return found


def build_returns(workspace: Workspace, quarter: QuarterName | None, **options) -> list[Return]:
    """The returns of :func:`request` (same options)."""
    return request(workspace, quarter, **options).returns


def file_stems(rows: Iterable[Trackable], by: str) -> dict[str, str]:
    """Each owner's file name, made among every owner in the plans (not only those asked
    this time), so a lead's file is named the same with or without ``--lead``."""
    owners = sorted({owner for row in rows for owner in owners_of(row, by)})
    return dict(zip(owners, unique_stems(owners), strict=True))


def request_for(
    workspace: Workspace,
    quarter: QuarterName | None,
    *,
    by: str = "lead",
    filters: Filters | None = None,
    deadline: date | None = None,
    commit: str | None = None,
    all_plans: bool = False,
) -> Requested:
    """:func:`request` over the rows ``filters`` keep; with a lead (or, by directorate,
    a directorate) filter only the owners it names get a return, so an item with two
    leads does not send a return to the other one. Plans that ended before the quarter
    are left out by the one rule (:func:`plantrack.rows.query.current_plans`) unless
    ``all_plans``."""
    filters = filters or Filters()
    rows = select(workspace.rows, filters)
    if not all_plans:
        as_at = AsAt(quarter=quarter)
        rows, _ = current_plans(workspace.infos, rows, as_at, workspace.today, filters.plans)
    found = request(workspace, quarter, by=by, deadline=deadline, commit=commit, rows=rows)
    wanted = filters.lead if by == "lead" else filters.directorate
    if wanted:
        found.returns = [ret for ret in found.returns if wanted.casefold() in ret.owner.casefold()]
    return found


def returns_for(workspace: Workspace, quarter: QuarterName | None, **options) -> list[Return]:
    """The returns of :func:`request_for` (same options): who is asked what."""
    return request_for(workspace, quarter, **options).returns


def action_titles(plans) -> dict[tuple[str, str], str]:
    """``(plan id, action id) -> title`` for every action: a milestone's row shows the
    action it belongs to."""
    return {
        (plan.id, node.id): node.title
        for plan in plans
        for node in nodes(plan)
        if node.kind == "action"
    }


def _row(row: Trackable, actions: dict[tuple[str, str], str]) -> ReturnRow:
    action = actions.get((row.plan, row.action), "") if row.kind == "milestone" else ""
    return ReturnRow(
        ref=row.ref,
        plan=row.plan,
        title=row.title,
        due=row.due or "",
        status=row.status_word or (row.status.value if row.status else ""),
        rationale=" ".join((row.rationale or "").split()),
        theme=row.theme_title,
        action=action,
    )


# --- request, end to end: asked, checked against the folder, sealed, written ---------------


@dataclass
class Issue:
    """What ``request`` wrote (or, in a dry run, would write): the returns asked for,
    each one's path in the folder; or, printed instead, each one's sealed CSV text."""

    asked: Requested
    paths: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    dry_run: bool = False


def issue(
    plans: Sequence[str] | None,
    quarter: QuarterName | None,
    *,
    folder: str | None,
    suffix: str,
    encode: Callable[[Return], bytes],
    as_text: Callable[[Return], str],
    by: str = "lead",
    filters: Filters | None = None,
    deadline: date | None = None,
    all_plans: bool = False,
    force: bool = False,
    dry_run: bool = False,
) -> Issue:
    """The returns of :func:`request_for` over the valid plans, made from the commit
    checked out and sealed with the plans' key (so collect can trust what was issued):
    written as ``suffix`` files (``encode``) under ``folder``, or, with no folder, as
    text (``as_text``) to print. Nothing is written when a return would be written
    through a link or over one already there (unless ``force``): the returns may hold
    answers. A refusal carries the warnings about items nobody can be asked about."""
    workspace = plans_workspace.load(plans).require_valid()
    filters = filters or Filters()
    require_known(Filters(plans=filters.plans), workspace.infos)
    plans_path = (plans or [default_plans()])[0]
    asked = request_for(
        workspace,
        quarter,
        by=by,
        filters=filters,
        deadline=deadline,
        commit=head_commit(plans_path),
        all_plans=all_plans,
    )
    if not asked.returns and asked.unowned:
        raise PlantrackError(
            f"no return written: the {len(asked.unowned)} item(s) to ask about have no {by}",
            hint=f"add '{by}:' to the plan's themes, objectives or actions",
            diagnostics=asked.problems(),
        )
    seal = Sealer(plans_path)  # what was issued, for collect to trust
    done = Issue(asked, dry_run=dry_run)
    if not asked.returns:
        return done
    if folder is None:
        done.texts = [seal.text(ret, as_text(ret)) for ret in asked.returns]
        return done
    done.paths = return_paths(folder, asked.returns, suffix)
    if not dry_run:
        _refuse_to_overwrite(done.paths, force, asked.problems())
        for ret, path in zip(asked.returns, done.paths, strict=True):
            data = seal(ret, encode(ret), suffix)
            write_atomically(path, data, make_folder=True, follow_links=False)
    return done


def _refuse_to_overwrite(paths: list[str], force: bool, warnings: list[Diagnostic]) -> None:
    """Never write a return through a link; never over one already there (it may hold
    answers) unless ``force``."""
    linked = [p for p in paths if os.path.islink(p)]
    if linked:
        raise PlantrackError(
            f"{len(linked)} return(s) in the folder are symbolic links, e.g. {linked[0]}; "
            "plantrack never writes through a link; nothing written",
            hint="remove the links (or move them away) and run request again",
            diagnostics=warnings,
        )
    existing = [p for p in paths if os.path.lexists(p)]
    if existing and not force:
        raise PlantrackError(
            f"{len(existing)} return(s) already in {os.path.dirname(existing[0])}, "
            f"e.g. {existing[0]}; nothing written",
            hint="they may hold answers: move them away, or give {0} to overwrite",
            named=("force",),
            diagnostics=warnings,
        )
