"""``list --all-levels``: the plans as trees (themes, objectives, actions, milestones),
trimmed to the trackables that passed the filters; drawn in the terminal or written
as nested JSON objects, both from one choice of nodes (:func:`plan_trees`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

from plantrack.plan.walk import nodes as walk_nodes
from plantrack.render.console import console, safe
from plantrack.render.formats import write_json
from plantrack.render.table import RAG_STYLE

T = TypeVar("T")


def tree_nodes(plan, keep: set[tuple[str, str]], prune: bool) -> list:
    """The items of ``plan`` that ``list --all-levels`` shows, in file order.

    Every kept trackable with the action, objective and theme above it; with
    ``prune`` (filters were given) nothing else, so a filtered tree has no empty
    branches; without it every theme and objective, as the plan reads.
    """
    nodes = walk_nodes(plan)
    shown: set[tuple] = set()
    for node in nodes:
        if (plan.id, node.id) in keep and node.kind in ("action", "milestone"):
            shown.update(node.path[:depth] for depth in range(2, len(node.path) + 1, 2))
    return [
        node
        for node in nodes
        if node.path in shown or (not prune and node.kind in ("theme", "objective"))
    ]


def plan_trees(plans: list, keep: set[tuple[str, str]], prune: bool) -> list[tuple[Any, list]]:
    """(loaded plan, its :func:`tree_nodes`) for each plan a tree shows; a filtered
    tree leaves out the plans where nothing passed."""
    found = [(loaded, tree_nodes(loaded.plan, keep, prune)) for loaded in plans]
    return [(loaded, nodes) for loaded, nodes in found if nodes or not prune]


def graft(nodes: list, root: T, add: Callable[[T, Any], T]) -> None:
    """Hang each node under its parent, starting from ``root``: ``add(parent, node)``
    makes the node's branch (a rich Tree, or a JSON object) and returns it."""
    branches = {(): root}
    for node in nodes:
        parent = branches.get(node.path[:-2])
        if parent is not None:
            branches[node.path] = add(parent, node)


def tree_records(plans: list, keep: set[tuple[str, str]], prune: bool) -> list[dict[str, Any]]:
    """``list --all-levels --format json``: each plan as nested items, trimmed as the
    terminal tree is (see :func:`tree_nodes`)."""
    found = []
    for loaded, nodes in plan_trees(plans, keep, prune):
        root: dict[str, Any] = {"plan": loaded.plan.id, "title": loaded.plan.title, "items": []}
        graft(nodes, root, _add_item)
        found.append(root)
    return found


def _add_item(parent: dict[str, Any], node) -> dict[str, Any]:
    status = getattr(node.item, "status", None)
    item = {
        "kind": node.kind,
        "id": node.id,
        "title": node.title,
        "due": getattr(node.item, "due", None),
        "status": status.value if status else None,
        "items": [],
    }
    parent["items"].append(item)
    return item


def write_tree(
    workspace, keep: set[tuple[str, str]], prune: bool, output_format: str = "table"
) -> None:
    """Plans → themes → objectives → actions → milestones, trimmed to ``keep``; as nested
    JSON objects, or a tree in the terminal."""
    if output_format == "json":
        trees = tree_records(workspace.plans, keep, prune)
        write_json(trees)
        return
    if not keep:
        sys.stdout.write("no trackables match\n")
        return
    from rich.tree import Tree

    out = console()
    for loaded, nodes in plan_trees(workspace.plans, keep, prune):
        root = Tree(f"[bold]{safe(loaded.plan.title)}[/] ({safe(loaded.plan.id)})")
        graft(nodes, root, lambda parent, node: parent.add(_tree_label(node, safe)))
        out.print(root)


def _tree_label(node, safe) -> str:
    status = getattr(node.item, "status", None)
    due = getattr(node.item, "due", None)
    extra = f" — {safe(due)}" if due else ""
    if status:
        extra += f" [{RAG_STYLE[status.rag]}]{status.value}[/]"
    return f"[bold]{safe(node.id)}[/] {safe(node.title)}{extra}"
