"""A plan's page of the public site as data: its public items as a tree (themes,
objectives, actions, milestones), each with what the public may read of it, its
status at the last quarter closes, and its links to other public items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from plantrack.plan.status import Status
from plantrack.rows.counts import count_of
from plantrack.rows.period import AsAt
from plantrack.rows.query import Group, Late
from plantrack.usecases.report import Mix
from plantrack.usecases.site.history import Close
from plantrack.usecases.site.public import PublicView

ABSENT = "absent"  # an item not in the published plans at a quarter close


@dataclass
class Item:
    """One item of a plan page at any level, with what the public may read of it."""

    kind: str
    id: str
    title: str
    description: str | None = None
    lead: list[str] = field(default_factory=list)
    measure: str | None = None
    due: str | None = None
    original_due: str | None = None
    deadline: date | None = None
    status: Status | None = None
    status_word: str | None = None
    rationale: str | None = None
    last_updated: date | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    overdue: bool = False
    tracked: bool = False  # an action or milestone: it has a status and a history
    history: list[tuple[str, Status | None | str]] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"item-{self.id}"

    @property
    def count(self):
        return count_of(self.status)


@dataclass
class PlanPage:
    """One plan's page and its line on the index."""

    id: str
    title: str
    description: str | None
    period: str | None
    organisation: str | None
    source: str | None
    as_at: date
    as_of: date | None
    ended: bool
    group: Group
    mix: Mix
    late: list[Late]
    plan_file: str  # the plan file it is read from
    themes: list[Item] = field(default_factory=list)  # filled for its page only

    @property
    def file_name(self) -> str:
        return f"plans/{self.id}.html"


@dataclass
class Context:
    """What every plan page is made with: the counts by plan, what is overdue (and its
    (plan, id) pairs), every public (plan, id), the quarter closes an item's history
    shows, the ended plans, and day D."""

    groups: dict[str, Group]
    late: list[Late]
    late_refs: set[tuple[str, str]]
    public: set[tuple[str, str]]
    closes: list[Close]
    ended: set[str]
    as_at: AsAt
    day: date
    # The day each trackable was last updated: its as_of, or the last commit changing
    # its status, rationale, due or as_of, whichever is later (plantrack.git.updated).
    updated: dict[tuple[str, str], date | None] = field(default_factory=dict)


def plan_page(entry: PlanPage, view: PublicView, context: Context) -> PlanPage:
    """The index's entry for a plan with its public items as a tree."""
    plan_id = entry.id
    by_id = {row.id: row for row in view.rows}
    items: dict[int, Item] = {}
    themes: list[Item] = []
    for node in view.nodes:
        item = _item(node, by_id.get(node.id), plan_id, context)
        items[id(node.item)] = item
        if node.ancestors:
            items[id(node.ancestors[-1].item)].children.append(item)
        else:
            themes.append(item)
    return replace(entry, themes=themes)


def _item(node, row, plan_id: str, context: Context) -> Item:
    source = node.item
    # Status, history and "last updated" belong to what reports count (a trackable) and to
    # an action with milestones that still reports a status of its own.
    tracked = row is not None or getattr(source, "status", None) is not None
    status = row.status if row else getattr(source, "status", None)
    word = row.status_word if row else getattr(source, "status_word", None)
    return Item(
        kind=node.kind,
        id=node.id,
        title=source.title,
        description=source.description,
        lead=list(node.lead) if node.kind in ("action", "milestone") else list(source.lead or ()),
        measure=getattr(source, "measure", None),
        due=getattr(source, "due", None),
        original_due=getattr(source, "original_due", None),
        deadline=row.deadline if row else None,
        status=status,
        status_word=word,
        rationale=getattr(source, "rationale", None),
        last_updated=context.updated.get((plan_id, node.id), node.as_of) if tracked else None,
        links=_links(source.links or (), plan_id, context.public),
        overdue=(plan_id, node.id) in context.late_refs,
        tracked=tracked,
        history=[
            (close.quarter.label(), close.statuses.get((plan_id, node.id), ABSENT))
            for close in context.closes
        ]
        if tracked
        else [],
    )


def _links(
    links: Sequence[str], plan_id: str, public: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Each link as (address, text): an item in this plan by its anchor, one in another
    plan on that plan's page. A link to a withheld item is left out, id and all."""
    found = []
    for link in links:
        other, _, target = link.rpartition(":")
        if (other or plan_id, target) not in public:
            continue
        page = "" if other in ("", plan_id) else f"{other}.html"
        found.append((f"{page}#item-{target}", link))
    return found
