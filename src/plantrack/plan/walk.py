"""The one walker over a plan's items, for validated models and raw data alike.

:func:`walk_tree` visits every item depth first, in file order, and hands each to
a ``make`` function with what it sits under; what ``make`` returns is collected
(and is the parent the item's children are made with). Validation, the folder
checks, the index, ``show``, ``list --all-levels``, ``diff`` and ``history`` all
walk through it: :func:`nodes` for models (with inherited values resolved) and
:func:`raw_items` for a plan the schema refused or an old revision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from plantrack.plan.keys import KIND, LEVELS, PathKey

if TYPE_CHECKING:
    from plantrack.plan.model import Plan

T = TypeVar("T")
Make = Callable[[T | None, str, PathKey, Any], T | None]


def walk_tree(root: Any, make: Make[T], raw: bool = False) -> list[T]:
    """``make(parent, kind, path, item)`` for every item under ``root``, depth first.

    ``root`` is a :class:`~plantrack.plan.model.Plan`, or with ``raw`` a plan's raw
    mapping, where anything that is not a list of mappings is skipped (the schema
    reports it). ``parent`` is what ``make`` returned for the item above (None for a
    theme); when ``make`` returns None the item and everything under it are left out.
    """
    found: list[T] = []

    def children(item: Any, level: int) -> Any:
        if raw:
            given = item.get(LEVELS[level])
            return given if isinstance(given, list) else ()
        return getattr(item, LEVELS[level], None) or ()

    def visit(container: Any, level: int, path: PathKey, parent: T | None) -> None:
        name = LEVELS[level]
        kind = KIND[name]
        for index, item in enumerate(children(container, level)):
            if raw and not isinstance(item, dict):
                continue
            here = path + (name, index)
            made = make(parent, kind, here, item)
            if made is None:
                continue
            found.append(made)
            if level + 1 < len(LEVELS):
                visit(item, level + 1, here, made)

    if not raw or isinstance(root, dict):
        visit(root, 0, (), None)
    return found


# --- validated plans ----------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Node:
    """One item of a plan at any level, with where it sits and what it inherits.

    Files keep ``lead``, ``directorate``, ``cabinet_member`` and ``as_of`` only where
    they are written; a node resolves inheritance once, so no tool ever copies an
    inherited value into a file.
    """

    plan_id: str
    kind: str
    item: Any
    path: PathKey
    ancestors: tuple[Node, ...]
    lead: tuple[str, ...]
    directorate: str | None
    cabinet_member: str | None
    as_of: date | None

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def title(self) -> str:
        return self.item.title

    def children(self) -> list:
        for level in LEVELS:
            found = getattr(self.item, level, None)
            if found is not None:
                return found
        return []

    @property
    def is_trackable(self) -> bool:
        """Every milestone, and every action without milestones (docs/reference/plan-format.md)."""
        if self.kind == "milestone":
            return True
        return self.kind == "action" and not self.item.milestones


_NODES: dict[int, tuple[Plan, list[Node]]] = {}
_NODES_CACHE_SIZE = 4096


def nodes(plan: Plan) -> list[Node]:
    """Every item of the plan, depth first, in file order, with inherited values.

    Validation, folder checks and the index all walk the same plan; the nodes are
    built once per plan object (profiled: the walk was a fifth of a large run).
    """
    cached = _NODES.get(id(plan))
    if cached is not None and cached[0] is plan:
        return cached[1]
    if len(_NODES) >= _NODES_CACHE_SIZE:
        _NODES.clear()

    def make(parent: Node | None, kind: str, path: PathKey, item: Any) -> Node:
        if parent is None:
            return Node(
                plan.id,
                kind,
                item,
                path,
                (),
                tuple(item.lead) if item.lead else (),
                item.directorate or None,
                item.cabinet_member or None,
                getattr(item, "as_of", None) or plan.as_of,
            )
        return Node(
            plan.id,
            kind,
            item,
            path,
            parent.ancestors + (parent,),
            tuple(item.lead) if item.lead else parent.lead,
            item.directorate or parent.directorate,
            item.cabinet_member or parent.cabinet_member,
            getattr(item, "as_of", None) or parent.as_of,
        )

    found = walk_tree(plan, make)
    _NODES[id(plan)] = (plan, found)
    return found


def forget(plan: Plan) -> None:
    """Drop the nodes kept for ``plan``, and with them the plan: a caller that reads a
    thousand plans one at a time (the public site) keeps one in memory, not all."""
    cached = _NODES.get(id(plan))
    if cached is not None and cached[0] is plan:
        del _NODES[id(plan)]


# --- raw data -----------------------------------------------------------------------------


def raw_items(data: Any) -> list[tuple[PathKey, dict]]:
    """Every item mapping of a raw plan with its path, depth first in file order."""
    return walk_tree(data, lambda parent, kind, path, item: (path, item), raw=True)


__all__ = ["Node", "forget", "nodes", "raw_items", "walk_tree"]
