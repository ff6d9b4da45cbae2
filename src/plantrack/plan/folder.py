"""What one plan contributes beyond its rows, and the checks across the folder.

Folder checks (plan ids unique, every link resolving) run on small per-plan
summaries rather than loaded plans, and report headers print a plan's own keys
from :class:`PlanInfo`: both are small enough to cache as JSON, so a report
served from the cache checks the folder and titles its plans without loading
any model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from plantrack import dates
from plantrack.errors import Diagnostic
from plantrack.plan.walk import nodes as walk_nodes
from plantrack.plan.walk import raw_items
from plantrack.suggest import did_you_mean

if TYPE_CHECKING:
    from plantrack.plan.load import Document
    from plantrack.plan.model import Plan


@dataclass(frozen=True)
class PlanInfo:
    """A plan's own keys that reports print (title, period...), without its items."""

    id: str
    title: str
    period: str | None
    as_of: str | None
    file: str
    # The last day of ``period`` in the plan's calendar (ISO), read when the plan is
    # checked: reports served from the cache then never load the date grammar to tell
    # whether a plan has ended. None without a period, or with one that has no end.
    period_end: str | None = None
    # Its theme ids: ``--theme`` is checked against them, not against the rows a report
    # loaded (overdue reads only rows not done, so a finished theme has none).
    themes: tuple[str, ...] = ()

    @classmethod
    def of(cls, plan: Plan, file: str) -> PlanInfo:
        as_of = plan.as_of.isoformat() if plan.as_of else None
        themes = tuple(theme.id for theme in plan.themes)
        return cls(plan.id, plan.title, plan.period, as_of, file, _period_end(plan), themes)


def _period_end(plan: Plan) -> str | None:
    if not plan.period:
        return None
    try:
        window = dates.parse(plan.period, plan.financial_year, plan.year_start)
    except dates.DateError:
        return None  # validate reports it
    end = window.end or window.deadline
    return end.isoformat() if end else None


@dataclass
class PlanSummary:
    """What folder-wide checks need of one plan: small enough to cache as JSON."""

    file: str
    plan_id: str
    id_line: int
    id_col: int
    ids: list[str]
    links: list[tuple[str, int, int]]  # link, line, column

    @classmethod
    def of(cls, doc: Document, plan: Plan) -> PlanSummary:
        nodes = walk_nodes(plan)
        links = []
        for node in nodes:
            for index, link in enumerate(node.item.links or ()):
                loc = doc.value_loc(node.path + ("links", index))
                links.append((link, loc.line, loc.col))
        loc = doc.value_loc(("id",))
        return cls(doc.path, plan.id, loc.line, loc.col, [n.id for n in nodes], links)

    @classmethod
    def raw(cls, doc: Document) -> PlanSummary | None:
        """The same from the raw data of a plan the schema refused, so that one run of
        ``validate`` also reports its unresolved links and reused plan id; None if it
        has no plan id to speak of."""
        data = doc.data if isinstance(doc.data, dict) else {}
        plan_id = data.get("id")
        if not isinstance(plan_id, str):
            return None
        items = raw_items(data)
        links = []
        for path, item in items:
            given = item.get("links")
            for index, link in enumerate([given] if isinstance(given, str) else given or ()):
                if isinstance(link, str):
                    where = path + ("links",) if isinstance(given, str) else path + ("links", index)
                    loc = doc.value_loc(where)
                    links.append((link, loc.line, loc.col))
        ids = [item["id"] for _, item in items if isinstance(item.get("id"), str)]
        loc = doc.value_loc(("id",))
        return cls(doc.path, plan_id, loc.line, loc.col, ids, links)


def check_folder(summaries: list[PlanSummary]) -> list[Diagnostic]:
    """Plan ids unique across the folder; every link resolves."""
    found = []
    files_by_plan: dict[str, str] = {}
    ids_by_plan: dict[str, set[str]] = {}
    for summary in summaries:
        other = files_by_plan.get(summary.plan_id)
        if other is not None:
            found.append(
                Diagnostic(
                    "PT202",
                    f"plan id '{summary.plan_id}' is also used by {other}",
                    summary.file,
                    summary.id_line,
                    summary.id_col,
                    "give each plan its own id",
                )
            )
        else:
            files_by_plan[summary.plan_id] = summary.file
        ids_by_plan.setdefault(summary.plan_id, set()).update(summary.ids)
    for summary in summaries:
        found += _check_links(summary, ids_by_plan)
    return found


def _check_links(summary: PlanSummary, ids_by_plan: dict[str, set[str]]) -> list[Diagnostic]:
    found = []
    for link, line, col in summary.links:
        target_plan, _, target = link.rpartition(":")
        target_plan = target_plan or summary.plan_id
        if target in ids_by_plan.get(target_plan, ()):
            continue
        hint = did_you_mean(target, ids_by_plan.get(target_plan, set()))
        if target_plan not in ids_by_plan:
            hint = did_you_mean(target_plan, ids_by_plan) or "no plan with that id is loaded"
        found.append(
            Diagnostic("PT203", f"link '{link}' does not resolve", summary.file, line, col, hint)
        )
    return found
