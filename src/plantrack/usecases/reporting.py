"""What every report reads, end to end: the plans (through the cache unless told not
to), checked valid, the rows passing the filters, without the plans that have ended,
and with ``stale`` only the rows not updated lately; then each report's own rule
(overdue, upcoming, summary, the list, the tree) over them.

A report command builds a :class:`Scope` from its options, calls one function here
and hands the :class:`Selection` to its renderer. Nothing here names a flag: an
unknown plan is ``BadValue("plan", ...)``, and the CLI writes ``--plan``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from plantrack.config import default_plans
from plantrack.errors import BadValue
from plantrack.rows import query
from plantrack.rows.index import Trackable
from plantrack.rows.period import TODAY, AsAt, QuarterName
from plantrack.rows.query import NO_FILTERS, Filters
from plantrack.workspace import Workspace, load_folder, load_rows

if TYPE_CHECKING:
    from plantrack.usecases.close import ClosedQuarter


def _keep_nothing(loaded: object) -> None:
    """In-process (tests, an embedding program) what a report loaded is freed as usual."""


@dataclass(frozen=True)
class Scope:
    """Which plans a report reads and how: the paths (None: the default folder), the
    filters, whether through the cache, whether ended plans too (``all_plans``) and
    whether only the rows not updated lately (``stale``). ``keep`` is handed what each
    report loaded (the CLI's process keeps it until it ends at once)."""

    plans: Sequence[str] | None = None
    filters: Filters = NO_FILTERS
    use_cache: bool = True
    all_plans: bool = False
    stale: bool = False
    keep: Any = _keep_nothing


@dataclass
class Selection:
    """A report's rows: the workspace they come from, the rows that pass, the ended
    plans left out (ids, sorted) and what the report's rule found among them."""

    workspace: Workspace
    rows: list[Trackable]
    ended: list[str] = field(default_factory=list)
    found: Any = None

    @property
    def today(self) -> date:
        return self.workspace.today


def require_known(filters: Filters, infos: Iterable) -> None:
    """Each plan and theme a filter names is there, or the report stops saying which are
    (a typo must not give an empty report that looks like good news)."""
    infos = list(infos)
    known = {info.id for info in infos}
    unknown = [plan_id for plan_id in filters.plans if plan_id not in known]
    if unknown:
        hint = "plans here: " + ", ".join(sorted(known))
        raise BadValue("plan", "no such plan", value=unknown[0], hint=hint)
    themes = {theme for info in infos for theme in info.themes}
    missing = [theme for theme in filters.themes if theme not in themes]
    if missing:
        hint = "themes here: " + ", ".join(sorted(themes))
        raise BadValue("theme", "no such theme", value=missing[0], hint=hint)


def load(
    scope: Scope,
    *,
    full: bool = False,
    pending_only: bool = False,
    updated: bool = False,
    at: ClosedQuarter | None = None,
) -> tuple[Workspace, list[Trackable]]:
    """The valid workspace and its trackables passing the filters.

    A broken plan stops the report (exit 1, naming file:line) rather than letting it
    count partial data silently. Reports read through the cache unless
    ``scope.use_cache`` is off; ``full`` loads the plan models too (for trees);
    ``pending_only`` keeps only rows with a deadline that are not done; ``at`` reads
    the plans as committed at a quarter's close, on the day it was closed, and when
    they were last updated as known then. With ``updated`` (or ``scope.stale``) every
    row learns when it was last updated (plantrack.git.updated, from git); otherwise
    only rows with a recurring due do, which the overdue rule needs (a plan without
    one runs no git).
    """
    if at is not None:
        # git tags and old plan versions: only the report of a closed quarter reads them
        from plantrack.usecases.close import plans_at

        workspace = plans_at(at.sha, scope.plans or [default_plans()], at.day)
    elif full:
        workspace = load_folder(scope.plans)
    else:
        workspace = load_rows(scope.plans, use_cache=scope.use_cache, pending_only=pending_only)
    scope.keep(workspace)
    workspace.require_valid()
    require_known(scope.filters, workspace.infos)
    rows = query.select(workspace.rows, scope.filters)
    _mark_updated(rows, updated or scope.stale, scope.use_cache, at.sha if at else None)
    return workspace, rows


def _mark_updated(rows: list, everything: bool, use_cache: bool, commit: str | None) -> None:
    """Ask git (or the answer kept for this commit) when each row was last updated:
    every row, or only those whose due recurs; as known at ``commit`` (a closed
    quarter's), else at the commit checked out."""
    marked = rows if everything else [row for row in rows if row.occurrences is not None]
    if marked:
        # git history: only rows whose due recurs, or a report of update days, ask
        from plantrack.git.updated import mark

        mark(marked, use_cache, commit)


def select(scope: Scope, as_at: AsAt, **loading: Any) -> Selection:
    """:func:`load` (with ``loading``'s options), then the ended-plans rule
    (:func:`plantrack.rows.query.current_plans`: ``all_plans`` and a plan named in the
    filters keep them), then with ``stale`` only the rows not done and not updated
    since the first day of the quarter reported on."""
    workspace, rows = load(scope, **loading)
    ended: list[str] = []
    if not scope.all_plans:
        rows, ended = query.current_plans(
            workspace.infos, rows, as_at, workspace.today, scope.filters.plans
        )
    if scope.stale:
        rows = query.stale_rows(rows, as_at, workspace.today)
    return Selection(workspace, rows, ended)


# --- each report: its rows, then its rule ----------------------------------------------------


def overdue(scope: Scope, as_at: AsAt) -> Selection:
    """``overdue``: what was due by day D and is not done (only rows that can be late
    are read)."""
    chosen = select(scope, as_at, pending_only=True)
    chosen.found = query.overdue(chosen.rows, as_at, chosen.today)
    return chosen


def upcoming(scope: Scope, quarter: QuarterName | None, following: bool) -> Selection:
    """``upcoming``: not done, due in the quarter (or the one after); never done or
    undated rows, so only those are read."""
    chosen = select(scope, AsAt(quarter=quarter), pending_only=True)
    chosen.found = query.upcoming(chosen.rows, quarter, following, chosen.today)
    return chosen


def summary(scope: Scope, quarter: QuarterName | None, by: str) -> Selection:
    """``summary``: counts per group as at the quarter's close."""
    chosen = select(scope, AsAt(quarter=quarter))
    titles = {info.id: info.title for info in chosen.workspace.infos}
    chosen.found = query.summarise(
        chosen.rows, by=by, quarter=quarter, today=chosen.today, plan_titles=titles
    )
    return chosen


def listing(scope: Scope, updated: bool) -> Selection:
    """``list``: every trackable passing, in file order; ``updated`` asks git when
    each was last updated (JSON carries it)."""
    chosen = select(scope, TODAY, updated=updated)
    chosen.found = query.in_file_order(chosen.rows)
    return chosen


def tree(scope: Scope) -> Selection:
    """``list --all-levels``: the plans as trees (ended ones left out), and ``found``
    the (plan, id) of each trackable that passes (and with ``stale``, is not done and
    not updated lately), to trim the trees to."""
    workspace, rows = load(scope, full=True)
    current, ended = rows, []
    if not scope.all_plans:
        current, ended = query.current_plans(
            workspace.infos, rows, TODAY, workspace.today, scope.filters.plans
        )
    gone = {row.plan for row in rows} - {row.plan for row in current}
    workspace.plans = [loaded for loaded in workspace.plans if loaded.plan.id not in gone]
    if scope.stale:  # the trees trimmed to the trackables not updated lately
        current = query.stale_rows(current, TODAY, workspace.today)
    return Selection(workspace, current, ended, {(row.plan, row.id) for row in current})
