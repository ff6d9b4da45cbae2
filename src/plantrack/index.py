"""Plans to rows: every item with its ancestors and inherited values resolved once.

Files keep ``lead``, ``directorate``, ``cabinet_member`` and ``as_of`` only
where they are written; this module resolves inheritance for reports, so no
tool ever copies an inherited value into a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from plantrack.dates import DateError, Window, parse
from plantrack.load import Document, PathKey
from plantrack.status import Status

if TYPE_CHECKING:
    from plantrack.model import Plan

LEVELS = ("themes", "objectives", "actions", "milestones")
KIND = {
    "themes": "theme",
    "objectives": "objective",
    "actions": "action",
    "milestones": "milestone",
}


@dataclass(slots=True, eq=False)
class Node:
    """One item of a plan at any level, with where it sits and what it inherits."""

    plan_id: str
    kind: str
    item: object
    path: PathKey
    ancestors: tuple[Node, ...]
    lead: tuple[str, ...]
    directorate: str | None
    cabinet_member: str | None
    as_of: date | None

    @property
    def id(self) -> str:
        return self.item.id  # type: ignore[attr-defined]

    @property
    def title(self) -> str:
        return self.item.title  # type: ignore[attr-defined]

    def children(self) -> list:
        for level in LEVELS:
            found = getattr(self.item, level, None)
            if found is not None:
                return found
        return []


_WALKS: dict[int, tuple[Plan, list[Node]]] = {}
_WALK_CACHE_SIZE = 4096


def walk(plan: Plan) -> list[Node]:
    """Every item of the plan, depth first, in file order.

    Validation, folder checks and the index all walk the same plan; the nodes are
    built once per plan object (profiled: the walk was a fifth of a large run).
    """
    cached = _WALKS.get(id(plan))
    if cached is not None and cached[0] is plan:
        return cached[1]
    if len(_WALKS) >= _WALK_CACHE_SIZE:
        _WALKS.clear()
    nodes = list(_walk(plan))
    _WALKS[id(plan)] = (plan, nodes)
    return nodes


def _walk(plan: Plan) -> Iterator[Node]:
    def visit(items, level_index: int, parent_path: PathKey, ancestors: tuple[Node, ...]):
        level = LEVELS[level_index]
        kind = KIND[level]
        parent = ancestors[-1] if ancestors else None
        lead = parent.lead if parent else ()
        directorate = parent.directorate if parent else None
        cabinet_member = parent.cabinet_member if parent else None
        as_of = parent.as_of if parent else plan.as_of
        for index, item in enumerate(items):
            node = Node(
                plan.id,
                kind,
                item,
                parent_path + (level, index),
                ancestors,
                tuple(item.lead) if item.lead else lead,
                item.directorate or directorate,
                item.cabinet_member or cabinet_member,
                getattr(item, "as_of", None) or as_of,
            )
            yield node
            if level_index + 1 < len(LEVELS):
                yield from visit(
                    getattr(item, LEVELS[level_index + 1]),
                    level_index + 1,
                    node.path,
                    ancestors + (node,),
                )

    yield from visit(plan.themes, 0, (), ())


def is_trackable(node: Node) -> bool:
    """Every milestone, and every action without milestones (plan-format.md)."""
    if node.kind == "milestone":
        return True
    return node.kind == "action" and not node.item.milestones  # type: ignore[attr-defined]


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

    @property
    def done(self) -> bool:
        return self.status is not None and self.status.done

    @property
    def ref(self) -> str:
        return f"{self.plan}:{self.id}"


def window_of(text: str | None, plan: Plan) -> Window | None:
    """The window of a due expression in the plan's calendar; None if absent or unreadable
    (validate reports unreadable ones; reports refuse to run on invalid plans)."""
    if not text:
        return None
    try:
        return parse(text, plan.financial_year, plan.year_start)
    except DateError:
        return None


def _deadline(text: str | None, plan: Plan) -> date | None:
    window = window_of(text, plan)
    return window.deadline if window else None


def trackables(plan: Plan, document: Document) -> list[Trackable]:
    """The plan's trackables with inheritance, windows and file:line resolved."""
    rows = []
    for node in walk(plan):
        if not is_trackable(node):
            continue
        item = node.item
        theme, objective = node.ancestors[0], node.ancestors[1]
        action = node.ancestors[2].id if node.kind == "milestone" else None
        due = item.due  # type: ignore[attr-defined]
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
                status=item.status,  # type: ignore[attr-defined]
                rationale=item.rationale,  # type: ignore[attr-defined]
                lead=list(node.lead),
                directorate=node.directorate,
                cabinet_member=node.cabinet_member,
                as_of=node.as_of,
                measure=item.measure,  # type: ignore[attr-defined]
                file=document.path,
                line=document.locate(node.path).line,
                year_start=plan.year_start,
                financial_year=plan.financial_year,
                deadline=_deadline(due, plan),
                theme_title=theme.title,
                objective_title=objective.title,
                links=list(item.links or ()),  # type: ignore[attr-defined]
            )
        )
    return rows


__all__ = ["Node", "Trackable", "is_trackable", "trackables", "walk", "window_of"]
