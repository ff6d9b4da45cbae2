"""What the public sees of a plan (docs/reference/plan-format.md, "What the public
sees"): ``public: false`` on the plan or any item withholds it and everything below
it. Written once here, for the pages, the open data, the counts and each quarter
close alike; nothing else in plantrack reads the key (reports, validate and returns
are unchanged by it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plantrack.plan.model import PUBLIC_FALSE
from plantrack.plan.walk import Node, nodes, walk_tree
from plantrack.rows.index import Trackable, trackables

if TYPE_CHECKING:
    from plantrack.plan.load import Document
    from plantrack.plan.model import Plan


@dataclass
class PublicView:
    """A plan's public items (depth first, file order) and its public trackables."""

    nodes: list[Node]
    rows: list[Trackable]


def is_public(node: Node) -> bool:
    """False when the item or anything above it says ``public: false``."""
    if node.item.public is False:
        return False
    return all(above.item.public is not False for above in node.ancestors)


def public_view(plan: Plan, document: Document) -> PublicView | None:
    """The public part of ``plan``; None when the whole plan is withheld."""
    if plan.public is False:
        return None
    shown = [node for node in nodes(plan) if is_public(node)]
    ids = {node.id for node in shown}
    rows = [row for row in trackables(plan, document) if row.id in ids]
    return PublicView(shown, rows)


def public_ids(data: Any) -> set[str] | None:
    """The same rule on a plan's raw data read with every scalar as the text written
    (as the plan loader keeps them): the ids of its public items,
    or None when the plan itself is withheld."""
    if not isinstance(data, dict) or withheld(data.get("public")):
        return None

    def make(parent: Any, kind: str, path: Any, item: dict) -> dict | None:
        return None if withheld(item.get("public")) else item

    return {str(item.get("id")) for item in walk_tree(data, make, raw=True)}


def withheld(value: Any) -> bool:
    """Whether a raw ``public`` value says false, as the model reads it (YAML 1.2's
    booleans, the only ones it accepts: the plan passed validation)."""
    return value is False or value in PUBLIC_FALSE
